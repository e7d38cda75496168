"""A generated quarter published into each warehouse once per session, for the report
site's tests, and the real browser that some of them drive."""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import date
from pathlib import Path
from typing import NamedTuple

import polars as pl
import pytest
import sqlalchemy as sa

from flows.outputs.site import read_month
from flows.storage.connection import connect
from tests.conftest import IN_CI
from tests.flows.conftest import backfill_months, paths
from transforms.scheme_changes import COLUMNS

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
def published(request, prefect_server) -> Published:
    """The published quarter, on SQLite and on PostgreSQL (published through the
    session's Prefect server, hence named here: such tests are `slow`)."""
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


NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)


def _plan(rows: list[dict], month: date) -> pl.DataFrame:
    base = {
        "month_start": month,
        "version": 1,
        "run_id": "r",
        "interview_id": "I1",
        "interview_on": date(2026, 9, 3),
        "interviewer": "王经理",
        "strengths": None,
        "shortfalls": None,
        "measure": None,
        "due_month_start": None,
    }
    return pl.DataFrame([{**base, **r} for r in rows], infer_schema_length=None)


def looped(url: str):
    """October with: agent A followed up on three goals of September's interview (met
    this month, missed on its due month, open until December), agent B's October
    interview recorded, agent C warned and not interviewed, a goal of August's still
    open past its due month, a training plan and a scheme change."""
    engine = connect(url)
    try:
        data = read_month(engine, OCT, None)
    finally:
        engine.dispose()
    cards = data.cards.with_columns(
        pl.when(pl.int_range(pl.len()) == 2).then(True).otherwise(False).alias("is_warning")
    )
    a, b, c = cards["agent_id"][:3]
    score = float(cards["score"][0])
    follow_ups = _plan(
        [
            {
                "agent_id": a,
                "row_number": 1,
                "goal_metric": "score",
                "goal_value": score - 1,
                "due_month_start": DEC,
                "met_month_start": OCT,
                "status_in_month": "met",
            },
            {
                "agent_id": a,
                "row_number": 2,
                "goal_metric": "complaint_rate",
                "goal_value": 0.0049,
                "due_month_start": OCT,
                "met_month_start": None,
                "status_in_month": "missed",
            },
            {
                "agent_id": a,
                "row_number": 3,
                "goal_metric": "satisfaction",
                "goal_value": 4.5,
                "due_month_start": DEC,
                "met_month_start": None,
                "status_in_month": "open",
            },
        ],
        date(2026, 9, 1),
    )
    interviews = _plan(
        [
            {
                "agent_id": b,
                "row_number": 1,
                "interview_on": NOV,
                "strengths": "耐心细致",
                "shortfalls": "回复偏慢",
                "goal_metric": "timely_rate",
                "goal_value": 0.95,
                "due_month_start": DEC,
                "measure": "跟岗学习",
            },
            {
                "agent_id": b,
                "row_number": 2,
                "interview_on": NOV,
                "strengths": "耐心细致",
                "shortfalls": "回复偏慢",
                "goal_metric": None,
                "goal_value": None,
            },
        ],
        OCT,
    )
    overdue = _plan(
        [
            {
                "agent_id": a,
                "row_number": 4,
                "goal_metric": "score",
                "goal_value": 80.0,
                "due_month_start": date(2026, 9, 1),
                "status": "open",
            }
        ],
        date(2026, 8, 1),
    )
    store = cards["store_id"][0]
    training = pl.DataFrame(
        {
            "month_start": [OCT],
            "store_id": [store],
            "improvement_topic": ["沟通能力"],
            "agent_count": [4],
        }
    )
    changes = pl.DataFrame(
        [
            ("weights", "satisfaction", "35", "40"),
            ("sla", "sla", "{}", "{ }"),
            ("period", "end_day", "25", None),
        ],
        schema=COLUMNS,
        orient="row",
    )
    shown = type(data)(
        **{
            **data.__dict__,
            "cards": cards,
            "follow_ups": follow_ups,
            "interviews": interviews,
            "overdue": overdue,
            "training": training,
            "changes": changes,
            "previous_scheme_version": "default-2025",
        }
    )
    return shown, (a, b, c)


@pytest.fixture(scope="session")
def october(published_sqlite):
    """`looped` October of the published quarter: (month data, (agent A, B, C))."""
    return looped(published_sqlite.url)
