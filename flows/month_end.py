"""`kpi run` and the month-end deployment: one month, extract → validate → transform →
load (stage, quality gate, flip), as the Prefect flow ``month-end``.

`run_month` is the whole story of one month; the protocol's rules (lock, staging, the
flip, what a failed run records) are in `flows.publishing.runs`, the tasks in `flows.steps`. A
scheduled run scores the month before its *scheduled* start (Asia/Shanghai), so a run
that starts late still scores the month it was scheduled for. An expected failure ends
the flow run Failed with the operator's message (month, file, what to do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import polars as pl
from prefect import flow
from pydantic import Field

from flows import artifacts, steps
from flows.common.errors import KpiError
from flows.common.settings import Settings
from flows.inputs.schemes import month_scheme
from flows.inputs.validate import ValidatedMonth, extract_and_validate, uncounted
from flows.publishing import attempts, runs
from flows.publishing.attempts import Run
from flows.publishing.outcomes import Computed, MonthResult, RunOptions
from flows.steps import call
from flows.storage import archive, failures, locking, reads, writes
from transforms import results
from transforms.interviews import improvement_plan
from transforms.months import MONTH_PATTERN, parse_month, previous_month

MonthText = Annotated[str, Field(pattern=MONTH_PATTERN, description="a month, YYYY-MM")]
SCHEDULE_ZONE = ZoneInfo("Asia/Shanghai")


def scheduled_month(now: datetime | None = None) -> date:
    """The month a run without a month scores: the one before its scheduled start (a flow
    run's, from Prefect's run context), else before now, in Asia/Shanghai."""
    if now is None:
        from prefect.runtime import flow_run

        now = flow_run.scheduled_start_time or datetime.now(SCHEDULE_ZONE)
    return previous_month(now.astimezone(SCHEDULE_ZONE).date().replace(day=1))


def run_namer(flow_name: str) -> Callable[[], str]:
    """A flow's run names: the flow and the month (``month-end 2026-10``, on the cluster
    ``month-end-dask 2026-10``), so that runs of the two deployments are told apart."""

    def name() -> str:
        from prefect.runtime import flow_run

        month = flow_run.parameters.get("month") or f"{scheduled_month():%Y-%m}"
        return f"{flow_name} {month}"

    return name


def flow_context() -> tuple[str | None, bool]:
    """(this flow run's id, whether a worker runs it from a deployment)."""
    from prefect.runtime import deployment, flow_run

    return flow_run.id, deployment.id is not None


def compute(validated: ValidatedMonth, run: Run) -> Computed:
    """Appeals for the whole month, then scorecards and teams in one task per group of
    whole stores (``partitions``), submitted together so that the flow's task runner
    (threads by default; a Dask cluster in `flows.cluster`) runs them side by side. Each
    task gets only its stores' rows (`results.shares`): on Dask, what a task is given is
    pickled and shipped to its worker."""
    scheme = run.scheme_file.scheme
    prepared = call(steps.prepare, validated.records, scheme, run.month)
    shares = results.shares(validated.roster, prepared, run.streaks, run.options.partitions)
    futures = [
        steps.compute_scorecards.with_options(
            task_run_name=f"compute-scorecards[{run.month:%Y-%m} {i}/{len(shares)}]",
        ).submit(share.roster, share.kept, share.outcomes, share.streaks, scheme, prepared.workdays)
        for i, share in enumerate(shares, start=1)
    ]
    parts = [future.result() for future in futures]
    return Computed(
        pl.concat([p[0] for p in parts]).sort("agent_id"),
        pl.concat([p[1] for p in parts]).sort("store_id", "team_id"),
        prepared.outcomes,
        validated.roster,
        improvement_plan(validated.records["interviews"].lazy()).collect(),
        prepared.warnings,
    )


def run_month(
    month: date,
    settings: Settings,
    options: RunOptions,
    *,
    engine=None,
    stale_after: date | None = None,
) -> MonthResult:
    """One month, start to end, inside the caller's flow run. Raises `KpiError` (with the
    month) on an expected failure, after recording it in the run log."""
    try:
        return _run_month(month, settings, options, engine, stale_after)
    except KpiError as exc:
        artifacts.create_month_summary(MonthResult.failed(month, exc), settings=settings)
        raise


def unchanged_month(month: date, settings: Settings, options: RunOptions) -> MonthResult | None:
    """`kpi run`'s first look, before any flow starts (plain code, no Prefect server): an
    unchanged month (`runs.found_unchanged`) is recorded as such at once; None when the
    month must be read, or when the look fails (the flow then reports why)."""
    if options.force or not _looks_unchanged(month, settings, options):
        return None
    return _run_month(month, settings, options, None, None, only_unchanged=True)


def _looks_unchanged(month: date, settings: Settings, options: RunOptions) -> bool:
    """Whether the month looks unchanged, read without its lock and written nowhere."""
    from flows.storage import connection

    try:
        engine = connection.connect(settings.warehouse_url, upgrade=False)
    except Exception:  # noqa: BLE001 - the flow connects again and says what is wrong
        return False
    try:
        look = attempts.Attempt(month, settings, options, engine=engine)
        look.previous_end_on = reads.previous_period_end(engine, month)
        look.scheme_file, period = month_scheme(
            settings.schemes_dir, month, previous_end_on=look.previous_end_on
        )
        return runs.found_unchanged(look, period) is not None
    except Exception:  # noqa: BLE001 - as above
        return False
    finally:
        engine.dispose()


def _run_month(month, settings, options, engine, stale_after, *, only_unchanged=False):
    log = steps.logger()
    flow_run_id, _ = flow_context()
    with attempts.attempt(month, settings, options, flow_run_id=flow_run_id) as attempt:
        log.info(
            "%s run %s: started; warehouse: %s",
            f"{month:%Y-%m}",
            attempt.run_id,
            failures.describe(settings.warehouse_url),
        )
        engine = attempt.engine = engine or call(steps.open_warehouse, settings.warehouse_url)
        spool = writes.spool_folder(settings.data_docs_dir, settings.warehouse_url)
        if kept := writes.write_spooled_runs(engine, spool):
            log.info("wrote %s failed run(s) kept while the warehouse was down", kept)
        with locking.month_lock(
            engine, month, attempt.run_id, flow_run_id=flow_run_id
        ) as abandoned:
            settle = (engine, month, abandoned, attempt.run_id, settings.archive_dir)
            for killed in attempts.settle_killed(*settle):
                log.warning("%s: an earlier run was %s", f"{month:%Y-%m}", killed)
            attempts.start(attempt)
            archive.discard_partials(settings.archive_dir, month, keep=attempt.run_id)
            with archive.writing(settings.archive_dir, month, attempt.run_id) as folder:
                attempt.previous_end_on = call(steps.read_previous_end, engine, month)
                attempt.scheme_file, period = call(
                    steps.load_scheme,
                    settings.schemes_dir,
                    month,
                    hint=settings.hint("schemes"),
                    previous_end_on=attempt.previous_end_on,
                )
                # A version recorded with other content: refused before anything is read.
                writes.check_schemes(engine, [attempt.scheme_file])
                found = call(steps.find_unchanged, attempt, period)
                if found is not None:
                    attempt.run, inputs = found
                    artifacts.create_inputs_table(month, inputs)
                    result = call(steps.record_unchanged, engine, attempt.run, inputs)
                elif only_unchanged:
                    raise KpiError(
                        "the month's files, scheme or history changed while kpi run looked "
                        "at them; run it again"
                    )
                else:
                    result, inputs = _read_and_publish(attempt, period, folder, stale_after)
                result = replace(result, rows=uncounted(inputs))
    log.info(
        "%s run %s: %s version %s", f"{month:%Y-%m}", result.run_id, result.status, result.version
    )
    if result.report:
        log.info("%s report: %s", f"{month:%Y-%m}", result.report)
    for warning in result.warnings:
        log.warning("%s: %s", f"{month:%Y-%m}", warning)
    artifacts.create_month_summary(result, engine, settings)
    return result


def _read_and_publish(attempt, period, folder, stale_after) -> tuple[MonthResult, pl.DataFrame]:
    """Extract, validate and, unless the month turns out unchanged, compute and publish
    (the caller holds the month's lock): the result and the files' ``kpi_run_input`` rows."""
    settings, month, engine = attempt.settings, attempt.month, attempt.engine
    validated = attempt.validated = extract_and_validate(
        settings.exports_dir,
        month,
        attempt.scheme_file.scheme.data_quality,
        period=period,
        steps=steps.VALIDATE,
        exports_hint=settings.hint("exports"),
        archive=folder,
    )
    artifacts.create_inputs_table(month, validated.inputs)
    state = call(steps.read_state, engine, month, attempt.scheme_file.scheme)
    run = runs.begin(attempt, state)
    if run.is_unchanged:
        return call(steps.record_unchanged, engine, run, validated.inputs), validated.inputs
    result = runs.publish(
        engine, run, validated, compute(validated, run), steps.PUBLISH, stale_after=stale_after
    )
    if settings.reports_dir is not None:
        # Under the lock, so that no later version's report is overwritten.
        result = runs.write_report(engine, result, settings, steps.write_report)
    return result, validated.inputs


def resolve_settings(options: RunOptions) -> Settings:
    """The flow run's settings, once (its folders over the worker's KPI_* variables): a
    deployment's run never falls back to the local default warehouse and its messages
    name the deployment's parameters. A task runner that needs a cluster (`flows.cluster`)
    connects now, so that a run whose cluster is missing fails with the operator's message
    before it reads anything."""
    from prefect.context import FlowRunContext

    _, in_deployment = flow_context()
    config = Settings.resolve(in_flow=True, in_deployment=in_deployment, **options.folders())
    connect = getattr(getattr(FlowRunContext.get(), "task_runner", None), "connect", None)
    if connect is not None:
        connect()
    return config


@flow(name="month-end", flow_run_name=run_namer("month-end"))
def month_end(month: MonthText | None = None, options: RunOptions = RunOptions()) -> MonthResult:
    """Score and publish one month (by default the month before the scheduled start,
    Asia/Shanghai)."""
    try:
        chosen = parse_month(month) if month else scheduled_month()
        return run_month(chosen, resolve_settings(options), options)
    except KpiError as exc:
        return steps.run_failed(exc)
    except SystemExit as exc:
        return steps.run_stopped(f"month-end {month or 'of the scheduled month'}", exc)
