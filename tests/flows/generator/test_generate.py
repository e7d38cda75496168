"""The synthetic exports: reproducible, realistic, varied, and under the threshold."""

import codecs
import hashlib
import io
import os
import re
import stat
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import fastexcel
import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.generator import files, planting
from flows.generator import generate as generator
from flows.generator import roster as roster_module
from flows.generator.generate import generate
from flows.generator.options import GeneratorOptions
from flows.inputs.extract import find_files, read_export
from flows.inputs.validate import extract_and_validate
from schemas.contracts import EXPORTS, EXPORTS_BY_NAME, RECORD_EXPORTS, Kind
from tests.chinese_script import foreign_characters
from transforms.months import months_between
from transforms.periods import month_period

AUG, OCT = date(2026, 8, 1), date(2026, 10, 1)


def digests(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.*"))
    }


def aliases(export) -> dict[str, str]:
    """Every header the generator may write for the export's columns -> the column."""
    return {
        alias: column.name
        for column in export.columns
        for alias in (column.name, column.hans, column.hant)
        if alias
    }


def read_generated(path, export, sheet: int | str = 0) -> pl.DataFrame:
    """A generated file's rows as text under the export's column names, title line
    dropped: read with polars and fastexcel only, not with the pipeline's reader (others
    change it), trying each encoding the generator writes."""
    names = aliases(export)
    if path.suffix == ".xlsx":
        cells = fastexcel.read_excel(path).load_sheet(sheet, header_row=None, dtypes="string")
        rows = cells.to_polars()
        at = 0 if rows.row(0)[0] in names else 1  # a title line above the header
        header = rows.row(at)
        columns = [names[h] for h in header]
        return rows.slice(at + 1).rename(dict(zip(rows.columns, columns, strict=True)))
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8) :].decode("utf-8")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
    if "," not in text.split("\n", 1)[0]:  # a title line above the header
        text = text.split("\n", 1)[1]
    frame = pl.read_csv(io.BytesIO(text.encode("utf-8")), infer_schema=False)
    return frame.rename(names, strict=False)


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    options = GeneratorOptions(stores=1, agents_per_store=3, seed=11)
    list(generate(tmp_path / "a", OCT, OCT, options))
    list(generate(tmp_path / "b", OCT, OCT, options))
    list(generate(tmp_path / "c", OCT, OCT, GeneratorOptions(1, 3, seed=12)))
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")


def test_clean_exports_are_plain_utf8_csv_with_english_headers_and_no_bad_rows(tmp_path):
    list(generate(tmp_path, AUG, OCT, GeneratorOptions(stores=2, seed=3, clean=True)))
    for month in ("2026-08", "2026-09", "2026-10"):
        folder = tmp_path / month
        assert sorted(p.name for p in folder.iterdir()) == sorted(f"{e.name}.csv" for e in EXPORTS)
        for export in EXPORTS:
            first_line = (folder / f"{export.name}.csv").read_bytes().split(b"\n")[0]
            assert first_line.decode("ascii") == ",".join(export.column_names)
        start = date(2026, int(month[-2:]), 1)
        validated = extract_and_validate(tmp_path, start, 0.02)
        counts = validated.inputs.select(
            pl.sum_horizontal("rows_rejected", "rows_duplicate", "rows_out_of_period")
        ).to_series()
        assert counts.sum() == 0, validated.inputs
        assert set(validated.inputs["encoding"]) == {"utf-8"}


def test_default_exports_mix_every_style_and_every_bad_row_under_the_threshold(generated_exports):
    reasons, encodings, classes = set(), set(), {"duplicate": 0, "out_of_period": 0}
    header_styles, title_lines = set(), 0
    for month in (AUG, date(2026, 9, 1), OCT):
        for name, path in find_files(generated_exports / f"{month:%Y-%m}").items():
            file = read_export(path, EXPORTS_BY_NAME[name])
            first = file.export.columns[0]
            header_styles |= {
                style
                for style, alias in (("en", first.name), ("hans", first.hans), ("hant", first.hant))
                if alias and file.headers[0] == alias
            }
            title_lines += file.header_row > 1
        validated = extract_and_validate(generated_exports, month, 0.02)
        assert validated.breaches == []  # the demo must publish
        # The department's own files (appeals, interviews) carry a rejected row or two
        # on purpose; they never count toward the threshold.
        records = validated.inputs.filter(~pl.col("source").is_in(["appeals", "interviews"]))
        assert (records["rows_rejected"] <= 0.015 * records["rows_read"]).all()
        reasons |= {r.split(":")[0] for rs in validated.rejected["reasons"] for r in rs.split(";")}
        encodings |= set(validated.inputs["encoding"])
        classes["duplicate"] += validated.inputs["rows_duplicate"].sum()
        classes["out_of_period"] += validated.inputs["rows_out_of_period"].sum()
    assert reasons == {
        "missing_value",
        "invalid_value",
        "duplicate_conflict",
        "time_order",
        "unknown_agent",
        "agent_not_active",
    }
    assert encodings >= {"utf-8", "utf-8-sig", "gb18030", "xlsx"}
    assert classes["duplicate"] > 0 and classes["out_of_period"] > 0
    assert header_styles == {"en", "hans", "hant"}
    assert title_lines > 0


@pytest.mark.parametrize("headers", ["en", "hans", "hant"])
def test_a_title_line_is_in_the_script_of_its_headers(tmp_path, headers):
    # It used to be Simplified above Traditional headers.
    language = "zh-TW" if headers == "hant" else "zh-CN"
    style = generator.FileStyle(".csv", "utf-8", headers, False, True)
    for export in RECORD_EXPORTS + (EXPORTS_BY_NAME["agents"],):
        path = tmp_path / f"{export.name}.csv"
        generator._Writer(path, export, style, OCT).close()
        title, header = path.read_text(encoding="utf-8").splitlines()
        assert title.startswith("2026年10月") and len(title) > len("2026年10月"), title
        assert not foreign_characters(title + header, language), (export.name, title, header)


def test_chinese_labels_follow_the_header_style():
    frame = pl.DataFrame(
        {
            "survey_id": ["v"],
            "store_id": ["s"],
            "agent_id": ["a"],
            "customer_id": ["c"],
            "surveyed_at": [None],
            "rating": [4],
        },
        schema_overrides={"surveyed_at": pl.Datetime("us")},
    )
    style = generator.FileStyle(".csv", "utf-8", "hant", True, False)
    from schemas.contracts import SURVEYS

    assert generator._render(frame, SURVEYS, style, clean=False)["rating"].to_list() == ["滿意"]
    assert generator._render(frame, SURVEYS, style, clean=True)["rating"].to_list() == ["4"]


def test_agents_join_and_leave_within_the_range():
    months = [date(2026, m, 1) for m in range(1, 13)]
    roster = generator.build_roster(GeneratorOptions(stores=5, seed=1), months)
    in_range = pl.col("left_on").is_between(months[0], date(2026, 12, 31))
    assert roster.filter(in_range).height > 0
    assert roster.filter(pl.col("hired_on") > months[0]).height > 0
    assert roster["agent_id"].is_unique().all()
    assert roster["agent_id"].str.starts_with("00").all()  # leading zeros to keep
    assert roster.filter(pl.col("left_on") < pl.col("hired_on")).is_empty()


def test_chunks_of_stores_keep_ids_unique(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "STORES_PER_CHUNK", 1)
    list(
        generate(
            tmp_path, OCT, OCT, GeneratorOptions(stores=3, agents_per_store=2, seed=5, clean=True)
        )
    )
    receptions = pl.read_csv(tmp_path / "2026-10" / "receptions.csv", infer_schema=False)
    assert receptions["reception_id"].is_unique().all()
    assert receptions["store_id"].n_unique() == 3


# ---------------------------------------------------------------- sizes, failures, overwrite

NOV = date(2026, 11, 1)


def kpi_generate(capsys, out, *extra, first="2026-10", last="2026-11"):
    """`kpi generate` through the CLI's entry point: (exit code, stdout, stderr).
    ``extra`` options come last, so they win over the defaults given here."""
    from flows.cli import main

    try:
        code = main(
            [
                "generate",
                "--out",
                str(out),
                "--from",
                first,
                "--to",
                last,
                "--agents-per-store",
                "2",
                "--seed",
                "4",
                *extra,
            ]
        )
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out_text, err = capsys.readouterr()
    return code, out_text, err


def leftovers(root):
    """Everything under ``root`` that is not a complete month folder's file."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    "field, value",
    [("stores", 0), ("stores", -2), ("agents_per_store", 0), ("seed", -1), ("stores", 1.5)],
)
def test_options_refuse_a_size_that_makes_no_department(field, value):
    with pytest.raises(ValueError, match=f"^{field} must be a whole number of at least"):
        GeneratorOptions(**{field: value})


@pytest.mark.parametrize(
    "option, value, bound",
    [
        ("--stores", "0", "of at least 1"),
        ("--stores", "-3", "of at least 1"),
        ("--agents-per-store", "0", "of at least 1"),
        ("--agents-per-store", "x", "of at least 1"),
        ("--seed", "-1", "of at least 0"),
    ],
)
def test_the_cli_refuses_bad_sizes_with_exit_2_before_writing(
    tmp_path, capsys, option, value, bound
):
    code, out, err = kpi_generate(capsys, tmp_path / "out", option, value)
    assert code == 2
    assert f"argument {option}: must be a whole number {bound}, got '{value}'" in err
    assert out == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("stores, agents", [(1, 1), (3, 1), (1, 2), (2, 2)])
def test_the_smallest_departments_are_written_for_a_whole_year(tmp_path, capsys, stores, agents):
    """One agent per store used to end in a traceback (exit 1): a month without a
    complaint gave numpy's zfill an empty array of ids, which it refuses."""
    code, out, err = kpi_generate(
        capsys,
        tmp_path,
        *("--stores", str(stores), "--agents-per-store", str(agents), "--seed", "2026"),
        *("--lang", "en"),
        first="2026-01",
        last="2026-12",
    )
    assert (code, err) == (0, "")
    assert [line[:8] for line in out.splitlines()] == [f"2026-{m:02d}:" for m in range(1, 13)]
    complaints = [
        read_generated(path, EXPORTS_BY_NAME["complaints"])
        for path in sorted(tmp_path.glob("2026-*/complaints.*"))
    ]
    assert len(complaints) == 12
    if agents == 1 and stores == 1:  # the case that crashed: a month with no complaint
        assert min(frame.height for frame in complaints) == 0


def fail_on(monkeypatch, name: str, month: date, error: BaseException):
    """Make the writer of export ``name`` fail in ``month``, after earlier files landed."""
    append = generator._Writer.append

    def failing(self, frame):
        if self.export.name == name and self.title.startswith(f"{month.year}年{month.month}月"):
            raise error
        return append(self, frame)

    monkeypatch.setattr(generator._Writer, "append", failing)


def test_a_failure_leaves_the_months_before_complete_and_nothing_of_its_own(tmp_path, monkeypatch):
    fail_on(monkeypatch, "purchases", NOV, RuntimeError("injected"))
    written = []
    with pytest.raises(RuntimeError, match="injected"):
        for month, _ in generate(tmp_path, OCT, NOV, GeneratorOptions(agents_per_store=2)):
            written.append(month)
    assert written == [OCT]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-10"]  # no 2026-11, no temp
    assert len(list((tmp_path / "2026-10").iterdir())) == 8


def test_a_write_error_exits_3_naming_the_month_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    fail_on(monkeypatch, "surveys", OCT, OSError(28, "No space left on device"))
    code, out, err = kpi_generate(capsys, tmp_path)
    assert code == 3
    assert err.startswith(f"kpi generate: could not write {tmp_path}/2026-10: ")
    assert "No space left on device; nothing of 2026-10 was left behind" in err
    assert out == "" and list(tmp_path.iterdir()) == []


def test_ctrl_c_leaves_no_half_written_month(tmp_path, monkeypatch, capsys):
    fail_on(monkeypatch, "consultations", NOV, KeyboardInterrupt())
    code, out, err = kpi_generate(capsys, tmp_path)
    assert code == 130
    assert err == "kpi generate: interrupted\n"
    assert out.startswith("2026-10: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-10"]


def test_months_are_readable_by_others_and_a_closed_pipe_stops_nothing(tmp_path):
    """`kpi generate … | head -1`: every month is written all the same, exit 0, and the
    month folders get the permissions a plain mkdir gives (a worker or BI account reads
    them), not the temporary folder's 0700."""
    command = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "generate", "--out", str(tmp_path / "out")]
        + ["--from", "2026-01", "--to", "2026-04", "--stores", "1", "--clean", "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert command.stdout.readline().startswith(b"2026-01: ")
    command.stdout.close()  # the reader goes, as head does after one line
    err = command.stderr.read().decode()
    assert command.wait(timeout=600) == 0, err
    assert err == ""
    months = sorted((tmp_path / "out").iterdir())
    assert [m.name for m in months] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    umask = os.umask(0)
    os.umask(umask)
    assert {stat.S_IMODE(m.stat().st_mode) for m in months} == {0o777 & ~umask}


def test_an_output_that_is_a_file_exits_3(tmp_path, capsys):
    (tmp_path / "out").write_text("not a folder\n")
    code, out, err = kpi_generate(capsys, tmp_path / "out")
    assert code == 3 and out == ""
    assert err == (
        f"kpi generate: {tmp_path}/out: {tmp_path}/out is a file, not a folder; "
        "choose another --out folder\n"
    )


def test_an_existing_month_is_refused_with_exit_3_and_nothing_is_written(tmp_path, capsys):
    edited = tmp_path / "2026-11" / "agents.csv"
    edited.parent.mkdir()
    edited.write_text("hand-edited\n")
    code, out, err = kpi_generate(capsys, tmp_path)
    assert code == 3
    assert err.startswith(f"kpi generate: {tmp_path} already holds month folder(s) 2026-11; ")
    assert "nothing was written" in err and "--overwrite" in err
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11"]  # 2026-10 not written
    assert edited.read_text() == "hand-edited\n"


def test_overwrite_replaces_an_existing_month_whole(tmp_path, capsys):
    fresh = tmp_path / "fresh"
    assert kpi_generate(capsys, fresh)[0] == 0
    target = tmp_path / "target"
    (target / "2026-10").mkdir(parents=True)
    (target / "2026-10" / "agents.csv").write_text("hand-edited\n")
    (target / "2026-10" / "notes.txt").write_text("not an export\n")
    (target / "2026-11").mkdir()  # an empty folder has nothing to lose: not refused
    code, out, err = kpi_generate(capsys, target, "--overwrite")
    assert (code, err) == (0, "")
    assert [line[:8] for line in out.splitlines()] == ["2026-10:", "2026-11:"]
    assert digests(target) == digests(fresh)  # notes.txt is gone: replaced whole
    assert leftovers(target) == []


def test_a_failed_overwrite_keeps_the_old_month(tmp_path, monkeypatch):
    old = tmp_path / "2026-10"
    old.mkdir()
    (old / "agents.csv").write_text("hand-edited\n")
    fail_on(monkeypatch, "appeals", OCT, RuntimeError("injected"))
    with pytest.raises(RuntimeError):
        list(generate(tmp_path, OCT, OCT, GeneratorOptions(agents_per_store=2), overwrite=True))
    assert [p.name for p in old.iterdir()] == ["agents.csv"]
    assert (old / "agents.csv").read_text() == "hand-edited\n"
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- --period-end-day

JAN, MAR = date(2026, 1, 1), date(2026, 3, 1)
DATE_COLUMNS = {  # the columns a period moves; every other column keeps its values
    "agents": {"hired_on", "left_on"},
    "appeals": {"feedback_on", "filed_on", "decided_on"},
    "consultations": {"received_at", "first_response_at", "resolved_at"},
    "interviews": {"interview_on"},
}


def event_times(path, export):
    """The file's event column parsed as the pipeline parses it (dates at 00:00)."""
    from transforms.parsing import parse

    column = export.column(export.event_column)
    frame = read_export(path, export).frame
    times = frame.select(parse(column, pl.col(column.name)).cast(pl.Datetime("us")))
    return times.to_series().drop_nulls()  # unparseable ones are spoiled on purpose


def test_period_end_day_puts_every_record_in_its_period_but_a_few_just_outside(tmp_path):
    list(generate(tmp_path, JAN, MAR, GeneratorOptions(stores=2, seed=8, period_end_day=25)))
    sides = set()
    for month in (JAN, date(2026, 2, 1), MAR):
        period = month_period(month, 25, 25)
        first = datetime.combine(period.start_on, time.min)
        last = datetime.combine(period.end_on, time(23, 59, 59))
        just_before = datetime.combine(period.start_on - timedelta(days=1), time(23, 30))
        just_after = datetime.combine(period.end_on + timedelta(days=1), time(0, 30))
        for name, path in find_files(tmp_path / f"{month:%Y-%m}").items():
            export = EXPORTS_BY_NAME[name]
            if export not in RECORD_EXPORTS:
                continue
            times = event_times(path, export)
            outside = times.filter(~times.is_between(first, last))
            if export.column(export.event_column).kind is Kind.DATE:  # purchases: a date
                allowed = {
                    just_before.replace(hour=0, minute=0),
                    just_after.replace(hour=0, minute=0),
                }
            else:
                allowed = {just_before, just_after}
            assert set(outside) <= allowed, (month, name, set(outside) - allowed)
            assert outside.len() <= 0.01 * times.len()
            sides |= {"before" if t < first else "after" for t in outside}
        appeals = pl.read_csv(tmp_path / f"{month:%Y-%m}" / "appeals.csv", infer_schema=False)
        assert set(appeals["feedback_on"]) == {f"{period.end_on + timedelta(days=3)}"}
        assert appeals.filter(pl.col("decided_on") < pl.col("filed_on")).is_empty()
    assert sides == {"before", "after"}


def row_classes(root, month, period):
    """What validation makes of each record file of the month when its period is
    ``period``: rows read, accepted, rejected, duplicate, out of period."""
    inputs = extract_and_validate(root, month, 0.02, period=period).inputs
    return {
        r.pop("source"): r
        for r in inputs.filter(pl.col("source").is_in([e.name for e in RECORD_EXPORTS]))
        .select(
            "source",
            "rows_read",
            "rows_accepted",
            "rows_rejected",
            "rows_duplicate",
            "rows_out_of_period",
        )
        .to_dicts()
    }


def test_a_run_with_period_end_day_sees_the_period_exports_as_a_calendar_run_sees_its_own(tmp_path):
    """Under `period.end_day: 25`, the --period-end-day 25 exports land in the same
    classes, row for row, as the calendar exports of the same seed under calendar months:
    the same few rows just outside the period, the same agents active."""
    from transforms.periods import calendar_month

    calendar, periods = tmp_path / "calendar", tmp_path / "periods"
    list(generate(calendar, JAN, MAR, GeneratorOptions(stores=2, seed=8)))
    list(generate(periods, JAN, MAR, GeneratorOptions(stores=2, seed=8, period_end_day=25)))
    out_of_period = 0
    for month in (JAN, date(2026, 2, 1), MAR):
        expected = row_classes(calendar, month, calendar_month(month))
        assert row_classes(periods, month, month_period(month, 25, 25)) == expected
        out_of_period += sum(c["rows_out_of_period"] for c in expected.values())
        # Read as calendar months the same files lose a sixth of their rows.
        misread = row_classes(periods, month, calendar_month(month))["receptions"]
        assert misread["rows_out_of_period"] > 0.1 * misread["rows_read"]
    assert out_of_period > 0


def test_period_end_day_moves_the_dates_and_nothing_else(tmp_path):
    calendar, periods = tmp_path / "calendar", tmp_path / "periods"
    list(generate(calendar, JAN, MAR, GeneratorOptions(stores=3, seed=8, clean=True)))
    list(
        generate(
            periods, JAN, MAR, GeneratorOptions(stores=3, seed=8, clean=True, period_end_day=25)
        )
    )
    for month in ("2026-01", "2026-02", "2026-03"):
        names = sorted(p.name for p in (calendar / month).iterdir())
        assert sorted(p.name for p in (periods / month).iterdir()) == names
        for file in names:
            before = pl.read_csv(calendar / month / file, infer_schema=False)
            after = pl.read_csv(periods / month / file, infer_schema=False)
            assert after.columns == before.columns and after.height == before.height
            export = EXPORTS_BY_NAME[file.removesuffix(".csv")]
            moved = DATE_COLUMNS.get(export.name, {export.event_column})
            kept = [c for c in before.columns if c not in moved]
            assert_frame_equal(after.select(kept), before.select(kept))
            assert not after.select(moved).equals(before.select(moved))


def test_the_roster_follows_the_period(tmp_path):
    months = [date(2026, m, 1) for m in range(1, 13)]
    options = GeneratorOptions(stores=30, seed=3, period_end_day=20)
    roster = generator.build_roster(options, months)
    periods = [month_period(m, 20, 20) for m in months]
    leavers = roster.filter(pl.col("left_on") >= periods[0].start_on)
    assert leavers.height > 5
    for left_on in leavers["left_on"]:
        period = next(p for p in periods if p.start_on <= left_on <= p.end_on)
        assert left_on < period.end_on  # the replacement starts inside the same period
        assert roster.filter(pl.col("hired_on") == left_on + timedelta(days=1)).height
    assert any(d.day > 20 for d in leavers["left_on"])  # periods, not calendar months
    # Records of a clean month are their agents', inside the days the agent works.
    list(
        generate(
            tmp_path, MAR, MAR, GeneratorOptions(stores=2, seed=8, clean=True, period_end_day=20)
        )
    )
    agents = pl.read_csv(tmp_path / "2026-03" / "agents.csv", infer_schema=False).select(
        "agent_id", pl.col("hired_on", "left_on").str.to_date()
    )
    receptions = (
        pl.read_csv(tmp_path / "2026-03" / "receptions.csv", infer_schema=False)
        .with_columns(pl.col("received_at").str.to_datetime())
        .join(agents, on="agent_id")
    )
    assert receptions.filter(
        (pl.col("received_at").dt.date() < pl.col("hired_on"))
        | (pl.col("received_at").dt.date() > pl.col("left_on"))
    ).is_empty()
    assert receptions["received_at"].min() >= datetime(2026, 2, 21)
    assert receptions["received_at"].max() <= datetime(2026, 3, 20, 23, 59, 59)


@pytest.mark.parametrize("value", [0, 29, -1])
def test_a_period_end_day_outside_1_to_28_is_refused(tmp_path, capsys, value):
    with pytest.raises(ValueError, match="^period_end_day must be a whole number from 1 to 28"):
        GeneratorOptions(period_end_day=value)
    code, _, err = kpi_generate(capsys, tmp_path / "out", "--period-end-day", str(value))
    assert code == 2
    assert f"argument --period-end-day: must be a whole number from 1 to 28, got '{value}'" in err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- appeals


def appeal_outcomes_of(root, month):
    """The generated month's appeals and what the pipeline makes of them."""
    from flows.common.settings import DEFAULT_SCHEMES_DIR
    from flows.inputs.schemes import scheme_for_month
    from transforms.results import prepare

    validated = extract_and_validate(root, month, 0.02)
    scheme = scheme_for_month(DEFAULT_SCHEMES_DIR, month).scheme
    outcomes = prepare(validated.records, scheme, month).outcomes
    return validated.records["appeals"], outcomes


def test_appeals_are_decided_after_they_are_filed_and_end_every_way(tmp_path):
    options = GeneratorOptions(agents_per_store=45, seed=2)
    list(generate(tmp_path, OCT, OCT, options))  # National Day: the calendar matters
    appeals, outcomes = appeal_outcomes_of(tmp_path, OCT)
    assert appeals.height == outcomes.height == 9  # the two invalid rows are quarantined
    assert appeals.filter(pl.col("decided_on") < pl.col("filed_on")).is_empty()
    assert (appeals["filed_on"] > appeals["feedback_on"]).all()
    undecided = appeals.filter(pl.col("decided_on").is_null())
    assert undecided["status"].to_list() == ["pending"]
    assert undecided["decided_by"].to_list() == [None]
    assert set(outcomes["reason"].fill_null("applied")) == {
        "applied",
        "rejected",
        "pending",
        "month_mismatch",
        "late",
        "agent_mismatch",
        "record_not_found",
    }
    assert outcomes["is_applied"][0]  # the month's first appeal always takes effect
    void = outcomes.filter(pl.col("kind") == "void_record")
    assert void.filter(pl.col("reason") == "record_not_found").height == 1  # real ids else


def test_a_small_department_has_one_appeal_that_applies_every_month(generated_exports):
    for month in (AUG, date(2026, 9, 1), OCT):
        appeals, outcomes = appeal_outcomes_of(generated_exports, month)
        assert appeals.filter(pl.col("decided_on") < pl.col("filed_on")).is_empty()
        assert outcomes["is_applied"].sum() >= 1


# ---------------------------------------------------------------- who works how


@pytest.mark.parametrize("has_teams", [True, False])
def test_a_store_has_an_outstanding_and_a_strong_agent_most_average_and_one_struggling(
    has_teams,
):
    rng = np.random.default_rng(1)
    profiles, spotless = roster_module._store_profiles(rng, 10, has_teams)
    assert Counter(profiles) == {
        "outstanding": 1,
        "strong": 1,
        "steady": 3,
        "average": 3,
        "weak": 1,
        "struggling": 1,
    }
    if has_teams:  # the spotless team has the best agents, the other team the rest
        best = {p for i, p in enumerate(profiles) if i % 2 == spotless}
        assert best == {"outstanding", "strong", "steady"}
    else:
        assert spotless is None
    four, _ = roster_module._store_profiles(rng, 4, has_teams)
    assert "outstanding" not in four  # a small store has no outstanding agent
    for positions in (1, 2, 3, 25):  # any size gets a profile per position
        small, _ = roster_module._store_profiles(rng, positions, has_teams)
        assert len(small) == positions and set(small) <= set(roster_module.PROFILES)


def test_a_spotless_teams_complaints_are_all_found_groundless(tmp_path):
    list(generate(tmp_path, OCT, OCT, GeneratorOptions(stores=3, seed=4, clean=True)))
    roster = generator.build_roster(GeneratorOptions(stores=3, seed=4, clean=True), [OCT])
    complaints = pl.read_csv(tmp_path / "2026-10" / "complaints.csv", infer_schema=False).join(
        roster.select("agent_id", "spotless", "team_id"), on="agent_id"
    )
    spotless = complaints.filter(pl.col("spotless"))
    assert spotless.height > 0 and set(spotless["is_valid"]) == {"N"}
    assert complaints.filter(~pl.col("spotless"))["is_valid"].is_null().any()
    # two of the three stores have teams, one spotless each; the third is one team
    assert roster.filter(pl.col("spotless"))["store_id"].unique().sort().to_list() == [
        "S001",
        "S002",
    ]


# ---------------------------------------------------------------- plausible as they come

FOOTERS = ("合计", "总计", "小计", "合計", "總計", "小計", "制表")
SCIENTIFIC = r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$"


def event_days(frame, export) -> pl.Series:
    """The day of each row's event as written (text or a spreadsheet cell), null where
    the value is spoiled on purpose."""
    parts = frame[export.event_column].str.extract_groups(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
    text = pl.concat_str(
        pl.col("1"), pl.col("2").str.zfill(2), pl.col("3").str.zfill(2), separator="-"
    )
    return parts.struct.unnest().select(text.str.to_date("%Y-%m-%d", strict=False)).to_series()


def longest_silence(days: set, period) -> int:
    """The longest run of days of the period without one of ``days``."""
    longest = run = 0
    for offset in range((period.end_on - period.start_on).days + 1):
        run = 0 if period.start_on + timedelta(days=offset) in days else run + 1
        longest = max(longest, run)
    return longest


def implausible(folder, period) -> list[str]:
    """What the plausibility rules of the input contract (exports.md "Plausibility",
    scheme.md §9.3 "Completeness") object to in one generated month folder, judged here
    from the files themselves so the generator is held to them whatever the pipeline
    does."""
    problems = []
    written = {"agents", "appeals", "interviews", *(e.name for e in RECORD_EXPORTS)}
    paths = sorted(folder.iterdir())
    known = {p.stem: p for p in paths if p.stem in written and p.suffix in (".csv", ".xlsx")}
    problems += [f"unknown file {p.name}" for p in paths if p not in known.values()]
    problems += [f"no {name} file" for name in sorted(written - set(known))]
    # A spreadsheet's first sheet, hidden or not, is what a reader that skips none reads.
    frames = {name: read_generated(path, EXPORTS_BY_NAME[name]) for name, path in known.items()}
    for name, frame in frames.items():
        export = EXPORTS_BY_NAME[name]
        first_cells = frame.select(pl.coalesce(pl.all().replace("", None)))
        footers = first_cells.filter(
            pl.first()
            .str.starts_with(FOOTERS[0])
            .or_(*(pl.first().str.starts_with(f) for f in FOOTERS[1:]))
        )
        if footers.height:
            problems.append(f"{name}: footer rows {footers.to_series().to_list()}")
        for column in export.column_names:
            if column.endswith("_id") and column in frame.columns:
                mangled = frame.filter(pl.col(column).str.contains(SCIENTIFIC))
                if mangled.height:
                    problems.append(f"{name}.{column} in scientific notation: {mangled.height}")
        if export in RECORD_EXPORTS and frame.height:
            days = event_days(frame, export)
            inside = days.is_between(period.start_on, period.end_on).sum()
            if inside < 0.97 * frame.height:
                problems.append(f"{name}: {inside} of {frame.height} rows in the period")
    roster = set(frames["agents"]["agent_id"])
    agents = pl.concat([frames[e.name].select("agent_id") for e in RECORD_EXPORTS])
    unknown = agents.filter(~pl.col("agent_id").is_in(roster)).group_by("agent_id").len()
    problems += [f"agent {a} not in the roster: {n} rows" for a, n in unknown.rows() if n >= 20]
    receptions = frames["receptions"].with_columns(
        day=event_days(frames["receptions"], EXPORTS_BY_NAME["receptions"])
    )
    stores = receptions.filter(pl.col("store_id") != "")  # an empty one is a spoiled row
    for store, days in stores.group_by("store_id").agg("day").sort("store_id").rows():
        silent = longest_silence(set(days), period)
        if silent > 7:
            problems.append(f"receptions of store {store}: {silent} silent days")
    return problems


@pytest.mark.parametrize(
    "stores, agents, end_day", [(2, 10, None), (2, 10, 25), (1, 1, None), (1, 1, 10)]
)
def test_ordinary_exports_are_plausible_all_year(tmp_path, stores, agents, end_day):
    """A year of ordinary exports passes every plausibility rule: most rows in the
    month's period, only the contract's file names, no footer rows, no ID in scientific
    notation, no agent missing from the roster with 20 or more rows, no store's
    receptions silent for more than 7 days (the default max_silent_days)."""
    options = GeneratorOptions(stores, agents, seed=2026, period_end_day=end_day)
    list(generate(tmp_path, JAN, date(2026, 12, 1), options))
    problems = {}
    for month in months_between(JAN, date(2026, 12, 1)):
        period = month_period(month, end_day, end_day)
        found = implausible(tmp_path / f"{month:%Y-%m}", period)
        if found:
            problems[f"{month:%Y-%m}"] = found
    assert problems == {}


# ---------------------------------------------------------------- --mistake

DEC = date(2026, 12, 1)
DEC_PERIOD = month_period(DEC, None, None)
MISTAKEN = GeneratorOptions(stores=2, agents_per_store=4, seed=21)
# Seed 21's December as written without mistakes: agents.xlsx, appeals.csv,
# complaints.csv, consultations.csv, purchases.csv, receptions.csv, surveys.xlsx (and
# November's surveys is a CSV). For each mistake: the files that carry it, and the
# ordinary files they take the place of; every other file stays byte for byte.
MISTAKE_FILES = {
    "split-export": ({"receptions.csv", "receptions_2.csv"}, set()),
    "wrong-month": ({"surveys.csv"}, {"surveys.xlsx"}),
    "hidden-sheet": ({"purchases.xlsx"}, {"purchases.csv"}),
    "mangled-ids": ({"complaints.csv"}, set()),
    "missing-hire": ({"agents.xlsx"}, set()),
    "truncated-store": ({"receptions.csv"}, set()),
    "footer-rows": ({"consultations.csv", "purchases.xlsx"}, {"purchases.csv"}),
    "merged-cells": ({"agents.xlsx"}, set()),
}


def test_every_mistake_is_tested():
    from flows.generator.mistakes import MISTAKES

    assert set(MISTAKE_FILES) == set(MISTAKES)


@pytest.fixture(scope="module")
def ordinary(tmp_path_factory):
    """Seed 21's November and December without mistakes."""
    root = tmp_path_factory.mktemp("ordinary")
    list(generate(root, NOV, DEC, MISTAKEN))
    return root


def with_mistakes(root, *kinds, options=MISTAKEN):
    generation = generate(root, NOV, DEC, replace(options, mistakes=kinds))
    list(generation)
    return generation.mistakes


@pytest.mark.parametrize("kind", sorted(MISTAKE_FILES))
def test_a_mistake_changes_only_its_own_files_of_the_last_month(tmp_path, ordinary, kind):
    with_mistakes(tmp_path / "a", kind)
    with_mistakes(tmp_path / "b", kind)
    before, after = digests(ordinary), digests(tmp_path / "a")
    assert after == digests(tmp_path / "b")  # the same seed, the same bytes
    written, replaced = MISTAKE_FILES[kind]
    written = {f"2026-12/{name}" for name in written}
    replaced = {f"2026-12/{name}" for name in replaced}
    assert set(after) == (set(before) - replaced) | written
    assert {f: after[f] for f in set(after) - written} == {
        f: before[f] for f in set(after) - written
    }  # November whole, and December but for the mistake's files
    assert all(after[f] != before.get(f) for f in written)


def comparable(frame, export):
    """A file's rows with each time as a datetime and no empty text, so a CSV and a
    spreadsheet of the same rows compare equal."""
    formats = ("%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d", "%Y-%m-%d")
    times = [c.name for c in export.columns if c.kind in (Kind.TIMESTAMP, Kind.DATE)]
    return frame.with_columns(pl.all().replace("", None)).with_columns(
        pl.coalesce([pl.col(c).str.to_datetime(f, strict=False) for f in formats]).alias(c)
        for c in times
    )


def day_of_event(frame, export):
    return comparable(frame, export)[export.event_column].dt.date()


RECEPTIONS, SURVEYS = EXPORTS_BY_NAME["receptions"], EXPORTS_BY_NAME["surveys"]
COMPLAINTS, PURCHASES = EXPORTS_BY_NAME["complaints"], EXPORTS_BY_NAME["purchases"]
CONSULTATIONS, AGENTS = EXPORTS_BY_NAME["consultations"], EXPORTS_BY_NAME["agents"]


def test_split_export_puts_the_first_half_of_the_period_in_one_file_the_rest_in_another(
    tmp_path, ordinary
):
    written = with_mistakes(tmp_path, "split-export")
    whole = read_generated(ordinary / "2026-12" / "receptions.csv", RECEPTIONS)
    first = read_generated(tmp_path / "2026-12" / "receptions.csv", RECEPTIONS)
    second = read_generated(tmp_path / "2026-12" / "receptions_2.csv", RECEPTIONS)
    day = day_of_event(whole, RECEPTIONS)
    early = day.is_null() | (day <= date(2026, 12, 16))  # 1st + (31st - 1st) // 2
    assert_frame_equal(first, whole.filter(early))
    assert_frame_equal(second, whole.filter(~early))
    assert first.height > 0.4 * whole.height and second.height > 0.4 * whole.height
    # Each file starts as the ordinary one does (title line, header, encoding).
    ordinary_bytes = (ordinary / "2026-12" / "receptions.csv").read_bytes()
    header = ordinary_bytes[: ordinary_bytes.index(b"RC2026")]
    for name in ("receptions.csv", "receptions_2.csv"):
        assert (tmp_path / "2026-12" / name).read_bytes().startswith(header)
    assert written == [
        generator.WrittenMistake(
            DEC, "split-export", ("receptions.csv", "receptions_2.csv"), {"day": "2026-12-16"}
        )
    ]


def test_wrong_month_copies_the_month_befores_surveys_file(tmp_path, ordinary):
    written = with_mistakes(tmp_path, "wrong-month")
    copied = tmp_path / "2026-12" / "surveys.csv"
    assert copied.read_bytes() == (ordinary / "2026-11" / "surveys.csv").read_bytes()
    days = day_of_event(read_generated(copied, SURVEYS), SURVEYS).drop_nulls()
    assert days.len() > 500 and days.max() < DEC_PERIOD.start_on  # none in December
    assert (days >= date(2026, 11, 1)).mean() > 0.98  # November's, but a few just before
    assert written == [
        generator.WrittenMistake(DEC, "wrong-month", ("surveys.csv",), {"other": "2026-11"})
    ]


def sheets_of(path):
    """(name, visibility) of each sheet, and the workbook's active tab, as the file says."""
    workbook = zipfile.ZipFile(path).read("xl/workbook.xml").decode()
    active = re.search(r'activeTab="(\d+)"', workbook)
    sheets = fastexcel.read_excel(path).sheet_names
    visible = [fastexcel.read_excel(path).load_sheet(s).visible for s in sheets]
    return list(zip(sheets, visible, strict=True)), int(active[1]) if active else 0


def test_hidden_sheet_hides_the_month_before_in_front_of_this_months_purchases(tmp_path, ordinary):
    written = with_mistakes(tmp_path, "hidden-sheet")
    workbook = tmp_path / "2026-12" / "purchases.xlsx"
    assert sheets_of(workbook) == ([("2026年11月", "hidden"), ("2026年12月", "visible")], 1)
    for sheet, month in ((0, "2026-11"), (1, "2026-12")):
        in_sheet = read_generated(workbook, PURCHASES, sheet=sheet)
        expected = read_generated(ordinary / month / "purchases.csv", PURCHASES)
        assert_frame_equal(comparable(in_sheet, PURCHASES), comparable(expected, PURCHASES))
    assert written == [
        generator.WrittenMistake(DEC, "hidden-sheet", ("purchases.xlsx",), {"other": "2026-11"})
    ]


def test_excel_shows_a_customer_number_in_scientific_notation():
    customers = pl.DataFrame({"customer_id": ["CUS001-123", "", "CUS012-7", None, "walk-in"]})
    shown = customers.select(planting._excel_number(pl.col("customer_id"))).to_series()
    # CUS001-123 is 14219905886, CUS012-7 is 19272737723: "%.2E" as Excel shows them.
    assert shown.to_list() == ["1.42E+10", "", "1.93E+10", None, "walk-in"]


@pytest.mark.parametrize("seed, encoding", [(21, "gb18030"), (27, "utf-8-sig"), (22, "gb18030")])
def test_mangled_ids_turn_the_complaints_customer_ids_into_scientific_notation(
    tmp_path, seed, encoding
):
    """A CSV keeps its encoding (seeds 21 and 27); seed 22's complaints are a
    spreadsheet, which Excel on Chinese Windows saves as a GB18030 CSV."""
    options = replace(MISTAKEN, seed=seed)
    list(generate(tmp_path / "plain", NOV, DEC, options))
    written = with_mistakes(tmp_path / "mangled", "mangled-ids", options=options)
    [plain] = (tmp_path / "plain" / "2026-12").glob("complaints.*")
    mangled = tmp_path / "mangled" / "2026-12" / "complaints.csv"
    raw = mangled.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) == (encoding == "utf-8-sig")
    if encoding == "gb18030":  # Chinese headers or labels: not UTF-8
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    raw.decode(encoding)
    assert (plain.suffix == ".xlsx") == (seed == 22)
    before = comparable(read_generated(plain, COMPLAINTS), COMPLAINTS)
    after = comparable(read_generated(mangled, COMPLAINTS), COMPLAINTS)
    assert_frame_equal(after.drop("customer_id"), before.drop("customer_id"))
    expected = before.select(planting._excel_number(pl.col("customer_id")))
    assert_frame_equal(after.select("customer_id"), expected)
    assert after["customer_id"].str.contains(r"^[12]\.\d\dE\+10$").sum() == before.height > 10
    assert written == [
        generator.WrittenMistake(
            DEC, "mangled-ids", ("complaints.csv",), {"example": after["customer_id"][0]}
        )
    ]


def december_rows_by_agent(root):
    rows = pl.concat(
        read_generated(path, EXPORTS_BY_NAME[path.stem]).select("agent_id")
        for path in sorted((root / "2026-12").iterdir())
        if path.stem in {e.name for e in RECORD_EXPORTS}
    )
    return dict(rows.group_by("agent_id").len().rows())


def test_missing_hire_leaves_the_newest_hire_with_records_out_of_the_roster(tmp_path, ordinary):
    written = with_mistakes(tmp_path, "missing-hire")
    before = read_generated(ordinary / "2026-12" / "agents.xlsx", AGENTS)
    after = read_generated(tmp_path / "2026-12" / "agents.xlsx", AGENTS)
    [missing] = set(before["agent_id"]) - set(after["agent_id"])
    assert_frame_equal(after, before.filter(pl.col("agent_id") != missing))
    rows = december_rows_by_agent(tmp_path)
    assert rows[missing] > 20
    roster = generator.build_roster(MISTAKEN, [NOV, DEC])
    listed = roster.filter(pl.col("agent_id").is_in(before["agent_id"].implode()))
    with_records = listed.filter(pl.col("agent_id").is_in(list(rows))).sort("hired_on")
    assert with_records["agent_id"][-1] == missing  # the newest hire with records
    hired = listed.filter(pl.col("agent_id") == missing)["hired_on"][0]
    assert written == [
        generator.WrittenMistake(
            DEC,
            "missing-hire",
            ("agents.xlsx",),
            {"agent": missing, "rows": f"{rows[missing]:,}", "hired": f"{hired}"},
        )
    ]


def test_missing_hire_counts_the_rows_of_the_files_in_the_folder(tmp_path):
    """With wrong-month the surveys in the folder are November's: those count."""
    written = with_mistakes(tmp_path, "missing-hire", "wrong-month")
    [hire] = [w.details for w in written if w.kind == "missing-hire"]
    assert hire["rows"] == f"{december_rows_by_agent(tmp_path)[hire['agent']]:,}"


def test_truncated_store_ends_one_stores_receptions_on_the_periods_tenth_day(tmp_path, ordinary):
    written = with_mistakes(tmp_path, "truncated-store")
    whole = read_generated(ordinary / "2026-12" / "receptions.csv", RECEPTIONS)
    cut = read_generated(tmp_path / "2026-12" / "receptions.csv", RECEPTIONS)
    [store] = [w.details["store"] for w in written]
    day = day_of_event(whole, RECEPTIONS)
    late = (pl.Series(whole["store_id"]) == store) & (day > date(2026, 12, 10))
    assert_frame_equal(cut, whole.filter(~late.fill_null(False)))
    kept = day_of_event(cut, RECEPTIONS).filter(cut["store_id"] == store)
    assert kept.max() == date(2026, 12, 10) and late.sum() > 0.5 * kept.len()
    assert longest_silence(set(kept), DEC_PERIOD) == 21
    other = whole.filter(pl.col("store_id") != store)
    assert other.height and cut.filter(pl.col("store_id") != store).equals(other)
    assert written == [
        generator.WrittenMistake(
            DEC, "truncated-store", ("receptions.csv",), {"store": store, "day": "2026-12-10"}
        )
    ]


def test_footer_rows_end_consultations_with_a_total_and_purchases_with_a_made_by_line(
    tmp_path, ordinary
):
    written = with_mistakes(tmp_path, "footer-rows")
    plain = (ordinary / "2026-12" / "consultations.csv").read_bytes()
    footed = (tmp_path / "2026-12" / "consultations.csv").read_bytes()
    rows = read_generated(ordinary / "2026-12" / "consultations.csv", CONSULTATIONS).height
    assert footed == plain + f"合計,{rows},,,,,,\n".encode()  # its headers are Traditional
    workbook = tmp_path / "2026-12" / "purchases.xlsx"
    assert sheets_of(workbook) == ([("Sheet1", "visible")], 0)
    sheet = read_generated(workbook, PURCHASES)
    expected = read_generated(ordinary / "2026-12" / "purchases.csv", PURCHASES)
    assert_frame_equal(comparable(sheet.head(-2), PURCHASES), comparable(expected, PURCHASES))
    assert sheet.tail(2).rows() == [
        ("合計", str(expected.height), None, None, None, None, None),  # Traditional headers
        ("制表：客服部 2027-01-01", None, None, None, None, None, None),
    ]
    assert written == [
        generator.WrittenMistake(DEC, "footer-rows", ("purchases.xlsx", "consultations.csv"))
    ]


def merged_ranges(path):
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/>', sheet)


def test_merged_cells_merge_store_and_team_over_their_rows_of_the_roster(tmp_path, ordinary):
    written = with_mistakes(tmp_path, "merged-cells")
    workbook = tmp_path / "2026-12" / "agents.xlsx"
    before = read_generated(ordinary / "2026-12" / "agents.xlsx", AGENTS)
    after = read_generated(workbook, AGENTS)
    # The rows sorted by store and team (title line, header, then rows 3 to 13); a merged
    # range's value is in its first cell, the cells it covers are empty.
    expected = before.sort("store_id", "team_id", nulls_last=True, maintain_order=True)
    assert merged_ranges(workbook) == ["C3:C8", "C9:C13", "D3:D6", "D7:D8", "D9:D11", "D12:D13"]
    assert (after["store_id"].null_count(), after["team_id"].null_count()) == (11 - 2, 11 - 4)
    filled = after.with_columns(pl.col("store_id", "team_id").forward_fill())
    assert_frame_equal(filled, expected)
    assert written == [generator.WrittenMistake(DEC, "merged-cells", ("agents.xlsx",))]


def test_merged_runs_are_two_rows_or_more_of_one_value_a_team_within_its_store():
    roster = pl.DataFrame(
        {
            "store_id": ["S1", "S1", "S2", "S3", "S3", "S3"],
            "team_id": ["T1", "T1", "T1", None, None, ""],
        }
    )
    assert files._runs(roster, "store_id", ()) == [(0, 1, "S1"), (3, 5, "S3")]
    assert files._runs(roster, "team_id", ("store_id",)) == [(0, 1, "T1")]


MISTAKE_PROBLEMS = {  # seed 21's December: what the plausibility rules say of each mistake
    "split-export": [
        "unknown file receptions_2.csv",
        # Read alone, receptions.csv is the first half of the month.
        "receptions of store S001: 15 silent days",
        "receptions of store S002: 15 silent days",
    ],
    "wrong-month": ["surveys: 0 of 1206 rows in the period"],
    "hidden-sheet": ["purchases: 0 of 250 rows in the period"],  # its first sheet's
    "mangled-ids": ["complaints.customer_id in scientific notation: 18"],
    "missing-hire": ["agent 0010005 not in the roster: 2351 rows"],
    "truncated-store": ["receptions of store S001: 21 silent days"],
    "footer-rows": [
        "consultations: footer rows ['合計']",
        "purchases: footer rows ['合計', '制表：客服部 2027-01-01']",
    ],
    "merged-cells": [],  # nothing these rules see: a reader that ignores merges reads nulls
}


@pytest.mark.parametrize("kind", sorted(MISTAKE_PROBLEMS))
def test_each_mistake_breaks_the_rule_it_is_written_for(tmp_path, kind):
    with_mistakes(tmp_path, kind)
    assert implausible(tmp_path / "2026-11", month_period(NOV, None, None)) == []
    assert implausible(tmp_path / "2026-12", DEC_PERIOD) == MISTAKE_PROBLEMS[kind]


def test_the_cli_writes_every_mistake_at_once_and_says_which_file_carries_which(tmp_path, capsys):
    mistakes = [a for kind in reversed(MISTAKE_FILES) for a in ("--mistake", kind)]
    size = ("--stores", "2", "--agents-per-store", "4", "--seed", "21", "--lang", "en")
    code, out, err = kpi_generate(
        capsys,
        tmp_path,
        *size,
        *mistakes,
        "--mistake",
        "wrong-month",
        first="2026-11",
        last="2026-12",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[2:] == [
        "2026-12: mistake split-export written: the receptions in two files, receptions.csv, "
        "receptions_2.csv, the first up to 2026-12-16",
        "2026-12: mistake wrong-month written: surveys.csv is the surveys file of 2026-11",
        "2026-12: mistake hidden-sheet written: purchases.xlsx holds 2026-11 on a hidden first "
        "sheet",
        "2026-12: mistake mangled-ids written: complaints.csv has its customer IDs in scientific "
        "notation, as Excel saves them (1.44E+10)",
        # Fewer rows than alone: the truncated store's receptions are gone.
        "2026-12: mistake missing-hire written: agent 0010005 (hired 2026-03-05, 1,835 rows in "
        "the record files) is left out of agents.xlsx",
        "2026-12: mistake truncated-store written: the receptions of store S001 in "
        "receptions.csv, receptions_2.csv end on 2026-12-10",
        "2026-12: mistake footer-rows written: a total row ends purchases.xlsx, "
        "consultations.csv, the spreadsheet also a prepared-by line",
        "2026-12: mistake merged-cells written: agents.xlsx has its store and team cells merged "
        "over their rows",
    ]
    assert [line[:8] for line in out.splitlines()[:2]] == ["2026-11:", "2026-12:"]
    assert sorted(p.name for p in (tmp_path / "2026-12").iterdir()) == [
        "agents.xlsx",
        "appeals.csv",
        "complaints.csv",
        "consultations.csv",
        "interviews.csv",
        "purchases.xlsx",
        "receptions.csv",
        "receptions_2.csv",
        "surveys.csv",
    ]
    # Mistakes that meet in one file compose: the truncated store's receptions, split.
    receptions = pl.concat(
        read_generated(tmp_path / "2026-12" / name, RECEPTIONS)
        for name in ("receptions.csv", "receptions_2.csv")
    )
    days = day_of_event(receptions.filter(pl.col("store_id") == "S001"), RECEPTIONS)
    assert days.max() == date(2026, 12, 10)
    sheets = sheets_of(tmp_path / "2026-12" / "purchases.xlsx")
    assert sheets == ([("2026年11月", "hidden"), ("2026年12月", "visible")], 1)
    visible = read_generated(tmp_path / "2026-12" / "purchases.xlsx", PURCHASES, sheet=1)
    assert visible["order_id"].tail(2).to_list() == ["合計", "制表：客服部 2027-01-01"]


def test_the_cli_refuses_an_unknown_mistake_with_exit_2_naming_the_kinds(tmp_path, capsys):
    code, out, err = kpi_generate(capsys, tmp_path / "out", "--mistake", "typo")
    assert (code, out) == (2, "")
    assert err.endswith(
        "kpi generate: error: argument --mistake: invalid choice: 'typo' (choose from "
        "'split-export', 'wrong-month', 'hidden-sheet', 'mangled-ids', 'missing-hire', "
        "'truncated-store', 'footer-rows', 'merged-cells')\n"
    )
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="^unknown mistake in .'typo',.: the kinds are split-"):
        GeneratorOptions(mistakes=("typo",))
    with pytest.raises(ValueError, match="^unknown mistake in 'wrong-month': the kinds are"):
        GeneratorOptions(mistakes="wrong-month")  # a string, not a tuple of kinds


def test_mistakes_are_one_set_in_one_order():
    options = GeneratorOptions(mistakes=("merged-cells", "split-export", "merged-cells"))
    assert options.mistakes == ("split-export", "merged-cells")
    assert options == GeneratorOptions(mistakes=["split-export", "merged-cells"])


def test_a_mistake_that_needs_the_month_before_refuses_a_one_month_range(tmp_path, capsys):
    code, out, err = kpi_generate(
        capsys, tmp_path, "--mistake", "hidden-sheet", "--mistake", "wrong-month", first="2026-11"
    )
    assert (code, out) == (2, "")
    assert err == (
        "kpi generate: --mistake wrong-month and --mistake hidden-sheet take data from the "
        "month before 2026-11: start the range earlier (--from 2026-10); nothing was written\n"
    )
    assert list(tmp_path.iterdir()) == []
    code, out, err = kpi_generate(capsys, tmp_path, "--mistake", "missing-hire", first="2026-11")
    assert (code, err) == (0, "") and "missing-hire" in out.splitlines()[-1]


def test_the_mistakes_follow_the_period(tmp_path):
    """With --period-end-day 25 December's period is 26 November to 25 December."""
    options = replace(MISTAKEN, period_end_day=25)
    written = with_mistakes(tmp_path, "split-export", "truncated-store", options=options)
    assert [(w.kind, w.details["day"]) for w in written] == [
        ("split-export", "2026-12-10"),
        ("truncated-store", "2026-12-05"),
    ]
    receptions = pl.concat(
        read_generated(tmp_path / "2026-12" / name, RECEPTIONS)
        for name in ("receptions.csv", "receptions_2.csv")
    )
    store = written[1].details["store"]
    days = day_of_event(receptions.filter(pl.col("store_id") == store), RECEPTIONS)
    assert days.filter(days >= date(2026, 11, 26)).max() == date(2026, 12, 5)


def test_interviews_tell_the_story_of_the_improvement_plans(tmp_path):
    """The weak and struggling agents are interviewed three days after the period, two
    goals each, except the last store's struggling agent; unless clean, one more row
    names a metric that does not exist (rejected)."""
    options = GeneratorOptions(stores=2, seed=5)
    list(generate(tmp_path, OCT, OCT, options))
    roster = generator.build_roster(options, [OCT]).filter(pl.col("left_on").is_null())
    rows = pl.read_csv(tmp_path / "2026-10" / "interviews.csv", infer_schema=False)
    expected = roster.filter(
        pl.col("profile").is_in(["weak", "struggling"])
        & ~((pl.col("profile") == "struggling") & (pl.col("store_id") == "S002"))
    )["agent_id"]
    good = rows.filter(pl.col("goal_metric") != "speed")
    assert sorted(good["agent_id"].unique()) == sorted(expected)
    assert good.group_by("interview_id").len()["len"].to_list() == [2] * expected.len()
    assert set(good["interview_on"]) == {"2026-11-03"} and set(good["month"]) == {"2026-10"}
    assert rows.filter(pl.col("goal_metric") == "speed").height == 1
    validated = extract_and_validate(tmp_path, OCT, 0.02)
    counts = validated.inputs.filter(pl.col("source") == "interviews").row(0, named=True)
    assert (counts["rows_accepted"], counts["rows_rejected"]) == (good.height, 1)
