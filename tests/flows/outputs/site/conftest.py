"""A generated quarter published into each warehouse once per session, for the report
site's tests, and the real browser that some of them drive."""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest
import sqlalchemy as sa

from tests.conftest import IN_CI
from tests.flows.conftest import backfill_months, paths

AUG, OCT = date(2026, 8, 1), date(2026, 10, 1)
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"
# A stored name that is markup: pages must show it as text.
HOSTILE_NAME = "<script>alert('x')</script> & \"Tom\" O'Brien"


class Published(NamedTuple):
    url: str
    docs: Path  # the runs' Data Docs root


def _publish(url: str, generated_exports: Path, root: Path) -> Published:
    p = paths(generated_exports, url, docs=root / "docs")
    results = backfill_months(AUG, OCT, p)
    assert [r.status for r in results] == ["published"] * 3
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:  # names are stored verbatim; one of them is markup
        conn.execute(
            sa.text(
                "UPDATE kpi_agent_monthly SET agent_name = :n WHERE agent_id = "
                "(SELECT MIN(agent_id) FROM kpi_agent_monthly)"
            ),
            {"n": HOSTILE_NAME},
        )
    engine.dispose()
    os.environ.pop("KPI_WAREHOUSE_URL", None)
    return Published(url, root / "docs")


@pytest.fixture(scope="session")
def published_sqlite(prefect_server, generated_exports, tmp_path_factory) -> Published:
    root = tmp_path_factory.mktemp("site-sqlite")
    return _publish(f"sqlite:///{root / 'warehouse.db'}", generated_exports, root)


@pytest.fixture(scope="session")
def published_postgres(
    prefect_server, generated_exports, postgres_server, tmp_path_factory
) -> Published:
    name = f"site_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return _publish(
        postgres_server.url(name), generated_exports, tmp_path_factory.mktemp("site-postgres")
    )


@pytest.fixture(params=["published_sqlite", "published_postgres"])
def published(request) -> Published:
    """The published quarter, on SQLite and on PostgreSQL."""
    return request.getfixturevalue(request.param)


def chromium_executable() -> str:
    """Debian's Chromium; under CI=true its absence fails instead of skipping."""
    found = os.environ.get("KPI_CHROMIUM") or shutil.which("chromium")
    if not found:
        message = "Chromium is not installed (apt-get install -y chromium)"
        if IN_CI:
            pytest.fail(f"{message}: required under CI=true")
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def chromium() -> str:
    return chromium_executable()
