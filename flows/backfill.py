"""`kpi backfill` and the backfill deployment: a range of months, oldest first, in one
flow run (``backfill 2026-01..2026-10``).

Unchanged months are skipped by each month's own fingerprint check; the first month that
fails stops the backfill (later months read its warnings). Every month gets a line:
published, unchanged, failed (with the reason) or not run. A backfill in which a month
failed ends Failed, its message naming that month and reason and what each month did,
so Prefect's state is what alerting watches.
"""

from __future__ import annotations

import sys
import time

from prefect import flow

from flows import artifacts, steps
from flows.common.errors import KpiError, UsageError
from flows.month_end import MonthText, resolve_settings, run_month
from flows.outputs import console
from flows.publishing.outcomes import MonthResult, RunOptions
from transforms.months import months_between, parse_month


class BackfillFailed(KpiError):
    """A month of the backfill failed; ``results`` says what every month did."""

    def __init__(self, failed: MonthResult, results: list[MonthResult]) -> None:
        self.headline = f"{failed.month:%Y-%m} failed: {failed.message}"
        super().__init__(
            self.headline
            + "\nMonths: "
            + "; ".join(
                f"{r.month:%Y-%m} {r.status}" + (f" (version {r.version})" if r.version else "")
                for r in results
            )
        )
        self.exit_code = failed.exit_code
        self.results = results


def _flow_run_name() -> str:
    from prefect.runtime import flow_run

    parameters = flow_run.parameters
    return f"backfill {parameters['from_month']}..{parameters['to_month']}"


def run_months(first, last, config, options: RunOptions) -> list[MonthResult]:
    """The months from ``first`` to ``last`` in order, until one fails."""
    if last < first:
        raise UsageError(
            f"the range ends ({last:%Y-%m}) before it starts ({first:%Y-%m}); "
            "give the earlier month first"
        )
    months = months_between(first, last)
    try:
        engine = steps.call(steps.open_warehouse, config.warehouse_url)
    except KpiError:
        engine = None  # the first month's run tries again, records its failure and raises
    results: list[MonthResult] = []
    progress = artifacts.BackfillProgress(first, last, len(months))
    show = sys.stderr.isatty()  # progress is for a person at a terminal
    started = time.monotonic()
    for index, month in enumerate(months):
        if show:
            line = console.progress_line(index, len(months), month, time.monotonic() - started)
            print(f"\r{line}\033[K", end="", file=sys.stderr, flush=True)
        try:
            results.append(run_month(month, config, options, engine=engine, stale_after=last))
        except KpiError as exc:
            results.append(MonthResult.failed(month, exc))
            results += [
                MonthResult(m, "not run", message=f"{month:%Y-%m} failed")
                for m in months[index + 1 :]
            ]
            progress.update(index + 1, f"{month:%Y-%m} failed; the later months were not run")
            break
        progress.update(index + 1, f"{month:%Y-%m} {results[-1].status}")
    if show:
        done = console.progress_done(len(results), time.monotonic() - started)
        print(f"\r{done}\033[K", file=sys.stderr)
    return results


@flow(name="backfill", flow_run_name=_flow_run_name)
def backfill(
    from_month: MonthText, to_month: MonthText, options: RunOptions = RunOptions()
) -> list[MonthResult]:
    """The months from ``from_month`` to ``to_month``, oldest first."""
    try:
        config = resolve_settings(options)
        results = run_months(parse_month(from_month), parse_month(to_month), config, options)
        failed = next((r for r in results if r.status == "failed"), None)
        if failed is not None:
            raise BackfillFailed(failed, results)
    except KpiError as exc:
        return steps.run_failed(exc)
    except SystemExit as exc:
        return steps.run_stopped(f"backfill {from_month}..{to_month}", exc)
    return results
