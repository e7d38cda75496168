"""Reading scheme files (`scheme.md` §7): the only module that opens them.

Month M uses the file with the latest ``effective_from`` on or before M's first day.
Every ``*.yaml``/``*.yml`` file of the folder must be a valid scheme, so a broken file
is reported even when another month would use it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError

from flows.errors import SchemeError
from schemas.scheme import Scheme


@dataclass(frozen=True)
class SchemeFile:
    path: Path
    sha256: str
    scheme: Scheme


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(top level)"
        message = item["msg"]
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
        raise SchemeError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise SchemeError(f"{path}: a scheme file is a YAML mapping of keys (see scheme.md §7)")
    try:
        scheme = Scheme.model_validate(raw)
    except ValidationError as exc:
        raise SchemeError(f"{path}: {_describe(exc)}; fix the scheme file") from exc
    return SchemeFile(path, hashlib.sha256(data).hexdigest(), scheme)


def load_schemes(folder: Path) -> list[SchemeFile]:
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if not paths:
        raise SchemeError(
            f"{folder}: no scheme files (*.yaml); point --schemes / KPI_SCHEMES_DIR at the "
            "folder of scheme files"
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


def scheme_for_month(folder: Path, month_start: date) -> SchemeFile:
    """The scheme in force for the month (latest effective_from on or before it)."""
    candidates = [f for f in load_schemes(folder) if f.scheme.effective_from <= month_start]
    if not candidates:
        raise SchemeError(
            f"{folder}: no scheme is effective for {month_start:%Y-%m} (the earliest "
            "effective_from is later); add a scheme file that covers it"
        )
    return max(candidates, key=lambda f: f.scheme.effective_from)
