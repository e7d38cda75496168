"""`kpi backfill`: a range of months, oldest first, in one flow run.

Unchanged months are skipped by the month run's own fingerprint check; the first month
that fails stops the backfill (later months read its warnings), and every month gets a
line in the summary: published, unchanged, failed (with the reason) or not run.
"""

from __future__ import annotations

import sys
import time

from prefect import flow

from flows import report, settings
from flows.errors import KpiError
from flows.month_end import (
    FolderText,
    MonthResult,
    MonthText,
    Partitions,
    open_warehouse,
    run_month,
)
from transforms.months import months_between, parse_month


@flow(name="backfill")
def backfill(from_month: MonthText, to_month: MonthText, force: bool = False,
             allow_rejects: bool = False, exports_dir: FolderText = None,
             schemes_dir: FolderText = None, data_docs_dir: FolderText = None,
             partitions: Partitions = 1) -> list[MonthResult]:
    """The months from ``from_month`` to ``to_month``, oldest first."""
    paths = settings.resolve(exports_dir, schemes_dir, data_docs_dir)
    months = months_between(parse_month(from_month), parse_month(to_month))
    try:
        engine = open_warehouse(paths.warehouse_url)
    except KpiError:
        engine = None  # the first month's run tries again, keeps its failure and raises
    results: list[MonthResult] = []
    # Progress is for a person at a terminal; a worker's log stays quiet.
    show = sys.stderr.isatty()
    started = time.monotonic()
    for index, month in enumerate(months):
        if show:
            line = report.progress_line(index, len(months), month, time.monotonic() - started)
            print(f"\r{line}\033[K", end="", file=sys.stderr, flush=True)
        try:
            results.append(run_month(month, paths, force=force, allow_rejects=allow_rejects,
                                     engine=engine, partitions=partitions))
        except KpiError as exc:
            results.append(MonthResult(month, "failed", message=str(exc),
                                       exit_code=exc.exit_code))
            results += [MonthResult(m, "not run", message=f"{month:%Y-%m} failed")
                        for m in months[index + 1:]]
            break
    if show:
        print(f"\r{len(results)} months in {time.monotonic() - started:.0f} s\033[K",
              file=sys.stderr)
    return results
