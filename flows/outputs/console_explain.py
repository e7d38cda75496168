"""What `kpi explain` prints: an agent's scorecard traced back to its input rows, as text
in the command's language (`flows.outputs.explain` finds the rows).
"""

from __future__ import annotations

import polars as pl

from flows.outputs.console import Language, _word, messages, table
from flows.outputs.messages import Catalogue

_ROW_TITLES = {
    "file_name": "console.column.file",
    "row_number": "console.column.row",
    "record_id": "console.column.record",
    "class": "console.column.class",
    "reasons": "console.column.reasons",
    "appeal_id": "console.column.appeal",
    "customer_id": "console.column.customer",
    "rating": "console.column.rating",
    "is_valid": "console.column.valid",
    "purchase_type": "console.column.purchase",
    "referrer_customer_id": "console.column.referrer",
    "channel": "console.column.channel",
    "response_minutes": "console.column.response_minutes",
    "response_limit_minutes": "console.column.response_limit",
    "resolution_minutes": "console.column.resolution_minutes",
    "resolution_limit_minutes": "console.column.resolution_limit",
    "is_timely": "console.column.timely",
}
_APPEAL_TITLES = {
    "appeal_id": "console.column.appeal",
    "kind": "console.column.kind",
    "record_type": "console.column.record_type",
    "record_id": "console.column.record",
    "score_delta": "console.column.score_delta",
    "is_applied": "console.column.applied",
    "reason": "console.column.reason",
    "deadline_on": "console.column.deadline",
}
_FEEDS = {
    "surveys": "satisfaction",
    "complaints": "complaint_rate",
    "purchases": "loyalty",
    "consultations": "timeliness",
}


def _number(value, na: str, places: int = 4) -> str:
    return na if value is None else f"{float(value):,.{places}f}"


def _cell(t: Catalogue, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("console.yes") if value else t("console.no")
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _ratio(part: dict, na: str) -> str:
    return f"{_number(part['value'], na)} ({part['numerator']} ÷ {part['denominator']})"


def _metric_line(t: Catalogue, metric: dict) -> str:
    na = t("console.na")
    if metric["weight"] is None:
        return t("console.explain.not_applicable")
    if "parts" in metric:
        value = t("console.clause_separator").join(
            t(
                "console.explain.part",
                name=_word(t, "console.explain.part", name).replace("_", " "),
                ratio=_ratio(part, na),
                fraction=_number(part["fraction"], na),
                share=part["share"],
            )
            if part["is_applicable"]
            else t(
                "console.explain.part_not_applicable",
                name=_word(t, "console.explain.part", name).replace("_", " "),
                count=part["denominator"],
                min_samples=part["min_samples"],
            )
            for name, part in metric["parts"].items()
        )
    else:
        value = _ratio(metric, na)
    return t(
        "console.explain.metric",
        value=value,
        fraction=_number(metric["fraction"], na),
        weight=_number(metric["weight"], na),
        points=_number(metric["points"], na),
    )


def _row_cells(t: Catalogue, row: dict, columns) -> dict:
    cells = {c: _cell(t, row[c]) for c in columns}
    if "class" in cells:
        cells["class"] = _word(t, "console.explain.class", cells["class"])
    return cells


def _appeal_cells(t: Catalogue, row: dict) -> dict:
    cells = {k: _cell(t, v) for k, v in row.items()}
    for column, prefix in (("kind", "appeal.kind"), ("reason", "appeal.reason")):
        if cells.get(column):
            cells[column] = _word(t, prefix, cells[column])
    return cells


def _why_no_scorecard(t: Catalogue, expl) -> str:
    roster = expl.roster or {}
    values = {
        "name": roster.get("agent_name"),
        "store": roster.get("store_id"),
        "left_on": roster.get("left_on"),
        "hired_on": roster.get("hired_on"),
        "first": expl.period[0] if expl.period else "",
        "last": expl.period[1] if expl.period else "",
    }
    return t(f"console.explain.why.{expl.not_active or 'active'}", **values)


def _row_sections(t: Catalogue, expl, about) -> list[str]:
    """Per record export: a title with ``about(source, frame)`` and the agent's rows."""
    lines = []
    for source, frame in expl.rows.items():
        title = t(f"console.explain.source.{source}")
        lines += ["", t("console.explain.section", title=title, summary=about(source, frame))]
        shown = frame.with_columns(pl.lit(expl.files.get(source, source)).alias("file_name"))
        columns = [
            c
            for c in (
                "file_name",
                "row_number",
                "record_id",
                "class",
                "reasons",
                "appeal_id",
                *frame.columns[6:],
            )
            if c in shown.columns
        ]
        if shown.is_empty():
            lines.append("  " + t("console.explain.no_rows"))
            continue
        rows = [_row_cells(t, r, columns) for r in shown.iter_rows(named=True)]
        spec = [
            (c, t(_ROW_TITLES[c]) if c in _ROW_TITLES else c, ">" if c == "row_number" else "<")
            for c in columns
        ]
        lines += ["  " + line for line in table(rows, spec).splitlines()]
    if not expl.appeals.is_empty():
        lines += ["", t("console.explain.appeals")]
        rows = [_appeal_cells(t, r) for r in expl.appeals.iter_rows(named=True)]
        spec = [(c, t(title), "<") for c, title in _APPEAL_TITLES.items()]
        lines += ["  " + line for line in table(rows, spec).splitlines()]
    return lines


def explanation_text(expl, lang: Language = None) -> str:
    """`kpi explain` on a terminal: grouped by metric, CJK-aware columns. Without a
    scorecard: why there is none, then the agent's rows, each with why it did not count."""
    t = messages(lang)
    info = expl.info
    if expl.card is None:
        head = t(
            "console.explain.no_scorecard",
            agent_id=expl.agent_id,
            month=f"{info.month:%Y-%m}",
            version=info.version,
            run_id=info.run_id,
            why=_why_no_scorecard(t, expl),
        )

        def count(_source, frame) -> str:
            return t("console.explain.row_count", count=frame.height)

        return "\n".join([head, *_row_sections(t, expl, count)])
    na = t("console.na")
    card = expl.card
    metrics = {m["metric"]: m for m in expl.metrics()}
    score = na if card["score"] is None else f"{float(card['score']):.2f}"
    adjustment = float(card["score_adjustment"] or 0)
    summary = t(
        "console.explain.score",
        score=score,
        before=_number(card["score_before_adjustment"], na, 2),
        sign="+" if adjustment >= 0 else "-",
        adjustment=f"{abs(adjustment):.2f}",
        tier=card["tier"] or "-",
        bonus=f"{float(card['bonus_amount']):,.2f}",
        currency=card["currency"],
    )
    if card["status"] != "scored":
        status = _word(t, "console.explain.card_status", card["status"])
        summary += t("console.explain.status", status=status)
    lines = [
        t(
            "console.explain.agent",
            agent_id=card["agent_id"],
            agent_name=card["agent_name"],
            store=card["store_id"],
            team=card["team_id"],
            month=f"{info.month:%Y-%m}",
            version=info.version,
            run_id=info.run_id,
            scheme=card["scheme_version"],
        ),
        summary,
    ]

    def about(source, _frame) -> str:
        if source == "receptions":
            return t("console.explain.customers", count=card["customers_received"])
        return _metric_line(t, metrics[_FEEDS[source]])

    return "\n".join([*lines, *_row_sections(t, expl, about)])
