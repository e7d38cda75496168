"""Every version of a month keeps its own site (`<reports>/YYYY-MM/v<N>/`), the month's
folder shows the current version, and a superseded version's pages say so at their top:
publishing runs and `kpi report`, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from flows.cli import main
from flows.outputs.messages import LANGUAGES, catalogue
from tests.flows.conftest import paths, publish
from tests.flows.outputs.site.conftest import OCT

BANNER = re.compile(r'<p class="superseded" role="note"[^>]*>([^<]*)</p>')


def banners(folder: Path) -> dict[str, list[str]]:
    """The superseded notes of every page of a site, by page (relative path)."""
    return {
        str(page.relative_to(folder)): BANNER.findall(page.read_text("utf-8"))
        for page in sorted(folder.rglob("*.html"))
        if not page.relative_to(folder).parts[0].startswith("v")
    }


def pages_of(folder: Path) -> dict[str, bytes]:
    """The site's files (pages and marker), without the version folders inside it."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not re.match(r"v\d+$", p.relative_to(folder).parts[0])
    }


def superseded_note(language: str, version: int, current: int) -> str:
    t = catalogue(language)
    month = t("common.month", year=OCT.year, month=OCT.month)
    return t("common.superseded", version=version, month=month, current=current)


def test_each_version_keeps_its_site_and_the_months_folder_shows_the_current_one(
    prefect_server, generated_exports, url, tmp_path, capsys, monkeypatch
):
    exports = tmp_path / "exports"
    shutil.copytree(generated_exports / "2026-10", exports / "2026-10")
    run_paths = paths(exports, url)
    reports = tmp_path / "reports"
    month_dir = reports / "2026-10"

    first = publish(OCT, run_paths, reports_dir=str(reports))
    assert first.report == str((month_dir / "v1" / "index.html").resolve())
    assert pages_of(month_dir) == pages_of(month_dir / "v1")  # the month shows version 1
    assert json.loads((month_dir / ".kpi-report").read_text("utf-8"))["version"] == 1
    assert all(found == [] for found in banners(month_dir).values())

    second = publish(OCT, run_paths, reports_dir=str(reports), force=True)
    assert second.version == 2
    assert second.report == str((month_dir / "v2" / "index.html").resolve())
    assert pages_of(month_dir) == pages_of(month_dir / "v2")
    assert sorted(p.name for p in month_dir.iterdir()) == [
        ".kpi-report",
        "agents",
        "index.html",
        "stores",
        "v1",
        "v2",
    ]
    # Version 1's site, written while it was current, now says it was superseded: at the
    # top of every page, in the language it was written in (the run's).
    old = banners(month_dir / "v1")
    written_in = json.loads((month_dir / "v1" / ".kpi-report").read_text("utf-8"))["lang"]
    assert len(old) > 3
    assert set(map(tuple, old.values())) == {(superseded_note(written_in, 1, 2),)}
    assert all(found == [] for found in banners(month_dir / "v2").values())

    # kpi report of the superseded version: its own folder only, never the month's.
    monkeypatch.setenv("KPI_REPORTS_DIR", str(reports))
    shown = pages_of(month_dir)
    capsys.readouterr()
    for language in LANGUAGES:
        code = main(
            ["report", "--month", "2026-10", "--version", "1", "--lang", language]
            + ["--warehouse", url]
        )
        assert code == 0
        out = capsys.readouterr().out.strip()
        assert out == catalogue(language)(
            "console.report.superseded",
            month="2026-10",
            version=1,
            current=2,
            path=month_dir / "v1" / "index.html",
            month_path=month_dir / "index.html",
        )
        assert pages_of(month_dir) == shown
        note = superseded_note(language, 1, 2)
        assert set(map(tuple, banners(month_dir / "v1").values())) == {(note,)}
        statement = next((month_dir / "v1" / "agents").iterdir()).read_text("utf-8")
        # At the top: before the statement's title.
        assert statement.index(note) < statement.index("<header>\n<h1>")
    # kpi report of the current version updates the month's folder and says so.
    code = main(["report", "--month", "2026-10", "--lang", "en", "--warehouse", url])
    assert code == 0
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith(
            f"report of version 2 written to {month_dir / 'v2' / 'index.html'}; "
            f"{month_dir / 'index.html'} shows it, as the current version"
        )
    )
    assert pages_of(month_dir) == pages_of(month_dir / "v2")
    assert 'lang="en"' in (month_dir / "index.html").read_text("utf-8")
    # --out DIR: exactly into DIR, the superseded note included.
    code = main(
        ["report", "--month", "2026-10", "--version", "1", "--lang", "en"]
        + ["--warehouse", url, "--out", str(tmp_path / "mine")]
    )
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [
        ".kpi-report",
        "agents",
        "index.html",
        "stores",
    ]
    index = (tmp_path / "mine" / "index.html").read_text("utf-8")
    assert BANNER.findall(index) == [superseded_note("en", 1, 2)]
