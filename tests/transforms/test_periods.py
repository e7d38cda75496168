"""Evaluation periods (scheme.md §9.1), hand-computed."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.months import months_between
from transforms.periods import Period, calendar_month, month_period, period_end_on

OCT = date(2026, 10, 1)


def test_end_day_25_throughout_is_the_26th_to_the_25th():
    period = month_period(OCT, 25, 25)
    assert period == Period(date(2026, 9, 26), date(2026, 10, 25))
    # Timestamps: [2026-09-26 00:00:00, 2026-10-26 00:00:00).
    assert (period.start, period.end) == (datetime(2026, 9, 26), datetime(2026, 10, 26))


def test_without_end_day_the_period_is_the_calendar_month():
    assert calendar_month(OCT) == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert month_period(OCT, None, None) == calendar_month(OCT)
    assert calendar_month(OCT).end == datetime(2026, 11, 1)
    assert calendar_month(date(2028, 2, 1)) == Period(date(2028, 2, 1), date(2028, 2, 29))


@pytest.mark.parametrize(
    ("end_day", "previous_end_day", "start_on", "end_on", "days"),
    [
        (25, None, date(2026, 10, 1), date(2026, 10, 25), 25),  # end_day added: short
        (None, 25, date(2026, 9, 26), date(2026, 10, 31), 36),  # end_day dropped: long
        (20, 25, date(2026, 9, 26), date(2026, 10, 20), 25),  # moved earlier: shorter
        (28, 20, date(2026, 9, 21), date(2026, 10, 28), 38),  # moved later: longer
        (1, 28, date(2026, 9, 29), date(2026, 10, 1), 3),
    ],
)
def test_a_scheme_change_makes_one_period_shorter_or_longer(
    end_day, previous_end_day, start_on, end_on, days
):
    period = month_period(OCT, end_day, previous_end_day)
    assert (period.start_on, period.end_on) == (start_on, end_on)
    assert (period.end_on - period.start_on).days + 1 == days


def test_a_period_may_start_in_the_previous_year_and_february_has_every_end_day():
    assert month_period(date(2027, 1, 1), 25, 25) == Period(date(2026, 12, 26), date(2027, 1, 25))
    assert month_period(date(2027, 3, 1), 28, 28) == Period(date(2027, 3, 1), date(2027, 3, 28))
    assert period_end_on(date(2027, 2, 1), 28) == date(2027, 2, 28)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="cannot end"):
        Period(date(2026, 10, 2), date(2026, 10, 1))


@given(st.lists(st.one_of(st.none(), st.integers(1, 28)), min_size=2, max_size=30))
def test_periods_chain_with_no_gap_or_overlap(end_days):
    """Whatever end_day each month's scheme has, consecutive periods touch exactly and
    each one ends inside its own month."""
    months = months_between(date(2025, 11, 1), date(2028, 12, 1))[: len(end_days)]
    periods = [
        month_period(m, day, previous)
        for m, day, previous in zip(months[1:], end_days[1:], end_days, strict=False)
    ]
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.start_on == before.end_on + timedelta(days=1)
        assert after.start == before.end
    for month, period in zip(months[1:], periods, strict=False):
        assert (period.end_on.year, period.end_on.month) == (month.year, month.month)
