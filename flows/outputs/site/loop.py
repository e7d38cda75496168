"""The feedback loop on the pages (`feedback.md` parts 6b, 8 and 9, and the index's
lists): plan goals followed up, the recorded interview, the scheme change notice, the
training plan. A mix-in of `flows.outputs.site.pages.Pages`, which holds the data.

Decisions the spec leaves open: a goal's value is shown as the metric's values are
(satisfaction to two decimals, rates as percentages, the score to two decimals) and
rounded toward the goal like the next-tier values; "this month's value" is the agent's
value in the month shown (N/A when the month has none for them); the index counts a
warned agent as interviewed when the month's version holds any interview row of theirs.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

import polars as pl

from flows.outputs.site.formats import goal_text, value_text
from schemas.contracts import GOAL_METRICS
from schemas.tables import GOAL_COLUMNS

# A goal's metric: (the key its name and values are shown by, its scorecard column).
_SHOWN_AS = {"timely_rate": "timeliness"}  # the others are shown by their own key
GOAL_SHOWN = {goal: (_SHOWN_AS.get(goal, goal), column) for goal, column in GOAL_COLUMNS.items()}


def _by_agent(frame: pl.DataFrame) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in frame.iter_rows(named=True):
        out.setdefault(row["agent_id"], []).append(row)
    return out


class FeedbackLoop:
    """Parts 6b, 8 and 9 of a statement and the index's follow-up lists."""

    @cached_property
    def _follow_ups(self) -> dict[str, list[dict]]:
        return _by_agent(self.data.follow_ups)

    @cached_property
    def _interviews(self) -> dict[str, list[dict]]:
        return _by_agent(self.data.interviews)

    def goal(self, metric: str, value: float) -> str:
        """ "at least 4.50" / "at most 1.0%": a goal in the metric's own words."""
        key, _ = GOAL_SHOWN[metric]
        lower = GOAL_METRICS[metric][2]
        shown = goal_text(key, float(value), lower_is_better=lower)
        goal = self.t(f"statement.next.{'at_most' if lower else 'at_least'}", value=shown)
        return f"{self.t(f'metric.{key}')} {goal}"

    def _due(self, month: date | None) -> str:
        return "" if month is None else self._month(month)

    def plan_rows(self, card: dict) -> list[dict]:
        """Part 6b: the agent's goals of earlier interviews followed up this month."""
        t, rows = self.t, []
        for item in self._follow_ups.get(card["agent_id"], []):
            key, column = GOAL_SHOWN[item["goal_metric"]]
            status = item["status_in_month"]
            rows.append(
                {
                    "from": self._date(item["interview_on"]),
                    "goal": self.goal(item["goal_metric"], item["goal_value"]),
                    "due": self._due(item["due_month_start"]),
                    "value": self._plan_value(card, key, column),
                    "status": status,
                    "status_text": t(
                        f"plan.status.{status}", due=self._due(item["due_month_start"])
                    ),
                }
            )
        return rows

    def _plan_value(self, card: dict, key: str, column: str) -> str:
        """The month's value of a goal's metric; without a score a dash, since the
        statement says N/A once, for the score."""
        if card["score"] is None and card[column] is None:
            return self.t("common.dash")
        return value_text(key, _float(card[column]), self.t)

    def recorded_interview(self, agent_id: str) -> dict | None:
        """Part 8 as recorded: the month's interview of the agent, or None (blank form)."""
        rows = self._interviews.get(agent_id)
        if not rows:
            return None
        first, t = rows[0], self.t
        return {
            "said": t(
                "statement.interview.recorded",
                date=self._date(first["interview_on"]),
                interviewer=first["interviewer"],
            ),
            "strengths": first["strengths"] or t("common.dash"),
            "shortfalls": first["shortfalls"] or t("common.dash"),
            "items": [
                {
                    "goal": t("statement.interview.no_goal")
                    if r["goal_metric"] is None
                    else self.goal(r["goal_metric"], r["goal_value"]),
                    "measure": r["measure"] or t("common.dash"),
                    "due": self._due(r["due_month_start"]) or t("common.dash"),
                }
                for r in rows
            ],
        }

    @cached_property
    def scheme_notice(self) -> dict | None:
        """Part 9 and the index's notice: what changed from last month's scheme, in words;
        None when nothing announced changed."""
        changes = self.data.changes
        if changes.is_empty():
            return None
        t = self.t
        lines = []
        for part, item, before, after in changes.iter_rows():
            if part == "sla":
                lines.append(t("scheme.change.sla"))
                continue
            lines.append(
                t(
                    "scheme.change.line",
                    item=self._scheme_item(part, item),
                    before=self._scheme_value(part, before),
                    after=self._scheme_value(part, after),
                )
            )
        previous = self.data.previous_scheme_version or t("common.dash")
        intro = t("scheme.change.intro", before=previous, after=self.scheme.version)
        return {"intro": intro, "lines": lines}

    def _scheme_item(self, part: str, item: str) -> str:
        t = self.t
        if part == "weights":
            return t("scheme.item.weight", metric=t(f"metric.{item}"))
        if part == "tiers":
            return t("scheme.item.tier", tier=item)
        return t(f"scheme.item.{item}")

    def _scheme_value(self, part: str, value: str | None) -> str:
        if value is None:
            key = "scheme.value.calendar_month" if part == "period" else "scheme.value.none"
            return self.t(key)
        return value

    # ------------------------------------------------------------ the index

    def loop_actions(self, href, data=None, folder: str = "agents") -> list[dict]:
        """The follow-up lists of the index (``data``: the month, or a store of it for the
        store page): warned agents without a recorded interview, goals due this month
        (met or missed), goals still open past their due month."""
        t, data = self.t, data or self.data
        cards = data.cards
        interviewed = set(data.interviews["agent_id"])
        names = dict(zip(cards["agent_id"], cards["agent_name"], strict=True))

        def entry(agent_id: str, note: str) -> dict:
            return {
                "label": f"{agent_id} {names.get(agent_id, '')}".strip(),
                "href": href(folder, agent_id) if agent_id in names else "",
                "note": note,
            }

        month = data.info.month
        due = data.follow_ups.filter(pl.col("due_month_start") == month)

        def judged(r: dict, verdict: str | None = None) -> str:
            if verdict is None:  # a goal due this month: met or missed in it
                verdict = t(f"plan.status.{r['status_in_month']}", due="")
            return f"{self.goal(r['goal_metric'], r['goal_value'])}{t('common.colon')}{verdict}"

        return [
            {
                "key": "no_interview",
                "title": t("index.list.no_interview"),
                "entries": [
                    entry(r["agent_id"], "")
                    for r in cards.filter("is_warning").iter_rows(named=True)
                    if r["agent_id"] not in interviewed
                ],
            },
            {
                "key": "plan_due",
                "title": t("index.list.plan_due"),
                "entries": [
                    entry(
                        r["agent_id"], judged(r, t(f"plan.status.{r['status_in_month']}", due=""))
                    )
                    for r in due.iter_rows(named=True)
                ],
            },
            {
                "key": "plan_overdue",
                "title": t("index.list.plan_overdue"),
                "entries": [
                    entry(r["agent_id"], judged(r, self._due(r["due_month_start"])))
                    for r in data.overdue.iter_rows(named=True)
                ],
            },
        ]

    def training_rows(self, data=None) -> list[dict]:
        """The training plan: agents per store and topic, in the page's script."""
        data = data or self.data
        return [
            {
                "store": r["store_id"],
                "topic": self.t.script(r["improvement_topic"]),
                "agents": r["agent_count"],
            }
            for r in data.training.iter_rows(named=True)
        ]


def _float(value) -> float | None:
    return None if value is None else float(value)
