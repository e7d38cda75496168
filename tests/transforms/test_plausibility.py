"""Plausibility over whole files and the whole month (`transforms.plausibility`), each rule
on tiny hand-made profiles with its expected frame."""

from datetime import date

import polars as pl
from polars.testing import assert_frame_equal

from schemas.contracts import RECEPTIONS
from transforms.periods import calendar_month
from transforms.plausibility import (
    PROFILE_SCHEMA,
    agent_reject_shares,
    dated_rows,
    longest_silences,
    profile,
    store_volumes,
    unknown_agents,
)
from transforms.quarantine import classify

OCT = calendar_month(date(2026, 10, 1))


def profiles(rows: list[tuple]) -> pl.LazyFrame:
    """(source, agent_id, store_id, event_on, row_class, is_unknown_agent, row_count)"""
    return pl.DataFrame(rows, schema=PROFILE_SCHEMA, orient="row").lazy()


def roster(*rows: tuple[str, str, str, bool]) -> pl.LazyFrame:
    return pl.DataFrame(
        rows, schema=["agent_id", "agent_name", "store_id", "is_active"], orient="row"
    ).lazy()


def test_a_profile_counts_rows_per_agent_store_day_and_class():
    raw = pl.DataFrame(
        {
            "reception_id": ["r1", "r2", "r3", "r4", "r5"],
            "store_id": ["S1", "S1", "S2", "S1", "S1"],
            "agent_id": ["a1", "a1", "a1", "zz", "a1"],
            "customer_id": ["c"] * 5,
            "received_at": [
                "2026-10-05 10:00",
                "2026-10-05 18:00",
                "2026-10-05 11:00",
                "2026-10-06 09:00",
                "bad",
            ],
        }
    ).with_row_index("row_number", offset=1)
    classified = classify(
        raw.lazy(),
        RECEPTIONS,
        period=OCT,
        known_agent_ids=pl.Series(["a1"]),
        active_agent_ids=pl.Series(["a1"]),
    )
    expected = profiles(
        [
            ("receptions", "a1", "S1", date(2026, 10, 5), "accepted", False, 2),
            ("receptions", "a1", "S1", None, "rejected", False, 1),
            ("receptions", "a1", "S2", date(2026, 10, 5), "accepted", False, 1),
            ("receptions", "zz", "S1", date(2026, 10, 6), "rejected", True, 1),
        ]
    ).collect()
    assert_frame_equal(profile(classified, RECEPTIONS).collect(), expected)


def test_a_file_whose_dated_rows_are_mostly_of_another_month_is_named_with_that_month():
    found = dated_rows(
        profiles(
            [
                # September's surveys in October's folder: 3 rows of September, 1 of October
                ("surveys", "a1", "S1", date(2026, 9, 3), "out_of_period", False, 3),
                ("surveys", "a1", "S1", date(2026, 10, 1), "accepted", False, 1),
                # receptions: exactly half in the period is not another month's file
                ("receptions", "a1", "S1", date(2026, 10, 2), "accepted", False, 2),
                ("receptions", "a1", "S1", date(2026, 11, 2), "out_of_period", False, 2),
                ("receptions", "a1", "S1", None, "rejected", False, 9),  # undated: not judged
                # complaints: nothing in the period, a tie between two months names the later
                ("complaints", "a1", "S1", date(2026, 8, 30), "out_of_period", False, 1),
                ("complaints", "a1", "S1", date(2026, 9, 30), "out_of_period", False, 1),
                ("purchases", "a1", "S1", None, "rejected", False, 4),  # no dated row at all
            ]
        ),
        OCT,
    ).collect()
    expected = pl.DataFrame(
        {
            "source": ["complaints", "receptions", "surveys"],
            "rows_dated": [2, 4, 4],
            "rows_in_period": [0, 2, 1],
            "likely_month": ["2026-09", "2026-11", "2026-09"],
            "is_another_month": [True, False, True],
        },
        schema_overrides={"rows_dated": pl.Int64, "rows_in_period": pl.Int64},
    )
    assert_frame_equal(found, expected)


def test_an_unknown_agent_with_many_rows_is_a_roster_problem_naming_its_stores_and_files():
    found = unknown_agents(
        profiles(
            [
                ("receptions", "new", "S2", date(2026, 10, 2), "rejected", True, 15),
                ("surveys", "new", "S1", date(2026, 10, 3), "rejected", True, 5),
                ("surveys", "typo", "S1", date(2026, 10, 3), "rejected", True, 19),
                ("surveys", "a1", "S1", date(2026, 10, 3), "accepted", False, 50),
            ]
        ),
        min_rows=20,
    ).collect()
    expected = pl.DataFrame(
        {
            "agent_id": ["new", "typo"],
            "row_count": [20, 19],
            "stores": ["S1, S2", "S1"],
            "sources": ["receptions, surveys", "surveys"],
            "is_roster_problem": [True, False],
        },
        schema_overrides={"row_count": pl.Int64},
    )
    assert_frame_equal(found, expected)


def test_an_active_agent_losing_more_than_the_share_of_rows_is_named():
    found = agent_reject_shares(
        profiles(
            [
                # a1: 2 of 20 rejected = 10 %; duplicates and out-of-period rows do not count
                ("receptions", "a1", "S1", date(2026, 10, 2), "accepted", False, 18),
                ("receptions", "a1", "S1", date(2026, 10, 2), "rejected", False, 2),
                ("receptions", "a1", "S1", date(2026, 10, 2), "duplicate", False, 30),
                ("receptions", "a1", "S1", date(2026, 9, 2), "out_of_period", False, 30),
                # a2: 1 of 20 = 5 %, not more than the share
                ("surveys", "a2", "S1", date(2026, 10, 2), "accepted", False, 19),
                ("surveys", "a2", "S1", date(2026, 10, 2), "rejected", False, 1),
                # gone: every row rejected, but not active (no scorecard to miss them)
                ("surveys", "gone", "S1", date(2026, 10, 2), "rejected", False, 5),
            ]
        ),
        roster(
            ("a1", "王伟", "S1", True), ("a2", "李娜", "S1", True), ("gone", "赵强", "S1", False)
        ),
        max_share=0.05,
    ).collect()
    expected = pl.DataFrame(
        {
            "agent_id": ["a1"],
            "agent_name": ["王伟"],
            "store_id": ["S1"],
            "rows_judged": [20],
            "rows_rejected": [2],
            "reject_share": [0.1],
        },
        schema_overrides={"rows_judged": pl.Int64, "rows_rejected": pl.Int64},
    )
    assert_frame_equal(found, expected)


def test_store_volumes_take_receptions_by_their_store_and_the_rest_by_the_agents_store():
    found = store_volumes(
        profiles(
            [
                ("receptions", "a1", "S1", date(2026, 10, 2), "accepted", False, 10),
                ("receptions", "a1", "S3", date(2026, 10, 2), "rejected", False, 1),
                ("surveys", "a1", "S9", date(2026, 10, 2), "accepted", False, 4),  # a1 is S1's
                ("surveys", "zz", "S2", date(2026, 10, 2), "rejected", True, 7),  # no store
                ("consultations", "a2", "S2", None, "rejected", False, 3),
                ("complaints", "a1", "S1", date(2026, 10, 2), "accepted", False, 2),  # not judged
            ]
        ),
        roster(("a1", "n1", "S1", True), ("a2", "n2", "S2", True)),
    ).collect()
    expected = pl.DataFrame(
        [
            ("S1", "consultations", 0),
            ("S1", "receptions", 10),
            ("S1", "surveys", 4),
            ("S2", "consultations", 3),
            ("S2", "receptions", 0),
            ("S2", "surveys", 0),
        ],  # S3 is no store of the roster: its row belongs to none
        schema={"store_id": pl.String, "source": pl.String, "row_count": pl.Int64},
        orient="row",
    )
    assert_frame_equal(found, expected)


def test_the_longest_silence_counts_days_without_a_reception_to_the_periods_edges():
    days = {
        "S1": [1, 2, 10, 31],  # silent 3..9 (7 days) and 11..30 (20 days)
        "S2": [31],  # silent 1..30
        "S3": [1, 31],  # silent 2..30 (29 days)
        "S4": [5, 6, 7, 25],  # silent 1..4, 8..24 (17 days), 26..31
    }
    rows = [
        ("receptions", "a1", store, date(2026, 10, d), "accepted", False, 1)
        for store, ds in days.items()
        for d in ds
    ]
    rows += [
        ("receptions", "a1", "S5", date(2026, 9, 30), "out_of_period", False, 1),  # not in it
        ("surveys", "a1", "S5", date(2026, 10, 3), "accepted", False, 1),  # not a reception
    ]
    found = longest_silences(profiles(rows), OCT).collect()
    expected = pl.DataFrame(
        {"store_id": ["S1", "S2", "S3", "S4"], "longest_silent_days": [20, 30, 29, 17]}
    )
    assert_frame_equal(found, expected)
