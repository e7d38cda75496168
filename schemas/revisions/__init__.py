"""The warehouse's schema revisions (`warehouse.md`): Alembic, one script per change of
the layout of `schemas.tables`, in ``versions/``; the warehouse records its revision in
Alembic's ``alembic_version`` table.

- A new warehouse is created at the head revision (`create`): the tables, indexes, views
  and comments as `schemas.tables` defines them, then stamped.
- An older one is upgraded (`upgrade`): the views are dropped, the revisions after its
  own run, SQLite's tables get their comments back into their ``CREATE`` text
  (`ddl.settle_sqlite`), and the views are created again. A warehouse written before
  revisions were recorded has none: revision ``0001`` takes any of those layouts to
  exactly the last of them, whatever release wrote it.
- Both run on the caller's connection and transaction; `flows.storage` holds the lock
  and the transaction, and decides when (publishing commands and ``kpi db upgrade``).

Views hold no data and depend on the tables, so they are not in the scripts: every
upgrade recreates them as this release defines them. A change of a view is still a
revision (a script with nothing to do but its docstring), so that a warehouse of the
previous release is known to need it.

Writing a revision (after changing `schemas.tables`): ``python -m schemas.revisions new
"what changed"`` autogenerates the script against a scratch warehouse at the head
(batch mode, for SQLite); review it by hand (a new NOT NULL column needs a value for
the rows there are, a data migration is plain SQL in the script), add it to
`REVISIONS`, set `LAYOUT` to what ``python -m schemas.revisions digest`` prints, and
keep an old warehouse in ``tests/data/warehouses`` if the change is worth one.

This module imports nothing but the standard library: commands that only read check the
revision against `REVISIONS` without loading Alembic.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
VERSION_TABLE = "alembic_version"

# Every revision, oldest first: what it changed.
REVISIONS = {
    "0001": "the layout of the releases before revisions were recorded (up to 2026-12-04)",
    "0002": "kpi_scheme, the scheme files runs used; kpi_run.scheme_sha256",
    "0003": "kpi_stale_month.is_stale (stale or no longer); every view column described",
    "0004": "kpi_run: a running row while a run works (finished_at null until it ends)",
    "0005": "kpi_agent_monthly.is_recognized (outstanding performers)",
    "0006": "kpi_improvement_plan; v_improvement_plan and v_training_need",
}
HEAD = next(reversed(REVISIONS))
# `layout_digest` of `schemas.tables` at HEAD: a test fails when the layout changes
# without a revision.
LAYOUT = "99f06bb9c0e11b47"


def refuse_downgrade() -> None:
    """Every revision's ``downgrade``: a warehouse is never downgraded (a downgrade would
    drop what later releases recorded); an older release refuses a newer warehouse, and
    going back means restoring a backup."""
    raise RuntimeError("a warehouse is never downgraded: restore a backup instead")


def layout_digest() -> str:
    """A hash of the layout a new warehouse gets (tables, indexes, views, comments, both
    dialects)."""
    from sqlalchemy.dialects import postgresql, sqlite

    from schemas import tables as t

    parts = []
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        for table in t.TABLES:
            parts += t.table_statements(table, dialect) + t.comment_statements(table)
        parts += [t.view_statement(view, dialect) + view.comment for view in t.VIEWS]
    parts += [s for view in t.VIEWS for s in t.view_comment_statements(view)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def config(connection=None):
    """Alembic's configuration of this folder, on ``connection`` (see ``env.py``)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(FOLDER))
    cfg.set_main_option("version_table", VERSION_TABLE)
    cfg.attributes["connection"] = connection
    return cfg


def create(conn) -> None:
    """A new warehouse at the head revision, on ``conn`` (an empty database)."""
    from alembic import command

    from schemas import tables as t
    from schemas.revisions import ddl

    for table in t.TABLES:
        ddl.create_table(conn, table)
    ddl.create_views(conn, t.VIEWS)
    command.stamp(config(conn), HEAD)


def upgrade(conn) -> None:
    """The warehouse on ``conn`` (at an older revision, or written before revisions were
    recorded) upgraded to the head revision, views and SQLite's comments included."""
    from alembic import command

    from schemas import tables as t
    from schemas.revisions import ddl

    ddl.drop_views(conn, t.VIEWS)
    command.upgrade(config(conn), HEAD)
    if conn.dialect.name == "sqlite":
        ddl.settle_sqlite(conn, t.METADATA)
    else:  # comments follow the release, as SQLite's CREATE text does after settling
        ddl.set_comments(conn, t.TABLES)
    ddl.create_views(conn, t.VIEWS)
