"""Where the pipeline reads and writes, resolved once at the start of each flow run.

Paths: flow parameter (the CLI's option), then environment variable, then default
(`cli.md`). The warehouse URL is never a flow parameter, since Prefect stores those: it
comes from ``KPI_WAREHOUSE_URL`` (the CLI's ``--warehouse`` sets it for its own
process), else from a Prefect ``Secret`` block named ``kpi-warehouse-url``, else the
embedded default. Nothing else in the code reads these variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMES_DIR = PROJECT_ROOT / "config" / "schemes"
DEFAULT_WAREHOUSE_URL = "sqlite:///warehouse.db"
WAREHOUSE_URL_VARIABLE = "KPI_WAREHOUSE_URL"
WAREHOUSE_SECRET_BLOCK = "kpi-warehouse-url"


@dataclass(frozen=True)
class Settings:
    exports_dir: Path
    warehouse_url: str
    schemes_dir: Path
    data_docs_dir: Path

    def __repr__(self) -> str:  # a URL may carry a password: never print it
        return (f"Settings(exports_dir={self.exports_dir}, schemes_dir={self.schemes_dir}, "
                f"data_docs_dir={self.data_docs_dir})")


def _secret_block() -> str | None:
    """The URL from the Prefect Secret block, when a Prefect API has one."""
    try:
        from prefect.blocks.system import Secret

        return Secret.load(WAREHOUSE_SECRET_BLOCK, validate=False).get()
    except Exception:  # no such block, or no API to ask: fall back to the default
        return None


def use_warehouse(url: str | None) -> None:
    """The CLI's --warehouse: it reaches the flows through this process's environment."""
    if url:
        os.environ[WAREHOUSE_URL_VARIABLE] = url


def warehouse_url() -> str:
    return (os.environ.get(WAREHOUSE_URL_VARIABLE) or _secret_block()
            or DEFAULT_WAREHOUSE_URL)


def local_warehouse_url(url: str | None = None) -> str:
    """The warehouse URL for plain commands (`kpi report`): the option, else
    ``KPI_WAREHOUSE_URL``, else the default; never asks Prefect for its Secret block, so
    such a command starts no Prefect at all."""
    return url or os.environ.get(WAREHOUSE_URL_VARIABLE) or DEFAULT_WAREHOUSE_URL


def schemes_folder(schemes: str | None = None) -> Path:
    return Path(schemes or os.environ.get("KPI_SCHEMES_DIR") or DEFAULT_SCHEMES_DIR)


def reports_folder(reports: str | None = None) -> Path | None:
    """Where month sites go (``<this>/YYYY-MM``): the option, else ``KPI_REPORTS_DIR``,
    else ``./reports``; None when ``KPI_REPORTS_DIR`` is set to an empty string (runs
    then write no report)."""
    if reports:
        return Path(reports)
    value = os.environ.get("KPI_REPORTS_DIR")
    if value is None:
        return Path("reports")
    return Path(value) if value.strip() else None


def resolve(exports: str | None = None, schemes: str | None = None,
            data_docs: str | None = None) -> Settings:
    env = os.environ
    return Settings(
        exports_dir=Path(exports or env.get("KPI_EXPORTS_DIR") or "exports"),
        warehouse_url=warehouse_url(),
        schemes_dir=Path(schemes or env.get("KPI_SCHEMES_DIR") or DEFAULT_SCHEMES_DIR),
        data_docs_dir=Path(data_docs or env.get("KPI_DATA_DOCS_DIR") or "data_docs"),
    )
