from __future__ import annotations

import os
import threading
import uuid

import pytest
from sqlalchemy import func, select, text

from dossier.model import Claim, Story
from dossier.store import (
    NotFound,
    Store,
    StoreError,
    check_name,
    database_url,
    events,
    quotes,
    safe_file_name,
)
from dossier.store.diff import diff_versions
from tests.conftest import SEEDS
from tests.store.sample import rich_story, seed_builder


def _seed_documents(indexes):
    files = sorted(SEEDS.iterdir())
    return [(files[i].name, files[i].read_bytes()) for i in indexes]


POSTGRES_URL = os.environ.get("DOSSIER_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        made = Store(str(tmp_path / "stories.db"), builder=seed_builder)
    else:
        if not POSTGRES_URL:
            pytest.skip("set DOSSIER_TEST_POSTGRES_URL to run the store tests on PostgreSQL")
        made = Store(POSTGRES_URL, builder=seed_builder)
        # Each test gets its own stories (unique names) on the shared server database.
    made.prefix = "" if request.param == "sqlite" else f"t{uuid.uuid4().hex[:8]}-"
    yield made
    if request.param != "sqlite":
        for info in made.list_stories():
            if info.name.startswith(made.prefix):
                made.delete_story(info.name)
    made.close()


def test_versions_keep_history_and_diff_shows_new_articles_events_and_quotes(store):
    name = store.prefix + "syria"
    first = store.add_articles(name, _seed_documents([0, 1]), create=True, title="Syria")
    second = store.add_articles(name, _seed_documents([2, 3]))
    assert (first, second) == (1, 2)
    assert [v.articles for v in store.versions(name)] == [2, 4]
    old, new = store.story(name, 1), store.story(name)
    assert len(old.articles) == 2 and len(new.articles) == 4
    assert store.input_names(name)[:2] == [safe_file_name(d[0]) for d in _seed_documents([0, 1])]

    change = diff_versions(old, new)
    added = {a["id"] for a in change["articles_added"]}
    assert added == {a.id for a in new.articles} - {a.id for a in old.articles}
    assert all(q["article"] in added for q in change["new_quotes"])
    assert change["new_quotes"], "the two added seeds carry quotes"
    assert not change["articles_removed"]
    # Stored story JSON round-trips exactly.
    assert Story.model_validate_json(store.story_json(name, 2)) == new


def test_normalized_tables_mirror_the_story(store):
    name = store.prefix + "tables"
    store.add_articles(name, _seed_documents([0, 1, 2, 3, 4]), create=True)
    story = store.story(name)
    version_id = store.version_id(name)
    with store.engine.connect() as conn:
        n_events = conn.scalar(
            select(func.count()).select_from(events).where(events.c.version_id == version_id)
        )
        speakers = set(
            conn.scalars(select(quotes.c.speaker).where(quotes.c.version_id == version_id))
        )
    assert n_events == len(story.events)
    assert speakers == {q.speaker for q in story.quotes}


def test_diff_reports_a_revised_figure():
    old = rich_story()
    new = old.model_copy(deep=True)
    claim: Claim = new.claims[0]
    new.claims[0] = claim.model_copy(update={"value": claim.value + 1000})
    change = diff_versions(old, new)
    assert [r["after"]["id"] for r in change["revised_claims"]] == [claim.id]
    assert change["new_events"] == [] and change["new_quotes"] == []


def test_unknown_story_bad_names_and_duplicates(store):
    with pytest.raises(NotFound):
        store.story(store.prefix + "missing")
    for bad in ("../etc", "A B", "", "x" * 81, "a/b"):
        with pytest.raises(StoreError):
            check_name(bad)
    store.create_story(store.prefix + "once")
    with pytest.raises(StoreError, match="already exists"):
        store.create_story(store.prefix + "once")


def test_safe_file_names_drop_folders_and_odd_characters():
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\x\\..\\evil<script>.txt") == "evil_script_.txt"
    assert safe_file_name("...") == "document.txt"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("x.db").startswith("sqlite:///")


def test_parallel_writers_and_readers_do_not_corrupt_the_store(store):
    name = store.prefix + "busy"
    store.add_articles(name, _seed_documents([0]), create=True)
    base = rich_story()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for _ in range(3):
                store.add_version(name, base, note=f"writer {n}")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    def reader() -> None:
        try:
            for _ in range(10):
                story = store.story(name)
                assert story.articles
                store.list_stories()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    threads += [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    numbers = [v.number for v in store.versions(name)]
    assert numbers == list(range(1, 14))
    if store.is_sqlite:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_parallel_writers_from_separate_store_objects(tmp_path):
    """Two Store objects on one SQLite file (as two processes would be) writing at once."""
    path = str(tmp_path / "shared.db")
    stores = [Store(path, builder=seed_builder) for _ in range(3)]
    stores[0].create_story("shared")
    story = rich_story()
    errors: list[BaseException] = []

    def write(store: Store) -> None:
        try:
            for _ in range(4):
                store.add_version("shared", story)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert [v.number for v in stores[1].versions("shared")] == list(range(1, 13))


def test_delete_story_removes_its_rows(store):
    name = store.prefix + "gone"
    store.add_articles(name, _seed_documents([0]), create=True)
    store.delete_story(name)
    assert name not in {s.name for s in store.list_stories()}
    with pytest.raises(NotFound):
        store.versions(name)


@pytest.mark.slow
def test_adding_articles_rebuilds_with_the_real_pipeline(tmp_path):
    store = Store(str(tmp_path / "real.db"))
    assert store.add_articles("real", _seed_documents([0, 1]), create=True) == 1
    assert store.add_articles("real", _seed_documents([2])) == 2
    old, new = store.story("real", 1), store.story("real", 2)
    assert (len(old.articles), len(new.articles)) == (2, 3)
    added = diff_versions(old, new)["articles_added"]
    assert [a["title"] for a in added] == [
        a.title for a in new.articles if a.id not in {o.id for o in old.articles}
    ]
    # An unusable document does not spoil the story: the rebuild reports it as a problem.
    assert store.add_articles("real", [("empty.txt", b"")]) == 3
    third = store.story("real", 3)
    assert len(third.articles) == 3
    assert any(p.path.endswith("empty.txt") for p in third.problems)
    with pytest.raises(StoreError, match="no usable article"):
        store.add_articles("nothing", [("empty.txt", b"")], create=True)
    assert "nothing" not in {s.name for s in store.list_stories()}
