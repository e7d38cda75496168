"""The servers the benchmark runs against (`python -m benchmarks`): a Prefect server (unless
``PREFECT_API_URL`` is set), a throw-away PostgreSQL, and each flow run's stage times read
back from Prefect."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from benchmarks.measuring import BIN, HERE, STAGE_ORDER, log, stage_of


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    if url := os.environ.get("PREFECT_API_URL"):
        yield url
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    log(f"starting a Prefect server on port {port}")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        for _ in range(1200):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("the Prefect server did not start within 120 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def postgres() -> Iterator[object]:
    sys.path.insert(0, str(HERE.parent))
    from tests.pg_harness import running_postgres

    with running_postgres() as server:
        yield server


def fresh_database(server, name: str) -> str:
    admin = sa.create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.url(name)


def stage_times(api_url: str, flow_name: str) -> tuple[dict[str, float], float]:
    """Seconds per stage of the latest run of a flow, and the flow run's own seconds."""
    os.environ["PREFECT_API_URL"] = api_url
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName, FlowRunFilter
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        (run,) = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
            sort=FlowRunSort.START_TIME_DESC,
            limit=1,
        )
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": [run.id]}))
    stages = dict.fromkeys(STAGE_ORDER, 0.0)
    for task in tasks:
        stage = stage_of(task.name)
        if stage and task.start_time and task.end_time:
            stages[stage] += (task.end_time - task.start_time).total_seconds()
    return stages, (run.end_time - run.start_time).total_seconds()
