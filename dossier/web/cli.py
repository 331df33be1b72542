"""Click commands of the store and web app (`dossier serve`, `dossier export`) and the helper
`dossier build --db` calls, kept here so the main CLI only registers them."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path

import click

from dossier.export import FORMATS, TABLES

DEFAULT_DB = "stories.db"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_KEPT_INPUT_BYTES = 200_000_000


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="SQLite file (created if missing) or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any address but loopback requires a token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="DOSSIER_TOKEN",
              help="Token every request must carry (header X-Dossier-Token, or the cookie set "
              "by the login link). Generated when --host is not loopback and none is given.")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the stories of a database in the browser, with a JSON API (/docs)."""
    import uvicorn

    from dossier.store import Store
    from dossier.web import create_app

    if host not in LOOPBACK and not token:
        token = secrets.token_urlsafe(24)
    app = create_app(Store(db), token=token)
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"dossier: serving {db} at {link}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command(name="export")
@click.argument("story")
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="SQLite file or postgresql:// URL holding the story.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--table", type=click.Choice(TABLES), default="events", show_default=True,
              help="Which table, for csv and parquet.")
@click.option("--version", "number", type=click.IntRange(min=1),
              help="Version of the story [default: the latest].")
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="File to write.")
def export_command(
    story: str, db: str, fmt: str, table: str, number: int | None, out: Path
) -> None:
    """Export a stored story: the story file, reports, tables (events in a PLOVER/GDELT-like
    layout, quotes, claims), the actor network (gexf, graphml), TimelineJS or SQLite."""
    from dossier.export import export, export_sqlite
    from dossier.store import Store, StoreError

    if "://" not in db and not Path(db).expanduser().is_file():
        # Opening a store creates its file; an export must not leave an empty database behind.
        raise click.ClickException(f"no story database at {db} (store stories with --db)")
    store = Store(db)
    try:
        if fmt == "sqlite":
            export_sqlite(store, story, out)
        else:
            content = export(store.story(story, number), fmt, table,
                             title=store.story_info(story).title)
            out.write_bytes(content)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(f"dossier: wrote {out}", err=True)


def input_documents(paths: Iterable[str]) -> list[tuple[str, bytes]]:
    """The regular files behind build inputs (files and folders), so a stored story can be
    rebuilt when articles are added; globs and stdin are not kept."""
    documents: list[tuple[str, bytes]] = []
    total = 0
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if not file.is_file() or file.name.startswith("."):
                continue
            total += file.stat().st_size
            if total > MAX_KEPT_INPUT_BYTES:
                return documents
            documents.append((file.name, file.read_bytes()))
    return documents


def store_build(db: str, story_name: str | None, out_dir: Path, paths: Iterable[str],
                title: str | None = None) -> tuple[str, int]:
    """Store the story just built in `out_dir` as a new version of `story_name` (default: the
    output folder's name), with its input files; returns (name, version)."""
    from dossier.model import Story
    from dossier.pipeline import STORY_FILE
    from dossier.store import Store, check_name, slugify

    name = check_name(story_name or slugify(out_dir.resolve().name))
    story = Story.model_validate_json((out_dir / STORY_FILE).read_text(encoding="utf-8"))
    store = Store(db)
    try:
        version = store.import_story(name, story, input_documents(paths), title=title)
    finally:
        store.close()
    return name, version


