"""The report site's pages as HTML text: pure functions of a month's frames.

`Pages` renders the department index, a store page, an agent's statement and a store's
print document (its statements one after another, one A4 page each) from a
`MonthData`, in one language. Templates are Jinja2 with autoescaping on, so a name or id
is always text, never markup; charts come from `flows.outputs.site.charts` as SVG text.
Nothing here reads a clock or the file system beyond the templates: the same data and
language give the same bytes.

A superseded version (one that is not the month's current version when its pages are
made) says so at the top of every page, naming the current version: the index and store
pages above their body, each statement at its own top (so each printed page says it too).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2
import polars as pl
from markupsafe import Markup

from flows.common.settings import DEFAULT_TIMEZONE, local_time
from flows.outputs.messages import catalogue
from flows.outputs.site import charts
from flows.outputs.site.formats import (
    _number,
    money_text,
    rate_text,
    score_text,
    value_text,
)
from flows.outputs.site.loop import FeedbackLoop
from flows.outputs.site.model import (
    MonthData,
    medians,
    store_summary,
    store_values,
    team_values,
    tier_counts,
    trend_months,
)
from flows.outputs.site.statement import Statement
from transforms.months import last_day
from transforms.next_tier import next_tier_needs

TEMPLATES = Path(__file__).resolve().parent / "templates"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,150}$")


def page_name(identifier: str) -> str:
    """A file name for an id: the id itself when it is a plain name, else its
    percent-encoding (ids are stored verbatim and may hold ``/`` or quotes); a very long
    one is shortened with a hash so every id still gets its own file."""
    if _SAFE_NAME.match(identifier):
        return f"{identifier}.html"
    encoded = quote(identifier, safe="")
    if len(encoded) > 150:
        digest = hashlib.sha256(identifier.encode()).hexdigest()[:16]
        encoded = f"{encoded[:100]}-{digest}"
    return f"{encoded}.html"


def href(folder: str, identifier: str) -> str:
    """A relative link to ``folder/page_name(identifier)`` (the name URL-quoted)."""
    prefix = f"{folder}/" if folder else ""
    return prefix + quote(page_name(identifier))


@cache
def _templates() -> jinja2.Environment:
    """One environment per process: it compiles each template once (a month's pages in
    two languages, and every month of a backfill, reuse them; a template changed on disk
    is reloaded)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


class Pages(Statement, FeedbackLoop):
    """The pages of one month version in one language (see module doc).

    ``data`` is the whole month: medians and pooled values compare with all of it even
    when ``store`` limits which pages and index rows are made. ``zone``: the dealership's
    time zone, in which the pages show the times they name (`flows.common.settings.time_zone`;
    stored times are UTC)."""

    def __init__(
        self,
        data: MonthData,
        language: str,
        store: str | None = None,
        zone: ZoneInfo | None = None,
    ) -> None:
        self.zone = zone or ZoneInfo(DEFAULT_TIMEZONE)
        self.full = data
        self.data = data if store is None else data.for_store(store)
        self.store = store
        self.t = catalogue(language)
        self.scheme = data.scheme
        self.currency = data.currency
        self.env = _templates()
        self.css = Markup((TEMPLATES / "site.css").read_text(encoding="utf-8"))
        info = data.info
        self.month_label = self._month(info.month)
        self.footer = self.t(
            "common.footer",
            version=info.version,
            month=self.month_label,
            run_id=info.run_id,
            computed_at=f"{local_time(info.computed_at, self.zone):%Y-%m-%d %H:%M:%S}",
            zone=self.zone.key,
            scheme_version=info.scheme_version,
        )
        current = info.current_version
        self.superseded = (
            ""
            if current is None or current == info.version
            else self.t(
                "common.superseded", version=info.version, month=self.month_label, current=current
            )
        )

    # ------------------------------------------------------------ shared lookups

    def _month(self, month: date) -> str:
        return self.t("common.month", year=month.year, month=month.month)

    def _date(self, day: date) -> str:
        return self.t("common.date", year=day.year, month=day.month, day=day.day)

    def _period(self, card: dict) -> tuple[date, date] | None:
        """The card's evaluation period (scheme.md §9.1) when it is not the calendar month,
        else None. Rows of an older layout carry no period: they are the calendar month."""
        month = self.data.info.month
        start, end = card["period_start_on"], card["period_end_on"]
        if start is None or end is None or (start, end) == (month, last_day(month)):
            return None
        return start, end

    @cached_property
    def _cards(self) -> dict[str, dict]:
        return {r["agent_id"]: r for r in self.data.cards.iter_rows(named=True)}

    @cached_property
    def _team_values(self) -> dict[tuple[str, str], dict]:
        frame = team_values(self.full.cards, self.full.teams)
        return {(r["store_id"], r["team_id"]): r for r in frame.iter_rows(named=True)}

    @cached_property
    def _store_values(self) -> dict[str, dict]:
        frame = store_values(self.full.cards, self.full.teams)
        return {r["store_id"]: r for r in frame.iter_rows(named=True)}

    @cached_property
    def _medians(self) -> dict[str, float | None]:
        return medians(self.full.cards, self.scheme)

    @cached_property
    def _next(self) -> dict[str, list[dict]]:
        needs = next_tier_needs(self.data.cards, self.scheme)
        out: dict[str, list[dict]] = {}
        for row in needs.iter_rows(named=True):
            out.setdefault(row["agent_id"], []).append(row)
        return out

    @cached_property
    def _trend(self) -> dict[str, dict[date, dict]]:
        out: dict[str, dict[date, dict]] = {}
        for row in self.data.trend.iter_rows(named=True):
            out.setdefault(row["agent_id"], {})[row["month_start"]] = row
        return out

    @cached_property
    def _appeals(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for row in self.data.appeals.iter_rows(named=True):
            out.setdefault(row["agent_id"], []).append(row)
        return out

    @cached_property
    def _lines(self) -> dict[str, tuple[float, float]]:
        """(worst, best) of each value's straight line in the scheme."""
        m = self.scheme.metrics
        parts = {
            "satisfaction": m.satisfaction,
            "complaint_rate": m.complaint_rate,
            "repurchase_rate": m.loyalty.repurchase_rate,
            "referral_rate": m.loyalty.referral_rate,
            "timeliness": m.timeliness,
        }
        return {k: (float(v.worst), float(v.best)) for k, v in parts.items()}

    @cached_property
    def _trend_months(self) -> list[date]:
        return trend_months(self.data.info.month, 6)

    def _render(self, template: str, **context) -> str:
        context.setdefault("superseded", self.superseded)
        return self.env.get_template(template).render(
            t=self.t, lang=self.t.language, css=self.css, footer=self.footer, **context
        )

    # ------------------------------------------------------------ pieces

    def agent_ids(self, store_id: str | None = None) -> list[str]:
        """Agents in store, team, agent order (the cards' order)."""
        cards = self.data.cards
        if store_id is not None:
            cards = cards.filter(pl.col("store_id") == store_id)
        return cards["agent_id"].to_list()

    def store_ids(self) -> list[str]:
        return self.data.cards["store_id"].unique(maintain_order=True).to_list()

    def agent_page(self, agent_id: str) -> str:
        s = self.statement_context(agent_id)
        return self._render(
            "agent.html.j2",
            s=s,
            body_class="statement-page",
            page_title=f"{self.t('statement.title')} · {s['agent_name']}",
            store_href=href("../stores", s["store_id"]),
            superseded="",  # the statement says it at its own top
        )

    def print_page(self, store_id: str) -> str:
        """The store's statements in team then agent order, one printed page each."""
        statements = [self.statement_context(a) for a in self.agent_ids(store_id)]
        return self._render(
            "print.html.j2",
            statements=statements,
            body_class="print",
            page_title=f"{self.t('statement.title')} · {self.t('store.title', store=store_id)}",
            superseded="",  # each statement says it at its own top
        )

    # ------------------------------------------------------------ store and index

    def _tier_chart(self, cards: pl.DataFrame, title: str) -> Markup:
        t = self.t
        rows = [
            (
                tier if tier is not None else t("store.no_score"),
                count,
                t("chart.agents", count=count),
            )
            for tier, count in tier_counts(cards, self.scheme)
        ]
        return Markup(charts.bar_chart(rows, title=title, css_class="tier-distribution"))

    def store_page(self, store_id: str) -> str:
        t = self.t
        cards = self.data.cards.filter(pl.col("store_id") == store_id)
        store = self.full.for_store(store_id)
        teams = []
        for team in self.data.teams.filter(pl.col("store_id") == store_id).iter_rows(named=True):
            members = cards.filter(pl.col("team_id") == team["team_id"])
            teams.append(
                {
                    "team_id": team["team_id"],
                    "agent_count": team["agent_count"],
                    "survey_count": team["survey_count"],
                    "satisfaction_avg": value_text("satisfaction", team["satisfaction_avg"], t),
                    "satisfaction_pct": rate_text(team["satisfaction_pct"], t),
                    "satisfied_share": rate_text(team["satisfied_share"], t),
                    "complaint_count": team["complaint_count"],
                    "complaint_rate": rate_text(team["complaint_rate"], t),
                    "timely_rate": rate_text(
                        team["timely_count"] / team["consultation_count"]
                        if team["consultation_count"]
                        else None,
                        t,
                    ),
                    "reward": t("common.yes") if team["is_team_reward"] else t("common.no"),
                    **{
                        f"target_{k}": self._target(team[f"is_{k}_target_met"])
                        for k in ("satisfaction", "complaint", "timeliness")
                    },
                    "agents": [
                        self._agent_line(r, "../agents") for r in members.iter_rows(named=True)
                    ],
                }
            )
        return self._render(
            "store.html.j2",
            body_class="store-page",
            store_id=store_id,
            teams=teams,
            page_title=f"{t('store.title', store=store_id)} · {self.month_label}",
            month_label=self.month_label,
            agent_count=cards.height,
            bonus_total=money_text(cards["bonus_amount"].sum(), self.currency, t),
            tier_chart=self._tier_chart(cards, t("store.tiers")),
            actions=self.loop_actions(href, store, "../agents"),
            training=self.training_rows(store),
        )

    def _target(self, met: bool | None) -> str:
        if met is None:
            return self.t("common.dash")
        return self.t("store.target.met") if met else self.t("store.target.missed")

    def _agent_line(self, card: dict, folder: str) -> dict:
        t = self.t
        focus = card["improvement_focus"]
        return {
            "agent_id": card["agent_id"],
            "agent_name": card["agent_name"],
            "href": href(folder, card["agent_id"]),
            "score": score_text(card["score"], t),
            "tier": card["tier"] or t("common.na"),
            "bonus": money_text(card["bonus_amount"], self.currency, t),
            "flags": self.flags(card),
            "focus": t(f"metric.{focus}") if focus else "",
        }

    def index_page(self) -> str:
        t, info = self.t, self.data.info
        cards = self.data.cards
        return self._render(
            "index.html.j2",
            body_class="index-page",
            page_title=t("index.title", month=self.month_label),
            title=t("index.title", month=self.month_label),
            summary=t(
                "index.summary",
                version=info.version,
                scheme_version=info.scheme_version,
                run_id=info.run_id,
            ),
            limited=t("index.limited", store=self.store) if self.store else "",
            payroll=self._index_payroll(),
            tier_chart=self._tier_chart(cards, t("index.tier_chart")),
            actions=[*self._index_actions(cards), *self.loop_actions(href)],
            training=self.training_rows(),
            scheme_notice=self.scheme_notice,
            stores=self._index_stores(cards),
            total=self._index_total(cards),
            appeals=self._index_appeals(cards),
            inputs=self._index_inputs(),
            data_docs=data_docs_link(info.data_docs),
            completeness=self._completeness(),
            run_warnings=(info.warnings or "").splitlines(),
        )

    def _index_stores(self, cards: pl.DataFrame) -> list[dict]:
        t = self.t
        summary = store_summary(cards, self.scheme)
        tier_names = [tier.tier for tier in self.scheme.tiers]
        stores = []
        for row in summary.iter_rows(named=True):
            parts = [(name, row[f"tier_{name}"]) for name in tier_names]
            parts.append((t("store.no_score"), row["tier_none"]))
            stores.append(
                {
                    "store_id": row["store_id"],
                    "href": href("stores", row["store_id"]),
                    "agents": row["agents"],
                    "mean_score": _number(row["mean_score"], t),
                    "bar": Markup(charts.stacked_bar(parts)),
                    "tiers": " · ".join(f"{name} {count}" for name, count in parts if count),
                    "bonus_total": money_text(row["bonus_total"], self.currency, t),
                    "warnings": row["warnings"],
                }
            )
        return stores

    def _index_total(self, cards: pl.DataFrame) -> dict:
        t = self.t
        scores = cards["score"].cast(pl.Float64).drop_nulls()
        total = {
            "agents": cards.height,
            "mean_score": _number(scores.mean() if len(scores) else None, t),
            "bonus_total": money_text(cards["bonus_amount"].sum(), self.currency, t),
            "warnings": int(cards["is_warning"].sum()),
        }

        return total

    def _index_actions(self, cards: pl.DataFrame) -> list[dict]:
        t, data = self.t, self.data

        def agents_where(column: str, note=None) -> list[dict]:
            return [
                {
                    "label": f"{r['agent_id']} {r['agent_name']}",
                    "href": href("agents", r["agent_id"]),
                    "note": note(r) if note else "",
                }
                for r in cards.filter(pl.col(column)).iter_rows(named=True)
            ]

        rewarded = data.teams.filter(pl.col("is_team_reward"))
        actions = [
            {
                "key": "warnings",
                "title": t("index.list.warnings"),
                "entries": agents_where("is_warning", lambda r: score_text(r["score"], t)),
            },
            {
                "key": "demotion",
                "title": t("index.list.demotion"),
                "entries": agents_where(
                    "is_demotion_review", lambda r: str(r["consecutive_months_below_60"])
                ),
            },
            {
                "key": "complaint",
                "title": t("index.list.complaint"),
                "entries": agents_where("is_complaint_review", lambda r: str(r["complaint_count"])),
            },
            {
                "key": "recognized",
                "title": t("index.list.recognized"),
                "entries": agents_where("is_recognized", lambda r: r["tier"]),
            },
            {
                "key": "team_rewards",
                "title": t("index.list.team_rewards"),
                "entries": [
                    {
                        "label": f"{r['store_id']} / {r['team_id']}",
                        "href": href("stores", r["store_id"]),
                        "note": "",
                    }
                    for r in rewarded.iter_rows(named=True)
                ],
            },
        ]
        return actions

    def _index_appeals(self, cards: pl.DataFrame) -> list[dict]:
        names = dict(zip(cards["agent_id"], cards["agent_name"], strict=True))
        return [
            {**a, "href": href("agents", a["agent_id"]), "agent_name": names.get(a["agent_id"], "")}
            for a in self._appeal_rows(self.data.appeals.to_dicts())
        ]

    def _index_inputs(self) -> list[dict]:
        t = self.t
        return [
            {
                **f,
                "source": t(f"source.{f['source']}")
                if f"source.{f['source']}" in t
                else f["source"],
                **{
                    k: f"{f[k]:,}"
                    for k in (
                        "rows_read",
                        "rows_accepted",
                        "rows_rejected",
                        "rows_duplicate",
                        "rows_out_of_period",
                    )
                },
            }
            for f in self.data.inputs.to_dicts()
        ]

    def _index_payroll(self) -> str:
        t = self.t
        payroll = self.data.payroll
        approval = (
            t(
                "index.payroll.approved",
                by=payroll.approved_by,
                on=f"{local_time(payroll.approved_at, self.zone):%Y-%m-%d}",
            )
            if payroll.approved_by
            else t("index.payroll.not_approved")
        )
        exported = (
            t("index.payroll.exported", version=payroll.exported_version)
            if payroll.exported_version is not None
            else t("index.payroll.not_exported")
        )
        return t("index.payroll.line", approval=approval, exported=exported)

    def _completeness(self) -> dict:
        """Each store's exports against its own history (`scheme.md` §9.3), as the
        version's run judged them: one row per store, one cell per export."""
        t, judged = self.t, self.data.completeness
        sources = [s for s in ("receptions", "surveys", "consultations") if s in judged["source"]]
        stores = []
        for (store_id,), group in judged.group_by("store_id", maintain_order=True):
            cells = {r["source"]: r for r in group.iter_rows(named=True)}
            stores.append(
                {
                    "store_id": store_id,
                    "incomplete": any(r["is_incomplete"] for r in cells.values()),
                    "cells": [self._completeness_cell(cells.get(s)) for s in sources],
                }
            )
        return {
            "sources": [t(f"source.{s}") for s in sources],
            "stores": stores,
            "judged": bool(judged.height) and bool((judged["baseline_months"] > 0).any()),
            "allowed": self.data.info.allow_incomplete,
        }

    def _completeness_cell(self, row: dict | None) -> dict:
        t = self.t
        if row is None:
            return {"text": "", "incomplete": False}
        text = f"{row['row_count']:,}"
        if row["baseline_months"]:
            text += t(
                "index.completeness.against",
                median=f"{row['baseline_median']:,.0f}",
                months=row["baseline_months"],
            )
        else:
            text += t("index.completeness.no_baseline")
        if row["longest_silent_days"] is not None and row["longest_silent_days"] > 0:
            text += t("index.completeness.silent", days=row["longest_silent_days"])
        return {"text": text, "incomplete": row["is_incomplete"]}


def data_docs_link(path: str | None) -> str | None:
    """The run's Data Docs as a link: a ``file://`` URI for an absolute local path (a
    link is only followed when clicked, so it costs the page no request)."""
    if not path:
        return None
    if "://" in path:
        return path
    target = Path(path)
    return target.as_uri() if target.is_absolute() else quote(path)
