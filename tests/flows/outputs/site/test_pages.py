"""Statement branches the generated quarter may not reach: insufficient data, N/A
metrics, the top tier, an applied score adjustment; and the PDF date stamp."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import polars as pl

from flows.outputs.site import read_month
from flows.outputs.site.pages import Pages, page_name
from flows.outputs.site.printing import fix_dates
from flows.storage.connection import connect
from tests.flows.outputs.site.conftest import OCT


def month(url: str):
    engine = connect(url)
    try:
        return read_month(engine, OCT, None)
    finally:
        engine.dispose()


def test_insufficient_data_recognition_and_adjustment_statements(published_sqlite):
    data = month(published_sqlite.url)
    first, second, third = data.cards["agent_id"][:3]
    nulls = {c: None for c in data.cards.columns if c.endswith(("_points", "_weight"))}
    cards = (
        data.cards.with_columns(
            pl.when(pl.col("agent_id") == first).then(pl.lit(v)).otherwise(pl.col(c)).alias(c)
            for c, v in {
                **nulls,
                "status": "insufficient_data",
                "score": None,
                "tier": None,
                "survey_count": 1,
                "customers_received": 2,
                "consultation_count": 0,
                "first_purchase_customers": 0,
                "improvement_focus": None,
            }.items()
        )
        .with_columns(
            pl.when(pl.col("agent_id") == second)
            .then(pl.lit("A"))
            .otherwise(pl.col("tier"))
            .alias("tier"),
            (pl.col("agent_id") == second).alias("is_recognized"),
            pl.when(pl.col("agent_id") == second)
            .then(pl.lit(Decimal("95.00")))
            .otherwise(pl.col("score"))
            .cast(pl.Decimal(5, 2))
            .alias("score"),
            pl.when(pl.col("agent_id") == third)
            .then(pl.lit(Decimal("2.50")))
            .otherwise(pl.col("score_adjustment"))
            .cast(pl.Decimal(6, 2))
            .alias("score_adjustment"),
        )
        .cast(data.cards.schema)
    )
    pages = Pages(type(data)(**{**data.__dict__, "cards": cards}), "en")
    empty = pages.agent_page(first)
    assert "Insufficient data: no metric had enough samples" in empty
    assert "Customer satisfaction: 1 of the 3 needed (surveys)" in empty
    assert "No score this month, so no next tier to aim for." in empty
    assert 'data-score=""' in empty
    # N/A once (the score), and no claim that no points were lost.
    assert empty.count("N/A") == 1 and "No points were lost" not in empty
    assert "No score this month: no improvement focus." in empty
    chinese = Pages(type(data)(**{**data.__dict__, "cards": cards}), "zh-CN").agent_page(first)
    assert chinese.count("不适用") == 1 and "未失分" not in chinese
    assert "本月各项指标的样本量与方案最低要求：" in chinese
    top = pages.agent_page(second)
    assert 'data-flag="recognized"' in top and "Top tier reached" in top
    assert "Tier A or higher for 3 months in a row: extra rewards" in top
    assert 'data-flag="recognized"' not in empty
    assert "appeal adjustment +2.50" in pages.agent_page(third)
    assert page_name("a/b 'c'") == "a%2Fb%20%27c%27.html"


def test_the_training_topic_is_shown_in_the_pages_script(published_sqlite):
    """A topic the scheme gives in Simplified reads in Traditional on a zh-TW statement."""
    data = month(published_sqlite.url)
    scored = data.cards.filter(pl.col("improvement_focus").is_not_null())
    agent = scored["agent_id"][0]
    cards = data.cards.with_columns(
        pl.when(pl.col("agent_id") == agent)
        .then(pl.lit("沟通能力与响应流程"))
        .otherwise(pl.col("improvement_topic"))
        .alias("improvement_topic")
    )
    shown = type(data)(**{**data.__dict__, "cards": cards})
    traditional = Pages(shown, "zh-TW").agent_page(agent)
    assert "培訓主題：溝通能力與響應流程。" in traditional
    assert "沟通能力" not in traditional
    assert "培训主题：沟通能力与响应流程。" in Pages(shown, "zh-CN").agent_page(agent)


def test_the_statement_shows_a_period_that_is_not_the_calendar_month(published_sqlite):
    """feedback.md part 1: the period's first and last day when the scheme sets one. The
    first agent's row carries a 26th-to-25th period; the others, the calendar month
    (as published), show the month alone."""
    data = month(published_sqlite.url)
    first, second = data.cards["agent_id"][:2]
    assert data.cards.filter(pl.col("agent_id") == second).select(
        "period_start_on", "period_end_on"
    ).row(0) == (date(2026, 10, 1), date(2026, 10, 31))
    cards = data.cards.with_columns(
        pl.when(pl.col("agent_id") == first)
        .then(pl.lit(day))
        .otherwise(pl.col(column))
        .alias(column)
        for column, day in (
            ("period_start_on", date(2026, 9, 26)),
            ("period_end_on", date(2026, 10, 25)),
        )
    )
    shown = type(data)(**{**data.__dict__, "cards": cards})
    cell = (
        '<th>{label}</th><td class="period" data-period-start="2026-09-26" '
        'data-period-end="2026-10-25">{text}</td>'
    )
    for language, label, text in (
        ("zh-CN", "考核期间", "2026年9月26日至2026年10月25日（30天）"),
        ("zh-TW", "考核期間", "2026年9月26日至2026年10月25日（30天）"),
        ("en", "Period", "2026-09-26 to 2026-10-25 (30 days)"),
    ):
        pages = Pages(shown, language)
        assert cell.format(label=label, text=text) in pages.agent_page(first), language
        assert "data-period-start" not in pages.agent_page(second), language
        assert f"<th>{label}</th>" not in pages.agent_page(second), language
        store = cards.filter(pl.col("agent_id") == first)["store_id"][0]
        assert pages.print_page(store).count("data-period-start") == 1  # the same block


def test_pdf_dates_become_the_versions_computed_at_without_moving_bytes():
    pdf = b"<< /CreationDate (D:20991231235959+08'00') /ModDate (D:20991231235959Z) >>"
    fixed = fix_dates(pdf, datetime(2026, 11, 1, 2, 3, 4))
    assert fixed == (b"<< /CreationDate (D:20261101020304+00'00') /ModDate (D:20261101020304Z) >>")
    assert len(fixed) == len(pdf)


def test_a_superseded_versions_pages_name_the_current_version_at_their_top(published_sqlite):
    """Every page of a version that is no longer current says so first, in each language;
    the current version's pages say nothing of the kind."""
    import dataclasses

    data = month(published_sqlite.url)
    agent, store = data.cards.row(0, named=True)["agent_id"], data.cards["store_id"][0]
    assert Pages(data, "en").superseded == ""
    assert '<p class="superseded"' not in Pages(data, "en").index_page()
    old = dataclasses.replace(data, info=dataclasses.replace(data.info, current_version=3))
    for language, note in (
        ("zh-CN", "已被取代：本报告为2026年10月第 1 版；当前版本为第 3 版。"),
        ("zh-TW", "已被取代：本報告為2026年10月第 1 版；目前版本為第 3 版。"),
        ("en", "Superseded: this report shows version 1 of 2026-10; version 3 is the current one."),
    ):
        pages = Pages(old, language)
        top = f'<body class="{{}}">\n<p class="superseded" role="note">{note}</p>\n'
        assert top.format("index-page") in pages.index_page(), language
        assert top.format("store-page") in pages.store_page(store), language
        statement = pages.agent_page(agent)
        assert statement.count(note) == 1, language  # once: in the statement, at its top
        assert statement.index(note) < statement.index("<header>"), language
        assert pages.print_page(store).count(note) == len(pages.agent_ids(store))
