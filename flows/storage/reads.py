"""The warehouse (`warehouse.md`): the only module that talks to it.

- Schema: `schemas.tables` defines every table and view, `schemas.revisions` every
  change of that layout (Alembic). A publishing command (`connect`) and ``kpi db
  upgrade`` (`upgrade`) bring the warehouse to this release's revision first
  (`ensure_schema`): a new one is created at it, an older one upgraded in place, in one
  transaction (SQLite included: an explicit ``BEGIN IMMEDIATE``), under a lock (a file
  beside an SQLite warehouse, PostgreSQL's advisory lock), never dropping data. A
  warehouse that is current is not touched at all (views and comments take locks that
  BI sessions would wait on). Every other command only reads the revision and refuses a
  warehouse at another one (`require_current`): ``kpi approve`` and ``kpi export
  payroll`` too, although they write rows, because changing the layout is the
  operator's decision, taken with the schema owner's rights (`docs/commands.md`). A
  revision this release does not know (a newer release wrote the warehouse) is refused
  by every command.
- Every statement is SQLAlchemy Core over those tables, so values are always bound
  parameters and reads come back typed (`read`: a polars frame in the columns' types).
- Locks: a month is locked for a whole run: a session advisory lock on a dedicated
  PostgreSQL connection, or an OS file lock beside the SQLite file (removed by its
  holder on release). Both die with the process.
- Writes are bulk: ``COPY … FROM STDIN`` on PostgreSQL, batched ``executemany`` on SQLite.
- SQLite runs in WAL mode so BI tools can read while a run writes; it stores timestamps
  as UTC text and NUMERIC as REAL, read back as UTC instants and exact decimals.
- Failures are told apart: an *outage* (the server does not answer) is worth retrying;
  a warehouse that answers but cannot be used as asked (read-only, no permission, a
  missing folder, a full disk, a wrong password) gets its own message and no retry.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import socket
import sqlite3
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.common.errors import KpiError, SchemeError
from schemas import revisions
from schemas import tables as t
from schemas.tables import (
    KPI_AGENT_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_COMPLETENESS,
    KPI_PAYROLL_ADJUSTMENT,
    KPI_PAYROLL_APPROVAL,
    KPI_PAYROLL_EXPORT,
    KPI_REJECTED_ROW,
    KPI_ROSTER_MONTHLY,
    KPI_RUN,
    KPI_RUN_INPUT,
    KPI_SCHEME,
    VERSIONED,
    polars_schema,
)
from transforms.months import previous_month

_LOCK_NAMESPACE = 20_261_026  # first key of PostgreSQL's two-key advisory locks
_SQLITE_BATCH = 50_000
_LOCK_POLL_SECONDS = 0.2
LOCK_WAIT_SECONDS = 10.0  # how long a run waits for a month another run holds
SCHEMA_WAIT_SECONDS = 120.0  # how long a command waits for another one's upgrade


# ---------------------------------------------------------------- errors


class WarehouseError(KpiError):
    """The warehouse does not answer (an outage: retried, then reported)."""

    exit_code = 4
    retryable = True


class WarehouseUnusable(WarehouseError):
    """The warehouse answers but cannot be used as asked; retrying would not help."""

    retryable = False


class MonthLocked(KpiError):
    """Another run holds the month."""

    exit_code = 4


class ConcurrentPublish(KpiError):
    """The month's current version changed while this run was working."""

    exit_code = 4


def safe_url(url: str | sa.URL) -> str:
    """The URL without its password, for messages and logs, spelled as people type it
    (SQLAlchemy escapes e.g. the colon of ``sqlite:///file:/path?mode=ro``)."""
    return urllib.parse.unquote(sa.make_url(url).render_as_string(hide_password=True))


def warehouse_key(url: str | sa.URL) -> str:
    """A short name of the warehouse a URL points at (its password left out), e.g. to keep
    a failed run for the warehouse it was meant for."""
    parsed = sa.make_url(url).set(password=None)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        parsed = parsed.set(database=str(Path(parsed.database).resolve()))
    canonical = parsed.set(drivername=parsed.get_backend_name()).render_as_string()
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def describe(url: str | sa.URL) -> str:
    """Which warehouse, for the run's log: dialect, host and database, never the
    password."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {_sqlite_file(parsed).resolve()}"
    return f"PostgreSQL database {parsed.database} on {parsed.host or 'localhost'}" + (
        f":{parsed.port}" if parsed.port else ""
    )


# SQLSTATE classes and codes of PostgreSQL that mean "not answering": worth a retry.
_PG_OUTAGE_CLASSES = ("08",)
_PG_OUTAGE_CODES = {"57P01", "57P02", "57P03", "40001", "40P01"}
# What a warehouse that answers may refuse, and what to do about it.
_PG_UNUSABLE = {
    "25006": "the database is read-only; point KPI_WAREHOUSE_URL at a writable primary",
    "42501": "the user lacks a permission it needs (create tables, write rows); grant it "
    "or use the pipeline's owner",
    "53100": "the database server's disk is full; free space, then run again",
    "3D000": "the database does not exist; create it (CREATE DATABASE) or fix the URL",
    "28P01": "the password was refused; fix KPI_WAREHOUSE_URL or the Secret block",
    "28000": "the user may not connect; fix the URL or the server's pg_hba.conf",
}
_SQLITE_UNUSABLE = {
    "readonly database": "the file (or its folder) is read-only for this user; make it "
    "writable, or run as the user that owns it",
    "unable to open database file": "the file cannot be created or opened: its folder is "
    "missing or not writable",
    "database or disk is full": "the disk is full; free space, then run again",
    "disk i/o error": "the disk reported an I/O error; check the disk and the file",
}


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def failure(
    exc: BaseException, url: str | sa.URL, *, during_run: bool = False
) -> WarehouseError | None:
    """The operator's error for a database failure, or None when ``exc`` is not one (a bug
    or an expected failure of our own)."""
    if isinstance(exc, WarehouseError):
        return exc
    if not isinstance(exc, sa.exc.DBAPIError):
        return None
    where, reason = safe_url(url), _reason(exc)
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        advice = next((a for k, a in _SQLITE_UNUSABLE.items() if k in reason.lower()), None)
        if advice:
            return WarehouseUnusable(
                f"the warehouse at {where} cannot be written: {reason}; {advice}"
            )
        if isinstance(orig, sqlite3.OperationalError) and "locked" in reason.lower():
            return WarehouseError(
                f"the warehouse at {where} stayed locked by another "
                f"program ({reason}); close it or wait, then run again"
            )
        return None
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate in _PG_UNUSABLE:
        return WarehouseUnusable(
            f"the warehouse at {where} refused: {reason}; {_PG_UNUSABLE[sqlstate]}"
        )
    outage = (
        exc.connection_invalidated
        or sqlstate is None
        and isinstance(exc, (sa.exc.OperationalError, sa.exc.InterfaceError))
        or (sqlstate or "")[:2] in _PG_OUTAGE_CLASSES
        or sqlstate in _PG_OUTAGE_CODES
    )
    if not outage:
        return None
    if during_run:
        return WarehouseError(
            f"the warehouse at {where} stopped answering during the run, after retries "
            f"({reason}). Nothing of this run became current. Check that the database "
            "server is running and reachable, then run the month again"
        )
    return WarehouseError(
        f"cannot reach the warehouse at {where}: {reason}. Check that the database server "
        "is running and that the URL, user and password (KPI_WAREHOUSE_URL or the Secret "
        "block) are right"
    )


def is_outage(exc: BaseException, url: str | sa.URL = "sqlite://") -> bool:
    """Whether a failure is the warehouse not answering (worth retrying)."""
    if isinstance(exc, KpiError):
        return exc.retryable
    found = failure(exc, url)
    return found is not None and found.retryable


def retry_on_outage(task, task_run, state) -> bool:
    """Prefect retry condition of the warehouse steps: retry an outage only."""
    try:
        state.result()
    except Exception as exc:
        return is_outage(exc)
    return False


# ---------------------------------------------------------------- schema revisions


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


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def check_url(url: str) -> sa.URL:
    """The parsed URL, or an error that says what is wrong with it (no connection made)."""
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
            "check --warehouse (KPI_WAREHOUSE_URL), or publish a month "
            "first (kpi run)"
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


# ---------------------------------------------------------------- locks


def _sqlite_file(url: sa.URL) -> Path:
    # A URI filename (sqlite:///file:path?mode=ro&uri=true) names its file after "file:".
    return Path(url.database.removeprefix("file:"))


def _lock_file(engine: sa.Engine, month: date) -> Path:
    return Path(f"{_sqlite_file(engine.url)}.{month:%Y-%m}.lock")


@contextlib.contextmanager
def month_lock(
    engine: sa.Engine, month: date, run_id: str, *, wait_seconds: float | None = None
) -> Iterator[None]:
    """Hold the month for the whole run; waits a while, then says who holds it. Yields
    the holder of a run that was killed while it held the month (SQLite: its lock file
    was left behind; its run_id, pid, host, started_at), else None."""
    who = {
        "run_id": run_id,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    lock = _pg_month_lock if engine.dialect.name == "postgresql" else _file_month_lock
    wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    with lock(engine, month, who, time.monotonic() + wait) as abandoned:
        yield abandoned


def _locked(month: date, holder: str) -> MonthLocked:
    return MonthLocked(
        f"the month is locked by another run ({holder}); wait for it to finish, or stop it",
        month=month,
    )


@contextlib.contextmanager
def _pg_month_lock(engine: sa.Engine, month: date, who: dict, deadline: float) -> Iterator[None]:
    key = {"ns": _LOCK_NAMESPACE, "m": month.year * 12 + month.month}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(
            sa.text("SELECT set_config('application_name', :n, false)"),
            {"n": f"kpi run {month:%Y-%m} {who['run_id']} pid {who['pid']}"[:63]},
        )
        while not conn.execute(sa.text("SELECT pg_try_advisory_lock(:ns, :m)"), key).scalar_one():
            if time.monotonic() > deadline:
                holder = conn.execute(
                    sa.text(
                        "SELECT a.application_name, a.backend_start "
                        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        "WHERE l.locktype = 'advisory' AND l.classid = :ns "
                        "AND l.objid = :m AND l.granted"
                    ),
                    key,
                ).first()
                raise _locked(month, f"{holder[0]}, connected {holder[1]}" if holder else "unknown")
            time.sleep(_LOCK_POLL_SECONDS)
        try:
            yield None  # a killed session's advisory lock leaves nothing behind
        finally:
            with contextlib.suppress(sa.exc.DBAPIError):
                conn.execute(sa.text("SELECT pg_advisory_unlock(:ns, :m)"), key)


@contextlib.contextmanager
def _file_month_lock(engine: sa.Engine, month: date, who: dict, deadline: float) -> Iterator[None]:
    """A file lock beside the database (`_file_lock`). A killed holder's file stays until
    the next run of the month takes it over."""
    path = _lock_file(engine, month)
    with _file_lock(path, who, deadline, lambda holder: _locked(month, holder)) as abandoned:
        yield abandoned


@contextlib.contextmanager
def _file_lock(path: Path, who: dict, deadline: float, refuse) -> Iterator[dict | None]:
    """An flock on ``path``, which its holder removes when done (still holding it):
    whoever locked a file that is no longer the one at the path locked a removed file,
    and tries again. Yields what a holder that was killed left in the file, else None;
    ``refuse(holder)``: the error when another one still holds it at ``deadline``."""
    while True:
        handle = path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            if time.monotonic() > deadline:
                raise refuse(holder) from None
            time.sleep(_LOCK_POLL_SECONDS)
            continue
        try:
            same = path.exists() and os.path.samestat(os.fstat(handle.fileno()), path.stat())
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()
    try:
        handle.seek(0)
        left = handle.read().strip()  # a holder always removes its file: this one was killed
        try:
            abandoned = json.loads(left) if left else None
        except ValueError:
            abandoned = {"run_id": None, "note": left[:200]}
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(who))
        handle.flush()
        yield abandoned
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        handle.close()  # releases the lock


def _lock_files(engine: sa.Engine) -> list[tuple[date, Path]]:
    database = _sqlite_file(engine.url)
    found = []
    for path in sorted(database.parent.glob(f"{database.name}.????-??.lock")):
        with contextlib.suppress(ValueError):  # not ours
            month = date.fromisoformat(path.name.removeprefix(f"{database.name}.")[:7] + "-01")
            found.append((month, path))
    return found


def _finished_runs(engine: sa.Engine, run_ids: Iterable[str | None]) -> set[str]:
    """Which of ``run_ids`` have a ``kpi_run`` row of a run that ended."""
    wanted = sorted({r for r in run_ids if r})
    if not wanted:
        return set()
    with engine.connect() as conn:
        return set(
            conn.execute(
                sa.select(KPI_RUN.c.run_id).where(
                    KPI_RUN.c.run_id.in_(wanted), KPI_RUN.c.status != "running"
                )
            ).scalars()
        )


def month_locks(engine: sa.Engine) -> list[tuple[date, dict, bool]]:
    """SQLite: the month lock files beside the database, oldest month first, each with
    its holder (run_id, pid, host, started_at) and whether a run holds it now. A file
    that nobody holds is a run that was killed before it finished: nothing of it was
    published, and the next run of its month takes the file over. Not a file whose run
    has its finished ``kpi_run`` row: the releases before 2026-11-27 left one behind after
    every run (`remove_finished_locks`). PostgreSQL's locks end with their session: none."""
    if engine.dialect.name != "sqlite":
        return []
    found = []
    for month, path in _lock_files(engine):
        try:
            with path.open("r") as handle:
                holder = json.loads(handle.read() or "{}")
                try:  # taken and given back at once: a starting run then gets it
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    held = False
                except BlockingIOError:
                    held = True
        except (ValueError, OSError):  # not ours, or gone meanwhile
            continue
        found.append((month, holder if isinstance(holder, dict) else {}, held))
    finished = _finished_runs(engine, (h.get("run_id") for _, h, held in found if not held))
    return [(m, h, held) for m, h, held in found if held or h.get("run_id") not in finished]


def remove_finished_locks(engine: sa.Engine) -> list[Path]:
    """SQLite: removes the month lock files that runs which finished left behind (the
    releases before 2026-11-27 never removed theirs), each while holding it, so that a
    run taking it over meanwhile is never disturbed. Returns the files removed."""
    if engine.dialect.name != "sqlite":
        return []
    removed = []
    for _, path in _lock_files(engine):
        try:
            handle = path.open("r")
        except OSError:
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                holder = json.loads(handle.read() or "{}")
                same = os.path.samestat(os.fstat(handle.fileno()), path.stat())
            except (BlockingIOError, ValueError, OSError):
                continue
            run_id = holder.get("run_id") if isinstance(holder, dict) else None
            if same and run_id in _finished_runs(engine, [run_id]):
                path.unlink()
                removed.append(path)
    return removed


# ---------------------------------------------------------------- reads


def read(conn: sa.Connection, statement: sa.Select) -> pl.DataFrame:
    """A select's rows as a frame in its columns' types (`schemas.tables.polars_schema`)."""
    return pl.DataFrame(
        conn.execute(statement).all(),
        orient="row",
        schema=polars_schema(statement.selected_columns),
    )


@dataclass(frozen=True)
class CurrentVersion:
    version: int
    run_id: str
    fingerprint: str | None
    history_digest: str | None


def current_version(conn: sa.Connection, month: date) -> CurrentVersion | None:
    """The month's current version: the newest published run."""
    row = conn.execute(
        sa.select(
            KPI_RUN.c.version, KPI_RUN.c.run_id, KPI_RUN.c.fingerprint, KPI_RUN.c.history_digest
        )
        .where(KPI_RUN.c.month_start == month, KPI_RUN.c.status == "published")
        .order_by(KPI_RUN.c.version.desc())
        .limit(1)
    ).first()
    return CurrentVersion(*row) if row else None


def published_months(conn: sa.Connection) -> list[date]:
    """Every month with a published version, oldest first."""
    return list(
        conn.execute(
            sa.select(KPI_RUN.c.month_start)
            .distinct()
            .where(KPI_RUN.c.status == "published")
            .order_by(KPI_RUN.c.month_start)
        ).scalars()
    )


def warned_months(conn: sa.Connection, before: date) -> pl.DataFrame:
    """``agent_id``, ``month_start`` of every current scorecard with a warning before
    ``before``: what the consecutive-months rule reads (all of it: a run of warnings is
    counted back as far as it goes)."""
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn,
        sa.select(a.agent_id, a.month_start).where(
            a.is_current, a.is_warning, a.month_start < before
        ),
    )


def later_runs(conn: sa.Connection, month: date) -> pl.DataFrame:
    """``month_start``, ``run_id``, ``history_digest``, ``scheme_version``,
    ``scheme_sha256`` of the current version of every published month after ``month``."""
    r = KPI_RUN.c
    newest = (
        sa.select(r.month_start, sa.func.max(r.version).label("version"))
        .where(r.status == "published", r.month_start > month)
        .group_by(r.month_start)
        .subquery()
    )
    return read(
        conn,
        sa.select(r.month_start, r.run_id, r.history_digest, r.scheme_version, r.scheme_sha256)
        .join_from(
            KPI_RUN,
            newest,
            sa.and_(r.month_start == newest.c.month_start, r.version == newest.c.version),
        )
        .where(r.status == "published")
        .order_by(r.month_start),
    )


def completeness_baseline(conn: sa.Connection, month: date, months: int) -> pl.DataFrame:
    """``month_start``, ``store_id``, ``source``, ``row_count`` as the current versions of
    the ``months`` months before ``month`` recorded them in ``kpi_completeness``: the
    baseline of `scheme.md` §9.3 (a month published before these records has none)."""
    r, c = KPI_RUN.c, KPI_COMPLETENESS.c
    first = month
    for _ in range(months):
        first = previous_month(first)
    newest = (
        sa.select(r.month_start, sa.func.max(r.version).label("version"))
        .where(r.status == "published", r.month_start >= first, r.month_start < month)
        .group_by(r.month_start)
        .subquery()
    )
    current = (
        sa.select(r.run_id, r.month_start)
        .join_from(
            KPI_RUN,
            newest,
            sa.and_(r.month_start == newest.c.month_start, r.version == newest.c.version),
        )
        .where(r.status == "published")
        .subquery()
    )
    return read(
        conn,
        sa.select(current.c.month_start, c.store_id, c.source, c.row_count)
        .join_from(KPI_COMPLETENESS, current, c.run_id == current.c.run_id)
        .order_by(current.c.month_start, c.store_id, c.source),
    )


_BASELINE = (
    KPI_RUN.c.month_start,
    KPI_COMPLETENESS.c.store_id,
    KPI_COMPLETENESS.c.source,
    KPI_COMPLETENESS.c.row_count,
)


def published_period_end(conn: sa.Connection, month: date) -> date | None:
    """The last day of ``month``'s evaluation period as its current version has it; None
    when the month is not published (or was published before periods were recorded)."""
    r = KPI_ROSTER_MONTHLY.c
    return conn.execute(
        sa.select(sa.func.max(r.period_end_on)).where(r.month_start == month, r.is_current)
    ).scalar()


def previous_period_end(engine: sa.Engine, month: date) -> date | None:
    """Where the month's period starts from: the end of the previous month's published
    period (None: it is not published)."""
    with engine.connect() as conn:
        return published_period_end(conn, previous_month(month))


@dataclass(frozen=True)
class MonthHistory:
    """What a month reads from earlier published months before it is validated."""

    baseline: pl.DataFrame  # completeness_baseline
    previous_end_on: date | None  # published_period_end of the month before


def history_if_any(url: str, month: date, baseline_months: int) -> MonthHistory | None:
    """The month's history for a command that only reads (`kpi validate`): None when
    there is no warehouse at ``url`` (nothing is created or changed), an empty baseline
    when it keeps none; a `WarehouseError` when it cannot be read or is at another
    revision."""
    parsed = check_url(url)
    if parsed.get_backend_name() == "sqlite" and not _sqlite_file(parsed).is_file():
        return None
    engine = sa.create_engine(parsed)
    try:
        with engine.connect() as conn:
            none = pl.DataFrame(schema=polars_schema(_BASELINE))
            if schema_state(conn).is_empty:
                return MonthHistory(none, None)
            require_current(conn, parsed)  # an older or newer layout: not read
            previous_end = published_period_end(conn, previous_month(month))
            return MonthHistory(completeness_baseline(conn, month, baseline_months), previous_end)
    except sa.exc.DBAPIError as exc:
        error = failure(exc, parsed)
        if error is None:
            raise
        raise error from None
    finally:
        engine.dispose()


@dataclass(frozen=True)
class MonthState:
    """What a run of a month reads from the warehouse before it computes."""

    base: CurrentVersion | None  # the month's current version
    published: list[date]  # every month with a published version
    warned: pl.DataFrame  # warned_months before the month
    baseline: pl.DataFrame  # completeness_baseline of the month


def month_state(engine: sa.Engine, month: date, *, baseline_months: int = 3) -> MonthState:
    with engine.connect() as conn:
        return MonthState(
            current_version(conn, month),
            published_months(conn),
            warned_months(conn, month),
            completeness_baseline(conn, month, baseline_months),
        )


def current_agents(conn: sa.Connection, months: list[date]) -> pl.DataFrame:
    """``month_start``, ``agent_id`` of the current scorecards of ``months``."""
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn, sa.select(a.month_start, a.agent_id).where(a.is_current, a.month_start.in_(months))
    )


def bonuses(conn: sa.Connection, month: date, version: int) -> pl.DataFrame:
    """Each agent's bonus in a version of the month."""
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn,
        sa.select(
            a.agent_id, a.agent_name, a.store_id, a.team_id, a.tier, a.bonus_amount, a.currency
        )
        .where(a.month_start == month, a.version == version)
        .order_by(a.store_id, a.team_id, a.agent_id),
    )


def has_run(conn: sa.Connection, run_id: str) -> bool:
    return (
        conn.execute(
            sa.select(sa.func.count()).select_from(KPI_RUN).where(KPI_RUN.c.run_id == run_id)
        ).scalar_one()
        > 0
    )


def has_lineage(conn: sa.Connection, run_id: str) -> bool:
    return (
        conn.execute(
            sa.select(sa.func.count())
            .select_from(KPI_RUN_INPUT)
            .where(KPI_RUN_INPUT.c.run_id == run_id)
        ).scalar_one()
        > 0
    )


def current_rows(
    conn: sa.Connection,
    table: sa.Table,
    month: date,
    *,
    version: int | None = None,
    order_by: Iterable[str] = (),
) -> pl.DataFrame:
    """A versioned table's rows of the month: the current version's, or ``version``'s."""
    which = table.c.version == version if version is not None else table.c.is_current
    return read(
        conn,
        sa.select(table)
        .where(table.c.month_start == month, which)
        .order_by(*(table.c[c] for c in order_by)),
    )


# ---------------------------------------------------------------- writes


def _table(table: str | sa.Table) -> sa.Table:
    return t.TABLES_BY_NAME[table] if isinstance(table, str) else table


def write_frame(conn: sa.Connection, table: str | sa.Table, frame: pl.DataFrame) -> None:
    """Append a frame's rows to ``table`` in bulk (column names are the table's)."""
    table = _table(table)
    if frame.is_empty():
        return
    if conn.dialect.name == "postgresql":
        columns = ", ".join(frame.columns)
        data = frame.write_csv(include_header=False, null_value="")
        raw = conn.connection.driver_connection
        statement = f"COPY {table.name} ({columns}) FROM STDIN WITH (FORMAT csv)"
        try:
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                copy.write(data)
        except conn.dialect.loaded_dbapi.Error as exc:
            # The driver's own error, as SQLAlchemy's would be: `failure` tells it in words.
            raise sa.exc.DBAPIError.instance(
                statement, None, exc, conn.dialect.loaded_dbapi.Error
            ) from exc
        return
    for offset in range(0, frame.height, _SQLITE_BATCH):
        conn.execute(table.insert(), frame.slice(offset, _SQLITE_BATCH).to_dicts())


def add_run_warning(engine: sa.Engine, run_id: str, text: str) -> None:
    """Appends ``text`` to a recorded run's warnings (what went wrong after its flip,
    e.g. its report)."""
    warnings = KPI_RUN.c.warnings
    with engine.begin() as conn:
        conn.execute(
            sa.update(KPI_RUN)
            .where(KPI_RUN.c.run_id == run_id)
            .values(
                warnings=sa.case(
                    (warnings.is_(None), sa.literal(text)),
                    else_=warnings + sa.literal("\n" + text),
                )
            )
        )


def remove_abandoned(conn: sa.Connection, month: date, base: int | None) -> set[str]:
    """Delete the month's rows of versions above ``base`` (the current one when the run
    started): they never became current. Returns the runs they belonged to.

    ``NOT is_current`` guards against a run that lost its lock (its connection died) and
    flipped after ``base`` was read: its rows are current now and stay."""
    runs: set[str] = set()
    for table in VERSIONED:
        abandoned = (
            table.c.month_start == month,
            table.c.version > (base or 0),
            sa.not_(table.c.is_current),
        )
        runs |= set(conn.execute(sa.select(table.c.run_id).distinct().where(*abandoned)).scalars())
        conn.execute(sa.delete(table).where(*abandoned))
    return runs


def remove_lineage(conn: sa.Connection, run_id: str) -> None:
    """A run's input and rejected rows (before an attempt writes them again)."""
    for table in (KPI_REJECTED_ROW, KPI_RUN_INPUT):
        conn.execute(sa.delete(table).where(table.c.run_id == run_id))


def check_base(conn: sa.Connection, month: date, base: int | None, version: int) -> None:
    """The month's newest published version must still be ``base``, the one the run
    started from (its history and fingerprint were read against it)."""
    r = KPI_RUN.c
    now = conn.execute(
        sa.select(sa.func.max(r.version)).where(r.month_start == month, r.status == "published")
    ).scalar_one()
    if now != base:
        raise ConcurrentPublish(
            f"version {now} was published while this run worked on version {version} "
            f"from version {base or 'none'}; run the month again",
            month=month,
        )


def flip(
    conn: sa.Connection,
    month: date,
    version: int,
    base: int | None,
    run_id: str,
    expected: dict[str, int],
) -> None:
    """Make ``version`` the month's current one, if the current version is still ``base``
    (the one the run started from and computed its history from) and the version's rows
    are exactly the ones this run staged (``expected``: rows per versioned table).

    The month lock normally makes both true; these checks keep them true when it was
    lost (PostgreSQL's advisory lock dies with its connection, e.g. in a restart)."""
    check_base(conn, month, base, version)
    for table in VERSIONED:
        ours = sa.func.count(sa.case((table.c.run_id == run_id, 1)))
        others = sa.func.count(sa.case((table.c.run_id != run_id, 1)))
        mine, foreign = conn.execute(
            sa.select(ours, others).where(table.c.month_start == month, table.c.version == version)
        ).one()
        if foreign or mine != expected[table.name]:
            raise ConcurrentPublish(
                f"the staged version {version} is no longer this run's ({table.name}: "
                f"{mine} of its {expected[table.name]} rows, {foreign} of another run); "
                "another run worked on the month meanwhile; run it again",
                month=month,
            )
    for table in VERSIONED:
        conn.execute(
            sa.update(table)
            .where(
                table.c.month_start == month, sa.or_(table.c.is_current, table.c.version == version)
            )
            .values(is_current=table.c.version == version)
        )


# ---------------------------------------------------------------- run log spool


def spool_folder(root: Path, url: str | sa.URL) -> Path:
    """Where failed runs meant for the warehouse at ``url`` wait when it cannot take their
    ``kpi_run`` row: one folder per warehouse, so a row is only ever written where its run
    was meant to go."""
    return root / "pending-run-log" / warehouse_key(url)


def spool_run(folder: Path, run: pl.DataFrame) -> Path:
    """Keep a ``kpi_run`` row that could not be written in a local file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run['run_id'][0]}.ndjson"
    run.write_ndjson(path)
    return path


def write_spooled_runs(engine: sa.Engine, folder: Path) -> int:
    """Write the spooled run rows that the warehouse does not have yet (a failed run's
    version: the month's current one); their files are deleted once that is committed.
    Returns how many rows were written."""
    paths = sorted(folder.glob("*.ndjson")) if folder.is_dir() else []
    if not paths:
        return 0
    schema = polars_schema(KPI_RUN.columns)
    runs = pl.concat([pl.read_ndjson(p, schema=schema) for p in paths])
    with engine.begin() as conn:
        known = (
            conn.execute(
                sa.select(KPI_RUN.c.run_id).where(KPI_RUN.c.run_id.in_(runs["run_id"].to_list()))
            )
            .scalars()
            .all()
        )
        fresh = runs.filter(~pl.col("run_id").is_in(known))
        # A failed run's row names the month's current version, as one written directly
        # does; the warehouse was down, so it is the one current when the row goes in.
        current = {m: current_version(conn, m) for m in fresh["month_start"].unique()}
        fresh = fresh.with_columns(
            pl.col("version").fill_null(
                pl.col("month_start").replace_strict(
                    {m: v.version if v else None for m, v in current.items()}, return_dtype=pl.Int64
                )
            )
        )
        write_frame(conn, KPI_RUN, fresh)
    for path in paths:
        path.unlink()
    return fresh.height


# ---------------------------------------------------------------- scheme files


def _scheme_conflict(file, row) -> SchemeError:
    return SchemeError(
        f"{file.path}: scheme version {file.scheme.version!r} is recorded in the warehouse "
        f"with other content ({row.file_name}, sha256 {row.sha256[:12]}, first used by run "
        f"{row.first_run_id} on {row.first_used_at:%Y-%m-%d}), and months published with it "
        "read it from there; give the changed file a new version (those months keep reading "
        "the old one from the warehouse)"
    )


def check_schemes(engine: sa.Engine, files) -> None:
    """Refuses a scheme file (`flows.inputs.schemes.SchemeFile`) whose version the warehouse
    holds with other content, before a run publishes anything."""
    versions = sorted({f.scheme.version for f in files})
    s = KPI_SCHEME.c
    with engine.connect() as conn:
        recorded = {
            row.scheme_version: row
            for row in conn.execute(sa.select(KPI_SCHEME).where(s.scheme_version.in_(versions)))
        }
    for file in files:
        row = recorded.get(file.scheme.version)
        if row is not None and row.sha256 != file.sha256:
            raise _scheme_conflict(file, row)


def record_scheme(
    conn: sa.Connection, file, run_id: str, started_at: datetime, *, same_as: str | None = None
) -> None:
    """The scheme file a run used, in ``kpi_scheme`` unless its content is there already
    (inside the run's last transaction). A version recorded with other content meanwhile
    is refused as `check_schemes` does; two runs recording it at once, one of them fails
    on the key and is told to run again. ``same_as``: a run with this run's fingerprint
    (an unchanged run's current version), which used the same file: a version published
    before runs kept their scheme gets it so."""
    if same_as is not None:
        conn.execute(
            sa.update(KPI_RUN)
            .where(KPI_RUN.c.run_id == same_as, KPI_RUN.c.scheme_sha256.is_(None))
            .values(scheme_sha256=file.sha256)
        )
    s = KPI_SCHEME.c
    row = conn.execute(sa.select(KPI_SCHEME).where(s.scheme_version == file.scheme.version)).first()
    if row is not None:
        if row.sha256 != file.sha256:
            raise _scheme_conflict(file, row)
        return
    try:
        conn.execute(
            sa.insert(KPI_SCHEME).values(
                scheme_version=file.scheme.version,
                sha256=file.sha256,
                effective_from=file.scheme.effective_from,
                file_name=file.path.name,
                content=file.content,
                first_run_id=run_id,
                first_used_at=started_at,
            )
        )
    except sa.exc.IntegrityError:
        raise ConcurrentPublish(
            f"another run recorded scheme version {file.scheme.version!r} at the same time; "
            "run the month again"
        ) from None


def recorded_scheme(conn: sa.Connection, run_id: str) -> str | None:
    """The text of the scheme file a run used, if the warehouse holds it."""
    r, s = KPI_RUN.c, KPI_SCHEME.c
    return conn.execute(
        sa.select(s.content)
        .join_from(
            KPI_RUN,
            KPI_SCHEME,
            sa.and_(s.scheme_version == r.scheme_version, s.sha256 == r.scheme_sha256),
        )
        .where(r.run_id == run_id)
    ).scalar()


# ---------------------------------------------------------------- payroll


def payroll_exports(conn: sa.Connection, month: date | None = None) -> pl.DataFrame:
    """Payroll exports (of one month), oldest first."""
    e = KPI_PAYROLL_EXPORT.c
    query = sa.select(KPI_PAYROLL_EXPORT).order_by(e.created_at, e.export_id)
    return read(conn, query if month is None else query.where(e.month_start == month))


def frozen_versions(conn: sa.Connection) -> pl.DataFrame:
    """``month_start``, ``frozen``: the version each exported month's first export paid."""
    e = KPI_PAYROLL_EXPORT.c
    return read(
        conn,
        sa.select(e.month_start, e.version.label("frozen")).where(e.original_export_id.is_(None)),
    )


def adjustments(
    conn: sa.Connection, *, export_id: str | None = None, pending_until: date | None = None
) -> pl.DataFrame:
    """Payroll adjustments carried by ``export_id``, or not yet carried of months up to
    ``pending_until``."""
    a = KPI_PAYROLL_ADJUSTMENT.c
    query = sa.select(KPI_PAYROLL_ADJUSTMENT).order_by(a.month_start, a.agent_id, a.to_version)
    if export_id is not None:
        query = query.where(a.export_id == export_id)
    else:
        query = query.where(a.export_id.is_(None), a.month_start <= pending_until)
    return read(conn, query)


def adjustment_context(conn: sa.Connection, months: list[date]) -> tuple[pl.DataFrame, ...]:
    """What explains the adjustments of ``months``: every version's scorecards (month,
    agent, version, team, score, tier) and applied appeals (month, version, agent,
    appeal id)."""
    a, o = KPI_AGENT_MONTHLY.c, KPI_APPEAL_OUTCOME.c
    cards = read(
        conn,
        sa.select(a.month_start, a.agent_id, a.version, a.team_id, a.score, a.tier).where(
            a.month_start.in_(months)
        ),
    )
    applied = read(
        conn,
        sa.select(o.month_start, o.version, o.agent_id, o.appeal_id).where(
            o.month_start.in_(months), o.is_applied
        ),
    )
    return cards, applied


def carried_adjustments(conn: sa.Connection, months: list[date]) -> pl.DataFrame:
    """``month_start``, ``agent_id``, ``to_version``, ``export_id`` of the adjustments of
    ``months`` that a payroll export carried (or absorbed)."""
    a = KPI_PAYROLL_ADJUSTMENT.c
    return read(
        conn,
        sa.select(a.month_start, a.agent_id, a.to_version, a.export_id).where(
            a.month_start.in_(months), a.export_id.is_not(None)
        ),
    )


def approved_versions(conn: sa.Connection) -> pl.DataFrame:
    """``month_start``, ``version`` of every approved version."""
    p = KPI_PAYROLL_APPROVAL.c
    return read(conn, sa.select(p.month_start, p.version))


def approval(conn: sa.Connection, month: date, version: int) -> dict | None:
    """The sign-off of a version, if any."""
    p = KPI_PAYROLL_APPROVAL.c
    row = conn.execute(
        sa.select(KPI_PAYROLL_APPROVAL).where(p.month_start == month, p.version == version)
    ).first()
    return dict(row._mapping) if row else None


def mark_carried(conn: sa.Connection, export_id: str, carried: pl.DataFrame) -> None:
    """Mark adjustments (``month_start``, ``agent_id``, ``to_version``) as carried."""
    a = KPI_PAYROLL_ADJUSTMENT.c
    if carried.is_empty():
        return
    conn.execute(
        sa.update(KPI_PAYROLL_ADJUSTMENT)
        .where(
            a.month_start == sa.bindparam("m"),
            a.agent_id == sa.bindparam("a"),
            a.to_version == sa.bindparam("v"),
        )
        .values(export_id=export_id),
        [
            {"m": r["month_start"], "a": r["agent_id"], "v": r["to_version"]}
            for r in carried.select("month_start", "agent_id", "to_version").iter_rows(named=True)
        ],
    )


# ---------------------------------------------------------------- quality gate


def _sql(statement: sa.ClauseElement, dialect: sa.Dialect) -> str:
    """A statement as SQL text with its values rendered as quoted literals (Great
    Expectations takes queries as text; SQLAlchemy quotes every value, so a tier named
    ``A'`` in a scheme file cannot change the query)."""
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def gate_batches(engine: sa.Engine, month: date, version: int, run_id: str) -> dict[str, str]:
    """What the quality gate reads, per table: the staged version's rows, and the run's
    input files."""
    batches = {
        table.name: sa.select(table).where(table.c.month_start == month, table.c.version == version)
        for table in (KPI_AGENT_MONTHLY, t.KPI_TEAM_MONTHLY)
    }
    batches[KPI_RUN_INPUT.name] = sa.select(KPI_RUN_INPUT).where(KPI_RUN_INPUT.c.run_id == run_id)
    return {name: _sql(query, engine.dialect) for name, query in batches.items()}


def gate_rules(
    engine: sa.Engine,
    month: date,
    version: int,
    *,
    tiers: list[tuple[str, float, float]],
    tolerance: float,
    metrics: tuple[str, ...],
) -> dict[str, list[tuple[str, str]]]:
    """The gate's row rules per table: (description, a query over Great Expectations'
    ``{batch}`` that returns the rows breaking it).

    ``tiers``: (name, min_score, bonus) from the highest; ``metrics``: the points and
    weight column prefixes."""
    c, d = sa.column, engine.dialect

    def rows(condition) -> str:
        return "SELECT * FROM {batch} WHERE " + _sql(condition, d)

    score = c("score")
    tier_of = sa.case(*((score >= m - tolerance, sa.literal(n)) for n, m, _ in tiers))
    bonus_of = sa.case(*((score >= m - tolerance, sa.literal(b)) for _, m, b in tiers))
    weights = sum((sa.func.coalesce(c(f"{m}_weight"), 0) for m in metrics), sa.literal(0))
    a = KPI_AGENT_MONTHLY.c
    team_sums = _sql(
        sa.select(
            a.store_id,
            a.team_id,
            sa.func.count().label("agents"),
            sa.func.sum(a.survey_count).label("surveys"),
            sa.func.sum(a.complaint_count).label("complaints"),
            sa.func.sum(a.consultation_count).label("consultations"),
            sa.func.sum(a.timely_count).label("timely"),
        )
        .where(a.month_start == month, a.version == version)
        .group_by(a.store_id, a.team_id),
        d,
    )
    return {
        KPI_AGENT_MONTHLY.name: [
            (
                "score, tier and points are null exactly when insufficient_data",
                rows(
                    sa.or_(
                        (score.is_(None)) != (c("status") == "insufficient_data"),
                        c("tier").is_(None) != score.is_(None),
                    )
                ),
            ),
            (
                "tier and bonus follow the score and the scheme's tiers",
                rows(
                    sa.or_(
                        sa.and_(
                            score.is_not(None),
                            sa.or_(
                                c("tier") != tier_of,
                                sa.func.abs(c("bonus_amount") - bonus_of) > 0.001,
                            ),
                        ),
                        sa.and_(score.is_(None), c("bonus_amount") != 0),
                    )
                ),
            ),
            (
                "points lie within their effective weights; N/A metrics have neither",
                rows(
                    sa.or_(
                        *(
                            sa.or_(
                                c(f"{m}_points").is_(None) != c(f"{m}_weight").is_(None),
                                c(f"{m}_points") < 0,
                                c(f"{m}_points") > c(f"{m}_weight") + tolerance,
                            )
                            for m in metrics
                        )
                    )
                ),
            ),
            (
                "effective weights of a scored agent sum to 100",
                rows(sa.and_(c("status") == "scored", sa.func.abs(weights - 100) > 0.000001)),
            ),
        ],
        t.KPI_TEAM_MONTHLY.name: [
            (
                "team rows add up to their agents' rows",
                f"SELECT t.* FROM {{batch}} t LEFT JOIN ({team_sums}) a ON a.store_id = "
                "t.store_id AND a.team_id = t.team_id WHERE a.agents IS NULL OR "
                "a.agents <> t.agent_count OR a.surveys <> t.survey_count OR "
                "a.complaints <> t.complaint_count OR a.consultations <> "
                "t.consultation_count OR a.timely <> t.timely_count",
            ),
        ],
        KPI_RUN_INPUT.name: [
            (
                "rows read = accepted + rejected + duplicates + out of period",
                rows(
                    c("rows_read")
                    != c("rows_accepted")
                    + c("rows_rejected")
                    + c("rows_duplicate")
                    + c("rows_out_of_period")
                ),
            ),
        ],
    }


# ---------------------------------------------------------------- reports


class NotInWarehouse(KpiError):
    """The month, version or store asked for is not in the warehouse."""

    exit_code = 3


@dataclass(frozen=True)
class MonthVersion:
    """One published version of a month, as ``kpi_run`` recorded it."""

    month: date
    version: int
    is_current: bool
    run_id: str
    scheme_version: str
    computed_at: datetime  # UTC
    data_docs: str | None
    warnings: str | None = None  # the run's warnings, one per line
    allow_incomplete: bool = False  # published although incomplete, by choice
    current_version: int | None = None  # the month's current version (this one, or later)


def month_status(
    conn: sa.Connection, first: date | None = None, last: date | None = None
) -> pl.DataFrame:
    """`v_month_status` (one row per month of the warehouse), from ``first`` to ``last``."""
    view = t.V_MONTH_STATUS.table()
    query = sa.select(view).order_by(view.c.month_start)
    if first is not None:
        query = query.where(view.c.month_start >= first)
    if last is not None:
        query = query.where(view.c.month_start <= last)
    return read(conn, query)


def month_version(conn: sa.Connection, month: date, version: int | None = None) -> MonthVersion:
    """The month's current version, or ``version``; `NotInWarehouse` naming what is
    there."""
    r = KPI_RUN.c
    published = conn.execute(
        sa.select(
            r.version, r.run_id, r.scheme_version, r.data_docs, r.warnings, r.allow_incomplete
        )
        .where(r.month_start == month, r.status == "published")
        .order_by(r.version)
    ).all()
    if not published:
        there = ", ".join(f"{m:%Y-%m}" for m in published_months(conn)[-12:]) or "none"
        raise NotInWarehouse(
            f"no published version in the warehouse (published months: {there})", month=month
        )
    by_version = {row.version: row for row in published}
    chosen = max(by_version) if version is None else version
    if chosen not in by_version:
        raise NotInWarehouse(
            f"no version {version} (published versions: {', '.join(map(str, by_version))})",
            month=month,
        )
    a = KPI_AGENT_MONTHLY.c
    computed_at = conn.execute(
        sa.select(sa.func.min(a.computed_at)).where(a.month_start == month, a.version == chosen)
    ).scalar()
    if computed_at is None:
        raise NotInWarehouse(f"version {chosen} has no scorecards", month=month)
    row = by_version[chosen]
    return MonthVersion(
        month,
        chosen,
        chosen == max(by_version),
        row.run_id,
        row.scheme_version,
        computed_at,
        row.data_docs,
        row.warnings,
        bool(row.allow_incomplete),
        max(by_version),
    )


def agent_trend(conn: sa.Connection, month: date, version: int, months: int) -> pl.DataFrame:
    """Score and metric values of the ``months`` months ending with ``month``: earlier
    months' current versions and this month's ``version``."""
    first = month
    for _ in range(months - 1):
        first = previous_month(first)
    a = KPI_AGENT_MONTHLY.c
    return read(
        conn,
        sa.select(
            a.agent_id,
            a.month_start,
            a.score,
            a.satisfaction_avg,
            a.complaint_rate,
            a.repurchase_rate,
            a.referral_rate,
            a.timely_rate,
        )
        .where(
            sa.or_(
                sa.and_(a.month_start >= first, a.month_start < month, a.is_current),
                sa.and_(a.month_start == month, a.version == version),
            )
        )
        .order_by(a.agent_id, a.month_start),
    )


def run_completeness(conn: sa.Connection, run_id: str) -> pl.DataFrame:
    """How a run judged each store's exports (none for runs before it was judged)."""
    c = KPI_COMPLETENESS.c
    return read(
        conn,
        sa.select(KPI_COMPLETENESS).where(c.run_id == run_id).order_by(c.store_id, c.source),
    )


def run_inputs(conn: sa.Connection, run_id: str) -> pl.DataFrame:
    """A run's input files with their counts."""
    return read(
        conn,
        sa.select(KPI_RUN_INPUT)
        .where(KPI_RUN_INPUT.c.run_id == run_id)
        .order_by(KPI_RUN_INPUT.c.source),
    )


@dataclass(frozen=True)
class PayrollState:
    approved_by: str | None
    approved_at: datetime | None
    exported_version: int | None  # the version the month's first payroll export froze


def payroll_state(conn: sa.Connection, month: date, version: int) -> PayrollState:
    """Who signed the version off, and the version the month's first payroll export froze,
    if any."""
    e = KPI_PAYROLL_EXPORT.c
    exported = conn.execute(
        sa.select(e.version).where(e.month_start == month, e.original_export_id.is_(None))
    ).scalar()
    signed = approval(conn, month, version) or {}
    return PayrollState(signed.get("approved_by"), signed.get("approved_at"), exported)
