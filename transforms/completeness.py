"""Completeness against each store's own history (完整, `scheme.md` §9.3).

Row checks cannot see a month that is missing half its rows (an export cut at a row
limit, a CRM that lost a week, another store's file). Each store's volume of receptions,
surveys and consultations (`transforms.plausibility.store_volumes`) is compared with the
median of the same count over its *baseline*: the store's counts in the
``baseline_months`` months before M that are published, as their current versions'
runs recorded them in ``kpi_completeness``.

A store's export is incomplete when
- the baseline median is at least ``min_baseline_rows`` and the month's count is below
  ``min_volume_share`` × the median;
- the month has no row of it while the baseline median is above 0 (a header-only file,
  a store that vanished);
- (receptions) the store had receptions in its baseline and the longest run of days of
  M's period without one is longer than ``max_silent_days``.

Decisions the contract leaves open:
- A store's baseline months are the baseline window's published months in which the
  store was recorded (a store opened last month has a baseline of one month).
- A store with no active agent in M's roster has closed: it is recorded, never judged.
- A published version whose run predates these records contributes no baseline month
  (its per-store counts were never kept), so a warehouse upgraded from an earlier
  release starts judging once its first months are published again.

Output grain: one row per (store_id, source) as ``kpi_completeness`` holds it, without
the run's id and month.
"""

from __future__ import annotations

import polars as pl

from schemas.scheme import TOLERANCE, Completeness
from transforms.periods import Period

COMPLETENESS_COLUMNS = (
    "store_id",
    "source",
    "row_count",
    "baseline_median",
    "baseline_months",
    "volume_share",
    "longest_silent_days",
    "is_incomplete",
)


def judge(
    volumes: pl.LazyFrame,
    silences: pl.LazyFrame,
    baseline: pl.LazyFrame,
    open_stores: pl.LazyFrame,
    period: Period,
    *,
    rules: Completeness,
) -> pl.LazyFrame:
    """Judge each store's exports of the month against its baseline.

    - ``volumes``: (store_id, source, row_count), the month's counts;
    - ``silences``: (store_id, longest_silent_days) of stores with a reception in the
      period (a store without one was silent the whole period);
    - ``baseline``: (month_start, store_id, source, row_count) of the baseline months;
    - ``open_stores``: (store_id) of the stores with an active agent in M's roster.
    """
    stores = pl.concat([volumes.select("store_id"), baseline.select("store_id")]).unique()
    sources = pl.concat([volumes.select("source"), baseline.select("source")]).unique()
    months = baseline.group_by("store_id").agg(
        pl.col("month_start").n_unique().cast(pl.Int64).alias("baseline_months")
    )
    history = baseline.group_by("store_id", "source").agg(
        pl.col("row_count").median().alias("baseline_median"),
        pl.col("row_count").sum().alias("_baseline_rows"),
    )
    days = (period.end_on - period.start_on).days + 1
    median, count = pl.col("baseline_median"), pl.col("row_count")
    is_receptions = pl.col("source") == "receptions"
    silent = pl.when(is_receptions).then(pl.col("longest_silent_days").fill_null(days))
    judged = (pl.col("baseline_months") > 0) & pl.col("_is_open")
    short = (median >= rules.min_baseline_rows) & (
        count < rules.min_volume_share * median - TOLERANCE
    )
    vanished = (count == 0) & (median > 0)
    quiet = is_receptions & (pl.col("_baseline_rows") > 0) & (silent > rules.max_silent_days)
    return (
        stores.join(sources, how="cross")
        .join(volumes, on=["store_id", "source"], how="left")
        .join(history, on=["store_id", "source"], how="left")
        .join(months, on="store_id", how="left")
        .join(silences, on="store_id", how="left")
        .join(open_stores.unique().with_columns(_is_open=pl.lit(True)), on="store_id", how="left")
        .with_columns(
            pl.col("row_count").fill_null(0),
            pl.col("baseline_months").fill_null(0),
            pl.col("_is_open").fill_null(False),
        )
        .with_columns(
            pl.when(pl.col("baseline_months") > 0).then(median).alias("baseline_median"),
            pl.when(median > 0).then(count / median).alias("volume_share"),
            silent.cast(pl.Int64).alias("longest_silent_days"),
            (judged & (short | vanished | quiet).fill_null(False)).alias("is_incomplete"),
        )
        .select(COMPLETENESS_COLUMNS)
        .sort("store_id", "source")
    )
