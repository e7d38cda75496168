"""docs/prefect/crash-zombie-runs.yaml, the automation that ends a dead worker's runs:
created with the command the runbook gives, on a real temporary Prefect server, it marks
a running flow run whose heartbeats stopped Crashed (the threshold shortened for the
test), and leaves a finished one alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import yaml

from tests.prefect_harness import prefect_harness

pytestmark = pytest.mark.slow

AUTOMATION = Path(__file__).resolve().parents[2] / "docs" / "prefect" / "crash-zombie-runs.yaml"


def test_the_runbook_names_the_file_and_the_heartbeat_setting():
    runbook = (AUTOMATION.parents[1] / "deployment.md").read_text(encoding="utf-8")
    assert "prefect automation create --from-file docs/prefect/crash-zombie-runs.yaml" in runbook
    assert "PREFECT_FLOWS_HEARTBEAT_FREQUENCY=60" in runbook


def test_a_run_whose_heartbeats_stop_is_crashed(tmp_path, monkeypatch):
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.events import Event
    from prefect.settings import PREFECT_API_URL
    from prefect.states import Completed, Running

    @flow(name="zombie-probe")
    def probe() -> None:
        pass

    quick = yaml.safe_load(AUTOMATION.read_text(encoding="utf-8"))
    quick["trigger"]["within"] = 10  # seconds instead of five minutes (10: the least)
    copy = tmp_path / "quick.yaml"
    copy.write_text(yaml.safe_dump(quick), encoding="utf-8")
    with prefect_harness(automations=True):
        created = subprocess.run(
            [sys.executable, "-m", "prefect", "automation", "create", "--from-file", str(copy)],
            capture_output=True,
            text=True,
            check=False,
            # The harness's server is a setting of this process: the command needs its URL.
            env={**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()},
        )
        assert created.returncode == 0, created.stdout + created.stderr
        with get_client(sync_client=True) as client:
            dead, done = client.create_flow_run(probe), client.create_flow_run(probe)
            for run in (dead, done):
                client.set_flow_run_state(run.id, Running(), force=True)
        # Straight to this server: the process's events worker may still be bound to the
        # session's other Prefect server (another test file on this xdist worker).
        beats = [
            Event(
                occurred=datetime.now(UTC),
                event="prefect.flow-run.heartbeat",
                resource={"prefect.resource.id": f"prefect.flow-run.{run.id}"},
                id=uuid.uuid4(),
            ).model_dump(mode="json")
            for run in (dead, done)
        ]
        posted = httpx.post(f"{PREFECT_API_URL.value()}/events", json=beats, timeout=30)
        assert posted.status_code == 204, posted.text
        with get_client(sync_client=True) as client:
            client.set_flow_run_state(done.id, Completed(), force=True)
        deadline = time.monotonic() + 240  # generous: a loaded machine is slow, not wrong
        while True:
            with get_client(sync_client=True) as client:
                state = client.read_flow_run(dead.id).state
                finished = client.read_flow_run(done.id).state
            if state.is_crashed() or time.monotonic() > deadline:
                break
            time.sleep(1)
    assert state.is_crashed(), state
    assert state.message == quick["actions"][0]["message"]
    assert finished.is_completed()
