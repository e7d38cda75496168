"""Calendar-month arithmetic on first-of-month dates, used across the pipeline."""

from __future__ import annotations

import calendar
from datetime import date


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def month_index(month: date) -> int:
    """Months since year 0, so that consecutive months differ by 1."""
    return month.year * 12 + month.month


def months_between(first: date, last: date) -> list[date]:
    """First days of the months from ``first`` to ``last``, both included."""
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = next_month(current)
    return months
