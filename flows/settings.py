"""Where the pipeline reads and writes, resolved once per command.

Precedence: command-line option, then environment variable, then default (`cli.md`).
Nothing else in the code reads these environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMES_DIR = PROJECT_ROOT / "config" / "schemes"


@dataclass(frozen=True)
class Settings:
    exports_dir: Path
    warehouse_url: str
    schemes_dir: Path
    data_docs_dir: Path


def resolve(
    exports: str | None = None,
    warehouse: str | None = None,
    schemes: str | None = None,
    data_docs: str | None = None,
) -> Settings:
    env = os.environ
    return Settings(
        exports_dir=Path(exports or env.get("KPI_EXPORTS_DIR") or "exports"),
        warehouse_url=warehouse or env.get("KPI_WAREHOUSE_URL") or "sqlite:///warehouse.db",
        schemes_dir=Path(schemes or env.get("KPI_SCHEMES_DIR") or DEFAULT_SCHEMES_DIR),
        data_docs_dir=Path(data_docs or env.get("KPI_DATA_DOCS_DIR") or "data_docs"),
    )
