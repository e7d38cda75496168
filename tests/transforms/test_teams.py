"""Team pooling, team reward and department targets (scheme.md §5)."""

from datetime import date, datetime

import polars as pl
import pytest

from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.inputs.schemes import scheme_for_month
from tests.transforms import builders as b
from tests.transforms.test_scoring import business_hours_scheme
from transforms.teams import team_metrics

SCHEME = scheme_for_month(DEFAULT_SCHEMES_DIR, date(2026, 10, 1)).scheme


def teams(records: dict, scheme=SCHEME) -> pl.DataFrame:
    agents = pl.DataFrame(
        {
            "agent_id": ["a1", "a2", "b1", "gone"],
            "agent_name": ["1", "2", "3", "4"],
            "store_id": ["S1", "S1", "S2", "S1"],
            "team_id": ["T1", "T1", "S2", "T1"],
            "is_active": [True, True, True, False],
        }
    )
    frames = {**b.empty_records(), **{k: b.frame(k, v) for k, v in records.items()}}
    return team_metrics(agents.lazy(), b.timed(frames, scheme), scheme=scheme).collect()


def test_metrics_are_pooled_over_the_team():
    records = {
        # The same customer at two agents of T1 counts once; the record's own store is
        # informational (the roster decides the team).
        "receptions": b.receptions("a1", ["c1", "c2"])
        + b.receptions("a2", ["c2", "c3"])
        + [{**r, "store_id": "S9"} for r in b.receptions("b1", ["c1"])],
        "surveys": b.surveys("a1", {5: 2}) + b.surveys("a2", {4: 1, 3: 1}),
        "complaints": [
            {"complaint_id": "K1", "agent_id": "a2", "customer_id": "c3", "complained_at": b.T0},
            {
                "complaint_id": "K2",
                "agent_id": "a1",
                "customer_id": "c3",
                "complained_at": b.T0,
                "is_valid": False,
            },
        ],
        "consultations": b.consultations("a1", 19, 1) + b.consultations("b1", 1, 0),
    }
    got = teams(records)
    t1, s2 = got.row(0, named=True), got.row(1, named=True)
    assert (t1["store_id"], t1["team_id"], t1["agent_count"]) == ("S1", "T1", 2)
    assert (s2["store_id"], s2["team_id"], s2["agent_count"]) == ("S2", "S2", 1)
    assert t1["customers_received"] == 3 and s2["customers_received"] == 1
    assert t1["survey_count"] == 4
    assert t1["satisfaction_avg"] == pytest.approx(17 / 4)
    assert t1["satisfaction_pct"] == pytest.approx(0.85)
    assert t1["satisfied_share"] == pytest.approx(0.75)
    assert (t1["complaint_count"], t1["complaint_rate"]) == (1, pytest.approx(1 / 3))
    assert (t1["consultation_count"], t1["timely_count"]) == (20, 19)
    assert t1["is_team_reward"] is False  # 0.85 < 0.90 and one complaint
    assert (
        t1["is_satisfaction_target_met"],
        t1["is_complaint_target_met"],
        t1["is_timeliness_target_met"],
    ) == (False, False, True)  # 0.95 >= 0.95
    # S2 has no surveys: no reward, and targets on a null value are null.
    assert s2["is_team_reward"] is False
    assert s2["satisfaction_pct"] is None and s2["is_satisfaction_target_met"] is None
    assert s2["is_complaint_target_met"] is True


@pytest.mark.parametrize(
    ("votes", "complaints", "reward"),
    [
        ({5: 2, 4: 2}, 0, True),  # 4.5 / 5 = 0.90 exactly: reached
        ({5: 1, 4: 3}, 0, False),  # 0.85
        ({5: 2}, 0, False),  # 2 surveys, below min_surveys 3
        ({5: 3}, 1, False),  # one valid complaint, above max_complaints 0
    ],
)
def test_team_reward_needs_surveys_satisfaction_and_no_complaints(votes, complaints, reward):
    records = {
        "surveys": b.surveys("a1", votes),
        "complaints": [
            {"complaint_id": f"K{i}", "agent_id": "a2", "customer_id": "c", "complained_at": b.T0}
            for i in range(complaints)
        ],
    }
    assert teams(records).row(0, named=True)["is_team_reward"] is reward


def test_threshold_comparisons_ignore_float_noise():
    assert (23 / 5) / 5 < 0.92  # floats alone would miss the line
    data = SCHEME.model_dump()
    data["team_reward"]["min_satisfaction_pct"] = 0.92
    data["targets"]["satisfaction_pct"] = 0.92
    scheme = type(SCHEME).model_validate(data)
    row = teams({"surveys": b.surveys("a1", {5: 3, 4: 2})}, scheme=scheme).row(0, named=True)
    assert (row["is_team_reward"], row["is_satisfaction_target_met"]) == (True, True)


def test_targets_absent_from_the_scheme_are_null():
    data = SCHEME.model_dump()
    data["targets"] = {"satisfaction_pct": None, "complaint_rate": None, "timely_rate": None}
    scheme = type(SCHEME).model_validate(data)
    row = teams({"surveys": b.surveys("a1", {5: 3})}, scheme=scheme).row(0, named=True)
    assert (
        row["is_satisfaction_target_met"],
        row["is_complaint_target_met"],
        row["is_timeliness_target_met"],
    ) == (None, None, None)


def test_the_teams_timely_count_follows_the_schemes_clock():
    # Received Friday 17:50, answered Monday 08:35: 15 business minutes, 2 days on the wall;
    # a2's consultation is timely on both clocks.
    late_on_the_wall = {
        "consultation_id": "K1",
        "agent_id": "a1",
        "channel": "phone",
        "received_at": datetime(2026, 11, 6, 17, 50),
        "first_response_at": datetime(2026, 11, 9, 8, 35),
        "resolved_at": datetime(2026, 11, 9, 10, 0),
    }
    records = {"consultations": [late_on_the_wall, *b.consultations("a2", 1, 0)]}
    wall = teams(records).row(0, named=True)
    business = teams(records, scheme=business_hours_scheme()).row(0, named=True)
    assert (wall["consultation_count"], wall["timely_count"]) == (2, 1)
    assert (business["consultation_count"], business["timely_count"]) == (2, 2)
