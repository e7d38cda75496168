"""Warehouses written by earlier releases (tests/data/warehouses, see its make.py), and
what a test compares between two warehouses: their layout as the database keeps it and
their rows per table."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import sqlalchemy as sa

FOLDER = Path(__file__).resolve().parent / "data" / "warehouses"
# Kept: every earlier layout worth one (see make.py), and one warehouse that lived
# through all of them.
OLD = ("l1", "l2", "l3", "l4", "l5", "l7", "l8", "lived")


def restore(name: str, url: str, server=None) -> str:
    """Puts the earlier release's warehouse ``name`` at ``url``: an SQLite URL whose file
    is not there yet (the lock files the release left come along), or an empty
    PostgreSQL database of ``server`` (its dump, through psql)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = Path(parsed.database)
        shutil.copy(FOLDER / f"{name}.db", database)
        for lock in FOLDER.glob(f"{name}.db.????-??.lock"):
            shutil.copy(
                lock, database.parent / f"{database.name}{lock.name.removeprefix(name + '.db')}"
            )
        return url
    subprocess.run(
        [
            str(server.bindir / "psql"),
            *("-q", "-v", "ON_ERROR_STOP=1", "-h", server.host, "-p", str(server.port)),
            *("-U", server.user, "-d", parsed.database, "-f", str(FOLDER / f"{name}.sql")),
        ],
        check=True,
        capture_output=True,
    )
    return url


def layout(url: str) -> dict[str, list[tuple]]:
    """Everything of the layout the database keeps: SQLite's stored CREATE statements
    (columns in order, types, NOT NULL, defaults, keys, comments) of every table, index
    and view; PostgreSQL's catalog: every column in order with its type, NOT NULL,
    default and comment, every table's and view's comment, view definitions, indexes and
    constraints."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            found = {
                "sqlite_master": conn.execute(
                    sa.text(
                        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
                    )
                ).all()
            }
        else:
            queries = {
                "columns": "SELECT c.relname, a.attnum, a.attname, "
                "format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                "pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum) "
                "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
                "AND NOT a.attisdropped LEFT JOIN pg_attrdef d ON d.adrelid = c.oid "
                "AND d.adnum = a.attnum WHERE c.relnamespace = CAST('public' AS regnamespace) "
                "AND c.relkind IN ('r', 'v') ORDER BY 1, 2",
                "relations": "SELECT relname, relkind, obj_description(oid, 'pg_class'), "
                "CASE WHEN relkind = 'v' THEN pg_get_viewdef(oid) END FROM pg_class "
                "WHERE relnamespace = CAST('public' AS regnamespace) "
                "AND relkind IN ('r', 'v', 'i', 'S') ORDER BY 1",
                "indexes": "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = 'public' ORDER BY 1",
                "constraints": "SELECT conname, CAST(conrelid AS regclass), "
                "pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = CAST('public' AS regnamespace) ORDER BY 1",
            }
            found = {k: conn.execute(sa.text(q)).all() for k, q in queries.items()}
    engine.dispose()
    return {k: [tuple(map(str, row)) for row in rows] for k, rows in found.items()}


def row_counts(url: str) -> dict[str, int]:
    """Rows per table of the warehouse (Alembic's own table left out)."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = [n for n in sa.inspect(conn).get_table_names() if n != "alembic_version"]
        counts = {n: conn.execute(sa.text(f"SELECT COUNT(*) FROM {n}")).scalar() for n in names}
    engine.dispose()
    return counts
