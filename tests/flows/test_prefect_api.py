"""The temporary Prefect server `kpi` starts when none is configured."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

from flows import prefect_api

pytestmark = pytest.mark.slow


def test_a_configured_server_is_used_as_it_is():
    """Heartbeats too: an automation on that server may watch them."""
    configured = {PREFECT_API_URL: "http://127.0.0.1:9/api", PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}
    with temporary_settings(updates=configured), prefect_api.temporary_api():
        assert prefect_api._pending is None
        assert PREFECT_API_URL.value() == "http://127.0.0.1:9/api"
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == 60
        prefect_api.wait_until_ready()  # nothing to wait for


def test_without_a_server_one_is_started_at_once_and_stopped_at_the_end(tmp_path, monkeypatch):
    """Its flows send no heartbeats: nothing watches a server that ends with the command,
    and each flow's end would wait for the heartbeat thread."""
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    with (
        temporary_settings(
            restore_defaults={PREFECT_API_URL},
            updates={"PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": True},
        ),
        prefect_api.temporary_api(),
    ):
        server = prefect_api._pending
        assert server is not None and PREFECT_API_URL.value() == server.url
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() is None
        prefect_api.wait_until_ready()
        with urllib.request.urlopen(f"{server.url}/health", timeout=5) as response:
            assert response.status == 200
    assert server.process.poll() is not None
    assert prefect_api._pending is None


def _server_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    return env | {"PREFECT_HOME": str(tmp_path / "prefect"), "KPI_LANG": "en"}


def _gone(pid: int, seconds: float = 120) -> bool:
    """Whether process ``pid`` ends within a generous deadline (a busy CPU is slow)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


def test_a_killed_command_takes_its_server_with_it(tmp_path):
    """kill -9 of the command leaves no Prefect server running (the parent-death signal)."""
    program = (
        "import os, sys, time\nfrom flows import prefect_api\n"
        "with prefect_api.temporary_api():\n"
        "    prefect_api.wait_until_ready()\n"
        "    print(prefect_api._pending.process.pid, flush=True)\n"
        "    time.sleep(600)\n"
    )
    command = subprocess.Popen(
        [sys.executable, "-c", program],
        stdout=subprocess.PIPE,
        text=True,
        env=_server_env(tmp_path),
        cwd=tmp_path,
    )
    server = int(command.stdout.readline())
    assert psutil.pid_exists(server)
    command.kill()
    command.wait()
    assert _gone(server)


def test_ctrl_c_stops_a_run_its_server_and_its_lock(generated_exports, tmp_path):
    """Ctrl-C at a terminal reaches the command's whole process group: the command stops
    (exit 130, a one-line message), releases the month and stops the server it started,
    which has its own session so that the same Ctrl-C does not kill it under the run."""
    lock = tmp_path / "w.db.2026-10.lock"
    command = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--month", "2026-10"]
        + ["--exports", str(generated_exports), "--warehouse", f"sqlite:///{tmp_path / 'w.db'}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_server_env(tmp_path),
        cwd=tmp_path,
        start_new_session=True,  # its own group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 600
    while not lock.exists():  # the run holds the month: it is working on it
        assert command.poll() is None and time.monotonic() < deadline, command.communicate()
        time.sleep(0.05)
    servers = [p.pid for p in psutil.Process(command.pid).children() if "uvicorn" in p.cmdline()]
    os.killpg(command.pid, signal.SIGINT)
    _, err = command.communicate(timeout=600)
    assert command.returncode == 130, err
    assert err.strip().splitlines()[-1].startswith("kpi run: interrupted")
    assert "Traceback" not in err
    assert not lock.exists()
    assert servers and all(_gone(pid) for pid in servers)
    with sqlite3.connect(tmp_path / "w.db") as conn:  # every run has its row
        rows = conn.execute("SELECT status, version, error FROM kpi_run").fetchall()
    assert rows == [
        ("failed", None, "interrupted by the operator (Ctrl-C); nothing of this run was published")
    ]


def test_a_pull_step_that_fails_ends_its_flow_run_with_the_cause(prefect_server, monkeypatch):
    """Without KPI_PROJECT_DIR the worker's run showed only "Process exited with status
    code 1": the flow run's state and its log now say what to set."""
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter

    @flow(name="pull-probe")
    def probe() -> None:
        pass

    with get_client(sync_client=True) as client:
        run = client.create_flow_run(probe)
    monkeypatch.setenv("PREFECT__FLOW_RUN_ID", str(run.id))  # as the worker's process has it
    monkeypatch.delenv("KPI_PROJECT_DIR", raising=False)
    with pytest.raises(RuntimeError, match="KPI_PROJECT_DIR is not set"):
        prefect_api.project_directory()
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(run.id).state
        logged = client.read_logs(log_filter=LogFilter(flow_run_id={"any_": [run.id]}))
    assert state.is_failed()
    assert state.message == (
        "the worker cannot start the run: KPI_PROJECT_DIR is not set in the worker's "
        "environment; set it to the folder of the project's checkout on this machine (where "
        "prefect.yaml is), then restart the worker"
    )
    assert [(entry.level, entry.message) for entry in logged] == [(40, state.message)]
