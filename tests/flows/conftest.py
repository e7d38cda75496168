"""Fixtures for flow tests: month folders written inline or by the generator."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import polars as pl
import pytest
import sqlalchemy as sa

from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.generator.generate import generate
from flows.generator.options import GeneratorOptions
from tests.prefect_harness import prefect_harness

OCT = date(2026, 10, 1)

AGENTS = (
    "agent_id,agent_name,store_id,team_id,hired_on,left_on\n"
    "a1,王伟,S1,T1,2020-01-01,\na2,李娜,S1,,,\ngone,赵强,S1,T1,2019-01-01,2026-08-31\n"
)
HEADERS = {
    "receptions": "reception_id,store_id,agent_id,customer_id,received_at",
    "surveys": "survey_id,store_id,agent_id,customer_id,surveyed_at,rating",
    "complaints": "complaint_id,store_id,agent_id,customer_id,complained_at,category,is_valid",
    "purchases": "order_id,store_id,agent_id,customer_id,purchased_at,purchase_type,"
    "referrer_customer_id",
    "consultations": "consultation_id,store_id,agent_id,customer_id,channel,received_at,"
    "first_response_at,resolved_at",
}


def write_month(
    root: Path,
    rows: dict[str, list[str]] | None = None,
    agents: str = AGENTS,
    appeals: list[str] | None = None,
) -> Path:
    """A month folder of tiny CSV files: ``rows`` per export name (header added)."""
    folder = root / "2026-10"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agents.csv").write_text(agents, encoding="utf-8")
    for name, header in HEADERS.items():
        body = "".join(f"{r}\n" for r in (rows or {}).get(name, []))
        (folder / f"{name}.csv").write_text(f"{header}\n{body}", encoding="utf-8")
    if appeals is not None:
        header = (
            "appeal_id,agent_id,month,feedback_on,filed_on,kind,record_type,record_id,"
            "score_delta,reason,status,decided_by,decided_on"
        )
        (folder / "appeals.csv").write_text(
            header + "\n" + "".join(f"{r}\n" for r in appeals), encoding="utf-8"
        )
    return root


@pytest.fixture(params=["sqlite_url", "postgres_url"])
def url(request) -> str:
    """Each test that takes it runs on an SQLite file and on the PostgreSQL server."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def schemes(tmp_path) -> Path:
    """A private copy of the bundled scheme folder, for tests that change a scheme."""
    folder = tmp_path / "schemes"
    shutil.copytree(DEFAULT_SCHEMES_DIR, folder)
    return folder


def query(url: str, sql: str, **params) -> pl.DataFrame:
    """A test's own SQL on the warehouse at ``url``, as a polars frame (types inferred
    from the values: the product's reads are typed by `flows.storage.reads.read`)."""
    from flows.storage import connection

    engine = connection.connect(url)
    with engine.connect() as conn:
        result = conn.execute(sa.text(sql), params)
        frame = pl.DataFrame(
            [tuple(r) for r in result.all()],
            schema=list(result.keys()),
            orient="row",
            infer_schema_length=None,
        )
    engine.dispose()
    return frame


@pytest.fixture(autouse=True)
def _no_leaked_warehouse(monkeypatch):
    """`--warehouse` and the helpers below set KPI_WAREHOUSE_URL; undo it after a test."""
    monkeypatch.delenv("KPI_WAREHOUSE_URL", raising=False)


class Paths(NamedTuple):
    exports: Path
    url: str
    schemes: Path
    docs: Path
    archive: Path


def paths(
    exports: Path,
    url: str,
    schemes: Path = DEFAULT_SCHEMES_DIR,
    docs: Path | None = None,
    archive: Path | None = None,
) -> Paths:
    """Where a test's runs read and write (the Data Docs and archive beside the exports
    unless given); points KPI_WAREHOUSE_URL at ``url``."""
    os.environ["KPI_WAREHOUSE_URL"] = url
    docs = docs or exports.parent / f"docs-{exports.name}"
    return Paths(exports, url, schemes, docs, archive or docs.parent / f"archive-{docs.name}")


def _options(p: Paths, **kw):
    """The flows' ``options``: the folders of ``p`` and what ``kw`` asks (force=True …)."""
    from flows.publishing.outcomes import RunOptions

    os.environ["KPI_WAREHOUSE_URL"] = p.url
    return RunOptions(
        exports_dir=str(p.exports),
        schemes_dir=str(p.schemes),
        data_docs_dir=str(p.docs),
        archive_dir=str(p.archive),
        **kw,
    )


def publish(month: date, p: Paths, flow=None, *, return_state: bool = False, **kw):
    """The month-end flow (or ``flow``, the same flow on another task runner), as a
    deployment or the CLI calls it."""
    from flows.month_end import month_end

    flow = flow or month_end
    return flow(f"{month:%Y-%m}", _options(p, **kw), return_state=return_state)


def backfill_months(first: date, last: date, p: Paths, **kw):
    from flows.backfill import backfill

    return backfill(f"{first:%Y-%m}", f"{last:%Y-%m}", _options(p, **kw))


@pytest.fixture(scope="session")
def generated_exports(tmp_path_factory) -> Path:
    """Three store-scale months (Aug-Oct 2026) as `kpi generate` writes them by default."""
    root = tmp_path_factory.mktemp("exports")
    list(generate(root, date(2026, 8, 1), OCT, GeneratorOptions(stores=2, seed=7)))
    return root


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect API for the session (flows need one)."""
    with prefect_harness():
        yield


@pytest.fixture(scope="module")
def prefect_server_with_task_runs():
    """A temporary Prefect API for the module that records task runs too, for the tests
    that read them (what the UI shows, that no secret is among them)."""
    with prefect_harness(task_runs=True):
        yield


def table_rows(table: sa.Table, rows: list[dict]) -> pl.DataFrame:
    """Rows of ``table``: each given dict over a row whose required columns hold
    placeholders (false, 0, "x", a date, a time) and whose nullable ones null."""
    from schemas.tables import polars_schema

    filler = {
        sa.Boolean: False,
        sa.Date: date(2020, 1, 1),
        sa.Integer: 0,
        sa.Numeric: Decimal(0),
        sa.Float: 0.0,
    }

    def value(column):
        if column.nullable:
            return None
        return next(
            (v for t, v in filler.items() if isinstance(column.type, t)),
            datetime(2026, 10, 1, tzinfo=UTC) if "TIME" in str(column.type).upper() else "x",
        )

    base = {c.name: value(c) for c in table.columns}
    return pl.DataFrame([{**base, **r} for r in rows], schema=polars_schema(table.columns))


def scorecard_rows(rows: list[dict]) -> pl.DataFrame:
    """``kpi_agent_monthly`` rows of version 1, current, unless a row says otherwise."""
    from schemas.tables import KPI_AGENT_MONTHLY

    return table_rows(KPI_AGENT_MONTHLY, [{"version": 1, "is_current": True, **r} for r in rows])
