"""Points, score, tier, bonus, penalties and improvement focus (`scheme.md` §2-§4).

Input grain: one row per active agent with the counts and rates of
`transforms.metrics`. Output grain: the same, with every scorecard column of
``kpi_agent_monthly`` that does not describe the run (month, version, run id, ...).

Money and scores are exact: the score is rounded half-up to whole cents from the
unrounded points (with a tolerance far below a cent, so a sum that is mathematically
x.xx5 rounds up), then carried as integer cents and stored as decimals. Comparisons
with scheme thresholds treat values within 1e-9 as equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from schemas.scheme import METRICS, TOLERANCE, Scheme
from schemas.tables import KPI_AGENT_MONTHLY, METRIC_COLUMN_PREFIXES, computed_columns

# Float sums of points are off by ~1e-13; half a millionth of a cent absorbs that.
_CENT_TOLERANCE = 5e-7
SCORE_DTYPE = pl.Decimal(5, 2)
ADJUSTMENT_DTYPE = pl.Decimal(6, 2)
MONEY_DTYPE = pl.Decimal(12, 2)
POINTS = {k: f"{p}_points" for k, p in METRIC_COLUMN_PREFIXES.items()}
WEIGHTS = {k: f"{p}_weight" for k, p in METRIC_COLUMN_PREFIXES.items()}


def cents_to_decimal(cents: pl.Expr, dtype: pl.Decimal) -> pl.Expr:
    return (cents.cast(pl.Decimal(14, 2)) / 100).cast(dtype)


def line_fraction(value: pl.Expr, worst: float, best: float) -> pl.Expr:
    """Where a value lies between worst (0) and best (1), clamped; works when best < worst."""
    return ((value - worst) / (best - worst)).clip(0.0, 1.0)


def _fractions(scheme: Scheme) -> tuple[dict[str, pl.Expr], dict[str, pl.Expr]]:
    """(applicable, fraction) per metric key."""
    m = scheme.metrics
    rep, ref = m.loyalty.repurchase_rate, m.loyalty.referral_rate
    rep_ok = pl.col("first_purchase_customers") >= rep.min_samples
    ref_ok = pl.col("customers_received") >= ref.min_samples
    share_sum = rep.share * rep_ok.cast(pl.Float64) + ref.share * ref_ok.cast(pl.Float64)
    loyalty = (
        pl.when(rep_ok)
        .then(rep.share * line_fraction(pl.col("repurchase_rate"), rep.worst, rep.best))
        .otherwise(0.0)
        + pl.when(ref_ok)
        .then(ref.share * line_fraction(pl.col("referral_rate"), ref.worst, ref.best))
        .otherwise(0.0)
    ) / share_sum
    applicable = {
        "satisfaction": pl.col("survey_count") >= m.satisfaction.min_samples,
        "complaint_rate": pl.col("customers_received") >= m.complaint_rate.min_samples,
        "loyalty": rep_ok | ref_ok,
        "timeliness": pl.col("consultation_count") >= m.timeliness.min_samples,
    }
    fraction = {
        "satisfaction": line_fraction(
            pl.col("satisfaction_avg"), m.satisfaction.worst, m.satisfaction.best
        ),
        "complaint_rate": line_fraction(
            pl.col("complaint_rate"), m.complaint_rate.worst, m.complaint_rate.best
        ),
        "loyalty": loyalty,
        "timeliness": line_fraction(pl.col("timely_rate"), m.timeliness.worst, m.timeliness.best),
    }
    return applicable, fraction


def _tier(scheme: Scheme, score: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(tier, bonus cents): the first tier, from the highest, whose min_score is reached."""
    tier, bonus = pl.when(False).then(pl.lit(None, pl.String)), pl.when(False).then(pl.lit(0))
    for t in scheme.tiers:
        reached = score >= t.min_score - TOLERANCE
        tier = tier.when(reached).then(pl.lit(t.tier))
        bonus = bonus.when(reached).then(pl.lit(round(t.bonus * 100)))
    return tier, bonus.otherwise(0)


def warning_streaks(
    flagged: pl.LazyFrame, month_start: date, *, alias: str = "previous_run"
) -> pl.LazyFrame:
    """``agent_id``, ``alias``: the consecutive flagged months right before
    ``month_start``, counted back until a month without a flag (`scheme.md` §4 for
    warnings, §9.4 for the months at the recognition tier).

    ``flagged``: ``agent_id``, ``month_start`` of earlier months' current scorecards that
    carry the flag; a month without a row (no scorecard, a null score, no flag) ends the
    run. Agents with no flag right before the month have no row.
    """
    index = month_start.year * 12 + month_start.month
    months_back = index - (
        pl.col("month_start").dt.year().cast(pl.Int64) * 12
        + pl.col("month_start").dt.month().cast(pl.Int64)
    )
    return (
        flagged.select("agent_id", months_back.alias("months_back"))
        .filter(pl.col("months_back") >= 1)
        .unique()
        .sort("agent_id", "months_back")
        .with_columns(pl.int_range(1, pl.len() + 1).over("agent_id").alias("rank"))
        # Months back 1, 2, 3 … match ranks 1, 2, 3 … until the first gap.
        .group_by("agent_id")
        .agg((pl.col("months_back") == pl.col("rank")).cast(pl.Int64).cum_prod().sum().alias(alias))
        .filter(pl.col(alias) > 0)
        .sort("agent_id")
    )


def scheme_tiers(schemes: Mapping[str, Scheme], tier: str) -> pl.DataFrame:
    """``scheme_version``, ``tier``: the tiers at ``tier`` or above it under each scheme
    (a scheme without that tier has none)."""
    rows = [(version, name) for version, s in schemes.items() for name in s.tiers_from(tier)]
    return pl.DataFrame(rows, schema={"scheme_version": pl.String, "tier": pl.String}, orient="row")


def recognition_months(tiered: pl.LazyFrame, tiers_from: pl.DataFrame) -> pl.LazyFrame:
    """``agent_id``, ``month_start`` of the earlier scorecards whose stored tier is the
    recognition tier or a higher one of that month's own scheme (`scheme.md` §9.4).

    ``tiered``: ``agent_id``, ``month_start``, ``tier``, ``scheme_version`` of earlier
    current scorecards; ``tiers_from``: `scheme_tiers` of their schemes."""
    return tiered.join(tiers_from.lazy(), on=["scheme_version", "tier"], how="semi").select(
        "agent_id", "month_start"
    )


def agent_streaks(
    warned: pl.LazyFrame, recognised: pl.LazyFrame, month_start: date
) -> pl.LazyFrame:
    """``agent_id``, ``previous_run`` (warned months right before ``month_start``) and
    ``previous_top_run`` (months at the recognition tier right before it); an agent with
    neither has no row, one with only one of them a 0 in the other."""
    return (
        warning_streaks(warned, month_start)
        .join(
            warning_streaks(recognised, month_start, alias="previous_top_run"),
            on="agent_id",
            how="full",
            coalesce=True,
        )
        .with_columns(pl.col("previous_run", "previous_top_run").fill_null(0))
        .sort("agent_id")
    )


def _scored(
    metrics: pl.LazyFrame,
    *,
    scheme: Scheme,
    adjustments: pl.LazyFrame,
    streaks: pl.LazyFrame,
) -> pl.LazyFrame:
    """``metrics`` with each metric's effective weight and points, the score in cents
    before and after the appeals' adjustments (``_before_cents``, ``_score_cents``,
    ``_score``), whether anything was scored (``_scored``) and the warning streak."""
    applicable, fraction = _fractions(scheme)
    weights = {k: float(getattr(scheme.metrics, k).weight) for k in METRICS}
    total = pl.sum_horizontal(
        [pl.when(applicable[k]).then(weights[k]).otherwise(0.0) for k in METRICS]
    )
    effective = {k: pl.when(applicable[k]).then(weights[k] * 100.0 / total) for k in METRICS}
    any_applicable = pl.any_horizontal(list(applicable.values()))
    return (
        metrics.with_columns(
            *[effective[k].alias(WEIGHTS[k]) for k in METRICS],
        )
        .with_columns(
            *[(pl.col(WEIGHTS[k]) * fraction[k]).alias(POINTS[k]) for k in METRICS],
            any_applicable.alias("_scored"),
        )
        .join(adjustments, on="agent_id", how="left")
        .join(streaks, on="agent_id", how="left")
        .with_columns(
            pl.col("score_adjustment").fill_null(0).cast(ADJUSTMENT_DTYPE),
            pl.col("previous_run", "previous_top_run").fill_null(0).cast(pl.Int64),
            pl.when("_scored")
            .then(
                (
                    pl.sum_horizontal([pl.col(POINTS[k]) for k in METRICS]) * 100
                    + 0.5
                    + _CENT_TOLERANCE
                )
                .floor()
                .cast(pl.Int64)
            )
            .alias("_before_cents"),
        )
        .with_columns((pl.col("score_adjustment") * 100).cast(pl.Int64).alias("_adjust_cents"))
        .with_columns(
            (pl.col("_before_cents") + pl.col("_adjust_cents"))
            .clip(0, 10_000)
            .alias("_score_cents")
        )
        .with_columns((pl.col("_score_cents") / 100).alias("_score"))
    )


def _improvement_focus() -> pl.Expr:
    """The metric that lost the most points (ties to the earlier one); null when none lost
    any."""
    lost = {k: pl.col(WEIGHTS[k]) - pl.col(POINTS[k]) for k in METRICS}
    most_lost = pl.max_horizontal([lost[k] for k in METRICS])
    focus = pl.when(False).then(pl.lit(None, pl.String))
    for k in METRICS:  # ties go to the earlier metric
        focus = focus.when(lost[k] >= most_lost - TOLERANCE).then(pl.lit(k))
    return pl.when(most_lost > TOLERANCE).then(focus)


def score_agents(
    metrics: pl.LazyFrame,
    *,
    scheme: Scheme,
    adjustments: pl.LazyFrame,
    streaks: pl.LazyFrame,
) -> pl.LazyFrame:
    """Scorecards per active agent (see module doc).

    ``adjustments``: ``agent_id``, ``score_adjustment`` (decimal) from applied appeals.
    ``streaks``: ``agent_id``, ``previous_run``, ``previous_top_run`` (`agent_streaks`).
    """
    penalties, recognition = scheme.penalties, scheme.recognition
    scored = _scored(metrics, scheme=scheme, adjustments=adjustments, streaks=streaks)
    tier, bonus_cents = _tier(scheme, pl.col("_score"))
    warning = (pl.col("_score") < penalties.warning_below - TOLERANCE).fill_null(False)
    focus = _improvement_focus()
    topics = scheme.improvement_topics.model_dump()

    return (
        scored.with_columns(
            pl.when("_scored")
            .then(pl.lit("scored"))
            .otherwise(pl.lit("insufficient_data"))
            .alias("status"),
            cents_to_decimal(pl.col("_before_cents"), SCORE_DTYPE).alias("score_before_adjustment"),
            pl.when("_scored")
            .then(cents_to_decimal(pl.col("_score_cents"), SCORE_DTYPE))
            .alias("score"),
            pl.when("_scored").then(tier).alias("tier"),
            cents_to_decimal(pl.when("_scored").then(bonus_cents).otherwise(0), MONEY_DTYPE).alias(
                "bonus_amount"
            ),
            warning.alias("is_warning"),
            (pl.col("complaint_count") >= penalties.complaint_review_min_complaints).alias(
                "is_complaint_review"
            ),
            focus.alias("improvement_focus"),
        )
        .with_columns(
            pl.when("is_warning")
            .then(pl.col("previous_run") + 1)
            .otherwise(0)
            .alias("consecutive_months_below_60"),
            pl.col("improvement_focus")
            .replace_strict(topics, default=None, return_dtype=pl.String)
            .alias("improvement_topic"),
        )
        .with_columns(
            (
                pl.col("consecutive_months_below_60")
                >= penalties.demotion_review_consecutive_months
            ).alias("is_demotion_review"),
            (
                pl.col("tier").is_in(scheme.tiers_from(recognition.tier))
                & (pl.col("previous_top_run") >= recognition.consecutive_months - 1)
            )
            .fill_null(False)
            .alias("is_recognized"),
        )
        .select(SCORECARD_COLUMNS)
        .sort("agent_id")  # joins do not keep row order
    )


SCORECARD_COLUMNS = computed_columns(KPI_AGENT_MONTHLY)
