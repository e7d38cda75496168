"""The warehouse password never leaves the environment: not in logs (ours or the ones
Prefect stores), run records, error messages, flow parameters or Data Docs."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from flows.common.errors import KpiError
from flows.prefect_api import drain_senders
from tests.flows.conftest import OCT, paths, publish, query

PASSWORD = "Pa55-w0rd-never-logged"


@pytest.fixture
def secret_url(postgres_server) -> str:
    """A database owned by a role with a password (the harness trusts local connections,
    so the password is carried everywhere but never checked)."""
    admin = sa.create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS secrets_db"))
        conn.execute(sa.text("DROP ROLE IF EXISTS kpi_secret"))
        conn.execute(sa.text(f"CREATE ROLE kpi_secret LOGIN PASSWORD '{PASSWORD}'"))
        conn.execute(sa.text("CREATE DATABASE secrets_db OWNER kpi_secret"))
    admin.dispose()
    return (
        f"postgresql+psycopg://kpi_secret:{PASSWORD}@{postgres_server.host}:"
        f"{postgres_server.port}/secrets_db"
    )


def prefect_records(flow_run_ids) -> str:
    """Everything Prefect stored about the flow runs: parameters, states, logs."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, LogFilter

    drain_senders()  # the runs' last logs are sent in the background
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(id={"any_": flow_run_ids}))
        logs = client.read_logs(log_filter=LogFilter(flow_run_id={"any_": flow_run_ids}))
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": flow_run_ids}))
    assert runs and logs and tasks  # all three are read: none is missing from the check
    return "\n".join(
        [
            *(r.model_dump_json() for r in runs),
            *(t.model_dump_json() for t in tasks),
            *(log.message for log in logs),
        ]
    )


def test_the_password_is_nowhere_after_a_published_and_a_failed_run(
    prefect_server_with_task_runs, generated_exports, secret_url, tmp_path, caplog
):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.sorting import FlowRunSort

    caplog.set_level(logging.DEBUG)
    docs = tmp_path / "docs"
    run_paths = paths(generated_exports, secret_url, docs=docs)
    published = publish(OCT, run_paths)
    assert published.status == "published"
    broken = paths(tmp_path / "no-exports", secret_url, docs=docs)
    with pytest.raises(KpiError) as failure:
        publish(OCT, broken)
    assert PASSWORD not in str(failure.value)

    with get_client(sync_client=True) as client:
        recent = client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=2)
    stored = prefect_records([r.id for r in recent])
    assert str(generated_exports) in stored  # the runs' parameters were read back
    assert PASSWORD not in stored
    assert PASSWORD not in caplog.text
    run_log = query(secret_url, "SELECT * FROM kpi_run")
    assert run_log.height == 2
    assert PASSWORD not in str(run_log.rows())
    assert PASSWORD not in str(query(secret_url, "SELECT * FROM kpi_run_input").rows())
    pages = [p for p in docs.rglob("*") if p.is_file()]
    assert pages  # the Data Docs were written
    assert not [p for p in pages if PASSWORD.encode() in p.read_bytes()]


def test_an_unreachable_warehouse_message_hides_the_password(
    prefect_server_with_task_runs, tmp_path, generated_exports
):
    url = f"postgresql+psycopg://kpi_secret:{PASSWORD}@127.0.0.1:9/secrets_db"
    with pytest.raises(KpiError) as failure:
        publish(OCT, paths(generated_exports, url, docs=tmp_path / "docs"))
    assert "kpi_secret:***@127.0.0.1:9" in str(failure.value)
    assert PASSWORD not in str(failure.value)
    spooled = list((tmp_path / "docs" / "pending-run-log").rglob("*.ndjson"))
    assert spooled and PASSWORD not in spooled[0].read_text()
