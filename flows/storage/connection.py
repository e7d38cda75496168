"""Opening the warehouse (`connect`), at this release's revision for a publishing command
or refusing one at another revision for the others; ``kpi db upgrade`` and ``kpi db
current`` (`upgrade`, `current`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import sqlalchemy as sa

from flows.common.settings import url_problem
from flows.storage.failures import (
    WarehouseUnusable,
    _sqlite_file,
    _sqlite_pragmas,
    failure,
    safe_url,
)
from flows.storage.schema import (
    SchemaState,
    Upgrade,
    _too_new,
    ensure_schema,
    require_current,
    schema_state,
)


def check_url(url: str) -> sa.URL:
    """The parsed URL, or an error that says what is wrong with it (no connection made)."""
    problem = url_problem(url) if isinstance(url, str) else None
    if problem:  # a port that is not a number passes make_url and fails later
        raise WarehouseUnusable(problem)
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise WarehouseUnusable(
            f"{safe_url(url) if '://' in url else repr(url)} is not a database URL; use "
            "sqlite:///path/to/file.db or postgresql://user:password@host/database "
            "(--warehouse or KPI_WAREHOUSE_URL)"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise WarehouseUnusable(
            f"{safe_url(parsed)}: only SQLite and PostgreSQL warehouses are supported"
        )
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise WarehouseUnusable("an SQLite warehouse must be a file: sqlite:///path/to/file.db")
        folder = _sqlite_file(parsed).resolve().parent
        if not folder.is_dir():
            raise WarehouseUnusable(
                f"the warehouse file's folder {folder} does not exist; create it or fix "
                f"the URL {safe_url(parsed)}"
            )
    if backend == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _engine(parsed: sa.URL) -> sa.Engine:
    engine = sa.create_engine(parsed, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _no_sqlite_file(parsed: sa.URL) -> WarehouseUnusable | None:
    if parsed.get_backend_name() == "sqlite" and not _sqlite_file(parsed).is_file():
        return WarehouseUnusable(
            f"there is no SQLite warehouse at {_sqlite_file(parsed)}; "
            "check --warehouse (KPI_WAREHOUSE_URL), or create it: publish a month "
            "(kpi run), or kpi db upgrade for an empty one"
        )
    return None


@contextlib.contextmanager
def _told(engine: sa.Engine, parsed: sa.URL) -> Iterator[None]:
    """Database failures in words; the engine disposed of when anything fails."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        error = failure(exc, parsed)
        if error is None:
            raise
        raise error from None
    except BaseException:
        engine.dispose()
        raise


def connect(url: str, *, upgrade: bool = True) -> sa.Engine:
    """An engine on the warehouse at this release's revision; a clear error when it is
    unreachable or unusable (the URL in messages never shows a password).

    ``upgrade`` (the commands that publish): a new warehouse is created, an older one
    upgraded (`ensure_schema`). ``upgrade=False`` (every other command): nothing is
    created or changed, so a read-only role or copy works; an SQLite file must exist, and
    a warehouse at another revision is refused with what to do (`require_current`)."""
    parsed = check_url(url)
    if not upgrade and (missing := _no_sqlite_file(parsed)):
        raise missing
    engine = _engine(parsed)
    with _told(engine, parsed):
        if upgrade:
            ensure_schema(engine)
        else:
            with engine.connect() as conn:
                require_current(conn, parsed)
    return engine


def upgrade(url: str) -> Upgrade | None:
    """`kpi db upgrade`: the warehouse at ``url`` at this release's revision, created when
    there is none (`ensure_schema`)."""
    parsed = check_url(url)
    engine = _engine(parsed)
    with _told(engine, parsed):
        done = ensure_schema(engine)
    engine.dispose()
    return done


def current(url: str) -> SchemaState:
    """`kpi db current`: where the warehouse at ``url`` stands; nothing is changed.
    `WarehouseTooNew` for a revision this release does not know."""
    parsed = check_url(url)
    if missing := _no_sqlite_file(parsed):
        raise missing
    engine = _engine(parsed)
    with _told(engine, parsed), engine.connect() as conn:
        state = schema_state(conn)
    engine.dispose()
    if not state.is_known:
        raise _too_new(state, parsed)
    return state
