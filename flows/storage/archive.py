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

Decision: a run holds an flock on its partial folder for as long as it lives, and the
clean-up removes only partial folders that nobody holds. The month's lock belongs to one
warehouse, while one archive folder may serve several (a test warehouse beside the real
one, runs of several seeds in one working folder): without the folder's own lock, a run
of the month in one warehouse removed the folder another warehouse's run was writing.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from flows.common.errors import KpiError

MANIFEST = "manifest.json"


class ArchiveError(KpiError):
    """The archive cannot be written or read."""

    exit_code = 3


def month_folder(root: Path, month: date) -> Path:
    return root / f"{month:%Y-%m}"


def partial_folder(root: Path, month: date, run_id: str) -> Path:
    return month_folder(root, month) / f".{run_id}.partial"


@contextlib.contextmanager
def writing(root: Path, month: date, run_id: str) -> Iterator[Path]:
    """A fresh folder for the run's archive while it validates, held (an flock on the
    folder itself, which the rename into place keeps) until the run ends or dies, so
    that no other run's clean-up removes it (see the module doc)."""
    folder = partial_folder(root, month, run_id)
    try:
        folder.mkdir(parents=True, exist_ok=False)
        handle = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise ArchiveError(
            f"{folder}: cannot create the run's archive ({exc.strerror or exc}); point "
            "--archive (KPI_ARCHIVE_DIR) at a writable folder"
        ) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(handle)


def unwritable(folder: Path, exc: BaseException) -> ArchiveError:
    """The run's archive could not be written while it validated."""
    detail = getattr(exc, "strerror", None) or (str(exc).splitlines() or [""])[0]
    return ArchiveError(
        f"{folder}: cannot write the run's archive ({detail}); nothing was published. "
        "Free space or fix --archive (KPI_ARCHIVE_DIR), then run again"
    )


def finish(root: Path, month: date, run_id: str, manifest: dict) -> Path:
    """Put the run's archive in place: its folder, then its manifest, last."""
    source = partial_folder(root, month, run_id)
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
        for folder in (month_folder(root, month) / run_id, partial_folder(root, month, run_id)):
            shutil.rmtree(folder, ignore_errors=True)


def discard_partials(root: Path, month: date, keep: str) -> None:
    """Remove the month's partial folders, but ``keep``'s, that no living run holds: those
    of runs that died. A folder held by a run of another warehouse stays."""
    for folder in month_folder(root, month).glob(".*.partial"):
        if folder == partial_folder(root, month, keep):
            continue
        try:
            handle = os.open(folder, os.O_RDONLY)
        except OSError:  # gone meanwhile, or not ours to open
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: its run is alive
            os.close(handle)
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(handle)


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
