"""Every mistake `kpi generate --mistake` writes (`flows.generator.mistakes`), run through `kpi run`
as an operator would: the wrong file is refused with its exit code and a message that
names the file (and sheet) and what to do, and nothing is published; the mess Excel
makes of a right file is read as meant, with exact counts.

August and September are ordinary and published once (the stores' baseline); each test
writes October again with one mistake (the generator leaves every other file
byte-identical) and runs it against a copy of that warehouse.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.cli import main
from flows.generator.generate import generate
from flows.generator.options import GeneratorOptions
from tests.flows.conftest import backfill_months, paths, query

pytestmark = pytest.mark.slow

AUG, SEP, OCT = date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)
SEED = 19


@pytest.fixture(scope="module")
def baseline(prefect_server, tmp_path_factory):
    """Aug-Oct generated (2 stores), Aug and Sep published into an SQLite warehouse."""
    root = tmp_path_factory.mktemp("mistakes")
    exports = root / "exports"
    list(generate(exports, AUG, OCT, GeneratorOptions(stores=2, seed=SEED)))
    p = paths(exports, f"sqlite:///{root / 'warehouse.db'}", docs=root / "docs")
    assert [r.status for r in backfill_months(AUG, SEP, p)] == ["published"] * 2
    return root


def october_with(baseline: Path, tmp_path: Path, *mistakes: str) -> Path:
    """A copy of the baseline whose October carries ``mistakes``; its warehouse URL."""
    shutil.copytree(baseline, tmp_path / "copy")
    root = tmp_path / "copy"
    options = GeneratorOptions(stores=2, seed=SEED, mistakes=mistakes)
    generation = generate(root / "exports", SEP, OCT, options, overwrite=True)
    list(generation)
    assert {m.kind for m in generation.mistakes} == set(mistakes)
    return root


def kpi_run(capsys, root: Path, *extra: str) -> tuple[int, str, str]:
    code = main(
        [
            "run",
            "--month",
            "2026-10",
            "--exports",
            str(root / "exports"),
            "--warehouse",
            f"sqlite:///{root / 'warehouse.db'}",
            "--data-docs",
            str(root / "docs"),
            "--archive",
            str(root / "archive"),
            "--no-report",
            *extra,
        ]
    )
    out, err = capsys.readouterr()
    return code, out, err


def october_published(root: Path) -> bool:
    url = f"sqlite:///{root / 'warehouse.db'}"
    found = query(
        url,
        "SELECT COUNT(*) AS n FROM kpi_run WHERE status = 'published' "
        "AND month_start = '2026-10-01'",
    )
    return found["n"].item() > 0


def test_an_export_split_in_two_is_refused_naming_the_second_file(baseline, tmp_path, capsys):
    root = october_with(baseline, tmp_path, "split-export")
    code, out, err = kpi_run(capsys, root)
    assert code == 3 and out == ""
    assert err.startswith(f"kpi run: 2026-10: {root / 'exports' / '2026-10'}: ")
    assert "receptions_2.csv" in err and "receptions" in err and "merge" in err
    assert not october_published(root)


def test_last_months_file_is_refused_naming_its_month(baseline, tmp_path, capsys):
    root = october_with(baseline, tmp_path, "wrong-month")
    code, _, err = kpi_run(capsys, root)
    folder = root / "exports" / "2026-10"
    surveys = next(folder.glob("surveys.*"))
    assert code == 3
    assert err.startswith("kpi run: 2026-10: not published: another month's file?\n")
    assert f"  {surveys}: 0 of its " in err
    assert (
        " dated rows lie in 2026-10's period (2026-10-01..2026-10-31); most belong to "
        "2026-09\n" in err
    )
    assert f"export 2026-10's records into {folder}, then run again" in err
    assert not october_published(root)
    # nothing lets it through
    code, _, _ = kpi_run(capsys, root, "--allow-rejects", "--allow-incomplete")
    assert code == 3 and not october_published(root)


def test_a_hidden_first_sheet_is_skipped_and_the_visible_one_counts(baseline, tmp_path, capsys):
    from flows.inputs.extract import read_export
    from schemas.contracts import PURCHASES

    root = october_with(baseline, tmp_path, "hidden-sheet")
    purchases = root / "exports" / "2026-10" / "purchases.xlsx"
    visible = read_export(purchases, PURCHASES)
    code, out, err = kpi_run(capsys, root)
    assert code == 0, err
    assert "published version 1" in out
    url = f"sqlite:///{root / 'warehouse.db'}"
    lineage = query(
        url,
        "SELECT i.sheet, i.rows_read FROM kpi_run_input i JOIN kpi_run r ON r.run_id = "
        "i.run_id WHERE r.status = 'published' AND r.month_start = '2026-10-01' AND "
        "i.source = 'purchases'",
    )
    assert lineage.rows() == [(visible.sheet, visible.frame.height)]
    assert visible.sheet != "2026年9月"  # the hidden sheet holds September


def test_ids_that_excel_turned_into_numbers_are_rejected_with_the_fix(baseline, tmp_path, capsys):
    root = october_with(baseline, tmp_path, "mangled-ids")
    code, _, err = kpi_run(capsys, root)
    assert code == 1  # every complaint rejected: over the threshold
    assert "complaints.csv: " in err and " rows rejected (100.0%)" in err
    assert not october_published(root)
    code, out, _ = main_out(
        capsys,
        "validate",
        "--month",
        "2026-10",
        "--exports",
        str(root / "exports"),
        "--rejects",
        str(tmp_path / "rejects.csv"),
    )
    assert "invalid_value:customer_id" in out and "1.87E+10" in out
    rejects = pl.read_csv(tmp_path / "rejects.csv")
    complaints = rejects.filter(pl.col("file") == "complaints.csv")
    assert complaints["reason code"].unique().to_list() == ["invalid_value:customer_id"]
    assert complaints["value"].str.contains(r"^\d\.\d+E\+\d+$").all()
    assert complaints["reason"].str.contains("scientific notation").all()


def main_out(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_hire_missing_from_the_roster_is_named(baseline, tmp_path, capsys):
    root = october_with(baseline, tmp_path, "missing-hire")
    code, _, err = kpi_run(capsys, root)
    assert code == 3
    assert "the roster lacks agents whose rows are in the month's files (a new hire" in err
    assert "  agent_id " in err and " rows (" in err and "store(s) S00" in err
    assert "publish anyway with --allow-rejects" in err
    assert not october_published(root)


def test_a_store_whose_receptions_stop_on_the_10th_is_incomplete(baseline, tmp_path, capsys):
    root = october_with(baseline, tmp_path, "truncated-store")
    code, _, err = kpi_run(capsys, root)
    assert code == 1
    assert "not published: incomplete against the stores' own history" in err
    assert " receptions: " in err and "over 2 earlier month(s)" in err
    assert "longest run without a reception: 21 day(s)" in err
    assert "or publish anyway with --allow-incomplete" in err
    assert not october_published(root)
    code, out, err = kpi_run(capsys, root, "--allow-incomplete")
    assert code == 0 and "published version 1" in out
    assert "warning: published although incomplete (--allow-incomplete): store S00" in err


def test_footer_rows_are_skipped_and_counted(baseline, tmp_path, capsys):
    root = october_with(baseline, tmp_path, "footer-rows")
    code, out, err = kpi_run(capsys, root)
    assert code == 0, err
    url = f"sqlite:///{root / 'warehouse.db'}"
    skipped = query(
        url,
        "SELECT i.source, i.rows_skipped FROM kpi_run_input i JOIN kpi_run r ON r.run_id = "
        "i.run_id WHERE r.status = 'published' AND r.month_start = '2026-10-01' AND "
        "i.rows_skipped > 0 ORDER BY i.source",
    )
    assert skipped.rows() == [("consultations", 1), ("purchases", 2)]


def test_merged_cells_give_their_value_to_every_row_they_cover(baseline, tmp_path, capsys):
    plain = october_with(baseline, tmp_path / "plain")
    merged = october_with(baseline, tmp_path / "merged", "merged-cells")
    for root in (plain, merged):
        code, _, err = kpi_run(capsys, root)
        assert code == 0, err

    def roster(root):
        return query(
            f"sqlite:///{root / 'warehouse.db'}",
            "SELECT agent_id, store_id, team_id FROM kpi_roster_monthly WHERE is_current "
            "AND month_start = '2026-10-01' ORDER BY agent_id",
        )

    assert roster(merged).rows() == roster(plain).rows()
