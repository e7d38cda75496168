"""Scoring invariants of scheme.md §2, for any month (hypothesis).

A generated month is one agent's records; the properties compare whole scorecards.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from flows.storage import connection, reads, writes
from schemas.kpi_agent_monthly import KpiAgentMonthly
from schemas.tables import KPI_AGENT_MONTHLY
from tests.transforms import builders as b
from tests.transforms.test_scoring import NO_WARNINGS, OCT, SCHEME
from transforms.metrics import agent_metrics
from transforms.scoring import agent_streaks, score_agents

AGENT = "0101"
WEIGHTS = ["satisfaction_weight", "complaint_weight", "loyalty_weight", "timeliness_weight"]
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def months(draw) -> dict:
    customers = [f"c{draw(st.integers(0, 40))}" for _ in range(draw(st.integers(0, 60)))]
    votes = {r: draw(st.integers(0, 6)) for r in range(1, 6)}
    complaints = [
        {
            "complaint_id": f"K{i}",
            "agent_id": AGENT,
            "customer_id": f"c{draw(st.integers(0, 40))}",
            "complained_at": b.T0,
            "is_valid": draw(st.sampled_from([None, True, False])),
        }
        for i in range(draw(st.integers(0, 6)))
    ]
    purchases = b.purchases(
        AGENT,
        [
            (
                f"p{draw(st.integers(0, 12))}",
                draw(st.sampled_from(["first", "additional", "replacement"])),
                draw(st.sampled_from([None, "r1"])),
            )
            for _ in range(draw(st.integers(0, 10)))
        ],
    )
    return {
        "receptions": b.receptions(AGENT, customers),
        "surveys": b.surveys(AGENT, votes),
        "complaints": complaints,
        "purchases": purchases,
        "consultations": b.consultations(
            AGENT, timely=draw(st.integers(0, 12)), late=draw(st.integers(0, 12))
        ),
        "adjustment": draw(st.one_of(st.none(), st.decimals(-30, 30, places=2))),
    }


def scorecard(month: dict, *, shuffle: random.Random | None = None) -> pl.DataFrame:
    records = {k: v for k, v in month.items() if k != "adjustment"}
    frames = {**b.empty_records(), **{k: b.frame(k, v) for k, v in records.items()}}
    if shuffle is not None:
        frames = {
            k: v.sample(fraction=1.0, shuffle=True, seed=shuffle.randrange(2**31))
            for k, v in frames.items()
        }
    adjustments = pl.LazyFrame(
        [] if month["adjustment"] is None else [(AGENT, month["adjustment"])],
        schema={"agent_id": pl.String, "score_adjustment": pl.Decimal(6, 2)},
        orient="row",
    )
    metrics = agent_metrics(b.roster(AGENT).lazy(), b.timed(frames, SCHEME))
    return score_agents(
        metrics,
        scheme=SCHEME,
        adjustments=adjustments,
        streaks=agent_streaks(NO_WARNINGS, NO_WARNINGS, OCT),
    ).collect()


def with_rows(month: dict, name: str, rows: list[dict]) -> dict:
    return {**month, name: [*month[name], *rows]}


@PROPERTY_SETTINGS
@given(months())
def test_the_score_stays_within_0_and_100_and_points_within_their_weights(month):
    card = scorecard(month).row(0, named=True)
    if card["status"] == "insufficient_data":
        assert card["score"] is None and card["tier"] is None
        return
    assert Decimal(0) <= card["score"] <= Decimal(100)
    for metric, weight in zip(
        ("satisfaction", "complaint", "loyalty", "timeliness"), WEIGHTS, strict=True
    ):
        points = card[f"{metric}_points"]
        assert (points is None) == (card[weight] is None)
        if points is not None:
            assert -1e-9 <= points <= card[weight] + 1e-9


@PROPERTY_SETTINGS
@given(months())
def test_effective_weights_sum_to_100_over_the_applicable_metrics(month):
    card = scorecard(month).row(0, named=True)
    applicable = [card[w] for w in WEIGHTS if card[w] is not None]
    if card["status"] == "scored":
        assert abs(sum(applicable) - 100) < 1e-9
    else:
        assert applicable == []


@PROPERTY_SETTINGS
@given(months())
def test_a_5_rated_survey_never_lowers_the_score_while_satisfaction_is_applicable(month):
    before = scorecard(month).row(0, named=True)
    assume(before["survey_count"] >= SCHEME.metrics.satisfaction.min_samples)
    extra = {
        "survey_id": "V-extra",
        "agent_id": AGENT,
        "customer_id": "c-extra",
        "surveyed_at": b.T0,
        "rating": 5,
    }
    after = scorecard(with_rows(month, "surveys", [extra])).row(0, named=True)
    assert after["score"] >= before["score"]


@PROPERTY_SETTINGS
@given(months(), st.integers(0, 41))
def test_a_valid_complaint_never_raises_the_score(month, customer):
    before = scorecard(month).row(0, named=True)
    extra = {
        "complaint_id": "K-extra",
        "agent_id": AGENT,
        "customer_id": f"c{customer}",
        "complained_at": b.T0,
        "is_valid": True,
    }
    after = scorecard(with_rows(month, "complaints", [extra])).row(0, named=True)
    if before["score"] is None:
        assert after["score"] is None
    else:
        assert after["score"] <= before["score"]


@PROPERTY_SETTINGS
@given(months(), st.randoms(use_true_random=False))
def test_the_same_records_in_another_row_order_give_the_same_scorecard(month, rng):
    assert_frame_equal(scorecard(month), scorecard(month, shuffle=rng))


@pytest.fixture(scope="module")
def both_warehouses(postgres_server, tmp_path_factory):
    import sqlalchemy as sa

    admin = sa.create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text('DROP DATABASE IF EXISTS "scoring_properties"'))
        conn.execute(sa.text('CREATE DATABASE "scoring_properties"'))
    admin.dispose()
    urls = [
        f"sqlite:///{tmp_path_factory.mktemp('props') / 'w.db'}",
        postgres_server.url("scoring_properties"),
    ]
    engines = [connection.connect(u) for u in urls]
    yield engines
    for engine in engines:
        engine.dispose()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(months())
def test_sqlite_and_postgresql_store_the_same_scorecard(both_warehouses, month):
    import sqlalchemy as sa

    card = (
        scorecard(month)
        .with_columns(
            month_start=pl.lit(OCT),
            period_start_on=pl.lit(OCT),
            period_end_on=pl.lit(date(2026, 10, 31)),
            version=pl.lit(1, pl.Int64),
            is_current=pl.lit(True),
            run_id=pl.lit("property"),
            scheme_version=pl.lit(SCHEME.version),
            currency=pl.lit(SCHEME.currency),
            computed_at=pl.lit(datetime(2026, 11, 1, tzinfo=UTC)),
        )
        .select(c.name for c in KPI_AGENT_MONTHLY.columns)
    )
    KpiAgentMonthly.validate(card)
    stored = []
    for engine in both_warehouses:
        with engine.begin() as conn:
            conn.execute(sa.delete(KPI_AGENT_MONTHLY))
            writes.write_frame(conn, KPI_AGENT_MONTHLY, card)
            stored.append(reads.current_rows(conn, KPI_AGENT_MONTHLY, OCT))
    lite, pg = stored

    assert_frame_equal(lite, pg)  # typed reads: the same values in the same types
    assert_frame_equal(lite, card)
