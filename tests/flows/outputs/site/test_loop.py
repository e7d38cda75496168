"""The feedback loop on the pages (feedback.md parts 6b, 8, 9 and the index's lists),
from the published quarter with a plan, an interview, a training plan and a scheme
change put in its place (the ``october`` fixture)."""

from __future__ import annotations

import html
from datetime import date

import polars as pl

from flows.outputs.site.pages import Pages
from transforms.scheme_changes import COLUMNS

NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)


def test_the_statement_follows_up_each_goal_with_its_status_in_words(october):
    data, (a, _, _) = october
    page = Pages(data, "en").agent_page(a)
    assert 'data-status="met"' in page and "met this month" in page
    assert "missed: due this month and not reached" in page
    assert "Complaint rate at most 0.4%" in page  # 0.49 % rounded toward the goal
    assert "Customer satisfaction at least 4.50" in page and "open: due 2026-12" in page
    chinese = Pages(data, "zh-CN").agent_page(a)
    assert "本月已达成" in chinese and "进行中：2026年12月到期" in chinese


def test_a_recorded_interview_replaces_the_blank_form_and_keeps_the_signatures(october):
    data, (a, b, _) = october
    recorded = Pages(data, "zh-CN").agent_page(b)
    assert 'class="interview recorded"' in recorded
    assert "已于 2026年11月1日 由王经理面谈并记录：" in recorded
    assert "耐心细致" in recorded and "跟岗学习" in recorded
    assert "咨询处理及时率 不低于 95.0%" in recorded
    assert "未约定可量化的改进目标" in recorded
    assert recorded.count("签字") == 2
    blank = Pages(data, "zh-CN").agent_page(a)
    assert 'class="interview"' in blank and "面谈日期" in blank
    assert blank.count("签字") == 2


def test_the_scheme_change_is_announced_on_every_statement_in_each_language(october):
    data, (a, b, _) = october
    for language, words in (
        (
            "en",
            [
                "This month's scheme (default-2026) differs from last month's (default-2025):",
                "weight of Customer satisfaction (points): 35 → 40",
                "the response and resolution time limits changed",
                "day the evaluation period closes: 25 → the calendar month's end",
            ],
        ),
        (
            "zh-TW",
            [
                "本月考核方案（default-2026）較上月（default-2025）有以下調整：",
                "客戶滿意度權重（分）：35 → 40",
                "考核期截止日：25 → 自然月月底",
            ],
        ),
    ):
        pages = Pages(data, language)
        for agent in (a, b):
            page = html.unescape(pages.agent_page(agent))
            assert all(w in page for w in words), (language, [w for w in words if w not in page])
    unchanged = type(data)(**{**data.__dict__, "changes": pl.DataFrame(schema=COLUMNS)})
    assert '<section class="scheme-notice">' not in Pages(unchanged, "en").agent_page(a)


def test_the_index_lists_what_needs_action_and_the_training_plan(october):
    data, (a, b, c) = october
    index = Pages(data, "zh-CN").index_page()
    no_interview = index.split('action-no_interview">')[1].split("</ul>")[0]
    assert c in no_interview and b not in no_interview
    due = index.split('action-plan_due">')[1].split("</ul>")[0]
    assert "本月未达成" not in due and "未达成：本月到期仍未达到" in due
    overdue = index.split('action-plan_overdue">')[1].split("</ul>")[0]
    assert "得分 不低于 80.00：2026年9月" in overdue
    training = index.split('class="training"')[1].split("</section>")[0]
    assert "沟通能力" in training and ">4<" in training
    assert "九、方案调整" in index
    assert "溝通能力" in Pages(data, "zh-TW").index_page()  # the topic in the page's script


def test_the_store_page_lists_its_own_follow_ups_and_training(october):
    data, (a, b, c) = october
    store = data.cards.filter(pl.col("agent_id") == c)["store_id"][0]
    page = Pages(data, "zh-CN").store_page(store)
    no_interview = page.split('action-no_interview">')[1].split("</ul>")[0]
    assert f'href="../agents/{c}.html"' in no_interview
    assert "沟通能力" in page.split('class="training"')[1]
    other = data.cards.filter(pl.col("store_id") != store)["store_id"]
    if len(other):  # another store's page lists none of this store's agents
        assert c not in Pages(data, "zh-CN").store_page(other[0])
