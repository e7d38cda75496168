"""prefect.yaml deploys to a real local Prefect server: both deployments and the schedule."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from tests.pg_harness import _free_port

ROOT = Path(__file__).resolve().parent.parent
PREFECT = shutil.which("prefect") or str(Path(sys.executable).parent / "prefect")


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_API_URL": "",
    }
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("the local Prefect server did not start")
        time.sleep(0.5)
    yield api, {**env, "PREFECT_API_URL": api}
    server.terminate()
    server.wait(timeout=30)


def prefect(env: dict, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [PREFECT, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_prefect_deploy_creates_both_deployments_and_the_schedule(prefect_api):
    api, env = prefect_api
    prefect(env, "work-pool", "create", "kpi-process", "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all")
    deployments = {d["name"]: d for d in httpx.post(f"{api}/deployments/filter", json={}).json()}
    assert set(deployments) == {"month-end", "backfill"}
    month_end, backfill = deployments["month-end"], deployments["backfill"]
    schedules = [s["schedule"] for s in month_end["schedules"]]
    assert [(s["cron"], s["timezone"]) for s in schedules] == [("0 2 1 * *", "Asia/Shanghai")]
    assert all(s["active"] for s in month_end["schedules"])
    assert backfill["schedules"] == []
    for deployment in (month_end, backfill):
        assert deployment["enforce_parameter_schema"] is True
        assert deployment["work_pool_name"] == "kpi-process"
    month_schema = month_end["parameter_openapi_schema"]
    assert "month" in month_schema["properties"]
    assert month_schema.get("required", []) == []  # no month: the previous one
    backfill_schema = backfill["parameter_openapi_schema"]
    assert set(backfill_schema["required"]) == {"from_month", "to_month"}
    assert "warehouse" not in str(month_schema) + str(backfill_schema)


def test_a_run_with_a_bad_month_is_refused_by_the_parameter_schema(prefect_api):
    api, env = prefect_api
    deployment = next(
        d
        for d in httpx.post(f"{api}/deployments/filter", json={}).json()
        if d["name"] == "backfill"
    )
    response = httpx.post(
        f"{api}/deployments/{deployment['id']}/create_flow_run",
        json={"parameters": {"from_month": "2026-13", "to_month": "2026-10"}},
    )
    assert response.status_code == 409, response.text  # schema validation failed
    assert "2026-13" in response.text or "pattern" in response.text


def test_prefect_yaml_shares_settings_and_holds_no_credentials():
    text = (ROOT / "prefect.yaml").read_text()
    data = yaml.safe_load(text)
    assert "&shared" in text and text.count("<<: *shared") == 2
    for deployment in data["deployments"]:
        assert deployment["enforce_parameter_schema"] is True
    settings = yaml.safe_dump(data)  # what Prefect reads: the comments excluded
    assert "://" not in settings and "password" not in settings.lower()
