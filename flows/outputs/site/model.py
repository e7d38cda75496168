"""The month as the report site shows it: pure derivations from the warehouse frames.

`MonthData` is what `flows.outputs.site.read_month` read from the warehouse; the functions below
add what the pages compare an agent with (pooled team and store values, the median over the month's
agents), the store summaries of the index and each agent's flags. No I/O here.

Pooled values are Σ numerator ÷ Σ denominator. Satisfaction, complaint rate and timely
rate of a team are the team's own row (`kpi_team_monthly`, distinct customers over the
team); a store adds up its teams' rows. The loyalty parts have no team row, so both
levels add up the agents' counts (a customer counted by two agents counts twice there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from flows.storage.reads import MonthVersion, PayrollState
from schemas.scheme import Scheme

# The rows of the statement's metric table: (key, value column, scheme metric, part).
METRIC_ROWS = (
    ("satisfaction", "satisfaction_avg", "satisfaction", None),
    ("complaint_rate", "complaint_rate", "complaint_rate", None),
    ("loyalty", None, "loyalty", None),
    ("repurchase_rate", "repurchase_rate", "loyalty", "repurchase_rate"),
    ("referral_rate", "referral_rate", "loyalty", "referral_rate"),
    ("timeliness", "timely_rate", "timeliness", None),
)
VALUE_COLUMNS = tuple(c for _, c, _, _ in METRIC_ROWS if c)
# The sample size each value's min_samples is checked against (scheme.md §1).
SAMPLES = {
    "satisfaction": "survey_count",
    "complaint_rate": "customers_received",
    "repurchase_rate": "first_purchase_customers",
    "referral_rate": "customers_received",
    "timeliness": "consultation_count",
}
POINTS = {
    "satisfaction": "satisfaction_points",
    "complaint_rate": "complaint_points",
    "loyalty": "loyalty_points",
    "timeliness": "timeliness_points",
}
WEIGHTS = {
    "satisfaction": "satisfaction_weight",
    "complaint_rate": "complaint_weight",
    "loyalty": "loyalty_weight",
    "timeliness": "timeliness_weight",
}


@dataclass(frozen=True)
class MonthData:
    """Everything the site of one month version is made from."""

    info: MonthVersion
    scheme: Scheme
    cards: pl.DataFrame  # kpi_agent_monthly rows of the version, store, team, agent order
    trend: pl.DataFrame  # reads.agent_trend
    teams: pl.DataFrame  # kpi_team_monthly rows of the version
    appeals: pl.DataFrame  # kpi_appeal_outcome rows of the version
    inputs: pl.DataFrame  # kpi_run_input rows of the version's run
    payroll: PayrollState
    completeness: pl.DataFrame  # kpi_completeness rows of the version's run
    # The feedback loop (feedback.md parts 6b, 8, 9; the index's lists):
    interviews: pl.DataFrame  # kpi_improvement_plan rows of the version
    follow_ups: pl.DataFrame  # transforms.interviews.followed_up_in of the month
    overdue: pl.DataFrame  # reads.overdue_plan_items of the month
    training: pl.DataFrame  # reads.training_need of the month
    changes: pl.DataFrame  # transforms.scheme_changes against the previous month
    previous_scheme_version: str | None  # the previous month's scheme, when readable

    @property
    def currency(self) -> str:
        stored = self.cards["currency"].drop_nulls()
        return stored[0] if len(stored) else self.scheme.currency

    def for_store(self, store_id: str) -> MonthData:
        """The same month limited to one store's agents (comparisons keep the month)."""
        cards = self.cards.filter(pl.col("store_id") == store_id)
        ids = cards["agent_id"].implode()
        return MonthData(
            self.info,
            self.scheme,
            cards,
            self.trend.filter(pl.col("agent_id").is_in(ids)),
            self.teams.filter(pl.col("store_id") == store_id),
            self.appeals.filter(pl.col("agent_id").is_in(ids)),
            self.inputs,
            self.payroll,
            self.completeness.filter(pl.col("store_id") == store_id),
            self.interviews.filter(pl.col("agent_id").is_in(ids)),
            self.follow_ups.filter(pl.col("agent_id").is_in(ids)),
            self.overdue.filter(pl.col("agent_id").is_in(ids)),
            self.training.filter(pl.col("store_id") == store_id),
            self.changes,
            self.previous_scheme_version,
        )


def min_samples(scheme: Scheme) -> dict[str, int]:
    m = scheme.metrics
    return {
        "satisfaction": m.satisfaction.min_samples,
        "complaint_rate": m.complaint_rate.min_samples,
        "repurchase_rate": m.loyalty.repurchase_rate.min_samples,
        "referral_rate": m.loyalty.referral_rate.min_samples,
        "timeliness": m.timeliness.min_samples,
    }


def _ratio(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    return pl.when(denominator > 0).then(numerator / denominator)


def team_values(cards: pl.DataFrame, teams: pl.DataFrame) -> pl.DataFrame:
    """``store_id``, ``team_id`` and the pooled value of every metric row's value."""
    loyalty = cards.group_by("store_id", "team_id").agg(
        pl.col(
            "repeat_purchase_customers",
            "first_purchase_customers",
            "referral_customers",
            "customers_received",
        )
        .sum()
        .name.prefix("_")
    )
    return teams.join(
        loyalty.drop("_customers_received"), on=["store_id", "team_id"], how="left"
    ).select(
        "store_id",
        "team_id",
        "satisfaction_avg",
        "complaint_rate",
        _ratio(pl.col("_repeat_purchase_customers"), pl.col("_first_purchase_customers")).alias(
            "repurchase_rate"
        ),
        _ratio(pl.col("_referral_customers"), pl.col("customers_received")).alias("referral_rate"),
        _ratio(pl.col("timely_count"), pl.col("consultation_count")).alias("timely_rate"),
    )


def store_values(cards: pl.DataFrame, teams: pl.DataFrame) -> pl.DataFrame:
    """``store_id`` and each metric row's value pooled over the store's teams."""
    # A team's complaint customers come back exactly from its rate (a ratio of counts).
    pooled = teams.group_by("store_id").agg(
        (pl.col("satisfaction_avg").fill_null(0) * pl.col("survey_count")).sum().alias("_ratings"),
        pl.col("survey_count").sum(),
        (pl.col("complaint_rate").fill_null(0) * pl.col("customers_received"))
        .round(0)
        .sum()
        .alias("_complaint_customers"),
        pl.col("customers_received", "timely_count", "consultation_count").sum(),
    )
    loyalty = cards.group_by("store_id").agg(
        pl.col(
            "repeat_purchase_customers",
            "first_purchase_customers",
            "referral_customers",
            "customers_received",
        )
        .sum()
        .name.prefix("_")
    )
    return (
        pooled.join(loyalty, on="store_id", how="left")
        .select(
            "store_id",
            _ratio(pl.col("_ratings"), pl.col("survey_count")).alias("satisfaction_avg"),
            _ratio(pl.col("_complaint_customers"), pl.col("customers_received")).alias(
                "complaint_rate"
            ),
            _ratio(pl.col("_repeat_purchase_customers"), pl.col("_first_purchase_customers")).alias(
                "repurchase_rate"
            ),
            _ratio(pl.col("_referral_customers"), pl.col("_customers_received")).alias(
                "referral_rate"
            ),
            _ratio(pl.col("timely_count"), pl.col("consultation_count")).alias("timely_rate"),
        )
        .sort("store_id")
    )


def medians(cards: pl.DataFrame, scheme: Scheme) -> dict[str, float | None]:
    """Median of each value over the month's agents for whom it counted (its sample at
    least the scheme's min_samples), keyed by value column."""
    needed = min_samples(scheme)
    row = cards.select(
        pl.col(column).filter(pl.col(SAMPLES[key]) >= needed[key]).median().alias(column)
        for key, column, _, _ in METRIC_ROWS
        if column
    ).row(0, named=True)
    return row


def tier_counts(cards: pl.DataFrame, scheme: Scheme) -> list[tuple[str | None, int]]:
    """(tier, agents) in the scheme's order, then (None, agents without a score)."""
    counts = dict(cards.group_by("tier").len().iter_rows())
    return [(t.tier, counts.get(t.tier, 0)) for t in scheme.tiers] + [(None, counts.get(None, 0))]


def store_summary(cards: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per store: agents, mean score, agents per tier (``tier_<name>``, ``tier_none``),
    bonus total and agents on warning."""
    tiers = [pl.col("tier").eq(t.tier).sum().alias(f"tier_{t.tier}") for t in scheme.tiers]
    return (
        cards.group_by("store_id")
        .agg(
            pl.len().alias("agents"),
            pl.col("score").cast(pl.Float64).mean().alias("mean_score"),
            *tiers,
            pl.col("tier").is_null().sum().alias("tier_none"),
            pl.col("bonus_amount").sum().alias("bonus_total"),
            pl.col("is_warning").sum().alias("warnings"),
        )
        .sort("store_id")
    )


def trend_months(month: date, months: int) -> list[date]:
    """The ``months`` first days ending with ``month``, oldest first."""
    from transforms.months import previous_month

    out = [month]
    while len(out) < months:
        out.insert(0, previous_month(out[0]))
    return out
