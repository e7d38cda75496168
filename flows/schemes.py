"""Reading scheme files (`scheme.md` §7): the only module that opens them.

Month M uses the file with the latest ``effective_from`` on or before M's first day.
Every ``*.yaml``/``*.yml`` file of the folder must be a valid scheme, so a broken file
is reported even when another month would use it. M's evaluation period (§9.1) depends
on M's scheme and M−1's, so it is read from the folder too (`period_for_month`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from pydantic import ValidationError

from flows.errors import SchemeError
from schemas.scheme import Scheme
from transforms.months import previous_month
from transforms.periods import Period, month_period, period_end_on


@dataclass(frozen=True)
class SchemeFile:
    path: Path
    sha256: str
    scheme: Scheme


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(top level)"
        message = item["msg"].removeprefix("Value error, ")  # pydantic's, not ours
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif item["type"] == "missing":
            message = "missing key"
        parts.append(f"{key}: {message}")
    return "; ".join(parts)


def load_scheme_file(path: Path) -> SchemeFile:
    data = path.read_bytes()
    try:
        raw = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SchemeError(f"{path}: not valid YAML{where}: {problem}; fix the file") from exc
    if not isinstance(raw, dict):
        raise SchemeError(
            f"{path}: a scheme file is a YAML mapping of keys (see docs/scheme.md, Keys)"
        )
    try:
        scheme = Scheme.model_validate(raw)
    except ValidationError as exc:
        raise SchemeError(f"{path}: {_describe(exc)}; fix the scheme file") from exc
    return SchemeFile(path, hashlib.sha256(data).hexdigest(), scheme)


def load_schemes(folder: Path, *, hint: str = "--schemes (or KPI_SCHEMES_DIR)") -> list[SchemeFile]:
    """Every scheme file of the folder, checked. ``hint``: how the operator points the run
    at another folder."""
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if not paths:
        raise SchemeError(
            f"{folder}: no scheme files (*.yaml); point {hint} at the folder of scheme files"
        )
    files = [load_scheme_file(p) for p in paths]
    seen: dict[date, Path] = {}
    for file in files:
        other = seen.setdefault(file.scheme.effective_from, file.path)
        if other != file.path:
            raise SchemeError(
                f"{other.name} and {file.path.name} in {folder} are both effective from "
                f"{file.scheme.effective_from}; give one of them another effective_from"
            )
    return files


def _in_force(files: list[SchemeFile], month_start: date) -> SchemeFile | None:
    candidates = [f for f in files if f.scheme.effective_from <= month_start]
    return max(candidates, key=lambda f: f.scheme.effective_from) if candidates else None


def _required(files: list[SchemeFile], folder: Path, month_start: date) -> SchemeFile:
    found = _in_force(files, month_start)
    if found is None:
        raise SchemeError(
            f"{folder}: no scheme is effective for {month_start:%Y-%m} (the earliest "
            "effective_from is later); add a scheme file that covers it"
        )
    return found


def check_months(folder: Path, months: list[date]) -> None:
    """Every scheme file of the folder is valid and each month has one in force: the
    command line's check before a run starts (the folder is read once)."""
    files = load_schemes(folder)
    for month_start in months:
        _required(files, folder, month_start)


def scheme_for_month(folder: Path, month_start: date) -> SchemeFile:
    """The scheme in force for the month (latest effective_from on or before it)."""
    return _required(load_schemes(folder), folder, month_start)


def _end_day(scheme: Scheme) -> int | None:
    return scheme.period.end_day if scheme.period else None


def month_scheme(
    folder: Path,
    month_start: date,
    *,
    hint: str = "--schemes (or KPI_SCHEMES_DIR)",
    previous_end_on: date | None = None,
) -> tuple[SchemeFile, Period]:
    """The month's scheme and evaluation period, reading the folder once.
    ``previous_end_on``: the last day of M−1's published current version, where M−1 is
    published (see `_period`)."""
    files = load_schemes(folder, hint=hint)
    scheme_file = _required(files, folder, month_start)
    return scheme_file, _period(files, folder, month_start, previous_end_on)


def _period(
    files: list[SchemeFile], folder: Path, month_start: date, previous_end_on: date | None = None
) -> Period:
    """M ends as M's scheme says. It starts the day after M−1's period ended: as M−1's
    published current version has it when M−1 is published, so that published periods
    never leave a gap or overlap, whatever scheme file was added for M−1 since (it takes
    effect when M−1 is published again, and M then follows); else under the scheme in
    force for M−1 (or M's own, at the start of the history)."""
    scheme = _required(files, folder, month_start).scheme
    if previous_end_on is not None:
        return Period(
            previous_end_on + timedelta(days=1), period_end_on(month_start, _end_day(scheme))
        )
    before = _in_force(files, previous_month(month_start))
    previous = before.scheme if before else scheme
    return month_period(month_start, _end_day(scheme), _end_day(previous))


def period_for_month(folder: Path, month_start: date) -> Period:
    """Month M's evaluation period: it ends as M's scheme says and starts right after
    M−1's period ended under the scheme in force for M−1. When no file covers M−1 (M is
    the first month of the history), M's own scheme stands in for it (§9.1)."""
    return _period(load_schemes(folder), folder, month_start)
