"""Payroll adjustments between two versions of a month (`warehouse.md`).

Output grain: one row per agent whose ``bonus_amount`` differs between the previous
current version and the new one; an agent missing on one side counts as 0 there.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from transforms.scoring import MONEY_DTYPE

ADJUSTMENT_COLUMNS = (
    "month_start",
    "agent_id",
    "agent_name",
    "store_id",
    "from_version",
    "to_version",
    "bonus_before",
    "bonus_after",
    "delta",
    "currency",
    "run_id",
    "created_at",
    "export_id",
)


def bonus_adjustments(
    before: pl.DataFrame,
    after: pl.DataFrame,
    *,
    month_start: date,
    from_version: int,
    to_version: int,
    currency: str,
    run_id: str,
    created_at: datetime,
) -> pl.DataFrame:
    """``before`` / ``after``: agent_id, agent_name, store_id, bonus_amount per version."""
    keys = ["agent_id", "agent_name", "store_id", "bonus_amount"]
    joined = before.select(keys).join(
        after.select(keys), on="agent_id", how="full", coalesce=True, suffix="_after"
    )
    zero = pl.lit(0).cast(MONEY_DTYPE)
    return (
        joined.with_columns(
            pl.col("bonus_amount").fill_null(zero).cast(MONEY_DTYPE).alias("bonus_before"),
            pl.col("bonus_amount_after").fill_null(zero).cast(MONEY_DTYPE).alias("bonus_after"),
            pl.coalesce("agent_name_after", "agent_name").alias("agent_name"),
            pl.coalesce("store_id_after", "store_id").alias("store_id"),
        )
        .with_columns(
            (pl.col("bonus_after") - pl.col("bonus_before")).cast(MONEY_DTYPE).alias("delta")
        )
        .filter(pl.col("delta") != 0)
        .with_columns(
            pl.lit(month_start).alias("month_start"),
            pl.lit(from_version).alias("from_version"),
            pl.lit(to_version).alias("to_version"),
            pl.lit(currency).alias("currency"),
            pl.lit(run_id).alias("run_id"),
            pl.lit(created_at).alias("created_at"),
            pl.lit(None, pl.String).alias("export_id"),
        )
        .select(ADJUSTMENT_COLUMNS)
        .sort("agent_id")
    )


# The payroll file's columns, in order (their headers come from the message catalogue).
PAYROLL_COLUMNS = (
    "line_type",
    "export_id",
    "for_month",
    "store_id",
    "team_id",
    "agent_id",
    "agent_name",
    "tier",
    "version",
    "paid_version",
    "from_version",
    "to_version",
    "score_before",
    "score_after",
    "tier_before",
    "tier_after",
    "appeal_ids",
    "appeals_withdrawn",
    "amount",
    "currency",
)
LINE_TYPES = ("bonus", "adjustment", "subtotal", "total")
# Spreadsheet programs run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would read as a formula get a leading apostrophe."""
    risky = [c for c, t in frame.schema.items() if t == pl.String]
    starts = "^[" + "".join(FORMULA_STARTS).replace("-", r"\-") + "]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(starts))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in risky
    )


def _appeal_changes(adjustments: pl.DataFrame, applied: pl.DataFrame) -> pl.DataFrame:
    """Per adjustment (month_start, agent_id, from_version, to_version): ``appeal_ids``,
    the appeals applied in the version it goes to and not in the one it goes from, and
    ``appeals_withdrawn``, those applied there and no longer (ids joined with ``,``)."""
    keys = ["month_start", "agent_id", "from_version", "to_version"]
    pairs = adjustments.select(keys).unique()
    ids = applied.select("month_start", "agent_id", "version", "appeal_id")
    to_side = pairs.join(
        ids.rename({"version": "to_version"}), on=["month_start", "agent_id", "to_version"]
    )
    from_side = pairs.join(
        ids.rename({"version": "from_version"}), on=["month_start", "agent_id", "from_version"]
    )

    def listed(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return (
            frame.sort("appeal_id")
            .group_by(keys)
            .agg(pl.col("appeal_id").str.join(",").alias(name))
        )

    return pairs.join(
        listed(to_side.join(from_side, on=[*keys, "appeal_id"], how="anti"), "appeal_ids"),
        on=keys,
        how="left",
    ).join(
        listed(from_side.join(to_side, on=[*keys, "appeal_id"], how="anti"), "appeals_withdrawn"),
        on=keys,
        how="left",
    )


def with_reasons(
    adjustments: pl.DataFrame,
    cards: pl.DataFrame,
    applied: pl.DataFrame,
    frozen: pl.DataFrame,
    carried: pl.DataFrame | None = None,
    file_id: str | None = None,
) -> pl.DataFrame:
    """Each adjustment with why it exists: the agent's team, the score and tier of the
    version it goes from and of the one it goes to, the appeals that version applies that
    the other did not and those it no longer applies (a reversal's reason), and the version
    of the agent's month that payroll had paid before this file: the version the month's
    first export paid, or the version an adjustment line of an earlier file brought the
    agent to (a reversal of a change paid in an earlier file says so).

    ``cards``: month_start, agent_id, version, team_id, score, tier of the versions
    involved; ``applied``: month_start, version, agent_id, appeal_id of applied appeals;
    ``frozen``: month_start, frozen (the version each exported month's first export paid);
    ``carried``: month_start, agent_id, to_version, export_id of the adjustments of these
    months that exports carried, and ``file_id`` the export id of this file (its own lines
    are not earlier ones).
    """
    keys = ["month_start", "agent_id"]
    before = cards.select(
        *keys,
        pl.col("version").alias("from_version"),
        pl.col("score").alias("score_before"),
        pl.col("tier").alias("tier_before"),
        pl.col("team_id").alias("_team_before"),
    )
    after = cards.select(
        *keys,
        pl.col("version").alias("to_version"),
        pl.col("score").alias("score_after"),
        pl.col("tier").alias("tier_after"),
        "team_id",
    )
    earlier = (
        pl.DataFrame(schema={"month_start": pl.Date, "agent_id": pl.String, "_paid_to": pl.Int64})
        if carried is None
        else carried.filter(pl.col("export_id") != (file_id or "")).select(
            *keys, pl.col("to_version").cast(pl.Int64).alias("_paid_to")
        )
    )
    paid_by_lines = (
        adjustments.select(*keys, "from_version")
        .unique()
        .join(earlier, on=keys)
        .filter(pl.col("_paid_to") <= pl.col("from_version"))
        .group_by(*keys, "from_version")
        .agg(pl.col("_paid_to").max())
    )
    return (
        adjustments.join(before, on=[*keys, "from_version"], how="left")
        .join(after, on=[*keys, "to_version"], how="left")
        .join(
            _appeal_changes(adjustments, applied),
            on=[*keys, "from_version", "to_version"],
            how="left",
        )
        .join(frozen.rename({"frozen": "paid_version"}), on="month_start", how="left")
        .join(paid_by_lines, on=[*keys, "from_version"], how="left")
        .with_columns(
            pl.coalesce("team_id", "_team_before").alias("team_id"),
            pl.max_horizontal("paid_version", "_paid_to").alias("paid_version"),
        )
        .drop("_team_before", "_paid_to")
    )


def payroll_lines(
    bonuses: pl.DataFrame,
    adjustments: pl.DataFrame,
    *,
    export_id: str,
    month_start: date,
    version: int,
) -> pl.DataFrame:
    """The payroll file's lines, store by store: the store's ``bonus`` lines (one per agent
    of the paid version, by team and agent), its ``adjustment`` lines (the adjustments
    this export carries, oldest month first, each with why: the versions it goes from and
    to, the version that was paid, the old and new score and tier, the appeals applied and
    withdrawn in the new version), then the store's ``subtotal``; a ``total`` line last.

    ``bonuses``: agent_id, agent_name, store_id, team_id, tier, bonus_amount, currency.
    ``adjustments``: the carried kpi_payroll_adjustment rows with team_id, paid_version,
    score_before, score_after, tier_before, tier_after, appeal_ids and appeals_withdrawn
    (`with_reasons`).
    """
    money, score = pl.Decimal(14, 2), pl.Decimal(5, 2)
    bonus = bonuses.select(
        pl.lit("bonus").alias("line_type"),
        pl.lit(f"{month_start:%Y-%m}").alias("for_month"),
        "store_id",
        "team_id",
        "agent_id",
        "agent_name",
        "tier",
        pl.lit(version, pl.Int64).alias("version"),
        pl.col("bonus_amount").cast(money).alias("amount"),
        "currency",
    )
    adjust = adjustments.select(
        pl.lit("adjustment").alias("line_type"),
        pl.col("month_start").dt.strftime("%Y-%m").alias("for_month"),
        "store_id",
        "team_id",
        "agent_id",
        "agent_name",
        *[pl.col(c).cast(pl.Int64) for c in ("paid_version", "from_version", "to_version")],
        *[pl.col(c).cast(score) for c in ("score_before", "score_after")],
        "tier_before",
        "tier_after",
        "appeal_ids",
        "appeals_withdrawn",
        pl.col("delta").cast(money).alias("amount"),
        "currency",
    )
    lines = pl.concat([bonus, adjust], how="diagonal_relaxed")
    subtotals = lines.group_by("store_id").agg(
        pl.lit("subtotal").alias("line_type"),
        pl.col("amount").sum().cast(money),
        pl.col("currency").first(),
    )
    total = lines.select(
        pl.lit("total").alias("line_type"),
        pl.col("amount").sum().cast(money),
        pl.col("currency").first(),
    )
    rank = {t: i for i, t in enumerate(LINE_TYPES)}
    return (
        pl.concat([lines, subtotals, total], how="diagonal_relaxed")
        .with_columns(
            pl.lit(export_id).alias("export_id"),
            pl.col("line_type").replace_strict(rank, return_dtype=pl.Int8).alias("_rank"),
        )
        .sort(
            pl.col("_rank") == rank["total"],
            "store_id",
            "_rank",
            "team_id",
            "agent_id",
            "for_month",
            "to_version",
            nulls_last=True,
        )
        .select(PAYROLL_COLUMNS)
    )
