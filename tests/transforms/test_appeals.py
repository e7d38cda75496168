"""Appeals: every outcome reason, in order, and the working-day deadline."""

from datetime import date
from decimal import Decimal

import polars as pl
from polars.testing import assert_frame_equal

from tests.transforms import builders as b
from transforms.appeals import (
    appeal_outcomes,
    calendar_for,
    clamp_warnings,
    score_adjustments,
    without_voided,
)

OCT = date(2026, 10, 1)


def appeals(rows: list[dict]) -> pl.DataFrame:
    base = {
        "agent_id": "0101",
        "month": "2026-10",
        "feedback_on": date(2026, 9, 30),
        "filed_on": date(2026, 10, 9),
        "kind": "adjust_score",
        "reason": "r",
        "status": "approved",
    }
    return b.frame("appeals", [{"appeal_id": f"P{i}", **base, **r} for i, r in enumerate(rows, 1)])


def records() -> dict[str, pl.DataFrame]:
    return {
        **b.empty_records(),
        "surveys": b.frame("surveys", b.surveys("0101", {1: 1}) + b.surveys("0102", {2: 1})),
        "complaints": b.frame(
            "complaints",
            [{"complaint_id": "K1", "agent_id": "0101", "customer_id": "c", "complained_at": b.T0}],
        ),
    }


def outcomes(frame: pl.DataFrame, window: int = 5, **extra) -> pl.DataFrame:
    calendar, _ = calendar_for(frame, window, **extra)
    return appeal_outcomes(frame, records(), month_start=OCT, calendar=calendar, window=window)


def test_the_deadline_crosses_the_national_day_holiday_and_its_make_up_day():
    # 2026-10-01..07 are holidays, Saturday 10-10 is a make-up working day:
    # 10-08, 10-09, 10-10, 10-12, 10-13 -> the 5th working day is 2026-10-13.
    got = outcomes(
        appeals(
            [
                {"filed_on": date(2026, 10, 13), "score_delta": Decimal("1")},
                {"filed_on": date(2026, 10, 14), "score_delta": Decimal("1")},
            ]
        )
    )
    assert got.select("deadline_on", "is_applied", "reason").rows() == [
        (date(2026, 10, 13), True, None),
        (date(2026, 10, 13), False, "late"),
    ]


def test_every_reason_in_order():
    rows = [
        {"score_delta": Decimal("2.5")},  # applied
        {"score_delta": Decimal("1"), "status": "rejected", "month": "2026-09"},
        {"score_delta": Decimal("1"), "status": "pending", "filed_on": date(2026, 12, 1)},
        {"score_delta": Decimal("1"), "month": "2026-09", "filed_on": date(2026, 12, 1)},
        {"score_delta": Decimal("1"), "filed_on": date(2026, 12, 1)},
        {"kind": "void_record", "record_type": "survey", "record_id": "nope"},
        {"kind": "void_record", "record_type": "complaint", "record_id": "V0101-0"},
        {"kind": "void_record", "record_type": "survey", "record_id": "V0102-0"},
        {"kind": "void_record", "record_type": "survey", "record_id": "V0101-0"},  # applied
    ]
    got = outcomes(appeals(rows))
    assert got.select("appeal_id", "is_applied", "reason").rows() == [
        ("P1", True, None),
        ("P2", False, "rejected"),
        ("P3", False, "pending"),
        ("P4", False, "month_mismatch"),
        ("P5", False, "late"),
        ("P6", False, "record_not_found"),
        ("P7", False, "record_not_found"),  # a survey id is no complaint
        ("P8", False, "agent_mismatch"),
        ("P9", True, None),
    ]
    assert got["deadline_on"].null_count() == 0


def test_applied_voids_remove_records_and_adjustments_add_up():
    got = outcomes(
        appeals(
            [
                {"score_delta": Decimal("2.5")},
                {"score_delta": Decimal("-1.25")},
                {"score_delta": Decimal("9"), "status": "pending"},
                {"kind": "void_record", "record_type": "survey", "record_id": "V0101-0"},
                {
                    "kind": "void_record",
                    "record_type": "complaint",
                    "record_id": "K1",
                    "status": "rejected",
                },
            ]
        )
    )
    assert_frame_equal(
        score_adjustments(got),
        pl.DataFrame(
            {"agent_id": ["0101"], "score_adjustment": [Decimal("1.25")]},
            schema={"agent_id": pl.String, "score_adjustment": pl.Decimal(38, 2)},
        ),
        check_dtypes=False,
    )
    kept = without_voided(records(), got)
    assert kept["surveys"]["survey_id"].to_list() == ["V0102-0"]
    assert kept["complaints"]["complaint_id"].to_list() == ["K1"]


def test_the_scheme_can_add_holidays_and_working_days():
    frame = appeals(
        [
            {
                "feedback_on": date(2026, 11, 2),
                "filed_on": date(2026, 11, 9),
                "score_delta": Decimal("1"),
            }
        ]
    )
    assert outcomes(frame)["deadline_on"].to_list() == [date(2026, 11, 9)]
    extra = outcomes(
        frame, extra_holidays=[date(2026, 11, 4)], extra_working_days=[date(2026, 11, 7)]
    )
    # 11-03, (11-04 off), 11-05, 11-06, 11-07 (Saturday, worked), 11-09 -> still the 9th;
    # without the Saturday it would be the 10th.
    assert extra["deadline_on"].to_list() == [date(2026, 11, 9)]
    only_holiday = outcomes(frame, extra_holidays=[date(2026, 11, 4)])
    assert only_holiday["deadline_on"].to_list() == [date(2026, 11, 10)]


def test_no_appeals_give_no_outcomes():
    got = outcomes(appeals([]))
    assert got.is_empty()
    assert got.columns == [
        "appeal_id",
        "agent_id",
        "kind",
        "record_type",
        "record_id",
        "score_delta",
        "decided_by",
        "decided_on",
        "is_applied",
        "reason",
        "deadline_on",
    ]


def test_adjustments_past_a_hundred_points_are_clamped_and_named():
    """scheme.md §2: a score lies in 0..100, so a sum past ±100 is stored as ±100 (the
    same score); 6000 + 5000.50 = 11000.50 overflowed numeric(6, 2) before."""
    got = outcomes(
        appeals(
            [
                {"score_delta": Decimal("6000")},
                {"score_delta": Decimal("5000.50")},
                {"agent_id": "0102", "score_delta": Decimal("-99.99")},
                {"agent_id": "0102", "score_delta": Decimal("-50.01")},
                {"agent_id": "0103", "score_delta": Decimal("100")},
                {"agent_id": "0104", "score_delta": Decimal("9999.99")},
                {"agent_id": "0104", "score_delta": Decimal("-9900"), "status": "pending"},
            ]
        )
    )
    assert score_adjustments(got).sort("agent_id").rows() == [
        ("0101", Decimal("100.00")),
        ("0102", Decimal("-100.00")),
        ("0103", Decimal("100.00")),
        ("0104", Decimal("100.00")),
    ]
    assert clamp_warnings(got) == [
        "agent 0101: the applied adjust_score appeals P1, P2 add up to +11000.50 points; "
        "stored as a score_adjustment of +100.00 (a score lies in 0..100, so no adjustment "
        "moves it further: the score is the same)",
        "agent 0102: the applied adjust_score appeals P3, P4 add up to -150.00 points; "
        "stored as a score_adjustment of -100.00 (a score lies in 0..100, so no adjustment "
        "moves it further: the score is the same)",
        "agent 0104: the applied adjust_score appeals P6 add up to +9999.99 points; "
        "stored as a score_adjustment of +100.00 (a score lies in 0..100, so no adjustment "
        "moves it further: the score is the same)",
    ]


def test_only_the_years_the_deadlines_reach_warn_of_missing_holiday_data():
    """The calendar reaches past the latest feedback day for the longest holidays, but a
    year it reaches into only by that slack is not needed: a feedback on 2030-12-02 ends its
    5 working days on 12-09, so only 2030 warns (there is no data for 2030 or 2031 in the
    package); one on 2030-12-27 ends on 2031-01-03, so both do."""

    def warned(feedback_on: date) -> list[int]:
        frame = appeals([{"feedback_on": feedback_on, "score_delta": Decimal("1")}])
        _, warnings = calendar_for(frame, 5)
        return [int(w.split(" for ")[1][:4]) for w in warnings]

    assert warned(date(2030, 12, 2)) == [2030]
    assert warned(date(2030, 12, 27)) == [2030, 2031]
    assert warned(date(2026, 11, 30)) == []  # covered years: nothing to say
