"""The benchmark's data (`python -m benchmarks`): generated months, the empty month, and
their sizes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

from benchmarks.measuring import BIN, log
from transforms.months import months_between

# Free space a 1,000-store month needs (its CSVs, about 2.3 GB, and a run's archive).
THOUSAND_BYTES = 3 * 1024**3


def generate(out: Path, first: date, last: date, *, stores: int) -> None:
    wanted = [out / f"{m:%Y-%m}" for m in months_between(first, last)]
    # appeals.csv is the generator's last file of a month: its presence means complete.
    if all((m / "appeals.csv").exists() for m in wanted):
        return
    log(f"generating {first:%Y-%m}..{last:%Y-%m} at {stores} store(s) into {out}")
    # --overwrite: when a month of the range is missing, the whole range is written again.
    subprocess.run(
        [
            str(BIN / "kpi"),
            "generate",
            "--overwrite",
            "--out",
            str(out),
            "--from",
            f"{first:%Y-%m}",
            "--to",
            f"{last:%Y-%m}",
            "--stores",
            str(stores),
            "--clean",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def empty_month(source: Path, out: Path) -> None:
    """The source month's roster, and every other file with its header only."""
    if out.exists():
        return
    out.mkdir(parents=True)
    for path in source.glob("*.csv"):
        if path.stem == "agents":
            shutil.copy(path, out / path.name)
        else:
            with path.open("rb") as fh:
                (out / path.name).write_bytes(fh.readline())


def describe(folder: Path) -> tuple[int, float]:
    """(data rows, MB) of a month folder."""
    rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in folder.glob("*.csv"))
    return rows, sum(p.stat().st_size for p in folder.glob("*.csv")) / 1e6


def csv_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.csv"))
