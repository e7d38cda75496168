"""Everything written to the warehouse: bulk frames (``COPY … FROM STDIN`` on PostgreSQL,
batched ``executemany`` on SQLite), the flip that publishes a version, the run log
spool, the scheme files and the payroll export's marks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.common.errors import SchemeError
from flows.storage.failures import ConcurrentPublish, warehouse_key
from flows.storage.reads import current_version
from schemas import tables as t
from schemas.tables import (
    KPI_PAYROLL_ADJUSTMENT,
    KPI_REJECTED_ROW,
    KPI_RUN,
    KPI_RUN_INPUT,
    KPI_SCHEME,
    VERSIONED,
    polars_schema,
)

_SQLITE_BATCH = 50_000


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


def record_run(conn: sa.Connection, rows: pl.DataFrame) -> None:
    """Runs' ``kpi_run`` rows as they ended, each in place of its ``running`` row."""
    conn.execute(
        sa.delete(KPI_RUN).where(
            KPI_RUN.c.run_id.in_(rows["run_id"].to_list()), KPI_RUN.c.status == "running"
        )
    )
    write_frame(conn, KPI_RUN, rows)


def fail_running(conn: sa.Connection, run_id: str, error: str, version: int | None) -> None:
    """A ``running`` row of a run that was killed, settled as ``failed`` with ``error``
    (``version``: the month's current one)."""
    conn.execute(
        sa.update(KPI_RUN)
        .where(KPI_RUN.c.run_id == run_id, KPI_RUN.c.status == "running")
        .values(status="failed", error=error, version=version, finished_at=datetime.now(UTC))
    )


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
    """Write the spooled run rows that the warehouse does not have yet, each in place of
    its ``running`` row (a failed run's version: the month's current one); their files
    are deleted once that is committed. Returns how many rows were written."""
    paths = sorted(folder.glob("*.ndjson")) if folder.is_dir() else []
    if not paths:
        return 0
    schema = polars_schema(KPI_RUN.columns)
    runs = pl.concat([pl.read_ndjson(p, schema=schema) for p in paths])
    with engine.begin() as conn:
        known = (
            conn.execute(
                sa.select(KPI_RUN.c.run_id).where(
                    KPI_RUN.c.run_id.in_(runs["run_id"].to_list()), KPI_RUN.c.status != "running"
                )
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
        record_run(conn, fresh)
    for path in paths:
        path.unlink()
    return fresh.height


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
