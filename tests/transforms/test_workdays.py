"""The working-day calendar shared by appeal deadlines and business hours."""

from datetime import date, timedelta

import polars as pl
from polars.testing import assert_frame_equal

from transforms.workdays import CALENDAR_SCHEMA, workday_calendar


def days(first: date, flags: str) -> pl.DataFrame:
    """The calendar from ``first``, one character per day: W working, - off."""
    return pl.DataFrame(
        {
            "day": [first + timedelta(days=i) for i in range(len(flags))],
            "is_workday": [f == "W" for f in flags],
        },
        schema=CALENDAR_SCHEMA,
    )


def test_national_day_2026_and_its_make_up_working_day():
    # chinesecalendar 1.11: 2026-10-01 (Thu) .. 10-07 off, Saturday 10-10 worked, Sunday
    # 10-11 off.
    calendar, warnings = workday_calendar(date(2026, 9, 28), date(2026, 10, 12))
    assert_frame_equal(calendar, days(date(2026, 9, 28), "WWW-------WWW-W"))
    assert warnings == []


def test_the_schemes_extra_days_override_the_national_calendar():
    calendar, _ = workday_calendar(
        date(2026, 11, 2),
        date(2026, 11, 8),
        extra_holidays=[date(2026, 11, 4)],
        extra_working_days=[date(2026, 11, 7)],
    )
    assert_frame_equal(calendar, days(date(2026, 11, 2), "WW-WWW-"))


def test_a_year_without_calendar_data_uses_monday_to_friday_with_a_warning():
    calendar, warnings = workday_calendar(date(2030, 12, 30), date(2031, 1, 6))
    # 2030-12-30 is a Monday; 2031-01-01 would be a holiday, but there is no data.
    assert_frame_equal(calendar, days(date(2030, 12, 30), "WWWWW--W"))
    assert warnings == [
        f"no mainland-China holiday data for {year}: working days (appeal deadlines, "
        "business-hours timeliness) are Monday-Friday (add the year's holidays to the "
        "scheme's appeals.extra_holidays / extra_working_days, or upgrade chinesecalendar)"
        for year in (2030, 2031)
    ]


def test_an_empty_range_is_an_empty_calendar():
    calendar, warnings = workday_calendar(date(2026, 10, 2), date(2026, 10, 1))
    assert_frame_equal(calendar, pl.DataFrame(schema=CALENDAR_SCHEMA))
    assert warnings == []
