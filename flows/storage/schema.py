"""The warehouse's schema revision (`schemas.revisions`): read it, refuse one this release
does not know, and bring a warehouse to this release's revision in one transaction under
the schema's lock (`ensure_schema`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from flows.storage.failures import (
    WarehouseError,
    WarehouseUnusable,
    _sqlite_file,
    _sqlite_pragmas,
    safe_url,
)
from flows.storage.locking import (
    _LOCK_NAMESPACE,
    _LOCK_POLL_SECONDS,
    _file_lock,
    remove_finished_locks,
)
from schemas import revisions
from schemas import tables as t

SCHEMA_WAIT_SECONDS = 120.0  # how long a command waits for another one's upgrade


class WarehouseOutdated(WarehouseUnusable):
    """The warehouse is at an older revision and this command does not upgrade it."""


class WarehouseTooNew(WarehouseUnusable):
    """The warehouse is at a revision this release does not know: a newer one wrote it."""


@dataclass(frozen=True)
class SchemaState:
    """Where a warehouse's layout stands (`schemas.revisions`)."""

    revision: str | None  # recorded in alembic_version; None: not recorded
    has_tables: bool  # any table of the warehouse exists

    @property
    def is_empty(self) -> bool:
        return self.revision is None and not self.has_tables

    @property
    def is_current(self) -> bool:
        return self.revision == revisions.HEAD

    @property
    def is_known(self) -> bool:
        return self.revision is None or self.revision in revisions.REVISIONS


def schema_state(conn: sa.Connection) -> SchemaState:
    names = set(sa.inspect(conn).get_table_names())
    found = None
    if revisions.VERSION_TABLE in names:
        rows = conn.exec_driver_sql(f"SELECT version_num FROM {revisions.VERSION_TABLE}")
        found = ", ".join(sorted(rows.scalars())) or None
    return SchemaState(found, bool(names & set(t.TABLES_BY_NAME)))


def _found(state: SchemaState) -> str:
    """Where a warehouse stands, as messages say it."""
    if state.revision is None:
        return "records no revision (a release from before revisions were recorded wrote it)"
    return f"is at revision {state.revision}"


def _too_new(state: SchemaState, url) -> WarehouseTooNew:
    return WarehouseTooNew(
        f"the warehouse at {safe_url(url)} is at revision {state.revision}, which this "
        f"release does not know (its newest is {revisions.HEAD}): a newer release wrote "
        "it. Use that release or a later one; nothing was changed"
    )


def require_current(conn: sa.Connection, url) -> SchemaState:
    """The warehouse's state, if this release can read it as it is: its tables exist at
    this release's revision. Else the error that says what to do."""
    state = schema_state(conn)
    if not state.is_known:
        raise _too_new(state, url)
    if state.is_empty:
        raise WarehouseUnusable(
            f"the warehouse at {safe_url(url)} has no tables yet; publish a month first "
            "(kpi run), which creates them"
        )
    if not state.is_current:
        raise WarehouseOutdated(
            f"the warehouse at {safe_url(url)} {_found(state)}; "
            f"this release reads revision {revisions.HEAD}. Upgrade it with kpi db upgrade "
            "(the next kpi run, backfill or demo also does); this command changes nothing"
        )
    return state


@dataclass(frozen=True)
class Upgrade:
    """What `ensure_schema` did: ``before`` None with ``created``: a new warehouse."""

    before: str | None
    after: str
    created: bool = False


def _transactional(engine: sa.Engine) -> sa.Engine:
    """An engine whose transactions hold DDL too: pysqlite commits by itself around DDL
    unless it is told not to manage transactions at all, so SQLite gets an explicit
    ``BEGIN IMMEDIATE`` (which also keeps other writers out until the commit)."""
    if engine.dialect.name != "sqlite":
        return engine
    own = sa.create_engine(engine.url, poolclass=sa.pool.NullPool)

    @sa.event.listens_for(own, "connect")
    def _connect(dbapi_connection, record):
        dbapi_connection.isolation_level = None
        _sqlite_pragmas(dbapi_connection, record)

    @sa.event.listens_for(own, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return own


def _pg_schema_lock(conn: sa.Connection, deadline: float) -> None:
    """PostgreSQL: the schema's advisory lock for this transaction (key 0 is no month's)."""
    key = {"ns": _LOCK_NAMESPACE}
    while not conn.execute(sa.text("SELECT pg_try_advisory_xact_lock(:ns, 0)"), key).scalar():
        if time.monotonic() > deadline:
            raise WarehouseError(
                "the warehouse is being upgraded by another command, which still holds it; "
                "wait for it to finish, then run again"
            )
        time.sleep(_LOCK_POLL_SECONDS)


@contextlib.contextmanager
def _schema_lock(engine: sa.Engine, deadline: float) -> Iterator[None]:
    """SQLite: a file lock beside the database for the whole upgrade (PostgreSQL takes
    its advisory lock inside the upgrade's transaction)."""
    if engine.dialect.name != "sqlite":
        yield
        return
    who = {"command": "upgrade", "pid": os.getpid(), "host": socket.gethostname()}

    def refuse(holder: str) -> WarehouseError:
        return WarehouseError(
            f"the warehouse is being upgraded by another command ({holder}); wait for it to "
            "finish, then run again"
        )

    path = Path(f"{_sqlite_file(engine.url)}.upgrade.lock")
    with _file_lock(path, who, deadline, refuse):
        yield


def ensure_schema(engine: sa.Engine, *, wait_seconds: float | None = None) -> Upgrade | None:
    """The warehouse at this release's revision (`schemas.revisions`): a new one created
    at it, an older one upgraded in place, in one transaction under the schema's lock.
    Returns what was done, None when it was current already. `WarehouseTooNew` for a
    revision this release does not know."""
    with engine.connect() as conn:
        state = schema_state(conn)
    if state.is_current:
        return None
    if not state.is_known:
        raise _too_new(state, engine.url)
    deadline = time.monotonic() + (SCHEMA_WAIT_SECONDS if wait_seconds is None else wait_seconds)
    with _schema_lock(engine, deadline):
        upgrader = _transactional(engine)
        try:
            with upgrader.begin() as conn:
                if conn.dialect.name == "postgresql":
                    _pg_schema_lock(conn, deadline)
                state = schema_state(conn)  # again, now that no one else can change it
                if state.is_current:
                    return None
                if not state.is_known:
                    raise _too_new(state, engine.url)
                if state.is_empty:
                    revisions.create(conn)
                    return Upgrade(None, revisions.HEAD, created=True)
                revisions.upgrade(conn)
        finally:
            if upgrader is not engine:
                upgrader.dispose()
        remove_finished_locks(engine)
    return Upgrade(state.revision, revisions.HEAD)
