"""The local preconditions of a command (folders, the SQLite file's folder, months and
scheme files), checked before Prefect, Great Expectations or polars are imported."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from flows.common.errors import (
    PreconditionError,
    UsageError,
)
from flows.common.settings import Settings, sqlite_file, url_problem


def _folder(path: Path, what: str, hint: str) -> None:
    if path.exists() and not path.is_dir():
        raise PreconditionError(f"{path}: is a file, not a folder; {hint}")
    if not path.is_dir():
        raise PreconditionError(f"{path}: no such {what} folder; {hint}")


def _writable(path: Path, what: str) -> None:
    """``path`` (a folder to create or fill) can be written: its nearest existing folder
    is a writable folder."""
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise PreconditionError(
            f"{path}: {existing} is a file, not a folder; choose another {what}"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PreconditionError(
            f"{path}: {existing} is not writable for this user; choose "
            f"another {what} or fix its permissions"
        )


def _warehouse_url(url: str) -> None:
    """A URL that cannot name a warehouse is told at once (exit 2), before a flow or a
    server starts, and never recorded as a run."""
    problem = url_problem(url) if url else None
    if problem:
        raise UsageError(problem)


def _warehouse_file(url: str) -> None:
    path = sqlite_file(url) if url else None
    if path is None:
        return
    folder = path.resolve().parent
    if folder.exists() and not folder.is_dir():
        raise PreconditionError(
            f"the warehouse file's folder {folder} is a file, not a folder; give another "
            "--warehouse"
        )
    if not folder.is_dir():
        raise PreconditionError(
            f"the warehouse file's folder {folder} does not exist; create it "
            "or give another --warehouse"
        )


def _months(args) -> list[date]:
    from transforms.months import months_between

    if args.command in ("run", "validate"):
        return [args.month]
    if args.command == "status" and not (args.first and args.last):
        return []
    if args.last < args.first:
        raise UsageError(
            f"--to {args.last:%Y-%m} is before --from {args.first:%Y-%m}; give "
            "the earlier month with --from"
        )
    return months_between(args.first, args.last)


def _schemes_of(months: list[date], schemes: Path) -> None:
    """Every month's scheme file loads (a malformed one is told now, not after Prefect's
    start-up); the flow loads them again, as a deployment run does."""
    from flows.inputs.schemes import check_months

    check_months(schemes, months)


def _settings(args) -> Settings:
    """The command's settings as its flows will see them (its options over the KPI_*
    variables over the defaults), without the warehouse's fall-through (no Prefect yet)."""
    return Settings(
        exports_dir=getattr(args, "exports", None),
        schemes_dir=getattr(args, "schemes", None),
        data_docs_dir=getattr(args, "data_docs", None),
        archive_dir=getattr(args, "archive", None),
        reports_dir="" if getattr(args, "no_report", False) else getattr(args, "reports", None),
        lang=getattr(args, "lang", None),
        warehouse_url=getattr(args, "warehouse", None),
    )


def _month_folders(exports: Path, months: list[date]) -> None:
    """The exports root exists and holds a folder of every month."""
    _folder(
        exports,
        "exports",
        "point --exports (or KPI_EXPORTS_DIR) at the folder that holds the month folders (YYYY-MM)",
    )
    missing = [m for m in months if not (exports / f"{m:%Y-%m}").is_dir()]
    if missing:
        names = ", ".join(f"{m:%Y-%m}" for m in missing)
        # --exports given the month's own folder (exports/2026-10) instead of the root
        hint = (
            f"{exports} is itself a month's folder: point --exports at the folder that "
            f"holds it ({exports.resolve().parent})"
            if re.fullmatch(r"\d{4}-\d{2}", exports.resolve().name)
            else f"put the month's exports in {exports}/YYYY-MM/ or point --exports at "
            "the right root"
        )
        raise PreconditionError(
            f"{exports}: no month folder {names}; {hint}",
            month=missing[0] if len(missing) == 1 else None,
        )


def check(args) -> None:
    """Every local precondition of the command (see the module doc), on the folders the
    command's `Settings` name; resolves ``args.lang`` (--lang, KPI_LANG, zh-CN) once; an
    unknown KPI_TIMEZONE is told before anything is written."""
    config = _settings(args)
    args.lang = config.lang
    exports = config.exports_dir
    if args.command in ("run", "backfill", "validate"):
        _month_folders(exports, _months(args))
    if getattr(args, "schemes", None):
        _folder(Path(args.schemes), "schemes", "point --schemes at the folder of scheme files")
    if args.command == "status":
        _months(args)
    if args.command == "explain":
        _folder(
            config.archive_dir,
            "archive",
            "point --archive (or KPI_ARCHIVE_DIR) at the folder the runs archived into",
        )
    if args.command == "generate":
        _months(args)
        _writable(Path(args.out), "--out folder")
    if args.command == "export":
        out = Path(args.out)
        if out.suffix.lower() not in (".xlsx", ".csv"):
            raise UsageError(f"{out}: the payroll file must end in .xlsx or .csv")
        if not out.parent.is_dir():
            raise PreconditionError(
                f"{out}: the folder {out.parent} does not exist; create it or choose another --out"
            )
        _writable(out.parent, "--out folder")
    if args.command in ("run", "backfill", "demo"):
        _writable(config.data_docs_dir, "--data-docs folder")
        _writable(config.archive_dir, "--archive folder")
        if config.reports_dir is not None:
            _writable(config.reports_dir, "--reports folder")
    if args.command == "report" and args.out:
        _writable(Path(args.out), "--out folder")
    if args.command in (
        "run",
        "backfill",
        "demo",
        "export",
        "report",
        "explain",
        "approve",
        "status",
        "db",
    ):
        _warehouse_url(config.warehouse_url)
        _warehouse_file(config.warehouse_url)
    if args.command == "validate":
        _warehouse_url(config.warehouse_url)
    if args.command in ("run", "backfill"):  # last: the scheme models import polars
        _schemes_of(_months(args), config.schemes_dir)


# ---------------------------------------------------------------- the commands
