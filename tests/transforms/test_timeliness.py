"""Timeliness per consultation (scheme.md §1, §9.2), hand-computed on both clocks.

Business hours are 08:30-18:00 (570 minutes a working day) unless said otherwise; the
default SLA is 15 minutes to respond and 24 hours (1,440 minutes) to resolve.
"""

from datetime import date, datetime, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from schemas.scheme import Appeals, BusinessHours, Sla
from transforms.timeliness import (
    TIMELINESS_COLUMNS,
    business_microseconds,
    consultation_timeliness,
    timeliness_calendar,
)
from transforms.workdays import workday_calendar

DEFAULT = {"response_minutes": 15, "resolution_hours": 24}
WALL = Sla.model_validate({"default": DEFAULT})
BUSINESS = Sla.model_validate(
    {
        "clock": "business_hours",
        "business_hours": {"start": "08:30", "end": "18:00"},
        "default": DEFAULT,
    }
)
APPEALS = Appeals(window_working_days=5)
INPUT = {
    "consultation_id": pl.String,
    "channel": pl.String,
    "received_at": pl.Datetime("us"),
    "first_response_at": pl.Datetime("us"),
    "resolved_at": pl.Datetime("us"),
}
OUTPUT = {
    "consultation_id": pl.String,
    "response_minutes": pl.Float64,
    "resolution_minutes": pl.Float64,
    "response_limit_minutes": pl.Float64,
    "resolution_limit_minutes": pl.Float64,
    "is_timely": pl.Boolean,
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def consultations(*rows: tuple) -> pl.DataFrame:
    """(id, received_at, first_response_at, resolved_at[, channel]) per consultation."""
    return pl.DataFrame(
        [
            {
                "consultation_id": r[0],
                "channel": r[4] if len(r) > 4 else "phone",
                "received_at": at(r[1]),
                "first_response_at": r[2] and at(r[2]),
                "resolved_at": r[3] and at(r[3]),
            }
            for r in rows
        ],
        schema=INPUT,
    )


def timeliness(frame: pl.DataFrame, sla: Sla = BUSINESS, appeals: Appeals = APPEALS):
    calendar, warnings = timeliness_calendar(frame, sla=sla, appeals=appeals)
    got = consultation_timeliness(frame.lazy(), sla=sla, calendar=calendar).collect()
    return got.select("consultation_id", *TIMELINESS_COLUMNS), warnings


def expected(*rows: tuple) -> pl.DataFrame:
    """(id, response, resolution, response limit, resolution limit, is_timely)."""
    return pl.DataFrame(rows, schema=OUTPUT, orient="row")


def test_the_example_of_scheme_md():
    # Friday 17:50 -> Monday 08:35: 10 + 5 = 15 minutes (on the limit: timely);
    # resolved Monday 10:00: 10 + 90 = 100 minutes.
    got, warnings = timeliness(
        consultations(("k1", "2026-11-06 17:50", "2026-11-09 08:35", "2026-11-09 10:00"))
    )
    assert_frame_equal(got, expected(("k1", 15.0, 100.0, 15.0, 1440.0, True)))
    assert warnings == []


def test_across_a_weekend():
    # Friday 16:00 -> Monday 09:30: 120 + 60 = 180; -> Tuesday 12:00: 120 + 570 + 210.
    got, _ = timeliness(
        consultations(("k1", "2026-11-13 16:00", "2026-11-16 09:30", "2026-11-17 12:00"))
    )
    assert_frame_equal(got, expected(("k1", 180.0, 900.0, 15.0, 1440.0, False)))


def test_across_national_day_2026_and_its_make_up_working_day():
    # chinesecalendar: 2026-10-01..07 off, Saturday 10-10 worked, Sunday 10-11 off.
    got, warnings = timeliness(
        consultations(
            # Wednesday 09-30 17:00 -> Thursday 10-08 09:00: 60 + 30; -> Saturday 10-10
            # 09:00: 60 + 570 (10-08) + 570 (10-09) + 30 (the make-up day).
            ("k1", "2026-09-30 17:00", "2026-10-08 09:00", "2026-10-10 09:00"),
            # Left on a holiday, answered ten minutes after the first opening.
            ("k2", "2026-10-03 10:00", "2026-10-08 08:40", "2026-10-08 08:44:30"),
            # The make-up Saturday's last 5 minutes, Sunday off, Monday's first 5.
            ("k3", "2026-10-10 17:55", "2026-10-12 08:35", "2026-10-12 08:35"),
        )
    )
    assert_frame_equal(
        got,
        expected(
            ("k1", 90.0, 1230.0, 15.0, 1440.0, False),
            ("k2", 10.0, 14.5, 15.0, 1440.0, True),
            ("k3", 10.0, 10.0, 15.0, 1440.0, True),
        ),
    )
    assert warnings == []


def test_received_and_answered_outside_business_hours():
    got, _ = timeliness(
        consultations(
            # Tuesday 21:00, answered 22:30 and resolved before Wednesday opens: nothing
            # of it was in business hours.
            ("k1", "2026-11-10 21:00", "2026-11-10 22:30", "2026-11-11 07:00"),
            # The case: left at 21:00, answered 08:40 the next working morning.
            ("k2", "2026-11-10 21:00", "2026-11-11 08:40", "2026-11-11 09:00"),
            # Before opening on a working day, answered before opening too.
            ("k3", "2026-11-11 06:00", "2026-11-11 08:00", "2026-11-11 08:30"),
        )
    )
    assert_frame_equal(
        got,
        expected(
            ("k1", 0.0, 0.0, 15.0, 1440.0, True),
            ("k2", 10.0, 30.0, 15.0, 1440.0, True),
            ("k3", 0.0, 0.0, 15.0, 1440.0, True),
        ),
    )


def test_spanning_several_days():
    # Monday 10:00 -> Thursday 11:00: 480 + 570 + 570 + 150 = 1,770 > 1,440.
    got, _ = timeliness(
        consultations(("k1", "2026-11-16 10:00", "2026-11-16 10:15", "2026-11-19 11:00"))
    )
    assert_frame_equal(got, expected(("k1", 15.0, 1770.0, 15.0, 1440.0, False)))


def test_exactly_on_the_limit_is_timely_and_a_second_more_is_not():
    # 1,440 business minutes from Monday 08:30 = 570 + 570 + 300: Wednesday 13:30.
    got, _ = timeliness(
        consultations(
            ("k1", "2026-11-16 08:30", "2026-11-16 08:45:00", "2026-11-18 13:30:00"),
            ("k2", "2026-11-16 08:30", "2026-11-16 08:45:01", "2026-11-18 13:30:00"),
            ("k3", "2026-11-16 08:30", "2026-11-16 08:45:00", "2026-11-18 13:30:01"),
        )
    )
    assert_frame_equal(
        got,
        expected(
            ("k1", 15.0, 1440.0, 15.0, 1440.0, True),
            ("k2", 15 + 1 / 60, 1440.0, 15.0, 1440.0, False),
            ("k3", 15.0, 1440 + 1 / 60, 15.0, 1440.0, False),
        ),
    )


def test_a_missing_time_is_not_timely_and_has_no_minutes():
    frame = consultations(
        ("k1", "2026-11-16 09:00", None, "2026-11-16 09:10"),
        ("k2", "2026-11-16 09:00", "2026-11-16 09:01", None),
        ("k3", "2026-11-16 09:00", None, None),
    )
    want = expected(
        ("k1", None, 10.0, 15.0, 1440.0, False),
        ("k2", 1.0, None, 15.0, 1440.0, False),
        ("k3", None, None, 15.0, 1440.0, False),
    )
    assert_frame_equal(timeliness(frame)[0], want)
    assert_frame_equal(timeliness(frame, WALL)[0], want)


def test_per_channel_limits_override_the_default_on_either_clock():
    rows = [
        ("k1", "2026-11-06 17:58", "2026-11-09 08:33", "2026-11-09 09:00", "phone"),
        ("k2", "2026-11-06 17:58", "2026-11-09 08:33", "2026-11-09 09:00", "wechat"),
    ]
    data = BUSINESS.model_dump()
    data["phone"] = {"response_minutes": 4, "resolution_hours": 0.5}
    got, _ = timeliness(consultations(*rows), Sla.model_validate(data))
    # 2 + 3 = 5 response minutes, 2 + 30 = 32 resolution minutes.
    assert_frame_equal(
        got,
        expected(
            ("k1", 5.0, 32.0, 4.0, 30.0, False),
            ("k2", 5.0, 32.0, 15.0, 1440.0, True),
        ),
    )


def test_the_wall_clock_counts_every_minute_as_before():
    frame = consultations(
        ("k1", "2026-11-06 17:50", "2026-11-09 08:35", "2026-11-09 10:00"),
        ("k2", "2026-11-16 10:00", "2026-11-16 10:15", "2026-11-17 10:00"),
        ("k3", "2026-11-16 10:00", "2026-11-16 10:15:01", "2026-11-16 11:00"),
    )
    got, warnings = timeliness(frame, WALL)
    assert_frame_equal(
        got,
        expected(
            ("k1", 3765.0, 3850.0, 15.0, 1440.0, False),  # 2 days 14:45 and 16:10
            ("k2", 15.0, 1440.0, 15.0, 1440.0, True),
            ("k3", 15 + 1 / 60, 60.0, 15.0, 1440.0, False),
        ),
    )
    assert warnings == []
    assert timeliness_calendar(frame, sla=WALL, appeals=APPEALS) == (None, [])


def test_the_schemes_extra_days_shape_business_hours():
    # Friday 11-06 made a holiday, Saturday 11-07 a working day.
    appeals = Appeals(
        window_working_days=5,
        extra_holidays=[date(2026, 11, 6)],
        extra_working_days=[date(2026, 11, 7)],
    )
    got, _ = timeliness(
        consultations(("k1", "2026-11-05 17:50", "2026-11-07 08:35", "2026-11-09 08:40")),
        appeals=appeals,
    )
    # Thursday 10 + Saturday 5 = 15; resolution 10 + 570 (Saturday) + 10 = 590.
    assert_frame_equal(got, expected(("k1", 15.0, 590.0, 15.0, 1440.0, True)))


def test_a_year_without_calendar_data_uses_monday_to_friday_with_a_warning():
    # chinesecalendar 1.11 stops at 2026: 2027-01-01 (a Friday, New Year's Day) counts as
    # a working day. Thursday 2026-12-31 17:30 -> Friday 08:45: 30 + 15 = 45 minutes;
    # -> Monday 2027-01-04 08:30: 30 + 570 = 600.
    got, warnings = timeliness(
        consultations(("k1", "2026-12-31 17:30", "2027-01-01 08:45", "2027-01-04 08:30"))
    )
    assert_frame_equal(got, expected(("k1", 45.0, 600.0, 15.0, 1440.0, False)))
    assert len(warnings) == 1
    assert warnings[0].startswith("no mainland-China holiday data for 2027: working days")


def test_the_calendar_spans_every_date_of_the_consultations():
    frame = consultations(
        ("k1", "2026-11-10 09:00", "2026-11-12 09:00", None),
        ("k2", "2026-11-09 09:00", None, "2026-11-20 09:00"),
    )
    calendar, _ = timeliness_calendar(frame, sla=BUSINESS, appeals=APPEALS)
    assert (calendar["day"].min(), calendar["day"].max()) == (date(2026, 11, 9), date(2026, 11, 20))
    empty, warnings = timeliness_calendar(frame.clear(), sla=BUSINESS, appeals=APPEALS)
    assert (empty.height, warnings) == (0, [])
    no_rows = consultation_timeliness(frame.clear().lazy(), sla=BUSINESS, calendar=empty)
    assert no_rows.collect().columns == [*INPUT, *TIMELINESS_COLUMNS]


def test_a_time_outside_the_calendar_fails_instead_of_reading_another_day():
    frame = consultations(("k1", "2026-11-10 09:00", "2026-11-12 09:00", "2026-11-12 09:00"))
    calendar, _ = workday_calendar(date(2026, 11, 10), date(2026, 11, 11))
    with pytest.raises(pl.exceptions.PolarsError):
        consultation_timeliness(frame.lazy(), sla=BUSINESS, calendar=calendar).collect()
    calendar, _ = workday_calendar(date(2026, 11, 11), date(2026, 11, 12))
    with pytest.raises(pl.exceptions.PolarsError):
        consultation_timeliness(frame.lazy(), sla=BUSINESS, calendar=calendar).collect()
    with pytest.raises(ValueError, match="needs the working-day calendar"):
        consultation_timeliness(frame.lazy(), sla=BUSINESS)
    gap = pl.concat([calendar.head(1), workday_calendar(date(2026, 11, 14), date(2026, 11, 14))[0]])
    with pytest.raises(ValueError, match="every day of its range"):
        consultation_timeliness(frame.lazy(), sla=BUSINESS, calendar=gap)


# Properties of business time, over a quarter with holidays, make-up days and weekends,
# for any opening hours and microsecond-precise instants.
FIRST, LAST = datetime(2026, 9, 1), datetime(2026, 12, 1)
CALENDAR, _ = workday_calendar(FIRST.date(), LAST.date())
SPAN_US = int((LAST - FIRST) / timedelta(microseconds=1))
instants = st.integers(0, SPAN_US - 1).map(lambda us: FIRST + timedelta(microseconds=us))


@st.composite
def opening_hours(draw) -> BusinessHours:
    start = draw(st.integers(0, 24 * 60 - 2))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    return BusinessHours(
        start=f"{start // 60:02}:{start % 60:02}", end=f"{end // 60:02}:{end % 60:02}"
    )


def business(hours: BusinessHours, pairs: list[tuple[datetime, datetime]]) -> list[int]:
    frame = pl.DataFrame(
        pairs, schema={"a": pl.Datetime("us"), "b": pl.Datetime("us")}, orient="row"
    )
    expr = business_microseconds(pl.col("a"), pl.col("b"), hours=hours, calendar=CALENDAR)
    return frame.select(expr.alias("us"))["us"].to_list()


PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(opening_hours(), st.lists(st.tuples(instants, instants, instants), min_size=1, max_size=20))
def test_business_time_is_additive_over_a_split_point(hours, triples):
    ordered = [sorted(t) for t in triples]
    whole = business(hours, [(a, c) for a, _, c in ordered])
    first = business(hours, [(a, b) for a, b, _ in ordered])
    second = business(hours, [(b, c) for _, b, c in ordered])
    assert whole == [x + y for x, y in zip(first, second, strict=True)]


@PROPERTY
@given(opening_hours(), st.lists(st.tuples(instants, instants), min_size=1, max_size=20))
def test_business_time_is_never_negative_and_never_exceeds_wall_time(hours, pairs):
    ordered = [tuple(sorted(p)) for p in pairs]
    for (a, b), got in zip(ordered, business(hours, ordered), strict=True):
        assert 0 <= got <= (b - a) / timedelta(microseconds=1)


@PROPERTY
@given(opening_hours(), st.data())
def test_inside_one_working_days_hours_business_time_is_wall_time(hours, data):
    day = data.draw(st.sampled_from(CALENDAR.filter("is_workday")["day"].to_list()))
    opens = datetime.combine(day, hours.start)
    length_us = int((datetime.combine(day, hours.end) - opens) / timedelta(microseconds=1))
    offsets = st.integers(0, length_us)  # both ends included: [start, end]
    a, b = sorted((data.draw(offsets), data.draw(offsets)))
    pair = (opens + timedelta(microseconds=a), opens + timedelta(microseconds=b))
    assert business(hours, [pair]) == [b - a]


def reference_business_us(hours: BusinessHours, a: datetime, b: datetime) -> int:
    """Plain Python, day by day: the overlap of [a, b] with each working day's hours."""
    workdays = set(CALENDAR.filter("is_workday")["day"].to_list())
    total, day = timedelta(), a.date()
    while day <= b.date():
        if day in workdays:
            opens, closes = datetime.combine(day, hours.start), datetime.combine(day, hours.end)
            total += max(timedelta(), min(b, closes) - max(a, opens))
        day += timedelta(days=1)
    return total // timedelta(microseconds=1)


@PROPERTY
@given(opening_hours(), st.lists(st.tuples(instants, instants), min_size=1, max_size=20))
def test_business_time_equals_a_day_by_day_count(hours, pairs):
    ordered = [tuple(sorted(p)) for p in pairs]
    assert business(hours, ordered) == [reference_business_us(hours, a, b) for a, b in ordered]
