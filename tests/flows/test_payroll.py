"""Payroll exports: frozen versions, identical re-exports, adjustments paid exactly once."""

from __future__ import annotations

from datetime import date

import fastexcel
import polars as pl
import pytest
import yaml

from flows.payroll import PayrollExportError, export_payroll
from flows.settings import DEFAULT_SCHEMES_DIR
from tests.flows.conftest import AGENTS, paths, publish, query, write_month

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)


def raise_bonuses(schemes, by: int) -> None:
    path = schemes / "default-2026.yaml"
    data = yaml.safe_load(path.read_text())
    for tier in data["tiers"]:
        if tier["bonus"]:
            tier["bonus"] += by
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def read_csv(path) -> pl.DataFrame:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows
    return pl.read_csv(path, infer_schema=False)


def test_export_republish_export_again_then_next_month(
    prefect_server, generated_exports, tmp_path, url, schemes
):
    run_paths = paths(generated_exports, url, schemes, tmp_path / "docs")
    publish(SEP, run_paths)
    first = export_payroll(SEP, tmp_path / "sep-1.csv")
    assert (first.is_first, first.version) == (True, 1)
    sep_1 = read_csv(tmp_path / "sep-1.csv")
    assert set(sep_1["line_type"]) == {"bonus"}

    raise_bonuses(schemes, 100)  # September is republished: version 2 pays more
    republished = publish(SEP, run_paths)
    assert republished.version == 2 and republished.adjustments > 0

    again = export_payroll(SEP, tmp_path / "sep-2.csv")
    assert (again.is_first, again.version) == (False, 1)
    assert again.export_id != first.export_id  # its own row, reproducing the first's file
    assert (tmp_path / "sep-2.csv").read_bytes() == (tmp_path / "sep-1.csv").read_bytes()

    publish(OCT, run_paths)
    october = export_payroll(OCT, tmp_path / "oct.csv")
    lines = read_csv(tmp_path / "oct.csv")
    carried = lines.filter(pl.col("line_type") == "adjustment")
    assert carried.height == republished.adjustments
    assert set(carried["for_month"]) == {"2026-09"}
    assert set(carried["amount"]) == {"100.00"}
    assert set(carried["export_id"]) == {october.export_id}
    assert lines.filter(pl.col("line_type") == "bonus")["for_month"].unique().to_list() == [
        "2026-10"
    ]
    # Each adjustment is marked by exactly the export that carried it ...
    marks = query(
        url, "SELECT export_id, COUNT(*) AS n FROM kpi_payroll_adjustment GROUP BY export_id"
    )
    assert marks.rows() == [(october.export_id, republished.adjustments)]
    # ... so exporting October again carries the same lines, and nothing else ever will.
    export_payroll(OCT, tmp_path / "oct-again.csv")
    assert (tmp_path / "oct-again.csv").read_bytes() == (tmp_path / "oct.csv").read_bytes()
    exports = query(
        url,
        "SELECT export_id, month_start, version, adjustment_total, "
        "original_export_id FROM kpi_payroll_export ORDER BY created_at",
    )
    # One row per export; a re-export names the first export it reproduces, whose
    # version stays frozen.
    assert [(r[0] == first.export_id, str(r[1]), r[2], r[4]) for r in exports.rows()] == [
        (True, "2026-09-01", 1, None),
        (False, "2026-09-01", 1, first.export_id),
        (False, "2026-10-01", 1, None),
        (False, "2026-10-01", 1, october.export_id),
    ]
    assert [float(v) for v in exports["adjustment_total"]] == [
        0.0,
        0.0,
        100.0 * republished.adjustments,
        100.0 * republished.adjustments,
    ]


def test_a_first_export_absorbs_adjustments_already_in_the_paid_version(
    prefect_server, generated_exports, tmp_path, url, schemes
):
    run_paths = paths(generated_exports, url, schemes, tmp_path / "docs")
    publish(OCT, run_paths)
    raise_bonuses(schemes, 50)
    assert publish(OCT, run_paths).adjustments > 0
    result = export_payroll(OCT, tmp_path / "oct.xlsx")
    assert result.version == 2  # the current version is frozen
    sheet = fastexcel.read_excel(str(tmp_path / "oct.xlsx")).load_sheet(0).to_polars()
    assert set(sheet["line_type"]) == {"bonus"}  # v2 bonuses already include the change
    pending = query(
        url, "SELECT COUNT(*) AS n FROM kpi_payroll_adjustment WHERE export_id IS NULL"
    )["n"][0]
    assert pending == 0  # absorbed: never paid again later


def test_formula_text_is_neutralised_in_csv_and_xlsx(prefect_server, tmp_path, url):
    agents = AGENTS.replace("李娜", "=cmd|' /C calc'!A0").replace("王伟", "@SUM(A1)")
    root = write_month(tmp_path / "exports", agents=agents)
    publish(OCT, paths(root, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs"))
    export_payroll(OCT, tmp_path / "p.csv")
    export_payroll(OCT, tmp_path / "p.xlsx")
    names = set(read_csv(tmp_path / "p.csv")["agent_name"])
    assert names == {"'=cmd|' /C calc'!A0", "'@SUM(A1)"}
    sheet = fastexcel.read_excel(str(tmp_path / "p.xlsx")).load_sheet(0).to_polars()
    assert set(sheet["agent_name"]) == names
    # The warehouse keeps the text as it was exported (verbatim, parameters not SQL).
    stored = set(query(url, "SELECT agent_name FROM kpi_agent_monthly")["agent_name"])
    assert stored == {"=cmd|' /C calc'!A0", "@SUM(A1)"}


def test_exporting_needs_a_published_month_and_a_known_format(
    prefect_server, tmp_path, sqlite_url, monkeypatch
):
    monkeypatch.setenv("KPI_WAREHOUSE_URL", sqlite_url)
    with pytest.raises(PayrollExportError, match="no published version; run the month first"):
        export_payroll(OCT, tmp_path / "p.csv")
    with pytest.raises(PayrollExportError, match="must end in .xlsx or .csv"):
        export_payroll(OCT, tmp_path / "p.txt")
