"""The report site and the Data Docs in a real browser (Debian's Chromium through
Playwright): each kind of page opens from file:// with no request outside file:// and
no console error, the statement's trend has a point per month with a scorecard, the
statement reads without JavaScript, and the PDF has a page per agent of the store. A
superseded version's pages show that at their top, without JavaScript, in print too.

A screenshot of a statement is kept in ``test-artifacts/`` (git-ignored). Without
Chromium these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from flows.outputs.site import read_month, write_pages, write_site
from flows.outputs.site.pages import Pages, page_name
from flows.outputs.site.printing import chromium_flags, print_statements
from flows.storage.connection import connect
from tests.conftest import IN_CI
from tests.flows.conftest import query
from tests.flows.outputs.site.conftest import ARTIFACTS, OCT

pytestmark = pytest.mark.slow

STORE = "S001"


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # a dev dependency: missing means a broken environment
        if IN_CI:
            pytest.fail(f"playwright is required under CI=true: {exc}")
        pytest.skip(f"playwright is not installed: {exc}")
    # Our own flags (no sandbox as root, nothing that calls home); Playwright adds its
    # own --user-data-dir for a fresh profile.
    flags = [
        f
        for f in chromium_flags(tmp_path_factory.mktemp("profile"))
        if not f.startswith("--user-data-dir")
    ]
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=flags)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report(published_sqlite, chromium, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "report"
    engine = connect(published_sqlite.url)
    try:
        write_site(engine, OCT, out_dir=out, store=STORE, pdf=True)
    finally:
        engine.dispose()
    return out


def visit(browser, path, *, javascript: bool = True, width: int = 1150):
    """Open a file; returns (page, requests outside file://, console errors)."""
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")  # every file:// subresource is in by then
    return page, outside, errors


def first_agent(url: str) -> str:
    return query(
        url,
        "SELECT MIN(agent_id) AS a FROM v_kpi_agent_current WHERE "
        "month_start = :m AND store_id = :s",
        m=OCT,
        s=STORE,
    )["a"][0]


def test_index_and_store_page_load_nothing_remote_and_log_no_error(browser, report):
    for path in (report / "index.html", report / "stores" / f"{STORE}.html"):
        page, outside, errors = visit(browser, path)
        assert outside == [] and errors == [], path
        assert page.locator("svg.chart").count() >= 1
        page.context.close()


def test_the_statement_in_a_browser(browser, report, published_sqlite):
    agent = first_agent(published_sqlite.url)
    path = report / "agents" / page_name(agent)
    page, outside, errors = visit(browser, path)
    assert outside == [] and errors == []
    months = query(
        published_sqlite.url,
        "SELECT month_start FROM v_kpi_agent_current WHERE agent_id = :a AND "
        "score IS NOT NULL AND month_start BETWEEN '2026-05-01' AND '2026-10-01' "
        "ORDER BY month_start",
        a=agent,
    )["month_start"]
    points = page.locator("svg.trend-score circle.point")
    assert points.count() == len(months) == 3  # Aug, Sep, Oct; May-Jul are gaps
    assert [points.nth(i).get_attribute("data-month") for i in range(points.count())] == [
        str(m)[:7] for m in months
    ]
    assert page.locator("svg.trend").count() == 6  # the score and five values
    for part in (
        "who",
        "result-part",
        "metrics",
        "trend",
        "flags-part",
        "improvement",
        "appeals",
        "interview",
    ):
        assert page.locator(f"article.statement section.{part}").count() == 1, part
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "statement.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=ARTIFACTS / "statement-print.png", full_page=True)
    page.context.close()


# Every text's lines as the browser laid them out: characters grouped by the top of
# their box. A text is "one character per line" when it takes three lines or more and
# none holds more than two characters.
_NARROW_TEXTS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (text.trim().length < 3) continue;
    const lines = new Map();
    const range = document.createRange();
    for (let i = 0; i < text.length; i++) {
      if (!text[i].trim()) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (!box.width) continue;
      const top = Math.round(box.top);
      lines.set(top, (lines.get(top) || 0) + 1);
    }
    const counts = [...lines.values()];
    if (counts.length >= 3 && Math.max(...counts) <= 2) found.push(text.trim());
  }
  return found;
}"""


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_statement_reads_on_a_phone(browser, published_sqlite, lang, tmp_path):
    """At WeChat's 390 px: nothing wider than the screen (the metrics become one card per
    metric), no text set one character per line, and nothing loaded from outside."""
    out = tmp_path / "report"
    engine = connect(published_sqlite.url)
    try:
        write_site(engine, OCT, out_dir=out, store=STORE, lang=lang)
    finally:
        engine.dispose()
    agent = first_agent(published_sqlite.url)
    page, outside, errors = visit(browser, out / "agents" / page_name(agent), width=390)
    assert outside == [] and errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(_NARROW_TEXTS) == []
    weight = page.locator("section.metrics td[data-label]").first
    assert weight.is_visible()  # each value keeps its column's name beside it
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"statement-phone-{lang}.png", full_page=True)
    page.context.close()


def test_the_statement_reads_without_javascript(browser, report, published_sqlite):
    agent = first_agent(published_sqlite.url)
    page, outside, errors = visit(browser, report / "agents" / page_name(agent), javascript=False)
    assert outside == [] and errors == []
    assert page.locator(".result .score").is_visible()
    assert page.locator("svg.trend-score").is_visible()
    page.context.close()


def test_a_data_docs_page_loads_nothing_remote_and_logs_no_error(browser, published_sqlite):
    (site,) = [p for p in published_sqlite.docs.iterdir() if (p / "index.html").is_file()]
    validation = next(site.glob("validations/kpi_agent_monthly/**/*.html"))
    for path in (site / "index.html", validation):
        page, outside, errors = visit(browser, path)
        assert outside == [] and errors == [], path
        # Bootstrap's style sheet (vendored) is applied: the navbar is laid out by it.
        assert page.locator("nav.navbar").first.is_visible()
        page.context.close()


def test_the_pdf_has_one_page_per_agent_of_the_store(report, published_sqlite):
    from pypdf import PdfReader

    agents = query(
        published_sqlite.url,
        "SELECT COUNT(*) AS n FROM v_kpi_agent_current WHERE month_start = :m AND store_id = :s",
        m=OCT,
        s=STORE,
    )["n"][0]
    pdf = report / "statements" / f"{STORE}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == agents
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert [p.name for p in (report / "statements").iterdir()] == [f"{STORE}.pdf"]


@pytest.fixture(scope="module")
def superseded(published_sqlite, chromium, tmp_path_factory):
    """The store's site of version 1 as it is written once a version 2 is current."""
    out = tmp_path_factory.mktemp("browser") / "superseded"
    engine = connect(published_sqlite.url)
    try:
        data = read_month(engine, OCT, None)
    finally:
        engine.dispose()
    info = dataclasses.replace(data.info, current_version=2)
    pages = Pages(dataclasses.replace(data, info=info), "en", STORE)
    for sub in ("stores", "agents"):
        (out / sub).mkdir(parents=True)
    write_pages(pages, out)
    print_statements(pages, out / "statements")
    return out


NOTE = "Superseded: this report shows version 1 of 2026-10; version 2 is the current one."


def test_a_superseded_versions_pages_say_so_at_the_top(browser, superseded, published_sqlite):
    agent = first_agent(published_sqlite.url)
    for path in (
        superseded / "index.html",
        superseded / "stores" / f"{STORE}.html",
        superseded / "agents" / page_name(agent),
    ):
        page, outside, errors = visit(browser, path, javascript=False)
        assert outside == [] and errors == [], path
        note = page.locator("p.superseded")
        assert note.count() == 1 and note.is_visible(), path
        assert note.inner_text() == NOTE
        box, title = note.bounding_box(), page.locator("h1").first.bounding_box()
        assert box["y"] < title["y"], path  # above the page's title
        page.context.close()


def test_each_printed_statement_of_a_superseded_version_says_so(superseded, published_sqlite):
    from pypdf import PdfReader

    agents = query(
        published_sqlite.url,
        "SELECT COUNT(*) AS n FROM v_kpi_agent_current WHERE month_start = :m AND store_id = :s",
        m=OCT,
        s=STORE,
    )["n"][0]
    reader = PdfReader(superseded / "statements" / f"{STORE}.pdf")
    assert len(reader.pages) == agents  # still one A4 page each
    for page in reader.pages:
        assert "Superseded: this report shows version 1" in page.extract_text()


def test_the_pdf_is_refused_where_no_font_draws_chinese(
    published_sqlite, chromium, tmp_path, monkeypatch, capsys
):
    """A machine whose fontconfig knows no CJK font would print every character as a box:
    `kpi report --pdf` refuses (exit 3) naming the package, and writes nothing."""
    from flows.cli import main

    config = tmp_path / "fonts.conf"  # fontconfig with no font folder at all
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    monkeypatch.setenv("KPI_CHROMIUM", chromium)
    out = tmp_path / "report"
    argv = ["report", "--month", "2026-10", "--store", STORE, "--pdf", "--out", str(out)]
    code = main([*argv, "--warehouse", published_sqlite.url])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "found no font that draws Chinese" in err
    assert "apt-get install fonts-noto-cjk" in err
    assert not out.exists()


@pytest.fixture(scope="module")
def loop_site(october, tmp_path_factory):
    """The October of `october` (a plan followed up, a recorded interview, a warned agent
    without one, a training plan, a scheme change) written as a site, in Chinese."""
    data, agents = october
    out = tmp_path_factory.mktemp("browser") / "loop"
    for sub in ("stores", "agents"):
        (out / sub).mkdir(parents=True)
    write_pages(Pages(data, "zh-CN"), out)
    return out, agents


@pytest.mark.parametrize("width", [1150, 390])
def test_the_feedback_loop_in_a_browser(browser, loop_site, width):
    out, (a, b, c) = loop_site
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {}
    for name, path in (
        ("followed", out / "agents" / page_name(a)),
        ("recorded", out / "agents" / page_name(b)),
        ("index", out / "index.html"),
    ):
        page, outside, errors = visit(browser, path, width=width)
        assert outside == [] and errors == [], (name, outside, errors)
        assert page.evaluate("document.documentElement.scrollWidth") <= width or name == "index"
        if name != "index":
            assert page.evaluate(_NARROW_TEXTS) == [], name
        shots[name] = page
    followed = shots["followed"].locator("section.plan tr[data-status]")
    assert [followed.nth(i).get_attribute("data-status") for i in range(3)] == [
        "met",
        "missed",
        "open",
    ]
    assert followed.nth(1).locator("td").last.inner_text() == "未达成：本月到期仍未达到"
    recorded = shots["recorded"].locator("section.interview.recorded")
    assert recorded.is_visible() and "跟岗学习" in recorded.inner_text()
    assert shots["recorded"].locator("section.interview .sign > div").count() == 2
    assert shots["recorded"].locator("section.scheme-notice li").count() == 3
    index = shots["index"]
    assert index.locator("ul.action-no_interview li").count() == 1
    assert c in index.locator("ul.action-no_interview").inner_text()
    assert "未达成" in index.locator("ul.action-plan_due").inner_text()  # due in October
    assert index.locator("ul.action-plan_overdue li").count() == 1
    assert index.locator("section.training td").all_inner_texts()[1] == "沟通能力"
    suffix = "" if width > 400 else "-phone"
    for name, page in shots.items():
        page.screenshot(path=ARTIFACTS / f"loop-{name}{suffix}.png", full_page=True)
        page.context.close()


def test_a_statement_with_the_whole_loop_still_prints_on_one_page(october, chromium, tmp_path):
    """Goals followed up, a recorded interview and a scheme change notice on top of
    everything else: still one A4 page per agent, in each language."""
    from pypdf import PdfReader

    data, (a, _, _) = october
    store = data.cards.filter(pl.col("agent_id") == a)["store_id"][0]
    agents = data.cards.filter(pl.col("store_id") == store).height
    for language in ("zh-CN", "en"):
        folder = tmp_path / language
        print_statements(Pages(data, language, store), folder)
        reader = PdfReader(folder / f"{store}.pdf")
        assert len(reader.pages) == agents, language
    texts = [page.extract_text() for page in reader.pages]  # the English PDF
    assert sum("6b. Improvement plan follow-up" in text for text in texts) == 1  # agent A
    assert all("9. Scheme changes" in text for text in texts)
