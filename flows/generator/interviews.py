"""The month's feedback interviews (绩效反馈面谈) as the department types them into its
template (`exports.md` ``interviews``): the story of the improvement plans.

The department interviews its struggling and weak agents (those warned, or near the
warning line) three days after the period closes, except the struggling agent of the
last store, who is warned every month and never interviewed (the index lists them).
Each interview agrees two goals: a struggling agent a score goal due the next month
(they stay near 45: missed) and a complaint-rate goal due two months on (usually met);
a weak agent a satisfaction goal due the next month (usually met) and a timeliness goal
due two months on (usually missed). Goals due after the generated range stay open.
Unless ``clean``, one more row names an unknown goal metric (rejected, never counted).

The draws come from a generator of their own, so every other file of the month is the
same with or without interviews.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from schemas.contracts import INTERVIEWS
from transforms.months import add_months
from transforms.periods import Period

# profile: (strengths, shortfalls, [(goal metric, goal, months until due, measure)])
_PLANS = {
    "struggling": (
        "态度诚恳，愿意改进",
        "响应慢，投诉偏多",
        [("score", "50", 1, "每周复盘服务录音"), ("complaint_rate", "0.02", 2, "投诉案例复盘")],
    ),
    "weak": (
        "熟悉车型与配置",
        "满意度与处理时效偏低",
        [
            ("satisfaction", "3.8", 1, "跟岗学习沟通技巧"),
            ("timely_rate", "0.9", 2, "咨询处理流程培训"),
        ],
    ),
}


def interviews(
    month_start: date, period: Period, active: pl.DataFrame, clean: bool
) -> pl.DataFrame:
    """The month's interview rows as text (see module doc); ``active``: the month's active
    agents with ``store_id`` and ``profile``."""
    held = period.end_on + timedelta(days=3)
    chosen = active.filter(pl.col("profile").is_in(list(_PLANS)))
    last_store = active["store_id"].max()
    skipped = chosen.filter(
        (pl.col("profile") == "struggling") & (pl.col("store_id") == last_store)
    )["agent_id"].to_list()[:1]
    rows = []
    for number, agent in enumerate(chosen.sort("store_id", "agent_id").iter_rows(named=True)):
        if agent["agent_id"] in skipped:
            continue
        strengths, shortfalls, goals = _PLANS[agent["profile"]]
        for metric, goal, months, measure in goals:
            rows.append(
                {
                    "interview_id": f"IV{month_start:%Y%m}{number:04d}",
                    "agent_id": agent["agent_id"],
                    "month": f"{month_start:%Y-%m}",
                    "interview_on": f"{held:%Y-%m-%d}",
                    "interviewer": "客服经理",
                    "strengths": strengths,
                    "shortfalls": shortfalls,
                    "goal_metric": metric,
                    "goal_value": goal,
                    "due_month": f"{add_months(month_start, months):%Y-%m}",
                    "measure": measure,
                }
            )
    if rows and not clean:
        rows.append({**rows[0], "goal_metric": "speed"})  # not a metric: rejected
    return pl.DataFrame(rows, schema={c: pl.String for c in INTERVIEWS.column_names})
