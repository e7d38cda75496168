"""Hand-computed examples of scheme.md §1-§4 (default scheme unless said otherwise)."""

from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.inputs.schemes import scheme_for_month
from tests.transforms import builders as b
from transforms.metrics import agent_metrics
from transforms.scoring import agent_streaks, recognition_months, scheme_tiers, score_agents

OCT = date(2026, 10, 1)
SCHEME = scheme_for_month(DEFAULT_SCHEMES_DIR, OCT).scheme
NO_WARNINGS = pl.LazyFrame(schema={"agent_id": pl.String, "month_start": pl.Date})
NO_ADJUSTMENTS = pl.LazyFrame(schema={"agent_id": pl.String, "score_adjustment": pl.Decimal(6, 2)})


def scorecards(
    records: dict,
    agents=("0101",),
    scheme=SCHEME,
    adjustments=NO_ADJUSTMENTS,
    warnings=NO_WARNINGS,
    recognised=NO_WARNINGS,
) -> pl.DataFrame:
    frames = {**b.empty_records(), **{k: b.frame(k, v) for k, v in records.items()}}
    metrics = agent_metrics(b.roster(*agents).lazy(), b.timed(frames, scheme))
    return score_agents(
        metrics,
        scheme=scheme,
        adjustments=adjustments,
        streaks=agent_streaks(warnings, recognised, OCT),
    ).collect()


def worked_example(survey_votes=None) -> dict:
    """Agent 0101, October, as in scheme.md §8."""
    customers = [f"c{i}" for i in range(32)] + [f"c{i}" for i in range(8)]  # 40 of 32
    return {
        "receptions": b.receptions("0101", customers),
        "surveys": b.surveys("0101", survey_votes or {5: 7, 4: 3, 3: 1, 2: 1}),
        "complaints": [
            {
                "complaint_id": "K1",
                "agent_id": "0101",
                "customer_id": "c1",
                "complained_at": b.T0,
                "is_valid": None,
            },
            {
                "complaint_id": "K2",
                "agent_id": "0101",
                "customer_id": "c2",
                "complained_at": b.T0,
                "is_valid": False,
            },
        ],
        "purchases": b.purchases(
            "0101",
            [
                ("p1", "first", None),
                ("p2", "first", None),
                ("p3", "first", "r1"),
                ("p4", "first", "r2"),
                ("p5", "first", None),
                ("p5", "first", None),
                ("p6", "additional", None),
            ],
        ),
        "consultations": b.consultations("0101", timely=22, late=3),
    }


def test_the_worked_example_of_scheme_md():
    card = scorecards(worked_example()).row(0, named=True)
    assert {
        k: card[k]
        for k in (
            "customers_received",
            "survey_count",
            "votes_5",
            "votes_4",
            "votes_3",
            "votes_2",
            "votes_1",
            "complaint_count",
            "complaint_customers",
            "first_purchase_customers",
            "repeat_purchase_customers",
            "referral_customers",
            "consultation_count",
            "timely_count",
        )
    } == {
        "customers_received": 32,
        "survey_count": 12,
        "votes_5": 7,
        "votes_4": 3,
        "votes_3": 1,
        "votes_2": 1,
        "votes_1": 0,
        "complaint_count": 1,
        "complaint_customers": 1,
        "first_purchase_customers": 5,
        "repeat_purchase_customers": 1,
        "referral_customers": 2,
        "consultation_count": 25,
        "timely_count": 22,
    }
    assert card["satisfaction_avg"] == pytest.approx(52 / 12)
    assert card["complaint_rate"] == pytest.approx(1 / 32)
    assert card["repurchase_rate"] == pytest.approx(0.2)
    assert card["referral_rate"] == pytest.approx(0.0625)
    assert card["timely_rate"] == pytest.approx(0.88)
    assert card["satisfaction_points"] == pytest.approx(26.666667, abs=1e-6)
    assert card["complaint_points"] == pytest.approx(11.25)
    assert card["loyalty_points"] == pytest.approx(9.6875)
    assert card["timeliness_points"] == pytest.approx(6.0)
    assert [
        card[f"{m}_weight"] for m in ("satisfaction", "complaint", "loyalty", "timeliness")
    ] == [40, 30, 15, 15]
    assert card["score_before_adjustment"] == Decimal("53.60")
    assert card["score"] == Decimal("53.60")
    assert (card["tier"], card["bonus_amount"], card["is_warning"]) == ("E", Decimal("0.00"), True)
    assert card["consecutive_months_below_60"] == 1
    assert card["improvement_focus"] == "complaint_rate"
    assert card["improvement_topic"] == "沟通能力"
    assert card["status"] == "scored"


def test_a_metric_below_min_samples_is_na_and_its_weight_redistributed():
    card = scorecards(worked_example(survey_votes={5: 1, 4: 1})).row(0, named=True)
    assert card["satisfaction_points"] is None and card["satisfaction_weight"] is None
    assert card["satisfaction_avg"] == 4.5  # still reported
    assert [card[f"{m}_weight"] for m in ("complaint", "loyalty", "timeliness")] == [
        pytest.approx(50),
        pytest.approx(25),
        pytest.approx(25),
    ]
    assert card["complaint_points"] == pytest.approx(18.75)
    assert card["loyalty_points"] == pytest.approx(16.145833, abs=1e-6)
    assert card["timeliness_points"] == pytest.approx(10.0)
    assert card["score"] == Decimal("44.90")


def only_timeliness(timely: int, total: int) -> dict:
    """Receptions, surveys and purchases below min_samples: timeliness alone is scored."""
    return {"consultations": b.consultations("0101", timely=timely, late=total - timely)}


def test_a_mathematical_x_xx5_rounds_up_despite_float_noise():
    # 641 of 800 timely: 100 x (0.80125 - 0.8) / 0.2 = 0.625 exactly, 0.62499999… in floats.
    assert round(100 * (641 / 800 - 0.8) / 0.2, 2) == 0.62  # the naive way is wrong
    card = scorecards(only_timeliness(641, 800)).row(0, named=True)
    assert card["timeliness_weight"] == 100
    assert card["score"] == Decimal("0.63")


def perfect() -> dict:
    """Every metric at its best: score 100."""
    customers = [f"c{i}" for i in range(10)]
    return {
        "receptions": b.receptions("0101", customers),
        "surveys": b.surveys("0101", {5: 3}),
        "purchases": b.purchases("0101", [("c1", "first", "r"), ("c1", "additional", None)]),
        "consultations": b.consultations("0101", timely=5, late=0),
    }


def adjusted(delta: str) -> pl.LazyFrame:
    return pl.LazyFrame(
        {"agent_id": ["0101"], "score_adjustment": [Decimal(delta)]},
        schema={"agent_id": pl.String, "score_adjustment": pl.Decimal(6, 2)},
    )


@pytest.mark.parametrize(
    ("delta", "score", "tier", "bonus", "warning"),
    [
        ("0", "100.00", "A", "2000.00", False),
        ("5", "100.00", "A", "2000.00", False),  # clamped to 100
        ("-10.00", "90.00", "A", "2000.00", False),  # exactly on the line
        ("-10.01", "89.99", "B", "1500.00", False),
        ("-30", "70.00", "C", "1000.00", False),
        ("-40.01", "59.99", "E", "0.00", True),
        ("-40", "60.00", "D", "500.00", False),  # 60 is not below 60
        ("-150", "0.00", "E", "0.00", True),  # clamped to 0
    ],
)
def test_tier_boundaries_bonus_and_clamping(delta, score, tier, bonus, warning):
    card = scorecards(perfect(), adjustments=adjusted(delta)).row(0, named=True)
    assert card["score_before_adjustment"] == Decimal("100.00")
    assert card["score_adjustment"] == Decimal(delta)
    assert (card["score"], card["tier"], card["bonus_amount"], card["is_warning"]) == (
        Decimal(score),
        tier,
        Decimal(bonus),
        warning,
    )
    assert card["improvement_focus"] is None  # no point lost before the adjustment


def consult(i, response=None, resolution=None, channel="phone") -> dict:
    from datetime import timedelta

    return {
        "consultation_id": f"K{i}",
        "agent_id": "0101",
        "channel": channel,
        "received_at": b.T0,
        "first_response_at": None if response is None else b.T0 + timedelta(seconds=response),
        "resolved_at": None if resolution is None else b.T0 + timedelta(seconds=resolution),
    }


def test_sla_limits_are_inclusive_and_a_second_past_is_late():
    day = 24 * 3600
    rows = [
        consult(1, 15 * 60, day),
        consult(2, 15 * 60 + 1, day),
        consult(3, 60, day + 1),
        consult(4, None, 60),
        consult(5, 60, None),
        consult(6, 0, 0),
    ]
    card = scorecards({"consultations": rows}).row(0, named=True)
    assert (card["consultation_count"], card["timely_count"]) == (6, 2)


def test_per_channel_sla_overrides_the_default():
    data = SCHEME.model_dump()
    data["metrics"]["timeliness"]["sla"]["phone"] = {"response_minutes": 1}
    scheme = type(SCHEME).model_validate(data)
    rows = [
        consult(1, 120, 3600, "phone"),
        consult(2, 120, 3600, "wechat"),
        consult(3, 60, 3600, "phone"),
    ]
    card = scorecards({"consultations": rows}, scheme=scheme).row(0, named=True)
    assert card["timely_count"] == 2  # phone 2 min is late; wechat keeps 15 min


def test_lower_is_better_clamps_at_both_ends():
    customers = [f"c{i}" for i in range(10)]
    bad = {
        "receptions": b.receptions("0101", customers),
        "complaints": [
            {"complaint_id": "K1", "agent_id": "0101", "customer_id": "c1", "complained_at": b.T0}
        ],
    }  # 1/10 = 0.10, worse than worst 0.05
    card = scorecards(bad).row(0, named=True)
    assert card["complaint_rate"] == 0.1
    assert card["complaint_points"] == 0.0
    good = scorecards({"receptions": b.receptions("0101", customers)}).row(0, named=True)
    assert good["complaint_rate"] == 0.0
    assert good["complaint_points"] == pytest.approx(good["complaint_weight"])  # 30 of 45


def test_loyalty_renormalises_shares_over_its_applicable_parts():
    # 4 customers received: referral N/A (min 10); 2 first buyers, 1 repeat: 0.5 -> clamped 1.
    rows = {
        "receptions": b.receptions("0101", ["a", "b", "c", "d"]),
        "purchases": b.purchases(
            "0101", [("a", "first", None), ("b", "first", "x"), ("c", "replacement", None)]
        ),
    }
    card = scorecards(rows).row(0, named=True)
    assert card["repurchase_rate"] == 0.5 and card["referral_rate"] == 0.25
    assert card["loyalty_weight"] == pytest.approx(100.0)
    assert card["loyalty_points"] == pytest.approx(100.0)


def warned(*rows) -> pl.LazyFrame:
    """Earlier months' current scorecards with a warning (``w`` false or null: none)."""
    return pl.LazyFrame(
        [{"agent_id": a, "month_start": date(2026, m, 1)} for a, m, w in rows if w],
        schema={"agent_id": pl.String, "month_start": pl.Date},
        orient="row",
    )


def test_consecutive_months_count_back_until_a_month_without_a_warning():
    history = warned(
        ("0101", 9, True),
        ("0101", 8, True),
        ("0101", 6, True),  # July has no scorecard
        ("0102", 9, None),
        ("0102", 8, True),  # September had a null score
        ("0103", 8, True),  # September missing
    )
    records = {
        "consultations": [
            c for a in ("0101", "0102", "0103") for c in b.consultations(a, timely=0, late=5)
        ]
    }
    cards = scorecards(records, agents=("0101", "0102", "0103", "0104"), warnings=history)
    assert cards.select(
        "agent_id", "is_warning", "consecutive_months_below_60", "is_demotion_review"
    ).rows() == [
        ("0101", True, 3, True),
        ("0102", True, 1, False),
        ("0103", True, 1, False),
        ("0104", False, 0, False),
    ]


def test_an_agent_with_no_records_has_insufficient_data():
    complaints = [
        {"complaint_id": f"K{i}", "agent_id": "0101", "customer_id": f"c{i}", "complained_at": b.T0}
        for i in range(3)
    ]
    card = scorecards(
        {"complaints": complaints}, adjustments=adjusted("2"), warnings=warned(("0101", 9, True))
    ).row(0, named=True)
    assert card["status"] == "insufficient_data"
    assert all(
        card[k] is None
        for k in (
            "score",
            "score_before_adjustment",
            "tier",
            "satisfaction_points",
            "complaint_points",
            "loyalty_points",
            "timeliness_points",
            "satisfaction_weight",
            "improvement_focus",
        )
    )
    assert card["bonus_amount"] == Decimal("0.00")
    assert (card["is_warning"], card["consecutive_months_below_60"]) == (False, 0)
    assert card["score_adjustment"] == Decimal("2.00")
    assert card["is_complaint_review"] is True  # 3 valid complaints


def test_improvement_focus_ties_go_to_the_earlier_metric():
    # Only satisfaction (40) and timeliness (15) apply: effective 72.73 and 27.27.
    # Satisfaction 4.7 loses 72.73 x 0.15; timeliness 23/25 = 0.92 loses 27.27 x 0.4:
    # both 10.909…, equal but for float noise.
    rows = {
        "surveys": b.surveys("0101", {5: 7, 4: 3}),
        "consultations": b.consultations("0101", timely=23, late=2),
    }
    card = scorecards(rows).row(0, named=True)
    lost_sat = card["satisfaction_weight"] - card["satisfaction_points"]
    lost_tim = card["timeliness_weight"] - card["timeliness_points"]
    assert lost_sat == pytest.approx(lost_tim, abs=1e-9)
    assert card["improvement_focus"] == "satisfaction"
    # One more timely consultation: timeliness loses less, satisfaction stays the focus;
    # one fewer: timeliness loses more and becomes the focus.
    fewer = {**rows, "consultations": b.consultations("0101", timely=22, late=3)}
    assert scorecards(fewer).row(0, named=True)["improvement_focus"] == "timeliness"


def business_hours_scheme():
    data = SCHEME.model_dump()
    data["metrics"]["timeliness"]["sla"].update(
        clock="business_hours", business_hours={"start": "08:30", "end": "18:00"}
    )
    return type(SCHEME).model_validate(data)


def test_the_timely_count_follows_the_schemes_clock():
    # scheme.md §9.2: Friday 17:50 -> Monday 08:35 / 10:00 is 15 / 100 business minutes.
    friday = {
        "agent_id": "0101",
        "channel": "phone",
        "received_at": datetime(2026, 11, 6, 17, 50),
        "first_response_at": datetime(2026, 11, 9, 8, 35),
        "resolved_at": datetime(2026, 11, 9, 10, 0),
    }
    records = {"consultations": [{**friday, "consultation_id": f"K{i}"} for i in range(5)]}
    wall = scorecards(records).row(0, named=True)
    business = scorecards(records, scheme=business_hours_scheme()).row(0, named=True)
    assert (wall["timely_count"], business["timely_count"]) == (0, 5)
    assert (wall["timely_rate"], business["timely_rate"]) == (0.0, 1.0)


def test_an_outstanding_performer_is_at_the_recognition_tier_for_three_months_in_a_row():
    """§9.4 with the defaults (tier A, 3 months, October included): the months before
    October at tier A or above, as their own schemes judged them."""
    for recognised, delta, expected in (
        (["0101:9", "0101:8"], "0", True),  # A in Aug, Sep and Oct
        (["0101:9", "0101:7"], "0", False),  # August missing: the run is broken
        (["0101:9"], "0", False),  # two months only
        (["0101:9", "0101:8"], "-10.01", False),  # October itself is B
        (["0101:9", "0101:8", "0101:7", "0101:6"], "-10.00", True),  # 90.00 is A
    ):
        months = pl.LazyFrame(
            [
                {"agent_id": a, "month_start": date(2026, int(m), 1)}
                for a, m in (r.split(":") for r in recognised)
            ],
            schema={"agent_id": pl.String, "month_start": pl.Date},
        )
        card = scorecards(perfect(), adjustments=adjusted(delta), recognised=months)
        assert card["is_recognized"].to_list() == [expected], (recognised, delta)


def test_the_recognition_tier_is_judged_by_each_months_own_scheme():
    """Two schemes in the history: 2026-old had a tier S above A, 2026-new has none and
    names its top tier A. Under recognition tier A, an S month counts (it is higher), a B
    month does not, and a month of a scheme the warehouse cannot read has no tiers."""
    old = SCHEME.model_copy(
        update={
            "version": "2026-old",
            "tiers": [
                SCHEME.tiers[0].model_copy(update={"tier": "S", "min_score": 95}),
                *SCHEME.tiers,
            ],
        }
    )
    tiers = scheme_tiers({"2026-old": old, "default-2026": SCHEME}, "A")
    assert sorted(tiers.rows()) == [
        ("2026-old", "A"),
        ("2026-old", "S"),
        ("default-2026", "A"),
    ]
    tiered = pl.LazyFrame(
        {
            "agent_id": ["a", "b", "c", "d"],
            "month_start": [date(2026, 8, 1)] * 4,
            "tier": ["S", "A", "B", "A"],
            "scheme_version": ["2026-old", "default-2026", "2026-old", "unreadable"],
        }
    )
    assert recognition_months(tiered, tiers).collect().rows() == [
        ("a", date(2026, 8, 1)),
        ("b", date(2026, 8, 1)),
    ]
    assert scheme_tiers({"default-2026": SCHEME}, "Z").is_empty()  # not a tier: nobody


def test_warning_and_recognition_streaks_side_by_side():
    warned = pl.LazyFrame(
        {"agent_id": ["a", "a"], "month_start": [date(2026, 9, 1), date(2026, 8, 1)]}
    )
    top = pl.LazyFrame(
        {
            "agent_id": ["b", "b", "c"],
            "month_start": [date(2026, 9, 1), date(2026, 8, 1), date(2026, 8, 1)],
        }
    )
    assert agent_streaks(warned, top, OCT).collect().rows() == [
        ("a", 2, 0),
        ("b", 0, 2),
        # c: August alone is not right before October
    ]


def test_recognition_of_one_month_needs_no_history():
    """recognition.consecutive_months 1: this month's tier alone decides."""
    scheme = SCHEME.model_copy(
        update={"recognition": SCHEME.recognition.model_copy(update={"consecutive_months": 1})}
    )
    assert scorecards(perfect(), scheme=scheme)["is_recognized"].to_list() == [True]
    low = scorecards(perfect(), scheme=scheme, adjustments=adjusted("-10.01"))
    assert low["is_recognized"].to_list() == [False]  # B
