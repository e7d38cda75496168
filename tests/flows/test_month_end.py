"""Scoring and publishing a month on both warehouses (real SQLite files, real PostgreSQL)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
import sqlalchemy as sa
import yaml
from polars.testing import assert_frame_equal

from flows import steps
from flows.common.errors import KpiError, QualityGateFailed, RejectThresholdExceeded
from flows.storage import connection, locking, writes
from schemas.tables import KPI_AGENT_MONTHLY, VERSIONED
from tests.flows.conftest import backfill_months, paths, publish, query, write_month

AUG, SEP, OCT = date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)


def runs(url: str) -> list[tuple]:
    frame = query(url, "SELECT month_start, status, version FROM kpi_run ORDER BY started_at")
    return frame.with_columns(pl.col("month_start").cast(pl.String)).rows()


def month_rows(url: str, month: date) -> dict[str, list[tuple]]:
    """Every versioned table's rows of the month: (version, is_current) counts."""
    return {
        t: [
            (v, bool(c), n)
            for v, c, n in query(
                url,
                f"SELECT version, is_current, COUNT(*) AS n FROM {t} "
                "WHERE month_start = :m GROUP BY version, is_current "
                "ORDER BY version",
                m=month,
            ).rows()
        ]
        for t in (table.name for table in VERSIONED)
    }


def comparable(url: str) -> dict[str, pl.DataFrame]:
    """The published content, without what differs by run (ids, clocks)."""
    agent = query(url, "SELECT * FROM v_kpi_agent_current ORDER BY month_start, agent_id")
    team = query(url, "SELECT * FROM v_kpi_team_current ORDER BY month_start, store_id, team_id")
    outcomes = query(
        url, "SELECT * FROM kpi_appeal_outcome WHERE is_current ORDER BY month_start, appeal_id"
    )
    inputs = query(url, "SELECT * FROM kpi_run_input ORDER BY month_start, source")
    rejected = query(url, "SELECT * FROM kpi_rejected_row ORDER BY month_start, source, row_number")

    def normal(frame: pl.DataFrame) -> pl.DataFrame:
        frame = frame.drop([c for c in ("run_id", "computed_at") if c in frame.columns])
        return (
            frame.with_columns(
                pl.col(c).cast(pl.String)
                for c, t in frame.schema.items()
                if t in (pl.Date, pl.Object)
            )
            .with_columns(pl.col(pl.Decimal).cast(pl.Float64))
            .with_columns(pl.col(pl.Float64).round(9))
        )

    return {
        k: normal(v)
        for k, v in {
            "agent": agent,
            "team": team,
            "outcomes": outcomes,
            "inputs": inputs,
            "rejected": rejected,
        }.items()
    }


def test_generated_months_publish_identically_on_sqlite_and_postgresql(
    prefect_server, generated_exports, sqlite_url, postgres_url
):
    results = {}
    for url in (sqlite_url, postgres_url):
        outcome = backfill_months(
            AUG, OCT, paths(generated_exports, url, docs=generated_exports.parent / "docs")
        )
        assert [(r.month, r.status, r.version) for r in outcome] == [
            (AUG, "published", 1),
            (SEP, "published", 1),
            (OCT, "published", 1),
        ]
        results[url] = comparable(url)
    lite, pg = results[sqlite_url], results[postgres_url]
    for name in lite:
        assert lite[name].height > 0, name
        assert_frame_equal(lite[name], pg[name], check_dtypes=False)
    agent = lite["agent"]
    assert agent.filter(pl.col("status") == "scored").height > 0
    assert set(agent["month_start"]) == {"2026-08-01", "2026-09-01", "2026-10-01"}


def test_scorecards_computed_in_store_partitions_equal_one_task(
    prefect_server, generated_exports, tmp_path
):
    results = []
    for partitions in (1, 3):
        url = f"sqlite:///{tmp_path / f'p{partitions}.db'}"
        outcome = backfill_months(
            AUG, OCT, paths(generated_exports, url, docs=tmp_path / "docs"), partitions=partitions
        )
        assert {r.status for r in outcome} == {"published"}
        results.append(comparable(url))
    for name in results[0]:
        assert_frame_equal(results[0][name], results[1][name])


def test_an_unchanged_rerun_publishes_nothing_and_force_does(
    prefect_server, generated_exports, url
):
    run_paths = paths(generated_exports, url)
    assert publish(OCT, run_paths).status == "published"
    again = publish(OCT, run_paths)
    assert (again.status, again.version) == ("unchanged", 1)
    forced = publish(OCT, run_paths, force=True)
    assert (forced.status, forced.version) == ("published", 2)
    assert runs(url) == [
        ("2026-10-01", "published", 1),
        ("2026-10-01", "unchanged", 1),
        ("2026-10-01", "published", 2),
    ]
    agents = month_rows(url, OCT)["kpi_agent_monthly"]
    assert [(v, c) for v, c, _ in agents] == [(1, False), (2, True)]
    assert agents[0][2] == agents[1][2] > 0
    # The same bonuses: no payroll adjustment.
    assert query(url, "SELECT COUNT(*) AS n FROM kpi_payroll_adjustment")["n"][0] == 0


def test_an_unchanged_month_is_found_from_its_hashes_and_recorded_without_a_flow(
    prefect_server, generated_exports, tmp_path, url
):
    """`kpi run`'s look before any flow starts: an unchanged month is recorded at once,
    with the current version's files and counts as its lineage and no flow run; a file
    changed since is read by the flow; a change between the look and the lock is a
    failed run that says so, never a publish without a flow."""
    from flows.common.settings import Settings
    from flows.month_end import _run_month, unchanged_month
    from tests.flows.conftest import _options

    shutil.copytree(generated_exports / "2026-10", tmp_path / "exports" / "2026-10")
    run_paths = paths(tmp_path / "exports", url)
    options = _options(run_paths)
    settings = Settings.resolve(**options.folders())
    assert unchanged_month(OCT, settings, options) is None  # no version yet
    published = publish(OCT, run_paths)
    assert unchanged_month(OCT, settings, options.model_copy(update={"force": True})) is None
    found = unchanged_month(OCT, settings, options)
    assert (found.status, found.version) == ("unchanged", 1)
    assert found.rows == published.rows
    recorded = query(url, "SELECT run_id, status, flow_run_id FROM kpi_run ORDER BY started_at")
    assert recorded["status"].to_list() == ["published", "unchanged"]
    assert recorded["flow_run_id"][0] is not None and recorded["flow_run_id"][1] is None
    inputs = [
        query(url, "SELECT * FROM kpi_run_input WHERE run_id = :r ORDER BY source", r=r)
        for r in recorded["run_id"]
    ]
    assert_frame_equal(inputs[0].drop("run_id"), inputs[1].drop("run_id"))

    with (tmp_path / "exports" / "2026-10" / "complaints.csv").open("a") as fh:
        fh.write("\n")  # a blank line more: the same rows, another file
    assert unchanged_month(OCT, settings, options) is None
    with pytest.raises(KpiError, match="changed while kpi run looked at them; run it again"):
        _run_month(OCT, settings, options, None, None, only_unchanged=True)
    assert runs(url)[2:] == [("2026-10-01", "failed", 1)]
    again = publish(OCT, run_paths)  # the flow reads it: another file, a new version
    assert (again.status, again.version) == ("published", 2)


def test_a_changed_scheme_publishes_a_new_version_with_payroll_adjustments(
    prefect_server, generated_exports, url, schemes
):
    run_paths = paths(generated_exports, url, schemes)
    publish(OCT, run_paths)
    before = query(
        url, "SELECT agent_id, tier, bonus_amount FROM v_payroll_bonus ORDER BY agent_id"
    )
    data = yaml.safe_load((schemes / "default-2026.yaml").read_text())
    for tier in data["tiers"]:
        tier["bonus"] += 100 if tier["tier"] != "E" else 0
    data["version"] = "default-2026-raised"  # a changed file has a new version (kpi_scheme)
    (schemes / "default-2026.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    result = publish(OCT, run_paths)
    assert (result.status, result.version) == ("published", 2)
    adjustments = query(
        url,
        "SELECT agent_id, from_version, to_version, bonus_before, "
        "bonus_after, delta, currency, export_id "
        "FROM kpi_payroll_adjustment ORDER BY agent_id",
    )
    paid = before.filter(pl.col("tier") != "E")
    assert adjustments["agent_id"].to_list() == paid["agent_id"].to_list()
    assert result.adjustments == paid.height > 0
    for row, old in zip(adjustments.iter_rows(named=True), paid.iter_rows(named=True), strict=True):
        assert (row["from_version"], row["to_version"]) == (1, 2)
        assert Decimal(str(row["bonus_before"])) == Decimal(str(old["bonus_amount"]))
        assert Decimal(str(row["delta"])) == Decimal("100")
        assert (row["currency"], row["export_id"]) == ("CNY", None)


def test_a_scheme_change_between_two_months(prefect_server, generated_exports, url, schemes):
    data = yaml.safe_load((schemes / "default-2026.yaml").read_text())
    data.update(version="2026-10", effective_from=OCT)
    (schemes / "from-2026-10.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    backfill_months(SEP, OCT, paths(generated_exports, url, schemes))
    got = query(
        url,
        "SELECT DISTINCT month_start, scheme_version FROM v_kpi_agent_current ORDER BY month_start",
    )
    assert got["scheme_version"].to_list() == ["default-2026", "2026-10"]


@pytest.mark.parametrize("where", ["staging", "gate"])
def test_a_failure_inside_publishing_leaves_the_previous_version_current(
    prefect_server, generated_exports, url, monkeypatch, where
):
    run_paths = paths(generated_exports, url)
    publish(OCT, run_paths)
    published = month_rows(url, OCT)
    real_write = writes.write_frame

    def failing_write(conn, table, frame):
        if table.name == "kpi_appeal_outcome":  # after the agent and team rows, same transaction
            raise RuntimeError("disk full")
        real_write(conn, table, frame)

    def failing_gate(*args, **kwargs):
        raise QualityGateFailed("injected: score out of range")

    if where == "staging":
        monkeypatch.setattr(writes, "write_frame", failing_write)
    else:
        monkeypatch.setattr(steps, "PUBLISH", dataclasses.replace(steps.PUBLISH, gate=failing_gate))
    with pytest.raises((RuntimeError, QualityGateFailed)):
        publish(OCT, run_paths, force=True)
    monkeypatch.undo()
    assert month_rows(url, OCT) == published  # no partial rows, version 1 current
    failed = query(url, "SELECT status, version, error FROM kpi_run WHERE status = 'failed'")
    assert failed.rows() == [
        (
            "failed",
            1,
            "RuntimeError: disk full" if where == "staging" else "injected: score out of range",
        )
    ]
    assert publish(OCT, run_paths, force=True).version == 2  # versions stay consecutive


def test_abandoned_rows_of_a_killed_run_are_removed_by_the_next(
    prefect_server, generated_exports, url
):
    run_paths = paths(generated_exports, url)
    publish(OCT, run_paths)
    engine = connection.connect(url)
    columns = [c.name for c in KPI_AGENT_MONTHLY.columns]
    picked = ", ".join(
        {"version": "2", "is_current": "FALSE", "run_id": "'killed'"}.get(c, c) for c in columns
    )
    with engine.begin() as conn:  # what a run killed after step 3 leaves behind
        conn.execute(
            sa.text(
                f"INSERT INTO kpi_agent_monthly ({', '.join(columns)}) SELECT {picked} "
                "FROM kpi_agent_monthly WHERE month_start = :m AND version = 1"
            ),
            {"m": OCT},
        )
    engine.dispose()
    assert [r[:2] for r in month_rows(url, OCT)["kpi_agent_monthly"]] == [(1, True), (2, False)]
    result = publish(OCT, run_paths, force=True)
    assert result.version == 2
    assert [r[:2] for r in month_rows(url, OCT)["kpi_agent_monthly"]] == [(1, False), (2, True)]
    assert (
        query(url, "SELECT COUNT(*) AS n FROM kpi_agent_monthly WHERE run_id = 'killed'")["n"][0]
        == 0
    )


def test_rejects_over_the_threshold_fail_the_month_but_are_recorded(prefect_server, tmp_path, url):
    rows = {
        "receptions": [
            f"R{i},S1,{'zz' if i <= 5 else 'a1'},C,2026-10-05 10:00" for i in range(1, 11)
        ]
    }
    run_paths = paths(write_month(tmp_path, rows), url)
    with pytest.raises(RejectThresholdExceeded, match="receptions.csv: 5 of 10 rows rejected"):
        publish(OCT, run_paths)
    assert query(url, "SELECT status FROM kpi_run")["status"].to_list() == ["failed"]
    assert query(
        url, "SELECT record_id, reasons, source_line FROM kpi_rejected_row ORDER BY row_number"
    ).rows() == [(f"R{i}", "unknown_agent", i + 1) for i in range(1, 6)]  # header: line 1
    assert month_rows(url, OCT)["kpi_agent_monthly"] == []
    result = publish(OCT, run_paths, allow_rejects=True)
    assert result.status == "published"
    run = query(url, "SELECT allow_rejects, warnings FROM kpi_run WHERE status = 'published'")
    assert [bool(v) for v in run["allow_rejects"]] == [True]
    assert "--allow-rejects" in run["warnings"][0]


def strict_september(schemes: Path) -> None:
    """From September on a scheme that warns below 95, and October back to the default."""
    data = yaml.safe_load((schemes / "default-2026.yaml").read_text())
    (schemes / "strict.yaml").write_text(
        yaml.safe_dump(
            {
                **data,
                "version": "strict",
                "effective_from": SEP,
                "penalties": {**data["penalties"], "warning_below": 95},
            },
            allow_unicode=True,
        )
    )
    (schemes / "october.yaml").write_text(
        yaml.safe_dump({**data, "version": "october", "effective_from": OCT}, allow_unicode=True)
    )


def test_a_later_month_is_stale_only_when_what_it_reads_changed(
    prefect_server, generated_exports, url, schemes
):
    run_paths = paths(generated_exports, url, schemes)
    backfill_months(SEP, OCT, run_paths)
    # The same inputs again: nothing October reads changed, so it is not stale.
    forced = publish(SEP, run_paths, force=True)
    assert (forced.version, forced.stale_months) == (2, [])
    assert [r.status for r in backfill_months(OCT, OCT, run_paths)] == ["unchanged"]
    # September's warnings change: October's consecutive-month counts would change.
    strict_september(schemes)
    strict = publish(SEP, run_paths)
    assert (strict.version, strict.stale_months) == (3, [OCT])
    warnings = query(
        url,
        "SELECT warnings FROM kpi_run WHERE month_start = :m AND "
        "version = 3 AND status = 'published'",
        m=SEP,
    )["warnings"][0]
    assert "now stale" in warnings and "2026-10" in warnings
    # Its fingerprint changed, so a backfill republishes it (and says nothing is stale:
    # it runs October itself).
    again = backfill_months(SEP, OCT, run_paths)
    assert [(r.status, r.version, r.stale_months) for r in again] == [
        ("unchanged", 3, []),
        ("published", 2, []),
    ]


def test_a_month_is_locked_while_a_run_holds_it(url):
    import os
    import socket

    engine = connection.connect(url)
    with locking.month_lock(engine, OCT, "first-run", flow_run_id="f-9"):
        if url.startswith("postgresql"):  # the holder's flow run comes from its running row
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO kpi_run (run_id, month_start, status, started_at, "
                    "allow_rejects, allow_incomplete, flow_run_id) VALUES ('first-run', "
                    "'2026-10-01', 'running', '2026-12-04 08:00:00+00', false, false, 'f-9')"
                )
        with (
            pytest.raises(KpiError, match="locked by another run") as err,
            locking.month_lock(engine, OCT, "second", wait_seconds=0.3),
        ):
            pass
        assert err.value.for_operator().startswith("2026-10: the month is locked")
        # Who holds it: the run, its host and process, its Prefect flow run (what to stop).
        said = str(err.value)
        assert said.startswith(
            f"the month is locked by another run (run first-run, pid {os.getpid()} on "
            f"{socket.gethostname()}"
        ), said
        assert "Prefect flow run f-9, started " in said
        with locking.month_lock(engine, SEP, "other-month", wait_seconds=0.3):
            pass  # other months are free
    with locking.month_lock(engine, OCT, "after", wait_seconds=0.3):
        pass  # released
    engine.dispose()


def test_rerunning_a_month_after_an_approved_appeal(
    prefect_server, generated_exports, url, tmp_path
):
    exports = tmp_path / "exports"
    shutil.copytree(generated_exports / "2026-10", exports / "2026-10")
    run_paths = paths(exports, url)
    publish(OCT, run_paths)
    before = query(
        url,
        "SELECT agent_id, bonus_amount FROM v_payroll_bonus WHERE tier <> 'A' ORDER BY agent_id",
    ).row(0, named=True)
    header = (
        "appeal_id,agent_id,month,feedback_on,filed_on,kind,record_type,record_id,"
        "score_delta,reason,status,decided_by,decided_on"
    )
    (exports / "2026-10" / "appeals.csv").write_text(
        f"{header}\nAP1,{before['agent_id']},2026-10,2026-11-03,2026-11-04,adjust_score,,,"
        "100,复核,approved,经理,2026-11-05\n",
        encoding="utf-8",
    )
    result = publish(OCT, run_paths)
    assert (result.status, result.version, result.adjustments) == ("published", 2, 1)
    card = query(
        url,
        "SELECT score, tier, bonus_amount, score_adjustment "
        "FROM v_kpi_agent_current WHERE agent_id = :a",
        a=before["agent_id"],
    ).row(0)
    assert [float(v) if v is not None and not isinstance(v, str) else v for v in card] == [
        100.0,
        "A",
        2000.0,
        100.0,
    ]
    adjustment = query(url, "SELECT agent_id, delta FROM kpi_payroll_adjustment").row(0)
    assert adjustment[0] == before["agent_id"]
    assert float(adjustment[1]) == 2000.0 - float(before["bonus_amount"])
    outcome = query(
        url,
        "SELECT appeal_id, is_applied, reason, deadline_on, score_delta, record_type, "
        "record_id, decided_by, decided_on FROM kpi_appeal_outcome WHERE is_current",
    ).row(0)
    assert (outcome[0], bool(outcome[1]), outcome[2], str(outcome[3])) == (
        "AP1",
        True,
        None,
        "2026-11-10",
    )
    # The appeal as read, for BI: its delta, record (none here) and decision.
    assert (float(outcome[4]), *outcome[5:8], str(outcome[8])) == (
        100.0,
        None,
        None,
        "经理",
        "2026-11-05",
    )


def test_appeal_adjustments_past_9999_99_are_clamped_to_a_hundred_points(
    prefect_server, tmp_path, url
):
    """Hand-computed: a1's three surveys of 4 make satisfaction (the only applicable
    metric, weight 100) (4 - 3) / (5 - 3) = 0.5, so 50.00 points; +6000 and +5000.50 add
    up to 11000.50, stored as +100.00: score 100.00 (150.00 clamped), tier A. a2's three 5s
    make 100.00; -150.00 is stored as -100.00: score 0.00. No traceback, and the run's
    warnings name each agent, the appeals and the sum as filed."""
    surveys = [f"S{i},S1,a1,C{i},2026-10-05 10:00:00,4" for i in range(3)]
    surveys += [f"T{i},S1,a2,D{i},2026-10-05 10:00:00,5" for i in range(3)]
    appeal = "{},{},2026-10,2026-10-28,2026-10-29,adjust_score,,,{},复核,approved,经理,2026-10-30"
    appeals = [
        appeal.format("P1", "a1", "6000"),
        appeal.format("P2", "a1", "5000.50"),
        appeal.format("P3", "a2", "-150"),
    ]
    run_paths = paths(write_month(tmp_path, {"surveys": surveys}, appeals=appeals), url)
    result = publish(OCT, run_paths)
    assert result.status == "published"
    cards = query(
        url,
        "SELECT agent_id, score_before_adjustment, score_adjustment, score, tier "
        "FROM v_kpi_agent_current ORDER BY agent_id",
    )
    assert [
        (a, Decimal(str(b)), Decimal(str(d)), Decimal(str(s)), t) for a, b, d, s, t in cards.rows()
    ] == [
        ("a1", Decimal("50"), Decimal("100"), Decimal("100"), "A"),
        ("a2", Decimal("100"), Decimal("-100"), Decimal("0"), "E"),
    ]
    expected = [
        "agent a1: the applied adjust_score appeals P1, P2 add up to +11000.50 points; stored "
        "as a score_adjustment of +100.00 (a score lies in 0..100, so no adjustment moves it "
        "further: the score is the same)",
        "agent a2: the applied adjust_score appeals P3 add up to -150.00 points; stored as a "
        "score_adjustment of -100.00 (a score lies in 0..100, so no adjustment moves it "
        "further: the score is the same)",
    ]
    assert [w for w in result.warnings if w.startswith("agent ")] == expected
    logged = query(url, "SELECT warnings FROM kpi_run WHERE status = 'published'")["warnings"][0]
    assert all(w in logged for w in expected)


def test_a_november_run_warns_of_no_holiday_data_it_does_not_need(prefect_server, tmp_path, url):
    """November 2026's appeals (feedback on 12-01, deadline 12-08) need no day of 2027, for
    which the holiday package has no data: no warning (the calendar's slack reached 2027
    and warned on every November run)."""
    surveys = [f"S{i},S1,a1,C{i},2026-11-05 10:00:00,4" for i in range(3)]
    appeals = ["P1,a1,2026-11,2026-12-01,2026-12-02,adjust_score,,,1,复核,approved,经理,2026-12-03"]
    root = write_month(tmp_path / "exports", {"surveys": surveys}, appeals=appeals)
    (root / "2026-10").rename(root / "2026-11")
    result = publish(date(2026, 11, 1), paths(root, url))
    assert result.status == "published"
    assert [w for w in result.warnings if "holiday" in w] == []
    deadline = query(url, "SELECT deadline_on FROM kpi_appeal_outcome")["deadline_on"]
    assert [str(d) for d in deadline] == ["2026-12-08"]


def test_a_run_that_fails_before_reading_is_logged(prefect_server, tmp_path, url):
    root = write_month(tmp_path)
    (root / "2026-10" / "receptions.csv").unlink()
    with pytest.raises(KpiError, match="receptions.csv: required"):
        publish(OCT, paths(root, url))
    failed = query(url, "SELECT status, version, error FROM kpi_run").row(0)
    assert failed[:2] == ("failed", None)
    assert "receptions.csv: required" in failed[2]


def test_a_version_failing_the_expectation_suite_is_not_published(
    prefect_server, generated_exports, url, monkeypatch, tmp_path
):
    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    first = publish(OCT, run_paths)
    assert first.data_docs and first.data_docs.endswith(".html")
    assert f"/validations/kpi_agent_monthly/{first.run_id}/" in first.data_docs
    assert Path(first.data_docs).is_file()
    published = month_rows(url, OCT)
    from transforms.results import scorecards_and_teams

    def broken(*args, **kwargs):  # a bug that gives the first scored agent tier A
        scorecards, teams = scorecards_and_teams(*args, **kwargs)
        first = ((pl.col("status") == "scored") & (pl.col("tier") != "A")).arg_true().first()
        return scorecards.with_columns(
            pl.when(pl.int_range(pl.len()) == first)
            .then(pl.lit("A"))
            .otherwise(pl.col("tier"))
            .alias("tier")
        ), teams

    monkeypatch.setattr(steps, "compute_scorecards", steps.step(broken, "compute-scorecards"))
    with pytest.raises(
        QualityGateFailed, match="kpi_agent_monthly: tier and bonus follow the score"
    ) as err:
        publish(OCT, run_paths, force=True)
    assert err.value.for_operator().startswith("2026-10: version 2 failed the quality gate")
    monkeypatch.undo()
    assert month_rows(url, OCT) == published
    failed = query(url, "SELECT data_docs FROM kpi_run WHERE status = 'failed'")
    docs = Path(failed["data_docs"][0])  # the failing validation's page in the one site
    root = (tmp_path / "docs").resolve()
    site = root / docs.relative_to(root).parts[0]
    assert docs.relative_to(site).parts[:2] == ("validations", "kpi_agent_monthly")
    page = docs.read_text()
    assert "Status: Failed" in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Unsuccessful Expectations 1" in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert len(list(site.glob("validations/kpi_agent_monthly/*"))) == 2  # both runs
    stored = [p for p in site.rglob("*") if p.suffix in (".html", ".json")]
    text = "".join(p.read_text(errors="ignore") for p in stored)
    assert "postgres@" not in text and "warehouse.db" not in text  # the URL stays out


def test_the_operations_guides_bi_queries_run_on_both_warehouses(
    prefect_server, generated_exports, url
):
    backfill_months(AUG, OCT, paths(generated_exports, url))
    readme = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text()
    block = readme.split("```sql\n")[1].split("```")[0]
    queries = [q.strip() for q in block.split(";") if q.strip()]
    assert len(queries) == 3
    trend, tiers, demotions = (query(url, q) for q in queries)
    assert trend["month_start"].cast(pl.String).to_list() == [
        "2026-08-01",
        "2026-09-01",
        "2026-10-01",
    ]
    assert (
        tiers["agents"].sum()
        == query(
            url, "SELECT COUNT(*) AS n FROM v_kpi_agent_current WHERE month_start = '2026-10-01'"
        )["n"][0]
    )
    reviews = query(
        url,
        "SELECT agent_id, month_start FROM kpi_agent_monthly WHERE "
        "is_current AND consecutive_months_below_60 >= 2 ORDER BY agent_id",
    )
    assert demotions.height == reviews.height > 0  # the data has reviews, and all are listed
    assert sorted(demotions["agent_id"]) == reviews["agent_id"].to_list()
    assert demotions["consecutive_months_below_60"].min() >= 2


def test_a_run_without_a_month_scores_the_one_before_its_scheduled_start_in_shanghai():
    from flows.month_end import scheduled_month

    assert scheduled_month(datetime(2027, 1, 1, 2, tzinfo=UTC)) == date(2026, 12, 1)
    # 30 November 23:00 UTC is 1 December 07:00 in Shanghai: November is scored.
    assert scheduled_month(datetime(2026, 11, 30, 23, tzinfo=UTC)) == date(2026, 11, 1)
    assert scheduled_month(datetime(2026, 11, 30, 15, tzinfo=UTC)) == date(2026, 10, 1)


def test_pipeline_timestamps_are_utc_with_a_zone_on_postgresql(
    prefect_server, generated_exports, postgres_url
):
    before = datetime.now(UTC)
    publish(OCT, paths(generated_exports, postgres_url))
    types = dict(
        query(
            postgres_url,
            "SELECT table_name || '.' || column_name AS c, "
            "data_type AS t FROM information_schema.columns "
            "WHERE column_name IN ('computed_at', 'started_at', "
            "'finished_at', 'created_at')",
        ).rows()
    )
    assert set(types.values()) == {"timestamp with time zone"}
    assert {
        "kpi_agent_monthly.computed_at",
        "kpi_run.started_at",
        "kpi_payroll_adjustment.created_at",
    } <= set(types)
    started = query(postgres_url, "SELECT started_at FROM kpi_run")["started_at"][0]
    assert started.utcoffset() is not None
    assert abs((started - before).total_seconds()) < 300


def test_consecutive_months_read_earlier_months_as_their_own_scheme_judged_them(
    prefect_server, generated_exports, url, schemes
):
    """From October a stricter scheme warns below 95; September stays judged by its own
    scheme's line (60): its stored flags are read, never re-judged."""
    data = yaml.safe_load((schemes / "default-2026.yaml").read_text())
    (schemes / "strict.yaml").write_text(
        yaml.safe_dump(
            {
                **data,
                "version": "strict",
                "effective_from": OCT,
                "penalties": {**data["penalties"], "warning_below": 95},
            },
            allow_unicode=True,
        )
    )
    backfill_months(AUG, OCT, paths(generated_exports, url, schemes))
    cards = query(
        url,
        "SELECT agent_id, month_start, score, is_warning, "
        "consecutive_months_below_60 AS run FROM v_kpi_agent_current",
    )
    by = {(r["agent_id"], str(r["month_start"])): r for r in cards.iter_rows(named=True)}
    checked_strict = 0
    for (agent, month), card in by.items():
        if month != "2026-10-01" or not card["is_warning"]:
            continue
        sep, aug = by.get((agent, "2026-09-01")), by.get((agent, "2026-08-01"))
        before = 0
        if sep and sep["is_warning"]:
            before = 1 + (1 if aug and aug["is_warning"] else 0)
        assert card["run"] == 1 + before, agent
        if sep and sep["score"] is not None and 60 <= float(sep["score"]) < 95:
            checked_strict += 1  # warned under October's line, not September's: not counted
            assert card["run"] == 1
    assert checked_strict > 0


def test_a_published_month_writes_its_report_and_a_report_failure_only_warns(
    prefect_server, generated_exports, url, tmp_path
):
    run_paths = paths(generated_exports, url)
    reports = tmp_path / "reports"
    first = publish(AUG, run_paths, reports_dir=str(reports))
    # The version's own folder (it keeps showing version 1); the month's shows it too.
    assert first.report == str((reports / "2026-08" / "v1" / "index.html").resolve())
    agents = query(
        url,
        "SELECT agent_id FROM kpi_agent_monthly WHERE month_start = :m AND is_current",
        m=AUG,
    )["agent_id"].to_list()
    for folder in (reports / "2026-08", reports / "2026-08" / "v1"):
        assert sorted(p.stem for p in (folder / "agents").iterdir()) == sorted(agents)
        marker = (folder / ".kpi-report").read_text(encoding="utf-8")
        assert marker == (
            '{"month": "2026-08", "version": 1, "current_version": 1, '
            f'"run_id": "{first.run_id}", "lang": "en", '
            '"store": null, "pdf": false, "timezone": "Asia/Shanghai"}\n'
        )
    # A folder that is not an earlier report: the month is published all the same.
    (reports / "2026-09").mkdir()
    (reports / "2026-09" / "notes.txt").write_text("mine")
    second = publish(SEP, run_paths, reports_dir=str(reports))
    assert (second.status, second.version, second.report) == ("published", 1, None)
    expected = (
        f"the report was not written to {reports / '2026-09'} (run kpi report to retry): "
        f"{reports / '2026-09'} exists and is not an earlier report"
    )
    assert second.warnings[-1].startswith(expected)
    recorded = query(url, "SELECT status, warnings FROM kpi_run WHERE month_start = :m", m=SEP)
    assert recorded["status"].to_list() == ["published"]
    assert recorded["warnings"][0] == "\n".join(second.warnings)
    assert (reports / "2026-09" / "notes.txt").read_text() == "mine"
    assert month_rows(url, SEP)["kpi_agent_monthly"][0][:2] == (1, True)
    # No report asked for: none written, nothing to warn about.
    third = publish(OCT, run_paths, reports_dir="")
    assert (third.status, third.report, third.warnings) == ("published", None, [])
    assert not (reports / "2026-10").exists()


def test_a_run_whose_process_is_told_to_exit_ends_failed_naming_its_month(
    prefect_server, generated_exports, sqlite_url, tmp_path, monkeypatch
):
    """Its worker killed, a run's process dies on its closed output pipe (SystemExit):
    Prefect showed "Crashed: Execution was aborted by Python system exit call", naming
    nothing; now Failed, naming the run and what to do."""
    import flows.month_end

    def told_to_exit(*args, **kwargs):
        raise SystemExit(1)

    monkeypatch.setattr(flows.month_end, "run_month", told_to_exit)
    state = publish(OCT, paths(generated_exports, sqlite_url, docs=tmp_path), return_state=True)
    assert state.is_failed()
    assert state.message == (
        "month-end 2026-10: the run's process was told to exit (SystemExit: 1), as when its "
        "worker stops or is killed; nothing of an unfinished month was published and its "
        "kpi_run row says so. Start the worker again and run the month again"
    )
