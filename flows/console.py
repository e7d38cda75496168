"""What the commands print for operators: text tables (CJK-aware widths), the validation
report, result lines and summaries."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from transforms.periods import Period, calendar_month

if TYPE_CHECKING:
    from flows.validate import ValidatedMonth

_COLUMNS = (
    ("file_name", "file", "<"),
    ("encoding", "encoding", "<"),
    ("rows_read", "read", ">"),
    ("rows_accepted", "accepted", ">"),
    ("rows_rejected", "rejected", ">"),
    ("rows_duplicate", "duplicates", ">"),
    ("rows_out_of_period", "out of period", ">"),
)
_EXAMPLE_WIDTH = 160


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, align: str) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if align == ">" else text + fill


def table(rows: list[dict], columns=_COLUMNS) -> str:
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


def period_line(period: Period, month_start: date) -> str:
    """The month's evaluation period (scheme.md §9.1): its first and last instant, its
    length, and whether it is the calendar month or a period the schemes set."""
    days = (period.end_on - period.start_on).days + 1
    kind = (
        "the calendar month"
        if period == calendar_month(month_start)
        else "set by the schemes' period.end_day"
    )
    return (
        f"Evaluation period: {period.start_on} 00:00:00 to {period.end_on} 23:59:59, "
        f"{days} days ({kind})"
    )


def validation_report(validated: ValidatedMonth, *, top: int = 3) -> str:
    """`kpi validate`'s output: a summary line (it names the period when that is not the
    calendar month), the period line, the counts per file, the top reasons per file."""
    month = f"{validated.month_start:%Y-%m}"
    period = validated.period
    if period != calendar_month(validated.month_start):
        month += f" (period {period.start_on} to {period.end_on})"
    active = int(validated.roster["is_active"].sum())
    verdict = (
        f"NOT usable: {len(validated.breaches)} file(s) over the reject threshold"
        if validated.breaches
        else "usable"
    )
    lines = [
        f"Month {month}: {validated.inputs.height} files, {active} active agents; {verdict}",
        period_line(period, validated.month_start),
        "",
        table(validated.inputs.to_dicts()),
    ]
    reasons = validated.reasons(top=top)
    if not reasons.is_empty():
        lines += ["", f"Most frequent reasons (top {top} per file), each with its first row:"]
        for file_name in validated.inputs["file_name"]:
            group = reasons.filter(pl.col("file_name") == file_name)
            if group.is_empty():
                continue
            lines.append(f"  {file_name}")
            for r in group.iter_rows(named=True):
                example = r["example_raw"]
                if len(example) > _EXAMPLE_WIDTH:
                    example = example[: _EXAMPLE_WIDTH - 1] + "…"
                lines.append(
                    f"    {r['reason']}: {r['row_count']:,} row(s), e.g. row "
                    f"{r['example_row_number']}: {example}"
                )
    return "\n".join(lines)


def month_result_line(result) -> str:
    month = f"{result.month:%Y-%m}"
    if result.status == "published":
        line = f"{month}: published version {result.version} (run {result.run_id})"
        if result.adjustments:
            line += f"; {result.adjustments} payroll adjustment(s) recorded"
        if result.data_docs:
            line += f"; Data Docs: {result.data_docs}"
        if result.report:
            line += f"; report: {result.report}"
        if result.stale_months:
            line += "; now stale, run again: " + ", ".join(
                f"{m:%Y-%m}" for m in result.stale_months
            )
        return line
    if result.status == "unchanged":
        return f"{month}: unchanged, version {result.version} stays current (--force to republish)"
    return f"{month}: {result.status}" + (f": {result.message}" if result.message else "")


def progress_line(done: int, total: int, month, elapsed_seconds: float) -> str:
    minutes, seconds = divmod(int(elapsed_seconds), 60)
    return (
        f"[{done}/{total} months done] running {month:%Y-%m}, elapsed "
        f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    )


def backfill_table(results) -> str:
    rows = [
        {
            "month": f"{r.month:%Y-%m}",
            "status": r.status,
            "version": "" if r.version is None else str(r.version),
            "note": (r.message.splitlines() or [""])[0][:90],
        }
        for r in results
    ]
    return table(
        rows,
        (
            ("month", "month", "<"),
            ("status", "status", "<"),
            ("version", "version", ">"),
            ("note", "note", "<"),
        ),
    )


_SCORECARD_COLUMNS = (
    ("agent_id", "agent", "<"),
    ("agent_name", "name", "<"),
    ("team_id", "team", "<"),
    ("score", "score", ">"),
    ("tier", "tier", "<"),
    ("bonus_amount", "bonus", ">"),
    ("flags", "flags", "<"),
    ("improvement_focus", "focus", "<"),
)


def scorecards_report(engine, month) -> str:
    """The month's current scorecards, tier distribution and team rewards."""
    from flows import warehouse
    from schemas.tables import KPI_AGENT_MONTHLY, KPI_TEAM_MONTHLY

    with engine.connect() as conn:
        cards = warehouse.current_rows(
            conn, KPI_AGENT_MONTHLY, month, order_by=("store_id", "team_id", "agent_id")
        )
        teams = warehouse.current_rows(
            conn, KPI_TEAM_MONTHLY, month, order_by=("store_id", "team_id")
        )
    if cards.is_empty():
        return f"No published scorecards for {month:%Y-%m}."
    flags = [
        ", ".join(
            name
            for name, on in (
                ("warning", r["is_warning"]),
                ("demotion review", r["is_demotion_review"]),
                ("complaint review", r["is_complaint_review"]),
            )
            if on
        )
        for r in cards.iter_rows(named=True)
    ]
    rows = [
        {
            **r,
            "score": "n/a" if r["score"] is None else f"{float(r['score']):.2f}",
            "tier": r["tier"] or "-",
            "bonus_amount": f"{float(r['bonus_amount']):,.2f}",
            "flags": f,
            "improvement_focus": r["improvement_focus"] or "",
        }
        for r, f in zip(cards.iter_rows(named=True), flags, strict=True)
    ]
    version = cards["version"][0]
    tiers = (
        cards.group_by(pl.col("tier").fill_null("n/a"))
        .agg(pl.len().alias("agents"), pl.col("bonus_amount").cast(pl.Float64).sum().alias("bonus"))
        .sort("tier")
    )
    lines = [
        f"Scorecards {month:%Y-%m} (version {version}):",
        table(rows, _SCORECARD_COLUMNS),
        "",
        "Tier distribution:",
        table(
            [
                {"tier": t["tier"], "agents": t["agents"], "bonus": f"{t['bonus']:,.2f}"}
                for t in tiers.iter_rows(named=True)
            ],
            (("tier", "tier", "<"), ("agents", "agents", ">"), ("bonus", "bonus", ">")),
        ),
        "",
        "Team rewards:",
    ]
    team_rows = [
        {
            "team": f"{t['store_id']}/{t['team_id']}",
            "agents": t["agent_count"],
            "satisfaction": "n/a"
            if t["satisfaction_pct"] is None
            else f"{t['satisfaction_pct']:.1%}",
            "complaints": t["complaint_count"],
            "reward": "yes" if t["is_team_reward"] else "no",
        }
        for t in teams.iter_rows(named=True)
    ]
    lines.append(
        table(
            team_rows,
            (
                ("team", "team", "<"),
                ("agents", "agents", ">"),
                ("satisfaction", "satisfaction", ">"),
                ("complaints", "complaints", ">"),
                ("reward", "team reward", "<"),
            ),
        )
    )
    return "\n".join(lines)


# ---------------------------------------------------------------- kpi explain

_METRIC_TITLES = {
    "receptions": "Customers received",
    "surveys": "Satisfaction",
    "complaints": "Complaint rate",
    "purchases": "Loyalty",
    "consultations": "Timeliness",
}
_ROW_TITLES = {
    "file_name": "file",
    "row_number": "row",
    "record_id": "record",
    "class": "class",
    "reasons": "reasons",
    "appeal_id": "appeal",
    "customer_id": "customer",
    "rating": "rating",
    "is_valid": "valid",
    "purchase_type": "purchase",
    "referrer_customer_id": "referrer",
    "channel": "channel",
    "response_minutes": "response min",
    "response_limit_minutes": "limit",
    "resolution_minutes": "resolution min",
    "resolution_limit_minutes": "limit",
    "is_timely": "timely",
}


def _number(value, places: int = 4) -> str:
    return "n/a" if value is None else f"{float(value):,.{places}f}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _ratio(part: dict) -> str:
    return f"{_number(part['value'])} ({part['numerator']} ÷ {part['denominator']})"


def _metric_line(metric: dict) -> str:
    if metric["weight"] is None:
        return "not applicable (its sample is below the scheme's min_samples): no points"
    if "parts" in metric:
        value = "; ".join(
            f"{name.replace('_', ' ')} {_ratio(part)} → {_number(part['fraction'])} × share "
            f"{part['share']}"
            if part["is_applicable"]
            else f"{name.replace('_', ' ')} not applicable ({part['denominator']} below "
            f"{part['min_samples']})"
            for name, part in metric["parts"].items()
        )
    else:
        value = _ratio(metric)
    return (
        f"{value} → fraction {_number(metric['fraction'])} × weight "
        f"{_number(metric['weight'])} = {_number(metric['points'])} points"
    )


def explanation_text(expl) -> str:
    """`kpi explain` on a terminal: grouped by metric, CJK-aware columns."""
    card, info = expl.card, expl.info
    metrics = {m["metric"]: m for m in expl.metrics()}
    feeds = {
        "surveys": "satisfaction",
        "complaints": "complaint_rate",
        "purchases": "loyalty",
        "consultations": "timeliness",
    }
    score = "n/a" if card["score"] is None else f"{float(card['score']):.2f}"
    lines = [
        f"Agent {card['agent_id']} {card['agent_name']} (store {card['store_id']}, team "
        f"{card['team_id']}), {info.month:%Y-%m} version {info.version} (run {info.run_id}), "
        f"scheme {card['scheme_version']}",
        f"Score {score} = {_number(card['score_before_adjustment'], 2)} from points "
        f"{'+' if (card['score_adjustment'] or 0) >= 0 else '-'} "
        f"{abs(float(card['score_adjustment'] or 0)):.2f} from appeals; tier "
        f"{card['tier'] or '-'}; bonus {float(card['bonus_amount']):,.2f} {card['currency']}"
        + (f"; status {card['status']}" if card["status"] != "scored" else ""),
    ]
    for source, frame in expl.rows.items():
        title = _METRIC_TITLES[source]
        summary = (
            f"{card['customers_received']} distinct customers"
            if source == "receptions"
            else _metric_line(metrics[feeds[source]])
        )
        lines += ["", f"{title}: {summary}"]
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
            lines.append("  (no rows)")
            continue
        rows = [{c: _cell(r[c]) for c in columns} for r in shown.iter_rows(named=True)]
        spec = [(c, _ROW_TITLES.get(c, c), ">" if c == "row_number" else "<") for c in columns]
        lines += ["  " + line for line in table(rows, spec).splitlines()]
    if not expl.appeals.is_empty():
        lines += ["", "Appeals:"]
        rows = [{k: _cell(v) for k, v in r.items()} for r in expl.appeals.iter_rows(named=True)]
        spec = [
            (c, c, "<")
            for c in (
                "appeal_id",
                "kind",
                "record_type",
                "record_id",
                "score_delta",
                "is_applied",
                "reason",
                "deadline_on",
            )
        ]
        lines += ["  " + line for line in table(rows, spec).splitlines()]
    return "\n".join(lines)


# ---------------------------------------------------------------- payroll and status

_WAITS_FOR = {
    "approval": "approval of version {version} (kpi approve --month {month} --by NAME)",
    "first_export": "the month's first payroll export (kpi export payroll --month {month})",
    "next_export": "the next payroll export",
}


def waiting_lines(waiting) -> list[str]:
    """What an export left waiting, one line per month and version, and what carries it."""
    if waiting.is_empty():
        return []
    lines = [f"{waiting['count'].sum()} payroll adjustment(s) wait:"]
    for row in waiting.iter_rows(named=True):
        month = f"{row['month_start']:%Y-%m}"
        waits = _WAITS_FOR[row["waits_for"]].format(version=row["to_version"], month=month)
        lines.append(
            f"  {month} version {row['to_version']}: {row['count']} totalling "
            f"{float(row['delta']):,.2f}, carried after {waits}"
        )
    return lines


_STATUS_COLUMNS = (
    ("month", "month", "<"),
    ("current", "current", ">"),
    ("last_run", "last run", "<"),
    ("state", "state", "<"),
    ("approved", "approved", ">"),
    ("exported", "exported", ">"),
    ("adjustments", "adjustments (recorded/carried/waiting)", "<"),
    ("carried_by", "waiting for", "<"),
)


def status_table(months) -> str:
    """`kpi status`: one line per month (`v_month_status`)."""
    if months.is_empty():
        return "The warehouse has no runs yet."
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
                else f"{m['last_run_status']} {m['last_run_at']:%Y-%m-%d %H:%M}",
                "state": state,
                "approved": "" if m["approved_version"] is None else str(m["approved_version"]),
                "exported": "" if m["exported_version"] is None else str(m["exported_version"]),
                "adjustments": f"{m['adjustments_recorded']}/{m['adjustments_carried']}/"
                f"{m['adjustments_waiting']}",
                "carried_by": m["carried_by"] or "",
            }
        )
    return table(rows, _STATUS_COLUMNS)
