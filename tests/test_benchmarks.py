"""The benchmark's pure helpers (the benchmark itself runs outside the suite)."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from pathlib import Path

from benchmarks.archive_cost import folder_bytes
from benchmarks.commands import plain_commands
from benchmarks.measuring import Archive, measure, stage_of
from benchmarks.reporting import TARGETS


def test_issue_21_targets():
    assert TARGETS["e2e_vs_peer"] == 3.0
    assert TARGETS["proportional_vs_peer"] == 1.5
    assert TARGETS["peak_rss_gb"] == 0.8
    assert TARGETS["command_s"] == 2.0
    assert (TARGETS["store_run_s"], TARGETS["unchanged_run_s"]) == (8.0, 5.0)
    assert (TARGETS["thousand_rss_gb"], TARGETS["thousand_vs_group"]) == (4.0, 5.5)
    assert (TARGETS["archive_bytes_vs_csv"], TARGETS["archive_time_vs_run"]) == (0.30, 0.10)


def test_a_store_month_found_unchanged_is_held_to_its_own_target():
    from benchmarks.measuring import Run
    from benchmarks.reporting import Measured, _command_targets

    lines: list[str] = []
    rows = []
    m = Measured(date(2026, 10, 1), 1)
    m.store = [
        Run("store-scale `kpi run`, no Prefect server (again)", 7.9, 400),
        Run("store-scale `kpi run` of a month found unchanged, no Prefect server", 6.0, 220),
    ]
    _command_targets(m, lines, lambda name, value, limit, *rest: rows.append((value, limit)))
    assert rows == [(7.9, 8.0), (6.0, 5.0)]


def test_stage_of_task_run_names():
    assert stage_of("read-export[2026-10 consultations]") == "extract"
    assert stage_of("validate-roster[2026-10]") == "validate"
    assert stage_of("decide-appeals[2026-10]") == "transform"
    assert stage_of("compute-scorecards[2026-10 1/4]") == "transform"
    assert stage_of("quality-gate[2026-10]") == "gate"
    assert stage_of("flip-version-3a1") == "publish"  # a task without a run name
    assert stage_of("open-warehouse") is None
    assert stage_of("write-report[2026-10]") is None


def test_plain_commands_approve_before_payroll(tmp_path):
    commands = plain_commands(
        date(2026, 10, 1),
        exports=tmp_path / "exports",
        warehouse="sqlite:///w.db",
        archive=tmp_path / "archive",
        agent="A001",
        store="S001",
        payroll=tmp_path / "payroll.xlsx",
        site=tmp_path / "site",
    )
    verbs = [args[1] for _, args in commands]
    assert verbs == ["validate", "status", "explain", "approve", "export", "report"]
    for _, args in commands:
        assert Path(args[0]).name == "kpi"
        assert "--no-report" not in args
    explain = dict(commands)["`kpi explain` (agent A001)"]
    assert explain[explain.index("--archive") + 1] == str(tmp_path / "archive")
    report = commands[-1][1]
    assert report[report.index("--store") + 1] == "S001"


def test_archive_cost_helpers(tmp_path):
    (tmp_path / "2026-10" / "run").mkdir(parents=True)
    (tmp_path / "2026-10" / "run" / "a.parquet").write_bytes(b"x" * 100)
    (tmp_path / "2026-10" / "run" / "manifest.json").write_bytes(b"{}")
    assert folder_bytes(tmp_path) == 102
    assert Archive(10, 100, 4.0, 4.5).write_s == 0.5


def test_measure_counts_the_command_not_the_benchmark(tmp_path):
    ballast = bytearray(400 * 1024 * 1024)  # the benchmark process holding 400 MB
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so resident
    true = shutil.which("true")
    run, _ = measure([true], dict(os.environ), "true")
    assert run.exit_code == 0
    assert run.peak_rss_mb < 100
    run, text = measure([sys.executable, "-c", "print('out'); raise SystemExit(3)"], {}, "x")
    assert (run.exit_code, text.strip()) == (3, "out")
    del ballast
