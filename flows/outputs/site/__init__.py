"""The month's report site (`kpi report`, `feedback.md`): statements, store pages and
the department index as static HTML, and with ``pdf`` each store's statements as one
A4 page per agent.

Two entry points read the month from the warehouse (`flows.storage`), render the pages
(`flows.outputs.site.pages`, pure) and write them. Neither imports Prefect or Great Expectations.

- `write_site` writes one version's site exactly into ``out_dir``, replacing an earlier
  report there (`kpi report --out DIR`).
- `write_month_reports` keeps every version of a month addressable under the month's
  folder ``<reports>/YYYY-MM`` (publishing runs after the flip, and `kpi report`
  without ``--out``): the version's site goes into ``YYYY-MM/v<N>/``; when N is the
  month's current version the month's folder itself shows it too (its pages are a copy
  of ``v<N>``'s), and the sites of the other versions that do not yet name N as current
  are written again so that they do. A superseded version's site never touches the
  month's pages, so an older artifact or bookmark never opens a newer version and a
  link to the month's folder never opens an older one.

A site's layout: ``index.html``, ``stores/<store_id>.html``, ``agents/<agent_id>.html``,
with ``pdf`` ``statements/<store_id>.pdf``, and a ``.kpi-report`` marker (JSON: month,
version, the current version when written, language, store, pdf, time zone) that lets a later
report replace the folder (a folder without it is never emptied) and tells which
options to write it again with. Every page of a superseded version says so at its top
and names the current version (`flows.outputs.site.pages`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.common.errors import KpiError
from flows.outputs.messages import DEFAULT_LANGUAGE
from flows.outputs.site.model import MonthData
from flows.outputs.site.pages import Pages, page_name
from flows.storage import failures, reads
from flows.storage.reads import NotInWarehouse
from schemas.tables import (
    KPI_AGENT_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_IMPROVEMENT_PLAN,
    KPI_TEAM_MONTHLY,
)
from transforms.interviews import followed_up_in
from transforms.months import previous_month
from transforms.scheme_changes import scheme_changes

TREND_MONTHS = 6

MARKER = ".kpi-report"
# What the month's folder holds of the current version's site (the rest are v<N> folders).
PAGE_ENTRIES = ("index.html", "stores", "agents", "statements", MARKER)
_VERSION_FOLDER = re.compile(r"^v([1-9][0-9]*)$")


def version_folder(version: int) -> str:
    """The name of a version's folder inside the month's folder."""
    return f"v{version}"


class ReportFolderError(KpiError):
    """The output folder cannot be used for a report."""

    exit_code = 3


def _in_contract_order(inputs: pl.DataFrame) -> pl.DataFrame:
    """Input files as the run read them: the roster first, then as the contract lists."""
    from schemas.contracts import EXPORTS

    rank = {e.name: i for i, e in enumerate(EXPORTS)}
    return inputs.sort(
        pl.col("source").replace_strict(rank, default=len(rank), return_dtype=pl.Int64), "file_name"
    )


def read_month(engine: sa.Engine, month: date, version: int | None) -> MonthData:
    """The month version and the scheme it was scored with (its weights, lines, tiers and
    topics, as the run recorded the file), from the warehouse alone."""
    from flows.inputs.schemes import version_scheme

    try:
        with engine.connect() as conn:
            info = reads.month_version(conn, month, version)
            scheme = version_scheme(conn, info)
            previous = _previous_scheme(conn, month)
            rows = {
                table: reads.current_rows(conn, table, month, version=info.version, order_by=order)
                for table, order in (
                    (KPI_AGENT_MONTHLY, ("store_id", "team_id", "agent_id")),
                    (KPI_TEAM_MONTHLY, ("store_id", "team_id")),
                    (KPI_APPEAL_OUTCOME, ("agent_id", "appeal_id")),
                    (KPI_IMPROVEMENT_PLAN, ("agent_id", "row_number")),
                )
            }
            data = dict(
                cards=rows[KPI_AGENT_MONTHLY],
                teams=rows[KPI_TEAM_MONTHLY],
                appeals=rows[KPI_APPEAL_OUTCOME],
                trend=reads.agent_trend(conn, month, info.version, TREND_MONTHS),
                inputs=_in_contract_order(reads.run_inputs(conn, info.run_id)),
                payroll=reads.payroll_state(conn, month, info.version),
                completeness=reads.run_completeness(conn, info.run_id),
                interviews=rows[KPI_IMPROVEMENT_PLAN],
                follow_ups=followed_up_in(
                    reads.plan_follow_ups(conn, month).lazy(), month
                ).collect(),
                overdue=reads.overdue_plan_items(conn, month),
                training=reads.training_need(conn, month),
                changes=scheme_changes(previous, scheme),
                previous_scheme_version=None if previous is None else previous.version,
            )
    except sa.exc.DBAPIError as exc:
        error = failures.failure(exc, engine.url)
        if error is None:
            raise
        raise error from None
    return MonthData(info=info, scheme=scheme, **data)


def _previous_scheme(conn: sa.Connection, month: date):
    """The scheme the previous month's current version was scored with; None when that
    month is not published or its scheme file is not in the warehouse (nothing to
    compare: no change is announced)."""
    from flows.common.errors import SchemeError
    from flows.inputs.schemes import version_scheme

    try:
        return version_scheme(conn, reads.month_version(conn, previous_month(month), None))
    except (NotInWarehouse, SchemeError):
        return None


def _refuse_foreign(out_dir: Path) -> None:
    """A folder that exists and holds anything but an earlier report is never written."""
    if out_dir.exists() and (
        not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).exists())
    ):
        raise ReportFolderError(
            f"{out_dir} exists and is not an earlier report (no {MARKER} file); empty it "
            "or choose another folder (kpi report --out, or --reports for a run)"
        )


_OWN_FOLDER = (
    "give each warehouse its own reports folder (KPI_REPORTS_DIR, kpi run --reports) or "
    "kpi report --out"
)


def _refuse_another_warehouses(engine: sa.Engine, month_dir: Path, month: date) -> None:
    """A month folder holding another warehouse's versions (two warehouses given one
    reports folder) is never written into: each version folder must be of a version this
    warehouse published, and its marker, where it names the run (not before this
    release), this warehouse's run of that version."""
    folders = sorted(month_dir.iterdir()) if month_dir.is_dir() else []
    for folder in folders:
        matched = _VERSION_FOLDER.match(folder.name)
        marker = read_marker(folder) if matched and folder.is_dir() else None
        if marker is None:
            continue
        version = int(matched[1])
        try:
            with engine.connect() as conn:
                ours = reads.month_version(conn, month, version).run_id
        except NotInWarehouse as exc:
            raise ReportFolderError(
                f"{folder} holds version {version} of {month:%Y-%m}, which this warehouse "
                f"does not have ({exc.message}): it is another warehouse's report; " + _OWN_FOLDER
            ) from None
        if marker.get("run_id") not in (None, ours):
            raise ReportFolderError(
                f"{folder} holds version {version} of {month:%Y-%m} from another warehouse "
                f"(run {marker['run_id']}; this warehouse's is run {ours}); " + _OWN_FOLDER
            )


def _cannot(out_dir: Path, exc: OSError) -> ReportFolderError:
    return ReportFolderError(f"cannot write the report into {out_dir}: {exc}")


def _prepare(out_dir: Path) -> Path:
    """A fresh sibling folder to write into; refuses an ``out_dir`` that holds anything
    but an earlier report."""
    _refuse_foreign(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = out_dir.parent / f".{out_dir.name}.writing-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        for sub in ("stores", "agents"):
            (staging / sub).mkdir(parents=True)
    except OSError as exc:
        raise _cannot(out_dir, exc) from None
    return staging


def _swap(staging: Path, out_dir: Path) -> None:
    """Put the new report in place of the old one (two renames, then the old removed)."""
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def write_pages(pages: Pages, folder: Path) -> int:
    """Writes every page of ``pages`` into ``folder``; returns how many."""
    written = 0
    for store_id in pages.store_ids():
        (folder / "stores" / page_name(store_id)).write_text(
            pages.store_page(store_id), encoding="utf-8"
        )
        written += 1
    for agent_id in pages.agent_ids():
        (folder / "agents" / page_name(agent_id)).write_text(
            pages.agent_page(agent_id), encoding="utf-8"
        )
        written += 1
    (folder / "index.html").write_text(pages.index_page(), encoding="utf-8")
    return written + 1


def _marker(pages: Pages, pdf: bool) -> str:
    info = pages.data.info
    return (
        json.dumps(
            {
                "month": f"{info.month:%Y-%m}",
                "version": info.version,
                "current_version": info.current_version,
                "run_id": info.run_id,
                "lang": pages.t.language,
                "store": pages.store,
                "pdf": pdf,
                "timezone": pages.zone.key,
            },
            ensure_ascii=False,
        )
        + "\n"
    )


def read_marker(folder: Path) -> dict | None:
    """What a report folder's marker records; None when it has none, or one of an earlier
    release (plain text) that records no options."""
    try:
        found = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _pages(
    engine: sa.Engine,
    month: date,
    version: int | None,
    lang: str,
    store: str | None,
    zone: str | None,
) -> Pages:
    from flows.common.settings import time_zone

    data = read_month(engine, month, version)
    if store is not None and data.cards.filter(pl.col("store_id") == store).is_empty():
        stores = data.cards["store_id"].unique().sort().to_list()
        shown = ", ".join(stores[:20]) + (" …" if len(stores) > 20 else "")
        raise NotInWarehouse(
            f"store {store} has no agents in version {data.info.version} "
            f"(stores: {shown or 'none'})",
            month=month,
        )
    return Pages(data, lang, store, time_zone(zone))


def _write_folder(pages: Pages, out_dir: Path, pdf: bool) -> None:
    """``pages`` (with ``pdf`` the statements too) and the marker into ``out_dir``,
    replacing an earlier report there."""
    staging = _prepare(out_dir)
    try:
        write_pages(pages, staging)
        if pdf:
            from flows.outputs.site.printing import print_statements

            print_statements(pages, staging / "statements")
        (staging / MARKER).write_text(_marker(pages, pdf), encoding="utf-8")
        _swap(staging, out_dir)
    except OSError as exc:
        raise _cannot(out_dir, exc) from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)


def write_site(
    engine: sa.Engine,
    month: date,
    *,
    version: int | None = None,
    out_dir: Path,
    lang: str = DEFAULT_LANGUAGE,
    store: str | None = None,
    pdf: bool = False,
    zone: str | None = None,
) -> Path:
    """Write the month's site (see module doc) exactly into ``out_dir`` and return its
    ``index.html``. ``zone``: the time zone of the times shown (default
    `flows.common.settings.time_zone`, KPI_TIMEZONE).

    Raises `NotInWarehouse` (month, version or store not there), `SchemeError`,
    `flows.storage.failures.WarehouseError` (unreachable), `ReportFolderError`, and with
    ``pdf`` `flows.outputs.site.printing.PrintError` (no Chromium, or it failed)."""
    out_dir = Path(out_dir)
    _write_folder(_pages(engine, month, version, lang, store, zone), out_dir, pdf)
    return out_dir / "index.html"


@dataclass(frozen=True)
class Written:
    """What `write_month_reports` wrote. Path-like: the version's own ``index.html``
    (which keeps showing that version), so a caller may take it as the report's path."""

    index: Path  # <month>/v<N>/index.html
    version: int
    current_version: int
    month_index: Path | None  # <month>/index.html when the month's folder shows N now

    def __fspath__(self) -> str:
        return str(self.index)

    @property
    def is_current(self) -> bool:
        return self.version == self.current_version


def _show_in_month_folder(version_dir: Path, month_dir: Path) -> None:
    """The month's folder shows the site of ``version_dir``: its pages are copied in, each
    entry renamed into place; the v<N> folders stay where they are."""
    staging = month_dir / f".pages.writing-{os.getpid()}"
    trash = month_dir / f".pages.old-{os.getpid()}"
    try:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(trash, ignore_errors=True)
        staging.mkdir()
        trash.mkdir()
        for name in PAGE_ENTRIES:
            source = version_dir / name
            if source.is_dir():
                shutil.copytree(source, staging / name)
            elif source.exists():
                shutil.copy2(source, staging / name)
        for name in PAGE_ENTRIES:  # the marker last: it says which version is shown
            if (month_dir / name).exists():
                (month_dir / name).rename(trash / name)
            if (staging / name).exists():
                (staging / name).rename(month_dir / name)
    except OSError as exc:
        raise _cannot(month_dir, exc) from None
    finally:
        for folder in (staging, trash):
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)


def _older_sites(month_dir: Path, current: int) -> list[tuple[int, dict]]:
    """The other versions' folders whose pages do not name ``current`` as the current
    version, with what their markers record."""
    found = []
    for entry in sorted(month_dir.iterdir()):
        matched = _VERSION_FOLDER.match(entry.name)
        if not matched or not entry.is_dir() or int(matched[1]) == current:
            continue
        marker = read_marker(entry)
        if marker is not None and marker.get("current_version") != current:
            found.append((int(matched[1]), marker))
    return found


def write_month_reports(
    engine: sa.Engine,
    month: date,
    *,
    version: int | None = None,
    out_dir: Path,
    lang: str = DEFAULT_LANGUAGE,
    store: str | None = None,
    pdf: bool = False,
    zone: str | None = None,
) -> Written:
    """Write the version's site (the current one by default) into ``out_dir/v<N>``, the
    month's folder ``out_dir`` (``<reports>/YYYY-MM``) showing it when N is current (see
    module doc). Raises what `write_site` raises."""
    month_dir = Path(out_dir)
    _refuse_foreign(month_dir)
    pages = _pages(engine, month, version, lang, store, zone)
    info = pages.data.info
    _refuse_another_warehouses(engine, month_dir, month)
    try:
        month_dir.mkdir(parents=True, exist_ok=True)
        if not (month_dir / MARKER).exists():  # a month folder with versions only so far
            (month_dir / MARKER).write_text(
                json.dumps({"month": f"{month:%Y-%m}", "version": None}) + "\n",
                encoding="utf-8",
            )
    except OSError as exc:
        raise _cannot(month_dir, exc) from None
    version_dir = month_dir / version_folder(info.version)
    _write_folder(pages, version_dir, pdf)
    if not info.is_current:
        return Written(version_dir / "index.html", info.version, info.current_version, None)
    _show_in_month_folder(version_dir, month_dir)
    for older, marker in _older_sites(month_dir, info.version):
        _write_folder(
            _pages(
                engine,
                month,
                older,
                marker.get("lang") or lang,
                marker.get("store"),
                marker.get("timezone") or zone,
            ),
            month_dir / version_folder(older),
            bool(marker.get("pdf")),
        )
    return Written(
        version_dir / "index.html", info.version, info.current_version, month_dir / "index.html"
    )
