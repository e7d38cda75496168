"""Per-agent counts and rates of `scheme.md` §1.

Output grain: one row per active agent of the month (agents with no records get zero
counts and null rates). Rates are null where their denominator is 0. A consultation's
timeliness is decided once, per consultation, by `transforms.timeliness` (on the
scheme's clock); here and in `transforms.teams` it is only counted.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

COUNT_COLUMNS = (
    "customers_received",
    "survey_count",
    "votes_1",
    "votes_2",
    "votes_3",
    "votes_4",
    "votes_5",
    "complaint_count",
    "complaint_customers",
    "first_purchase_customers",
    "repeat_purchase_customers",
    "referral_customers",
    "consultation_count",
    "timely_count",
)


def ratio(numerator: str, denominator: str) -> pl.Expr:
    return pl.when(pl.col(denominator) > 0).then(pl.col(numerator) / pl.col(denominator))


def is_valid_complaint() -> pl.Expr:
    """A complaint counts unless investigation found it groundless (null means valid)."""
    return pl.col("is_valid").fill_null(True)


def agent_metrics(agents: pl.LazyFrame, records: Mapping[str, pl.LazyFrame]) -> pl.LazyFrame:
    """Counts and rates per active agent (``agents``: the roster with ``is_active``;
    ``records["consultations"]`` with ``is_timely``, from
    `transforms.timeliness.consultation_timeliness`)."""
    by_agent = "agent_id"
    receptions = (
        records["receptions"]
        .group_by(by_agent)
        .agg(pl.col("customer_id").n_unique().alias("customers_received"))
    )
    surveys = (
        records["surveys"]
        .group_by(by_agent)
        .agg(
            pl.len().alias("survey_count"),
            *[(pl.col("rating") == v).sum().alias(f"votes_{v}") for v in range(1, 6)],
            pl.col("rating").cast(pl.Int64).sum().alias("_rating_sum"),
        )
    )
    complaints = (
        records["complaints"]
        .filter(is_valid_complaint())
        .group_by(by_agent)
        .agg(
            pl.len().alias("complaint_count"),
            pl.col("customer_id").n_unique().alias("complaint_customers"),
        )
    )
    customer = pl.col("customer_id")
    kind = pl.col("purchase_type")
    purchases = (
        records["purchases"]
        .group_by(by_agent)
        .agg(
            customer.filter(kind == "first").n_unique().alias("first_purchase_customers"),
            customer.filter(kind.is_in(["additional", "replacement"]))
            .n_unique()
            .alias("repeat_purchase_customers"),
            customer.filter(pl.col("referrer_customer_id").is_not_null())
            .n_unique()
            .alias("referral_customers"),
        )
    )
    consultations = (
        records["consultations"]
        .group_by(by_agent)
        .agg(
            pl.len().alias("consultation_count"),
            pl.col("is_timely").sum().alias("timely_count"),
        )
    )
    joined = agents.filter("is_active").select("agent_id", "agent_name", "store_id", "team_id")
    for part in (receptions, surveys, complaints, purchases, consultations):
        joined = joined.join(part, on=by_agent, how="left")
    return (
        joined.with_columns(pl.col(c).fill_null(0).cast(pl.Int64) for c in COUNT_COLUMNS)
        .with_columns(
            (pl.col("_rating_sum") / pl.col("survey_count")).alias("satisfaction_avg"),
            ratio("complaint_customers", "customers_received").alias("complaint_rate"),
            ratio("repeat_purchase_customers", "first_purchase_customers").alias("repurchase_rate"),
            ratio("referral_customers", "customers_received").alias("referral_rate"),
            ratio("timely_count", "consultation_count").alias("timely_rate"),
        )
        .drop("_rating_sum")
        .sort("agent_id")
    )
