"""One attempt at a month: its record in ``kpi_run`` from start to finish, a failure or
an interruption recorded as the operator reads it, its ``running`` row while it works,
and the rows of runs killed before they finished, settled by the next run of the month;
the `Run` it becomes once its inputs are read (`flows.publishing.runs.begin`) lives here
too, since each names the other.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.common.errors import KpiError, interrupted
from flows.common.settings import Settings
from flows.inputs.schemes import SchemeFile
from flows.inputs.validate import ValidatedMonth
from flows.publishing.outcomes import RunOptions, code_version
from flows.storage import archive, failures, reads, schema, writes
from schemas.tables import (
    KPI_COMPLETENESS,
    KPI_REJECTED_ROW,
    KPI_RUN,
    KPI_RUN_INPUT,
    polars_schema,
)
from transforms.periods import Period


@dataclass
class Attempt:
    """A run before its inputs are known, and what it learnt so far: what its failure
    row records. Steps add to it as they succeed (`scheme_file`, `validated`, `run`)."""

    month: date
    settings: Settings
    options: RunOptions
    flow_run_id: str | None = None
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    engine: sa.Engine | None = None
    scheme_file: SchemeFile | None = None
    # The end of M−1's published period, where M's period starts from (None: M−1 is not
    # published and the scheme folder says); read once, under the month's lock.
    previous_end_on: date | None = None
    validated: ValidatedMonth | None = None
    run: Run | None = None

    def running_row(self) -> pl.DataFrame:
        """This attempt's ``kpi_run`` row while it works (`start`)."""
        return _run_row(
            run_id=self.run_id,
            month_start=self.month,
            status="running",
            started_at=self.started_at,
            finished_at=None,
            allow_rejects=False,
            allow_incomplete=False,
            flow_run_id=self.flow_run_id,
        )

    def failure_row(self, error: str, data_docs: str | None) -> pl.DataFrame:
        """This attempt's ``kpi_run`` row as a failed run, with what it knows."""
        if self.run is not None:
            return self.run.row("failed", version=None, error=error, data_docs=data_docs)
        return _run_row(
            run_id=self.run_id,
            month_start=self.month,
            status="failed",
            scheme_version=self.scheme_file.scheme.version if self.scheme_file else None,
            scheme_sha256=self.scheme_file.sha256 if self.scheme_file else None,
            started_at=self.started_at,
            error=error,
            allow_rejects=False,
            allow_incomplete=False,
            data_docs=data_docs,
            flow_run_id=self.flow_run_id,
        )


def _run_row(**values) -> pl.DataFrame:
    """A ``kpi_run`` row: ``values`` plus the code version and (unless given) the
    finishing time."""
    row = {c.name: None for c in KPI_RUN.columns}
    row.update(code_version=code_version(), finished_at=datetime.now(UTC))
    row.update(values)
    return pl.DataFrame([row], schema=polars_schema(KPI_RUN.columns))


def _operator_error(exc: Exception, attempt: Attempt) -> KpiError | None:
    """The failure as the operator reads it, with the month: an expected failure as it
    is, a database failure in words; None for anything else (a bug)."""
    error = (
        exc
        if isinstance(exc, KpiError)
        else failures.failure(exc, attempt.settings.warehouse_url, during_run=True)
    )
    if error is not None:
        error.month = attempt.month
    return error


def _record_failure(attempt: Attempt, error: KpiError | None, exc: Exception) -> None:
    """The failed run's row, and its lineage once its files were read (unless staging
    already wrote it); spooled when the warehouse cannot take them. ``error``: the
    operator's error, None for a bug (recorded by its type and text)."""
    message = error.message if error else f"{type(exc).__name__}: {exc}"
    # What the run archived while it validated is no version's: remove it.
    shutil.rmtree(
        archive.partial_folder(attempt.settings.archive_dir, attempt.month, attempt.run_id),
        ignore_errors=True,
    )
    if isinstance(error, schema.WarehouseTooNew):
        return  # this release can never write that warehouse: nothing to keep for later
    row = attempt.failure_row(message, getattr(error, "data_docs", None))
    try:
        if attempt.engine is None:
            raise ConnectionError("no warehouse connection")
        with attempt.engine.begin() as conn:
            current = reads.current_version(conn, attempt.month)
            kept = current.version if current else None
            row = row.with_columns(version=pl.lit(kept, pl.Int64))
            if error is not None:
                error.kept_version, error.kept_known = kept, True
            if attempt.validated is not None and not reads.has_lineage(conn, attempt.run_id):
                judged = attempt.run.completeness if attempt.run is not None else None
                for table, frame in lineage(
                    attempt.validated, attempt.run_id, attempt.month, completeness=judged
                ).items():
                    writes.write_frame(conn, table, frame)
            writes.record_run(conn, row)
    except Exception:  # the warehouse itself is failing: keep the row for later
        folder = writes.spool_folder(attempt.settings.data_docs_dir, attempt.settings.warehouse_url)
        path = writes.spool_run(folder, row)
        (error or exc).add_note(
            f"The warehouse could not record this failure; it is kept in {path} "
            "and written to kpi_run by the next run that reaches that warehouse."
        )


@contextlib.contextmanager
def attempt(
    month: date, settings: Settings, options: RunOptions, *, flow_run_id: str | None = None
) -> Iterator[Attempt]:
    """One run of ``month``: whatever fails inside is recorded (`kpi_run`, or the spool)
    and re-raised as the operator's error, with the month; so is whatever stops the
    process's Python (a `SystemExit`, an orchestrator's abort), which is re-raised as is."""
    current = Attempt(month, settings, options, flow_run_id)
    try:
        yield current
    except KeyboardInterrupt as exc:
        _record_stop(current, exc, "interrupted by the operator (Ctrl-C)")
        raise
    except Exception as exc:
        if interrupted(exc):  # Ctrl-C that a library turned into another error
            _record_stop(current, exc, "interrupted by the operator (Ctrl-C)")
            raise
        error = _operator_error(exc, current)
        if error is not None:
            error.run_id = current.run_id
        _record_failure(current, error, exc)
        if error is None or error is exc:
            raise
        raise error from exc
    except BaseException as exc:  # SystemExit, a worker's abort: the process is ending
        said = f": {exc}" if str(exc) else ""
        _record_stop(current, exc, f"stopped before it finished ({type(exc).__name__}{said})")
        raise


def _record_stop(attempt: Attempt, exc: BaseException, why: str) -> None:
    """A run stopped from outside (Ctrl-C, a process told to exit): the run's row says
    so, unless the run already has its row (it was published or found unchanged just
    before). Best effort: a second Ctrl-C or a failing warehouse leaves the run to the
    next run of the month, which settles its ``running`` row (`settle_killed`), rather
    than the operator waiting."""
    stopped = KpiError(f"{why}; nothing of this run was published", month=attempt.month)
    with contextlib.suppress(Exception, KeyboardInterrupt):
        if attempt.engine is not None:
            with attempt.engine.connect() as conn:
                if reads.has_run(conn, attempt.run_id):
                    return
        _record_failure(attempt, stopped, exc)


def start(attempt: Attempt) -> None:
    """The run's ``running`` row, written once it holds the month (`warehouse.md`,
    ``kpi_run``): a run whose process dies from now on leaves that row for the next run
    of the month to settle, on either database."""
    with attempt.engine.begin() as conn:
        writes.write_frame(conn, KPI_RUN, attempt.running_row())


def settle_killed(
    engine: sa.Engine, month: date, holder: dict | None, found_by: str, archive_dir: Path
) -> list[str]:
    """The runs of ``month`` that were killed while they worked on it (kill -9, a dead
    host), settled by ``found_by``, the run that now holds the month: each ``running``
    row becomes ``failed`` with why, a killed run that had no row yet (SQLite: its lock
    file names it, ``holder``) gets one, and what they staged is removed, also when
    ``found_by`` then finds the month unchanged, with their archives under
    ``archive_dir``. Nothing of them was published (publishing is one transaction).
    Returns one message per run settled."""
    holder = holder or {}
    settled: list[str] = []
    with engine.begin() as conn:
        running = reads.running_runs(conn, month).filter(pl.col("run_id") != found_by)
        current = reads.current_version(conn, month)
        version = current.version if current else None
        # Only these runs' archives go: a lock file can also name a run killed after it
        # published, whose archive is the current version's.
        killed = set(running["run_id"])
        for run_id in running["run_id"]:
            error = _killed(found_by, holder if holder.get("run_id") == run_id else None)
            writes.fail_running(conn, run_id, error, version)
            settled.append(error)
        run_id = holder.get("run_id")
        if run_id and run_id not in killed and not reads.has_run(conn, run_id):
            killed.add(run_id)
            error = _killed(found_by, holder)
            try:
                started_at = datetime.fromisoformat(holder["started_at"])
            except (KeyError, TypeError, ValueError):
                started_at = None
            row = _run_row(
                run_id=run_id,
                month_start=month,
                status="failed",
                version=version,
                started_at=started_at,
                error=error,
                allow_rejects=False,
                allow_incomplete=False,
                flow_run_id=holder.get("flow_run_id"),
            )
            writes.write_frame(conn, KPI_RUN, row)
            settled.append(error)
        staged = writes.remove_abandoned(conn, month, version) if settled else set()
    archive.discard(archive_dir, month, (staged | killed) - {found_by})
    return settled


def _killed(found_by: str, holder: dict | None) -> str:
    """Why a killed run's row is ``failed``: who it was, when its lock file says."""
    if holder is None:
        return (
            f"killed before it finished; run {found_by} found it still running when it took "
            "the month over; nothing of it was published"
        )
    pid, host = holder.get("pid", "?"), holder.get("host", "?")
    return (
        f"killed before it finished (pid {pid} on {host}); run {found_by} found its lock "
        "when it took the month over; nothing of it was published"
    )


def lineage(
    validated: ValidatedMonth,
    run_id: str,
    month: date,
    *,
    with_rejects: bool = True,
    completeness: pl.DataFrame | None = None,
) -> dict[sa.Table, pl.DataFrame]:
    """The run's ``kpi_run_input`` (and ``kpi_rejected_row``, ``kpi_completeness``) rows."""
    frames = {KPI_RUN_INPUT: validated.inputs}
    if with_rejects:
        frames[KPI_REJECTED_ROW] = validated.rejected
    if completeness is not None:
        frames[KPI_COMPLETENESS] = completeness
    return {table: tagged(table, frame, run_id, month) for table, frame in frames.items()}


def tagged(table: sa.Table, frame: pl.DataFrame, run_id: str, month: date) -> pl.DataFrame:
    """A run's rows of ``table`` (``frame``, without the run's id and month)."""
    tag = [pl.lit(run_id).alias("run_id"), pl.lit(month).alias("month_start")]
    return frame.select(*tag, pl.all()).select(c.name for c in table.columns)


@dataclass(frozen=True)
class Run:
    """One run of one month, built once its inputs are read (`begin`)."""

    run_id: str
    month: date
    started_at: datetime
    flow_run_id: str | None
    settings: Settings
    options: RunOptions
    scheme_file: SchemeFile
    fingerprint: str
    history_digest: str
    base: reads.CurrentVersion | None  # the month's current version at the start
    streaks: pl.DataFrame  # agent_id, previous_run: warned months right before
    period: Period  # the month's evaluation period
    completeness: pl.DataFrame  # each store's exports judged (kpi_completeness's rows)
    warnings: tuple[str, ...] = ()  # gap, rejects or incompleteness allowed, for the run log
    rejects_allowed: bool = False  # published over the reject threshold by choice
    incomplete_allowed: bool = False  # published although incomplete, by choice

    @property
    def version(self) -> int:
        """The version this run publishes."""
        return (self.base.version if self.base else 0) + 1

    @property
    def is_unchanged(self) -> bool:
        return (
            self.base is not None
            and self.base.fingerprint == self.fingerprint
            and not self.options.force
        )

    def row(
        self,
        status: str,
        *,
        version: int | None,
        error: str | None = None,
        warnings: list[str] = (),
        data_docs: str | None = None,
    ) -> pl.DataFrame:
        """This run's ``kpi_run`` row."""
        return _run_row(
            run_id=self.run_id,
            month_start=self.month,
            status=status,
            version=version,
            fingerprint=self.fingerprint,
            scheme_version=self.scheme_file.scheme.version,
            scheme_sha256=self.scheme_file.sha256,
            started_at=self.started_at,
            error=error,
            warnings="\n".join(warnings) or None,
            allow_rejects=self.rejects_allowed,
            allow_incomplete=self.incomplete_allowed,
            data_docs=data_docs,
            history_digest=self.history_digest,
            flow_run_id=self.flow_run_id,
        )
