"""`kpi report` on a generated quarter published into SQLite and PostgreSQL: the pages
agree with the warehouse, names stay text, the bytes repeat, and the command's exit
codes and messages."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from flows.cli import main
from flows.outputs.site import write_site
from flows.outputs.site.pages import page_name
from flows.storage.connection import connect
from tests.flows.conftest import query
from tests.flows.outputs.site.conftest import HOSTILE_NAME, OCT

FLAGS = {
    "is_warning": "warning",
    "is_demotion_review": "demotion_review",
    "is_complaint_review": "complaint_review",
    "is_recognized": "recognized",
}


def site(url: str, out: Path, **options) -> Path:
    engine = connect(url)
    try:
        return write_site(engine, OCT, out_dir=out, **options)
    finally:
        engine.dispose()


def statement_facts(page: str) -> dict:
    """Score, tier, bonus and flags as the statement shows them (its result part)."""
    result = page.split('<section class="result-part">', 1)[1].split("</section>", 1)[0]
    return {
        "score": re.search(r'data-score="([^"]*)"', result).group(1),
        "tier": re.search(r'<span class="big tier">([^<]*)</span>', result).group(1),
        "bonus": re.search(r'data-bonus="([^"]*)"', result).group(1),
        "flags": set(re.findall(r'data-flag="([^"]+)"', result)),
    }


def test_every_active_agent_has_a_statement_that_matches_the_warehouse(published, tmp_path):
    index = site(published.url, tmp_path / "report")
    cards = query(published.url, "SELECT * FROM v_kpi_agent_current WHERE month_start = :m", m=OCT)
    assert cards.height > 0
    agents = tmp_path / "report" / "agents"
    assert sorted(p.name for p in agents.iterdir()) == sorted(
        page_name(a) for a in cards["agent_id"]
    )
    for card in cards.iter_rows(named=True):
        facts = statement_facts((agents / page_name(card["agent_id"])).read_text("utf-8"))
        score = card["score"]
        assert facts["score"] == ("" if score is None else f"{Decimal(str(score)):.2f}")
        assert facts["tier"] == (card["tier"] or "不适用")
        assert facts["bonus"] == f"{Decimal(str(card['bonus_amount'])):.2f}"
        expected = {flag for column, flag in FLAGS.items() if card[column]}
        assert facts["flags"] == expected, card["agent_id"]
    stores = sorted(cards["store_id"].unique())
    assert sorted(p.name for p in (tmp_path / "report" / "stores").iterdir()) == [
        f"{s}.html" for s in stores
    ]
    text = index.read_text("utf-8")
    for store in stores:
        assert f'href="stores/{store}.html"' in text


def test_names_are_shown_as_text_never_as_markup(published, tmp_path):
    site(published.url, tmp_path / "report")
    (agent,) = query(
        published.url,
        "SELECT DISTINCT agent_id, store_id FROM kpi_agent_monthly WHERE agent_name = :n",
        n=HOSTILE_NAME,
    ).rows()
    escaped = html.escape(HOSTILE_NAME, quote=False)
    for page in (
        tmp_path / "report" / "agents" / page_name(agent[0]),
        tmp_path / "report" / "stores" / page_name(agent[1]),
    ):
        text = page.read_text("utf-8")
        assert "<script" not in text
        assert escaped.replace("'", "&#39;").replace('"', "&#34;") in text, page


def test_the_same_version_and_options_give_the_same_bytes(published_sqlite, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    site(published_sqlite.url, first, lang="zh-TW")
    site(published_sqlite.url, second, lang="zh-TW")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) > 20
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert "績效反饋表" in next((first / "agents").iterdir()).read_text("utf-8")


def test_store_limits_the_pages_and_the_index(published_sqlite, tmp_path):
    cards = query(
        published_sqlite.url,
        "SELECT agent_id, store_id FROM v_kpi_agent_current WHERE month_start = :m",
        m=OCT,
    )
    store = sorted(cards["store_id"].unique())[-1]
    index = site(published_sqlite.url, tmp_path / "r", store=store, lang="en").read_text()
    ours = cards.filter(pl.col("store_id") == store)["agent_id"]
    assert sorted(p.name for p in (tmp_path / "r" / "agents").iterdir()) == sorted(
        page_name(a) for a in ours
    )
    assert [p.name for p in (tmp_path / "r" / "stores").iterdir()] == [f"{store}.html"]
    assert re.findall(r'data-store-id="([^"]+)"', index) == [store]
    assert f"Limited to store {store}." in index


def test_a_report_replaces_an_earlier_one_but_never_a_foreign_folder(published_sqlite, tmp_path):
    out = tmp_path / "r"
    site(published_sqlite.url, out)
    (out / "agents" / "left-over.html").write_text("old")
    site(published_sqlite.url, out, store="S002")
    assert not (out / "agents" / "left-over.html").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep")
    code = main(
        ["report", "--month", "2026-10", "--warehouse", published_sqlite.url, "--out", str(foreign)]
    )
    assert code == 3
    assert (foreign / "notes.txt").read_text() == "keep"


def test_a_reports_folder_of_another_warehouse_is_never_written_over(
    published_sqlite, published_postgres, tmp_path, monkeypatch, capsys
):
    """Two warehouses given one reports folder: the second one's report is refused
    before it writes anything, instead of showing its scores as the first one's."""
    import json

    monkeypatch.setenv("KPI_REPORTS_DIR", str(tmp_path / "reports"))
    month = tmp_path / "reports" / "2026-10"
    assert main(["report", "--month", "2026-10", "--warehouse", published_sqlite.url]) == 0

    def files() -> dict:
        return {p: p.read_bytes() for p in month.rglob("*") if p.is_file()}

    before, other = files(), ["report", "--month", "2026-10", "--warehouse", published_postgres.url]
    capsys.readouterr()
    assert main(other) == 3
    err = capsys.readouterr().err
    assert f"{month / 'v1'} holds version 1 of 2026-10 from another warehouse (run " in err
    assert files() == before
    # A marker of an earlier release names no run; a version the warehouse lacks tells.
    marker = json.loads((month / "v1" / ".kpi-report").read_text())
    (month / "v1" / ".kpi-report").write_text(json.dumps({**marker, "run_id": None}))
    (month / "v2").mkdir()
    (month / "v2" / ".kpi-report").write_text(
        json.dumps({**marker, "version": 2, "current_version": 2})
    )
    before = files()
    assert main(other) == 3
    err = capsys.readouterr().err
    assert f"{month / 'v2'} holds version 2 of 2026-10, which this warehouse does not have" in err
    assert files() == before


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["--month", "2026-12"],
            3,
            "kpi report: 2026-12: no published version in the warehouse "
            "(published months: 2026-08, 2026-09, 2026-10)",
        ),
        (
            ["--month", "2026-10", "--version", "7"],
            3,
            "kpi report: 2026-10: no version 7 (published versions: 1)",
        ),
        (
            ["--month", "2026-10", "--store", "S404"],
            3,
            "kpi report: 2026-10: store S404 has no agents in version 1 (stores: S001, S002)",
        ),
    ],
)
def test_what_is_not_there_exits_3_naming_it(published, tmp_path, capsys, argv, code, message):
    result = main(["report", *argv, "--warehouse", published.url, "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert result == code
    assert err.startswith("kpi report: ") and message in err, err
    assert "Traceback" not in err and not (tmp_path / "r").exists()


def test_an_unreachable_warehouse_exits_4_and_a_bad_option_2(tmp_path, capsys):
    code = main(
        ["report", "--month", "2026-10", "--warehouse", f"sqlite:///{tmp_path / 'missing.db'}"]
    )
    assert code == 4
    assert "no SQLite warehouse at" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()
    code = main(
        ["report", "--month", "2026-10", "--warehouse", "postgresql://kpi:secret@127.0.0.1:1/kpi"]
    )
    err = capsys.readouterr().err
    assert code == 4 and "cannot reach the warehouse" in err and "secret" not in err
    for bad in (["--lang", "fr"], ["--version", "0"], ["--month", "2026-13"]):
        with pytest.raises(SystemExit) as exit_:
            main(["report", "--month", "2026-10", *bad])
        assert exit_.value.code == 2


def test_kpi_report_imports_neither_prefect_nor_great_expectations(published_sqlite, tmp_path):
    program = (
        "import sys\nfrom flows.cli import main\n"
        f"code = main(['report', '--month', '2026-10', '--warehouse', "
        f"{published_sqlite.url!r}, '--out', {str(tmp_path / 'r')!r}])\n"
        "loaded = [m for m in ('prefect', 'great_expectations') if m in sys.modules]\n"
        "print(code, loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr
