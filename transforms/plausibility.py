"""Plausibility of a month's inputs (`exports.md`, "Plausibility"): what row checks cannot
see, judged over a whole file or the whole month.

Each record file is summarised once, in the same pass that classifies its rows, into its
*profile*: row counts per (agent, store, event day, class, unknown agent). Every rule
here reads profiles only, never the rows, so the rules cost next to nothing however
large the month is, and the completeness rules (`transforms.completeness`) read the same
profiles.

Decisions the contract leaves open:
- "Another month's file" is judged among the rows whose event time parses: a file whose
  times do not parse at all is a reject problem, not another month's file. It fails
  when fewer than half of those rows lie in the period, and names the month most of
  them belong to.
- A store of a row is its own ``store_id`` for receptions (the CRM's store), and the
  store of the row's agent in the month's roster for the other files.
- An agent's reject share counts the rows of the agent that belong to the month (not
  out of period, not an exact duplicate): rejected ÷ (accepted + rejected).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from schemas.contracts import UNKNOWN_AGENT, Export, Kind
from transforms.periods import Period
from transforms.quarantine import (
    ACCEPTED,
    REASONS,
    REJECTED,
    ROW_CLASS,
    parsed,
)

PROFILE_SCHEMA = {
    "source": pl.String(),
    "agent_id": pl.String(),
    "store_id": pl.String(),
    "event_on": pl.Date(),
    ROW_CLASS: pl.String(),
    "is_unknown_agent": pl.Boolean(),
    "row_count": pl.Int64(),
}


def profile(classified: pl.LazyFrame, export: Export) -> pl.LazyFrame:
    """One record file's profile.

    Input grain: one row per row read (`transforms.quarantine.classify`). Output grain:
    one row per (agent_id, store_id, event_on, row_class, is_unknown_agent) as read, with
    ``row_count``; ``event_on`` is the day of the event time (null where it does not
    parse), ``agent_id`` and ``store_id`` the text as read.
    """
    event = pl.col(parsed(export.event_column))
    if export.column(export.event_column).kind is Kind.TIMESTAMP:
        event = event.dt.date()
    return (
        classified.select(
            pl.col("agent_id"),
            pl.col("store_id"),
            event.alias("event_on"),
            pl.col(ROW_CLASS),
            pl.col(REASONS)
            .str.contains(UNKNOWN_AGENT, literal=True)
            .fill_null(False)
            .alias("is_unknown_agent"),
        )
        .group_by("agent_id", "store_id", "event_on", ROW_CLASS, "is_unknown_agent")
        .agg(pl.len().cast(pl.Int64).alias("row_count"))
        .select(pl.lit(export.name).alias("source"), pl.all())
        .sort("agent_id", "store_id", "event_on", ROW_CLASS, nulls_last=True)
    )


def _in_period(period: Period) -> pl.Expr:
    return pl.col("event_on").is_between(pl.lit(period.start_on), pl.lit(period.end_on))


def dated_rows(profiles: pl.LazyFrame, period: Period) -> pl.LazyFrame:
    """How many of each file's rows lie in the period, among the rows whose event time
    parses, and the month most of them belong to.

    Output grain: one row per source with a dated row: ``rows_dated``,
    ``rows_in_period``, ``likely_month`` (``YYYY-MM``; the latest on a tie) and
    ``is_another_month`` (fewer than half of the dated rows in the period)."""
    dated = profiles.filter(pl.col("event_on").is_not_null())
    months = (
        dated.group_by("source", pl.col("event_on").dt.strftime("%Y-%m").alias("month"))
        .agg(pl.col("row_count").sum())
        .sort("source", "row_count", "month", descending=[False, True, True])
        .group_by("source", maintain_order=True)
        .agg(pl.col("month").first().alias("likely_month"))
    )
    return (
        dated.group_by("source")
        .agg(
            pl.col("row_count").sum().alias("rows_dated"),
            pl.col("row_count").filter(_in_period(period)).sum().alias("rows_in_period"),
        )
        .join(months, on="source")
        .with_columns(is_another_month=pl.col("rows_in_period") * 2 < pl.col("rows_dated"))
        .sort("source")
    )


def unknown_agents(profiles: pl.LazyFrame, *, min_rows: int) -> pl.LazyFrame:
    """Agent ids that are not in the roster, over every record file of the month.

    Output grain: one row per unknown agent_id: ``row_count`` (its rejected rows),
    ``stores`` (the stores its rows name, sorted, joined with ", "), ``sources`` (the
    files, likewise) and ``is_roster_problem`` (at least ``min_rows`` rows: a roster line
    is missing, e.g. a new hire), most rows first."""
    unknown = profiles.filter(pl.col("is_unknown_agent"))
    return (
        unknown.group_by("agent_id")
        .agg(
            pl.col("row_count").sum(),
            pl.col("store_id").drop_nulls().unique().sort().str.join(", ").alias("stores"),
            pl.col("source").unique().sort().str.join(", ").alias("sources"),
        )
        .with_columns(is_roster_problem=pl.col("row_count") >= min_rows)
        .sort(["row_count", "agent_id"], descending=[True, False])
    )


def agent_reject_shares(
    profiles: pl.LazyFrame, roster: pl.LazyFrame, *, max_share: float
) -> pl.LazyFrame:
    """Active agents who lost more than ``max_share`` of their month's rows to rejects
    (an inactive agent's rows are all rejected, and they get no scorecard to miss them).

    Output grain: one row per such agent: ``agent_name``, ``store_id`` (the roster's),
    ``rows_judged`` (accepted + rejected), ``rows_rejected``, ``reject_share``; highest
    share first."""
    cls = pl.col(ROW_CLASS)
    count = pl.col("row_count")
    return (
        profiles.filter(~pl.col("is_unknown_agent") & cls.is_in([ACCEPTED, REJECTED]))
        .group_by("agent_id")
        .agg(
            count.sum().alias("rows_judged"),
            count.filter(cls == REJECTED).sum().alias("rows_rejected"),
        )
        .with_columns(reject_share=pl.col("rows_rejected") / pl.col("rows_judged"))
        .filter(pl.col("reject_share") > max_share)
        .join(
            roster.filter("is_active").select("agent_id", "agent_name", "store_id"), on="agent_id"
        )
        .select(
            "agent_id", "agent_name", "store_id", "rows_judged", "rows_rejected", "reject_share"
        )
        .sort(["reject_share", "agent_id"], descending=[True, False])
    )


# The record files whose volume is judged against a store's history (`scheme.md` §9.3):
# the ones every store fills every day. Complaints and purchases may be few by nature.
JUDGED_SOURCES = ("receptions", "surveys", "consultations")
# Receptions carry the CRM's own store; the others are the agent's store in the roster.
_OWN_STORE_SOURCES = ("receptions",)


def store_volumes(profiles: pl.LazyFrame, roster: pl.LazyFrame) -> pl.LazyFrame:
    """Rows read per store and judged export (`scheme.md` §9.3).

    Output grain: one row per (store_id, source) for every store of the roster and every
    source of `JUDGED_SOURCES`, with ``row_count`` (0 where none). Rows naming a store
    that is not the roster's (a typo, another dealership's data) belong to no store: the
    store whose rows they replaced shows the shortfall."""
    judged = profiles.filter(pl.col("source").is_in(JUDGED_SOURCES))
    own = judged.filter(pl.col("source").is_in(_OWN_STORE_SOURCES)).select(
        "store_id", "source", "row_count"
    )
    by_agent = (
        judged.filter(~pl.col("source").is_in(_OWN_STORE_SOURCES))
        .join(roster.select("agent_id", pl.col("store_id").alias("roster_store")), on="agent_id")
        .select(pl.col("roster_store").alias("store_id"), "source", "row_count")
    )
    counts = (
        pl.concat([own, by_agent])
        .filter(pl.col("store_id").is_not_null())
        .group_by("store_id", "source")
        .agg(pl.col("row_count").sum())
    )
    stores = roster.select("store_id").unique()
    grid = stores.join(pl.LazyFrame({"source": list(JUDGED_SOURCES)}), how="cross")
    return (
        grid.join(counts, on=["store_id", "source"], how="left")
        .with_columns(pl.col("row_count").fill_null(0))
        .sort("store_id", "source")
    )


def longest_silences(profiles: pl.LazyFrame, period: Period) -> pl.LazyFrame:
    """The longest run of consecutive days of the period without a reception, per store
    that has a reception in the period.

    Output grain: one row per store_id with ``longest_silent_days``."""
    days = (
        profiles.filter((pl.col("source") == "receptions") & _in_period(period))
        .select("store_id", "event_on")
        .unique()
    )
    # Each store's reception days, framed by the day before the period and the day after
    # it: the gaps between neighbours, less one, are the silent runs.
    frame = pl.concat(
        [
            days,
            days.select("store_id").unique().with_columns(event_on=pl.lit(_before(period))),
            days.select("store_id").unique().with_columns(event_on=pl.lit(_after(period))),
        ]
    ).sort("store_id", "event_on")
    gap = (pl.col("event_on").diff().over("store_id").dt.total_days() - 1).fill_null(0)
    return (
        frame.with_columns(gap.alias("silent"))
        .group_by("store_id")
        .agg(pl.col("silent").max().cast(pl.Int64).alias("longest_silent_days"))
        .sort("store_id")
    )


def _before(period: Period) -> date:
    return date.fromordinal(period.start_on.toordinal() - 1)


def _after(period: Period) -> date:
    return date.fromordinal(period.end_on.toordinal() + 1)
