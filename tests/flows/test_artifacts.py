"""What an operator sees in Prefect's UI: artifacts read back through Prefect's client
from the test session's real server, and the pure parts on hand-made values."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from flows import artifacts
from flows.publishing.outcomes import MonthResult
from schemas.contracts import EXPORTS
from tests.flows.conftest import backfill_months, paths, publish, query, write_month

AUG, SEP, OCT = date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)


def test_keys_are_lowercase_letters_digits_and_dashes():
    assert artifacts.key("Backfill", "2026-01", "2026-10") == "backfill-2026-01-2026-10"
    assert artifacts.month_key(OCT, "data docs") == "month-2026-10-data-docs"
    assert artifacts.key("month", "S_01/x") == "month-s-01-x"


def test_the_inputs_table_has_one_row_per_file_with_the_console_titles():
    inputs = pl.DataFrame(
        {
            "source": ["agents", "surveys"],
            "file_name": ["agents.csv", "surveys.xlsx"],
            "encoding": ["utf-8", "xlsx"],
            "rows_read": [3, 10],
            "rows_accepted": [3, 8],
            "rows_rejected": [0, 1],
            "rows_duplicate": [0, 1],
            "rows_out_of_period": [0, 0],
        }
    )
    assert artifacts.inputs_table(inputs) == [
        {
            "file": "agents.csv",
            "encoding": "utf-8",
            "read": 3,
            "accepted": 3,
            "rejected": 0,
            "duplicates": 0,
            "out of period": 0,
        },
        {
            "file": "surveys.xlsx",
            "encoding": "xlsx",
            "read": 10,
            "accepted": 8,
            "rejected": 1,
            "duplicates": 1,
            "out of period": 0,
        },
    ]


def test_the_summary_of_a_published_month():
    result = MonthResult(
        OCT,
        "published",
        "r1",
        3,
        stale_months=[date(2026, 12, 1), date(2026, 11, 1)],
        warnings=["allowed a gap"],
        report="/r/2026-10/v1/index.html",
        data_docs="/d/index.html",
    )
    bonuses = pl.DataFrame(
        {
            "tier": ["A", "B", "B", None],
            "bonus_amount": [Decimal("3000.00"), Decimal("1500.00"), Decimal("1500.00"), None],
            "currency": ["CNY"] * 4,
        }
    )
    assert artifacts.summary_markdown(result, bonuses) == (
        "# Month-end 2026-10: published version 3\n"
        "\n"
        "Run `r1`.\n"
        "\n"
        "| tier | agents | bonus |\n"
        "| --- | ---: | ---: |\n"
        "| A | 1 | 3,000.00 CNY |\n"
        "| B | 2 | 3,000.00 CNY |\n"
        "| n/a | 1 | 0.00 CNY |\n"
        "| **total** | **4** | **6,000.00 CNY** |\n"
        "\n"
        "## Warnings\n"
        "\n"
        "- allowed a gap\n"
        "\n"
        "## Later months now stale\n"
        "\n"
        "2026-12, 2026-11: run them again (`kpi backfill --from 2026-11`).\n"
        "\n"
        "Report: `/r/2026-10/v1/index.html`\n"
        "\n"
        "Data Docs: `/d/index.html`\n"
    )


def test_the_summary_of_an_unchanged_and_of_a_failed_month():
    assert artifacts.summary_markdown(MonthResult(OCT, "unchanged", "r2", 2)) == (
        "# Month-end 2026-10: unchanged: version 2 stays current\n\nRun `r2`.\n"
    )
    failed = MonthResult(OCT, "failed", "r3", message="surveys.csv: no such file")
    kept = (
        "Nothing of this run was published: version 2 stays current, and what payroll pays "
        "(the month's approved version) is unchanged."
    )
    assert artifacts.summary_markdown(replace(failed, kept_version=2, kept_known=True)) == (
        f"# Month-end 2026-10: failed\n\n{kept}\n\nRun `r3`.\n\n"
        "```\nsurveys.csv: no such file\n```\n"
    )
    assert artifacts.summary_markdown(replace(failed, kept_known=True)).split("\n")[2] == (
        "Nothing of this run was published; the month has no published version yet."
    )
    assert artifacts.summary_markdown(failed).split("\n")[2] == (
        "Nothing of this run was published; the warehouse could not be read to say which "
        "version of the month stays current (`kpi status` says, once it answers)."
    )


def test_an_address_is_the_files_place_under_the_served_folder(tmp_path):
    report = tmp_path / "reports" / "2026-10" / "v2" / "index.html"
    assert artifacts.address(str(report), tmp_path / "reports", "http://h/r") == (
        "http://h/r/2026-10/v2/index.html"
    )
    assert artifacts.address(str(tmp_path / "a b.html"), tmp_path, "http://h/") == (
        "http://h/a%20b.html"
    )
    assert artifacts.address(str(report), tmp_path / "reports", "") is None  # no base
    assert artifacts.address(str(report), tmp_path / "other", "http://h") is None


def test_the_backfill_progress_lists_every_month_so_far():
    notes = ["2026-08 published", "2026-09 failed; the later months were not run"]
    assert artifacts.progress_description(2, 3, notes) == (
        "2 of 3 months done:\n- 2026-08 published\n- 2026-09 failed; the later months were not run"
    )


def _artifacts_of(flow_run_id) -> dict[str, object]:
    """The flow run's artifacts by key, as the Prefect server stores them."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


def _task_run_names(flow_run_id) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        found = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
        )
    return [t.name for t in found]


def _flow_run_id(url: str, month: date) -> str:
    runs = query(
        url,
        "SELECT flow_run_id FROM kpi_run WHERE month_start = :m ORDER BY finished_at DESC",
        m=month,
    )
    return runs["flow_run_id"][0]


def test_a_published_month_leaves_its_counts_summary_and_links(
    prefect_server_with_task_runs, generated_exports, sqlite_url, tmp_path, monkeypatch
):
    """The report's folder is served (KPI_REPORTS_URL): a link under that address; the
    Data Docs' is not: a note of where they are, never a file:// link."""
    monkeypatch.setenv("KPI_REPORTS_URL", "https://kpi.example.cn/reports/")
    p = paths(generated_exports, sqlite_url)
    result = publish(AUG, p, reports_dir=str(tmp_path / "reports"))
    found = _artifacts_of(_flow_run_id(sqlite_url, AUG))
    assert set(found) == {
        "month-2026-08-inputs",
        "month-2026-08-summary",
        "month-2026-08-data-docs",
        "month-2026-08-report",
    }
    table = found["month-2026-08-inputs"]
    assert table.type == "table"
    lineage = query(
        sqlite_url,
        "SELECT file_name, rows_read, rows_rejected FROM kpi_run_input WHERE run_id = :r",
        r=result.run_id,
    )
    import json

    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert sorted((r["file"], r["read"], r["rejected"]) for r in rows) == sorted(lineage.rows())
    summary = found["month-2026-08-summary"]
    assert summary.type == "markdown"
    agents = query(
        sqlite_url,
        "SELECT COUNT(*) AS n, SUM(bonus_amount) AS total FROM kpi_agent_monthly "
        "WHERE month_start = :m AND is_current",
        m=AUG,
    )
    assert summary.data.startswith(
        f"# Month-end 2026-08: published version 1\n\nRun `{result.run_id}`."
    )
    total = Decimal(str(agents["total"][0])).quantize(Decimal("0.01"))
    assert f"| **total** | **{agents['n'][0]:,}** | **{total:,.2f} CNY** |" in summary.data
    # Prefect stores a link artifact as markdown: [text](link)
    assert found["month-2026-08-report"].data == (
        "[Statements, store pages and department index (2026-08)]"
        "(https://kpi.example.cn/reports/2026-08/v1/index.html)"
    )
    # The version's own site: an older artifact never opens a newer version.
    assert Path(result.report) == (tmp_path / "reports" / "2026-08" / "v1" / "index.html").resolve()
    assert Path(result.report).is_file()
    assert found["month-2026-08-data-docs"].type == "markdown"
    assert found["month-2026-08-data-docs"].data == (
        f"# Data Docs of the quality gate (2026-08)\n\nOn the worker's machine: "
        f"`{result.data_docs}`.\n\nPrefect's UI cannot open files of the worker's machine. "
        "Serve the folder with any web server or object store and set `KPI_DATA_DOCS_URL` in "
        "the worker's environment to its address: these artifacts then link to the file."
    )
    assert "file://" not in "".join(str(a.data) for a in found.values())
    # Task runs are named after what they did to what (issue 15), never name-3f2 x 21.
    names = _task_run_names(_flow_run_id(sqlite_url, AUG))
    assert {n for n in names if n.startswith("read-export[")} == {
        f"read-export[2026-08 {export.name}]" for export in EXPORTS
    }
    assert {
        "load-scheme[2026-08]",
        "validate-roster[2026-08]",
        "validate-export[2026-08 consultations]",
        "decide-appeals[2026-08]",
        "compute-scorecards[2026-08 1/1]",
        "stage-version[2026-08]",
        "quality-gate[2026-08]",
        "flip-version[2026-08]",
        "write-report[2026-08]",
    } <= set(names)
    # The one step without a month: the warehouse is named in the flow's log instead.
    unnamed = [n for n in names if not re.fullmatch(r"[a-z-]+\[2026-08( [a-z0-9/]+)?\]", n)]
    assert unnamed == ["open-warehouse"]


def test_a_failed_month_leaves_a_failed_state_with_the_message_and_a_summary(
    prefect_server_with_task_runs, tmp_path, sqlite_url
):
    from prefect.client.orchestration import get_client

    root = write_month(tmp_path / "exports")
    (root / "2026-10" / "surveys.csv").unlink()
    p = paths(root, sqlite_url)
    from flows.month_end import month_end
    from flows.publishing.outcomes import RunOptions

    options = RunOptions(
        exports_dir=str(p.exports), data_docs_dir=str(p.docs), archive_dir=str(p.archive)
    )
    state = month_end("2026-10", options, return_state=True)
    assert state.is_failed()
    assert state.message.startswith("2026-10: ") and "surveys" in state.message
    flow_run_id = query(sqlite_url, "SELECT flow_run_id FROM kpi_run")["flow_run_id"][0]
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(flow_run_id)
    assert run.name == "month-end 2026-10" and run.state.is_failed()
    assert run.state.message == state.message
    summary = _artifacts_of(flow_run_id)["month-2026-10-summary"]
    run_id = query(sqlite_url, "SELECT run_id FROM kpi_run")["run_id"][0]
    assert summary.data.startswith(
        "# Month-end 2026-10: failed\n\nNothing of this run was published; the month has no "
        f"published version yet.\n\nRun `{run_id}`.\n\n```\n"
    )
    assert "surveys" in summary.data


def test_a_backfill_shows_its_progress(
    prefect_server_with_task_runs, generated_exports, sqlite_url
):
    p = paths(generated_exports, sqlite_url)
    backfill_months(AUG, SEP, p, reports_dir="")
    flow_run_id = _flow_run_id(sqlite_url, SEP)
    found = _artifacts_of(flow_run_id)
    progress = found["backfill-2026-08-2026-09"]
    assert progress.type == "progress" and float(progress.data) == pytest.approx(100.0)
    assert progress.description == ("2 of 2 months done:\n- 2026-08 published\n- 2026-09 published")
    # each month's own artifacts hang on the backfill's flow run too
    assert {"month-2026-08-summary", "month-2026-09-summary"} <= set(found)
    assert "month-2026-09-report" not in found  # reports_dir "" writes no report
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        assert client.read_flow_run(flow_run_id).name == "backfill 2026-08..2026-09"


def test_the_summary_names_every_incomplete_store_export():
    judged = pl.DataFrame(
        {
            "store_id": ["S1", "S1", "S2"],
            "source": ["receptions", "surveys", "receptions"],
            "row_count": [2662, 1622, 7600],
            "baseline_median": [7502.0, 1535.0, 7506.0],
            "baseline_months": [3, 3, 3],
            "volume_share": [2662 / 7502, 1622 / 1535, 7600 / 7506],
            "longest_silent_days": [21, None, 0],
            "is_incomplete": [True, False, False],
        }
    )
    result = MonthResult(OCT, "published", "r1", 2, warnings=["published although incomplete"])
    text = artifacts.summary_markdown(result, None, judged)
    assert text.endswith(
        "## Completeness against each store's history\n\n"
        "3 store exports judged, 1 incomplete.\n\n"
        "| store | export | rows | baseline median | months | share | silent days |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
        "| S1 | receptions | 2,662 | 7,502.0 | 3 | 35% | 21 |\n"
    )
    first = judged.with_columns(
        baseline_months=pl.lit(0), baseline_median=None, is_incomplete=pl.lit(False)
    )
    assert "0 store exports judged, 0 incomplete (no earlier published month of these " in (
        artifacts.summary_markdown(result, None, first)
    )
