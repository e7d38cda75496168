"""Timeliness per consultation (`scheme.md` §1 and §9.2): elapsed times, limits, verdict.

On the scheme's clock, each consultation gets the time from ``received_at`` to
``first_response_at`` and to ``resolved_at``, the limits of its channel (a per-channel
override over the SLA default) and ``is_timely``: both times known and both within their
limits, inclusive, to the microsecond. The wall clock counts every instant (as before
§9.2 existed); the business-hours clock counts only the parts of the interval inside
``[start, end)`` of working days (`transforms.workdays`).

Business time is vectorised through a cumulative table with one row per calendar day:
the business microseconds of all earlier days. An instant's reading on the business
clock is that cumulative value plus the part of its own day's opening hours already
gone, and the elapsed business time between two instants is the difference of their
readings. Readings are looked up by the day's offset in the table (a join on the date,
positional because the table has every day): no loop over rows.

Output grain: the input consultations, one row per consultation, in their order, with
``TIMELINESS_COLUMNS`` added.
"""

from __future__ import annotations

from datetime import date, datetime, time

import polars as pl

from schemas.scheme import Appeals, BusinessHours, Sla
from transforms.workdays import workday_calendar

TIMELINESS_COLUMNS = (
    "response_minutes",  # received_at to first_response_at on the scheme's clock; null: none
    "resolution_minutes",  # received_at to resolved_at on the scheme's clock; null: none
    "response_limit_minutes",  # the channel's response limit
    "resolution_limit_minutes",  # the channel's resolution limit (resolution_hours x 60)
    "is_timely",  # both known and both within their limits (inclusive)
)
LATER_TIMES = ("first_response_at", "resolved_at")
_US_PER_MINUTE = 60_000_000
_US_PER_DAY = 24 * 60 * _US_PER_MINUTE
_EPOCH = date(1970, 1, 1)


def _us_of_day(moment: time) -> int:
    return (moment.hour * 60 + moment.minute) * _US_PER_MINUTE


class _BusinessClock:
    """The per-day table of one calendar and one set of opening hours.

    For day ``i`` of the calendar: ``before[i]``, the business microseconds of the days
    before it, and ``close[i]``, the end of its opening hours in microseconds of the day
    (the opening time itself on a day off, so that no time of that day counts).
    """

    def __init__(self, hours: BusinessHours, calendar: pl.DataFrame):
        days = calendar["day"].sort()
        every_day = (days[-1] - days[0]).days + 1 if days.len() else 0
        if days.n_unique() != days.len() or days.len() != every_day:
            raise ValueError("the working-day calendar must list every day of its range")
        self.open, close = _us_of_day(hours.start), _us_of_day(hours.end)
        self.first_day = (days[0] - _EPOCH).days if days.len() else 0
        workday = pl.col("is_workday")
        table = (
            calendar.sort("day")
            .select(
                pl.when(workday).then(close - self.open).otherwise(0).cast(pl.Int64).alias("n"),
                pl.when(workday).then(close).otherwise(self.open).cast(pl.Int64).alias("close"),
            )
            .with_columns((pl.col("n").cum_sum() - pl.col("n")).alias("before"))
        )
        self.before, self.close = table["before"], table["close"]

    def reading(self, moment: pl.Expr) -> pl.Expr:
        """Business microseconds from the calendar's first day to ``moment`` (null stays
        null). A moment outside the calendar fails the query (a negative offset cannot
        be cast, a too large one is out of bounds) rather than read a wrong day."""
        us = moment.dt.epoch("us")
        day = us // _US_PER_DAY
        offset = (day - self.first_day).cast(pl.UInt32)
        of_day = us - day * _US_PER_DAY
        opened = of_day.clip(self.open, pl.lit(self.close).gather(offset)) - self.open
        return pl.lit(self.before).gather(offset) + opened


def business_microseconds(
    start: pl.Expr, end: pl.Expr, *, hours: BusinessHours, calendar: pl.DataFrame
) -> pl.Expr:
    """Elapsed business time from ``start`` to ``end`` (``end`` not before ``start``), in
    microseconds: the length of the parts of [start, end] inside [hours.start, hours.end)
    of the calendar's working days. ``calendar`` (``day``, ``is_workday``) must cover
    every date of both instants."""
    clock = _BusinessClock(hours, calendar)
    return clock.reading(end) - clock.reading(start)


def _limit(per_channel: dict[str, int]) -> pl.Expr:
    """The channel's limit; a constant when every channel has the same (no lookup)."""
    values = set(per_channel.values())
    if len(values) == 1:
        return pl.lit(values.pop(), pl.Int64)
    return pl.col("channel").replace_strict(per_channel, return_dtype=pl.Int64)


def consultation_timeliness(
    consultations: pl.LazyFrame, *, sla: Sla, calendar: pl.DataFrame | None = None
) -> pl.LazyFrame:
    """``consultations`` (accepted rows: ``channel``, ``received_at``, ``first_response_at``,
    ``resolved_at``) with ``TIMELINESS_COLUMNS`` added, on ``sla.clock``.

    Minutes are floats (seconds and microseconds count); the verdict compares integer
    microseconds, so a time exactly on its limit is timely. ``calendar`` is the working-day
    calendar over every date of the consultations (`timeliness_calendar`), needed only on
    the business-hours clock.
    """
    limits = sla.limits()
    response_limit = {c: round(m * _US_PER_MINUTE) for c, (m, _) in limits.items()}
    resolution_limit = {c: round(h * 60 * _US_PER_MINUTE) for c, (_, h) in limits.items()}
    received = pl.col("received_at")
    if sla.clock == "business_hours":
        if calendar is None:
            raise ValueError("business-hours timeliness needs the working-day calendar")
        clock = _BusinessClock(sla.business_hours, calendar)
        # The reading at received_at is shared by both elapsed times: computed once.
        frame = consultations.with_columns(clock.reading(received).alias("_received"))
        elapsed = [clock.reading(pl.col(c)) - pl.col("_received") for c in LATER_TIMES]
        helpers = ["_received"]
    else:
        frame = consultations
        elapsed = [(pl.col(c) - received).dt.total_microseconds() for c in LATER_TIMES]
        helpers = []
    response_us, resolution_us = pl.col("_response_us"), pl.col("_resolution_us")
    timely = (response_us <= _limit(response_limit)) & (resolution_us <= _limit(resolution_limit))
    return (
        frame.with_columns(elapsed[0].alias("_response_us"), elapsed[1].alias("_resolution_us"))
        .with_columns(
            (response_us / _US_PER_MINUTE).alias("response_minutes"),
            (resolution_us / _US_PER_MINUTE).alias("resolution_minutes"),
            (_limit(response_limit) / _US_PER_MINUTE).alias("response_limit_minutes"),
            (_limit(resolution_limit) / _US_PER_MINUTE).alias("resolution_limit_minutes"),
            # A missing time compares as null: not timely (a consultation still open).
            timely.fill_null(False).alias("is_timely"),
        )
        .drop("_response_us", "_resolution_us", *helpers)
    )


def _as_date(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def timeliness_calendar(
    consultations: pl.DataFrame, *, sla: Sla, appeals: Appeals
) -> tuple[pl.DataFrame | None, list[str]]:
    """The working-day calendar `consultation_timeliness` needs for ``consultations``:
    every day from the earliest ``received_at`` to the latest response or resolution,
    with the scheme's extra holidays and working days, and the warnings for years without
    holiday data. On the wall clock: no calendar and no warnings."""
    if sla.clock != "business_hours":
        return None, []
    bounds = consultations.select(
        pl.col("received_at").min().alias("first"),
        pl.max_horizontal(pl.col("received_at", *LATER_TIMES).max()).alias("last"),
    ).row(0)
    first, last = (_as_date(b) for b in bounds)
    if first is None:  # no consultations: an empty calendar
        first, last = date(2000, 1, 2), date(2000, 1, 1)
    return workday_calendar(
        first,
        last,
        extra_holidays=appeals.extra_holidays,
        extra_working_days=appeals.extra_working_days,
    )
