"""The parts of an agent's statement (`Pages.statement_context`): the flags, the
metric rows and their bases, the reasons a value is n/a, the charts, the next tier and
the appeals. A base of `flows.outputs.site.pages.Pages`, whose month data it reads."""

from __future__ import annotations

from markupsafe import Markup

from flows.outputs.site import charts
from flows.outputs.site.formats import (
    RATE_KEYS,
    _number,
    _percent,
    _two_decimals,
    goal_text,
    money_text,
    score_text,
    value_text,
)
from flows.outputs.site.model import (
    METRIC_ROWS,
    POINTS,
    SAMPLES,
    WEIGHTS,
    min_samples,
)


class Statement:
    """The statement's parts; `Pages` holds the data they read."""

    def flags(self, card: dict) -> list[dict]:
        """The flags an agent carries, each with what the scheme says follows."""
        t, p = self.t, self.scheme.penalties
        line = f"{p.warning_below:g}"
        found = []
        if card["is_warning"]:
            found.append(("warning", t("flag.warning.detail", line=line)))
        if card["is_demotion_review"]:
            found.append(
                (
                    "demotion_review",
                    t(
                        "flag.demotion_review.detail",
                        months=card["consecutive_months_below_60"],
                        line=line,
                        needed=p.demotion_review_consecutive_months,
                    ),
                )
            )
        if card["is_complaint_review"]:
            found.append(
                (
                    "complaint_review",
                    t(
                        "flag.complaint_review.detail",
                        count=card["complaint_count"],
                        needed=p.complaint_review_min_complaints,
                    ),
                )
            )
        if card["is_recognized"]:
            recognition = self.scheme.recognition
            found.append(
                (
                    "recognized",
                    t(
                        "flag.recognized.detail",
                        tier=recognition.tier,
                        months=recognition.consecutive_months,
                    ),
                )
            )
        return [{"key": k, "name": t(f"flag.{k}"), "detail": d} for k, d in found]

    def _focus(self, card: dict) -> str:
        if card["score"] is None:  # nothing was scored, so nothing was "not lost" either
            return self.t("statement.no_focus_no_score")
        if card["improvement_focus"] is None:
            return self.t("statement.no_focus")
        return self.t(
            "statement.focus",
            metric=self.t(f"metric.{card['improvement_focus']}"),
            topic=self.t.script(card["improvement_topic"] or "") or self.t("common.dash"),
        )

    def _metric_rows(self, card: dict) -> list[dict]:
        t = self.t
        team = self._team_values.get((card["store_id"], card["team_id"]), {})
        store = self._store_values.get(card["store_id"], {})
        rows = []
        for key, column, metric, part in METRIC_ROWS:
            weight = card[WEIGHTS[metric]]
            points = card[POINTS[metric]]
            if part is None:
                na = weight is None
                shown = dict(
                    weight=_number(weight, t),
                    points=_number(points, t),
                    lost=_number(None if na else weight - points, t),
                )
            else:  # a loyalty part: its value and counts; points belong to loyalty
                na = card[SAMPLES[key]] < min_samples(self.scheme)[key]
                shown = dict(weight="", points="", lost="")
            if column is None:  # loyalty's own row: weight and points only
                compared = dict(value="", basis="", team="", store="", median="")
            else:
                compared = dict(
                    value=value_text(key, card[column], t),
                    basis=self._basis(key, card),
                    team=value_text(key, team.get(column), t),
                    store=value_text(key, store.get(column), t),
                    median=value_text(key, self._medians.get(column), t),
                )
            if card["score"] is None:
                # Without a score every metric is N/A, which the result part says once:
                # the rows show the values and counts as they are, a dash where none.
                compared = {
                    k: t("common.dash") if v == t("common.na") else v for k, v in compared.items()
                }
            elif na and part is None:
                compared["value"] = (
                    f"{compared['value']} ({t('common.na')})"
                    if compared["value"]
                    else t("common.na")
                )
            rows.append(
                {
                    "key": key,
                    "name": t(f"metric.{key}"),
                    "part": part is not None,
                    "na": na,
                    **shown,
                    **compared,
                }
            )
        return rows

    def _basis(self, key: str, card: dict) -> str:
        t = self.t
        if key == "satisfaction":
            return t("basis.satisfaction", surveys=card["survey_count"])
        if key == "complaint_rate":
            return t(
                "basis.complaint_rate",
                complaints=card["complaint_customers"],
                received=card["customers_received"],
            )
        if key == "repurchase_rate":
            return t(
                "basis.repurchase_rate",
                repeat=card["repeat_purchase_customers"],
                first=card["first_purchase_customers"],
            )
        if key == "referral_rate":
            return t(
                "basis.referral_rate",
                referral=card["referral_customers"],
                received=card["customers_received"],
            )
        return t(
            "basis.timeliness",
            timely=card["timely_count"],
            consultations=card["consultation_count"],
        )

    def _na_reasons(self, card: dict) -> list[str]:
        """Why each N/A metric (or loyalty part) is N/A: its sample below min_samples."""
        t, needed = self.t, min_samples(self.scheme)
        reasons = []
        for key in (
            "satisfaction",
            "complaint_rate",
            "repurchase_rate",
            "referral_rate",
            "timeliness",
        ):
            samples = card[SAMPLES[key]]
            if samples < needed[key]:
                reasons.append(
                    t(
                        "na.reason",
                        metric=t(f"metric.{key}"),
                        samples=samples,
                        min_samples=needed[key],
                        what=t(f"na.what.{key}"),
                    )
                )
        return reasons

    def _charts(self, agent_id: str) -> list[Markup]:
        t, months = self.t, self._trend_months
        history = self._trend.get(agent_id, {})
        axis = charts.Months(
            [t(f"month.short.{m.month}") for m in months], [f"{m:%Y-%m}" for m in months]
        )
        guides = [
            (float(tier.min_score), tier.tier) for tier in self.scheme.tiers if tier.min_score > 0
        ]

        def series(column: str) -> list[float | None]:
            out = []
            for m in months:
                value = history.get(m, {}).get(column)
                out.append(None if value is None else float(value))
            return out

        made = [
            charts.trend_chart(
                axis,
                series("score"),
                charts.Scale(0, 100, _two_decimals),
                title=t("metric.score"),
                css_class="trend-score",
                guides=guides,
                size=charts.SCORE_SIZE,
            )
        ]
        for key, column, _, _ in METRIC_ROWS:
            if column is None:
                continue
            values = series(column)
            # The scale spans the scheme's line (where points change) and the values.
            line = self._lines[key]
            present = [v for v in values if v is not None]
            low, high = min(*line, *present), max(*line, *present)
            made.append(
                charts.trend_chart(
                    axis,
                    values,
                    charts.Scale(low, high, _percent if key in RATE_KEYS else _two_decimals),
                    title=t(f"metric.{key}"),
                    css_class=f"trend-{key}",
                )
            )
        return [Markup(c) for c in made]

    def _next_tier(self, card: dict) -> tuple[str, list[dict]]:
        t = self.t
        if card["score"] is None:
            return t("statement.next.none"), []
        rows = self._next.get(card["agent_id"], [])
        if not rows:
            return t("statement.next.top"), []
        first = rows[0]
        title = t(
            "statement.next.title", tier=first["next_tier"], line=f"{first['next_min_score']:g}"
        )
        shown = []
        for row in rows:
            key = row["part"] or row["metric"]
            if row["is_reachable"]:
                direction = "at_most" if row["lower_is_better"] else "at_least"
                shown_value = goal_text(
                    key, row["needed_value"], lower_is_better=row["lower_is_better"]
                )
                needed = t(f"statement.next.{direction}", value=shown_value)
            else:
                needed = t("statement.next.unreachable")
            shown.append(
                {
                    "name": t(f"metric.{key}"),
                    "reachable": row["is_reachable"],
                    "now": value_text(key, row["current_value"], t),
                    "needed": needed,
                }
            )
        return title, shown

    def _appeal_rows(self, rows: list[dict]) -> list[dict]:
        t = self.t
        return [
            {
                "id": a["appeal_id"],
                "agent_id": a["agent_id"],
                "kind": t(f"appeal.kind.{a['kind']}")
                if f"appeal.kind.{a['kind']}" in t
                else a["kind"],
                "outcome": t("appeal.applied")
                if a["is_applied"]
                else t(f"appeal.reason.{a['reason']}")
                if f"appeal.reason.{a['reason']}" in t
                else a["reason"],
                "deadline": "" if a["deadline_on"] is None else f"{a['deadline_on']}",
            }
            for a in rows
        ]

    # ------------------------------------------------------------ statements

    def statement_context(self, agent_id: str) -> dict:
        """Everything one statement shows, as text (the template only lays it out)."""
        t, card = self.t, self._cards[agent_id]
        period = self._period(card)
        adjustment = card["score_adjustment"]
        next_title, next_rows = self._next_tier(card)
        return {
            "agent_id": agent_id,
            "agent_name": card["agent_name"],
            "store_id": card["store_id"],
            "team_id": card["team_id"],
            "month_label": self.month_label,
            # feedback.md part 1: the period's first and last day when the scheme sets
            # one; a calendar month needs no second name.
            "period": None
            if period is None
            else {
                "text": t(
                    "statement.period_value",
                    start=self._date(period[0]),
                    end=self._date(period[1]),
                    days=(period[1] - period[0]).days + 1,
                ),
                "start": f"{period[0]}",
                "end": f"{period[1]}",
            },
            "scheme_version": card["scheme_version"],
            "version": card["version"],
            "run_id": card["run_id"],
            "score": score_text(card["score"], t),
            "score_raw": "" if card["score"] is None else f"{card['score']:.2f}",
            # Without a score the score says "N/A"; the tier says it no second time.
            "tier": card["tier"] or t("common.dash"),
            "bonus": money_text(card["bonus_amount"], self.currency, t),
            "bonus_raw": f"{card['bonus_amount']:.2f}",
            "adjustment": t(
                "statement.score_before",
                before=score_text(card["score_before_adjustment"], t),
                adjustment=f"{adjustment:+.2f}",
            )
            if adjustment
            else "",
            "insufficient": card["status"] == "insufficient_data",
            "na_reasons": self._na_reasons(card),
            "metrics": self._metric_rows(card),
            "charts": self._charts(agent_id),
            "flags": self.flags(card),
            "focus": self._focus(card),
            "next_title": next_title,
            "next_rows": next_rows,
            "plan_rows": self.plan_rows(card),
            "interview": self.recorded_interview(agent_id),
            "scheme_notice": self.scheme_notice,
            "appeals": self._appeal_rows(self._appeals.get(agent_id, [])),
            "appeal_rule": t("appeal.rule", days=self.scheme.appeals.window_working_days),
            "superseded": self.superseded,
            "current_version": self.data.info.current_version,
        }
