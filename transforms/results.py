"""A month's results from its accepted records: appeals decided, then scorecards and
teams (`scheme.md` §1-§6, §9.2), composed from the other transforms.

`prepare` does what needs the whole month: appeals are decided (an appeal may name
another store's record) and the working-day calendar of business-hours timeliness is
built. Scorecards and teams can then be computed per group of whole stores
(`shares`), since stores are independent, and concatenated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from schemas.contracts import RECORD_EXPORTS
from schemas.scheme import Scheme
from transforms.appeals import (
    appeal_outcomes,
    calendar_for,
    clamp_warnings,
    score_adjustments,
    without_voided,
)
from transforms.metrics import agent_metrics
from transforms.scoring import score_agents
from transforms.teams import team_metrics
from transforms.timeliness import consultation_timeliness, timeliness_calendar


@dataclass(frozen=True)
class Prepared:
    outcomes: pl.DataFrame  # one row per valid appeal
    kept: dict[str, pl.DataFrame]  # each record export's accepted rows, voided ones removed
    workdays: pl.DataFrame | None  # the business-hours calendar; None on the wall clock
    warnings: list[str]  # a year without holiday data (once per year), clamped adjustments


def prepare(records: Mapping[str, pl.DataFrame], scheme: Scheme, month: date) -> Prepared:
    """Every appeal's outcome, the records without the voided ones, and the calendar of
    business-hours timeliness.

    ``records``: the month's accepted rows per export name, appeals included."""
    appeals = records["appeals"]
    calendar, appeal_warnings = calendar_for(
        appeals,
        scheme.appeals.window_working_days,
        extra_holidays=scheme.appeals.extra_holidays,
        extra_working_days=scheme.appeals.extra_working_days,
    )
    kept = {e.name: records[e.name] for e in RECORD_EXPORTS}
    outcomes = appeal_outcomes(
        appeals,
        kept,
        month_start=month,
        calendar=calendar,
        window=scheme.appeals.window_working_days,
    )
    workdays, clock_warnings = timeliness_calendar(
        records["consultations"], sla=scheme.metrics.timeliness.sla, appeals=scheme.appeals
    )
    return Prepared(
        outcomes,
        without_voided(kept, outcomes),
        workdays,
        [*dict.fromkeys([*appeal_warnings, *clock_warnings]), *clamp_warnings(outcomes)],
    )


def scorecards_and_teams(
    roster: pl.DataFrame,
    kept: Mapping[str, pl.DataFrame],
    outcomes: pl.DataFrame,
    streaks: pl.DataFrame,
    scheme: Scheme,
    workdays: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Scorecards of the roster's active agents (one row each) and their teams (one row
    per team), from the records kept after appeals.

    ``streaks``: ``agent_id``, ``previous_run`` (`transforms.scoring.warning_streaks`);
    ``workdays``: `Prepared.workdays`."""
    lazy = {k: v.lazy() for k, v in kept.items()}
    lazy["consultations"] = consultation_timeliness(
        lazy["consultations"], sla=scheme.metrics.timeliness.sla, calendar=workdays
    )
    metrics = agent_metrics(roster.lazy(), lazy)
    scorecards = score_agents(
        metrics,
        scheme=scheme,
        adjustments=score_adjustments(outcomes).lazy(),
        streaks=streaks.lazy(),
    )
    teams = team_metrics(roster.lazy(), lazy, scheme=scheme)
    cards, team_rows = pl.collect_all([scorecards, teams])
    return cards, team_rows


@dataclass(frozen=True)
class Share:
    """What `scorecards_and_teams` reads for one group of whole stores: its roster and
    only its agents' rows."""

    roster: pl.DataFrame
    kept: dict[str, pl.DataFrame]  # `Prepared.kept` of these agents
    outcomes: pl.DataFrame  # their appeals' outcomes (score adjustments)
    streaks: pl.DataFrame  # their warned months right before the month


def shares(
    roster: pl.DataFrame, prepared: Prepared, streaks: pl.DataFrame, partitions: int
) -> list[Share]:
    """The month's inputs to `scorecards_and_teams` in at most ``partitions`` groups of
    whole stores (`store_partitions`). Each group gets only its own agents' rows, since a
    group's task may run in another process or on another machine (Dask) and everything it
    is given is shipped there; scorecards, adjustments and streaks are per agent, so the
    results are those of one group. One group keeps the month's frames as they are."""
    groups = store_partitions(roster, partitions)
    if len(groups) == 1:
        return [Share(roster, prepared.kept, prepared.outcomes, streaks)]
    return [
        Share(
            group,
            records_of(prepared.kept, group),
            of_agents(prepared.outcomes, group),
            of_agents(streaks, group),
        )
        for group in groups
    ]


def store_partitions(roster: pl.DataFrame, partitions: int) -> list[pl.DataFrame]:
    """The roster split into at most ``partitions`` groups of whole stores (round robin
    over the sorted store ids): a store's agents and teams never straddle two groups."""
    stores = roster["store_id"].unique().sort()
    if partitions <= 1 or stores.len() <= 1:
        return [roster]
    groups = [stores.gather_every(partitions, offset=i) for i in range(partitions)]
    return [
        roster.filter(pl.col("store_id").is_in(g.implode())) for g in groups if not g.is_empty()
    ]


def of_agents(frame: pl.DataFrame, roster: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``frame`` (with an ``agent_id``) about the agents of ``roster``."""
    return frame.filter(pl.col("agent_id").is_in(roster["agent_id"].implode()))


def records_of(kept: Mapping[str, pl.DataFrame], roster: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The records of the agents of ``roster`` (one partition's share)."""
    return {k: of_agents(v, roster) for k, v in kept.items()}
