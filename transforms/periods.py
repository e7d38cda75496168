"""Evaluation periods (评估周期, `scheme.md` §9.1): which days month M's events come from.

Month M's period ends at the end of day ``end_day`` of M under M's scheme (the last day of
M without one) and begins the day after M−1's period ended under M−1's scheme. Periods
therefore chain with no gap or overlap; a scheme change that adds, moves or drops
``end_day`` makes one period shorter or longer. Without ``end_day`` anywhere a period is
the calendar month, exactly as before the option existed. The month keeps its name,
folder and ``month_start`` (the first of M) whatever its period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from transforms.months import last_day, previous_month


@dataclass(frozen=True)
class Period:
    """The days ``start_on`` .. ``end_on`` (both inclusive) of one month's events.

    Timestamps belong to it when ``start`` <= t < ``end``: from midnight starting
    ``start_on`` to midnight ending ``end_on`` (timestamps are local, without a zone).
    """

    start_on: date
    end_on: date

    def __post_init__(self):
        if self.start_on > self.end_on:
            raise ValueError(
                f"a period cannot end ({self.end_on}) before it starts ({self.start_on})"
            )

    @property
    def start(self) -> datetime:
        return datetime.combine(self.start_on, time())

    @property
    def end(self) -> datetime:
        """The first instant after the period (exclusive bound)."""
        return datetime.combine(self.end_on + timedelta(days=1), time())


def period_end_on(month_start: date, end_day: int | None) -> date:
    """The last day of month M's period: day ``end_day`` of M, or M's last day."""
    return last_day(month_start) if end_day is None else month_start.replace(day=end_day)


def month_period(month_start: date, end_day: int | None, previous_end_day: int | None) -> Period:
    """Month M's period from M's ``end_day`` and the ``end_day`` in force for M−1 (None:
    the calendar month). For the first month of a scheme history, pass M's own
    ``end_day`` as ``previous_end_day`` (§9.1: as if M's scheme applied to M−1)."""
    previous_end_on = period_end_on(previous_month(month_start), previous_end_day)
    return Period(previous_end_on + timedelta(days=1), period_end_on(month_start, end_day))


def calendar_month(month_start: date) -> Period:
    """The period of a scheme without ``end_day``, before and after: the month itself."""
    return month_period(month_start, None, None)
