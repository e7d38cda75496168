"""Month validation: roster rules, reconciliation, thresholds, appeals (no Prefect needed:
the steps run as plain functions)."""

import polars as pl
import pytest

from flows.errors import RosterError
from flows.extract import read_export
from flows.validate import extract_and_validate
from schemas.contracts import RECEPTIONS
from tests.flows.conftest import AGENTS, OCT, write_month


def validate(root, rate=0.02):
    return extract_and_validate(root, OCT, rate)


def reception(i: int, agent="a1", at="2026-10-05 10:00") -> str:
    return f"R{i},S1,{agent},C{i % 3},{at}"


def test_a_month_reconciles_every_file_and_records_its_encoding(tmp_path):
    rows = {
        "receptions": [
            reception(1),
            reception(1),
            reception(2, at="2026-09-01 10:00"),
            reception(3, agent="zz"),
        ]
        + [reception(i) for i in range(4, 60)]
    }
    root = write_month(tmp_path, rows)
    validated = validate(root)
    inputs = validated.inputs.filter(pl.col("source") == "receptions").row(0, named=True)
    assert inputs | {"file_sha256": None} == {
        "source": "receptions",
        "file_name": "receptions.csv",
        "file_sha256": None,
        "file_bytes": (root / "2026-10" / "receptions.csv").stat().st_size,
        "encoding": "utf-8",
        "rows_read": 60,
        "rows_accepted": 57,
        "rows_rejected": 1,
        "rows_duplicate": 1,
        "rows_out_of_period": 1,
    }
    assert validated.inputs["source"].to_list() == [
        "agents",
        "receptions",
        "surveys",
        "complaints",
        "purchases",
        "consultations",
    ]
    assert validated.rejected.select(
        "source", "file_name", "row_number", "record_id", "reasons"
    ).rows() == [("receptions", "receptions.csv", 4, "R3", "unknown_agent")]
    assert validated.records["receptions"].height == 57
    assert validated.breaches == []  # 1 of 60 is under 2 %


def test_the_roster_is_active_for_the_month_and_exact_duplicates_collapse(tmp_path):
    validated = validate(write_month(tmp_path, agents=AGENTS + "a1,王伟,S1,T1,2020-01-01,\n"))
    assert validated.roster.select("agent_id", "team_id", "is_active").rows() == [
        ("a1", "T1", True),
        ("a2", "S1", True),
        ("gone", "T1", False),
    ]
    agents = validated.inputs.filter(pl.col("source") == "agents").row(0, named=True)
    assert (agents["rows_read"], agents["rows_accepted"], agents["rows_duplicate"]) == (4, 3, 1)


def test_an_invalid_roster_fails_the_month_naming_every_row(tmp_path):
    bad = AGENTS + "a3,,S1,,,\na4,周杰,S1,,2026-10-05,2026-10-01\na1,王伟,S2,T1,2020-01-01,\n"
    with pytest.raises(RosterError) as err:
        validate(write_month(tmp_path, agents=bad))
    message = str(err.value)
    assert "agents.csv: the roster is invalid (4 row(s))" in message
    assert "row 1 (agent_id a1): duplicate_conflict" in message
    assert "row 4 (agent_id a3): missing_value:agent_name" in message
    assert "row 5 (agent_id a4): left_on before hired_on" in message
    assert "export agents again" in message


def test_a_file_over_the_reject_rate_is_a_breach_with_the_fix(tmp_path):
    rows = {"receptions": [reception(i) for i in range(1, 10)] + [reception(10, agent="zz")]}
    validated = validate(write_month(tmp_path, rows))
    assert len(validated.breaches) == 1
    assert (
        "receptions.csv: 1 of 10 rows rejected (10.0%), over the scheme's "
        "max_reject_rate of 2.0%" in validated.breaches[0]
    )
    assert validate(tmp_path, rate=0.1).breaches == []  # exactly at the rate is allowed


def test_exactly_the_rate_is_not_over_it(tmp_path):
    rows = {"receptions": [reception(i) for i in range(1, 50)] + [reception(50, agent="zz")]}
    assert validate(write_month(tmp_path, rows)).breaches == []  # 1 of 50 = 2 %


def test_bad_appeals_are_quarantined_but_never_breach(tmp_path):
    appeals = [
        "P1,a1,2026-10,2026-11-03,2026-11-04,adjust_score,,,2,复核,approved,,",
        "P2,zz,2026-10,2026-11-03,2026-11-04,adjust_score,,,2,复核,approved,,",
        "P3,a1,2026-09,2026-10-03,2026-10-04,void_record,survey,,,x,pending,,",
    ]
    validated = validate(write_month(tmp_path, appeals=appeals))
    assert validated.breaches == []
    assert validated.rejected.filter(pl.col("source") == "appeals").select(
        "record_id", "reasons"
    ).rows() == [("P2", "unknown_agent"), ("P3", "missing_value:record_id")]
    assert validated.records["appeals"]["appeal_id"].to_list() == ["P1"]


def test_counts_that_do_not_reconcile_are_a_bug_not_bad_input(tmp_path):
    from flows.validate import _reconcile

    root = write_month(tmp_path, {"receptions": [reception(1)]})
    file = read_export(root / "2026-10" / "receptions.csv", RECEPTIONS)
    good = {
        "rows_read": 1,
        "rows_accepted": 1,
        "rows_rejected": 0,
        "rows_duplicate": 0,
        "rows_out_of_period": 0,
    }
    _reconcile(file, good)
    with pytest.raises(AssertionError, match="row counts do not reconcile"):
        _reconcile(file, {**good, "rows_rejected": 1})
    with pytest.raises(AssertionError, match="frame has 1 rows"):
        _reconcile(file, {**good, "rows_read": 2, "rows_duplicate": 1})
