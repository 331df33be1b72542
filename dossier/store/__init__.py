"""The story store: several stories per database, each a list of immutable versions.

A version keeps the whole `story.json` (the source of truth, returned as is) plus a few
normalized tables (articles, actors, events, quotes, claims) so the database is useful to SQL
users and tools on its own. The input documents of a story are kept too: adding articles
rebuilds the story from all its inputs and stores the result as the next version, so earlier
versions stay and can be compared (`diff_versions`).

One code path for SQLite (the default, a file) and PostgreSQL (`postgresql+psycopg://`).
SQLite runs in WAL mode with a busy timeout and write transactions start with
`BEGIN IMMEDIATE`, so parallel writers queue instead of failing; version numbers are unique
per story and allocated inside the write transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError

from dossier.model import Story

metadata = MetaData()

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("title", Text),
    Column("created", DateTime(timezone=True), nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    Column("articles", Integer, nullable=False),
    Column("story_json", Text, nullable=False),
    UniqueConstraint("story_id", "number", name="uq_version_number"),
)

inputs = Table(
    "inputs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("added", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), primary_key=True),
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", Date),
    Column("path", Text),
    Column("language", String(8)),
)

actors = Table(
    "actors",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(200), primary_key=True),
    Column("name", Text),
    Column("type", String(32)),
    Column("mentions", Integer),
)

events = Table(
    "events",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(200), primary_key=True),
    Column("type", String(32)),
    Column("mode", Text),
    Column("date", String(32)),
    Column("source", JSON),
    Column("target", JSON),
    Column("place", Text),
    Column("context", String(32)),
    Column("article_id", String(64)),
    Column("start", Integer),
    Column("end", Integer),
)

quotes = Table(
    "quotes",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("quote_id", String(200), primary_key=True),
    Column("speaker", String(200)),
    Column("speaker_text", Text),
    Column("text", Text),
    Column("direct", Integer),
    Column("article_id", String(64)),
    Column("start", Integer),
    Column("end", Integer),
)

claims = Table(
    "claims",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(200), primary_key=True),
    Column("what", Text),
    Column("text", Text),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("claimant", String(200)),
    Column("article_id", String(64)),
    Column("start", Integer),
    Column("end", Integer),
)

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
DEFAULT_DB = "stories.db"


class StoreError(ValueError):
    """A request the store refuses: unknown story, bad name, nothing usable to build."""


class NotFound(StoreError):
    pass


@dataclass(frozen=True)
class StoryInfo:
    name: str
    title: str | None
    created: dt.datetime
    versions: int
    articles: int


@dataclass(frozen=True)
class VersionInfo:
    id: int
    number: int
    created: dt.datetime
    note: str | None
    articles: int


# A builder turns a folder of input documents into a Story (the default runs the pipeline).
Builder = Callable[[Path], Story]


def slugify(text: str) -> str:
    """A story name from a free title: lower case letters, digits, '-' and '_' only."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    return slug[:80] or "story"


def check_name(name: str) -> str:
    if not NAME_PATTERN.match(name):
        raise StoreError(
            f"not a story name: {name!r} (lower-case letters, digits, '-' and '_', "
            "at most 80 characters)"
        )
    return name


def safe_file_name(name: str) -> str:
    """The last component of an uploaded file name, reduced to harmless characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".")
    return base[:120] or "document.txt"


def database_url(db: str) -> str:
    """A SQLAlchemy URL for `--db`: a URL as is, anything else a SQLite file path."""
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db.removeprefix("postgresql://")
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def pipeline_builder(folder: Path) -> Story:
    """Build a story from the documents in `folder` with the full pipeline."""
    from dossier.pipeline import STORY_FILE, build

    with tempfile.TemporaryDirectory(prefix="dossier-build-") as tmp:
        out = Path(tmp) / "out"
        result = build([str(folder)], out)
        if not result.built:
            reasons = "; ".join(f"{p.path}: {p.reason}" for p in result.problems[:5])
            raise StoreError(f"no usable article in the inputs ({reasons or 'nothing read'})")
        return Story.model_validate_json((out / STORY_FILE).read_text(encoding="utf-8"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    def __init__(self, url: str, builder: Builder | None = None):
        self.url = database_url(url)
        self.builder = builder or pipeline_builder
        self.engine = _make_engine(self.url)
        metadata.create_all(self.engine)
        # Versions never change once written, so parsed stories can be cached by version id.
        self._parsed = functools.lru_cache(maxsize=16)(self._parse_version)
        self._build_lock = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(dossier_write=True) as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # -- stories ---------------------------------------------------------------------------

    def list_stories(self) -> list[StoryInfo]:
        latest = (
            select(versions.c.story_id, func.max(versions.c.number).label("n"))
            .group_by(versions.c.story_id)
            .subquery()
        )
        query = (
            select(stories, latest.c.n, versions.c.articles)
            .join(latest, latest.c.story_id == stories.c.id, isouter=True)
            .join(
                versions,
                (versions.c.story_id == stories.c.id) & (versions.c.number == latest.c.n),
                isouter=True,
            )
            .order_by(stories.c.created.desc(), stories.c.name)
        )
        with self._read() as conn:
            return [
                StoryInfo(r.name, r.title, r.created, r.n or 0, r.articles or 0)
                for r in conn.execute(query)
            ]

    def story_info(self, name: str) -> StoryInfo:
        for info in self.list_stories():
            if info.name == name:
                return info
        raise NotFound(f"no story named {name!r}")

    def _story_id(self, conn: Connection, name: str, lock: bool = False) -> int:
        query = select(stories.c.id).where(stories.c.name == check_name(name))
        if lock:
            # PostgreSQL: writers of one story queue on its row (SQLite has BEGIN IMMEDIATE).
            query = query.with_for_update()
        story_id = conn.scalar(query)
        if story_id is None:
            raise NotFound(f"no story named {name!r}")
        return story_id

    def create_story(self, name: str, title: str | None = None) -> None:
        try:
            with self._write() as conn:
                conn.execute(
                    stories.insert().values(name=check_name(name), title=title, created=_now())
                )
        except IntegrityError as exc:
            raise StoreError(f"a story named {name!r} already exists") from exc

    def delete_story(self, name: str) -> None:
        with self._write() as conn:
            story_id = self._story_id(conn, name)
            version_ids = select(versions.c.id).where(versions.c.story_id == story_id)
            for table in (articles, actors, events, quotes, claims):
                conn.execute(table.delete().where(table.c.version_id.in_(version_ids)))
            conn.execute(versions.delete().where(versions.c.story_id == story_id))
            conn.execute(inputs.delete().where(inputs.c.story_id == story_id))
            conn.execute(stories.delete().where(stories.c.id == story_id))

    # -- versions --------------------------------------------------------------------------

    def versions(self, name: str) -> list[VersionInfo]:
        with self._read() as conn:
            story_id = self._story_id(conn, name)
            rows = conn.execute(
                select(
                    versions.c.id, versions.c.number, versions.c.created, versions.c.note,
                    versions.c.articles,
                )
                .where(versions.c.story_id == story_id)
                .order_by(versions.c.number)
            )
            return [VersionInfo(r.id, r.number, r.created, r.note, r.articles) for r in rows]

    def version_id(self, name: str, number: int | None = None) -> int:
        """The id of version `number` of a story (its latest when None)."""
        with self._read() as conn:
            story_id = self._story_id(conn, name)
            query = select(versions.c.id).where(versions.c.story_id == story_id)
            if number is None:
                query = query.order_by(versions.c.number.desc()).limit(1)
            else:
                query = query.where(versions.c.number == number)
            version = conn.scalar(query)
        if version is None:
            raise NotFound(
                f"story {name!r} has no version {number}" if number else f"{name!r} is empty"
            )
        return version

    def story(self, name: str, number: int | None = None) -> Story:
        return self._parsed(self.version_id(name, number))

    def story_json(self, name: str, number: int | None = None) -> str:
        version = self.version_id(name, number)
        with self._read() as conn:
            return conn.scalar(select(versions.c.story_json).where(versions.c.id == version))

    def _parse_version(self, version_id: int) -> Story:
        with self._read() as conn:
            text = conn.scalar(select(versions.c.story_json).where(versions.c.id == version_id))
        return Story.model_validate_json(text)

    def add_version(self, name: str, story: Story, note: str | None = None) -> int:
        """Store `story` as the next version of story `name`; returns the version number."""
        for _ in range(5):
            try:
                with self._write() as conn:
                    story_id = self._story_id(conn, name, lock=True)
                    number = 1 + (
                        conn.scalar(
                            select(func.max(versions.c.number)).where(
                                versions.c.story_id == story_id
                            )
                        )
                        or 0
                    )
                    version_id = conn.execute(
                        versions.insert().values(
                            story_id=story_id, number=number, created=_now(), note=note,
                            articles=len(story.articles), story_json=story.model_dump_json(),
                        )
                    ).inserted_primary_key[0]
                    _insert_rows(conn, version_id, story)
                    return number
            except IntegrityError:
                # Another writer took this number first (PostgreSQL); take the next one.
                continue
        raise StoreError(f"could not store a new version of {name!r}: too many parallel writers")

    # -- inputs and builds -----------------------------------------------------------------

    def input_names(self, name: str) -> list[str]:
        with self._read() as conn:
            story_id = self._story_id(conn, name)
            return list(
                conn.scalars(
                    select(inputs.c.name).where(inputs.c.story_id == story_id).order_by(inputs.c.id)
                )
            )

    def add_inputs(self, name: str, documents: Sequence[tuple[str, bytes]]) -> list[int]:
        with self._write() as conn:
            story_id = self._story_id(conn, name)
            return [
                conn.execute(
                    inputs.insert().values(
                        story_id=story_id, name=safe_file_name(file_name), content=content,
                        added=_now(),
                    )
                ).inserted_primary_key[0]
                for file_name, content in documents
            ]

    def _remove_inputs(self, ids: list[int]) -> None:
        with self._write() as conn:
            conn.execute(inputs.delete().where(inputs.c.id.in_(ids)))

    def _write_inputs(self, name: str, folder: Path) -> int:
        with self._read() as conn:
            story_id = self._story_id(conn, name)
            rows = conn.execute(
                select(inputs.c.id, inputs.c.name, inputs.c.content)
                .where(inputs.c.story_id == story_id)
                .order_by(inputs.c.id)
            ).all()
        for row in rows:
            # Numbered so two uploads with the same name never overwrite each other.
            (folder / f"{row.id:06d}_{safe_file_name(row.name)}").write_bytes(row.content)
        return len(rows)

    def add_articles(
        self,
        name: str,
        documents: Sequence[tuple[str, bytes]],
        note: str | None = None,
        create: bool = False,
        title: str | None = None,
    ) -> int:
        """Add input documents to a story (creating it if asked), rebuild it from all its
        inputs and store the result as a new version. Returns the version number."""
        if not documents:
            raise StoreError("no documents given")
        if create:
            self.create_story(name, title)
        added = self.add_inputs(name, documents)
        try:
            story = self._rebuild(name)
        except Exception:
            # A failed build leaves the story as it was (or not there at all).
            if create:
                self.delete_story(name)
            else:
                self._remove_inputs(added)
            raise
        note = note or f"{len(documents)} document(s) added"
        return self.add_version(name, story, note)

    def _rebuild(self, name: str) -> Story:
        # One build at a time per process: builds are CPU-bound and load the NLP models; a
        # build from another process is caught by comparing input counts.
        with self._build_lock:
            for _ in range(3):
                with tempfile.TemporaryDirectory(prefix="dossier-inputs-") as tmp:
                    count = self._write_inputs(name, Path(tmp))
                    story = self.builder(Path(tmp))
                if count == len(self.input_names(name)):
                    break
        return story

    def import_story(
        self,
        name: str,
        story: Story,
        documents: Sequence[tuple[str, bytes]] = (),
        note: str | None = None,
        title: str | None = None,
    ) -> int:
        """Store a story built elsewhere (e.g. by `dossier build --db`) as a new version,
        creating the story if needed. The build was made from exactly `documents`, so when
        given they replace the inputs kept for later rebuilds."""
        with contextlib.suppress(StoreError):
            self.create_story(name, title)
        if documents:
            with self._write() as conn:
                story_id = self._story_id(conn, name, lock=True)
                conn.execute(inputs.delete().where(inputs.c.story_id == story_id))
            self.add_inputs(name, documents)
        return self.add_version(name, story, note or "imported build")


def _insert_rows(conn: Connection, version_id: int, story: Story) -> None:
    rows = [
        dict(
            version_id=version_id, article_id=a.id, title=a.title, source=a.source, url=a.url,
            published=a.published, path=a.path, language=a.language,
        )
        for a in story.articles
    ]
    conn.execute(articles.insert(), rows)
    if story.actors:
        conn.execute(
            actors.insert(),
            [
                dict(
                    version_id=version_id, actor_id=a.id, name=a.name, type=a.type,
                    mentions=len(a.mentions),
                )
                for a in _unique(story.actors)
            ],
        )
    if story.events:
        conn.execute(
            events.insert(),
            [
                dict(
                    version_id=version_id, event_id=e.id, type=e.type, mode=e.mode,
                    date=e.date.value if e.date else None, source=e.source, target=e.target,
                    place=e.place, context=e.context, article_id=e.article, start=e.start,
                    end=e.end,
                )
                for e in _unique(story.events)
            ],
        )
    if story.quotes:
        conn.execute(
            quotes.insert(),
            [
                dict(
                    version_id=version_id, quote_id=q.id, speaker=q.speaker,
                    speaker_text=q.speaker_text, text=q.text, direct=int(q.direct),
                    article_id=q.article, start=q.start, end=q.end,
                )
                for q in _unique(story.quotes)
            ],
        )
    if story.claims:
        conn.execute(
            claims.insert(),
            [
                dict(
                    version_id=version_id, claim_id=c.id, what=c.what, text=c.text,
                    value=c.value, low=c.low, high=c.high, claimant=c.claimant,
                    article_id=c.article, start=c.start, end=c.end,
                )
                for c in _unique(story.claims)
            ],
        )


def _unique(items: Sequence) -> list:
    """Items with distinct ids (the first of each), so a duplicated id cannot fail a load."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            out.append(item)
    return out


def _make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front: a deferred transaction that upgrades from
        # read to write can fail at once with "database is locked" instead of waiting.
        write = conn.get_execution_options().get("dossier_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
