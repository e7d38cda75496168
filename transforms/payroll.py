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


PAYROLL_COLUMNS = (
    "line_type",
    "export_id",
    "for_month",
    "agent_id",
    "agent_name",
    "store_id",
    "tier",
    "version",
    "from_version",
    "to_version",
    "amount",
    "currency",
)
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


def payroll_lines(
    bonuses: pl.DataFrame,
    adjustments: pl.DataFrame,
    *,
    export_id: str,
    month_start: date,
    version: int,
) -> pl.DataFrame:
    """The payroll file: one ``bonus`` line per agent of the paid version, then one
    ``adjustment`` line per adjustment the export carries (oldest month first).

    ``bonuses``: agent_id, agent_name, store_id, tier, bonus_amount, currency.
    ``adjustments``: kpi_payroll_adjustment rows carried by this export.
    """
    money = pl.Decimal(14, 2)
    bonus = bonuses.sort("store_id", "agent_id").select(
        pl.lit("bonus").alias("line_type"),
        pl.lit(export_id).alias("export_id"),
        pl.lit(f"{month_start:%Y-%m}").alias("for_month"),
        "agent_id",
        "agent_name",
        "store_id",
        "tier",
        pl.lit(version, pl.Int64).alias("version"),
        pl.lit(None, pl.Int64).alias("from_version"),
        pl.lit(None, pl.Int64).alias("to_version"),
        pl.col("bonus_amount").cast(money).alias("amount"),
        "currency",
    )
    adjust = adjustments.sort("month_start", "agent_id", "to_version").select(
        pl.lit("adjustment").alias("line_type"),
        pl.lit(export_id).alias("export_id"),
        pl.col("month_start").dt.strftime("%Y-%m").alias("for_month"),
        "agent_id",
        "agent_name",
        "store_id",
        pl.lit(None, pl.String).alias("tier"),
        pl.lit(None, pl.Int64).alias("version"),
        pl.col("from_version").cast(pl.Int64),
        pl.col("to_version").cast(pl.Int64),
        pl.col("delta").cast(money).alias("amount"),
        "currency",
    )
    return pl.concat([bonus, adjust]).select(PAYROLL_COLUMNS)
