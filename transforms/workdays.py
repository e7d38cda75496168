"""Working days (`scheme.md` §6, used by appeal deadlines and §9.2 business hours).

Working days follow the mainland-China calendar (public holidays and make-up working days,
调休, from the ``chinesecalendar`` package) plus the scheme's ``appeals.extra_holidays`` and
``appeals.extra_working_days``; a year the package has no data for falls back to
Monday–Friday, with a warning for the run log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import chinese_calendar
import polars as pl

CALENDAR_SCHEMA = {"day": pl.Date, "is_workday": pl.Boolean}


def workday_calendar(
    first: date,
    last: date,
    *,
    extra_holidays: Iterable[date] = (),
    extra_working_days: Iterable[date] = (),
) -> tuple[pl.DataFrame, list[str]]:
    """One row per calendar day from ``first`` to ``last``: ``day``, ``is_workday``.

    Also returns a warning for each year the mainland-China calendar does not cover.
    The loop is per calendar day (a few hundred), never per record.
    """
    holidays, working = set(extra_holidays), set(extra_working_days)
    days, flags, uncovered = [], [], set()
    day = first
    while day <= last:
        try:
            workday = chinese_calendar.is_workday(day)
        except NotImplementedError:  # chinesecalendar's word for "no data for this year"
            uncovered.add(day.year)
            workday = day.weekday() < 5
        if day in holidays:
            workday = False
        if day in working:
            workday = True
        days.append(day)
        flags.append(workday)
        day += timedelta(days=1)
    warnings = [
        f"no mainland-China holiday data for {year}: working days (appeal deadlines, "
        "business-hours timeliness) are Monday-Friday (add the year's holidays to the "
        "scheme's appeals.extra_holidays / extra_working_days, or upgrade chinesecalendar)"
        for year in sorted(uncovered)
    ]
    return pl.DataFrame({"day": days, "is_workday": flags}, schema=CALENDAR_SCHEMA), warnings
