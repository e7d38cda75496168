"""`kpi demo`: sample exports generated when absent, then every month validated.

The demo uses the exports root from the shared options (default ``./exports``). When
it holds no month folder, the three months before the current one are generated for
one store of ten agents (seed 2026); otherwise the months found are used.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from flows import report, settings
from flows.generate import GeneratorOptions, generate
from flows.validate import validate_month

DEMO_MONTHS = 3
_MONTH_DIR = re.compile(r"^\d{4}-\d{2}$")


def _previous_months(today: date, count: int) -> list[date]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        months.append(date(year, month, 1))
    return sorted(months)


def demo_months(exports_dir: Path, today: date) -> list[date]:
    """The months to run: the folders present, or freshly generated ones."""
    found = sorted(p.name for p in exports_dir.glob("*") if p.is_dir() and _MONTH_DIR.match(p.name))
    if found:
        return [date(int(m[:4]), int(m[5:]), 1) for m in found]
    months = _previous_months(today, DEMO_MONTHS)
    print(f"Generating sample exports for {months[0]:%Y-%m}..{months[-1]:%Y-%m} "
          f"into {exports_dir}/")
    list(generate(exports_dir, months[0], months[-1], GeneratorOptions()))
    return months


def run_demo(args) -> int:
    paths = settings.resolve(args.exports, args.warehouse, args.schemes, args.data_docs)
    months = demo_months(paths.exports_dir, date.today())
    validated = None
    for month in months:
        validated = validate_month(paths.exports_dir, month)
        counts = validated.inputs.select("rows_read", "rows_accepted", "rows_rejected").sum()
        read, accepted, rejected = counts.row(0)
        state = "over the reject threshold" if validated.breaches else "usable"
        print(f"{month:%Y-%m}: {read:,} rows read, {accepted:,} accepted, "
              f"{rejected:,} rejected: {state}")
    print()
    print(report.validation_report(validated))
    return 1 if validated.breaches else 0
