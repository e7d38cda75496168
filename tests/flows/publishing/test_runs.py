"""The run protocol (`flows.publishing.runs`): what a run compares, refuses and records.

Real warehouses (SQLite files, the PostgreSQL server); the month-end flow as a
deployment or the CLI calls it, and the protocol's steps called directly where a test
needs another run to act in between.
"""

from __future__ import annotations

import html
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest
import sqlalchemy as sa

from flows.common.errors import IncompleteMonth, MonthGap
from flows.common.settings import DEFAULT_SCHEMES_DIR, Settings
from flows.inputs.schemes import scheme_for_month
from flows.inputs.validate import extract_and_validate
from flows.publishing import attempts, outcomes, runs
from flows.storage import connection, locking, reads, writes
from flows.storage.failures import ConcurrentPublish, MonthLocked, WarehouseUnusable
from schemas.tables import KPI_IMPROVEMENT_PLAN
from tests.flows.conftest import backfill_months, paths, publish, query, scorecard_rows
from transforms.interviews import improvement_plan
from transforms.results import prepare, scorecards_and_teams

AUG, SEP, OCT = date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)


def runs_of(url: str) -> list[tuple]:
    return (
        query(url, "SELECT month_start, status, version FROM kpi_run ORDER BY started_at")
        .with_columns(pl.col("month_start").cast(pl.String))
        .rows()
    )


def test_a_run_whose_month_was_published_meanwhile_can_neither_stage_nor_flip(
    prefect_server, generated_exports, url, tmp_path
):
    """The flip compares with the version read when the run started, so a run that lost
    its lock cannot make a version computed from stale history current."""
    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    config = Settings.resolve(
        exports_dir=str(generated_exports), data_docs_dir=str(tmp_path / "docs")
    )
    scheme_file = scheme_for_month(DEFAULT_SCHEMES_DIR, OCT)
    attempt = attempts.Attempt(
        OCT,
        config,
        outcomes.RunOptions(),
        scheme_file=scheme_file,
        validated=extract_and_validate(generated_exports, OCT, 0.02),
    )
    engine = connection.connect(url)
    run = runs.begin(attempt, reads.month_state(engine, OCT))  # nothing published yet
    assert (run.base, run.version) == (None, 1)
    publish(OCT, run_paths)  # another run publishes version 1 meanwhile
    prepared = prepare(attempt.validated.records, scheme_file.scheme, OCT)
    cards, teams = scorecards_and_teams(
        attempt.validated.roster, prepared.kept, prepared.outcomes, run.streaks, scheme_file.scheme
    )
    plan = improvement_plan(attempt.validated.records["interviews"].lazy()).collect()
    computed = outcomes.Computed(
        cards, teams, prepared.outcomes, attempt.validated.roster, plan, []
    )
    with pytest.raises(
        ConcurrentPublish,
        match="version 1 was published while this run worked on version 1 from version none",
    ):
        runs.stage(engine, run, attempt.validated, computed)
    with pytest.raises(ConcurrentPublish, match="version 1 was published"):
        runs.flip(engine, run, computed, None)
    engine.dispose()
    current = query(url, "SELECT DISTINCT run_id, version FROM v_kpi_agent_current")
    assert current["version"].to_list() == [1] and current["run_id"][0] != run.run_id


def test_a_gap_before_the_month_fails_it_unless_allowed(
    prefect_server, generated_exports, url, tmp_path
):
    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    publish(AUG, run_paths)
    with pytest.raises(MonthGap) as err:
        publish(OCT, run_paths)
    assert err.value.exit_code == 3
    message = err.value.for_operator()
    assert message.startswith("2026-10: 2026-09 is not published while 2026-08 is")
    assert "kpi backfill --from 2026-09 --to 2026-10" in message and "--allow-gap" in message
    assert runs_of(url)[-1] == ("2026-10-01", "failed", None)
    result = publish(OCT, run_paths, allow_gap=True)
    assert (result.status, result.version) == ("published", 1)
    warnings = query(
        url, "SELECT warnings FROM kpi_run WHERE status = 'published' AND month_start = :m", m=OCT
    )["warnings"].item()
    assert "published with a gap in the history (--allow-gap): 2026-09 is not published" in warnings


def test_the_first_month_and_an_older_month_need_no_flag(
    prefect_server, generated_exports, sqlite_url, tmp_path
):
    run_paths = paths(generated_exports, sqlite_url, docs=tmp_path / "docs")
    assert publish(OCT, run_paths).status == "published"  # the first month ever
    assert publish(AUG, run_paths).status == "published"  # nothing published before it


def test_allow_rejects_is_recorded_only_when_a_file_was_over_the_threshold(
    prefect_server, generated_exports, sqlite_url, tmp_path
):
    run_paths = paths(generated_exports, sqlite_url, docs=tmp_path / "docs")
    publish(OCT, run_paths, allow_rejects=True)
    row = query(sqlite_url, "SELECT allow_rejects, warnings FROM kpi_run")
    assert row["allow_rejects"].to_list() == [0]  # the flag was given, nothing was over
    assert row["warnings"].item() is None


def test_a_failure_is_spooled_for_its_own_warehouse_only(
    prefect_server, generated_exports, tmp_path
):
    docs = tmp_path / "docs"
    missing = f"sqlite:///{tmp_path / 'later' / 'wh.db'}"
    with pytest.raises(WarehouseUnusable, match="folder .*later does not exist"):
        publish(OCT, paths(generated_exports, missing, docs=docs))
    spool = writes.spool_folder(docs, missing)
    assert len(list(spool.glob("*.ndjson"))) == 1
    other = f"sqlite:///{tmp_path / 'other.db'}"
    publish(OCT, paths(generated_exports, other, docs=docs))
    assert runs_of(other) == [("2026-10-01", "published", 1)]  # not the other's failure
    assert len(list(spool.glob("*.ndjson"))) == 1
    (tmp_path / "later").mkdir()
    publish(OCT, paths(generated_exports, missing, docs=docs))
    assert runs_of(missing) == [("2026-10-01", "failed", None), ("2026-10-01", "published", 1)]
    assert not list(spool.glob("*.ndjson"))


def test_a_run_refused_because_the_month_is_locked_has_its_run_row(
    prefect_server, generated_exports, url, tmp_path, monkeypatch
):
    monkeypatch.setattr(locking, "LOCK_WAIT_SECONDS", 0.3)
    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    engine = connection.connect(url)
    with locking.month_lock(engine, OCT, "holder"), pytest.raises(MonthLocked) as err:
        publish(OCT, run_paths)
    engine.dispose()
    assert err.value.exit_code == 4
    failed = query(url, "SELECT status, error FROM kpi_run").row(0)
    assert failed[0] == "failed" and "locked by another run" in failed[1]
    assert "holder" in failed[1]


def test_the_sqlite_lock_file_is_gone_when_the_run_ends(sqlite_url):
    engine = connection.connect(sqlite_url)
    lock = Path(f"{engine.url.database}.2026-10.lock")
    with locking.month_lock(engine, OCT, "r1"):
        assert lock.exists()
    assert not lock.exists()
    lock.write_text("left by a killed run")  # a killed holder's file is taken over
    with locking.month_lock(engine, OCT, "r2", wait_seconds=0.3) as abandoned:
        assert '"run_id": "r2"' in lock.read_text()
        assert abandoned == {"run_id": None, "note": "left by a killed run"}
    assert not lock.exists()
    with locking.month_lock(engine, OCT, "r3") as abandoned:
        assert abandoned is None  # r2 ended and removed its file
    engine.dispose()


def test_a_killed_run_gets_its_row_from_the_run_that_takes_its_month_over(
    prefect_server, generated_exports, tmp_path
):
    """kill -9 leaves the run's lock file (SQLite) and no row: the next run of the month
    records it as failed, with who it was, and publishes as usual."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    lock = tmp_path / "w.db.2026-10.lock"
    lock.write_text(
        '{"run_id": "dead1", "pid": 4242, "host": "vm", "started_at": "2026-11-27T08:00:00+00:00"}'
    )
    result = publish(OCT, paths(generated_exports, url, docs=tmp_path / "docs"))
    rows = query(url, "SELECT run_id, status, version, started_at, error FROM kpi_run ORDER BY 1")
    assert rows["run_id"].to_list() == sorted(["dead1", result.run_id])
    dead = rows.filter(pl.col("run_id") == "dead1").row(0, named=True)
    assert (dead["status"], dead["version"], str(dead["started_at"])[:19]) == (
        "failed",
        None,
        "2026-11-27 08:00:00",
    )
    assert dead["error"] == (
        f"killed before it finished (pid 4242 on vm); run {result.run_id} found its lock when "
        "it took the month over; nothing of it was published"
    )
    assert not lock.exists()


def test_a_read_only_sqlite_warehouse_is_not_an_outage(prefect_server, generated_exports, tmp_path):
    url = f"sqlite:///{tmp_path / 'wh.db'}"
    publish(OCT, paths(generated_exports, url, docs=tmp_path / "docs"))
    read_only = f"sqlite:///file:{tmp_path / 'wh.db'}?mode=ro&uri=true"
    with pytest.raises(WarehouseUnusable) as err:
        publish(OCT, paths(generated_exports, read_only, docs=tmp_path / "docs"), force=True)
    message = err.value.for_operator()
    assert message.startswith("2026-10: the warehouse at sqlite:///file")
    assert "attempt to write a readonly database" in message
    assert "read-only for this user" in message and "database server" not in message
    assert err.value.exit_code == 4 and not err.value.retryable


def test_a_warehouse_user_without_permissions_is_told_so(
    prefect_server, generated_exports, postgres_url, tmp_path
):
    import sqlalchemy as sa

    publish(OCT, paths(generated_exports, postgres_url, docs=tmp_path / "docs"))
    admin = sa.create_engine(postgres_url)
    with admin.begin() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS reader")
        conn.exec_driver_sql("CREATE ROLE reader LOGIN")
        conn.exec_driver_sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
    admin.dispose()
    reader = postgres_url.replace("postgres@", "reader@")
    with pytest.raises(WarehouseUnusable) as err:
        publish(OCT, paths(generated_exports, reader, docs=tmp_path / "docs"), force=True)
    assert "lacks a permission" in str(err.value) and "database server" not in str(err.value)


def test_warning_runs_are_counted_back_as_far_as_they_go():
    from transforms.scoring import warning_streaks

    months = [date(2021 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 61)]
    warned = pl.LazyFrame({"agent_id": ["a"] * 60, "month_start": months})
    streaks = warning_streaks(warned, date(2026, 1, 1)).collect()
    assert streaks.rows() == [("a", 60)]  # five years, not cut at 36 or 48 months


def test_recognition_reads_each_earlier_months_tier_under_its_own_stored_scheme(url):
    """October under the default recognition (tier A, 3 months): the two months before
    it are read with the schemes their versions were scored with, as the warehouse keeps
    them. a1: A, A. a2: S under an older scheme whose top tier is S, then A: both count.
    a3: A, then B. a4: A in a superseded version only. a5: A under a scheme the warehouse
    does not hold. July is not read (three months, October included)."""
    from schemas.tables import KPI_AGENT_MONTHLY, KPI_SCHEME

    default = (DEFAULT_SCHEMES_DIR / "default-2026.yaml").read_text(encoding="utf-8")
    older = default.replace('version: "default-2026"', 'version: "older"').replace(
        "  - {tier: A, min_score: 90",
        "  - {tier: S, min_score: 95, bonus: 3000}\n  - {tier: A, min_score: 90",
    )
    assert "tier: S" in older and 'version: "older"' in older
    aug, sep, jul = date(2026, 8, 1), date(2026, 9, 1), date(2026, 7, 1)
    cards = scorecard_rows(
        [
            {"agent_id": a, "month_start": m, "tier": tier, "scheme_version": v, **extra}
            for a, m, tier, v, extra in (
                ("a1", aug, "A", "default-2026", {}),
                ("a1", sep, "A", "default-2026", {}),
                ("a2", aug, "S", "older", {}),
                ("a2", sep, "A", "default-2026", {}),
                ("a3", aug, "A", "default-2026", {}),
                ("a3", sep, "B", "default-2026", {}),
                ("a4", sep, "A", "default-2026", {"is_current": False}),
                ("a4", sep, "E", "default-2026", {"version": 2}),
                ("a5", sep, "A", "unheld", {}),
                ("a6", jul, "A", "default-2026", {}),
                ("a6", aug, "A", "default-2026", {}),
            )
        ]
    )
    stamp = {"first_run_id": "r", "first_used_at": cards["computed_at"][0], "file_name": "f"}
    schemes = pl.DataFrame(
        [
            {"scheme_version": v, "sha256": v, "effective_from": jul, "content": c, **stamp}
            for v, c in (("default-2026", default), ("older", older))
        ]
    )
    engine = connection.connect(url)
    with engine.begin() as conn:
        writes.write_frame(conn, KPI_AGENT_MONTHLY, cards)
        writes.write_frame(conn, KPI_SCHEME, schemes.select(c.name for c in KPI_SCHEME.columns))
    state = reads.month_state(engine, OCT, recognition_months=3)
    engine.dispose()
    assert sorted(state.schemes) == ["default-2026", "older"]
    active = pl.DataFrame({"agent_id": [f"a{i}" for i in range(1, 7)]})
    recognition = scheme_for_month(DEFAULT_SCHEMES_DIR, OCT).scheme.recognition
    streaks = runs.month_streaks(
        OCT, active, recognition, state.warned, state.tiered, state.schemes
    )
    # a3: September was B; a4: its current version is E; a5: its scheme is not held;
    # a6: August only, and September breaks the run (July is not read): no row for them.
    assert streaks.select("agent_id", "previous_top_run").sort("agent_id").rows() == [
        ("a1", 2),
        ("a2", 2),
    ]


def test_exports_folder_hint_names_the_deployment_parameter_in_a_deployment():
    config = Settings.resolve(warehouse_url="sqlite:///w.db", in_flow=True, in_deployment=True)
    assert config.hint("exports").startswith("the options.exports_dir parameter")
    assert Settings.resolve().hint("exports").startswith("--exports")


def test_a_backfill_republishing_months_does_not_call_them_stale(
    prefect_server, generated_exports, url, tmp_path
):
    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    backfill_months(AUG, OCT, run_paths)
    again = backfill_months(AUG, OCT, run_paths, force=True)
    assert [(r.status, r.version, r.stale_months) for r in again] == [
        ("published", 2, []),
        ("published", 2, []),
        ("published", 2, []),
    ]


# ---------------------------------------------------------------- completeness (§9.3)


def _receptions(folder: Path) -> pl.DataFrame:
    """A month's receptions as read (every contract column as text), whatever the file's
    format."""
    from flows.inputs.extract import find_files, read_export
    from schemas.contracts import RECEPTIONS

    return read_export(find_files(folder)["receptions"], RECEPTIONS).frame


def _rewrite_receptions(folder: Path, keep: pl.Expr) -> None:
    """The month's receptions again, only the rows ``keep`` holds, as a plain CSV export."""
    rows = _receptions(folder).filter(keep).drop("row_number", "source_line", strict=False)
    for old in folder.glob("receptions.*"):
        old.unlink()
    rows.write_csv(folder / "receptions.csv")


def _day(at: str) -> pl.Expr:
    """The day of month of a reception's time as the generator writes it (any of its
    spellings: 2026-10-05 …, 2026/10/5 …)."""
    return pl.col(at).str.extract(r"^\d{4}[-/]\d{1,2}[-/](\d{1,2})", 1).cast(pl.Int32)


@pytest.fixture
def three_months(generated_exports, tmp_path) -> Path:
    """A private copy of the generated Aug-Oct months (stores S001, S002)."""
    root = tmp_path / "exports"
    shutil.copytree(generated_exports, root)
    return root


def test_a_store_incomplete_against_its_history_fails_unless_allowed(
    prefect_server, three_months, url, tmp_path
):
    """S001's October receptions cut after the 10th (an export that hit a row limit):
    below half of its August-September median and 21 days without a reception."""
    october = three_months / "2026-10"
    counts = {
        month: _receptions(three_months / month).filter(pl.col("store_id") == "S001").height
        for month in ("2026-08", "2026-09")
    }
    _rewrite_receptions(october, ~((pl.col("store_id") == "S001") & (_day("received_at") > 10)))
    kept = _receptions(october).filter(pl.col("store_id") == "S001").height
    median = (counts["2026-08"] + counts["2026-09"]) / 2
    run_paths = paths(three_months, url, docs=tmp_path / "docs")
    backfill_months(AUG, SEP, run_paths)
    with pytest.raises(IncompleteMonth) as err:
        publish(OCT, run_paths)
    assert err.value.exit_code == 1
    assert err.value.message == (
        "not published: incomplete against the stores' own history (below 50% of the "
        "median, no rows at all, or more than 7 days in a row without a reception):\n"
        f"  store S001 receptions: {kept:,} rows against a median of "
        f"{f'{median:,.1f}'.removesuffix('.0')} over 2 earlier month(s) ({kept / median:.0%}); "
        "longest run without a reception: 21 day(s)\n"
        "Check that each export is whole (a row limit, a filter, a missing week, another "
        "store's file) and export it again, or publish anyway with --allow-incomplete"
    )
    failed = query(url, "SELECT run_id FROM kpi_run WHERE status = 'failed'")["run_id"].item()
    judged = query(
        url,
        "SELECT store_id, source, row_count, baseline_months, longest_silent_days, "
        "is_incomplete FROM kpi_completeness WHERE run_id = :r ORDER BY store_id, source",
        r=failed,
    )
    assert [(r[0], r[1], r[3], bool(r[5])) for r in judged.rows()] == [
        ("S001", "consultations", 2, False),
        ("S001", "receptions", 2, True),
        ("S001", "surveys", 2, False),
        ("S002", "consultations", 2, False),
        ("S002", "receptions", 2, False),
        ("S002", "surveys", 2, False),
    ]
    assert judged.filter(pl.col("source") == "receptions")["longest_silent_days"].to_list()[0] == 21
    assert judged.row(1)[2] == kept
    result = publish(OCT, run_paths, allow_incomplete=True)
    assert result.status == "published"
    run = query(
        url,
        "SELECT allow_incomplete, allow_rejects, warnings FROM kpi_run WHERE run_id = :r",
        r=result.run_id,
    ).row(0)
    assert (bool(run[0]), bool(run[1])) == (True, False)
    assert run[2].startswith(
        "published although incomplete (--allow-incomplete): store S001 receptions: "
    )
    judged = query(url, "SELECT store_id FROM kpi_completeness WHERE run_id = :r", r=result.run_id)
    assert judged.height == 6
    # The index page shows it: the store's row marked, the operator's choice said.
    index = Path(result.report).read_text(encoding="utf-8")
    section = html.unescape(index.split('<section class="completeness">')[1].split("</section>")[0])
    assert "Published although incomplete, by the operator's choice (--allow-incomplete)." in (
        section
    )
    s001 = section.split('data-completeness-store="S001"')[1].split("</tr>")[0]
    assert s001.count("✗ incomplete") == 1 and "21 days in a row without a reception" in s001
    assert 'data-completeness-store="S002" class' not in section
    warnings = html.unescape(index.split('<ul class="run-warnings">')[1].split("</ul>")[0])
    assert "<li>published although incomplete (--allow-incomplete): store S001 " in warnings


def test_a_header_only_surveys_file_is_incomplete_once_there_is_a_baseline(
    prefect_server, three_months, sqlite_url, tmp_path
):
    """`surveys.csv` with its header and no row (an export that ran with the wrong
    filter): published once with satisfaction N/A for everyone, moving bonuses. Once
    the warehouse has a baseline, every store's surveys are "no rows at all"."""
    october = three_months / "2026-10"
    for old in october.glob("surveys.*"):
        old.unlink()
    (october / "surveys.csv").write_text(
        "survey_id,store_id,agent_id,customer_id,surveyed_at,rating\n", encoding="utf-8"
    )
    run_paths = paths(three_months, sqlite_url, docs=tmp_path / "docs")
    backfill_months(AUG, SEP, run_paths)
    with pytest.raises(IncompleteMonth) as err:
        publish(OCT, run_paths)
    assert err.value.exit_code == 1
    lines = err.value.message.splitlines()
    assert [line.split(":")[0].strip() for line in lines[1:3]] == [
        "store S001 surveys",
        "store S002 surveys",
    ]
    assert all(" 0 rows against a median of " in line for line in lines[1:3])
    assert (
        query(
            sqlite_url,
            "SELECT COUNT(*) AS n FROM kpi_run WHERE status = 'published' "
            "AND month_start = '2026-10-01'",
        )["n"].item()
        == 0
    )


def test_a_week_without_receptions_and_the_first_month_raise_nothing(
    prefect_server, three_months, url, tmp_path
):
    """A store closed for a week (Spring Festival) passes; August, with no earlier month,
    is recorded but not judged."""
    october = three_months / "2026-10"
    _rewrite_receptions(
        october, ~((pl.col("store_id") == "S002") & _day("received_at").is_between(12, 18))
    )
    run_paths = paths(three_months, url, docs=tmp_path / "docs")
    results = backfill_months(AUG, OCT, run_paths)
    assert [r.status for r in results] == ["published"] * 3
    judged = query(
        url,
        "SELECT r.month_start, c.store_id, c.source, c.baseline_months, c.longest_silent_days, "
        "c.is_incomplete FROM kpi_completeness c JOIN kpi_run r ON r.run_id = c.run_id "
        "WHERE c.source = 'receptions' ORDER BY r.month_start, c.store_id",
    ).with_columns(pl.col("month_start").cast(pl.String))
    assert [(r[0], r[1], r[3], r[4], bool(r[5])) for r in judged.rows()] == [
        ("2026-08-01", "S001", 0, 0, False),
        ("2026-08-01", "S002", 0, 0, False),
        ("2026-09-01", "S001", 1, 0, False),
        ("2026-09-01", "S002", 1, 0, False),
        ("2026-10-01", "S001", 2, 0, False),
        ("2026-10-01", "S002", 2, 7, False),
    ]


@pytest.mark.slow
def test_a_year_of_generated_months_publishes_without_a_plausibility_or_completeness_failure(
    prefect_server, sqlite_url, tmp_path
):
    """Ordinary months (February, the Spring Festival, generated data across a year) raise
    nothing: every month publishes without a flag and without a warning about its data.
    On SQLite alone: the history these judgements read is one query on both warehouses,
    and the same months publish identically on each (`tests/flows/test_month_end.py`)."""
    url = sqlite_url
    from flows.generator.generate import generate
    from flows.generator.options import GeneratorOptions

    root = tmp_path / "exports"
    list(generate(root, date(2026, 1, 1), date(2026, 12, 1), GeneratorOptions(stores=2, seed=31)))
    results = backfill_months(
        date(2026, 1, 1), date(2026, 12, 1), paths(root, url, docs=tmp_path / "docs")
    )
    assert [r.status for r in results] == ["published"] * 12
    # (December's appeal deadlines reach into 2027, a year the calendar may not know yet:
    # that warning is the calendar's, not the data's.)
    data_warnings = [w for r in results for w in r.warnings if "holiday data" not in w]
    assert data_warnings == []
    judged = query(
        url,
        "SELECT COUNT(*) AS n, SUM(CASE WHEN is_incomplete THEN 1 ELSE 0 END) AS bad, "
        "MAX(baseline_months) AS months FROM kpi_completeness",
    ).row(0)
    assert judged == (12 * 2 * 3, 0, 3)
    runs = query(url, "SELECT allow_rejects, allow_incomplete FROM kpi_run")
    assert not any(runs["allow_rejects"]) and not any(runs["allow_incomplete"])


# ---------------------------------------------------------------- months that stay true


def _stale(url: str) -> dict[str, bool]:
    rows = query(url, "SELECT month_start, is_stale FROM v_month_status ORDER BY month_start")
    return {f"{m}"[:7]: bool(s) for m, s in rows.rows()}


def _scheme(schemes: Path, name: str, **changes) -> None:
    import yaml

    data = yaml.safe_load((schemes / "default-2026.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    (schemes / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))


def test_a_month_follows_where_the_previous_published_period_ended(
    prefect_server, generated_exports, url, schemes, tmp_path
):
    """Issue 18, item 1: a scheme from 2026-09-01 with end_day 25 is added after September
    and October were published. September republished ends on the 25th, so October, whose
    own scheme did not change, must start on the 26th: it is stale, and a run publishes
    it with its new period; no day belongs to no month."""
    _scheme(schemes, "october", version="october", effective_from=OCT)
    run_paths = paths(generated_exports, url, schemes, docs=tmp_path / "docs")
    assert [r.status for r in backfill_months(SEP, OCT, run_paths)] == ["published"] * 2
    _scheme(
        schemes, "september", version="september-25", effective_from=SEP, period={"end_day": 25}
    )
    september = publish(SEP, run_paths)
    assert (september.status, september.stale_months) == ("published", [OCT])
    assert _stale(url) == {"2026-09": False, "2026-10": True}
    october = publish(OCT, run_paths)
    assert october.status == "published"
    periods = query(
        url,
        "SELECT DISTINCT month_start, period_start_on, period_end_on FROM v_kpi_agent_current "
        "ORDER BY month_start",
    ).with_columns(pl.all().cast(pl.String))
    assert periods.rows() == [
        ("2026-09-01", "2026-09-01", "2026-09-25"),
        ("2026-10-01", "2026-09-26", "2026-10-31"),
    ]
    assert _stale(url) == {"2026-09": False, "2026-10": False}
    assert [r.status for r in backfill_months(SEP, OCT, run_paths)] == ["unchanged"] * 2


def test_a_change_undone_leaves_the_later_month_no_longer_stale(
    prefect_server, generated_exports, url, schemes, tmp_path
):
    """Issue 18, item 2: September republished under a scheme that warns below 95 makes
    October stale; September republished as it was makes it current again: the view and
    kpi status say so, and kpi run agrees (unchanged)."""
    _scheme(schemes, "october", version="october", effective_from=OCT)
    run_paths = paths(generated_exports, url, schemes, docs=tmp_path / "docs")
    backfill_months(SEP, OCT, run_paths)
    strict = schemes / "strict.yaml"
    _scheme(
        schemes,
        "strict",
        version="strict",
        effective_from=SEP,
        penalties={
            "warning_below": 95,
            "demotion_review_consecutive_months": 2,
            "complaint_review_min_complaints": 3,
        },
    )
    assert publish(SEP, run_paths).stale_months == [OCT]
    assert _stale(url)["2026-10"] is True
    strict.unlink()
    undone = publish(SEP, run_paths)
    assert (undone.status, undone.stale_months) == ("published", [])
    assert _stale(url) == {"2026-09": False, "2026-10": False}
    from flows.cli import main

    assert main(["status", "--warehouse", url]) == 0
    assert publish(OCT, run_paths).status == "unchanged"


def _killed_run(url: str, month: date, run_paths, run_id: str = "dead1") -> Path:
    """What a run killed in the middle of staging (kill -9 of its host) leaves: its
    ``running`` row, a staged version that never became current, a partial archive.
    Returns the partial archive."""
    from flows.storage import archive
    from schemas.tables import KPI_AGENT_MONTHLY as A

    engine = connection.connect(url)
    config = Settings.resolve(archive_dir=run_paths.archive)
    dead = attempts.Attempt(month, config, outcomes.RunOptions(), run_id=run_id, engine=engine)
    attempts.start(dead)
    staged = {"version": sa.literal(2), "is_current": sa.false(), "run_id": sa.literal(run_id)}
    columns = [c.name for c in A.columns]
    with engine.begin() as conn:
        conn.execute(
            A.insert().from_select(
                columns,
                sa.select(*(staged.get(c, A.c[c]) for c in columns)).where(
                    A.c.month_start == month, A.c.is_current
                ),
            )
        )
    engine.dispose()
    partial = archive.partial_folder(run_paths.archive, month, run_id)
    partial.mkdir(parents=True)
    (partial / "receptions.parquet").write_bytes(b"half")
    return partial


def _killed_after_staging(run_paths, month: date, run_id: str = "dead2") -> Path:
    """A run killed during the quality gate: its archive was finished, not partial."""
    from flows.storage import archive

    finished = archive.month_folder(run_paths.archive, month) / run_id
    finished.mkdir(parents=True)
    (finished / "manifest.json").write_text("{}")
    return finished


def test_a_run_has_its_running_row_from_the_moment_it_holds_the_month(url, tmp_path):
    engine = connection.connect(url)
    config = Settings.resolve(archive_dir=tmp_path / "archive")
    attempt = attempts.Attempt(OCT, config, outcomes.RunOptions(), flow_run_id="f-1", engine=engine)
    attempts.start(attempt)
    engine.dispose()
    row = query(url, "SELECT run_id, status, version, finished_at, flow_run_id FROM kpi_run")
    assert row.rows() == [(attempt.run_id, "running", None, None, "f-1")]


def test_a_killed_run_is_settled_by_the_next_run_even_when_that_finds_the_month_unchanged(
    prefect_server, generated_exports, url, tmp_path, capsys
):
    """warehouse.md, kpi_run: a row left ``running`` by a process that died is settled as
    failed by the next command that writes the month, which also removes the killed
    run's staged rows and partial archive, on both databases; `kpi status` names it
    meanwhile."""
    from flows.cli import main

    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    first = publish(OCT, run_paths)
    partial = _killed_run(url, OCT, run_paths)
    finished = _killed_after_staging(run_paths, OCT, "dead1")
    assert main(["status", "--warehouse", url, "--lang", "en"]) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "dead1" in line]
    assert len(said) == 1 and said[0].startswith("2026-10: run dead1 (started ")
    assert said[0].endswith(
        ", Prefect flow run none, run outside Prefect) was killed before it finished; nothing "
        "of it was published, and the next run of the month settles it"
    )
    again = publish(OCT, run_paths)
    assert (again.status, again.version) == ("unchanged", first.version)
    dead = query(url, "SELECT status, version, error FROM kpi_run WHERE run_id = 'dead1'")
    assert dead.rows() == [
        (
            "failed",
            1,
            f"killed before it finished; run {again.run_id} found it still running when it "
            "took the month over; nothing of it was published",
        )
    ]
    staged = query(url, "SELECT COUNT(*) AS n FROM kpi_agent_monthly WHERE version = 2")
    assert staged["n"].item() == 0
    assert not partial.exists() and not finished.exists()  # its archive, either kind
    assert query(url, "SELECT COUNT(*) AS n FROM kpi_run WHERE status = 'running'")["n"].item() == 0
    # `kpi run` with the warehouse named finds it unchanged before any flow: it settles
    # a killed run all the same, and says so on standard error.
    _killed_run(url, OCT, run_paths, "dead3")
    capsys.readouterr()
    folders = ["--exports", str(generated_exports), "--archive", str(run_paths.archive)]
    assert main(["run", "--month", "2026-10", "--warehouse", url, *folders, "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("2026-10: unchanged, version 1 stays current")
    assert err.startswith("kpi run: 2026-10: an earlier run was killed before it finished; run ")
    dead = query(url, "SELECT status FROM kpi_run WHERE run_id = 'dead3'")
    assert dead["status"].to_list() == ["failed"]


def test_a_run_whose_process_is_told_to_exit_records_why(url, tmp_path, monkeypatch):
    """A SystemExit (a worker's flow-run process ending on a closed pipe) is no
    `Exception`: the run's row still says it stopped, instead of staying ``running``."""
    monkeypatch.setenv("KPI_WAREHOUSE_URL", url)
    config = Settings.resolve(archive_dir=tmp_path / "archive", data_docs_dir=tmp_path / "docs")
    engine = connection.connect(url)
    with pytest.raises(SystemExit), attempts.attempt(OCT, config, outcomes.RunOptions()) as attempt:
        attempt.engine = engine
        attempts.start(attempt)
        raise SystemExit(1)
    engine.dispose()
    row = query(url, "SELECT status, error FROM kpi_run")
    assert row.rows() == [
        ("failed", "stopped before it finished (SystemExit: 1); nothing of this run was published")
    ]


def test_a_lock_file_of_a_run_killed_after_it_published_keeps_that_versions_archive(
    prefect_server, generated_exports, tmp_path
):
    """Killed between its flip and removing its lock file: its run is the current
    version's, so the next run settles nothing and keeps its archive (kpi explain reads
    it)."""
    import json

    from flows.storage import archive

    url = f"sqlite:///{tmp_path / 'w.db'}"
    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    first = publish(OCT, run_paths)
    kept = archive.month_folder(run_paths.archive, OCT) / first.run_id
    assert kept.is_dir()
    holder = {"run_id": first.run_id, "pid": 1, "host": "vm", "started_at": "2026-12-04T08:00"}
    (tmp_path / "w.db.2026-10.lock").write_text(json.dumps(holder))
    again = publish(OCT, run_paths)
    assert again.status == "unchanged" and kept.is_dir()
    assert runs_of(url) == [("2026-10-01", "published", 1), ("2026-10-01", "unchanged", 1)]


def test_interviews_are_read_quarantined_apart_and_published_with_the_version(
    prefect_server, three_months, url, tmp_path
):
    """An interviews file added to a published month: its rejects (half its rows, far
    over the 2 % threshold) are quarantined and never hold the month back, its plan items
    publish with the new version it makes (the file is part of the fingerprint), and the
    same files again are unchanged."""
    (three_months / "2026-10" / "interviews.csv").unlink()  # the generator's, replaced
    run_paths = paths(three_months, url, docs=tmp_path / "docs")
    assert publish(OCT, run_paths).version == 1
    agent = query(url, "SELECT MIN(agent_id) AS a FROM kpi_agent_monthly")["a"][0]
    (three_months / "2026-10" / "interviews.csv").write_text(
        "interview_id,agent_id,month,interview_on,interviewer,strengths,shortfalls,"
        "goal_metric,goal_value,due_month,measure\n"
        f"I1,{agent},2026-10,2026-11-02,王经理,热情,回复慢,timely_rate,0.9,2026-12,跟岗\n"
        f"I1,{agent},2026-10,2026-11-02,王经理,热情,回复慢,score,70,2027-01,\n"
        f"I2,{agent},2026-09,2026-11-02,王经理,,,,,,\n"
        "I3,nobody,2026-10,2026-11-02,王经理,,,,,,\n",
        encoding="utf-8",
    )
    result = publish(OCT, run_paths)
    assert (result.status, result.version) == ("published", 2)
    p = KPI_IMPROVEMENT_PLAN.c
    engine = connection.connect(url)
    with engine.connect() as conn:
        plan = reads.read(
            conn,
            sa.select(
                p.version,
                p.is_current,
                p.row_number,
                p.interview_id,
                p.agent_id,
                p.goal_metric,
                p.goal_value,
                p.due_month_start,
                p.measure,
            ).order_by(p.row_number),
        )
    engine.dispose()
    assert plan.rows() == [
        (2, True, 1, "I1", agent, "timely_rate", 0.9, date(2026, 12, 1), "跟岗"),
        (2, True, 2, "I1", agent, "score", 70.0, date(2027, 1, 1), None),
    ]
    rejected = query(
        url,
        "SELECT row_number, source_line, record_id, reasons FROM kpi_rejected_row j "
        "JOIN kpi_run r ON r.run_id = j.run_id WHERE j.source = 'interviews' "
        "AND r.version = 2 ORDER BY row_number",
    )
    assert rejected.rows() == [(3, 4, "I2", "month_mismatch"), (4, 5, "I3", "unknown_agent")]
    counts = query(
        url,
        "SELECT rows_read, rows_accepted, rows_rejected FROM kpi_run_input i "
        "JOIN kpi_run r ON r.run_id = i.run_id WHERE r.version = 2 AND i.source = 'interviews'",
    )
    assert counts.rows() == [(4, 2, 2)]
    assert publish(OCT, run_paths).status == "unchanged"


def test_a_changed_interview_of_an_earlier_month_makes_the_months_following_it_up_stale(
    prefect_server, three_months, url, tmp_path
):
    """October's statements follow up September's goals: a goal removed from September's
    interviews makes October stale (its statements would show a goal that is gone), and
    a backfill republishes it; the same goals again change nothing."""
    run_paths = paths(three_months, url, docs=tmp_path / "docs")
    backfill_months(SEP, OCT, run_paths)
    interviews = three_months / "2026-09" / "interviews.csv"
    lines = interviews.read_text(encoding="utf-8").splitlines()
    due_october = [i for i, line in enumerate(lines) if ",2026-10," in line.split(",", 3)[-1]]
    assert due_october  # a goal due in October: October follows it up
    kept = [line for i, line in enumerate(lines) if i != due_october[0]]
    interviews.write_text("\n".join(kept) + "\n", encoding="utf-8")
    changed = publish(SEP, run_paths)
    assert (changed.version, changed.stale_months) == (2, [OCT])
    again = backfill_months(SEP, OCT, run_paths)
    assert [(r.status, r.version) for r in again] == [("unchanged", 2), ("published", 2)]
