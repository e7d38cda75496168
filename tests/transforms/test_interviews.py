"""Interviews: every rejection reason of their own, in the contract's order, and the plan
items the accepted rows make."""

from datetime import date

import polars as pl
from polars.testing import assert_frame_equal

from schemas.contracts import INTERVIEWS
from transforms.interviews import followed_up_in, improvement_plan, interview_rules
from transforms.periods import Period, calendar_month
from transforms.quarantine import accepted_rows, classify

OCT = date(2026, 10, 1)
ROSTER = pl.Series(["a1", "a2", "gone"])
ACTIVE = pl.Series(["a1", "a2"])

# interview_id, agent_id, month, interview_on, interviewer, strengths, shortfalls,
# goal_metric, goal_value, due_month, measure: one good interview of two items first.
GOOD = [
    (
        "I1",
        "a1",
        "2026-10",
        "2026-11-03",
        "王经理",
        "热情",
        "回复慢",
        "timely_rate",
        "0.9",
        "2026-12",
        "跟岗",
    ),
    (
        "I1",
        "a1",
        "2026-10",
        "2026-11-03",
        "王经理",
        "热情",
        "回复慢",
        "score",
        "70",
        "2027-04",
        None,
    ),
    ("I2", "a2", "2026-10", "2026-10-31", "王经理", None, None, None, None, None, None),
]


def classified(rows, period: Period | None = None) -> pl.DataFrame:
    period = period or calendar_month(OCT)
    raw = pl.DataFrame(rows, schema=list(INTERVIEWS.column_names), orient="row")
    return classify(
        raw.with_row_index("row_number", offset=1).lazy(),
        INTERVIEWS,
        period=period,
        known_agent_ids=ROSTER,
        active_agent_ids=ACTIVE,
        rules=interview_rules(OCT, period),
    ).collect()


def reasons(rows, period: Period | None = None) -> list[str | None]:
    return classified(rows, period)["reasons"].to_list()


def test_good_interviews_are_accepted_and_become_plan_items():
    out = classified(GOOD)
    assert out["row_class"].to_list() == ["accepted"] * 3
    plan = improvement_plan(accepted_rows(out.lazy(), INTERVIEWS)).collect()
    expected = pl.DataFrame(
        {
            "row_number": [1, 2, 3],
            "interview_id": ["I1", "I1", "I2"],
            "agent_id": ["a1", "a1", "a2"],
            "interview_on": [date(2026, 11, 3), date(2026, 11, 3), date(2026, 10, 31)],
            "interviewer": ["王经理"] * 3,
            "strengths": ["热情", "热情", None],
            "shortfalls": ["回复慢", "回复慢", None],
            "goal_metric": ["timely_rate", "score", None],
            "goal_value": [0.9, 70.0, None],
            "due_month_start": [date(2026, 12, 1), date(2027, 4, 1), None],
            "measure": ["跟岗", None, None],
        }
    )
    assert_frame_equal(plan, expected)


def row(**changes) -> tuple:
    """The first good row with ``changes`` (by column name)."""
    values = dict(zip(INTERVIEWS.column_names, GOOD[0], strict=True))
    return tuple({**values, **changes}.values())


def test_each_rejection_reason_of_an_interview_row():
    for changes, expected in (
        ({"month": "2026-09"}, "month_mismatch"),
        ({"month": "2026/10"}, "invalid_value:month"),
        ({"interview_on": "2026-10-30"}, "invalid_value:interview_on"),  # before the 31st
        ({"goal_metric": "speed"}, "invalid_value:goal_metric"),
        ({"goal_value": None}, "missing_value:goal_value"),
        ({"goal_value": "90%"}, "invalid_value:goal_value"),
        ({"goal_value": "1.5"}, "invalid_value:goal_value"),  # a rate above 1
        ({"goal_metric": "satisfaction", "goal_value": "0.5"}, "invalid_value:goal_value"),
        ({"due_month": None}, "missing_value:due_month"),
        ({"due_month": "2026-10"}, "invalid_value:due_month"),  # not after the month
        ({"due_month": "2027-05"}, "invalid_value:due_month"),  # seven months on
        ({"agent_id": "zz"}, "unknown_agent"),
        ({"agent_id": "gone"}, "agent_not_active"),  # no scorecard to discuss
        ({"interviewer": None}, "missing_value:interviewer"),
    ):
        assert reasons([row(**changes)]) == [expected], changes
    # Every reason a row has, in the contract's column order.
    assert reasons([row(interview_on="2026-10-01", goal_value="-1", due_month="2028-01")]) == [
        "invalid_value:interview_on;invalid_value:goal_value;invalid_value:due_month"
    ]
    # A row about another month: only its month is wrong here, not its dates.
    assert reasons([row(month="2026-09", interview_on="2026-10-01", due_month="2026-10")]) == [
        "month_mismatch"
    ]


def test_the_edges_of_the_rules_are_accepted():
    for changes in (
        {"interview_on": "2026-10-31"},  # the period's last day
        {"due_month": "2027-04"},  # six months on
        {"due_month": "2026-11"},
        {"goal_metric": "complaint_rate", "goal_value": "0"},
        {"goal_metric": "score", "goal_value": "100"},
        {"goal_metric": "satisfaction", "goal_value": "4.5"},
        {"goal_metric": None, "goal_value": None, "due_month": None},
    ):
        assert reasons([row(**changes)]) == [None], changes


def test_a_period_that_ends_on_the_25th_takes_an_interview_from_the_25th():
    period = Period(date(2026, 9, 26), date(2026, 10, 25))
    assert reasons([row(interview_on="2026-10-25")], period) == [None]
    assert reasons([row(interview_on="2026-10-24")], period) == ["invalid_value:interview_on"]


def test_rows_of_one_interview_that_disagree_are_all_rejected():
    second = GOOD[1][:3] + ("2026-11-04",) + GOOD[1][4:]
    assert reasons([GOOD[0], second, GOOD[2]]) == ["interview_conflict", "interview_conflict", None]


def test_two_rows_for_one_goal_of_an_interview_conflict_and_a_copy_collapses():
    other_value = GOOD[0][:8] + ("0.8",) + GOOD[0][9:]
    out = classified([GOOD[0], other_value, GOOD[1], GOOD[1]])
    assert out["reasons"].to_list() == ["duplicate_conflict", "duplicate_conflict", None, None]
    assert out["row_class"].to_list() == ["rejected", "rejected", "accepted", "duplicate"]


def test_the_goals_a_month_follows_up_and_their_status_in_it():
    """November's statements: goals of earlier interviews due in November or later."""
    nov, dec = date(2026, 11, 1), date(2026, 12, 1)
    items = pl.LazyFrame(
        {
            "row_number": [1, 2, 3, 4, 5, 6],
            "goal_metric": ["score", "score", "score", "satisfaction", None, "score"],
            "due_month_start": [dec, nov, nov, dec, None, dec],
            "met_month_start": [nov, None, nov, None, None, OCT],
        }
    )
    found = followed_up_in(items, nov).collect()
    assert found.select("row_number", "status_in_month").rows() == [
        (1, "met"),  # first reached in November
        (2, "missed"),  # due in November, not reached
        (3, "met"),  # reached on its due month
        (4, "open"),  # due in December
        # 5: no goal; 6: already met in October
    ]
    later = followed_up_in(items.with_columns(met_month_start=pl.lit(dec)), nov).collect()
    assert later.filter(pl.col("row_number") == 4)["status_in_month"].to_list() == ["open"]
