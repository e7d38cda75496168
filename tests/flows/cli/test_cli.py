"""`kpi` end to end: exit codes and the messages operators read."""

import os
import shutil
import subprocess
import sys
import time
from datetime import date

import fastexcel
import polars as pl
import pytest

from flows.cli import main
from tests.flows.conftest import AGENTS, paths, query, write_month


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_generated_month(prefect_server, generated_exports, capsys):
    code, out, err = run(
        capsys, "validate", "--month", "2026-10", "--exports", str(generated_exports)
    )
    assert code == 0, err
    assert out.startswith("Month 2026-10: 8 files, ")
    assert "; usable" in out
    assert out.splitlines()[1] == (
        "Evaluation period: 2026-10-01 00:00:00 to 2026-10-31 23:59:59, 31 days (the calendar "
        "month)"
    )
    for header in (
        "file",
        "encoding",
        "read",
        "accepted",
        "rejected",
        "duplicates",
        "out of period",
    ):
        assert header in out.splitlines()[3]
    for name in (
        "agents",
        "receptions",
        "surveys",
        "complaints",
        "purchases",
        "consultations",
        "appeals",
    ):
        assert f"\n{name}." in out
    assert "Most frequent reasons" in out and (", e.g. line " in out or ", e.g. row " in out)
    assert err == ""


def test_validate_over_the_threshold_reports_and_exits_1(prefect_server, tmp_path, capsys):
    rows = {
        "receptions": [
            f"R{i},S1,{'zz' if i <= 5 else 'a1'},C,2026-10-05 10:00" for i in range(1, 11)
        ]
    }
    code, out, err = run(
        capsys, "validate", "--month", "2026-10", "--exports", str(write_month(tmp_path, rows))
    )
    assert code == 1
    assert "NOT usable: 1 file(s) over the reject threshold" in out
    assert "unknown_agent: 5 row(s), e.g. line 2: " in out  # the header is line 1
    assert "receptions.csv: 5 of 10 rows rejected (50.0%)" in err
    assert "or publish anyway with kpi run --allow-rejects" in err


def test_validate_a_missing_file_exits_3_naming_it(prefect_server, tmp_path, capsys):
    root = write_month(tmp_path)
    (root / "2026-10" / "purchases.csv").unlink()
    code, out, err = run(capsys, "validate", "--month", "2026-10", "--exports", str(root))
    assert code == 3
    assert out == ""
    assert err.startswith("kpi validate: ")
    assert "2026-10/purchases.csv: required vehicle purchases (购车记录) file is missing" in err


def test_validate_an_invalid_roster_exits_3(prefect_server, tmp_path, capsys):
    root = write_month(tmp_path, agents="agent_id,agent_name,store_id\na1,,S1\n")
    code, _, err = run(capsys, "validate", "--month", "2026-10", "--exports", str(root))
    assert code == 3
    assert "line 2 (agent_id a1): missing_value:agent_name" in err


def test_a_bad_month_argument_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--month", "2026-13x"])
    assert exit_.value.code == 2
    assert "'2026-13x' is not a month; use YYYY-MM" in capsys.readouterr().err


def test_generate_reports_each_month(tmp_path, capsys):
    code, out, _ = run(
        capsys,
        "generate",
        "--out",
        str(tmp_path),
        "--from",
        "2026-11",
        "--to",
        "2026-12",
        "--agents-per-store",
        "2",
        "--clean",
    )
    assert code == 0
    assert [line[:8] for line in out.splitlines()] == ["2026-11:", "2026-12:"]
    assert (tmp_path / "2026-12" / "consultations.csv").exists()


def test_generate_refuses_a_reversed_range(tmp_path, capsys):
    code, _, err = run(
        capsys, "generate", "--out", str(tmp_path), "--from", "2026-12", "--to", "2026-11"
    )
    assert code == 2
    assert "--to 2026-11 is before --from 2026-12" in err


def test_a_real_process_prints_one_message_and_no_traceback(tmp_path):
    """Prefect logs task failures with tracebacks; the CLI must keep them off stderr."""
    root = write_month(tmp_path)
    (root / "2026-10" / "surveys.csv").write_text("survey_id,store_id\nV1,S\n")
    kpi = shutil.which("kpi") or os.path.join(os.path.dirname(sys.executable), "kpi")
    proc = subprocess.run(
        [kpi, "validate", "--month", "2026-10", "--exports", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"kpi validate: 2026-10: {root}/2026-10/surveys.csv: missing required column(s) "
        "agent_id/客服工号/客服工號, customer_id/客户编号/客戶編號, "
        "surveyed_at/调查时间/調查時間, rating/满意度评价/滿意度評價; headers found (line 1): "
        "'survey_id', 'store_id'. Add or rename the column(s) (English, 简体 or 繁體 names) "
        "and export again"
    ]


def test_validate_takes_the_reject_rate_from_the_months_scheme(prefect_server, tmp_path, capsys):
    import yaml

    from flows.common.settings import DEFAULT_SCHEMES_DIR

    data = yaml.safe_load((DEFAULT_SCHEMES_DIR / "default-2026.yaml").read_text())
    data["data_quality"]["max_reject_rate"] = 0.2
    (tmp_path / "schemes").mkdir()
    (tmp_path / "schemes" / "s.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    rows = {
        "receptions": [
            f"R{i},S1,{'zz' if i == 1 else 'a1'},C,2026-10-05 10:00" for i in range(1, 11)
        ]
    }
    root = write_month(tmp_path / "exports", rows)
    code, out, _ = run(
        capsys,
        "validate",
        "--month",
        "2026-10",
        "--exports",
        str(root),
        "--schemes",
        str(tmp_path / "schemes"),
    )
    assert code == 0 and "; usable" in out  # 10 % rejected is under this scheme's 20 %


# A roster for the period tests: ``left`` left on 2026-09-28, inside a 26th-to-25th
# period of 2026-10 but before the calendar month.
PERIOD_AGENTS = AGENTS + "left,孙丽,S1,T1,2025-01-01,2026-09-28\n"
# Receptions on the boundaries of both readings of 2026-10 (hand-computed): the 26th-to-
# 25th period takes R1 and R2 (R3 starts the next period, R4 is after it); the calendar
# month takes R2, R3 and R4 (R1 is in September).
PERIOD_RECEPTIONS = [
    "R1,S1,a1,C1,2026-09-26 00:00:00",
    "R2,S1,a1,C2,2026-10-25 23:59:59",
    "R3,S1,a1,C3,2026-10-26 00:00:00",
    "R4,S1,a2,C4,2026-10-31 12:00:00",
]


def period_scheme(folder, end_day):
    """The bundled default scheme with ``period.end_day`` (None: without the key), as
    the only file of ``folder``."""
    import yaml

    from flows.common.settings import DEFAULT_SCHEMES_DIR

    data = yaml.safe_load((DEFAULT_SCHEMES_DIR / "default-2026.yaml").read_text())
    if end_day is not None:
        data["period"] = {"end_day": end_day}
    folder.mkdir()
    (folder / "s.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return folder


def receptions_line(out):
    return next(line for line in out.splitlines() if line.startswith("receptions.csv"))


def test_validate_names_a_period_that_is_not_the_calendar_month(tmp_path, capsys):
    root = write_month(tmp_path / "exports", {"receptions": PERIOD_RECEPTIONS}, PERIOD_AGENTS)
    schemes = period_scheme(tmp_path / "schemes", 25)
    code, out, err = run(
        capsys, "validate", "--month", "2026-10", "--exports", str(root), "--schemes", str(schemes)
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "Month 2026-10 (period 2026-09-26 to 2026-10-25): 6 files, 3 active agents; usable",
        "Evaluation period: 2026-09-26 00:00:00 to 2026-10-25 23:59:59, 30 days (set by the "
        "schemes' period.end_day)",
    ]
    # read, accepted, rejected, duplicates, out of period
    assert receptions_line(out).split()[2:] == ["4", "2", "0", "0", "2"]


def test_validate_states_the_calendar_month_as_the_period(tmp_path, capsys):
    root = write_month(tmp_path / "exports", {"receptions": PERIOD_RECEPTIONS}, PERIOD_AGENTS)
    schemes = period_scheme(tmp_path / "schemes", None)
    code, out, err = run(
        capsys, "validate", "--month", "2026-10", "--exports", str(root), "--schemes", str(schemes)
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "Month 2026-10: 6 files, 2 active agents; usable",
        "Evaluation period: 2026-10-01 00:00:00 to 2026-10-31 23:59:59, 31 days (the calendar "
        "month)",
    ]
    assert receptions_line(out).split()[2:] == ["4", "3", "0", "0", "1"]


def test_validate_chains_the_period_across_a_scheme_switch(tmp_path, capsys):
    """2026-09 without end_day, 2026-10 adding end_day 25: October is short (it starts on
    the 1st, right after September's calendar period), as `kpi run` computes it."""
    import yaml

    # Two more receptions inside the short period keep half the file in it (fewer would
    # make it another month's file).
    extra = ["R5,S1,a1,C5,2026-10-10 10:00:00", "R6,S1,a1,C6,2026-10-12 10:00:00"]
    root = write_month(
        tmp_path / "exports", {"receptions": PERIOD_RECEPTIONS + extra}, PERIOD_AGENTS
    )
    schemes = period_scheme(tmp_path / "schemes", None)
    data = yaml.safe_load((schemes / "s.yaml").read_text())
    data.update(version="periods", effective_from="2026-10-01", period={"end_day": 25})
    (schemes / "later.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    code, out, _ = run(
        capsys, "validate", "--month", "2026-10", "--exports", str(root), "--schemes", str(schemes)
    )
    assert code == 0
    assert out.splitlines()[0].startswith("Month 2026-10 (period 2026-10-01 to 2026-10-25): ")
    assert ", 25 days (" in out.splitlines()[1]
    assert receptions_line(out).split()[2:] == ["6", "3", "0", "0", "3"]  # R2, R5, R6


def test_run_and_backfill_report_and_exit_0(prefect_server, generated_exports, tmp_path, capsys):
    warehouse_url = f"sqlite:///{tmp_path / 'w.db'}"
    reports = tmp_path / "reports"
    common = [
        "--exports",
        str(generated_exports),
        "--warehouse",
        warehouse_url,
        "--reports",
        str(reports),
    ]
    code, out, err = run(capsys, "run", "--month", "2026-09", "--lang", "zh-TW", *common)
    assert (code, err) == (0, "")
    assert out.startswith("2026-09：已發布第 1 版（執行 ")  # --lang: the line and the report
    index = reports.resolve() / "2026-09" / "v1" / "index.html"  # the version's own
    assert f"；報告：{index}；未計入：拒收 " in out.rstrip()
    assert '<html lang="zh-TW">' in index.read_text(encoding="utf-8")
    assert (reports / "2026-09" / "index.html").read_bytes() == index.read_bytes()
    code, out, _ = run(capsys, "run", "--month", "2026-09", *common)
    assert code == 0
    assert out.strip().startswith(
        "2026-09: unchanged, version 1 stays current (--force to republish); not counted: "
    )
    # Found unchanged before any flow started (the warehouse is named): no flow run.
    flow_runs = query(warehouse_url, "SELECT flow_run_id FROM kpi_run ORDER BY started_at")
    assert [r is None for r in flow_runs["flow_run_id"]] == [False, True]
    code, out, _ = run(
        capsys, "backfill", "--from", "2026-09", "--to", "2026-10", "--no-report", *common
    )
    assert code == 0
    assert [line.split()[:3] for line in out.splitlines()[1:]] == [
        ["2026-09", "unchanged", "1"],
        ["2026-10", "published", "1"],
    ]
    assert not (reports / "2026-10").exists()
    # A report that cannot be written: published all the same, exit 0, said on stderr.
    shutil.rmtree(reports / "2026-09")
    (reports / "2026-09").write_text("a file where the report goes")
    code, out, err = run(capsys, "run", "--month", "2026-09", "--force", *common)
    assert code == 0 and out.startswith("2026-09: published version 2 (run ")
    assert err.startswith(f"kpi run: 2026-09: warning: the report was not written to {reports}")


def test_backfill_stops_at_the_first_failing_month(
    prefect_server, generated_exports, tmp_path, capsys
):
    exports = tmp_path / "exports"
    shutil.copytree(generated_exports, exports)
    (exports / "2026-09" / "agents.csv").write_text("agent_id,agent_name,store_id\nx,,S\n")
    code, out, err = run(
        capsys,
        "backfill",
        "--from",
        "2026-08",
        "--to",
        "2026-10",
        "--exports",
        str(exports),
        "--warehouse",
        f"sqlite:///{tmp_path / 'w.db'}",
    )
    assert code == 3
    assert [line.split()[:2] for line in out.splitlines()[1:]] == [
        ["2026-08", "published"],
        ["2026-09", "failed"],
        ["2026-10", "not"],
    ]
    assert err.startswith("kpi backfill: 2026-09 failed: ")
    assert "the roster is invalid" in err


def test_an_unreachable_warehouse_exits_4_without_showing_the_password(
    prefect_server, generated_exports, capsys, tmp_path
):
    from tests.pg_harness import _free_port

    url = f"postgresql://kpi:s3cret-pw@127.0.0.1:{_free_port()}/warehouse"
    started = time.monotonic()
    code, out, err = run(
        capsys,
        "run",
        "--month",
        "2026-10",
        "--exports",
        str(generated_exports),
        "--warehouse",
        url,
        "--data-docs",
        str(tmp_path),
    )
    assert time.monotonic() - started >= 10  # retried with backoff (1 + 3 + 6 s) first
    assert code == 4
    assert err.startswith("kpi run: 2026-10: cannot reach the warehouse at postgresql://kpi:***@")
    assert "Check that the database server is running" in err
    assert f"kept in {tmp_path / 'pending-run-log'}" in err  # the failure is not lost
    assert "s3cret-pw" not in out + err


def test_export_payroll_writes_the_file_and_says_what_it_holds(
    prefect_server, generated_exports, tmp_path, capsys
):
    common = ["--warehouse", f"sqlite:///{tmp_path / 'w.db'}"]
    assert (
        run(capsys, "run", "--month", "2026-08", "--exports", str(generated_exports), *common)[0]
        == 0
    )
    code, _, err = run(
        capsys,
        "export",
        "payroll",
        "--month",
        "2026-08",
        "--out",
        str(tmp_path / "p.xlsx"),
        *common,
    )
    assert code == 3 and "kpi approve --month 2026-08 --version 1 --by NAME" in err
    code, out, _ = run(capsys, "approve", "--month", "2026-08", "--by", "王经理", *common)
    assert (code, out.split(" (")[0]) == (0, "2026-08: version 1 approved by 王经理")
    code, out, _ = run(capsys, "approve", "--month", "2026-08", "--by", "李主管", *common)
    assert "was already approved by 王经理" in out and "nothing changed" in out
    code, _, err = run(
        capsys, "approve", "--month", "2026-08", "--by", "x", "--version", "2", *common
    )
    assert code == 3 and "version 2 is not the current one (version 1 is)" in err
    code, out, _ = run(
        capsys,
        "export",
        "payroll",
        "--month",
        "2026-08",
        "--out",
        str(tmp_path / "payroll.xlsx"),
        *common,
    )
    assert code == 0
    assert out.startswith("2026-08: exported PE202608-")
    assert ", version 1: " in out and "adjustment line(s)" in out
    assert (tmp_path / "payroll.xlsx").exists()
    code, out, _ = run(
        capsys,
        "export",
        "payroll",
        "--month",
        "2026-08",
        "--out",
        str(tmp_path / "again.xlsx"),
        *common,
    )
    assert "re-exported (the month's first export: the same version, lines and amounts)" in out
    code, _, err = run(
        capsys, "export", "payroll", "--month", "2026-07", "--out", str(tmp_path / "p.csv"), *common
    )
    assert code == 3 and "kpi export: 2026-07: no published version" in err


def test_backfill_shows_progress_on_a_terminal_only(
    prefect_server, generated_exports, tmp_path, capsys, monkeypatch
):
    common = ["--exports", str(generated_exports), "--warehouse", f"sqlite:///{tmp_path / 'w.db'}"]
    code, _, err = run(capsys, "backfill", "--from", "2026-08", "--to", "2026-09", *common)
    assert (code, err) == (0, "")  # not a terminal: quiet
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = run(capsys, "backfill", "--from", "2026-08", "--to", "2026-10", *common)
    assert code == 0
    assert "[0/3 months done] running 2026-08, elapsed 0:00:0" in err
    assert "[2/3 months done] running 2026-10, elapsed " in err
    assert "3 months in " in err


def test_run_logs_carry_the_month_and_the_run_id(
    prefect_server, generated_exports, tmp_path, capsys, caplog
):
    caplog.set_level("INFO", logger="prefect.flow_runs")
    code, out, _ = run(
        capsys,
        "run",
        "--month",
        "2026-08",
        "--exports",
        str(generated_exports),
        "--warehouse",
        f"sqlite:///{tmp_path / 'w.db'}",
    )
    run_id = out.split("(run ")[1].split(")")[0]
    messages = [r.getMessage() for r in caplog.records]
    assert any(
        m.startswith(f"2026-08 run {run_id}: started; warehouse: SQLite file ") for m in messages
    )
    assert f"2026-08 run {run_id}: published version 1" in messages


# ---------------------------------------------------------------- fail fast, speak plainly

HEAVY = ("prefect", "great_expectations", "polars", "pandera", "sqlalchemy")


def fast(*argv: str, cwd=None) -> tuple[int, str, list[str]]:
    """``kpi`` in a fresh interpreter: (exit code, stderr, heavy packages it imported)."""
    script = (
        "import sys\nfrom flows.cli import main\ntry:\n    code = main(sys.argv[1:])\n"
        "except SystemExit as done:\n    code = done.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}), "
        "file=sys.stderr)\nsys.exit(code)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=120, cwd=cwd
    )
    *lines, imported = proc.stderr.strip().splitlines() or [""]
    return proc.returncode, "\n".join(lines), eval(imported)  # noqa: S307 - our own print


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["run", "--month", "2026-10", "--partitions", "0"],
            2,
            "argument --partitions: must be a whole number of at least 1, got '0'",
        ),
        (
            ["generate", "--out", "x", "--from", "2026-10", "--to", "2026-10", "--stores", "-1"],
            2,
            "argument --stores: must be a whole number of at least 1, got '-1'",
        ),
        (["run", "--month", "2026-13"], 2, "'2026-13' is not a month; use YYYY-MM"),
        (
            ["backfill", "--from", "2026-10", "--to", "2026-08"],
            2,
            "kpi backfill: --to 2026-08 is before --from 2026-10",
        ),
        (
            ["run", "--month", "2026-10", "--exports", "nowhere"],
            3,
            "kpi run: 2026-10: nowhere: no such exports folder",
        ),
        (["validate", "--month", "2026-10"], 3, "no month folder 2026-10"),
        (
            ["validate", "--month", "2026-11", "--exports", "exports/2026-10"],
            3,
            "exports/2026-10 is itself a month's folder: point --exports at the folder that "
            "holds it (",
        ),
        (
            ["backfill", "--from", "2026-09", "--to", "2026-10"],
            3,
            "no month folder 2026-09, 2026-10",
        ),
        (
            ["run", "--month", "2026-10", "--warehouse", "sqlite:////no/such/dir/w.db"],
            3,
            "the warehouse file's folder /no/such/dir does not exist",
        ),
        (
            ["export", "payroll", "--month", "2026-10", "--out", "/no/such/dir/p.xlsx"],
            3,
            "kpi export: 2026-10: /no/such/dir/p.xlsx: the folder /no/such/dir does not exist",
        ),
        (
            ["export", "payroll", "--month", "2026-10", "--out", "p.txt"],
            2,
            "must end in .xlsx or .csv",
        ),
        (["run", "--month", "2026-10", "--schemes", "nowhere"], 3, "no such schemes folder"),
        (["run", "--month", "2026-10", "--exports", "taken"], 3, "taken: is a file, not a folder"),
        (
            ["status", "--warehouse", "sqlite:///taken/w.db"],
            3,
            "taken is a file, not a folder; give another --warehouse",
        ),
        (["status", "--from", "2026-10", "--to", "2026-08"], 2, "--to 2026-08 is before --from"),
        (
            ["explain", "--month", "2026-10", "--agent", "A1", "--archive", "nowhere"],
            3,
            "nowhere: no such archive folder; point --archive",
        ),
        (["approve", "--month", "2026-10", "--by", "  "], 2, "a name is required"),
        (
            ["run", "--month", "2026-10", "--reports", "taken/r"],
            3,
            "taken/r: taken is a file, not a folder; choose another --reports folder",
        ),
    ],
)
def test_bad_arguments_and_missing_folders_fail_before_any_heavy_import(
    tmp_path, argv, code, message
):
    (tmp_path / "exports").mkdir()
    if argv[0] in ("run", "validate") and "--exports" not in argv and "--month" in argv:
        (tmp_path / "exports" / "2026-10").mkdir()  # only the argument under test is wrong
        if argv[0] == "validate":
            (tmp_path / "exports" / "2026-10").rmdir()
    (tmp_path / "taken").write_text("")  # a file where a folder would go
    if "exports/2026-10" in argv:  # a month's folder given as the exports root
        (tmp_path / "exports" / "2026-10").mkdir()
    got, err, imported = fast(*argv, cwd=tmp_path)
    assert got == code, err
    assert message in err
    assert "Traceback" not in err
    assert imported == [] or set(imported) <= {"sqlalchemy"} and got == 2, imported


def test_a_payroll_file_that_cannot_be_written_records_nothing(
    prefect_server, generated_exports, tmp_path, capsys
):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert (
        run(
            capsys,
            "run",
            "--month",
            "2026-08",
            "--exports",
            str(generated_exports),
            "--warehouse",
            url,
        )[0]
        == 0
    )
    assert run(capsys, "approve", "--month", "2026-08", "--by", "Head", "--warehouse", url)[0] == 0
    (tmp_path / "taken.xlsx").mkdir()  # the target exists as a folder: the rename fails
    code, out, err = run(
        capsys,
        "export",
        "payroll",
        "--month",
        "2026-08",
        "--out",
        str(tmp_path / "taken.xlsx"),
        "--overwrite",  # past the check of what is there: the rename itself fails
        "--warehouse",
        url,
    )
    assert code == 3 and out == ""
    assert err.startswith(
        f"kpi export: 2026-08: {tmp_path / 'taken.xlsx'}: cannot write the payroll file"
    )
    from tests.flows.conftest import query

    assert query(url, "SELECT COUNT(*) AS n FROM kpi_payroll_export")["n"].item() == 0
    assert (
        query(url, "SELECT COUNT(*) AS n FROM kpi_payroll_adjustment WHERE export_id IS NOT NULL")[
            "n"
        ].item()
        == 0
    )
    assert not list(tmp_path.glob(".taken.xlsx*"))  # no temporary file left behind


def test_version_help_and_the_export_subcommands(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("kpi 0.")
    with pytest.raises(SystemExit) as done:
        main(["export"])
    assert done.value.code == 2 and "payroll" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "docs/commands.md" in capsys.readouterr().out


def test_commands_offer_only_the_options_they_use(capsys):
    with pytest.raises(SystemExit) as done:
        main(["validate", "--month", "2026-10", "--archive", "archive"])
    assert done.value.code == 2
    assert "unrecognized arguments: --archive" in capsys.readouterr().err


def test_every_option_says_its_default():
    from flows.cli import build_parser

    def options(parser):
        for action in parser._actions:
            if getattr(action, "choices", None) and isinstance(action.choices, dict):
                for sub in action.choices.values():
                    yield from options(sub)
            elif action.option_strings and action.dest not in ("help", "version"):
                yield parser.prog, action

    missing = [
        (prog, a.option_strings[0])
        for prog, a in options(build_parser())
        if not a.required and "default" not in (a.help or "")
    ]
    assert missing == []


def test_a_real_run_prints_its_line_and_nothing_after_it(generated_exports, tmp_path):
    """With Prefect's temporary server (no PREFECT_API_URL): its stop must not leave
    "Error logging to API" or websocket complaints after the command's own output."""
    kpi = shutil.which("kpi") or os.path.join(os.path.dirname(sys.executable), "kpi")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    shared = [
        "--warehouse",
        f"sqlite:///{tmp_path / 'w.db'}",
        "--data-docs",
        str(tmp_path / "docs"),
    ]
    ok = subprocess.run(
        [kpi, "run", "--month", "2026-08", "--exports", str(generated_exports), *shared],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout.startswith("2026-08: published version 1 (run ")
    assert len(ok.stdout.splitlines()) == 1
    bad = write_month(tmp_path / "bad", agents="agent_id,agent_name,store_id\na1,,S1\n")
    failed = subprocess.run(
        [kpi, "run", "--month", "2026-10", "--exports", str(bad), *shared],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert failed.returncode == 3 and failed.stdout == ""
    lines = failed.stderr.strip().splitlines()
    assert lines[0].startswith("kpi run: 2026-10: ") and "the roster is invalid" in lines[0]
    assert [
        line for line in lines[1:] if not line.startswith(("  ", "Correct these rows"))
    ] == []  # the roster's rows, its fix, and nothing else


def test_validate_writes_nothing(prefect_server, generated_exports, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def snapshot(root):
        return {p: p.stat().st_mtime_ns for p in root.rglob("*")}

    exports_before = snapshot(generated_exports)
    code, out, _ = run(
        capsys, "validate", "--month", "2026-10", "--exports", str(generated_exports)
    )
    assert code == 0 and out
    assert list(tmp_path.iterdir()) == []  # no warehouse, no Data Docs, no report
    assert snapshot(generated_exports) == exports_before


def test_a_version_failing_the_quality_gate_exits_5(
    prefect_server, generated_exports, tmp_path, capsys, monkeypatch
):
    import polars as pl

    from flows import steps
    from transforms.results import scorecards_and_teams

    def broken(*args, **kwargs):  # every scored agent gets a tier its score does not earn
        cards, teams = scorecards_and_teams(*args, **kwargs)
        return cards.with_columns(
            tier=pl.when(pl.col("tier").is_not_null()).then(pl.lit("nonsense"))
        ), teams

    monkeypatch.setattr(steps, "compute_scorecards", steps.step(broken, "compute-scorecards"))
    url = f"sqlite:///{tmp_path / 'w.db'}"
    code, out, err = run(
        capsys,
        "run",
        "--month",
        "2026-10",
        "--exports",
        str(generated_exports),
        "--warehouse",
        url,
        "--data-docs",
        str(tmp_path / "docs"),
    )
    assert (code, out) == (5, "")
    assert err.startswith(
        "kpi run: 2026-10: version 1 failed the quality gate: "
        "kpi_agent_monthly: tier and bonus follow the score"
    )
    assert f"Data Docs: {tmp_path / 'docs'}" in err


def test_a_malformed_scheme_names_the_command_and_the_month(
    prefect_server, generated_exports, tmp_path, capsys
):
    schemes = tmp_path / "schemes"
    schemes.mkdir()
    (schemes / "broken.yaml").write_text("version: broken\nweights: [unclosed\n")
    code, out, err = run(
        capsys,
        "run",
        "--month",
        "2026-10",
        "--exports",
        str(generated_exports),
        "--schemes",
        str(schemes),
        "--warehouse",
        f"sqlite:///{tmp_path / 'w.db'}",
    )
    assert (code, out) == (3, "")
    assert err.startswith("kpi run: 2026-10: ") and "broken.yaml" in err
    assert "Traceback" not in err


def test_plain_commands_import_neither_prefect_nor_great_expectations(
    prefect_server, generated_exports, tmp_path, capsys
):
    """Reading, reporting, explaining, approving and exporting start no Prefect server
    and load neither library (issue 14): each runs in a fresh process, as a user runs it."""
    warehouse = f"sqlite:///{tmp_path / 'w.db'}"
    archive = str(tmp_path / "archive")
    code, _, err = run(
        capsys,
        *("run", "--month", "2026-10", "--exports", str(generated_exports)),
        *("--warehouse", warehouse, "--archive", archive, "--no-report"),
    )
    assert code == 0, err
    import sqlalchemy as sa

    engine = sa.create_engine(warehouse)
    with engine.connect() as conn:
        agent = conn.execute(sa.text("SELECT MIN(agent_id) FROM kpi_agent_monthly")).scalar_one()
    engine.dispose()
    month = ("--month", "2026-10")
    commands = [
        ["validate", *month, "--exports", str(generated_exports)],
        ["status", "--warehouse", warehouse],
        ["explain", *month, "--agent", agent, "--warehouse", warehouse, "--archive", archive],
        ["approve", *month, "--by", "王经理", "--warehouse", warehouse],
        ["export", "payroll", *month, "--out", str(tmp_path / "p.xlsx"), "--warehouse", warehouse],
        ["report", *month, "--out", str(tmp_path / "r"), "--warehouse", warehouse],
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    for argv in commands:
        program = (
            "import sys\nfrom flows.cli import main\n"
            f"code = main({argv!r})\n"
            "loaded = [m for m in ('prefect', 'great_expectations') if m in sys.modules]\n"
            "print(code, loaded)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env=env,
        )
        assert done.stdout.strip().splitlines()[-1] == "0 []", (argv, done.stdout, done.stderr)


def test_a_read_only_warehouse_is_told_by_plain_commands_too(
    prefect_server, generated_exports, tmp_path, capsys
):
    """approve and export write to the warehouse outside any flow: a warehouse they
    cannot write is exit 4 in words, never a traceback, and nothing is left at --out."""
    path = tmp_path / "w.db"
    common = ("--month", "2026-08")
    code, _, err = run(
        capsys,
        "run",
        *common,
        "--exports",
        str(generated_exports),
        "--warehouse",
        f"sqlite:///{path}",
    )
    assert code == 0, err
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    code, out, err = run(capsys, "approve", *common, "--by", "王经理", "--warehouse", read_only)
    assert (code, out) == (4, "")
    assert err.startswith(f"kpi approve: 2026-08: the warehouse at {read_only} cannot be written")
    assert "attempt to write a readonly database" in err and "Traceback" not in err
    code, _, _ = run(
        capsys, "approve", *common, "--by", "王经理", "--warehouse", f"sqlite:///{path}"
    )
    assert code == 0
    out_file = tmp_path / "p.xlsx"
    code, out, err = run(
        capsys, "export", "payroll", *common, "--out", str(out_file), "--warehouse", read_only
    )
    assert (code, out) == (4, "")
    assert err.startswith(f"kpi export: 2026-08: the warehouse at {read_only} cannot be written")
    assert "attempt to write a readonly database" in err


def test_a_warehouse_file_that_is_no_database_is_told_in_one_line(tmp_path, capsys):
    not_a_database = tmp_path / "README.md"
    not_a_database.write_text("# notes\n" * 200)
    url = f"sqlite:///{not_a_database}"
    code, out, err = run(capsys, "status", "--warehouse", url, "--lang", "en")
    assert (code, out) == (4, "")
    assert err.startswith(f"kpi status: the warehouse at {url} cannot be written: file is not")
    assert "it is not an SQLite database" in err and "Traceback" not in err


def test_approve_and_export_never_create_a_warehouse(tmp_path, capsys):
    """A mistyped --warehouse is told, not answered with a new empty warehouse."""
    url = f"sqlite:///{tmp_path / 'typo.db'}"
    code, _, err = run(
        capsys, "approve", "--month", "2026-10", "--by", "王经理", "--warehouse", url
    )
    assert code == 4 and f"there is no SQLite warehouse at {tmp_path / 'typo.db'}" in err
    out = str(tmp_path / "p.xlsx")
    code, _, err = run(
        capsys, "export", "payroll", "--month", "2026-10", "--out", out, "--warehouse", url
    )
    assert code == 4 and "there is no SQLite warehouse" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    code, _, err = run(capsys, "db", "current", "--warehouse", url)  # says how to make one
    assert code == 4 and err.rstrip().endswith(
        "or create it: publish a month (kpi run), or kpi db upgrade for an empty one"
    ), err


def test_validate_tells_the_clerk_why_an_interview_row_was_rejected(tmp_path, capsys):
    """The interviews' own rules in words: another month, an interview held too early, a
    goal out of its range, a due month too late, rows of one interview that disagree."""
    root = write_month(tmp_path / "exports")
    head = "I{n},a1,{month},{on},王经理,,,{metric},{goal},{due},"
    lines = [
        head.format(n=1, month="2026-09", on="2026-11-02", metric="", goal="", due=""),
        head.format(n=2, month="2026-10", on="2026-10-20", metric="", goal="", due=""),
        head.format(
            n=3, month="2026-10", on="2026-11-02", metric="score", goal="120", due="2026-12"
        ),
        head.format(
            n=4, month="2026-10", on="2026-11-02", metric="score", goal="80", due="2027-08"
        ),
        head.format(
            n=5, month="2026-10", on="2026-11-02", metric="score", goal="80", due="2026-12"
        ),
        head.format(
            n=5, month="2026-10", on="2026-11-03", metric="satisfaction", goal="4", due="2026-12"
        ),
        head.format(
            n=6, month="2026-10", on="2026-11-02", metric="score", goal="70", due="2026-12"
        ),
        head.format(
            n=6, month="2026-10", on="2026-11-02", metric="score", goal="75", due="2026-12"
        ),
    ]
    (root / "2026-10" / "interviews.csv").write_text(
        "interview_id,agent_id,month,interview_on,interviewer,strengths,shortfalls,"
        "goal_metric,goal_value,due_month,measure\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    argv = ["validate", "--month", "2026-10", "--exports", str(root)]
    code, out, _ = run(capsys, *argv, "--rejects", str(tmp_path / "rejects.csv"))
    assert code == 0  # interviews never count toward the threshold
    # The summary's hint names the rule, not only the format (the value parsed).
    assert "e.g. 2026-10; due_month must be after the month and at most 6 months" in out
    found = pl.read_csv(tmp_path / "rejects.csv", infer_schema=False)
    assert found.select("line or row in the file", "column", "value", "reason").rows() == [
        (
            "2",
            "month",
            "2026-09",
            "the row is about month 2026-09, not the folder's month: put it in that month's folder",
        ),
        (
            "3",
            "interview_on",
            "2026-10-20",
            "interview_on is before the month's period "
            "ended: an interview about the month is held after it",
        ),
        (
            "4",
            "goal_value",
            "120",
            "goal_value is outside its metric's range (score "
            "0..100, satisfaction 1..5, rates 0..1)",
        ),
        (
            "5",
            "due_month",
            "2027-08",
            "due_month must be after the month and at most 6 months after it",
        ),
        *[
            (
                line,
                "interview_id",
                "I5",
                "the rows of interview I5 disagree on the agent, "
                "month, date, interviewer, strengths or shortfalls: make them equal",
            )
            for line in ("6", "7")
        ],
        *[
            (
                line,
                "interview_id, goal_metric",
                "interview_id=I6, goal_metric=score",
                "another row has the same interview_id, goal_metric with other values: keep "
                "the right one",
            )
            for line in ("8", "9")
        ],
    ]


def test_validate_writes_every_rejected_row_for_the_clerk(tmp_path, capsys):
    """One line per reason: the file, the line the clerk sees, the column, the value and
    what to do, in the language asked for; .csv (UTF-8 with BOM) and .xlsx."""
    rows = {
        "receptions": [
            "R1,S1,a1,C1,2026-10-05 10:00",
            "R2,S1,zz,C2,2062-10-05 10:00",  # an unknown agent, a year typed wrong
            "R3,,a1,C3,2026-10-05 10:00",  # no store
        ],
        "surveys": ["V1,S1,a1,C1,2026-10-05 11:00,很好"],
        "consultations": [
            "S1,S1,a1,,phone,2026-10-05 10:00,2026-10-05 09:00,",  # a reply before the call
        ],
    }
    root = write_month(tmp_path / "exports", rows)
    argv = ["validate", "--month", "2026-10", "--exports", str(root)]
    code, out, _ = run(capsys, *argv, "--rejects", str(tmp_path / "rejects.csv"))
    assert code == 0  # 5 rejected lines of 3 rows: under the floor, the month is usable
    assert out.rstrip().endswith(f"5 rejected row(s) written to {tmp_path / 'rejects.csv'}")
    raw = (tmp_path / "rejects.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines() == [
        "file,sheet,line or row in the file,column,value,reason code,reason",
        "receptions.csv,,3,received_at,2062-10-05 10:00,invalid_value:received_at,"
        "received_at is more than 366 days from the month's period (a typo in the year?)",
        "receptions.csv,,3,agent_id,zz,unknown_agent,agent zz is not in the roster (agents)",
        "receptions.csv,,4,store_id,,missing_value:store_id,"
        "store_id is empty but required: fill it in and export again",
        'surveys.csv,,2,rating,很好,invalid_value:rating,"rating cannot be read: accepted is 1 '
        "to 5, or 非常满意/非常滿意 (5), 满意/滿意 (4), 一般 (3), 不满意/不滿意 (2), "
        '非常不满意/非常不滿意 (1)"',
        'consultations.csv,,2,"received_at, first_response_at, resolved_at",'
        '"received_at=2026-10-05 10:00, first_response_at=2026-10-05 09:00, resolved_at=",'
        'time_order,"the times are out of order (a reply before the call, or a resolution '
        'before the first reply)"',
    ]
    code, _, _ = run(capsys, *argv, "--rejects", str(tmp_path / "rejects.xlsx"), "--lang", "zh-CN")
    sheet = fastexcel.read_excel(str(tmp_path / "rejects.xlsx")).load_sheet(0).to_polars()
    assert sheet.columns == ["文件", "工作表", "文件中的行号", "列", "值", "原因代码", "原因"]
    assert sheet.height == 5
    assert sheet["原因"][1] == "客服 zz 不在客服名册中"


def test_validate_judges_completeness_against_the_warehouse_when_it_has_a_baseline(
    prefect_server, generated_exports, tmp_path, capsys
):
    url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    argv = ["validate", "--month", "2026-10", "--exports", str(generated_exports)]
    code, out, _ = run(capsys, *argv, "--warehouse", url)
    assert code == 0
    assert f"Completeness: not judged, no warehouse at {url}." in out
    assert not (tmp_path / "warehouse.db").exists()  # validate never creates one
    backfill_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    from tests.flows.conftest import backfill_months

    backfill_months(date(2026, 8, 1), date(2026, 9, 1), backfill_paths)
    code, out, err = run(capsys, *argv, "--warehouse", url)
    assert code == 0, err
    section = out.split("Completeness against each store's own history")[1].splitlines()
    assert section[1].split() == [
        "store",
        "export",
        "rows",
        "median",
        "months",
        "share",
        "silent",
        "days",
        "incomplete",
    ]
    assert [line.split()[:2] for line in section[2:8]] == [
        ["S001", "consultations"],
        ["S001", "receptions"],
        ["S001", "surveys"],
        ["S002", "consultations"],
        ["S002", "receptions"],
        ["S002", "surveys"],
    ]
    assert all(line.split()[4] == "2" for line in section[2:8])  # two earlier months


def test_a_ctrl_c_that_a_library_turned_into_another_error_is_still_a_ctrl_c(monkeypatch, capsys):
    """Prefect's task engine, interrupted while it creates a task run, raises a ValueError
    whose context is the KeyboardInterrupt: the command says interrupted (exit 130), no
    traceback."""
    from flows import cli

    def interrupted_inside_prefect(args):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise ValueError("Task run is not set") from None

    def a_bug(args):
        raise ValueError("a bug")

    monkeypatch.setitem(cli.HANDLERS, "status", interrupted_inside_prefect)
    assert main(["status"]) == 130
    assert capsys.readouterr().err == "kpi status: interrupted\n"
    monkeypatch.setitem(cli.HANDLERS, "status", a_bug)
    with pytest.raises(ValueError, match="a bug"):  # a bug still shows its traceback
        main(["status"])


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # its subject
def test_a_ctrl_c_lost_in_a_destructor_still_stops_the_command(monkeypatch, capsys):
    """A Ctrl-C that lands while the garbage collector runs a ``__del__`` is printed as
    "Exception ignored" and lost: the run carried on and published with exit 0. The
    command remembers it: the flip refuses to start and the command ends 130."""
    import gc
    import signal

    from flows import cli
    from flows.common import errors

    class Transport:  # as asyncio's _SelectorTransport, interrupted in __del__
        def __del__(self):
            signal.raise_signal(signal.SIGINT)

    def work_then_garbage(args):
        Transport()
        gc.collect()
        with pytest.raises(KeyboardInterrupt):  # the checkpoint before the flip
            errors.raise_if_interrupted()
        return 0

    monkeypatch.setitem(cli.HANDLERS, "status", work_then_garbage)
    assert main(["status"]) == 130
    assert capsys.readouterr().err.endswith("kpi status: interrupted\n")
    monkeypatch.setitem(cli.HANDLERS, "status", lambda args: 0)
    assert main(["status"]) == 0  # the next command starts afresh


def test_validate_says_in_its_language_that_the_warehouse_could_not_be_read(
    generated_exports, capsys
):
    """Validating never needs the warehouse: one it cannot reach is a line in the
    command's language (it was English under zh-CN), and the month is still judged."""
    code, out, err = run(
        capsys,
        *("validate", "--month", "2026-10", "--exports", str(generated_exports)),
        *("--warehouse", "postgresql+psycopg://u:secret@127.0.0.1:1/x", "--lang", "zh-CN"),
    )
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.startswith("完整性："))
    assert line.startswith("完整性：未判断，无法读取仓库：") and "secret" not in out


@pytest.mark.parametrize(
    "url, said",
    [
        ("foo", "'foo' is not a database URL; use sqlite:///path/to/file.db or postgresql://"),
        ("mysql://x/y", "mysql://x/y: only SQLite and PostgreSQL warehouses are supported"),
        (
            "postgresql://u:secret@host:port/db",
            "postgresql://u:***@host:port/db: the host and port are not host:port with a "
            "whole-number port",
        ),
    ],
)
@pytest.mark.parametrize("command", ["run", "backfill", "status", "validate"])
def test_a_url_that_cannot_name_a_warehouse_is_told_at_once(tmp_path, command, url, said):
    """A new user's trial: `kpi run --warehouse foo` ran 30 s, then a traceback (exit 1);
    a port that is not a number was a traceback in every command. Told before anything
    heavy is imported, exit 2, the password masked."""
    (tmp_path / "exports" / "2026-10").mkdir(parents=True)
    months = {
        "run": ["--month", "2026-10"],
        "validate": ["--month", "2026-10"],
        "backfill": ["--from", "2026-10", "--to", "2026-10"],
        "status": [],
    }[command]
    got, err, imported = fast(command, *months, "--warehouse", url, cwd=tmp_path)
    assert got == 2, err
    assert said in err and "Traceback" not in err and "secret" not in err
    assert imported == []


def test_an_unknown_option_is_refused_with_its_own_commands_usage(capsys):
    """`kpi run --bogus` printed the list of every command; now `kpi run`'s usage."""
    from flows.cli import main

    for argv, usage in (
        (["run", "--month", "2026-10", "--bogus"], "usage: kpi run "),
        (["db", "current", "--bogus"], "usage: kpi db current "),
    ):
        with pytest.raises(SystemExit) as done:
            main(argv)
        err = capsys.readouterr().err
        assert done.value.code == 2
        assert err.startswith(usage), err
        assert err.rstrip().endswith("error: unrecognized arguments: --bogus"), err
