"""The run archive's write time (issue 11), in process: ``python -m benchmarks.archive_cost
EXPORTS_ROOT YYYY-MM [--repeats N]``.

A run writes its archive inside the validate-export tasks (`flows.inputs.validate._outcome`:
each file's Parquet is one more sink of the same ``collect_all`` that counts, rejects and
types its rows), so Prefect's task times cannot separate it. This times the month's
extract and validation (the plain steps, no Prefect) with and without an archive folder,
alternating after an uncounted warm-up, and prints one JSON line: the best seconds of
each, their difference (what archiving adds) and the archive's bytes. Imports and the
scheme's loading are excluded.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder`` (``du -sb``, without the folders' own)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.archive_cost")
    parser.add_argument("exports", type=Path)
    parser.add_argument("month")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)

    from flows.common.settings import DEFAULT_SCHEMES_DIR
    from flows.inputs.schemes import month_scheme
    from flows.inputs.validate import extract_and_validate
    from transforms.months import parse_month

    month = parse_month(args.month)
    scheme_file, period = month_scheme(Path(DEFAULT_SCHEMES_DIR), month)
    quality = scheme_file.scheme.data_quality
    work = Path(tempfile.mkdtemp(prefix="kpi-archive-cost-"))
    times: dict[str, list[float]] = {"without": [], "with": []}
    archived = 0
    try:
        # One uncounted run first: the page cache and polars' first-call costs.
        extract_and_validate(args.exports, month, quality, period=period)
        for n in range(args.repeats):
            for kind in ("without", "with"):
                folder = work / str(n)
                if kind == "with":
                    folder.mkdir()
                started = time.perf_counter()
                extract_and_validate(
                    args.exports,
                    month,
                    quality,
                    period=period,
                    archive=folder if kind == "with" else None,
                )
                times[kind].append(time.perf_counter() - started)
                if kind == "with":
                    archived = folder_bytes(folder)
                    shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    without, with_ = min(times["without"]), min(times["with"])
    print(
        json.dumps(
            {
                "without_s": without,
                "with_s": with_,
                "archive_s": with_ - without,
                "archive_bytes": archived,
                "trials": times,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
