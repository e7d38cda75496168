"""The month's report site (`kpi report`, `feedback.md`): statements, store pages and
the department index as static HTML, and with ``pdf`` each store's statements as one
A4 page per agent.

`write_site` is the one entry point: it reads the month from the warehouse
(`flows.warehouse`), renders the pages (`flows.site.pages`, pure) and writes them
into ``out_dir``, replacing an earlier report there. Publishing runs call it after the
flip; `kpi report` calls it from the command line. It imports neither Prefect nor Great
Expectations.

Layout of ``out_dir``: ``index.html``, ``stores/<store_id>.html``,
``agents/<agent_id>.html``, with ``pdf`` ``statements/<store_id>.pdf``, and a
``.kpi-report`` marker that lets a later report replace the folder (a folder without it
is never emptied).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows import warehouse
from flows.errors import KpiError
from flows.messages import DEFAULT_LANGUAGE
from flows.site.model import MonthData
from flows.site.pages import Pages, page_name
from flows.warehouse import NotInWarehouse
from schemas.tables import KPI_AGENT_MONTHLY, KPI_APPEAL_OUTCOME, KPI_TEAM_MONTHLY

TREND_MONTHS = 6

MARKER = ".kpi-report"


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
    from flows.schemes import version_scheme

    try:
        with engine.connect() as conn:
            info = warehouse.month_version(conn, month, version)
            scheme = version_scheme(conn, info)
            rows = {
                table: warehouse.current_rows(
                    conn, table, month, version=info.version, order_by=order
                )
                for table, order in (
                    (KPI_AGENT_MONTHLY, ("store_id", "team_id", "agent_id")),
                    (KPI_TEAM_MONTHLY, ("store_id", "team_id")),
                    (KPI_APPEAL_OUTCOME, ("agent_id", "appeal_id")),
                )
            }
            data = dict(
                cards=rows[KPI_AGENT_MONTHLY],
                teams=rows[KPI_TEAM_MONTHLY],
                appeals=rows[KPI_APPEAL_OUTCOME],
                trend=warehouse.agent_trend(conn, month, info.version, TREND_MONTHS),
                inputs=_in_contract_order(warehouse.run_inputs(conn, info.run_id)),
                payroll=warehouse.payroll_state(conn, month, info.version),
                completeness=warehouse.run_completeness(conn, info.run_id),
            )
    except sa.exc.DBAPIError as exc:
        error = warehouse.failure(exc, engine.url)
        if error is None:
            raise
        raise error from None
    return MonthData(info=info, scheme=scheme, **data)


def _prepare(out_dir: Path) -> Path:
    """A fresh sibling folder to write into; refuses an ``out_dir`` that holds anything
    but an earlier report."""
    if out_dir.exists() and (
        not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).exists())
    ):
        raise ReportFolderError(
            f"{out_dir} exists and is not an earlier report (no {MARKER} file); empty it "
            "or choose another folder (kpi report --out, or --reports for a run)"
        )
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = out_dir.parent / f".{out_dir.name}.writing-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        for sub in ("stores", "agents"):
            (staging / sub).mkdir(parents=True)
    except OSError as exc:
        raise ReportFolderError(f"cannot write the report into {out_dir}: {exc}") from None
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


def write_site(
    engine: sa.Engine,
    month: date,
    *,
    version: int | None = None,
    out_dir: Path,
    lang: str = DEFAULT_LANGUAGE,
    store: str | None = None,
    pdf: bool = False,
) -> Path:
    """Write the month's site (see module doc) and return its ``index.html``.

    Raises `NotInWarehouse` (month, version or store not there), `SchemeError`,
    `flows.warehouse.WarehouseError` (unreachable), `ReportFolderError`, and with
    ``pdf`` `flows.site.printing.PrintError` (no Chromium, or it failed)."""
    data = read_month(engine, month, version)
    if store is not None and data.cards.filter(pl.col("store_id") == store).is_empty():
        stores = data.cards["store_id"].unique().sort().to_list()
        shown = ", ".join(stores[:20]) + (" …" if len(stores) > 20 else "")
        raise NotInWarehouse(
            f"store {store} has no agents in version {data.info.version} "
            f"(stores: {shown or 'none'})",
            month=month,
        )
    pages = Pages(data, lang, store)
    out_dir = Path(out_dir)
    staging = _prepare(out_dir)
    try:
        write_pages(pages, staging)
        if pdf:
            from flows.site.printing import print_statements

            print_statements(pages, staging / "statements")
        (staging / MARKER).write_text(
            f"kpi report {month:%Y-%m} version {data.info.version}\n", encoding="utf-8"
        )
        _swap(staging, out_dir)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
    return out_dir / "index.html"
