"""The warehouse (`warehouse.md`): the only module that talks to it.

- Schema: the DDL in ``sql/`` is the one source of truth. Each file is a statement per
  table or view whose column comments sit inside the ``CREATE`` text, so SQLite keeps
  them in ``sqlite_master``; for PostgreSQL the same comments become ``COMMENT ON``.
  The one dialect difference, ``{timestamptz}``, is replaced explicitly. Missing tables
  are created, missing columns of an older layout added; nothing is ever dropped
  (views, which hold no data, are recreated).
- Locks: a month is locked for a whole run: a session advisory lock on a dedicated
  PostgreSQL connection, or an OS file lock beside the SQLite file. Both die with the
  process.
- Writes are bulk: ``COPY … FROM STDIN`` on PostgreSQL, one batched ``executemany`` per
  table on SQLite.
- SQLite runs in WAL mode so BI tools can read while a run writes. It stores
  timestamps as UTC without an offset and NUMERIC as REAL; values read back through
  SQLAlchemy come back as exact 2-decimal numbers.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.errors import KpiError
from flows.settings import PROJECT_ROOT

SQL_DIR = PROJECT_ROOT / "sql"
TABLES = ("kpi_run", "kpi_run_input", "kpi_rejected_row", "kpi_agent_monthly",
          "kpi_team_monthly", "kpi_appeal_outcome", "kpi_payroll_adjustment",
          "kpi_payroll_export")
VIEWS = ("v_kpi_agent_current", "v_kpi_team_current", "v_payroll_bonus")
VERSIONED = ("kpi_agent_monthly", "kpi_team_monthly", "kpi_appeal_outcome")
_TIMESTAMPTZ = {"postgresql": "TIMESTAMP WITH TIME ZONE", "sqlite": "TIMESTAMP"}
_LOCK_NAMESPACE = 20_261_026  # first key of PostgreSQL's two-key advisory locks
_COLUMN_LINE = re.compile(r"^\s+(\w+)\s+([^-]+?),?\s*--\s*(.+)$")
_SQLITE_BATCH = 50_000


class WarehouseError(KpiError):
    """The warehouse cannot be reached or used."""

    exit_code = 4
    retryable = True


def is_outage(exc: BaseException) -> bool:
    """Whether a failure is the warehouse being unreachable (worth retrying), as opposed
    to a statement that failed on a healthy connection (retrying would fail again)."""
    if isinstance(exc, KpiError):
        return exc.retryable
    if isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, (sa.exc.OperationalError, sa.exc.InterfaceError))


def outage_error(engine: sa.Engine, exc: BaseException) -> WarehouseError:
    """An operator's message for a warehouse that stopped answering during a run."""
    orig = getattr(exc, "orig", None) or exc
    reason = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return WarehouseError(
        f"the warehouse at {safe_url(engine.url)} stopped answering during the run, after "
        f"retries ({reason}). Nothing of this run became current. Check that the database "
        "server is running and reachable, then run the month again")


def retry_on_outage(task, task_run, state) -> bool:
    """Prefect retry condition of the warehouse steps: retry an outage only."""
    try:
        state.result()
    except Exception as exc:
        return is_outage(exc)
    return False


class MonthLocked(KpiError):
    """Another run holds the month."""

    exit_code = 4


class ConcurrentPublish(KpiError):
    """The month's current version changed while this run was working."""

    exit_code = 4


def safe_url(url: str | sa.URL) -> str:
    """The URL without its password, for messages and logs."""
    return sa.make_url(url).render_as_string(hide_password=True)


# ---------------------------------------------------------------- schema


@dataclass(frozen=True)
class Ddl:
    name: str
    comment: str
    statements: tuple[str, ...]
    columns: tuple[tuple[str, str, str], ...]  # (name, definition, comment)


def load_ddl(name: str, dialect: str) -> Ddl:
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    comment = header.removeprefix("--").strip().removeprefix(f"{name}:").strip()
    body = body.replace("{timestamptz}", _TIMESTAMPTZ[dialect])
    statements = [s.strip() for s in body.split(";\n") if s.strip().rstrip(";")]
    # Keep the table's own comment inside its CREATE text (SQLite stores only that).
    first, _, rest = statements[0].partition("\n")
    statements[0] = f"{first}\n    -- {comment}\n{rest}".rstrip(";")
    columns = tuple(
        (m.group(1), m.group(2).strip(), m.group(3).strip())
        for line in body.splitlines()
        if (m := _COLUMN_LINE.match(line)) and m.group(1).upper() != "PRIMARY"
    )
    return Ddl(name, comment, tuple(s.rstrip(";") for s in statements), columns)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _pg_comments(conn: sa.Connection) -> dict[tuple[str, str | None], str | None]:
    """Current comments of our tables, views and columns: (relation, column) -> text."""
    rows = conn.execute(sa.text(
        "SELECT c.relname, NULL, obj_description(c.oid, 'pg_class') FROM pg_class c "
        "WHERE c.relname = ANY(:names) AND c.relnamespace = CAST(current_schema() AS regnamespace) "
        "UNION ALL SELECT c.relname, a.attname, col_description(c.oid, a.attnum) "
        "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
        "AND NOT a.attisdropped WHERE c.relname = ANY(:names) "
        "AND c.relnamespace = CAST(current_schema() AS regnamespace)"),
        {"names": list(TABLES + VIEWS)}).all()
    return {(r[0], r[1]): r[2] for r in rows}


def ensure_schema(engine: sa.Engine) -> None:
    """Create missing tables, add missing columns, (re)create views and set comments.

    Views and comments are only touched when missing or changed: on PostgreSQL both take
    locks that would wait for (and hold up) BI sessions reading them.
    """
    dialect = engine.dialect.name
    with engine.begin() as conn:
        inspector = sa.inspect(conn)
        existing, views = set(inspector.get_table_names()), set(inspector.get_view_names())
        changed = False
        for name in TABLES:
            ddl = load_ddl(name, dialect)
            if name in existing:
                have = {c["name"] for c in inspector.get_columns(name)}
                for column, definition, _ in ddl.columns:
                    if column not in have:  # an older layout: add, never drop
                        loose = re.sub(r"\s+(NOT NULL|PRIMARY KEY)", "", definition)
                        conn.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {column} {loose}")
                        changed = True
            else:
                changed = True
            for statement in ddl.statements:
                conn.exec_driver_sql(statement)
        for name in VIEWS:
            if changed or name not in views:  # SELECT * views fix their columns when made
                conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
                for statement in load_ddl(name, dialect).statements:
                    conn.exec_driver_sql(statement)
        if dialect == "postgresql":
            have = _pg_comments(conn)
            for name in TABLES + VIEWS:
                ddl = load_ddl(name, dialect)
                kind = "VIEW" if name in VIEWS else "TABLE"
                if have.get((name, None)) != ddl.comment:
                    conn.exec_driver_sql(f"COMMENT ON {kind} {name} IS {_quote(ddl.comment)}")
                for column, _, comment in ddl.columns:
                    if have.get((name, column)) != comment:
                        conn.exec_driver_sql(
                            f"COMMENT ON COLUMN {name}.{column} IS {_quote(comment)}")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def connect(url: str) -> sa.Engine:
    """An engine on the warehouse with the schema in place; a clear error when it is
    unreachable (the URL in messages never shows a password)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise WarehouseError(f"{url!r} is not a database URL; see --warehouse") from exc
    if parsed.get_backend_name() not in _TIMESTAMPTZ:
        raise WarehouseError(
            f"{safe_url(parsed)}: only SQLite and PostgreSQL warehouses are supported")
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise WarehouseError("an SQLite warehouse must be a file: sqlite:///path/to/file.db")
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = sa.create_engine(parsed, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    try:
        ensure_schema(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise WarehouseError(
            f"cannot reach the warehouse at {safe_url(parsed)}: {reason}. Check that the "
            "database server is running and the URL, user and password "
            "(KPI_WAREHOUSE_URL) are right"
        ) from None
    return engine


# ---------------------------------------------------------------- locks


def _holder_file(engine: sa.Engine, month: date) -> Path:
    return Path(f"{engine.url.database}.{month:%Y-%m}.lock")


@contextlib.contextmanager
def month_lock(engine: sa.Engine, month: date, run_id: str, *, wait_seconds: float = 10.0
               ) -> Iterator[None]:
    """Hold the month for the whole run; waits a while, then says who holds it."""
    who = {"run_id": run_id, "pid": os.getpid(), "host": socket.gethostname(),
           "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
    deadline = time.monotonic() + wait_seconds
    if engine.dialect.name == "postgresql":
        key = {"ns": _LOCK_NAMESPACE, "m": month.year * 12 + month.month}
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("SELECT set_config('application_name', :n, false)"),
                         {"n": f"kpi run {month:%Y-%m} {run_id} pid {who['pid']}"[:63]})
            while not conn.execute(sa.text("SELECT pg_try_advisory_lock(:ns, :m)"),
                                   key).scalar_one():
                if time.monotonic() > deadline:
                    holder = conn.execute(sa.text(
                        "SELECT a.application_name, a.client_addr, a.backend_start "
                        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        "WHERE l.locktype = 'advisory' AND l.classid = :ns "
                        "AND l.objid = :m AND l.granted"), key).first()
                    raise MonthLocked(
                        f"month {month:%Y-%m} is locked by another run "
                        f"({holder[0] if holder else 'unknown'}, connected "
                        f"{holder[2] if holder else '?'}); wait for it to finish, or stop it")
                time.sleep(0.2)
            try:
                yield
            finally:
                with contextlib.suppress(sa.exc.DBAPIError):
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:ns, :m)"), key)
        return
    path = _holder_file(engine, month)
    with path.open("a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise MonthLocked(
                        f"month {month:%Y-%m} is locked by another run ({holder}); wait for "
                        "it to finish, or stop it") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(who))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ---------------------------------------------------------------- reads


@dataclass(frozen=True)
class CurrentVersion:
    version: int
    run_id: str
    fingerprint: str


def current_version(conn: sa.Connection, month: date) -> CurrentVersion | None:
    row = conn.execute(sa.text(
        "SELECT version, run_id, fingerprint FROM kpi_run WHERE month_start = :m "
        "AND status = 'published' ORDER BY version DESC LIMIT 1"), {"m": month}).first()
    return CurrentVersion(*row) if row else None


def warning_history(conn: sa.Connection, month: date, months_back: int = 36) -> pl.DataFrame:
    """``agent_id``, ``month_index``, ``is_warning`` of earlier months' current versions."""
    first = date(month.year - months_back // 12 - 1, month.month, 1)
    rows = conn.execute(sa.text(
        "SELECT agent_id, month_start, is_warning FROM kpi_agent_monthly "
        "WHERE is_current AND month_start < :m AND month_start >= :first"
    ).columns(month_start=sa.Date, is_warning=sa.Boolean), {"m": month, "first": first}).all()
    frame = pl.DataFrame(rows, schema={"agent_id": pl.String, "month_start": pl.Date,
                                       "is_warning": pl.Boolean}, orient="row")
    return frame.select(
        "agent_id",
        (pl.col("month_start").dt.year().cast(pl.Int64) * 12
         + pl.col("month_start").dt.month()).alias("month_index"),
        "is_warning")


def published_months_after(conn: sa.Connection, month: date) -> list[date]:
    return list(conn.execute(sa.text(
        "SELECT DISTINCT month_start FROM kpi_run WHERE status = 'published' "
        "AND month_start > :m ORDER BY month_start").columns(month_start=sa.Date),
        {"m": month}).scalars().all())


def bonuses(conn: sa.Connection, month: date, version: int) -> pl.DataFrame:
    rows = conn.execute(sa.text(
        "SELECT agent_id, agent_name, store_id, bonus_amount FROM kpi_agent_monthly "
        "WHERE month_start = :m AND version = :v").columns(bonus_amount=sa.Numeric(12, 2)),
        {"m": month, "v": version}).all()
    return pl.DataFrame(rows, schema={"agent_id": pl.String, "agent_name": pl.String,
                                      "store_id": pl.String,
                                      "bonus_amount": pl.Decimal(12, 2)}, orient="row")


def read_frame(conn: sa.Connection, query: str, **params) -> pl.DataFrame:
    """A query's result as a frame (for reports and tests)."""
    result = conn.execute(sa.text(query), params)
    return pl.DataFrame([tuple(r) for r in result.all()], schema=list(result.keys()),
                        orient="row", infer_schema_length=None)


# ---------------------------------------------------------------- writes


def write_frame(conn: sa.Connection, table: str, frame: pl.DataFrame) -> None:
    """Append a frame's rows to ``table`` in bulk (column names are the table's)."""
    if frame.is_empty():
        return
    if conn.dialect.name == "postgresql":
        columns = ", ".join(frame.columns)
        data = frame.write_csv(include_header=False, null_value="")
        raw = conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
            copy.write(data)
        return
    target = sa.Table(table, sa.MetaData(), autoload_with=conn)
    for offset in range(0, frame.height, _SQLITE_BATCH):
        conn.execute(target.insert(), frame.slice(offset, _SQLITE_BATCH).to_dicts())


# ---------------------------------------------------------------- run log spool


def spool_run(folder: Path, run: pl.DataFrame) -> Path:
    """Keep a ``kpi_run`` row that could not be written (the warehouse was down) in a
    local file, for `write_spooled_runs` to write once the warehouse is back."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run['run_id'][0]}.ndjson"
    run.write_ndjson(path)
    return path


def write_spooled_runs(engine: sa.Engine, folder: Path, schema: dict) -> int:
    """Write the spooled run rows that the warehouse does not have yet; their files are
    deleted once that is committed. Returns how many rows were written."""
    paths = sorted(folder.glob("*.ndjson")) if folder.is_dir() else []
    if not paths:
        return 0
    runs = pl.concat([pl.read_ndjson(p, schema=schema) for p in paths])
    with engine.begin() as conn:
        known = conn.execute(
            sa.text("SELECT run_id FROM kpi_run WHERE run_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)),
            {"ids": runs["run_id"].to_list()}).scalars().all()
        fresh = runs.filter(~pl.col("run_id").is_in(known))
        write_frame(conn, "kpi_run", fresh)
    for path in paths:
        path.unlink()
    return fresh.height


def remove_abandoned(conn: sa.Connection, month: date, current: int) -> int:
    """Delete rows of versions above the current one: they never became current.

    ``NOT is_current`` guards against a run that lost its lock (its connection died) and
    flipped after ``current`` was read: its rows are current now and stay."""
    removed = 0
    for table in VERSIONED:
        removed += conn.execute(sa.text(
            f"DELETE FROM {table} WHERE month_start = :m AND version > :v "
            "AND NOT is_current"), {"m": month, "v": current}).rowcount
    return removed


def flip(conn: sa.Connection, month: date, version: int, started_from: int | None,
         run_id: str, expected: dict[str, int]) -> None:
    """Make ``version`` the month's current one, if nobody published since we started
    and the version's rows are exactly the ones this run staged (``expected``: rows per
    versioned table).

    The month lock normally makes both true; these checks keep them true when it was
    lost (PostgreSQL's advisory lock dies with its connection, e.g. in a restart)."""
    now = conn.execute(sa.text(
        "SELECT MAX(version) FROM kpi_run WHERE month_start = :m AND status = 'published'"),
        {"m": month}).scalar_one()
    if now != started_from:
        raise ConcurrentPublish(
            f"month {month:%Y-%m}: version {now} was published while this run worked on "
            f"version {version}; run the month again")
    for table in VERSIONED:
        ours, others = conn.execute(sa.text(
            f"SELECT COUNT(CASE WHEN run_id = :r THEN 1 END), "
            f"COUNT(CASE WHEN run_id <> :r THEN 1 END) FROM {table} "
            "WHERE month_start = :m AND version = :v"),
            {"m": month, "v": version, "r": run_id}).one()
        if others or ours != expected[table]:
            raise ConcurrentPublish(
                f"month {month:%Y-%m}: the staged version {version} is no longer this run's "
                f"({table}: {ours} of its {expected[table]} rows, {others} of another run); "
                "another run worked on the month meanwhile; run it again")
    for table in VERSIONED:
        conn.execute(sa.text(
            f"UPDATE {table} SET is_current = (version = :v) WHERE month_start = :m "
            "AND (is_current OR version = :v)"), {"m": month, "v": version})
