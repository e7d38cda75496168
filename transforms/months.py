"""Calendar-month arithmetic on first-of-month dates, used across the pipeline."""

from __future__ import annotations

import calendar
import re
from datetime import date

from schemas.months import MONTH_PATTERN

_MONTH = re.compile(MONTH_PATTERN)


def parse_month(text: str) -> date:
    """``YYYY-MM`` as the month's first day; ValueError for anything else."""
    match = _MONTH.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a month; use YYYY-MM")
    return date(int(text[:4]), int(text[5:7]), 1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def add_months(month: date, months: int) -> date:
    """The first day of the month ``months`` after ``month`` (before it when negative)."""
    index = month_index(month) - 1 + months
    return date(index // 12, index % 12 + 1, 1)


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
