"""The follow-up of improvement plans (v_improvement_plan) and the training plan
(v_training_need), hand-computed, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import sqlalchemy as sa

from flows.storage import connection, reads, writes
from schemas.tables import KPI_AGENT_MONTHLY, KPI_IMPROVEMENT_PLAN, KPI_RUN, VIEWS_BY_NAME
from tests.flows.conftest import scorecard_rows, table_rows

AUG, SEP, OCT, NOV, DEC = (date(2026, m, 1) for m in (8, 9, 10, 11, 12))
JAN = date(2027, 1, 1)

# a1's current scorecards after the August interview: score and complaint rate.
A1 = {SEP: (Decimal("65"), 0.02), OCT: (Decimal("72"), 0.005), NOV: (Decimal("80"), 0.004)}

# Plan items of August's interview (current version 2): row, agent, metric, goal, due;
# and what the view must say: checked month, latest value, met month, status.
ITEMS = [
    (1, "a1", "score", 70.0, DEC, NOV, 80.0, OCT, "met"),  # met early (October)
    (2, "a1", "score", 80.0, NOV, NOV, 80.0, NOV, "met"),  # met on the due month
    (3, "a1", "score", 90.0, OCT, OCT, 72.0, None, "missed"),  # due month published
    (4, "a1", "score", 90.0, JAN, NOV, 80.0, None, "open"),  # January not published
    (5, "a2", "score", 60.0, OCT, None, None, None, "no_data"),  # no scorecard since
    (6, "a1", "complaint_rate", 0.01, OCT, OCT, 0.005, OCT, "met"),  # at most
    (7, "a1", "complaint_rate", 0.001, OCT, OCT, 0.005, None, "missed"),
    (8, "a1", "satisfaction", 4.5, DEC, NOV, None, None, "no_data"),  # never a value
    (9, "a1", None, None, None, None, None, None, None),  # an interview without a goal
]


def _plan_rows(version: int, is_current: bool, items) -> list[dict]:
    return [
        {
            "month_start": AUG,
            "version": version,
            "is_current": is_current,
            "run_id": f"r{version}",
            "row_number": n,
            "interview_id": f"I-{agent}",
            "agent_id": agent,
            "interview_on": date(2026, 9, 2),
            "interviewer": "王经理",
            "goal_metric": metric,
            "goal_value": goal,
            "due_month_start": due,
        }
        for n, agent, metric, goal, due, *_ in items
    ]


def _warehouse(url: str):
    cards = scorecard_rows(
        [{"agent_id": "a2", "month_start": AUG, "score": Decimal("50")}]
        + [
            {"agent_id": "a1", "month_start": m, "score": s, "complaint_rate": c}
            for m, (s, c) in A1.items()
        ]
    )
    runs = table_rows(
        KPI_RUN,
        [
            {"run_id": f"run-{m}", "month_start": m, "version": 1, "status": "published"}
            for m in (AUG, SEP, OCT, NOV)
        ],
    )
    plan = table_rows(
        KPI_IMPROVEMENT_PLAN,
        # Version 1 of August had another plan; version 2 is current.
        _plan_rows(1, False, [(1, "a1", "score", 99.0, OCT)]) + _plan_rows(2, True, ITEMS),
    )
    engine = connection.connect(url)
    with engine.begin() as conn:
        writes.write_frame(conn, KPI_RUN, runs)
        writes.write_frame(conn, KPI_AGENT_MONTHLY, cards)
        writes.write_frame(conn, KPI_IMPROVEMENT_PLAN, plan)
    return engine


def followed(engine) -> list[tuple]:
    view = VIEWS_BY_NAME["v_improvement_plan"].table()
    with engine.connect() as conn:
        found = reads.read(
            conn,
            sa.select(
                view.c.row_number,
                view.c.checked_month_start,
                view.c.latest_value,
                view.c.met_month_start,
                view.c.status,
            ).order_by(view.c.row_number),
        )
    return [
        (n, checked, None if v is None else round(v, 6), met, status)
        for n, checked, v, met, status in found.rows()
    ]


def test_each_plan_item_is_followed_up_on_the_later_months_current_versions(url):
    engine = _warehouse(url)
    try:
        assert followed(engine) == [
            (n, checked, latest, met, status)
            for n, _, _, _, _, checked, latest, met, status in ITEMS
        ]
    finally:
        engine.dispose()


def test_a_republished_later_month_changes_the_follow_up_without_a_run_of_august(url):
    """October republished (version 2: a1 scores 60): item 1 is met in November now, and
    item 3 (due October) is read on October's new value."""
    engine = _warehouse(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                KPI_AGENT_MONTHLY.update()
                .where(KPI_AGENT_MONTHLY.c.month_start == OCT)
                .values(is_current=False)
            )
            writes.write_frame(
                conn,
                KPI_AGENT_MONTHLY,
                scorecard_rows(
                    [
                        {
                            "agent_id": "a1",
                            "month_start": OCT,
                            "version": 2,
                            "score": Decimal("60"),
                            "complaint_rate": 0.005,
                        }
                    ]
                ),
            )
        rows = {r[0]: r[1:] for r in followed(engine)}
        assert rows[1] == (NOV, 80.0, NOV, "met")
        assert rows[3] == (OCT, 60.0, None, "missed")
    finally:
        engine.dispose()


def test_the_training_plan_counts_agents_per_topic_and_store(url):
    """v_training_need equals a group-by of the current scorecards."""
    month = SEP
    cards = scorecard_rows(
        [
            {"agent_id": a, "month_start": month, "store_id": s, "improvement_topic": t, **x}
            for a, s, t, x in (
                ("a1", "S1", "服务技巧", {}),
                ("a2", "S1", "服务技巧", {}),
                ("a3", "S1", "沟通能力", {}),
                ("a4", "S2", "服务技巧", {}),
                ("a5", "S2", None, {}),  # nothing to train
                ("a6", "S2", "沟通能力", {"is_current": False}),  # a superseded version
            )
        ]
    )
    engine = connection.connect(url)
    try:
        with engine.begin() as conn:
            writes.write_frame(conn, KPI_AGENT_MONTHLY, cards)
        view = VIEWS_BY_NAME["v_training_need"].table()
        with engine.connect() as conn:
            found = reads.read(conn, view.select())
    finally:
        engine.dispose()
    expected = (
        cards.filter("is_current", pl.col("improvement_topic").is_not_null())
        .group_by("month_start", "store_id", "improvement_topic")
        .agg(pl.len().cast(pl.Int64).alias("agent_count"))
    )
    order = ["store_id", "improvement_topic"]
    assert (
        found.sort(order).rows()
        == expected.sort(order).rows()
        == [
            (month, "S1", "服务技巧", 2),
            (month, "S1", "沟通能力", 1),
            (month, "S2", "服务技巧", 1),
        ]
    )
