"""What the commands print for operators: text tables (CJK-aware widths), the validation
report, result lines and summaries.

Every label comes from the message catalogue (`flows.outputs.messages`, keys ``console.*``) of
the language given, or else of the resolved one (`flows.common.settings.language`: ``--lang``,
``KPI_LANG``, ``zh-CN``). Values stay as they are: ids, names, file names, numbers, and
the operator messages of failures, which are English. Status words and flags are data
(``published``, ``is_warning``) translated only for display.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

import polars as pl

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


def _reason_lines(t: Catalogue, validated: ValidatedMonth, top: int) -> list[str]:
    """The ``top`` reasons per file, each with an example as the clerk finds it."""
    reasons = validated.reasons(top=top)
    sheets = dict(zip(validated.inputs["source"], validated.inputs["sheet"], strict=True))
    if reasons.is_empty():
        return []
    lines = ["", t("console.validate.reasons", top=top)]
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
                accepted = t(f"accepted.{kind}")
                rule = f"reason.invalid_value.{r['source']}.{column}"
                if rule in t:  # a value that parses may still break the export's own rule
                    accepted += t("common.clause_separator") + t(rule, column=column)
                lines.append(t("console.validate.accepted", accepted=accepted))
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
    lines += _reason_lines(t, validated, top)
    if completeness is not None:
        lines += _completeness_lines(t, completeness)
    elif note in ("no_warehouse", "no_baseline"):
        key = f"console.validate.{note}"
        lines += ["", t(key, warehouse=warehouse) if note == "no_warehouse" else t(key)]
    elif note:  # the warehouse could not be read: why, as its error says it
        lines += ["", t("console.validate.not_read", reason=note)]
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
    ("is_recognized", "console.flag.recognized"),
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
