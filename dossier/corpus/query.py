"""`dossier query`: SQL over a corpus's Parquet tables with DuckDB (one view per table)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path


class QueryError(Exception):
    pass


def connect(corpus_dir: Path):
    import duckdb

    tables = corpus_dir / "tables"
    if not tables.is_dir():
        raise QueryError(f"{corpus_dir} has no tables/ folder: run `dossier corpus build` first")
    connection = duckdb.connect()
    for path in sorted(tables.glob("*.parquet")):
        literal = str(path).replace("'", "''")
        view = f"CREATE VIEW \"{path.stem}\" AS SELECT * FROM read_parquet('{literal}')"
        connection.execute(view)
    return connection


def run_query(corpus_dir: Path, sql: str, fmt: str = "table") -> str:
    import duckdb

    connection = connect(corpus_dir)
    try:
        result = connection.execute(sql)
    except duckdb.Error as exc:
        raise QueryError(str(exc).splitlines()[0]) from exc
    columns = [d[0] for d in result.description or []]
    rows = result.fetchall()
    if fmt == "json":
        return json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        return out.getvalue()
    return _table(columns, rows)


def _table(columns: list[str], rows: list[tuple]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [min(len(r[i]), 60) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in cells:
        out.append("  ".join(v[:60].ljust(w) for v, w in zip(row, widths, strict=True)))
    out.append(f"({len(rows)} rows)")
    return "\n".join(out) + "\n"
