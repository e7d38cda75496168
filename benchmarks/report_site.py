"""The report site at dealer-group scale: ``uv run python -m benchmarks.report_site``.

Times ``kpi report`` (a fresh process, imports included, no ``--pdf``) on a month of
200 stores and 2,000 agents with six months of history, the target being 30 s on two
cores (`feedback.md`), and the cost of one trend chart drawn as an SVG string. With
``--warehouse URL --month YYYY-MM`` it times that warehouse instead (the full benchmark,
``python -m benchmarks``, does so on its backfilled group-scale warehouse).

Without a warehouse it builds one, kept in ``--data`` for the next run: ``kpi generate``
writes six months of a 2-store department, ``kpi backfill`` publishes them into SQLite
(about a minute), then every published row is copied 100 times under new store and
agent ids (S001..S200). The pages' content is then repeated, but each page is still
read, derived and rendered on its own, which is what the time measures.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from benchmarks import spawn
from transforms.months import parse_month

BIN = Path(sys.executable).parent
TARGET_SECONDS = 30.0
_COPIES = 100
_FIRST, _MONTH = "2026-05", "2026-10"
# Tables whose rows are copied, and their id columns rewritten per copy.
_SCALED = {
    "kpi_agent_monthly": ("store_id", "agent_id", "team_id"),
    "kpi_team_monthly": ("store_id",),
    "kpi_appeal_outcome": ("agent_id", "appeal_id"),
}


def _renamed(column: str, copy: int) -> str:
    """SQL for a copied id: store numbers shifted by 2 per copy, other ids prefixed."""
    if column == "store_id":
        return f"printf('S%03d', CAST(substr(store_id, 2) AS INTEGER) + {2 * copy})"
    return f"'{copy:03d}' || {column}"


def build_warehouse(folder: Path) -> str:
    """The scaled warehouse's URL (built once into ``folder``)."""
    target = folder / "report-group.db"
    url = f"sqlite:///{target}"
    if target.exists():
        return url
    folder.mkdir(parents=True, exist_ok=True)
    exports, small = folder / "report-exports", folder / "report-small.db"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    if not (exports / _MONTH / "appeals.csv").exists():
        subprocess.run(
            [
                str(BIN / "kpi"),
                "generate",
                "--out",
                str(exports),
                "--from",
                _FIRST,
                "--to",
                _MONTH,
                "--stores",
                "2",
                "--seed",
                "11",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
        )
    small.unlink(missing_ok=True)
    subprocess.run(
        [
            str(BIN / "kpi"),
            "backfill",
            "--from",
            _FIRST,
            "--to",
            _MONTH,
            "--exports",
            str(exports),
            "--warehouse",
            f"sqlite:///{small}",
            "--data-docs",
            str(folder / "report-docs"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    part = Path(f"{target}.part")
    part.unlink(missing_ok=True)
    with sqlite3.connect(small) as source, sqlite3.connect(part) as copy:
        source.backup(copy)  # the WAL's pages included, unlike a file copy
    engine = sa.create_engine(f"sqlite:///{part}")
    with engine.begin() as conn:
        for table, ids in _SCALED.items():
            columns = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
            conn.exec_driver_sql(f"CREATE TEMP TABLE original AS SELECT * FROM {table}")
            for copy in range(1, _COPIES):
                chosen = ", ".join(_renamed(c, copy) if c in ids else c for c in columns)
                conn.exec_driver_sql(
                    f"INSERT INTO {table} ({', '.join(columns)}) SELECT {chosen} FROM original"
                )
            conn.exec_driver_sql("DROP TABLE original")
    engine.dispose()
    part.rename(target)
    return url


def chart_microseconds(repeats: int = 10_000) -> float:
    from flows.outputs.site import charts

    labels = ["5月", "6月", "7月", "8月", "9月", "10月"]
    keys = [f"2026-{m:02d}" for m in range(5, 11)]
    values = [None, 61.2, 63.5, 60.1, 58.9, 62.0]
    started = time.perf_counter()
    for _ in range(repeats):
        charts.trend_chart(
            labels,
            keys,
            values,
            title="得分",
            low=0,
            high=100,
            show=lambda v: f"{v:.2f}",
            css_class="trend-score",
            guides=[(90, "A"), (80, "B"), (70, "C"), (60, "D")],
        )
    return (time.perf_counter() - started) / repeats * 1e6


def time_report(url: str, month: date, out: Path, repeats: int) -> tuple[float, float, int]:
    """(median wall s, peak RSS MB, pages written) of ``kpi report`` processes."""
    walls, peak = [], 0.0
    env = {k: v for k, v in os.environ.items() if not k.startswith("KPI_")}
    for _ in range(repeats):
        wall, rss, code = spawn.run(
            [
                str(BIN / "kpi"),
                "report",
                "--month",
                f"{month:%Y-%m}",
                "--warehouse",
                url,
                "--out",
                str(out),
            ],
            env,
            subprocess.DEVNULL,
        )
        walls.append(wall)
        peak = max(peak, rss)
        if code:
            raise SystemExit(f"kpi report failed (exit {code})")
    pages = sum(1 for p in out.rglob("*.html"))
    return statistics.median(walls), peak, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.report_site",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kpi-benchmark",
        help="where the built warehouse is kept (default: %(default)s)",
    )
    parser.add_argument("--warehouse", metavar="URL", help="time this warehouse instead")
    parser.add_argument("--month", type=parse_month, default=parse_month(_MONTH))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    url = args.warehouse or build_warehouse(args.data.resolve())
    with tempfile.TemporaryDirectory(prefix="kpi-report-bench-") as work:
        wall, peak, pages = time_report(url, args.month, Path(work) / "site", args.repeats)
    chart = chart_microseconds()
    met = "met" if wall <= TARGET_SECONDS else "NOT met"
    print(
        f"kpi report {args.month:%Y-%m} without --pdf: {wall:.2f} s (median of "
        f"{args.repeats}), {pages:,} pages, peak RSS {peak:.0f} MB; target "
        f"≤ {TARGET_SECONDS:g} s {met}. One trend chart as an SVG string: {chart:.0f} µs. "
        f"{os.cpu_count()} cores."
    )
    return 0 if wall <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
