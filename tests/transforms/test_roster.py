from datetime import date

import polars as pl
from polars.testing import assert_frame_equal

from schemas.contracts import AGENTS
from transforms.periods import calendar_month, month_period
from transforms.quarantine import accepted_rows, classify
from transforms.roster import active_agents, roster_problems


def agents(rows: list[dict]) -> pl.LazyFrame:
    frame = pl.DataFrame(
        [{c: r.get(c) for c in AGENTS.column_names} for r in rows],
        schema={c: pl.String for c in AGENTS.column_names},
    )
    return classify(frame.with_row_index("row_number", offset=1).lazy(), AGENTS)


def agent(aid="a1", **kw) -> dict:
    return {"agent_id": aid, "agent_name": "王伟", "store_id": "s1", **kw}


def test_every_invalid_roster_row_is_a_problem():
    got = roster_problems(
        agents(
            [
                agent("a1"),
                agent("a1"),  # exact duplicate: fine
                agent("a2", agent_name=None),
                agent("a3", hired_on="2026-13-01"),
                agent("a4", hired_on="2026-10-05", left_on="2026-10-04"),
                agent("a5", store_id="s1"),
                agent("a5", store_id="s2"),
            ]
        )
    ).collect()
    expected = pl.DataFrame(
        {
            "row_number": [3, 4, 5, 6, 7],
            "agent_id": ["a2", "a3", "a4", "a5", "a5"],
            "problem": [
                "missing_value:agent_name",
                "invalid_value:hired_on",
                "left_on before hired_on",
                "duplicate_conflict",
                "duplicate_conflict",
            ],
        },
        schema_overrides={"row_number": pl.UInt32},
    )
    assert_frame_equal(got, expected)


def test_a_valid_roster_has_no_problems_and_left_on_may_equal_hired_on():
    got = roster_problems(agents([agent("a1", hired_on="2026-10-05", left_on="2026-10-05")]))
    assert got.collect().is_empty()


def test_activity_is_judged_for_the_month_and_team_defaults_to_store():
    roster = accepted_rows(
        agents(
            [
                agent("a1"),
                agent("a2", team_id="T1", hired_on="2026-10-31"),
                agent("a3", hired_on="2026-11-01"),
                agent("a4", left_on="2026-10-01"),
                agent("a5", left_on="2026-09-30"),
            ]
        ),
        AGENTS,
    )
    got = active_agents(roster, calendar_month(date(2026, 10, 1))).select(
        "agent_id", "team_id", "is_active"
    )
    assert got.collect().rows() == [
        ("a1", "s1", True),
        ("a2", "T1", True),
        ("a3", "s1", False),
        ("a4", "s1", True),
        ("a5", "s1", False),
    ]


def test_activity_is_judged_against_the_period():
    # end_day 25 throughout: 2026-10 is 2026-09-26 .. 2026-10-25.
    roster = accepted_rows(
        agents(
            [
                agent("a1", hired_on="2026-10-25"),  # hired on the last day: active
                agent("a2", hired_on="2026-10-26"),  # hired after it (still in October)
                agent("a3", left_on="2026-09-26"),  # left on the first day: active
                agent("a4", left_on="2026-09-25"),  # left before it (still in September)
                agent("a5", hired_on="2026-09-26", left_on="2026-09-30"),  # September only
            ]
        ),
        AGENTS,
    )
    got = active_agents(roster, month_period(date(2026, 10, 1), 25, 25))
    expected = pl.DataFrame(
        {
            "agent_id": ["a1", "a2", "a3", "a4", "a5"],
            "is_active": [True, False, True, False, True],
        }
    )
    assert_frame_equal(got.select("agent_id", "is_active").collect(), expected)
