"""The hostile and messy input corpus (`tests/data/hostile/`): each file gets a correct
quarantine or a clear error naming the file and the fix, never a traceback and never a
silent loss.

- ``truncated.xlsx``: the first half of a real workbook;
- ``junk.csv``: 4 KB of random bytes;
- ``utf16.csv``: a good receptions file saved as UTF-16;
- ``header_only.csv``: the header and no row;
- ``spaced_bom_headers.csv``: a UTF-8 BOM, spaces and a tab around headers and values;
- ``mixed_aliases.csv``: English, 简体 and 繁體 header names in one header row;
- ``big_field.csv``: twelve good rows and one with a 1 MB timestamp cell;
- ``formula_agents.csv``: roster names that a spreadsheet would run as formulas;
- ``sql_ids.csv``: ids and customer ids that look like SQL;
- ``excel_mangled.csv``: GB18030 with Windows line endings, a title line, values as Excel
  and clerks leave them (``'R1``, ``="R2"``, full-width ``Ｒ3`` and times, ``2026年10月3日``),
  a customer id in scientific notation and two footer rows.

The million-row file with one bad row is written by its test (60 MB is not committed).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from flows.cli import main
from flows.inputs.validate import extract_and_validate
from flows.publishing.payroll import approve, export_payroll
from tests.flows.conftest import OCT, paths, publish, query, write_month

CORPUS = Path(__file__).resolve().parents[2] / "data" / "hostile"
SQL_ID = "R1'; DROP TABLE kpi_run; --"


def month_with(tmp_path: Path, corpus_file: str, export: str = "receptions") -> Path:
    """The tiny inline month with one export replaced by a corpus file."""
    root = write_month(tmp_path / "exports")
    folder = root / "2026-10"
    (folder / f"{export}.csv").unlink()
    shutil.copy(CORPUS / corpus_file, folder / f"{export}{Path(corpus_file).suffix}")
    return root


def receptions(validated) -> dict:
    return validated.inputs.filter(pl.col("source") == "receptions").row(0, named=True)


@pytest.mark.parametrize(
    ("corpus_file", "message"),
    [
        ("truncated.xlsx", "cannot be read as a spreadsheet"),
        ("junk.csv", "not a text CSV file (it holds binary data)"),
        ("utf16.csv", "the file is UTF-16, which is not accepted; save it as CSV UTF-8"),
    ],
)
def test_unreadable_files_fail_with_a_message_naming_the_file_and_no_traceback(
    prefect_server, tmp_path, capsys, corpus_file, message
):
    root = month_with(tmp_path, corpus_file)
    code = main(["validate", "--month", "2026-10", "--exports", str(root)])
    err = capsys.readouterr().err
    assert code == 3
    assert f"receptions{Path(corpus_file).suffix}: " in err and message in err
    assert "Traceback" not in err


def test_a_header_only_file_is_a_file_with_no_rows(tmp_path):
    validated = extract_and_validate(month_with(tmp_path, "header_only.csv"), OCT, 0.02)
    assert receptions(validated)["rows_read"] == 0
    assert validated.records["receptions"].is_empty()
    assert validated.breaches == []


@pytest.mark.parametrize("corpus_file", ["spaced_bom_headers.csv", "mixed_aliases.csv"])
def test_bom_stray_spaces_and_mixed_alias_headers_are_read(tmp_path, corpus_file):
    validated = extract_and_validate(month_with(tmp_path, corpus_file), OCT, 0.02)
    counts = receptions(validated)
    assert (counts["rows_read"], counts["rows_accepted"]) == (12, 12)
    records = validated.records["receptions"]
    assert records["reception_id"].to_list() == [f"R{i}" for i in range(1, 13)]
    assert records["agent_id"].unique().to_list() == ["a1"]


def test_values_excel_mangled_are_read_as_meant_and_lost_digits_rejected(tmp_path):
    validated = extract_and_validate(month_with(tmp_path, "excel_mangled.csv"), OCT, 0.1)
    counts = receptions(validated)
    assert (counts["rows_read"], counts["rows_accepted"], counts["rows_rejected"]) == (13, 12, 1)
    records = validated.records["receptions"]
    assert records["reception_id"].to_list() == [f"R{i}" for i in range(1, 13)]
    assert records["customer_id"].to_list() == [f"C{i}" for i in range(1, 13)]
    assert records["received_at"].dt.day().to_list() == list(range(2, 14))
    assert set(records["store_id"]) == {"S1"} and set(records["agent_id"]) == {"a1"}
    rejected = validated.rejected.filter(pl.col("source") == "receptions").row(0, named=True)
    assert (rejected["row_number"], rejected["record_id"], rejected["reasons"]) == (
        13,
        "R99",
        "invalid_value:customer_id",
    )


def test_a_1_mb_cell_is_rejected_and_kept_whole(tmp_path):
    validated = extract_and_validate(month_with(tmp_path, "big_field.csv"), OCT, 0.02)
    counts = receptions(validated)
    assert (counts["rows_read"], counts["rows_accepted"], counts["rows_rejected"]) == (13, 12, 1)
    rejected = validated.rejected.filter(pl.col("source") == "receptions").row(0, named=True)
    assert (rejected["row_number"], rejected["record_id"], rejected["reasons"]) == (
        13,
        "R99",
        "invalid_value:received_at",
    )
    raw = json.loads(rejected["raw"])
    assert len(raw["received_at"]) == len("2026-10-05 10:00:00") + (1 << 20)


def test_a_million_rows_with_one_bad_row(tmp_path):
    root = write_month(tmp_path / "exports")
    bad_row = 654_321
    frame = pl.DataFrame({"i": pl.int_range(1, 1_000_001, eager=True)}).select(
        reception_id=pl.format("R{}", "i"),
        store_id=pl.lit("S1"),
        agent_id=pl.lit("a1"),
        customer_id=pl.format("C{}", pl.col("i") % 5000),
        received_at=pl.when(pl.col("i") == bad_row)
        .then(pl.lit("2026-10-32 10:00:00"))
        .otherwise(pl.lit("2026-10-05 10:00:00")),
    )
    frame.write_csv(root / "2026-10" / "receptions.csv")
    validated = extract_and_validate(root, OCT, 0.02)
    counts = receptions(validated)
    assert (counts["rows_read"], counts["rows_accepted"], counts["rows_rejected"]) == (
        1_000_000,
        999_999,
        1,
    )
    rejected = validated.rejected.filter(pl.col("source") == "receptions")
    assert rejected.select("row_number", "record_id", "reasons").rows() == [
        (bad_row, f"R{bad_row}", "invalid_value:received_at")
    ]


def test_formula_text_and_sql_looking_ids_are_stored_verbatim_and_exported_neutralised(
    prefect_server, tmp_path, url
):
    root = month_with(tmp_path, "sql_ids.csv")
    shutil.copy(CORPUS / "formula_agents.csv", root / "2026-10" / "agents.csv")
    with (root / "2026-10" / "receptions.csv").open("a", encoding="utf-8") as fh:
        # Another version of the SQL-looking id: both rows are rejected as a conflict,
        # so the id reaches the warehouse in kpi_rejected_row.
        fh.write(f'"{SQL_ID}",S1,a1,C2,2026-10-06 10:00:00\n')
    publish(OCT, paths(root, url, docs=tmp_path / "docs"), allow_rejects=True)
    names = query(url, "SELECT agent_id, agent_name FROM kpi_agent_monthly ORDER BY agent_id")
    assert names.rows() == [("a1", "=cmd|' /C calc'!A0"), ("a2", "@SUM(1+1)")]
    rejected = query(
        url,
        "SELECT record_id, reasons, raw FROM kpi_rejected_row "
        "WHERE source = 'receptions' ORDER BY row_number",
    )
    assert rejected["record_id"].to_list() == [SQL_ID, SQL_ID]
    assert set(rejected["reasons"]) == {"duplicate_conflict"}
    assert json.loads(rejected["raw"][0])["customer_id"] == "C1' OR '1'='1"
    assert query(url, "SELECT COUNT(*) AS n FROM kpi_run")["n"].item() == 1  # still there
    out = tmp_path / "payroll.csv"
    approve(OCT, "checker")
    export_payroll(OCT, out, language="en")
    exported = pl.read_csv(out, infer_schema=False)
    assert sorted(exported["agent name"].drop_nulls()) == ["'=cmd|' /C calc'!A0", "'@SUM(1+1)"]
