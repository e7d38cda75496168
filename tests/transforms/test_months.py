from datetime import date

import pytest

from transforms.months import (
    add_months,
    last_day,
    month_index,
    months_between,
    next_month,
    parse_month,
    previous_month,
)


def test_month_steps_cross_the_year():
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert previous_month(date(2027, 1, 1)) == date(2026, 12, 1)
    assert month_index(date(2027, 1, 1)) - month_index(date(2026, 12, 1)) == 1


def test_months_are_added_and_taken_across_years():
    assert add_months(date(2026, 11, 1), 2) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert add_months(date(2026, 10, 1), -14) == date(2025, 8, 1)
    assert add_months(date(2026, 10, 1), 0) == date(2026, 10, 1)


def test_last_day_knows_leap_years():
    assert last_day(date(2028, 2, 1)) == date(2028, 2, 29)
    assert last_day(date(2026, 2, 1)) == date(2026, 2, 28)


def test_months_between_includes_both_ends():
    assert months_between(date(2026, 11, 1), date(2027, 2, 1)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert months_between(date(2026, 3, 1), date(2026, 2, 1)) == []


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "2026/10", "26-10", "2026-10-01", ""])
def test_parse_month_takes_only_yyyy_mm(text):
    with pytest.raises(ValueError, match="is not a month; use YYYY-MM"):
        parse_month(text)
    assert parse_month("2026-09") == date(2026, 9, 1)
