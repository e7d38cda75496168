"""A month's run and the publishing protocol of `warehouse.md`, in one place.

A run starts as an `Attempt` (run id, month, start time, settings, options): enough to
record its failure, which `attempt` does for whatever goes wrong inside it. Once the
month's inputs are read, `begin` turns it into a `Run`, one immutable value with the
scheme file, the fingerprint and the version read at the start, and every later step
takes that value:

1. the month's lock is held for the whole run (`locking.month_lock`);
2. `stage`: rows of versions that never became current are removed, the new version is
   written not current with the run's lineage, and committed;
3. the quality gate reads what it checks (`flows.publishing.gate`);
4. `flip`, one short transaction: the current version must still be the one read at
   the start (else `ConcurrentPublish`), then the version becomes current, the payroll
   adjustments and the ``kpi_run`` row are written.

A failure before the flip leaves the previous version current; the run is recorded as
failed (its ``kpi_run`` row, and its lineage once its files were read). When the
warehouse cannot take that row, it is kept in a spool folder of that warehouse's own and
written by the next run that reaches it.

Decisions: ``kpi_run_input`` is written for every run that read its files (a run found
unchanged from the files' hashes, `found_unchanged`, records the current version's rows:
the same files give the same counts); ``kpi_rejected_row`` for published and failed runs
(an unchanged run's rejects are those of the current version's run). A run id is a
fresh UUID per month and run. The fingerprint hashes the input files, the scheme file
and `history_digest`, what the month reads from earlier months (its agents' warned
months right before it, their months at the recognition tier, the interview goals it
follows up, its completeness baseline, where its period starts), instead of the
previous month's run id: a republish that changes none of that leaves later months
unchanged, and a later month is *stale* exactly when its history digest changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.common.errors import KpiError, MonthGap, raise_if_interrupted
from flows.common.settings import Settings
from flows.inputs.extract import file_sha256, find_files
from flows.inputs.schemes import scheme_for_month, stored_scheme
from flows.inputs.validate import (
    ValidatedMonth,
    agents_losing_rows,
    month_folder,
    month_problems,
    read_file,
    validate_roster,
)
from flows.publishing.attempts import Attempt, Run, lineage, tagged
from flows.publishing.outcomes import Computed, MonthResult, code_version
from flows.storage import archive, reads, writes
from schemas.contracts import AGENTS
from schemas.scheme import Recognition, Scheme
from schemas.tables import (
    KPI_AGENT_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_IMPROVEMENT_PLAN,
    KPI_PAYROLL_ADJUSTMENT,
    KPI_ROSTER_MONTHLY,
    KPI_RUN_INPUT,
    KPI_STALE_MONTH,
    KPI_TEAM_MONTHLY,
)
from transforms.completeness import judge
from transforms.months import next_month, previous_month
from transforms.payroll import bonus_adjustments
from transforms.periods import Period
from transforms.scoring import agent_streaks, recognition_months, scheme_tiers


def history_digest(
    streaks: pl.DataFrame,
    baseline: pl.DataFrame,
    previous_end_on: date | None,
    goals: pl.DataFrame,
) -> str:
    """A hash of what the month reads from earlier months: the warned months and the
    months at the recognition tier that lead into it, per agent; its completeness
    baseline (each store's counts); and where its period starts (the end of the previous
    month's published period); the goals of earlier interviews it follows up
    (`reads.followed_goals`). The months at the recognition tier and the goals enter only
    when there are any, so a month without them keeps the digest it had before them."""
    streaks = streaks.sort("agent_id")
    counts = baseline.sort("month_start", "store_id", "source").select(
        pl.col("month_start").cast(pl.String), "store_id", "source", "row_count"
    )
    payload = {
        "warned": streaks.filter(pl.col("previous_run") > 0)
        .select("agent_id", "previous_run")
        .rows(),
        "baseline": counts.rows(),
        "previous_end_on": None if previous_end_on is None else f"{previous_end_on}",
    }
    recognised = streaks.filter(pl.col("previous_top_run") > 0)
    if not recognised.is_empty():
        payload["recognised"] = recognised.select("agent_id", "previous_top_run").rows()
    if not goals.is_empty():
        payload["goals"] = (
            goals.sort("month_start", "row_number").select(pl.all().cast(pl.String)).rows()
        )
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def month_streaks(
    month: date,
    active: pl.DataFrame,
    recognition: Recognition,
    warned: pl.DataFrame,
    tiered: pl.DataFrame,
    schemes: dict[str, str],
) -> pl.DataFrame:
    """``agent_id``, ``previous_run``, ``previous_top_run`` of the ``active`` agents
    (`transforms.scoring.agent_streaks`): the earlier months' tiers are judged by the
    schemes they were scored with (``schemes``: the warehouse's text of each); a month
    whose scheme the warehouse does not hold (published before it kept them) counts as
    not at the recognition tier."""
    parsed = {v: stored_scheme(text, v) for v, text in schemes.items()}
    tiers = scheme_tiers({v: s for v, s in parsed.items() if s is not None}, recognition.tier)
    return (
        agent_streaks(warned.lazy(), recognition_months(tiered.lazy(), tiers), month)
        .collect()
        .join(active, on="agent_id")
    )


def fingerprint(inputs: pl.DataFrame, scheme_sha256: str, digest: str, period: Period) -> str:
    """Content hashes of every input file and of the scheme file, the month's period, and
    what the month reads from earlier months: everything a run of the month reads."""
    payload = {
        "inputs": sorted(zip(inputs["source"], inputs["file_sha256"], strict=True)),
        "scheme": scheme_sha256,
        "history": digest,
        "period": [f"{period.start_on}", f"{period.end_on}"],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _history(attempt: Attempt, roster: pl.DataFrame, state: reads.MonthState) -> tuple:
    """(the active agents' streaks, `history_digest`) of the month: what it reads from
    earlier months, with ``roster`` (`validate_roster`'s agents)."""
    scheme = attempt.scheme_file.scheme
    active = roster.filter("is_active").select("agent_id")
    streaks = month_streaks(
        attempt.month, active, scheme.recognition, state.warned, state.tiered, state.schemes
    )
    return streaks, history_digest(streaks, state.baseline, attempt.previous_end_on, state.goals)


def read_state(engine: sa.Engine, month: date, scheme: Scheme) -> reads.MonthState:
    """What the month reads from the warehouse, as far back as ``scheme`` looks."""
    return reads.month_state(
        engine,
        month,
        baseline_months=scheme.completeness.baseline_months,
        recognition_months=scheme.recognition.consecutive_months,
    )


def found_unchanged(attempt: Attempt, period: Period) -> tuple[Run, pl.DataFrame] | None:
    """The month's run and the current version's ``kpi_run_input`` rows (without run id
    and month) when the month is unchanged, decided from its files' hashes, its roster and
    the warehouse before any other file is parsed: the fingerprint `begin` computes,
    without the records. None when the month has no version yet, with ``force``, or as
    soon as a file differs from the current version's (files are hashed smallest first,
    so a changed month pays for little more than hashing the file that changed)."""
    month, settings = attempt.month, attempt.settings
    with attempt.engine.connect() as conn:
        base = reads.current_version(conn, month)
        inputs = reads.run_inputs(conn, base.run_id) if base and not attempt.options.force else None
    if inputs is None or inputs.is_empty():
        return None
    folder = month_folder(settings.exports_dir, month)
    paths = find_files(folder, exports_hint=settings.hint("exports"))
    recorded = {r["source"]: r for r in inputs.iter_rows(named=True)}
    if set(paths) != set(recorded):
        return None
    for source, path in sorted(paths.items(), key=lambda p: p[1].stat().st_size):
        if path.name != recorded[source]["file_name"]:
            return None
        if file_sha256(path) != recorded[source]["file_sha256"]:
            return None
    scheme = attempt.scheme_file.scheme
    roster = validate_roster(read_file(paths[AGENTS.name], AGENTS), period, scheme.data_quality)
    state = read_state(attempt.engine, month, scheme)
    streaks, digest = _history(attempt, roster.agents, state)
    run = Run(
        attempt.run_id,
        month,
        attempt.started_at,
        attempt.flow_run_id,
        settings,
        attempt.options,
        attempt.scheme_file,
        fingerprint(inputs, attempt.scheme_file.sha256, digest, period),
        digest,
        state.base,
        streaks,
        period,
        pl.DataFrame(),  # not judged: nothing is published
    )
    return (run, inputs.drop("run_id", "month_start")) if run.is_unchanged else None


def _missing_month(published: list[date], month: date) -> date | None:
    """The last published month before a hole right before ``month``, if there is one."""
    before = [m for m in published if m < month]
    return before[-1] if before and previous_month(month) not in published else None


def begin(attempt: Attempt, state: reads.MonthState) -> Run:
    """Read the month's state (current version, history, completeness baseline), judge
    the month's completeness and build the run. Unless the month is unchanged (it then
    publishes nothing), refuse, in this order: a gap in the history right before it,
    another month's file, a missing roster line, files over the reject threshold and
    stores whose exports are incomplete, each unless the operator allowed it (another
    month's file cannot be allowed: it must be replaced)."""
    validated, month = attempt.validated, attempt.month
    scheme = attempt.scheme_file.scheme
    streaks, digest = _history(attempt, validated.roster, state)
    completeness = judge(
        validated.volumes().lazy(),
        validated.silences().lazy(),
        state.baseline.lazy(),
        validated.open_stores().lazy(),
        validated.period,
        rules=scheme.completeness,
    ).collect()
    run = attempt.run = Run(
        attempt.run_id,
        month,
        attempt.started_at,
        attempt.flow_run_id,
        attempt.settings,
        attempt.options,
        attempt.scheme_file,
        fingerprint(validated.inputs, attempt.scheme_file.sha256, digest, validated.period),
        digest,
        state.base,
        streaks,
        validated.period,
        completeness,
    )
    if run.is_unchanged:
        return run
    warnings = _gap(attempt, state.published)
    for problem in month_problems(validated, completeness, scheme):
        hint = attempt.settings.hint(problem.allowed_by) if problem.allowed_by else None
        if hint is None or not getattr(attempt.options, problem.allowed_by):
            raise problem.refusal(hint)
        warnings.append(problem.warning(hint))
    warnings += agents_losing_rows(validated)
    run = attempt.run = replace(
        run,
        warnings=tuple(warnings),
        rejects_allowed=bool(validated.breaches) or not validated.unknown_agents().is_empty(),
        incomplete_allowed=bool(completeness["is_incomplete"].any()),
    )
    return run


def _gap(attempt: Attempt, published: list[date]) -> list[str]:
    """A hole in the history right before the month: refused unless allowed."""
    month, settings = attempt.month, attempt.settings
    last = _missing_month(published, month)
    if last is None:
        return []
    gap = (
        f"{previous_month(month):%Y-%m} is not published while {last:%Y-%m} is, so "
        "its warnings are missing from the consecutive-month counts (demotion reviews)"
    )
    if not attempt.options.allow_gap:
        raise MonthGap(
            f"{gap}. Publish the missing months first (kpi backfill --from "
            f"{next_month(last):%Y-%m} --to {month:%Y-%m}), or publish anyway with "
            f"{settings.hint('allow_gap')}"
        )
    return [f"published with a gap in the history ({settings.hint('allow_gap')}): {gap}"]


def record_unchanged(engine: sa.Engine, run: Run, inputs: pl.DataFrame) -> MonthResult:
    """An unchanged month: its ``kpi_run_input`` rows (``inputs``, without the run's id
    and month) and an ``unchanged`` run row, nothing published (and no archive: the
    current version's run has it)."""
    archive.discard(run.settings.archive_dir, run.month, [run.run_id])
    with engine.begin() as conn:
        writes.record_scheme(
            conn, run.scheme_file, run.run_id, run.started_at, same_as=run.base.run_id
        )
        writes.write_frame(
            conn, KPI_RUN_INPUT, tagged(KPI_RUN_INPUT, inputs, run.run_id, run.month)
        )
        writes.record_run(conn, run.row("unchanged", version=run.base.version))
    return MonthResult(
        run.month,
        "unchanged",
        run.run_id,
        run.base.version,
        message="inputs, scheme and earlier months unchanged",
    )


def versioned(run: Run, computed: Computed, computed_at: datetime) -> dict[sa.Table, pl.DataFrame]:
    """The version's rows, stamped (month, period, version, run, scheme), not current,
    in their tables' column order."""
    scheme = run.scheme_file.scheme
    stamp = {
        "month_start": pl.lit(run.month),
        "version": pl.lit(run.version, pl.Int64),
        "is_current": pl.lit(False),
        "run_id": pl.lit(run.run_id),
    }
    period = {
        "period_start_on": pl.lit(run.period.start_on),
        "period_end_on": pl.lit(run.period.end_on),
    }
    frames = {
        KPI_AGENT_MONTHLY: computed.scorecards.with_columns(
            **stamp,
            **period,
            scheme_version=pl.lit(scheme.version),
            currency=pl.lit(scheme.currency),
            computed_at=pl.lit(computed_at),
        ),
        KPI_TEAM_MONTHLY: computed.teams.with_columns(
            **stamp, **period, scheme_version=pl.lit(scheme.version)
        ),
        KPI_APPEAL_OUTCOME: computed.outcomes.with_columns(**stamp),
        KPI_ROSTER_MONTHLY: computed.roster.with_columns(**stamp, **period),
        KPI_IMPROVEMENT_PLAN: computed.plan.with_columns(**stamp),
    }
    return {table: frame.select(c.name for c in table.columns) for table, frame in frames.items()}


def stage(engine: sa.Engine, run: Run, validated: ValidatedMonth, computed: Computed) -> None:
    """Steps 2-3: remove rows of versions that never became current, then write the new
    version (not current) and the run's lineage in one transaction. Safe to retry: each
    attempt starts by removing what an earlier one may have left."""
    from schemas.kpi_agent_monthly import KpiAgentMonthly
    from schemas.kpi_team_monthly import KpiTeamMonthly

    rows = versioned(run, computed, datetime.now(UTC))
    KpiAgentMonthly.validate(rows[KPI_AGENT_MONTHLY])  # a failure here is a bug
    KpiTeamMonthly.validate(rows[KPI_TEAM_MONTHLY])
    base = run.base.version if run.base else None
    with engine.begin() as conn:
        writes.check_base(conn, run.month, base, run.version)
        abandoned = writes.remove_abandoned(conn, run.month, base) - {run.run_id}
        writes.remove_lineage(conn, run.run_id)
        written = lineage(validated, run.run_id, run.month, completeness=run.completeness)
        for table, frame in {**rows, **written}.items():
            writes.write_frame(conn, table, frame)
    archive.discard(run.settings.archive_dir, run.month, abandoned)
    try:  # after the rows: an archive without its version's rows is never left behind
        archive.finish(run.settings.archive_dir, run.month, run.run_id, manifest(run, validated))
    except Exception:
        unstage(engine, run)
        raise


def manifest(run: Run, validated: ValidatedMonth) -> dict:
    """What the run's archive holds: the files it read and the scheme it used."""
    files = validated.inputs.select(
        "source", "file_name", "file_sha256", "file_bytes", "encoding", "rows_read"
    ).with_columns(archive_file=pl.col("source") + ".parquet")
    return {
        "run_id": run.run_id,
        "month": f"{run.month:%Y-%m}",
        "version": run.version,
        "period": {"start_on": run.period.start_on, "end_on": run.period.end_on},
        "scheme": {
            "file": run.scheme_file.path.name,
            "sha256": run.scheme_file.sha256,
            "version": run.scheme_file.scheme.version,
        },
        "code_version": code_version(),
        "files": files.to_dicts(),
    }


def unstage(engine: sa.Engine, run: Run) -> None:
    """Remove a staged version that will not become current (the gate failed), and its
    archive."""
    with engine.begin() as conn:
        runs = writes.remove_abandoned(conn, run.month, run.base.version if run.base else None)
    archive.discard(run.settings.archive_dir, run.month, runs | {run.run_id})


def judge_later_months(
    conn: sa.Connection, after: date, scheme_of: Callable[[date], Scheme | None]
) -> pl.DataFrame:
    """Each published month after ``after``: would a run of it publish, because what it
    reads from earlier months (its warned months, its months at the recognition tier,
    the interview goals it follows up, its completeness baseline, where its period starts)
    differs now from what its current
    version read? ``scheme_of``: a month's scheme (None: it cannot be read, so a run of
    it would not be unchanged).

    Output grain: one row per later published month: ``month_start``, ``is_stale``. The
    same computation as `begin`'s, from the warehouse alone, so that `kpi status`, the
    view and a run agree."""
    later = reads.later_runs(conn, after)
    judged = {"month_start": [], "is_stale": []}
    if not later.is_empty():
        warned = reads.warned_months(conn, later["month_start"].max())
        agents = reads.current_agents(conn, later["month_start"].to_list())
        for month, digest in later.select("month_start", "history_digest").iter_rows():
            scheme = scheme_of(month)
            stale = scheme is None
            if not stale:
                active = agents.filter(pl.col("month_start") == month).select("agent_id")
                recognition = scheme.recognition
                tiered, schemes = reads.recognition_history(
                    conn, month, recognition.consecutive_months
                )
                streaks = month_streaks(month, active, recognition, warned, tiered, schemes)
                span = scheme.completeness.baseline_months
                baseline = reads.completeness_baseline(conn, month, span)
                previous_end = reads.published_period_end(conn, previous_month(month))
                goals = reads.followed_goals(conn, month)
                stale = history_digest(streaks, baseline, previous_end, goals) != digest
            judged["month_start"].append(month)
            judged["is_stale"].append(stale)
    return pl.DataFrame(judged, schema={"month_start": pl.Date, "is_stale": pl.Boolean})


def schemes_by_month(schemes_dir: Path) -> Callable[[date], Scheme | None]:
    """A month's scheme in ``schemes_dir`` (None when it cannot be read)."""

    def scheme(month: date) -> Scheme | None:
        try:
            return scheme_for_month(schemes_dir, month).scheme
        except KpiError:
            return None

    return scheme


def flip(
    engine: sa.Engine,
    run: Run,
    computed: Computed,
    data_docs: str | None,
    *,
    stale_after: date | None = None,
) -> MonthResult:
    """Step 5, one short transaction: make the staged version current if the current one
    is still the one read at the start, write the payroll adjustments and the ``kpi_run``
    row. ``stale_after``: later months up to it are about to be run (a backfill), so only
    those after it are announced as stale."""
    base = run.base.version if run.base else None
    now = datetime.now(UTC)
    with engine.begin() as conn:
        writes.flip(
            conn,
            run.month,
            run.version,
            base,
            run.run_id,
            expected=computed.rows(),
        )
        writes.record_scheme(conn, run.scheme_file, run.run_id, run.started_at)
        adjustments = pl.DataFrame()
        if base is not None:
            adjustments = bonus_adjustments(
                reads.bonuses(conn, run.month, base),
                computed.scorecards.select("agent_id", "agent_name", "store_id", "bonus_amount"),
                month_start=run.month,
                from_version=base,
                to_version=run.version,
                currency=run.scheme_file.scheme.currency,
                run_id=run.run_id,
                created_at=now,
            )
            writes.write_frame(conn, KPI_PAYROLL_ADJUSTMENT, adjustments)
        judged = judge_later_months(conn, run.month, schemes_by_month(run.settings.schemes_dir))
        writes.write_frame(
            conn,
            KPI_STALE_MONTH,
            judged.with_columns(run_id=pl.lit(run.run_id), found_at=pl.lit(now)).select(
                c.name for c in KPI_STALE_MONTH.columns
            ),
        )
        stale = judged.filter("is_stale")["month_start"].to_list()
        # A backfill runs the months up to stale_after next: only later ones are news.
        stale = [m for m in stale if m > (stale_after or run.month)]
        warnings = [*run.warnings, *computed.warnings]
        if stale:
            warnings.append(
                "published later months are now stale (run them again, or "
                f"kpi backfill --from {next_month(run.month):%Y-%m}): "
                + ", ".join(f"{m:%Y-%m}" for m in stale)
            )
        writes.record_run(
            conn, run.row("published", version=run.version, warnings=warnings, data_docs=data_docs)
        )
    return MonthResult(
        run.month,
        "published",
        run.run_id,
        run.version,
        stale_months=stale,
        adjustments=adjustments.height,
        data_docs=data_docs,
        warnings=warnings,
    )


def write_report(
    engine: sa.Engine, result: MonthResult, settings: Settings, write: Callable[..., str]
) -> MonthResult:
    """After the flip, the published version's site into ``<reports>/YYYY-MM`` with
    ``write`` (`flows.outputs.site.write_site`, or the same as a task). A report that fails never
    unpublishes: its failure joins the run's warnings (``kpi_run`` and the result's)."""
    out_dir = settings.reports_dir / f"{result.month:%Y-%m}"
    try:
        index = write(
            engine,
            result.month,
            version=result.version,
            out_dir=out_dir,
            lang=settings.lang,
        )
    except Exception as exc:  # noqa: BLE001 - whatever it was, the month stays published
        reason = exc.message if isinstance(exc, KpiError) else f"{type(exc).__name__}: {exc}"
        text = f"the report was not written to {out_dir} (run kpi report to retry): {reason}"
        with contextlib.suppress(Exception):  # the warehouse may be what failed
            writes.add_run_warning(engine, result.run_id, text)
        return replace(result, warnings=[*result.warnings, text])
    return replace(result, report=str(Path(index).resolve()))


def _unstage_quietly(engine: sa.Engine, run: Run) -> None:
    """`unstage` after a failure, which stays the failure reported: when the warehouse
    is what failed, the staged rows stay not current, and the next run of the month
    removes them."""
    with contextlib.suppress(Exception):
        unstage(engine, run)


@dataclass(frozen=True)
class PublishSteps:
    """The steps of `publish`: plain functions, or the same as Prefect tasks."""

    stage: Callable[..., None] = stage
    gate: Callable[..., str] | None = None
    flip: Callable[..., MonthResult] = flip


def publish(
    engine: sa.Engine,
    run: Run,
    validated: ValidatedMonth,
    computed: Computed,
    steps: PublishSteps,
    *,
    stale_after: date | None = None,
) -> MonthResult:
    """Steps 2-5 (the caller holds the month's lock): stage, gate, flip. A failing gate
    removes the staged rows before it raises."""
    steps.stage(engine, run, validated, computed)
    try:
        docs = steps.gate(engine, run, expected_agents=computed.scorecards.height)
    except Exception:
        _unstage_quietly(engine, run)
        raise
    try:
        raise_if_interrupted()
    except KeyboardInterrupt:
        _unstage_quietly(engine, run)
        raise
    return steps.flip(engine, run, computed, docs, stale_after=stale_after)
