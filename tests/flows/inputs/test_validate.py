"""Month validation: roster rules, reconciliation, thresholds, appeals (no Prefect needed:
the steps run as plain functions)."""

import polars as pl
import pytest

from flows.common.errors import AnotherMonthsFile, RejectThresholdExceeded, RosterError
from flows.inputs.extract import read_export
from flows.inputs.validate import agents_losing_rows, extract_and_validate, month_problems
from schemas.contracts import RECEPTIONS
from schemas.scheme import DataQuality
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
        "sheet": None,
        "rows_skipped": 0,
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
    bad = AGENTS + (
        "a3,,S1,,,\na4,周杰,S1,,2026-10-05,2026-10-01\na1,王伟,S2,T1,2020-01-01,\n"
        "a5,孙丽,S1,,2026-13-01,\n"
    )
    with pytest.raises(RosterError) as err:
        validate(write_month(tmp_path, agents=bad))
    message = str(err.value)
    assert "agents.csv: the roster is invalid (5 row(s))" in message
    assert "line 2 (agent_id a1): duplicate_conflict" in message  # the header is line 1
    assert "line 5 (agent_id a3): missing_value:agent_name" in message
    assert "line 6 (agent_id a4): left_on before hired_on" in message
    assert "line 8 (agent_id a5): invalid_value:hired_on '2026-13-01'" in message
    assert "export agents again" in message


def test_a_file_over_the_reject_rate_is_a_breach_with_the_fix(tmp_path):
    rows = {
        "receptions": [reception(i) for i in range(1, 96)]
        + [reception(i, agent="zz") for i in range(96, 101)]
    }
    validated = validate(write_month(tmp_path, rows))
    assert len(validated.breaches) == 1
    assert (
        "receptions.csv: 5 of 100 rows rejected (5.0%), over the scheme's "
        "max_reject_rate of 2.0%" in validated.breaches[0]
    )
    assert validate(tmp_path, rate=0.05).breaches == []  # exactly at the rate is allowed


def test_fewer_rejected_rows_than_the_floor_never_hold_a_file_back(tmp_path):
    """One bad row of a 36-row complaints file is 2.8 %, over the 2 % rate, but under
    min_reject_count (5): the month is not held back for it; five are."""
    complaint = "K{i},S1,a1,C{i},2026-10-0{d} 09:00,服务,"
    rows = [complaint.format(i=i, d=1 + i % 9) for i in range(1, 36)] + ["K36,S1,a1,C36,bad,,"]
    validated = validate(write_month(tmp_path, {"complaints": rows}))
    assert validated.inputs.filter(pl.col("source") == "complaints")["rows_rejected"].item() == 1
    assert validated.breaches == []
    rows = rows[:31] + [f"K{i},S1,a1,C{i},bad,," for i in range(32, 37)]
    assert len(validate(write_month(tmp_path, {"complaints": rows})).breaches) == 1
    lenient = DataQuality(max_reject_rate=0.02, min_reject_count=6)
    assert extract_and_validate(tmp_path, OCT, lenient).breaches == []


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
    from flows.inputs.validate import _reconcile

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


def survey(i: int, agent="a1", at="2026-10-05 11:00") -> str:
    return f"V{i},S1,{agent},C{i},{at},5"


def problems_of(validated):
    return month_problems(validated, None, None)


def test_another_months_file_is_refused_naming_the_month_its_rows_belong_to(tmp_path):
    """September's surveys copied into October's folder: 0 of 40 dated rows in October."""
    rows = {"surveys": [survey(i, at=f"2026-09-{1 + i % 28:02d} 11:00") for i in range(40)]}
    validated = validate(write_month(tmp_path, rows))
    counts = validated.inputs.filter(pl.col("source") == "surveys").row(0, named=True)
    assert (counts["rows_read"], counts["rows_out_of_period"]) == (40, 40)
    [problem] = problems_of(validated)
    assert problem.error is AnotherMonthsFile and problem.allowed_by is None
    error = problem.refusal(None)
    assert error.exit_code == 3
    assert error.message == (
        "not published: another month's file?\n"
        f"  {tmp_path}/2026-10/surveys.csv: 0 of its 40 dated rows lie in 2026-10's period "
        "(2026-10-01..2026-10-31); most belong to 2026-09\n"
        "Put each file into its own month's folder and export 2026-10's records into "
        f"{tmp_path}/2026-10, then run again"
    )


def test_a_file_with_half_of_its_rows_in_the_period_is_the_months_own(tmp_path):
    late = [survey(i, at="2026-09-30 11:00") for i in range(20)]
    rows = {"surveys": late + [survey(i) for i in range(20, 40)]}
    assert problems_of(validate(write_month(tmp_path, rows))) == []
    rows = {"surveys": late + [survey(i) for i in range(20, 39)]}  # 19 of 39
    assert [p.error for p in problems_of(validate(write_month(tmp_path, rows)))] == [
        AnotherMonthsFile
    ]


def _interviews(root, months: list[str]) -> None:
    header = (
        "interview_id,agent_id,month,interview_on,interviewer,strengths,shortfalls,"
        "goal_metric,goal_value,due_month,measure\n"
    )
    lines = [f"I{i},a1,{m},2026-11-02,王经理,,,,,," for i, m in enumerate(months)]
    (root / "2026-10" / "interviews.csv").write_text(header + "\n".join(lines) + "\n")


def test_last_months_interviews_in_this_months_folder_are_another_months_file(tmp_path):
    """Published, the file would replace October's recorded interviews with none."""
    root = write_month(tmp_path)
    _interviews(root, ["2026-09"] * 3 + ["2026-10"])
    [problem] = problems_of(validate(root))
    assert problem.error is AnotherMonthsFile and problem.allowed_by is None
    assert (
        f"  {tmp_path}/2026-10/interviews.csv: 3 of its 4 rows are about another month "
        "than 2026-10; most are about 2026-09\n"
    ) in problem.refusal(None).message
    _interviews(root, ["2026-09", "2026-10", "2026-10"])  # one stray row: quarantined
    assert problems_of(validate(root)) == []


def test_a_roster_without_agents_is_the_roster_problem(tmp_path):
    header = "agent_id,agent_name,store_id,team_id,hired_on,left_on\n"
    with pytest.raises(RosterError) as err:
        validate(write_month(tmp_path, {"receptions": [reception(1)]}, agents=header))
    assert err.value.exit_code == 3
    assert str(err.value) == (
        f"{tmp_path}/2026-10/agents.csv: the roster has no agents (no data row below its "
        "header); every score depends on it, so the month is not run. Export agents again "
        "with every agent of the month"
    )


def test_an_unknown_agent_with_many_rows_is_a_missing_roster_line(tmp_path):
    """A new hire missing from the roster: 12 receptions and 8 surveys in two stores reach
    unknown_agent_min_rows (20); every file stays under the reject threshold's floor."""
    rows = {
        "receptions": [reception(i) for i in range(600)]
        + [f"N{i},S{1 + i % 2},new,C{i},2026-10-06 10:00" for i in range(12)],
        "surveys": [survey(i) for i in range(400)]
        + [survey(900 + i, agent="new") for i in range(8)],
    }
    validated = validate(write_month(tmp_path, rows))
    assert validated.breaches == []  # 12 of 612 and 8 of 408: under 2 %
    [problem] = problems_of(validated)
    assert problem.error is RosterError and problem.allowed_by == "allow_rejects"
    assert problem.refusal("--allow-rejects").message == (
        f"{tmp_path}/2026-10/agents.csv: the roster lacks agents whose rows are in the month's "
        "files (a new hire not yet in the roster?):\n"
        "  agent_id new: 20 rows (receptions, surveys), store(s) S1, S2\n"
        "Add them to the roster and export agents again (their rows then count); if these "
        "rows are no agent's of the month, publish anyway with --allow-rejects"
    )
    assert problem.warning("--allow-rejects") == (
        "published with agents missing from the roster (--allow-rejects): agent_id new: 20 "
        "rows (receptions, surveys), store(s) S1, S2"
    )
    rows["surveys"] = rows["surveys"][:-1]  # 19 rows: a typo's few rows, not a roster line
    assert problems_of(validate(write_month(tmp_path, rows))) == []


def test_problems_come_most_fundamental_first(tmp_path):
    rows = {
        "surveys": [survey(i, at="2026-09-05 11:00") for i in range(10)],
        "receptions": [reception(i) for i in range(20)]
        + [reception(i, agent="zz") for i in range(20, 45)],
    }
    validated = validate(write_month(tmp_path, rows))
    assert [p.error for p in problems_of(validated)] == [
        AnotherMonthsFile,
        RosterError,
        RejectThresholdExceeded,
    ]


def test_an_agent_losing_more_than_the_share_of_rows_is_a_named_warning(tmp_path):
    """a1: 3 of 40 rows rejected (7.5 %) is over 5 %; a2: 1 of 30 is not; gone is not
    active (no scorecard misses the rows)."""
    rows = {
        "receptions": [reception(i) for i in range(37)]
        + [f"R{i},S1,a1,C1,bad" for i in range(37, 40)]
        + [reception(i, agent="a2") for i in range(40, 69)]
        + ["R69,S1,a2,C1,bad"]
        + [reception(i, agent="gone") for i in range(70, 75)],
    }
    validated = validate(write_month(tmp_path, rows))
    assert agents_losing_rows(validated) == [
        "agent a1 (王伟, store S1) lost 3 of 40 rows to rejects (7.5%, over "
        "max_agent_reject_share 5.0%); their score misses those rows: see kpi validate "
        "--rejects"
    ]


def test_a_full_disk_under_the_archive_is_the_archives_message_not_a_traceback(
    tmp_path, monkeypatch
):
    """Polars' Parquet writer reports a full disk as a ComputeError naming the OS error
    (a new user's trial on a 200 KB tmpfs got its traceback, exit 1): it is the archive's
    failure, exit 3. A ComputeError that is not the disk's stays a bug."""
    from flows.inputs import validate as module
    from flows.storage.archive import ArchiveError

    root = write_month(tmp_path / "exports", {})
    archive = tmp_path / "archive"
    archive.mkdir()
    real = pl.collect_all

    def full_disk(queries, *args, **kw):
        if len(queries) > 3:  # the call with the archive's sink
            raise pl.exceptions.ComputeError(
                "parquet: failed to write: No space left on device (os error 28)"
            )
        return real(queries, *args, **kw)

    monkeypatch.setattr(module.pl, "collect_all", full_disk)
    with pytest.raises(ArchiveError) as err:
        extract_and_validate(root, OCT, 0.02, archive=archive)
    assert err.value.exit_code == 3
    assert err.value.message == (
        f"{archive}: cannot write the run's archive (parquet: failed to write: No space "
        "left on device (os error 28)); nothing was published. Free space or fix --archive "
        "(KPI_ARCHIVE_DIR), then run again"
    )

    def a_bug(queries, *args, **kw):
        raise pl.exceptions.ComputeError("cannot compare string with numeric type")

    monkeypatch.setattr(module.pl, "collect_all", a_bug)
    with pytest.raises(pl.exceptions.ComputeError):
        extract_and_validate(root, OCT, 0.02, archive=archive)
