"""Reading scheme files (`scheme.md` §7): the only module that opens them.

Month M uses the file with the latest ``effective_from`` on or before M's first day.
Every ``*.yaml``/``*.yml`` file of the folder must be a valid scheme, so a broken file
is reported even when another month would use it. M's evaluation period (§9.1) depends
on M's scheme and M−1's, so it is read from the folder too (`period_for_month`).

A published version's scheme is read from the warehouse, never from the folder
(`version_scheme`): a run records the file it used in ``kpi_scheme``, and a file whose
version is recorded with other content is refused (`flows.storage.writes.check_schemes`), so
what a version was scored with cannot change under its statements.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import yaml
from pydantic import ValidationError

from flows.common.errors import SchemeError
from schemas.scheme import Scheme
from transforms.months import previous_month
from transforms.periods import Period, month_period, period_end_on


@dataclass(frozen=True)
class SchemeFile:
    path: Path
    sha256: str
    scheme: Scheme
    content: str = ""  # the file's text as read (what kpi_scheme keeps)


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


# libyaml's loader where PyYAML was built with it (the wheels are): the same documents
# and marks, ten times faster (a run reads its scheme and every earlier month's).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(data: bytes | str, where: str) -> Scheme:
    try:
        raw = yaml.load(data, Loader=_LOADER)  # a safe loader, C or Python
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SchemeError(f"{where}: not valid YAML{at}: {problem}; fix the file") from exc
    if not isinstance(raw, dict):
        raise SchemeError(
            f"{where}: a scheme file is a YAML mapping of keys (see docs/scheme.md, Keys)"
        )
    try:
        return Scheme.model_validate(raw)
    except ValidationError as exc:
        raise SchemeError(f"{where}: {_describe(exc)}; fix the scheme file") from exc


def stored_scheme(content: str, version: str) -> Scheme | None:
    """A scheme file's text as the warehouse keeps it (``kpi_scheme``), or None when this
    release cannot read it (a key it no longer knows): what reads earlier months' schemes
    for a rule of their own (recognition) then treats those months as not judged."""
    try:
        return _parse(content, f"the warehouse's kpi_scheme {version!r}")
    except SchemeError:
        return None


def _text(data: bytes) -> str:
    """The file's text, as YAML reads it (UTF-8, or UTF-16 with its byte order mark)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    return data.decode("utf-8", errors="replace")


def load_scheme_file(path: Path) -> SchemeFile:
    data = path.read_bytes()
    scheme = _parse(data, str(path))
    return SchemeFile(path, hashlib.sha256(data).hexdigest(), scheme, _text(data))


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


def check_months(folder: Path, months: list[date]) -> list[SchemeFile]:
    """Every scheme file of the folder is valid and each month has one in force: the
    check before a run starts (the folder is read once). Returns the files the months
    use."""
    files = load_schemes(folder)
    used = {_required(files, folder, month_start).path: None for month_start in months}
    return [f for f in files if f.path in used]


def scheme_for_month(folder: Path, month_start: date) -> SchemeFile:
    """The scheme in force for the month (latest effective_from on or before it)."""
    return _required(load_schemes(folder), folder, month_start)


def changed_schemes(folder: Path, published: pl.DataFrame) -> pl.DataFrame:
    """The published months (``month_start``, ``scheme_version``, ``scheme_sha256`` of
    their current versions) that a run would publish again because of the scheme files
    in ``folder``: the file in force is not the one the version used (its fingerprint
    covers the file), or the version was published before runs recorded their file
    (its fingerprint was computed by an earlier release). A month without a file in
    force is left out: its run fails, it publishes nothing.

    Output grain: one row per such month: ``month_start``, ``scheme_version`` (used),
    ``scheme_now`` (in force; null: unknown, not recorded)."""
    files = load_schemes(folder)
    rows = []
    for month, version, sha in published.select(
        "month_start", "scheme_version", "scheme_sha256"
    ).iter_rows():
        now = _in_force(files, month)
        if now is not None and now.sha256 != sha:
            rows.append((month, version, now.scheme.version if sha else None))
    return pl.DataFrame(
        rows,
        schema={"month_start": pl.Date, "scheme_version": pl.String, "scheme_now": pl.String},
        orient="row",
    )


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


def version_scheme(conn, info) -> Scheme:
    """The scheme a published version (`flows.storage.reads.MonthVersion`) was scored with,
    as its run recorded it in the warehouse; `SchemeError` when the warehouse does not
    hold it (published before runs recorded their scheme, and not provable since)."""
    from flows.storage import reads

    content = reads.recorded_scheme(conn, info.run_id)
    if content is None:
        raise SchemeError(
            f"version {info.version} was scored with scheme {info.scheme_version!r}, whose "
            "file the warehouse does not hold: the version was published before the "
            "warehouse kept scheme files, and no bundled scheme file proves to be the one it "
            "used, so reading one might show what the version was not scored with. Publish "
            f"the month again (kpi run --month {info.month:%Y-%m} --force) to have a version "
            "whose scheme is kept",
            month=info.month,
        )
    return _parse(content, f"the warehouse's kpi_scheme {info.scheme_version!r}")
