"""What `kpi status`, `kpi approve`, `kpi export payroll` and `kpi db` print: the payroll's
state, the months' status table, the scheme changes, the month locks and the schema
revision, in the command's language (times in the dealership's zone).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import polars as pl

from flows.common.settings import local_time, time_zone
from flows.outputs.console import Language, _word, messages, table
from flows.outputs.messages import Catalogue


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
    (`flows.storage.locking.month_locks`); what a holder's row alone tells (no process:
    PostgreSQL's killed runs) in the shorter form."""
    t = messages(lang)
    lines = []
    for month, holder, held in locks:
        key = "running" if held else "abandoned"
        lines.append(
            t(
                f"console.status_table.{key}" + ("" if holder.get("pid") else "_row"),
                month=f"{month:%Y-%m}",
                run_id=holder.get("run_id", "?"),
                pid=holder.get("pid", "?"),
                host=holder.get("host", "?"),
                started_at=_started(holder.get("started_at", "?")),
                flow_run=holder.get("flow_run_id") or t("console.status_table.no_flow_run"),
            )
        )
    return lines


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
