"""`kpi run`: score one month and publish it (extract → validate → transform → publish).

Publishing follows `warehouse.md` step by step: the month's lock is held for the whole
run; rows of versions that never became current are removed; the new version is written
not current and committed; the quality gate reads it; one short transaction checks that
the current version is still the one the run started from, flips ``is_current``, writes
the payroll adjustments and the ``kpi_run`` row. A failure before the flip leaves the
previous version current, and the run is recorded as failed with its error.

Decisions: ``kpi_run_input`` is written for every run that read its files;
``kpi_rejected_row`` for published and failed runs (an unchanged run's rejects are those
of the current version's run). A run id is a fresh UUID per month and run.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import polars as pl
import sqlalchemy as sa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from pydantic import Field

from flows import settings, warehouse
from flows.errors import KpiError, RejectThresholdExceeded, retry_unless_expected
from flows.gate import quality_gate
from flows.schemes import SchemeFile, scheme_for_month
from flows.settings import Settings
from flows.validate import ValidatedMonth, extract_and_validate
from schemas.contracts import RECORD_EXPORTS
from transforms.appeals import appeal_outcomes, calendar_for, score_adjustments, without_voided
from transforms.metrics import agent_metrics
from transforms.months import month_index, parse_month, previous_month
from transforms.payroll import bonus_adjustments
from transforms.scoring import score_agents
from transforms.teams import team_metrics
from transforms.timeliness import consultation_timeliness, timeliness_calendar


@dataclass
class MonthResult:
    """What one month's run did (what the CLI prints and backfill tabulates)."""

    month: date
    status: str  # published, unchanged, failed, not run
    run_id: str | None = None
    version: int | None = None
    message: str = ""
    stale_months: list[date] = field(default_factory=list)
    adjustments: int = 0
    exit_code: int = 0
    data_docs: str | None = None


@dataclass
class Computed:
    scorecards: pl.DataFrame  # one row per active agent
    teams: pl.DataFrame  # one row per team
    outcomes: pl.DataFrame  # one row per valid appeal
    warnings: list[str]


def code_version() -> str:
    try:
        return metadata.version("dealer-cs-kpi")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare tree
        return "unknown"


def compute_fingerprint(inputs: pl.DataFrame, scheme_sha256: str,
                        previous_run_id: str | None) -> str:
    """Content hashes of every input file, of the scheme file, and the previous month's
    current run id (the consecutive-months rule reads that month)."""
    payload = {
        "inputs": sorted(zip(inputs["source"], inputs["file_sha256"], strict=True)),
        "scheme": scheme_sha256,
        "previous_run_id": previous_run_id,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@task(name="open-warehouse", retries=3, retry_delay_seconds=[1, 3, 6],
      retry_condition_fn=retry_unless_expected, cache_policy=NO_CACHE)
def open_warehouse(url: str) -> sa.Engine:
    return warehouse.connect(url)


@task(name="load-scheme", cache_policy=NO_CACHE)
def load_scheme(schemes_dir, month: date) -> SchemeFile:
    return scheme_for_month(schemes_dir, month)


@dataclass
class WarehouseState:
    current: warehouse.CurrentVersion | None
    previous_run_id: str | None
    history: pl.DataFrame


@task(name="read-warehouse-state", retries=2, retry_delay_seconds=[2, 8],
      retry_condition_fn=retry_unless_expected, cache_policy=NO_CACHE)
def read_state(engine: sa.Engine, month: date) -> WarehouseState:
    with engine.connect() as conn:
        previous = warehouse.current_version(conn, previous_month(month))
        return WarehouseState(warehouse.current_version(conn, month),
                              previous.run_id if previous else None,
                              warehouse.warning_history(conn, month))


@dataclass
class Appealed:
    outcomes: pl.DataFrame  # one row per valid appeal
    kept: dict[str, pl.DataFrame]  # each record file's accepted rows, voided ones removed
    warnings: list[str]


@task(name="apply-appeals", cache_policy=NO_CACHE)
def apply_appeals(validated: ValidatedMonth, scheme_file: SchemeFile) -> Appealed:
    """Every appeal's outcome, and the records without the voided ones (pure). Done for
    the whole month: an appeal may name another store's record."""
    scheme, month = scheme_file.scheme, validated.month_start
    appeals = validated.records["appeals"]
    calendar, warnings = calendar_for(
        appeals, scheme.appeals.window_working_days,
        extra_holidays=scheme.appeals.extra_holidays,
        extra_working_days=scheme.appeals.extra_working_days)
    records = {e.name: validated.records[e.name] for e in RECORD_EXPORTS}
    outcomes = appeal_outcomes(appeals, records, month_start=month, calendar=calendar,
                               window=scheme.appeals.window_working_days)
    return Appealed(outcomes, without_voided(records, outcomes), warnings)


@task(name="compute-scorecards", cache_policy=NO_CACHE)
def compute(roster: pl.DataFrame, kept: dict[str, pl.DataFrame], outcomes: pl.DataFrame,
            scheme_file: SchemeFile, history: pl.DataFrame, month: date,
            workdays: pl.DataFrame | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Metrics and scores of the roster's active agents, and their teams (pure).
    ``workdays``: the calendar of business-hours timeliness (None on the wall clock)."""
    scheme = scheme_file.scheme
    lazy = {k: v.lazy() for k, v in kept.items()}
    lazy["consultations"] = consultation_timeliness(
        lazy["consultations"], sla=scheme.metrics.timeliness.sla, calendar=workdays)
    metrics = agent_metrics(roster.lazy(), lazy)
    scorecards = score_agents(
        metrics, scheme=scheme, adjustments=score_adjustments(outcomes).lazy(),
        warnings_before=history.lazy(), month_index=month_index(month),
    )
    teams = team_metrics(roster.lazy(), lazy, scheme=scheme)
    return tuple(pl.collect_all([scorecards, teams]))


def store_partitions(roster: pl.DataFrame, partitions: int) -> list[pl.DataFrame]:
    """The roster split into at most ``partitions`` groups of whole stores (round robin
    over the sorted store ids): a store's agents and teams never straddle two groups."""
    stores = roster["store_id"].unique().sort()
    if partitions <= 1 or stores.len() <= 1:
        return [roster]
    groups = [stores.gather_every(partitions, offset=i) for i in range(partitions)]
    return [roster.filter(pl.col("store_id").is_in(g.implode())) for g in groups
            if not g.is_empty()]


def compute_month(validated: ValidatedMonth, scheme_file: SchemeFile, history: pl.DataFrame,
                  *, partitions: int = 1) -> Computed:
    """Appeals for the whole month, then scorecards and teams, either in one task or in
    one task per group of stores (``partitions``), submitted together so that the flow's
    task runner (threads by default; Dask or Ray through prefect-dask / prefect-ray) can
    run them side by side. Stores are independent, so the result is the same."""
    appealed = apply_appeals(validated, scheme_file)
    scheme = scheme_file.scheme
    # One calendar for the whole month (a partition's consultations are a subset).
    workdays, calendar_warnings = timeliness_calendar(
        validated.records["consultations"], sla=scheme.metrics.timeliness.sla,
        appeals=scheme.appeals)
    parts = []
    groups = store_partitions(validated.roster, partitions)
    for roster in groups:
        agents = roster["agent_id"].implode()
        kept = {k: v.filter(pl.col("agent_id").is_in(agents)) for k, v in appealed.kept.items()
                } if len(groups) > 1 else appealed.kept
        parts.append(compute.submit(roster, kept, appealed.outcomes, scheme_file, history,
                                    validated.month_start, workdays))
    results = [part.result() for part in parts]
    scorecards = pl.concat([r[0] for r in results]).sort("agent_id")
    teams = pl.concat([r[1] for r in results]).sort("store_id", "team_id")
    warnings = list(dict.fromkeys([*appealed.warnings, *calendar_warnings]))  # one per year
    return Computed(scorecards, teams, appealed.outcomes, warnings)


RUN_ROW_SCHEMA = {
    "run_id": pl.String, "month_start": pl.Date, "status": pl.String, "version": pl.Int64,
    "fingerprint": pl.String, "scheme_version": pl.String, "code_version": pl.String,
    "started_at": pl.Datetime("us", "UTC"), "finished_at": pl.Datetime("us", "UTC"),
    "error": pl.String, "warnings": pl.String, "allow_rejects": pl.Boolean,
    "data_docs": pl.String}


def spool_dir(data_docs_dir: Path) -> Path:
    """Where failed runs wait when the warehouse cannot take their run-log row (beside
    the Data Docs: the one folder a run already writes locally)."""
    return data_docs_dir / "pending-run-log"


def _run_row(run_id: str, month: date, status: str, *, version: int | None,
             fingerprint: str | None = None, scheme_file: SchemeFile | None, started: datetime,
             error: str | None = None, warnings: list[str] = (), allow_rejects: bool = False,
             data_docs: str | None = None) -> pl.DataFrame:
    return pl.DataFrame([{
        "run_id": run_id, "month_start": month, "status": status, "version": version,
        "fingerprint": fingerprint, "scheme_version": scheme_file.scheme.version if scheme_file
        else None, "code_version": code_version(), "started_at": started,
        "finished_at": datetime.now(UTC), "error": error,
        "warnings": "\n".join(warnings) or None, "allow_rejects": allow_rejects,
        "data_docs": data_docs,
    }], schema=RUN_ROW_SCHEMA)


def _lineage(validated: ValidatedMonth, run_id: str, *, with_rejects: bool
             ) -> dict[str, pl.DataFrame]:
    tag = [pl.lit(run_id).alias("run_id"), pl.lit(validated.month_start).alias("month_start")]
    frames = {"kpi_run_input": validated.inputs.select(*tag, pl.all())}
    if with_rejects:
        frames["kpi_rejected_row"] = validated.rejected.select(*tag, pl.all())
    return frames


def _versioned(computed: Computed, *, month: date, version: int, run_id: str,
               scheme_version: str, currency: str, computed_at: datetime
               ) -> dict[str, pl.DataFrame]:
    tag = {"month_start": pl.lit(month), "version": pl.lit(version),
           "is_current": pl.lit(False), "run_id": pl.lit(run_id)}
    scheme = {"scheme_version": pl.lit(scheme_version)}
    return {
        "kpi_agent_monthly": computed.scorecards.with_columns(
            **tag, **scheme, currency=pl.lit(currency), computed_at=pl.lit(computed_at)),
        "kpi_team_monthly": computed.teams.with_columns(**tag, **scheme),
        "kpi_appeal_outcome": computed.outcomes.select(
            "appeal_id", "agent_id", "kind", "is_applied", "reason", "deadline_on"
        ).with_columns(**tag),
    }


@task(name="stage-version", retries=2, retry_delay_seconds=[2, 8],
      retry_condition_fn=warehouse.retry_on_outage, cache_policy=NO_CACHE)
def stage(engine: sa.Engine, *, run_id: str, validated: ValidatedMonth, computed: Computed,
          scheme_file: SchemeFile, computed_at: datetime) -> tuple[int, int | None]:
    """Steps 2-3: remove rows of versions that never became current, then write the new
    version (not current) and the run's lineage in one transaction. Returns the new
    version and the current one it builds on. Safe to retry: each attempt starts by
    removing what an earlier one may have left."""
    month = validated.month_start
    with engine.begin() as conn:
        current = warehouse.current_version(conn, month)
        base = current.version if current else None
        warehouse.remove_abandoned(conn, month, base or 0)
        conn.execute(sa.text("DELETE FROM kpi_rejected_row WHERE run_id = :r"), {"r": run_id})
        conn.execute(sa.text("DELETE FROM kpi_run_input WHERE run_id = :r"), {"r": run_id})
    version = (base or 0) + 1
    with engine.begin() as conn:
        staged = _versioned(computed, month=month, version=version, run_id=run_id,
                            scheme_version=scheme_file.scheme.version,
                            currency=scheme_file.scheme.currency, computed_at=computed_at)
        for table, frame in {**staged, **_lineage(validated, run_id, with_rejects=True)
                             }.items():
            warehouse.write_frame(conn, table, frame)
    return version, base


@task(name="flip-version", retries=2, retry_delay_seconds=[2, 8],
      retry_condition_fn=warehouse.retry_on_outage, cache_policy=NO_CACHE)
def flip_version(engine: sa.Engine, *, run_id: str, month: date, version: int,
                 base: int | None, computed: Computed, scheme_file: SchemeFile,
                 fingerprint: str, started: datetime, computed_at: datetime,
                 allow_rejects: bool, warnings: list[str], data_docs: str) -> MonthResult:
    """Step 5, one short transaction: make the staged version current if the current one
    is still ``base``, write the payroll adjustments and the ``kpi_run`` row."""
    with engine.begin() as conn:
        warehouse.flip(conn, month, version, base, run_id, expected={
            "kpi_agent_monthly": computed.scorecards.height,
            "kpi_team_monthly": computed.teams.height,
            "kpi_appeal_outcome": computed.outcomes.height})
        adjustments = pl.DataFrame()
        if base is not None:
            adjustments = bonus_adjustments(
                warehouse.bonuses(conn, month, base),
                computed.scorecards.select("agent_id", "agent_name", "store_id",
                                           "bonus_amount"),
                month_start=month, from_version=base, to_version=version,
                currency=scheme_file.scheme.currency, run_id=run_id, created_at=computed_at)
            warehouse.write_frame(conn, "kpi_payroll_adjustment", adjustments)
        stale = warehouse.published_months_after(conn, month)
        if stale:
            warnings = [*warnings, "published later months are now stale (run them again or "
                        "backfill from this month): " + ", ".join(f"{m:%Y-%m}" for m in stale)]
        warehouse.write_frame(conn, "kpi_run", _run_row(
            run_id, month, "published", version=version, fingerprint=fingerprint,
            scheme_file=scheme_file, started=started, warnings=warnings,
            allow_rejects=allow_rejects, data_docs=data_docs))
    return MonthResult(month, "published", run_id, version, stale_months=stale,
                       adjustments=adjustments.height, data_docs=data_docs)


def publish(engine: sa.Engine, *, run_id: str, validated: ValidatedMonth, computed: Computed,
            scheme_file: SchemeFile, fingerprint: str, started: datetime, allow_rejects: bool,
            warnings: list[str], data_docs_dir) -> MonthResult:
    """Steps 2-5 of the publishing protocol (the caller holds the month's lock): stage,
    gate, flip. A failing gate removes the staged rows before it raises."""
    month = validated.month_start
    now = datetime.now(UTC)
    version, base = stage(engine, run_id=run_id, validated=validated, computed=computed,
                          scheme_file=scheme_file, computed_at=now)
    try:  # 4. the quality gate reads what it checks
        docs = quality_gate(engine, month=month, version=version, run_id=run_id,
                            scheme=scheme_file.scheme,
                            expected_agents=computed.scorecards.height,
                            data_docs_dir=data_docs_dir)
    except Exception:
        with engine.begin() as conn:
            warehouse.remove_abandoned(conn, month, base or 0)
        raise
    return flip_version(engine, run_id=run_id, month=month, version=version, base=base,
                        computed=computed, scheme_file=scheme_file, fingerprint=fingerprint,
                        started=started, computed_at=now, allow_rejects=allow_rejects,
                        warnings=warnings, data_docs=str(docs))


def _record_failure(engine: sa.Engine, *, run_id: str, month: date, error: str,
                    validated: ValidatedMonth | None, scheme_file: SchemeFile | None,
                    fingerprint: str | None, started: datetime, allow_rejects: bool,
                    data_docs: str | None = None) -> None:
    """The failed run's row, and its lineage unless publishing already wrote it."""
    with engine.begin() as conn:
        current = warehouse.current_version(conn, month)
        written = conn.execute(sa.text("SELECT COUNT(*) FROM kpi_run_input WHERE run_id = :r"),
                               {"r": run_id}).scalar_one()
        if validated is not None and not written:
            for table, frame in _lineage(validated, run_id, with_rejects=True).items():
                warehouse.write_frame(conn, table, frame)
        warehouse.write_frame(conn, "kpi_run", _run_row(
            run_id, month, "failed", version=current.version if current else None,
            fingerprint=fingerprint, scheme_file=scheme_file, started=started, error=error,
            allow_rejects=allow_rejects, data_docs=data_docs))


def _spool_failure(paths: Settings, run: pl.DataFrame, exc: BaseException) -> None:
    path = warehouse.spool_run(spool_dir(paths.data_docs_dir), run)
    exc.add_note(f"The warehouse could not record this failure; it is kept in {path} and "
                 "written to kpi_run by the next run that reaches the warehouse.")


def run_month(month: date, paths: Settings, *, force: bool = False,
              allow_rejects: bool = False, engine: sa.Engine | None = None,
              partitions: int = 1) -> MonthResult:
    """One month, start to end, inside the caller's flow run. Raises KpiError on an
    expected failure, after recording it in the run log."""
    run_id = uuid.uuid4().hex
    started = datetime.now(UTC)
    log = get_run_logger()
    log.info("%s run %s: started", f"{month:%Y-%m}", run_id)
    if engine is None:
        try:
            engine = open_warehouse(paths.warehouse_url)
        except KpiError as exc:
            _spool_failure(paths, _run_row(run_id, month, "failed", version=None,
                                           scheme_file=None, started=started, error=str(exc),
                                           allow_rejects=allow_rejects), exc)
            raise
    spooled = spool_dir(paths.data_docs_dir)
    if written := warehouse.write_spooled_runs(engine, spooled, RUN_ROW_SCHEMA):
        log.info("%s run %s: wrote %s failed run(s) kept while the warehouse was down",
                 f"{month:%Y-%m}", run_id, written)
    scheme_file = validated = fingerprint = None
    with warehouse.month_lock(engine, month, run_id):
        try:
            scheme_file = load_scheme(paths.schemes_dir, month)
            validated = extract_and_validate(
                paths.exports_dir, month, scheme_file.scheme.data_quality.max_reject_rate)
            state = read_state(engine, month)
            fingerprint = compute_fingerprint(validated.inputs, scheme_file.sha256,
                                              state.previous_run_id)
            if state.current and state.current.fingerprint == fingerprint and not force:
                with engine.begin() as conn:
                    for table, frame in _lineage(validated, run_id, with_rejects=False).items():
                        warehouse.write_frame(conn, table, frame)
                    warehouse.write_frame(conn, "kpi_run", _run_row(
                        run_id, month, "unchanged", version=state.current.version,
                        fingerprint=fingerprint, scheme_file=scheme_file, started=started))
                log.info("%s run %s: unchanged, version %s stays current",
                         f"{month:%Y-%m}", run_id, state.current.version)
                return MonthResult(month, "unchanged", run_id, state.current.version,
                                   message="inputs, scheme and previous month unchanged")
            warnings: list[str] = []
            if validated.breaches:
                if not allow_rejects:
                    raise RejectThresholdExceeded(
                        f"month {month:%Y-%m} not published:\n" + "\n".join(validated.breaches))
                warnings.append("published over the reject threshold with --allow-rejects: "
                                + " | ".join(validated.breaches))
            computed = compute_month(validated, scheme_file, state.history,
                                     partitions=partitions)
            result = publish(engine, run_id=run_id, validated=validated, computed=computed,
                             scheme_file=scheme_file, fingerprint=fingerprint, started=started,
                             allow_rejects=allow_rejects,
                             warnings=[*warnings, *computed.warnings],
                             data_docs_dir=paths.data_docs_dir)
            log.info("%s run %s: published version %s", f"{month:%Y-%m}", run_id,
                     result.version)
            for note in result.stale_months:
                log.warning("%s run %s: %s is now stale", f"{month:%Y-%m}", run_id,
                            f"{note:%Y-%m}")
            return result
        except Exception as caught:
            exc = caught
            if not isinstance(exc, KpiError) and warehouse.is_outage(exc):
                exc = warehouse.outage_error(engine, caught)
            message = str(exc) if isinstance(exc, KpiError) else f"{type(exc).__name__}: {exc}"
            log.info("%s run %s: failed: %s", f"{month:%Y-%m}", run_id, message)
            try:
                _record_failure(engine, run_id=run_id, month=month, error=message,
                                validated=validated, scheme_file=scheme_file,
                                fingerprint=fingerprint, started=started,
                                allow_rejects=allow_rejects,
                                data_docs=getattr(exc, "data_docs", None))
            except (sa.exc.SQLAlchemyError, KpiError):  # the warehouse itself is failing
                _spool_failure(paths, _run_row(
                    run_id, month, "failed", version=None, fingerprint=fingerprint,
                    scheme_file=scheme_file, started=started, error=message,
                    allow_rejects=allow_rejects), exc)
            if exc is caught:
                raise
            raise exc from caught


MonthText = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
                                 description="a month, YYYY-MM")]
FolderText = Annotated[str | None, Field(description="a folder; default from the "
                                                     "environment (cli.md)")]
Partitions = Annotated[int, Field(ge=1, le=1000, description=(
    "groups of stores whose scorecards are computed as separate tasks (1: one task); "
    "publishing stays one step per month"))]


def default_month(today: date | None = None) -> date:
    """The month a scheduled run scores: the one before today in Asia/Shanghai."""
    today = today or datetime.now(ZoneInfo("Asia/Shanghai")).date()
    return previous_month(today.replace(day=1))


@flow(name="month-end")
def month_end(month: MonthText | None = None, force: bool = False,
              allow_rejects: bool = False, exports_dir: FolderText = None,
              schemes_dir: FolderText = None, data_docs_dir: FolderText = None,
              partitions: Partitions = 1) -> MonthResult:
    """Score and publish one month (by default the previous one, Asia/Shanghai)."""
    paths = settings.resolve(exports_dir, schemes_dir, data_docs_dir)
    chosen = parse_month(month) if month else default_month()
    return run_month(chosen, paths, force=force, allow_rejects=allow_rejects,
                     partitions=partitions)
