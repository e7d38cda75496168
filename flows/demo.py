"""`kpi demo`: sample exports generated when absent, run into the warehouse, reported.

The demo uses the exports root from the shared options (default ``./exports``). When
it holds no month folder, the three months before the current one are generated for
one store of ten agents (seed 2026); otherwise the months found are used.

The generated months tell a department's story in whatever month the demo runs (the
agents' profiles in `flows/generator/generate.py` decide it, the calendar does not): most agents
in tiers B-C, a warned agent on demotion review from the second month and on complaint
review, one of the two teams rewarded, an appeal applied every month.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from flows import prefect_api
from flows.backfill import BackfillFailed, backfill
from flows.common.errors import KpiError
from flows.common.settings import Settings
from flows.generator.generate import generate
from flows.generator.options import GeneratorOptions
from flows.outputs import console
from flows.publishing.gate import preload_quality_gate
from flows.publishing.outcomes import RunOptions
from flows.storage import connection, failures
from transforms.months import MONTH_PATTERN, add_months, months_between, previous_month

DEMO_MONTHS = 3
_MONTH_DIR = re.compile(MONTH_PATTERN)


def demo_months(exports_dir: Path, today: date, lang: console.Language = None) -> list[date]:
    """The months to run: the folders present, or freshly generated ones."""
    found = sorted(p.name for p in exports_dir.glob("*") if p.is_dir() and _MONTH_DIR.match(p.name))
    if found:
        return [date(int(m[:4]), int(m[5:]), 1) for m in found]
    last = previous_month(today.replace(day=1))
    first = add_months(last, 1 - DEMO_MONTHS)
    months = months_between(first, last)
    print(
        console.messages(lang)(
            "console.demo.generating",
            first=f"{months[0]:%Y-%m}",
            last=f"{months[-1]:%Y-%m}",
            folder=exports_dir,
        )
    )
    list(generate(exports_dir, months[0], months[-1], GeneratorOptions()))
    return months


def run_demo(args) -> int:
    paths = Settings.resolve(
        exports_dir=args.exports,
        schemes_dir=args.schemes,
        data_docs_dir=args.data_docs,
        archive_dir=args.archive,
        reports_dir="" if args.no_report else args.reports,
        lang=args.lang,
    )
    t = console.messages(paths.lang)
    months = demo_months(paths.exports_dir, date.today(), t)
    print(
        t(
            "console.demo.running",
            first=f"{months[0]:%Y-%m}",
            last=f"{months[-1]:%Y-%m}",
            warehouse=failures.safe_url(paths.warehouse_url),
        )
    )
    preload_quality_gate()
    prefect_api.wait_until_ready()
    try:
        results = backfill(
            f"{months[0]:%Y-%m}",
            f"{months[-1]:%Y-%m}",
            RunOptions(
                exports_dir=str(paths.exports_dir),
                schemes_dir=args.schemes,
                data_docs_dir=args.data_docs,
                archive_dir=args.archive,
                reports_dir="" if paths.reports_dir is None else str(paths.reports_dir),
            ),
        )
        failed = None
    except BackfillFailed as exc:
        results, failed = exc.results, exc
    print(console.backfill_table(results, t))
    print()
    published = [r for r in results if r.status in ("published", "unchanged")]
    if published:
        engine = connection.connect(paths.warehouse_url)
        print(console.scorecards_report(engine, published[-1].month, t))
        if paths.reports_dir is not None:
            print()
            print(_report_line(engine, published[-1], paths, t))
        engine.dispose()
    if failed is not None:
        print(f"kpi demo: {failed.headline}", file=sys.stderr)
        return failed.exit_code
    return 0


def _report_line(engine, result, paths, t) -> str:
    """Where to open the latest month's report: the one its run wrote, else (the month
    was unchanged, or its report failed) written now."""
    from flows.outputs.site import write_month_reports

    index = result.report
    if index is None:
        try:
            index = write_month_reports(
                engine,
                result.month,
                out_dir=paths.reports_dir / f"{result.month:%Y-%m}",
                lang=paths.lang,
            ).index.resolve()
        except KpiError as exc:  # the reason is an operator message: English
            return t(
                "console.demo.report_failed", month=f"{result.month:%Y-%m}", reason=exc.message
            )
    return t("console.demo.report", month=f"{result.month:%Y-%m}", uri=Path(index).as_uri())
