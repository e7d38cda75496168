"""`kpi backfill`: a range of months, oldest first, in one flow run.

Unchanged months are skipped by the month run's own fingerprint check; the first month
that fails stops the backfill (later months read its warnings), and every month gets a
line in the summary: published, unchanged, failed (with the reason) or not run.
"""

from __future__ import annotations

from datetime import date

from prefect import flow

from flows.errors import KpiError
from flows.month_end import MonthResult, open_warehouse, run_month
from flows.settings import Settings
from transforms.months import months_between


@flow(name="backfill")
def backfill(first: date, last: date, paths: Settings, force: bool = False,
             allow_rejects: bool = False) -> list[MonthResult]:
    months = months_between(first, last)
    engine = open_warehouse(paths.warehouse_url)
    results: list[MonthResult] = []
    for index, month in enumerate(months):
        try:
            results.append(run_month(month, paths, force=force, allow_rejects=allow_rejects,
                                     engine=engine))
        except KpiError as exc:
            results.append(MonthResult(month, "failed", message=str(exc),
                                       exit_code=exc.exit_code))
            results += [MonthResult(m, "not run", message=f"{month:%Y-%m} failed")
                        for m in months[index + 1:]]
            break
    return results
