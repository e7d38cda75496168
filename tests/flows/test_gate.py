"""Data Docs kept small and offline: the static files once per Data Docs root, no page
loading anything from the network (issue 10, item 15). The real-browser check is in
tests/flows/site/test_browser.py."""

from __future__ import annotations

import re

from tests.flows.site.conftest import published_sqlite  # noqa: F401  (a fixture)

_LOADED = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"']+)["']""")


def test_runs_share_one_copy_of_the_static_files_and_load_nothing_remote(published_sqlite):  # noqa: F811
    root = published_sqlite.docs
    runs = [p for p in root.glob("*/*") if (p / "index.html").is_file()]
    assert len(runs) == 3  # Aug, Sep, Oct
    for run in runs:
        assert not (run / "static").exists(), run
        assert sum(f.stat().st_size for f in run.rglob("*") if f.is_file()) < 1_000_000
    shared = root / "static"
    assert (shared / "styles" / "data_docs_default_styles.css").is_file()
    assert (shared / "vendor" / "jquery.min.js").is_file()
    assert (shared / "vendor" / "licenses").is_dir()
    pages = [p for run in runs for p in run.rglob("*.html")]
    assert len(pages) >= 3 * 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in _LOADED.findall(text):
            assert "://" not in target, (page, target)
            assert (page.parent / target).resolve().is_file(), (page, target)
        assert "integrity=" not in text and "amazonaws" not in text
