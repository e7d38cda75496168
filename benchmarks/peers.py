"""What the pipeline is measured against, each run in its own process by the benchmark:

- ``floor``: the parse floor, every CSV of the month read into typed polars frames (the
  contract's columns, times and dates in their one canonical format, ratings as
  integers, the rest as text), nothing else;
- ``duckdb``: the bare DuckDB peer, the month's scorecards in one SQL query straight
  from the CSVs (``peer.sql``), no validation, quarantine or lineage.

``python -m benchmarks.peers floor|duckdb MONTH_DIR [OUT.csv]`` prints one JSON line:
the wall seconds of the work (imports excluded, they are reported apart), peak RSS and
rows (the DuckDB peer writes its scorecards to OUT.csv).
"""

from __future__ import annotations

import csv
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

PEER_SQL = Path(__file__).with_name("peer.sql")


def parse_floor(month_dir: Path) -> tuple[int, float]:
    """(rows, seconds)."""
    import polars as pl

    from schemas.contracts import EXPORTS, Kind

    # polars' CSV reader parses times per value far slower than a vectorised cast with a
    # known format, so the floor reads text and casts: the fastest typed frames polars gives.
    typed = {
        Kind.TIMESTAMP: lambda c: c.str.to_datetime(
            "%Y-%m-%d %H:%M:%S", time_unit="us", cache=False
        ),
        Kind.DATE: lambda c: c.str.to_date("%Y-%m-%d"),
        Kind.RATING: lambda c: c.cast(pl.Int8),
    }
    started = time.perf_counter()
    frames = [
        pl.read_csv(month_dir / f"{e.name}.csv", schema={c: pl.String for c in e.column_names})
        .lazy()
        .with_columns(typed[c.kind](pl.col(c.name)) for c in e.columns if c.kind in typed)
        .collect(engine="in-memory")
        for e in EXPORTS
    ]
    return sum(f.height for f in frames), time.perf_counter() - started


def duckdb_peer(month_dir: Path, out: Path | None) -> tuple[int, float]:
    """(scorecards, seconds)."""
    import duckdb

    start = date.fromisoformat(f"{month_dir.name}-01")
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    query = PEER_SQL.read_text().format(dir=month_dir, month_start=start, next_month=following)
    started = time.perf_counter()
    relation = duckdb.sql(query)
    rows = relation.fetchall()
    elapsed = time.perf_counter() - started
    if out is not None:
        with out.open("w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(relation.columns)
            writer.writerows(rows)
    return len(rows), elapsed


def main(argv: list[str]) -> None:
    kind, month_dir = argv[0], Path(argv[1])
    rows, seconds = (
        parse_floor(month_dir)
        if kind == "floor"
        else duckdb_peer(month_dir, Path(argv[2]) if len(argv) > 2 else None)
    )
    print(
        json.dumps(
            {
                "wall_s": seconds,
                "rows": rows,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
