"""The feedback loop on the pages (feedback.md parts 6b, 8, 9 and the index's lists),
from the published quarter with a plan, an interview, a training plan and a scheme
change put in its place."""

from __future__ import annotations

import html
from datetime import date

import polars as pl
import pytest

from flows.outputs.site import read_month
from flows.outputs.site.pages import Pages
from flows.storage.connection import connect
from tests.flows.outputs.site.conftest import OCT
from transforms.scheme_changes import COLUMNS

NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)


def _plan(rows: list[dict], month: date) -> pl.DataFrame:
    base = {
        "month_start": month,
        "version": 1,
        "run_id": "r",
        "interview_id": "I1",
        "interview_on": date(2026, 9, 3),
        "interviewer": "王经理",
        "strengths": None,
        "shortfalls": None,
        "measure": None,
        "due_month_start": None,
    }
    return pl.DataFrame([{**base, **r} for r in rows], infer_schema_length=None)


def looped(url: str):
    """October with: agent A followed up on three goals of September's interview (met
    this month, missed on its due month, open until December), agent B's October
    interview recorded, agent C warned and not interviewed, a goal of August's still
    open past its due month, a training plan and a scheme change."""
    engine = connect(url)
    try:
        data = read_month(engine, OCT, None)
    finally:
        engine.dispose()
    cards = data.cards.with_columns(
        pl.when(pl.int_range(pl.len()) == 2).then(True).otherwise(False).alias("is_warning")
    )
    a, b, c = cards["agent_id"][:3]
    score = float(cards["score"][0])
    follow_ups = _plan(
        [
            {
                "agent_id": a,
                "row_number": 1,
                "goal_metric": "score",
                "goal_value": score - 1,
                "due_month_start": DEC,
                "met_month_start": OCT,
                "status_in_month": "met",
            },
            {
                "agent_id": a,
                "row_number": 2,
                "goal_metric": "complaint_rate",
                "goal_value": 0.0049,
                "due_month_start": OCT,
                "met_month_start": None,
                "status_in_month": "missed",
            },
            {
                "agent_id": a,
                "row_number": 3,
                "goal_metric": "satisfaction",
                "goal_value": 4.5,
                "due_month_start": DEC,
                "met_month_start": None,
                "status_in_month": "open",
            },
        ],
        date(2026, 9, 1),
    )
    interviews = _plan(
        [
            {
                "agent_id": b,
                "row_number": 1,
                "interview_on": NOV,
                "strengths": "耐心细致",
                "shortfalls": "回复偏慢",
                "goal_metric": "timely_rate",
                "goal_value": 0.95,
                "due_month_start": DEC,
                "measure": "跟岗学习",
            },
            {
                "agent_id": b,
                "row_number": 2,
                "interview_on": NOV,
                "strengths": "耐心细致",
                "shortfalls": "回复偏慢",
                "goal_metric": None,
                "goal_value": None,
            },
        ],
        OCT,
    )
    overdue = _plan(
        [
            {
                "agent_id": a,
                "row_number": 4,
                "goal_metric": "score",
                "goal_value": 80.0,
                "due_month_start": date(2026, 9, 1),
                "status": "open",
            }
        ],
        date(2026, 8, 1),
    )
    store = cards["store_id"][0]
    training = pl.DataFrame(
        {
            "month_start": [OCT],
            "store_id": [store],
            "improvement_topic": ["沟通能力"],
            "agent_count": [4],
        }
    )
    changes = pl.DataFrame(
        [
            ("weights", "satisfaction", "35", "40"),
            ("sla", "sla", "{}", "{ }"),
            ("period", "end_day", "25", None),
        ],
        schema=COLUMNS,
        orient="row",
    )
    shown = type(data)(
        **{
            **data.__dict__,
            "cards": cards,
            "follow_ups": follow_ups,
            "interviews": interviews,
            "overdue": overdue,
            "training": training,
            "changes": changes,
            "previous_scheme_version": "default-2025",
        }
    )
    return shown, (a, b, c)


@pytest.fixture(scope="module")
def october(published_sqlite):
    return looped(published_sqlite.url)


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
    assert "scheme-notice" not in Pages(unchanged, "en").agent_page(a)


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
