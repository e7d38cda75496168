"""What the next tier takes (`feedback.md`, the statement's part 6).

For each scored agent below the top tier and each applicable metric (each applicable
loyalty part on its own), the value that metric alone would have needed for the score
to reach the next tier's ``min_score``, every other metric unchanged and the effective
weights held as they are, read off the scheme's straight line (`scheme.md` §2).

Output grain: one row per (agent, applicable metric or loyalty part); nothing for an
agent in the top tier or with insufficient data. Columns: ``agent_id``, ``metric``
(key), ``part`` (``repurchase_rate`` / ``referral_rate`` for loyalty, else null),
``next_tier``, ``next_min_score``, ``current_value``, ``needed_value`` (null when
not reachable), ``is_reachable``, ``lower_is_better``.

The target is the unrounded score (Σ points + score adjustment) equal to the tier line;
rounding to cents would let it fall short by at most half a cent of score. Values
within 1e-9 are equal (`scheme.md` §2), so a score exactly on a tier line is in that
tier, and a needed fraction of 1 + 1e-9 is still reachable at the metric's best value.
"""

from __future__ import annotations

import polars as pl

from schemas.scheme import METRICS, TOLERANCE, Scheme
from transforms.scoring import POINTS, WEIGHTS, line_fraction

VALUE_COLUMNS = {
    "satisfaction": "satisfaction_avg",
    "complaint_rate": "complaint_rate",
    "timeliness": "timely_rate",
}
LOYALTY_PARTS = ("repurchase_rate", "referral_rate")
# Loyalty parts' sample sizes (scheme.md §1): repurchase by first purchases, referral by
# customers received.
_PART_SAMPLES = {
    "repurchase_rate": "first_purchase_customers",
    "referral_rate": "customers_received",
}
OUTPUT_SCHEMA = {
    "agent_id": pl.String,
    "metric": pl.String,
    "part": pl.String,
    "next_tier": pl.String,
    "next_min_score": pl.Float64,
    "current_value": pl.Float64,
    "needed_value": pl.Float64,
    "is_reachable": pl.Boolean,
    "lower_is_better": pl.Boolean,
}


def _next_tier(scheme: Scheme, score: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(name, min_score) of the tier above the score's; null in the top tier.

    The score's tier is the first whose line it reaches (within 1e-9), so the next one
    is the lowest tier whose line lies above the score."""
    name, line = pl.lit(None, pl.String), pl.lit(None, pl.Float64)
    for tier in scheme.tiers:  # highest first: the last match is the lowest line above
        above = score < tier.min_score - TOLERANCE
        name = pl.when(above).then(pl.lit(tier.tier)).otherwise(name)
        line = pl.when(above).then(pl.lit(float(tier.min_score))).otherwise(line)
    return name, line


def _result(
    fraction_needed: pl.Expr,
    worst: float,
    best: float,
    metric: str,
    part: str | None,
    current: pl.Expr,
) -> list[pl.Expr]:
    reachable = fraction_needed <= 1 + TOLERANCE
    needed = worst + fraction_needed.clip(0.0, 1.0) * (best - worst)
    return [
        pl.lit(metric).alias("metric"),
        pl.lit(part, pl.String).alias("part"),
        current.cast(pl.Float64).alias("current_value"),
        pl.when(reachable).then(needed).alias("needed_value"),
        reachable.alias("is_reachable"),
        pl.lit(best < worst).alias("lower_is_better"),
    ]


def next_tier_needs(cards: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """See the module doc. ``cards``: stored scorecards (``kpi_agent_monthly`` columns:
    score, score_adjustment, points, effective weights, values and sample counts)."""
    m = scheme.metrics
    name, line = _next_tier(scheme, pl.col("score").cast(pl.Float64))
    base = (
        cards.lazy()
        .filter(pl.col("status") == "scored")
        .with_columns(
            name.alias("next_tier"),
            line.alias("next_min_score"),
            (
                pl.sum_horizontal([pl.col(POINTS[k]).fill_null(0.0) for k in METRICS])
                + pl.col("score_adjustment").cast(pl.Float64).fill_null(0.0)
            ).alias("_total"),
        )
        .filter(pl.col("next_tier").is_not_null())
    )
    keep = ["agent_id", "next_tier", "next_min_score"]

    def needed_points(key: str) -> pl.Expr:
        """The points this metric alone must earn: its own plus the score's gap."""
        return pl.col(POINTS[key]) + pl.col("next_min_score") - pl.col("_total")

    parts = []
    for key in ("satisfaction", "complaint_rate", "timeliness"):
        line_ = getattr(m, key)
        fraction = needed_points(key) / pl.col(WEIGHTS[key])
        parts.append(
            base.filter(pl.col(WEIGHTS[key]).is_not_null()).select(
                *keep,
                *_result(fraction, line_.worst, line_.best, key, None, pl.col(VALUE_COLUMNS[key])),
            )
        )
    # Loyalty: its fraction is the share-weighted mean of its applicable parts'
    # fractions (shares renormalised over them); one part moves, the other stays.
    loyalty = m.loyalty
    ok = {p: pl.col(_PART_SAMPLES[p]) >= getattr(loyalty, p).min_samples for p in LOYALTY_PARTS}
    share = {p: getattr(loyalty, p).share for p in LOYALTY_PARTS}
    share_sum = pl.sum_horizontal([ok[p].cast(pl.Float64) * share[p] for p in LOYALTY_PARTS])
    part_fraction = {
        p: line_fraction(
            pl.col(p).cast(pl.Float64), getattr(loyalty, p).worst, getattr(loyalty, p).best
        )
        for p in LOYALTY_PARTS
    }
    loyalty_needed = needed_points("loyalty") / pl.col(WEIGHTS["loyalty"])
    for p in LOYALTY_PARTS:
        (other,) = (q for q in LOYALTY_PARTS if q != p)
        other_term = pl.when(ok[other]).then(share[other] * part_fraction[other]).otherwise(0.0)
        fraction = (loyalty_needed * share_sum - other_term) / share[p]
        parts.append(
            base.filter(pl.col(WEIGHTS["loyalty"]).is_not_null() & ok[p]).select(
                *keep,
                *_result(
                    fraction,
                    getattr(loyalty, p).worst,
                    getattr(loyalty, p).best,
                    "loyalty",
                    p,
                    pl.col(p),
                ),
            )
        )
    order = {k: i for i, k in enumerate(METRICS)}
    part_order = {p: i for i, p in enumerate(LOYALTY_PARTS)}
    return (
        pl.concat(parts)
        .with_columns(
            pl.col("metric").replace_strict(order, return_dtype=pl.Int64).alias("_order"),
            pl.col("part")
            .replace_strict(part_order, default=-1, return_dtype=pl.Int64)
            .alias("_part"),
        )
        .sort("agent_id", "_order", "_part")
        .drop("_order", "_part")
        .select(list(OUTPUT_SCHEMA))
        .cast(OUTPUT_SCHEMA)
        .collect()
    )
