"""What an operator reads in Prefect's UI without a terminal: each month-end flow run
leaves a table of the per-file counts, a markdown summary of the month (status, version,
tier distribution, bonus total, warnings, stale later months) and links to the run's
Data Docs and report under the addresses their folders are served at
(``KPI_DATA_DOCS_URL``, ``KPI_REPORTS_URL``; without one, a note of where the files are
on the worker instead of a ``file://`` link, which no browser opens from a web page); a
backfill shows its progress.

Keys are stable per month (``month-2026-10-inputs``, ``month-2026-10-summary``,
``month-2026-10-data-docs``, ``month-2026-10-report``; ``backfill-2026-01-2026-10``), so
the Artifacts page keeps each month's history across runs. The texts are in English,
like the run log: they are for operators, not for the agents (whose pages follow the
report's language).

`inputs_table` and `summary_markdown` are pure (tested on their own); the ``create_*``
functions talk to the Prefect API and are called only inside flow runs. A month's outcome
does not depend on its artifacts: an API that fails to take one is logged, not raised.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl

from flows.common.settings import Settings
from flows.publishing.outcomes import MonthResult

INPUT_COLUMNS = {
    "file_name": "file",
    "encoding": "encoding",
    "rows_read": "read",
    "rows_accepted": "accepted",
    "rows_rejected": "rejected",
    "rows_duplicate": "duplicates",
    "rows_out_of_period": "out of period",
}


def _best_effort(fn: Callable) -> Callable:
    """``fn``, whose failure is a warning in the run's log; nothing outside a flow run
    (`kpi run` recording an unchanged month before any flow starts has no run to attach
    an artifact to)."""

    @functools.wraps(fn)
    def guarded(*args, **kwargs):
        from prefect.context import FlowRunContext

        if FlowRunContext.get() is None:
            return None
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - see the module doc
            from prefect import get_run_logger

            get_run_logger().warning("could not create a Prefect artifact: %s", exc)
            return None

    return guarded


def key(*parts: str) -> str:
    """An artifact key: lowercase letters, digits and dashes only (Prefect's rule)."""
    return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")


def month_key(month: date, what: str) -> str:
    return key("month", f"{month:%Y-%m}", what)


def inputs_table(inputs: pl.DataFrame) -> list[dict]:
    """One row per input file with its counts, columns as the console prints them."""
    return inputs.select([pl.col(c).alias(title) for c, title in INPUT_COLUMNS.items()]).to_dicts()


def _money(amount: Decimal | float, currency: str) -> str:
    return f"{amount:,.2f} {currency}".strip()


def summary_markdown(
    result: MonthResult,
    bonuses: pl.DataFrame | None = None,
    completeness: pl.DataFrame | None = None,
) -> str:
    """The month's summary. ``bonuses``: the version's rows of ``reads.bonuses`` (one
    per agent: tier, bonus_amount, currency), for the tier distribution and bonus total;
    None when the month has no version to show. ``completeness``: how the run judged
    each store's exports (``kpi_completeness``)."""
    month = f"{result.month:%Y-%m}"
    if result.status == "published":
        headline = f"published version {result.version}"
    elif result.status == "unchanged":
        headline = f"unchanged: version {result.version} stays current"
    else:
        headline = result.status
    lines = [f"# Month-end {month}: {headline}", ""]
    if result.status == "failed":
        lines += [_kept(result), ""]
    if result.run_id:
        lines += [f"Run `{result.run_id}`.", ""]
    if result.message:
        lines += ["```", result.message, "```", ""]
    if bonuses is not None and not bonuses.is_empty():
        currency = bonuses["currency"].drop_nulls().first() or ""
        tiers = (
            bonuses.group_by(pl.col("tier").fill_null("n/a"))
            .agg(pl.len().alias("agents"), pl.col("bonus_amount").sum().alias("bonus"))
            .sort("tier")
        )
        lines += ["| tier | agents | bonus |", "| --- | ---: | ---: |"]
        lines += [
            f"| {t['tier']} | {t['agents']:,} | {_money(t['bonus'], currency)} |"
            for t in tiers.iter_rows(named=True)
        ]
        total = bonuses["bonus_amount"].sum()
        lines += [
            f"| **total** | **{bonuses.height:,}** | **{_money(total, currency)}** |",
            "",
        ]
    if result.warnings:
        lines += ["## Warnings", ""] + [f"- {w}" for w in result.warnings] + [""]
    if completeness is not None and not completeness.is_empty():
        lines += _completeness_markdown(completeness)
    if result.stale_months:
        lines += [
            "## Later months now stale",
            "",
            ", ".join(f"{m:%Y-%m}" for m in result.stale_months)
            + f": run them again (`kpi backfill --from {min(result.stale_months):%Y-%m}`).",
            "",
        ]
    if result.report:
        lines += [f"Report: `{result.report}`", ""]
    if result.data_docs:
        lines += [f"Data Docs: `{result.data_docs}`", ""]
    return "\n".join(lines).rstrip() + "\n"


def _kept(result: MonthResult) -> str:
    """What a failed run left current: what payroll pays from."""
    if not result.kept_known:
        return (
            "Nothing of this run was published; the warehouse could not be read to say which "
            "version of the month stays current (`kpi status` says, once it answers)."
        )
    if result.kept_version is None:
        return "Nothing of this run was published; the month has no published version yet."
    return (
        f"Nothing of this run was published: version {result.kept_version} stays current, "
        "and what payroll pays (the month's approved version) is unchanged."
    )


def _completeness_markdown(completeness: pl.DataFrame) -> list[str]:
    """Completeness against each store's own history: every incomplete store export, and
    how many were judged."""
    judged = completeness.filter(pl.col("baseline_months") > 0)
    incomplete = completeness.filter("is_incomplete")
    lines = [
        "## Completeness against each store's history",
        "",
        f"{judged.height:,} store exports judged, {incomplete.height:,} incomplete"
        + ("." if judged.height else " (no earlier published month of these stores)."),
        "",
    ]
    if not incomplete.is_empty():
        lines += [
            "| store | export | rows | baseline median | months | share | silent days |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in incomplete.iter_rows(named=True):
            share = "" if r["volume_share"] is None else f"{r['volume_share']:.0%}"
            silent = "" if r["longest_silent_days"] is None else r["longest_silent_days"]
            lines.append(
                f"| {r['store_id']} | {r['source']} | {r['row_count']:,} | "
                f"{r['baseline_median']:,.1f} | {r['baseline_months']} | {share} | {silent} |"
            )
        lines.append("")
    return lines


@_best_effort
def create_inputs_table(month: date, inputs: pl.DataFrame) -> None:
    from prefect.artifacts import create_table_artifact

    create_table_artifact(
        inputs_table(inputs),
        key=month_key(month, "inputs"),
        description=f"{month:%Y-%m}: rows read, accepted and rejected per input file",
    )


@_best_effort
def create_month_summary(
    result: MonthResult, engine=None, settings: Settings | None = None
) -> None:
    """The summary and, when the run has them, its Data Docs and report: links where
    ``settings`` give the address their folder is served at (``KPI_DATA_DOCS_URL``,
    ``KPI_REPORTS_URL``), else a note of where the files are on the worker. ``engine``:
    the warehouse, for the tier distribution of the result's version."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact

    from flows.storage import reads

    month = result.month
    bonuses = completeness = None
    if engine is not None and result.version is not None:
        with engine.connect() as conn:
            bonuses = reads.bonuses(conn, month, result.version)
            if result.status == "published":
                completeness = reads.run_completeness(conn, result.run_id)
    create_markdown_artifact(
        summary_markdown(result, bonuses, completeness),
        key=month_key(month, "summary"),
        description=f"{month:%Y-%m}: {result.status}",
    )
    for place in places(result, settings):
        if place.url:
            create_link_artifact(
                place.url,
                link_text=f"{place.text} ({month:%Y-%m})",
                key=month_key(month, place.what),
                description=f"{month:%Y-%m}: {place.path}",
            )
        else:
            create_markdown_artifact(
                place.note(month),
                key=month_key(month, place.what),
                description=f"{month:%Y-%m}: {place.text}, on the worker",
            )


@dataclass(frozen=True)
class Place:
    """Where one of a run's outputs is: its file on the worker, and its address where
    the folder it is in is served."""

    what: str  # the artifact key's last part
    text: str
    path: str
    variable: str  # the address's variable
    url: str | None

    def note(self, month: date) -> str:
        """What the artifact says without an address: where the file is, and how to get
        a link."""
        return (
            f"# {self.text} ({month:%Y-%m})\n\nOn the worker's machine: `{self.path}`.\n\n"
            f"Prefect's UI cannot open files of the worker's machine. Serve the folder with "
            f"any web server or object store and set `{self.variable}` in the worker's "
            "environment to its address: these artifacts then link to the file."
        )


def places(result: MonthResult, settings: Settings | None) -> list[Place]:
    """The run's Data Docs and report, each with its address under the served folder's
    base (None: no base, or the file is not under that folder)."""
    found = []
    for what, path, root, base, variable, text in (
        (
            "data-docs",
            result.data_docs,
            settings and settings.data_docs_dir,
            settings and settings.data_docs_url,
            "KPI_DATA_DOCS_URL",
            "Data Docs of the quality gate",
        ),
        (
            "report",
            result.report,
            settings and settings.reports_dir,
            settings and settings.reports_url,
            "KPI_REPORTS_URL",
            "Statements, store pages and department index",
        ),
    ):
        if path:
            found.append(Place(what, text, path, variable, address(path, root, base)))
    return found


def address(path: str, root: Path | None, base: str | None) -> str | None:
    """``path``'s address where ``root`` is served at ``base``; None without a base, or
    when ``path`` is not under ``root``."""
    if not base or root is None:
        return None
    try:
        relative = Path(path).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return None
    return f"{base.rstrip('/')}/{urllib.parse.quote(relative.as_posix())}"


class BackfillProgress:
    """The backfill's progress artifact: created at 0 %, updated after every month with
    every month so far (what each did), not only the last."""

    def __init__(self, first: date, last: date, total: int) -> None:
        self.total = total
        self.notes: list[str] = []
        self.id = self._create(first, last)

    @_best_effort
    def _create(self, first: date, last: date):
        from prefect.artifacts import create_progress_artifact

        return create_progress_artifact(
            0.0,
            key=key("backfill", f"{first:%Y-%m}", f"{last:%Y-%m}"),
            description=f"backfill {first:%Y-%m}..{last:%Y-%m}: 0 of {self.total} months done",
        )

    @_best_effort
    def update(self, done: int, note: str) -> None:
        from prefect.artifacts import update_progress_artifact

        self.notes.append(note)
        if self.id is not None:
            update_progress_artifact(
                self.id,
                100.0 * done / self.total,
                description=progress_description(done, self.total, self.notes),
            )


def progress_description(done: int, total: int, notes: list[str]) -> str:
    """How far a backfill is, and one line per month so far."""
    return "\n".join([f"{done} of {total} months done:", *(f"- {n}" for n in notes)])
