"""What the next tier takes: hand-computed cases on the default scheme (40/30/15/15;
satisfaction 3..5, complaint rate 0.05..0, repurchase 0..0.30, referral 0..0.10,
timeliness 0.80..1.00; tiers A 90, B 80, C 70, D 60, E 0)."""

from decimal import Decimal

import polars as pl
import pytest

from tests.transforms.test_scoring import SCHEME, scorecards, worked_example
from transforms.next_tier import OUTPUT_SCHEMA, next_tier_needs

METRIC_COLUMNS = {
    "satisfaction": ("satisfaction_avg", "satisfaction_points", "satisfaction_weight"),
    "complaint_rate": ("complaint_rate", "complaint_points", "complaint_weight"),
    "loyalty": (None, "loyalty_points", "loyalty_weight"),
    "timeliness": ("timely_rate", "timeliness_points", "timeliness_weight"),
}


def card(
    score: float | None,
    *,
    adjustment: float = 0.0,
    first_purchases: int = 5,
    received: int = 30,
    **metrics: tuple[float | None, float, float],
) -> pl.DataFrame:
    """One stored scorecard: ``metric=(value, points, weight)``; ``loyalty=(rates, …)``
    where rates is (repurchase_rate, referral_rate); a metric left out is N/A."""
    row = {
        "agent_id": "a1",
        "status": "scored" if score is not None else "insufficient_data",
        "score": None if score is None else Decimal(f"{score:.2f}"),
        "score_adjustment": Decimal(f"{adjustment:.2f}"),
        "first_purchase_customers": first_purchases,
        "customers_received": received,
        "repurchase_rate": None,
        "referral_rate": None,
    }
    for key, (value_column, points, weight) in METRIC_COLUMNS.items():
        value, p, w = metrics.get(key, (None, None, None))
        row[points], row[weight] = p, w
        if key == "loyalty":
            row["repurchase_rate"], row["referral_rate"] = value or (None, None)
        else:
            row[value_column] = value
    schema = {
        "agent_id": pl.String,
        "status": pl.String,
        "score": pl.Decimal(5, 2),
        "score_adjustment": pl.Decimal(6, 2),
        "first_purchase_customers": pl.Int64,
        "customers_received": pl.Int64,
        "repurchase_rate": pl.Float64,
        "referral_rate": pl.Float64,
    }
    return pl.DataFrame([row], schema_overrides=schema)


def needs(frame: pl.DataFrame) -> dict:
    out = next_tier_needs(frame, SCHEME)
    return {(r["metric"], r["part"]): r for r in out.iter_rows(named=True)}


def test_the_worked_example_reaches_d_through_three_metrics_but_not_loyalty():
    # 53.60 (E): D needs 60, a gap of 60 - 53.6041667 = 6.3958333 points.
    got = needs(scorecards(worked_example()))
    assert {r["next_tier"] for r in got.values()} == {"D"}
    sat = got[("satisfaction", None)]
    # (26.6666667 + 6.3958333) / 40 = 0.8265625 of the line 3..5
    assert sat["needed_value"] == pytest.approx(3 + 2 * 0.8265625)
    assert sat["current_value"] == pytest.approx(52 / 12)
    assert not sat["lower_is_better"]
    complaint = got[("complaint_rate", None)]
    # (11.25 + 6.3958333) / 30 = 0.5881944 of the line 0.05..0
    assert complaint["needed_value"] == pytest.approx(0.05 - 0.05 * 17.6458333 / 30)
    assert complaint["lower_is_better"]
    timely = got[("timeliness", None)]
    assert timely["needed_value"] == pytest.approx(0.8 + 0.2 * 12.3958333 / 15)
    # Loyalty would need 9.6875 + 6.3958 = 16.08 points of its 15: no part can do it.
    for part in ("repurchase_rate", "referral_rate"):
        assert got[("loyalty", part)]["is_reachable"] is False
        assert got[("loyalty", part)]["needed_value"] is None


def test_loyalty_by_part_and_a_metric_that_cannot_reach_the_next_tier():
    # 36 + 30 + 7.5 + 15 = 88.5 (B); A needs 90: 1.5 points more.
    frame = card(
        88.5,
        satisfaction=(4.8, 36.0, 40.0),
        complaint_rate=(0.0, 30.0, 30.0),
        loyalty=((0.15, 0.05), 7.5, 15.0),
        timeliness=(1.0, 15.0, 15.0),
    )
    got = needs(frame)
    assert {r["next_tier"] for r in got.values()} == {"A"}
    assert {r["next_min_score"] for r in got.values()} == {90.0}
    # satisfaction: 37.5 / 40 = 0.9375 of 3..5 -> 4.875
    assert got[("satisfaction", None)]["needed_value"] == pytest.approx(4.875)
    # complaint rate is already at its best (30 of 30): 31.5 points are out of reach
    assert got[("complaint_rate", None)]["is_reachable"] is False
    assert got[("timeliness", None)]["is_reachable"] is False
    # loyalty must reach 9 / 15 = 0.6; the other part stays at 0.5 with share 0.5:
    # the moving part needs (0.6 - 0.25) / 0.5 = 0.7 of its line.
    assert got[("loyalty", "repurchase_rate")]["needed_value"] == pytest.approx(0.7 * 0.30)
    assert got[("loyalty", "referral_rate")]["needed_value"] == pytest.approx(0.7 * 0.10)
    assert got[("loyalty", "repurchase_rate")]["current_value"] == pytest.approx(0.15)


def test_an_na_metric_and_an_na_loyalty_part_get_no_row():
    # 5 customers received: complaint rate and referral are N/A. Weights 40, 15, 15 of
    # 70 -> 57.142857, 21.428571, 21.428571; every fraction 0.5: score 50.00 (E).
    w, v = 4000 / 70, 1500 / 70
    frame = card(
        50.0,
        received=5,
        satisfaction=(4.0, w / 2, w),
        loyalty=((0.15, 0.2), v / 2, v),
        timeliness=(0.9, v / 2, v),
    )
    got = needs(frame)
    assert set(got) == {
        ("satisfaction", None),
        ("loyalty", "repurchase_rate"),
        ("timeliness", None),
    }
    # D needs 10 points more: satisfaction (w/2 + 10) / w = 0.675 -> 4.35
    assert got[("satisfaction", None)]["needed_value"] == pytest.approx(4.35)
    # repurchase alone carries loyalty (renormalised share 1): (v/2 + 10) / v
    assert got[("loyalty", "repurchase_rate")]["needed_value"] == pytest.approx(
        0.30 * (v / 2 + 10) / v
    )
    assert got[("timeliness", None)]["needed_value"] == pytest.approx(0.8 + 0.2 * (v / 2 + 10) / v)


def test_nothing_for_the_top_tier_or_insufficient_data():
    top = card(
        95.0,
        satisfaction=(4.75, 35.0, 40.0),
        complaint_rate=(0.0, 30.0, 30.0),
        loyalty=((0.3, 0.1), 15.0, 15.0),
        timeliness=(1.0, 15.0, 15.0),
    )
    assert next_tier_needs(top, SCHEME).is_empty()
    assert next_tier_needs(card(None), SCHEME).is_empty()
    assert next_tier_needs(card(None), SCHEME).schema == pl.Schema(OUTPUT_SCHEMA)


def test_a_score_exactly_on_a_tier_line_is_in_that_tier():
    # 80.00 is B (not C with B next): the next tier is A, 10 points away.
    frame = card(
        80.0,
        satisfaction=(4.0, 20.0, 40.0),
        complaint_rate=(0.0, 30.0, 30.0),
        loyalty=((0.3, 0.1), 15.0, 15.0),
        timeliness=(1.0, 15.0, 15.0),
    )
    got = needs(frame)
    assert {r["next_tier"] for r in got.values()} == {"A"}
    assert got[("satisfaction", None)]["needed_value"] == pytest.approx(3 + 2 * 30 / 40)
    # Float noise below 1e-9 does not drop a score off its line: 90 - 5e-10 is A.
    noisy = frame.with_columns(pl.lit(90 - 5e-10).alias("score"))
    assert next_tier_needs(noisy, SCHEME).is_empty()


def test_a_needed_fraction_within_1e_9_of_the_best_is_reachable():
    # Points sum to 85 - 5e-10 (float noise): A needs satisfaction's 35 + 5 + 5e-10 points
    # of its 40, a fraction of 1 + 1.25e-11: its best value, not "out of reach".
    frame = card(
        85.0,
        satisfaction=(4.75, 35.0, 40.0),
        complaint_rate=(0.0, 30.0, 30.0),
        loyalty=((0.3, 0.1), 15.0, 15.0),
        timeliness=(1.0, 5.0 - 5e-10, 15.0),
    )
    got = needs(frame)
    assert got[("satisfaction", None)]["is_reachable"] is True
    assert got[("satisfaction", None)]["needed_value"] == pytest.approx(5.0)


def test_a_score_adjustment_counts_toward_the_gap():
    # Points 78 + adjustment 2 = 80.00 (B); A needs 10 more from satisfaction: 28 / 40.
    frame = card(
        80.0,
        adjustment=2.0,
        satisfaction=(3.9, 18.0, 40.0),
        complaint_rate=(0.0, 30.0, 30.0),
        loyalty=((0.3, 0.1), 15.0, 15.0),
        timeliness=(1.0, 15.0, 15.0),
    )
    assert needs(frame)[("satisfaction", None)]["needed_value"] == pytest.approx(3 + 2 * 0.7)
