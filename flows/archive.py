"""The run archive (`docs/warehouse.md`, "Traceability"): every row a published version
read, kept so that any version can be explained after its export files changed or were
deleted. The only module that writes or reads archive files.

Layout: ``<archive>/<YYYY-MM>/<run_id>/`` holds one Parquet file (zstd) per input export
(`transforms.quarantine.archive_rows`: row number, class, reasons, the contract columns
as read) and ``manifest.json`` (the files' names, sizes, sha256 and encodings, the
scheme file and its sha256, the period). A run writes into ``.<run_id>.partial`` while
it validates; staging renames it into place and writes the manifest last, so a folder
without a manifest is never a version's archive. A run's archive is never rewritten;
the archive of a version that never became current is removed with its rows, and a
partial folder left by a killed run with the next run of the month.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from flows.errors import KpiError

MANIFEST = "manifest.json"


class ArchiveError(KpiError):
    """The archive cannot be written or read."""

    exit_code = 3


def month_folder(root: Path, month: date) -> Path:
    return root / f"{month:%Y-%m}"


def partial(root: Path, month: date, run_id: str) -> Path:
    """A fresh folder for the run's archive while it validates."""
    folder = month_folder(root, month) / f".{run_id}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=False)
    except OSError as exc:
        raise ArchiveError(
            f"{folder}: cannot create the run's archive ({exc.strerror or exc}); point "
            "--archive (KPI_ARCHIVE_DIR) at a writable folder"
        ) from None
    return folder


def finish(root: Path, month: date, run_id: str, manifest: dict) -> Path:
    """Put the run's archive in place: its folder, then its manifest, last."""
    source = month_folder(root, month) / f".{run_id}.partial"
    target = month_folder(root, month) / run_id
    if target.exists():
        raise ArchiveError(f"{target}: a run's archive is never rewritten")
    try:
        source.rename(target)
        (target / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
        )
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise ArchiveError(
            f"{target}: cannot write the run's archive ({exc.strerror or exc}); nothing was "
            "published. Free space or fix --archive (KPI_ARCHIVE_DIR), then run again"
        ) from None
    return target


def discard(root: Path, month: date, run_ids: set[str] | list[str]) -> None:
    """Remove the archives (complete or partial) of runs whose rows never became current."""
    for run_id in run_ids:
        for folder in (
            month_folder(root, month) / run_id,
            month_folder(root, month) / f".{run_id}.partial",
        ):
            shutil.rmtree(folder, ignore_errors=True)


def discard_partials(root: Path, month: date, keep: str) -> None:
    """Remove partial folders of the month but ``keep``'s: runs that died (the caller holds
    the month's lock, so no other run of the month is writing)."""
    for folder in month_folder(root, month).glob(".*.partial"):
        if folder.name != f".{keep}.partial":
            shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Archive:
    folder: Path
    manifest: dict

    def rows(self, source: str) -> pl.DataFrame:
        """Every row read from the export ``source``, with its class and reasons."""
        entry = next((f for f in self.manifest["files"] if f["source"] == source), None)
        if entry is None:
            raise ArchiveError(f"{self.folder}: no {source} file in this run's archive")
        return pl.read_parquet(self.folder / entry["archive_file"])


def read(root: Path, month: date, run_id: str) -> Archive | None:
    """A run's archive, or None when the run has none (published before archives)."""
    folder = month_folder(root, month) / run_id
    if not (folder / MANIFEST).is_file():
        return None
    return Archive(folder, json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
