"""What the commands print for operators: text tables (CJK-aware widths), the validation
report, result lines and summaries.

Every label comes from the message catalogue (`flows.outputs.messages`, keys ``console.*``) of
the language given, or else of the resolved one (`flows.common.settings.language`: ``--lang``,
``KPI_LANG``, ``zh-CN``). Values stay as they are: ids, names, file names, numbers, and
the operator messages of failures, which are English. Status words and flags are data
(``published``, ``is_warning``) translated only for display.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import polars as pl

from flows.common.settings import local_time, time_zone
from flows.outputs.messages import Catalogue, catalogue
from schemas.contracts import EXPORTS_BY_NAME
from transforms.periods import Period, calendar_month

if TYPE_CHECKING:
    from flows.inputs.validate import ValidatedMonth

Language = str | Catalogue | None  # a language code, a catalogue, or None: the resolved one

# (key, catalogue key of the title, alignment)
_COLUMNS = (
    ("file_name", "console.column.file", "<"),
    ("encoding", "console.column.encoding", "<"),
    ("rows_read", "console.column.read", ">"),
    ("rows_accepted", "console.column.accepted", ">"),
    ("rows_rejected", "console.column.rejected", ">"),
    ("rows_duplicate", "console.column.duplicates", ">"),
    ("rows_out_of_period", "console.column.out_of_period", ">"),
)
_EXAMPLE_WIDTH = 160


def messages(lang: Language = None) -> Catalogue:
    """The catalogue to print with: ``lang``'s, or the resolved language's."""
    if isinstance(lang, Catalogue):
        return lang
    from flows.common import settings

    return catalogue(settings.language(lang))


def _word(t: Catalogue, prefix: str, value: str) -> str:
    """A status word or code shown in the catalogue's language (unknown ones as they are)."""
    key = f"{prefix}.{value.replace(' ', '_')}"
    return t(key) if key in t else value


def _titled(t: Catalogue, columns) -> tuple:
    return tuple((key, t(title), align) for key, title, align in columns)


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, align: str) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if align == ">" else text + fill


def table(rows: list[dict], columns) -> str:
    """A fixed-width text table of ``rows`` under ``columns`` (key, title, alignment)."""
    cells = [[title for _, title, _ in columns]] + [
        [f"{r[key]:,}" if isinstance(r[key], int) else str(r[key]) for key, _, _ in columns]
        for r in rows
    ]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(columns))]
    return "\n".join(
        "  ".join(
            _pad(cell, width, align)
            for cell, (_, _, align), width in zip(row, columns, widths, strict=True)
        ).rstrip()
        for row in cells
    )


def period_line(period: Period, month_start: date, lang: Language = None) -> str:
    """The month's evaluation period (scheme.md §9.1): its first and last instant, its
    length, and whether it is the calendar month or a period the schemes set."""
    t = messages(lang)
    days = (period.end_on - period.start_on).days + 1
    kind = (
        t("console.period.calendar")
        if period == calendar_month(month_start)
        else t("console.period.scheme", key="period.end_day")
    )
    return t("console.period.line", start=period.start_on, end=period.end_on, days=days, kind=kind)


_COMPLETENESS_COLUMNS = (
    ("store_id", "console.column.store", "<"),
    ("source", "console.column.export", "<"),
    ("row_count", "console.column.rows", ">"),
    ("baseline_median", "console.column.baseline_median", ">"),
    ("baseline_months", "console.column.baseline_months", ">"),
    ("volume_share", "console.column.volume_share", ">"),
    ("longest_silent_days", "console.column.silent_days", ">"),
    ("is_incomplete", "console.column.incomplete", "<"),
)
# Up to this many store exports the completeness table lists every one; above it (a
# dealer group) only the incomplete ones.
_COMPLETENESS_ROWS = 30


def _verdict(t: Catalogue, validated: ValidatedMonth, completeness: pl.DataFrame | None) -> str:
    counts = {
        "another_month": validated.another_month().height,
        "unknown_agents": validated.unknown_agents().height,
        "breaches": len(validated.breaches),
        "incomplete": 0 if completeness is None else int(completeness["is_incomplete"].sum()),
    }
    problems = [t(f"console.validate.problem.{k}", count=n) for k, n in counts.items() if n]
    if not problems:
        return t("console.validate.usable")
    return t("console.validate.problems", problems=t("console.list_separator").join(problems))


def _completeness_lines(t: Catalogue, completeness: pl.DataFrame) -> list[str]:
    shown = completeness
    if shown.height > _COMPLETENESS_ROWS:
        shown = shown.filter("is_incomplete")
    rows = [
        {
            **r,
            "baseline_median": ""
            if r["baseline_median"] is None
            else f"{r['baseline_median']:,.1f}",
            "volume_share": "" if r["volume_share"] is None else f"{r['volume_share']:.0%}",
            "longest_silent_days": ""
            if r["longest_silent_days"] is None
            else str(r["longest_silent_days"]),
            "is_incomplete": "✗" if r["is_incomplete"] else "",
            "row_count": f"{r['row_count']:,}",
        }
        for r in shown.to_dicts()
    ]
    lines = ["", t("console.validate.completeness")]
    if rows:
        lines.append(table(rows, _titled(t, _COMPLETENESS_COLUMNS)))
    return lines


def validation_report(
    validated: ValidatedMonth,
    *,
    top: int = 3,
    lang: Language = None,
    completeness: pl.DataFrame | None = None,
    note: str | None = None,
    warehouse: str = "",
) -> str:
    """`kpi validate`'s output: a summary line (it names the period when that is not the
    calendar month), the period line, the counts per file, the top reasons per file, the
    completeness of each store's exports when the warehouse has a baseline (``note``:
    why not, a catalogue word or a sentence), and the agents who lost many rows."""
    t = messages(lang)
    month = f"{validated.month_start:%Y-%m}"
    period = validated.period
    if period != calendar_month(validated.month_start):
        month = t(
            "console.validate.month_period", month=month, start=period.start_on, end=period.end_on
        )
    active = int(validated.roster["is_active"].sum())
    columns = _COLUMNS
    if "rows_skipped" in validated.inputs.columns and validated.inputs["rows_skipped"].sum():
        columns = (*_COLUMNS, ("rows_skipped", "console.column.skipped", ">"))
    lines = [
        t(
            "console.validate.summary",
            month=month,
            files=validated.inputs.height,
            agents=active,
            verdict=_verdict(t, validated, completeness),
        ),
        period_line(period, validated.month_start, t),
        "",
        table(validated.inputs.to_dicts(), _titled(t, columns)),
    ]
    reasons = validated.reasons(top=top)
    sheets = dict(zip(validated.inputs["source"], validated.inputs["sheet"], strict=True))
    if not reasons.is_empty():
        lines += ["", t("console.validate.reasons", top=top)]
        for file_name in validated.inputs["file_name"]:
            group = reasons.filter(pl.col("file_name") == file_name)
            if group.is_empty():
                continue
            lines.append(f"  {file_name}")
            for r in group.iter_rows(named=True):
                example = r["example_raw"]
                if len(example) > _EXAMPLE_WIDTH:
                    example = example[: _EXAMPLE_WIDTH - 1] + "…"
                line = r["example_line"] or r["example_row_number"]
                sheet = sheets.get(r["source"])
                where = (
                    t("console.validate.sheet_row", line=line, sheet=sheet)
                    if sheet
                    else t("console.validate.line", line=line)
                )
                reason = t(
                    "console.validate.reason",
                    reason=r["reason"],
                    rows=f"{r['row_count']:,}",
                    where=where,
                    example=example,
                )
                lines.append(f"    {reason}")
                code, _, column = r["reason"].partition(":")
                if code == "invalid_value":  # say what the column takes
                    kind = EXPORTS_BY_NAME[r["source"]].column(column).kind
                    lines.append(t("console.validate.accepted", accepted=t(f"accepted.{kind}")))
    if completeness is not None:
        lines += _completeness_lines(t, completeness)
    elif note in ("no_warehouse", "no_baseline"):
        key = f"console.validate.{note}"
        lines += ["", t(key, warehouse=warehouse) if note == "no_warehouse" else t(key)]
    elif note:
        lines += ["", note]
    losing = validated.agents_losing_rows()
    if not losing.is_empty():
        share = f"{validated.quality.max_agent_reject_share:.0%}"
        lines += ["", t("console.validate.agents_losing_rows", share=share)]
        lines += [
            f"  {r['agent_id']} {r['agent_name']} ({r['store_id']}): "
            f"{r['rows_rejected']:,}/{r['rows_judged']:,} ({r['reject_share']:.1%})"
            for r in losing.iter_rows(named=True)
        ]
    return "\n".join(lines)


def month_result_line(result, lang: Language = None) -> str:
    """`kpi run`'s line: a `MonthResult` in the catalogue's language; a published one
    names its Data Docs and, when the run wrote one, its report (``result.report``)."""
    t = messages(lang)
    month = f"{result.month:%Y-%m}"
    if result.status == "published":
        line = t(
            "console.result.published", month=month, version=result.version, run_id=result.run_id
        )
        if result.adjustments:
            line += t("console.result.adjustments", count=result.adjustments)
        if result.data_docs:
            line += t("console.result.data_docs", path=result.data_docs)
        if result.report:
            line += t("console.result.report", path=result.report)
        if result.stale_months:
            line += t(
                "console.result.stale",
                months=t("console.list_separator").join(f"{m:%Y-%m}" for m in result.stale_months),
            )
        return line + _uncounted(t, result)
    if result.status == "unchanged":
        line = t("console.result.unchanged", month=month, version=result.version, option="--force")
        return line + _uncounted(t, result)
    status = _word(t, "console.status", result.status)
    if result.message:
        return t("console.result.other_message", month=month, status=status, message=result.message)
    return t("console.result.other", month=month, status=status)


def _uncounted(t: Catalogue, result) -> str:
    """The month's rows that did not count, and how many warnings follow the line."""
    text = ""
    if result.rows:
        text += t(
            "console.result.rows",
            rejected=f"{result.rows['rows_rejected']:,}",
            duplicates=f"{result.rows['rows_duplicate']:,}",
            out_of_period=f"{result.rows['rows_out_of_period']:,}",
        )
    if result.warnings:
        text += t("console.result.warnings", count=len(result.warnings))
    return text


def progress_line(
    done: int, total: int, month, elapsed_seconds: float, lang: Language = None
) -> str:
    minutes, seconds = divmod(int(elapsed_seconds), 60)
    return messages(lang)(
        "console.progress",
        done=done,
        total=total,
        month=f"{month:%Y-%m}",
        elapsed=f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}",
    )


def progress_done(count: int, elapsed_seconds: float, lang: Language = None) -> str:
    """The backfill's last progress line: how many months in how long."""
    return messages(lang)("console.progress.done", count=count, seconds=f"{elapsed_seconds:.0f}")


_BACKFILL_COLUMNS = (
    ("month", "console.column.month", "<"),
    ("status", "console.column.status", "<"),
    ("version", "console.column.version", ">"),
    ("warnings", "console.column.warnings", ">"),
    ("note", "console.column.note", "<"),
)
_NOTE_WIDTH = 90


def backfill_table(results, lang: Language = None) -> str:
    """Every month of a backfill: its status, version and the first line of its message
    (a failure's operator message stays English; a month not run names the failed one;
    an unchanged one says so)."""
    t = messages(lang)
    failed = next((r for r in results if r.status == "failed"), None)
    rows = []
    for r in results:
        note = (r.message.splitlines() or [""])[0][:_NOTE_WIDTH]
        if r.status == "not run" and failed is not None:
            note = t("console.backfill.after_failure", month=f"{failed.month:%Y-%m}")
        elif r.status == "unchanged":
            note = t("console.backfill.unchanged")
        elif r.warnings:  # the first warning; every one is printed below the table
            first = r.warnings[0].splitlines()[0]
            if len(first) > _NOTE_WIDTH:
                first = first[: _NOTE_WIDTH - 1] + "…"
            note = first
            if len(r.warnings) > 1:
                note = t("console.backfill.more_warnings", first=first, more=len(r.warnings) - 1)
        rows.append(
            {
                "month": f"{r.month:%Y-%m}",
                "status": _word(t, "console.status", r.status),
                "version": "" if r.version is None else str(r.version),
                "warnings": str(len(r.warnings)) if r.warnings else "",
                "note": note,
            }
        )
    return table(rows, _titled(t, _BACKFILL_COLUMNS))


_SCORECARD_COLUMNS = (
    ("agent_id", "console.column.agent", "<"),
    ("agent_name", "console.column.name", "<"),
    ("team_id", "console.column.team", "<"),
    ("score", "console.column.score", ">"),
    ("tier", "console.column.tier", "<"),
    ("bonus_amount", "console.column.bonus", ">"),
    ("flags", "console.column.flags", "<"),
    ("improvement_focus", "console.column.focus", "<"),
)
_TIER_COLUMNS = (
    ("tier", "console.column.tier", "<"),
    ("agents", "console.column.agents", ">"),
    ("bonus", "console.column.bonus", ">"),
)
_TEAM_COLUMNS = (
    ("team", "console.column.team", "<"),
    ("agents", "console.column.agents", ">"),
    ("satisfaction", "console.column.satisfaction", ">"),
    ("complaints", "console.column.complaints", ">"),
    ("reward", "console.column.team_reward", "<"),
)
_FLAGS = (
    ("is_warning", "console.flag.warning"),
    ("is_demotion_review", "console.flag.demotion_review"),
    ("is_complaint_review", "console.flag.complaint_review"),
)


def scorecards_report(engine, month, lang: Language = None) -> str:
    """The month's current scorecards, tier distribution and team rewards."""
    from flows.storage import reads
    from schemas.tables import KPI_AGENT_MONTHLY, KPI_TEAM_MONTHLY

    t = messages(lang)
    with engine.connect() as conn:
        cards = reads.current_rows(
            conn, KPI_AGENT_MONTHLY, month, order_by=("store_id", "team_id", "agent_id")
        )
        teams = reads.current_rows(conn, KPI_TEAM_MONTHLY, month, order_by=("store_id", "team_id"))
    if cards.is_empty():
        return t("console.scorecards.none", month=f"{month:%Y-%m}")
    na, separator = t("console.na"), t("console.list_separator")
    rows = [
        {
            **r,
            "score": na if r["score"] is None else f"{float(r['score']):.2f}",
            "tier": r["tier"] or "-",
            "bonus_amount": f"{float(r['bonus_amount']):,.2f}",
            "flags": separator.join(t(key) for column, key in _FLAGS if r[column]),
            "improvement_focus": _word(t, "console.focus", r["improvement_focus"] or ""),
        }
        for r in cards.iter_rows(named=True)
    ]
    version = cards["version"][0]
    tiers = (
        cards.group_by(pl.col("tier").fill_null("n/a"))
        .agg(pl.len().alias("agents"), pl.col("bonus_amount").cast(pl.Float64).sum().alias("bonus"))
        .sort("tier")
    )
    team_rows = [
        {
            "team": f"{r['store_id']}/{r['team_id']}",
            "agents": r["agent_count"],
            "satisfaction": na if r["satisfaction_pct"] is None else f"{r['satisfaction_pct']:.1%}",
            "complaints": r["complaint_count"],
            "reward": t("console.yes") if r["is_team_reward"] else t("console.no"),
        }
        for r in teams.iter_rows(named=True)
    ]
    return "\n".join(
        [
            t("console.scorecards.title", month=f"{month:%Y-%m}", version=version),
            table(rows, _titled(t, _SCORECARD_COLUMNS)),
            "",
            t("console.scorecards.tiers"),
            table(
                [
                    {
                        "tier": na if r["tier"] == "n/a" else r["tier"],
                        "agents": r["agents"],
                        "bonus": f"{r['bonus']:,.2f}",
                    }
                    for r in tiers.iter_rows(named=True)
                ],
                _titled(t, _TIER_COLUMNS),
            ),
            "",
            t("console.scorecards.team_rewards"),
            table(team_rows, _titled(t, _TEAM_COLUMNS)),
        ]
    )


# ---------------------------------------------------------------- kpi explain

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


# ---------------------------------------------------------------- payroll and status


def _carrier(t: Catalogue, month, latest) -> str:
    """What carries an exported month's approved adjustments: the first payroll export of
    a month from ``month`` on that is not exported yet (`flows.publishing.payroll.Carrier`)."""
    if month > latest:
        return t("console.carrier.after_latest", latest=f"{latest:%Y-%m}")
    return t("console.carrier.from_month", month=f"{month:%Y-%m}")


def _carrier_command(t: Catalogue, month, latest) -> str:
    command = f"kpi export payroll --month {month:%Y-%m}"
    return t("console.waits.next_export", carrier=_carrier(t, month, latest), command=command)


def _waits_for(t: Catalogue, row: dict, month: str) -> str:
    if row["waits_for"] == "approval":
        command = f"kpi approve --month {month} --by NAME"
        return t("console.waits.approval", version=row["to_version"], command=command)
    if row["waits_for"] == "first_export":
        command = f"kpi export payroll --month {month}"
        return t("console.waits.first_export", command=command)
    return _carrier_command(t, row["carrier_month"], row["latest_exported"])


def waiting_lines(waiting, lang: Language = None) -> list[str]:
    """What an export left waiting, one line per month and version, and what carries it."""
    if waiting.is_empty():
        return []
    t = messages(lang)
    lines = [t("console.waiting.title", count=waiting["count"].sum())]
    for row in waiting.iter_rows(named=True):
        month = f"{row['month_start']:%Y-%m}"
        line = t(
            "console.waiting.line",
            month=month,
            version=row["to_version"],
            count=row["count"],
            delta=f"{float(row['delta']):,.2f}",
            waits=_waits_for(t, row, month),
        )
        lines.append(f"  {line}")
    return lines


def export_line(result, month, lang: Language = None) -> str:
    """`kpi export payroll`'s summary of the file it wrote."""
    t = messages(lang)
    kinds = result.lines["line_type"]
    return t(
        "console.export.summary",
        month=f"{month:%Y-%m}",
        what=t("console.export.first" if result.is_first else "console.export.again"),
        export_id=result.file_id,  # the id the file carries (a re-export's is the first's)
        version=result.version,
        bonus_lines=(kinds == "bonus").sum(),
        bonus_total=f"{result.bonus_total:,.2f}",
        adjustment_lines=(kinds == "adjustment").sum(),
        adjustment_total=f"{result.adjustment_total or 0:,.2f}",
        path=result.path,
    )


def _when(moment: datetime, zone: ZoneInfo | None = None, *, seconds: bool = False) -> str:
    """A stored (UTC) time as the dealership's clock shows it, naming the zone."""
    zone = zone or time_zone()
    form = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{local_time(moment, zone).strftime(form)} {zone.key}"


def approval_line(done, month, lang: Language = None, zone: ZoneInfo | None = None) -> str:
    """`kpi approve`'s line: approved now, or already approved before (the time in the
    dealership's zone, `flows.common.settings.time_zone`)."""
    t = messages(lang)
    values = {
        "month": f"{month:%Y-%m}",
        "version": done.version,
        "by": done.approved_by,
        "when": _when(done.approved_at, zone),
    }
    if not done.is_new:
        return t("console.approve.again", **values)
    if done.carrier is None:  # not exported yet: the month's first export pays the version
        command = f"kpi export payroll --month {month:%Y-%m}"
        return t("console.approve.new", command=command, **values)
    if done.waiting == 0:  # every difference of the month was paid already
        return t("console.approve.settled", **values)
    carrier = _carrier(t, done.carrier.month, done.carrier.latest)
    command = f"kpi export payroll --month {done.carrier.month:%Y-%m}"
    if not done.carrier_approved:  # that first export needs its own month signed off
        command = f"kpi approve --month {done.carrier.month:%Y-%m} --by NAME; {command}"
    return t("console.approve.adjusted", carrier=carrier, command=command, **values)


_STATUS_COLUMNS = (
    ("month", "console.column.month", "<"),
    ("current", "console.column.current", ">"),
    ("last_run", "console.column.last_run", "<"),
    ("state", "console.column.state", "<"),
    ("approved", "console.column.approved", ">"),
    ("exported", "console.column.exported", ">"),
    ("adjustments", "console.column.adjustments", "<"),
    ("carried_by", "console.column.waiting_for", "<"),
)
_APPROVAL_OF = "the approval of version "  # v_month_status.carried_by, in English for BI
_FIRST_EXPORT = "the first payroll export of the month"
_AFTER_LATEST = re.compile(
    r"the first payroll export of a month after (\d{4}-\d{2}) \(the latest exported\)"
)
_FROM_MONTH = re.compile(
    r"the first payroll export of a month from (\d{4}-\d{2}) on that is not exported yet"
)


def _carried_by(t: Catalogue, text: str | None) -> str:
    if not text:
        return ""
    if text.startswith(_APPROVAL_OF):
        return t("console.carried_by.approval", version=text.removeprefix(_APPROVAL_OF))
    if text == _FIRST_EXPORT:
        return t("console.carried_by.first_export")
    if found := _AFTER_LATEST.fullmatch(text):
        return t("console.carrier.after_latest", latest=found[1])
    if found := _FROM_MONTH.fullmatch(text):
        return t("console.carrier.from_month", month=found[1])
    return text


def _range(t: Catalogue, first: date | None, last: date | None) -> str:
    if first and last:
        return t("console.status_table.range.both", first=f"{first:%Y-%m}", last=f"{last:%Y-%m}")
    if first:
        return t("console.status_table.range.from", first=f"{first:%Y-%m}")
    return t("console.status_table.range.to", last=f"{last:%Y-%m}")


def status_table(
    months,
    lang: Language = None,
    *,
    zone: ZoneInfo | None = None,
    asked: tuple[date | None, date | None] = (None, None),
    everything=None,
    changed_schemes=None,
) -> str:
    """`kpi status`: one line per month (`v_month_status`), times in ``zone`` (default
    `flows.common.settings.time_zone`). ``asked``: the --from / --to range ``months`` was read
    for; ``everything``: the whole view, read when that range has no month, to say what
    the warehouse does have; ``changed_schemes``: months a run would publish again for
    their scheme file (`flows.inputs.schemes.changed_schemes`), stale too."""
    if changed_schemes is not None and not changed_schemes.is_empty():
        months = months.with_columns(
            is_stale=pl.col("is_stale")
            | pl.col("month_start").is_in(changed_schemes["month_start"].implode())
        )
    t = messages(lang)
    zone = zone or time_zone()
    if months.is_empty():
        if any(asked) and everything is not None and not everything.is_empty():
            return t(
                "console.status_table.none_in_range",
                range=_range(t, *asked),
                first=f"{everything['month_start'].min():%Y-%m}",
                last=f"{everything['month_start'].max():%Y-%m}",
                count=everything.height,
            )
        return t("console.status_table.none")
    rows = []
    for m in months.iter_rows(named=True):
        state = (
            "missing"
            if m["is_missing"]
            else "stale"
            if m["is_stale"]
            else "not published"
            if m["current_version"] is None
            else "ok"
        )
        rows.append(
            {
                "month": f"{m['month_start']:%Y-%m}",
                "current": "" if m["current_version"] is None else str(m["current_version"]),
                "last_run": ""
                if m["last_run_status"] is None
                else f"{_word(t, 'console.status', m['last_run_status'])} "
                f"{local_time(m['last_run_at'], zone):%Y-%m-%d %H:%M}",
                "state": _word(t, "console.state", state),
                "approved": "" if m["approved_version"] is None else str(m["approved_version"]),
                "exported": "" if m["exported_version"] is None else str(m["exported_version"]),
                "adjustments": f"{m['adjustments_recorded']}/{m['adjustments_carried']}/"
                f"{m['adjustments_waiting']}",
                "carried_by": _carried_by(t, m["carried_by"]),
            }
        )
    titles = tuple(
        (key, t(title, zone=zone.key) if key == "last_run" else t(title), align)
        for key, title, align in _STATUS_COLUMNS
    )
    return table(rows, titles)


def scheme_lines(changed, unread: str | None, lang: Language = None) -> list[str]:
    """Why `kpi status` calls a month stale for its scheme file, one line per month; or
    why the scheme files could not be compared (``unread``)."""
    t = messages(lang)
    if unread is not None:
        return [t("console.status_table.schemes_unread", reason=unread)]
    return [
        t(
            "console.status_table.scheme_changed"
            if m["scheme_now"]
            else "console.status_table.scheme_unrecorded",
            month=f"{m['month_start']:%Y-%m}",
            used=m["scheme_version"],
            now=m["scheme_now"],
            command="kpi run",
        )
        for m in (changed.iter_rows(named=True) if changed is not None else ())
    ]


def _started(text) -> str:
    """A lock file's ``started_at`` (ISO, UTC) in the dealership's zone; as it is when it
    is not a time."""
    try:
        return _when(datetime.fromisoformat(text), seconds=True)
    except (TypeError, ValueError):
        return str(text)


def lock_lines(locks, lang: Language = None) -> list[str]:
    """Below `kpi status`: months a run is working on now, and runs that were killed
    (`flows.storage.locking.month_locks`)."""
    t = messages(lang)
    return [
        t(
            "console.status_table.running" if held else "console.status_table.abandoned",
            month=f"{month:%Y-%m}",
            run_id=holder.get("run_id", "?"),
            pid=holder.get("pid", "?"),
            host=holder.get("host", "?"),
            started_at=_started(holder.get("started_at", "?")),
        )
        for month, holder, held in locks
    ]


UPGRADE_COMMAND = "kpi db upgrade"


def db_upgrade_line(done, lang: Language = None) -> str:
    """`kpi db upgrade`: a new warehouse created, an older one upgraded (from which
    revision), or nothing to do (`flows.storage.schema.Upgrade`, None)."""
    from schemas.revisions import HEAD

    t = messages(lang)
    if done is None:
        return t("console.db.up_to_date", revision=HEAD)
    if done.created:
        return t("console.db.created", revision=done.after)
    before = (
        t("console.db.revision", revision=done.before)
        if done.before
        else t("console.db.unrecorded")
    )
    return t("console.db.upgraded", before=before, revision=done.after)


def db_current_line(state, lang: Language = None) -> str:
    """`kpi db current`: the warehouse's revision and whether it is this release's
    (`flows.storage.schema.SchemaState`)."""
    from schemas.revisions import HEAD

    t = messages(lang)
    if state.is_empty:
        return t("console.db.empty", command=UPGRADE_COMMAND, head=HEAD)
    if state.revision is None:
        return t("console.db.none", command=UPGRADE_COMMAND, head=HEAD)
    if state.is_current:
        return t("console.db.current", revision=state.revision)
    return t("console.db.older", revision=state.revision, head=HEAD, command=UPGRADE_COMMAND)
