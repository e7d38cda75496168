"""Traceability: every published version archives what it read, and `kpi explain` traces
a scorecard back to its rows from that archive alone, on both warehouses."""

from __future__ import annotations

import json
import shutil
from datetime import date

import polars as pl
import pytest
import sqlalchemy as sa

from flows.cli import main
from flows.outputs.explain import explain
from flows.storage import archive, connection
from flows.storage.archive import ArchiveError
from schemas.tables import KPI_AGENT_MONTHLY
from tests.flows.conftest import paths, publish, query, write_month

OCT = date(2026, 10, 1)
ROWS = {
    "receptions": [
        "R1,S1,a1,C1,2026-10-05 10:00",
        "R2,S1,a1,C2,2026-10-06 10:00",
        "R2,S1,a1,C2,2026-10-06 10:00",  # an exact duplicate
        "R3,S1,a1,C3,2026-09-30 10:00",  # another month
        "R4,S1,a1,C4,2026-10-32 10:00",  # not a date
        "R5,S1,a2,C9,2026-10-05 10:00",  # another agent
        "R6,S1,gone,C5,2026-10-05 10:00",  # an agent who left in August
        "R6,S1,gone,C5,2026-10-05 10:00",  # ... twice
        "R8,S1,gone,C6,2026-09-05 10:00",  # ... and of another month
    ],
    "surveys": [
        "V1,S1,a1,C1,2026-10-05 11:00,5",
        "V2,S1,a1,C2,2026-10-06 11:00,2",  # voided by appeal AP1
        "V3,S1,a1,C3,2026-10-07 11:00,很好",  # not a rating
        "V4,S1,gone,C5,2026-10-05 11:00,4",
    ],
    "complaints": [
        "K1,S1,a1,C1,2026-10-08 09:00,服务,N",  # found groundless
        "K2,S1,a1,C2,2026-10-09 09:00,服务,",
        "K3,S1,nobody,C6,2026-10-09 09:00,服务,",  # an id that is on no roster
    ],
    "purchases": [
        "O1,S1,a1,C1,2026-10-10,first,",
        "O2,S1,a1,C2,2026-10-11,additional,C7",
    ],
    "consultations": [
        "S1,S1,a1,C1,phone,2026-10-05 10:00,2026-10-05 10:05,2026-10-05 11:00",
        "S2,S1,a1,C2,wechat,2026-10-05 10:00,2026-10-05 10:20,2026-10-05 11:00",
    ],
}
APPEALS = [
    "AP1,a1,2026-10,2026-11-02,2026-11-03,void_record,survey,V2,,误评,approved,经理,2026-11-04"
]
EXPECTED = {  # (record, class, reasons, appeal) of agent a1, as the rules give them
    "receptions": [
        ("R1", "counted", None, None),
        ("R2", "counted", None, None),
        ("R2", "duplicate", None, None),
        ("R3", "out_of_period", None, None),
        ("R4", "rejected", "invalid_value:received_at", None),
    ],
    "surveys": [
        ("V1", "counted", None, None),
        ("V2", "voided", None, "AP1"),
        ("V3", "rejected", "invalid_value:rating", None),
    ],
    "complaints": [("K1", "not_valid", None, None), ("K2", "counted", None, None)],
    "purchases": [("O1", "counted", None, None), ("O2", "counted", None, None)],
    "consultations": [("S1", "counted", None, None), ("S2", "counted", None, None)],
}


def recount() -> dict[str, int]:
    """Agent a1's counts by hand from ROWS (customers C1, C2; one vote of 5 after the
    void; one valid complaint; C1 first, C2 additional on a referral; S1 answered in 5
    minutes, S2 in 20 of the 15 allowed)."""
    return {
        "customers_received": 2,
        "survey_count": 1,
        "votes_5": 1,
        "votes_2": 0,
        "complaint_count": 1,
        "complaint_customers": 1,
        "first_purchase_customers": 1,
        "repeat_purchase_customers": 1,
        "referral_customers": 1,
        "consultation_count": 2,
        "timely_count": 1,
    }


@pytest.fixture
def published(prefect_server, tmp_path, url):
    exports = write_month(tmp_path / "exports", ROWS, appeals=APPEALS)
    run_paths = paths(exports, url, docs=tmp_path / "docs", archive=tmp_path / "archive")
    return publish(OCT, run_paths, allow_rejects=True), exports, tmp_path / "archive"


def explained(url, archive_dir, **kw):
    engine = connection.connect(url, upgrade=False)
    try:
        return explain(engine, OCT, "a1", archive_dir=archive_dir, **kw)
    finally:
        engine.dispose()


def test_explain_traces_every_row_and_equals_an_independent_recount(published, url):
    result, exports, archive_dir = published
    shutil.rmtree(exports)  # the archive alone explains the version
    found = explained(url, archive_dir)
    assert (found.info.version, found.info.run_id) == (1, result.run_id)
    for source, rows in EXPECTED.items():
        got = found.rows[source].select("record_id", "class", "reasons", "appeal_id").rows()
        assert got == rows, source
    card = query(url, "SELECT * FROM v_kpi_agent_current WHERE agent_id = 'a1'").row(0, named=True)
    assert {k: card[k] for k in recount()} == recount()
    timeliness = (
        found.rows["consultations"]
        .select(
            "record_id",
            "channel",
            "response_minutes",
            "resolution_minutes",
            "response_limit_minutes",
            "resolution_limit_minutes",
            "is_timely",
        )
        .rows()
    )
    assert timeliness == [
        ("S1", "phone", 5.0, 60.0, 15.0, 1440.0, True),
        ("S2", "wechat", 20.0, 60.0, 15.0, 1440.0, False),
    ]
    assert found.rows["surveys"]["rating"].to_list() == [5, 2, None]
    assert found.rows["purchases"].select("purchase_type", "referrer_customer_id").rows() == [
        ("first", None),
        ("additional", "C7"),
    ]
    document = found.document()
    assert set(document) == {
        "month",
        "agent_id",
        "version",
        "run_id",
        "scorecard",
        "metrics",
        "appeals",
        "rows",
    }
    assert len(document["rows"]) == sum(len(r) for r in EXPECTED.values())
    assert document["appeals"][0]["appeal_id"] == "AP1"
    assert document["rows"][0]["file_name"] == "receptions.csv"


def test_kpi_explain_on_a_terminal_and_as_json(published, url, capsys):
    _, _, archive_dir = published
    args = [
        "explain",
        "--month",
        "2026-10",
        "--agent",
        "a1",
        "--warehouse",
        url,
        "--archive",
        str(archive_dir),
    ]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "Satisfaction: not applicable (its sample is below the scheme's min_samples)" in text
    assert (
        "Loyalty: repurchase rate 1.0000 (1 ÷ 1) → 1.0000 × share 0.5; referral rate not "
        "applicable (2 below 10) → fraction 1.0000 × weight 100.0000 = 100.0000 points"
    ) in text
    assert "surveys.csv    2  V2      voided" in text
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["agent_id"] == "a1"
    assert main([*args[:4], "zz", *args[5:]]) == 3
    assert capsys.readouterr().err == (
        "kpi explain: 2026-10: agent zz has no scorecard in version 1 and no row of the "
        "month's exports names them (check the id)\n"
    )


def test_an_agent_with_rows_but_no_scorecard_gets_them_listed_with_why(published, url, capsys):
    """cli.md, kpi explain: an agent who left in August and whom an October record names,
    and an id on no roster, get their rows and why none counted, with scorecard null."""
    result, exports, archive_dir = published
    shutil.rmtree(exports)
    engine = connection.connect(url, upgrade=False)
    try:
        gone = explain(engine, OCT, "gone", archive_dir=archive_dir)
        nobody = explain(engine, OCT, "nobody", archive_dir=archive_dir)
    finally:
        engine.dispose()
    assert gone.card is None and gone.not_active == "left"
    assert {s: f.select("record_id", "class", "reasons").rows() for s, f in gone.rows.items()} == {
        "receptions": [
            ("R6", "rejected", "agent_not_active"),
            ("R6", "duplicate", "agent_not_active"),
            ("R8", "out_of_period", "agent_not_active"),
        ],
        "surveys": [("V4", "rejected", "agent_not_active")],
        "complaints": [],
        "purchases": [],
        "consultations": [],
    }
    document = json.loads(json.dumps(gone.document(), default=str))
    assert (document["scorecard"], document["metrics"], document["not_active"]) == (
        None,
        [],
        "left",
    )
    assert document["roster"] == {
        "agent_id": "gone",
        "agent_name": "赵强",
        "store_id": "S1",
        "team_id": "T1",
        "hired_on": "2019-01-01",
        "left_on": "2026-08-31",
    }
    assert [(r["source"], r["record_id"], r["class"]) for r in document["rows"]] == [
        ("receptions", "R6", "rejected"),
        ("receptions", "R6", "duplicate"),
        ("receptions", "R8", "out_of_period"),
        ("surveys", "V4", "rejected"),
    ]
    assert (nobody.not_active, nobody.roster) == ("not_on_roster", None)
    assert nobody.rows["complaints"].select("record_id", "reasons").rows() == [
        ("K3", "unknown_agent")
    ]
    args = ["explain", "--month", "2026-10", "--warehouse", url, "--archive", str(archive_dir)]
    assert main([*args, "--agent", "gone", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(
        f"Agent gone has no scorecard in 2026-10 version 1 (run {result.run_id}): 赵强 (store "
        "S1) left on 2026-08-31, before the period began on 2026-10-01. None of the rows "
        "below counted; each says why.\n\nCustomers received: 3 row(s)\n"
    )
    assert (
        "  receptions.csv    7  R6      rejected       agent_not_active          C5\n"
        "  receptions.csv    8  R6      duplicate      agent_not_active          C5\n"
        "  receptions.csv    9  R8      out_of_period  agent_not_active          C6\n"
    ) in text
    assert "Complaint rate: 0 row(s)\n  (no rows)" in text
    assert main([*args, "--agent", "nobody", "--lang", "zh-CN"]) == 0
    assert capsys.readouterr().out.startswith(
        f"客服 nobody 在 2026-10 第 1 版（运行 {result.run_id}）中没有考核结果："
        "不在当月的花名册中。"
    )
    assert main([*args, "--agent", "gone", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scorecard"] is None


def test_an_archive_that_disagrees_is_refused_and_a_missing_one_is_named(published, url):
    result, _, archive_dir = published
    engine = sa.create_engine(url)  # the warehouse changed after publishing
    with engine.begin() as conn:
        conn.execute(
            sa.update(KPI_AGENT_MONTHLY)
            .where(KPI_AGENT_MONTHLY.c.agent_id == "a1")
            .values(survey_count=7)
        )
    engine.dispose()
    with pytest.raises(
        Exception,
        match="does not reproduce agent a1's scorecard "
        r"\(survey_count: stored 7, archive 1\)",
    ):
        explained(url, archive_dir)
    shutil.rmtree(archive_dir / "2026-10" / result.run_id)
    with pytest.raises(ArchiveError, match="has no archive"):
        explained(url, archive_dir)


def test_a_killed_run_leaves_no_archive_that_could_pass_for_a_version(published, url):
    result, exports, archive_dir = published
    month = archive_dir / "2026-10"
    # What a run killed after staging leaves: not-current rows and their complete archive;
    # one killed while validating leaves a partial folder.
    shutil.copytree(month / result.run_id, month / "killed")
    (month / ".dead.partial").mkdir()
    engine = connection.connect(url)
    columns = [c.name for c in KPI_AGENT_MONTHLY.columns]
    picked = ", ".join(
        {"version": "2", "is_current": "FALSE", "run_id": "'killed'"}.get(c, c) for c in columns
    )
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                f"INSERT INTO kpi_agent_monthly ({', '.join(columns)}) SELECT "
                f"{picked} FROM kpi_agent_monthly"
            )
        )
    engine.dispose()
    again = publish(OCT, paths(exports, url, archive=archive_dir), force=True, allow_rejects=True)
    assert sorted(p.name for p in month.iterdir()) == sorted([result.run_id, again.run_id])
    assert explained(url, archive_dir).info.run_id == again.run_id
    assert explained(url, archive_dir, version=1).info.run_id == result.run_id
    assert archive.read(archive_dir, OCT, "killed") is None


def test_a_failed_or_unchanged_run_keeps_no_archive(published, url):
    result, exports, archive_dir = published
    run_paths = paths(exports, url, docs=archive_dir.parent / "docs", archive=archive_dir)
    unchanged = publish(OCT, run_paths, allow_rejects=True)
    (exports / "2026-10" / "purchases.csv").unlink()
    with pytest.raises(Exception, match="purchases.csv"):
        publish(OCT, run_paths, force=True)
    assert unchanged.status == "unchanged"
    assert [p.name for p in (archive_dir / "2026-10").iterdir()] == [result.run_id]
    manifest = archive.read(archive_dir, OCT, result.run_id).manifest
    assert [f["source"] for f in manifest["files"]] == [
        "agents",
        "receptions",
        "surveys",
        "complaints",
        "purchases",
        "consultations",
        "appeals",
    ]
    assert manifest["scheme"]["file"] == "default-2026.yaml"
    rows = archive.read(archive_dir, OCT, result.run_id).rows("receptions")
    assert rows.height == len(ROWS["receptions"]) and rows.columns[:3] == [
        "row_number",
        "row_class",
        "reasons",
    ]
    assert pl.Series(rows["row_class"]).value_counts().height == 4


def test_a_run_keeps_the_partial_archive_of_a_living_run_of_another_warehouse(published, url):
    """Issue 24: two warehouses, one archive folder. The month's lock is a warehouse's,
    so the clean-up of partial folders must spare a folder that a living run holds (a run
    of the same month in another warehouse) and remove one nobody holds (a dead run's)."""
    result, exports, archive_dir = published
    month = archive_dir / "2026-10"
    (month / ".dead.partial").mkdir()
    with archive.writing(archive_dir, OCT, "other-warehouse") as held:
        (held / "receptions.parquet").write_bytes(b"being written")
        again = publish(
            OCT, paths(exports, url, archive=archive_dir), force=True, allow_rejects=True
        )
        assert (held / "receptions.parquet").read_bytes() == b"being written"
    assert again.status == "published"
    assert sorted(p.name for p in month.iterdir()) == sorted(
        [".other-warehouse.partial", result.run_id, again.run_id]
    )


def test_an_archive_that_cannot_be_written_fails_the_run_in_words(published, url, monkeypatch):
    """Issue 24: the partial folder gone under the run (removed by another process) ends
    the run with the archive's message and exit 3, never polars' traceback, and publishes
    nothing."""
    from flows.inputs import validate

    result, exports, archive_dir = published
    real = validate.read_export

    def read_after_the_folder_went(path, export):
        for folder in (archive_dir / "2026-10").glob(".*.partial"):
            shutil.rmtree(folder)
        return real(path, export)

    monkeypatch.setattr(validate, "read_export", read_after_the_folder_went)
    with pytest.raises(ArchiveError) as err:
        publish(OCT, paths(exports, url, archive=archive_dir), force=True, allow_rejects=True)
    message = err.value.for_operator()
    assert err.value.exit_code == 3
    assert (
        message.startswith("2026-10: ") and ".partial: cannot write the run's archive (" in message
    )
    assert "nothing was published. Free space or fix --archive (KPI_ARCHIVE_DIR)" in message
    current = query(url, "SELECT DISTINCT run_id FROM v_kpi_agent_current")["run_id"].to_list()
    assert current == [result.run_id]
    failed = query(url, "SELECT error FROM kpi_run WHERE status = 'failed'")["error"].to_list()
    assert len(failed) == 1 and "cannot write the run's archive" in failed[0]
