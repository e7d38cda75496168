"""The deployed path: prefect.yaml deployed to a real Prefect server, run by a real
process worker started as a subprocess, as docs/deployment.md says, on SQLite (the
worker's KPI_WAREHOUSE_URL) and PostgreSQL (the Prefect Secret block).

What an operator who only watches Prefect relies on: a run's final state says which
month it was for, whether it published and why not; a run started by a worker never
writes to a local default warehouse; kpi_run rows lead back to their flow runs."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
import yaml

from tests.pg_harness import _free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PREFECT = shutil.which("prefect") or str(Path(sys.executable).parent / "prefect")
DASK = shutil.which("dask") or str(Path(sys.executable).parent / "dask")
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
RUN_WAIT_SECONDS = 900  # a flow run is a fresh process; a loaded machine is slow, not wrong
AUTH = ("kpi-admin", "not-a-real-password")  # the runbook's basic auth (section 1)


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "KPI_"))},
        "PREFECT_HOME": str(home),
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "PREFECT_SERVER_API_AUTH_STRING": ":".join(AUTH)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 300
    while True:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                break
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("the local Prefect server did not start")
        time.sleep(0.5)
    assert httpx.post(f"{api}/deployments/filter", json={}).status_code == 401  # no auth
    yield api, {**env, "PREFECT_API_URL": api, "PREFECT_API_AUTH_STRING": ":".join(AUTH)}
    server.terminate()
    server.wait(timeout=60)


def api_call(method: str, url: str, **kwargs) -> httpx.Response:
    """One request to the server, tried again while it answers 503: its SQLite database
    is busy on a loaded machine, and Prefect's own client retries those too."""
    for delay in (0.5, 1, 2, 4, 8, 15, 30):
        response = httpx.request(method, url, timeout=30, auth=AUTH, **kwargs)
        if response.status_code != 503:
            return response
        time.sleep(delay)
    return response


def prefect(env: dict, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [PREFECT, *args],
        cwd=ROOT,
        env={**env, "COLUMNS": "240"},  # Prefect's tables cut names to the terminal's width
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def deployed(prefect_api) -> dict[str, dict]:
    """The deployments, made as the runbook says (from the project folder)."""
    api, env = prefect_api
    prefect(env, "work-pool", "create", "kpi-process", "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all")
    return {d["name"]: d for d in api_call("POST", f"{api}/deployments/filter", json={}).json()}


def test_prefect_deploy_creates_the_deployments_and_the_schedules(deployed):
    assert set(deployed) == {"month-end", "month-end-dask", "backfill"}
    month_end, backfill = deployed["month-end"], deployed["backfill"]
    on_dask = deployed["month-end-dask"]
    [schedule] = month_end["schedules"]
    assert (schedule["slug"], schedule["active"]) == ("monthly", True)
    assert (schedule["schedule"]["cron"], schedule["schedule"]["timezone"]) == (
        "0 2 1 * *",
        "Asia/Shanghai",
    )
    assert on_dask["schedules"] == []  # one month-end at a time, until an operator switches
    assert on_dask["parameters"] == {"options": {"partitions": 8}}
    assert on_dask["parameter_openapi_schema"] == month_end["parameter_openapi_schema"]
    assert backfill["schedules"] == []
    for deployment in (month_end, on_dask, backfill):
        assert deployment["enforce_parameter_schema"] is True
        assert deployment["work_pool_name"] == "kpi-process"
        # Portable: the worker's checkout, not this machine's path.
        assert deployment["pull_steps"] == [{"flows.prefect_api.project_directory": {}}]
    month_schema = month_end["parameter_openapi_schema"]
    assert set(month_schema["properties"]) == {"month", "options"}
    assert month_schema.get("required", []) == []  # no month: the scheduled one
    backfill_schema = backfill["parameter_openapi_schema"]
    assert set(backfill_schema["required"]) == {"from_month", "to_month"}
    assert set(backfill_schema["properties"]) == {"from_month", "to_month", "options"}
    # One options object, shown by the UI as a form: the command line's options.
    options = month_schema["definitions"]["RunOptions"]["properties"]
    assert set(options) == {
        "force",
        "allow_rejects",
        "allow_gap",
        "allow_incomplete",
        "partitions",
        "exports_dir",
        "schemes_dir",
        "data_docs_dir",
        "archive_dir",
        "reports_dir",
    }
    assert "warehouse" not in str(month_schema) + str(backfill_schema)


def test_a_run_with_a_bad_month_is_refused_by_the_parameter_schema(prefect_api, deployed):
    api, _ = prefect_api
    response = api_call(
        "POST",
        f"{api}/deployments/{deployed['backfill']['id']}/create_flow_run",
        json={"parameters": {"from_month": "2026-13", "to_month": "2026-10"}},
    )
    assert response.status_code == 409, response.text  # schema validation failed
    assert "2026-13" in response.text or "pattern" in response.text


def test_prefect_yaml_shares_settings_and_holds_no_credentials():
    text = (ROOT / "prefect.yaml").read_text()
    data = yaml.safe_load(text)
    assert "&shared" in text and text.count("<<: *shared") == len(data["deployments"])
    for deployment in data["deployments"]:
        assert deployment["enforce_parameter_schema"] is True
    settings = yaml.safe_dump(data)  # what Prefect reads: the comments excluded
    assert "://" not in settings and "password" not in settings.lower()


# ---------------------------------------------------------------- a real worker


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Path:
    """August and October 2026; September's folder is missing (a backfill fails there)."""
    from flows.generator.generate import generate
    from flows.generator.options import GeneratorOptions

    root = tmp_path_factory.mktemp("worker-exports")
    options = GeneratorOptions(stores=1, agents_per_store=4, seed=11, clean=True)
    list(generate(root, date(2026, 8, 1), date(2026, 8, 1), options))
    list(generate(root, date(2026, 10, 1), date(2026, 10, 1), options))
    return root


@contextlib.contextmanager
def worker(env: dict, folder: Path, **kpi: str):
    """`prefect worker start` with the runbook's environment; stopped as the runbook says:
    Ctrl-C (SIGINT) twice."""
    environment = {
        **env,
        "KPI_PROJECT_DIR": str(ROOT),
        "KPI_DATA_DOCS_DIR": str(folder / "docs"),
        "KPI_ARCHIVE_DIR": str(folder / "archive"),
        "KPI_REPORTS_DIR": str(folder / "reports"),
        "KPI_REPORTS_URL": "https://kpi.example.cn/reports",
        **kpi,
    }
    log = (folder / "worker.log").open("w")
    process = subprocess.Popen(
        [PREFECT, "worker", "start", "--pool", "kpi-process", "--limit", "1"],
        cwd=folder,  # not the project: the pull step must find it
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGINT)  # stops taking runs
        time.sleep(1)
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # Prefect 3.9 then kills it at once
        process.wait(timeout=60)
        log.close()


def run(api: str, deployment: dict, parameters: dict, **state) -> dict:
    """Create a flow run of the deployment and wait for its final state."""
    body = {"parameters": parameters}
    if state:
        body["state"] = {"type": "SCHEDULED", "state_details": state}
    created = api_call("POST", f"{api}/deployments/{deployment['id']}/create_flow_run", json=body)
    assert created.status_code == 201, created.text
    return wait(api, created.json()["id"])


def wait(api: str, run_id: str) -> dict:
    """A flow run once it is over."""
    deadline = time.monotonic() + RUN_WAIT_SECONDS
    while True:
        flow_run = api_call("GET", f"{api}/flow_runs/{run_id}").json()
        if flow_run["state_type"] in FINAL:
            return flow_run
        assert time.monotonic() < deadline, flow_run
        time.sleep(1)


def kpi_runs(url: str) -> list[tuple]:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT month_start, status, version, flow_run_id FROM kpi_run ORDER BY started_at"
            )
        ).all()
    engine.dispose()
    return [(str(m), s, v, f) for m, s, v, f in rows]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_worker_with_its_warehouse_in_the_environment(
    prefect_api, deployed, exports, tmp_path, database, request
):
    api, env = prefect_api
    if database == "sqlite":
        url = f"sqlite:///{tmp_path / 'warehouse.db'}"
        named = f"warehouse: SQLite file {tmp_path / 'warehouse.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.url(_fresh_database(server))
        named = "warehouse: PostgreSQL database "
    with worker(env, tmp_path, KPI_EXPORTS_DIR=str(exports), KPI_WAREHOUSE_URL=url):
        # Scheduled for 2 a.m. on 1 September in Shanghai, started late: it scores August.
        late = run(api, deployed["month-end"], {}, scheduled_time="2026-09-01T02:00:00+08:00")
        assert (late["state_type"], late["name"]) == ("COMPLETED", "month-end 2026-08")
        backfill = run(api, deployed["backfill"], {"from_month": "2026-08", "to_month": "2026-10"})
        # As the runbook starts one from a shell:
        started = prefect(
            env,
            "deployment",
            "run",
            "backfill/backfill",
            "-p",
            "from_month=2026-10",
            "-p",
            "to_month=2026-08",
        )
        reversed_range = wait(api, re.search(r"UUID: ([0-9a-f-]{36})", started.stdout)[1])
        # Wide enough that rich neither wraps nor cuts a name: the scheduled runs' random
        # names change the columns' widths from one run to the next.
        listed = prefect(env, "flow-run", "ls", "--limit", "5").stdout
        assert "backfill 2026-10..2026-08" in listed
    assert backfill["state_type"] == "FAILED"
    assert backfill["name"] == "backfill 2026-08..2026-10"
    message = backfill["state"]["message"]
    assert message.startswith("2026-09 failed: ")
    assert "no such folder" in message and "options.exports_dir parameter" in message
    assert "2026-08 unchanged (version 1); 2026-09 failed; 2026-10 not run" in message
    # An expected failure: one ERROR line with the operator's message, no traceback.
    logged = run_log(api, backfill["id"])
    assert not [m for _, m in logged if "Traceback" in m or "unexpected exception" in m]
    errors = [m for level, m in logged if level >= 40]
    assert len(errors) == 1 and "no such folder" in errors[0], errors
    assert reversed_range["state_type"] == "FAILED"
    assert (
        "the range ends (2026-08) before it starts (2026-10)" in reversed_range["state"]["message"]
    )
    assert kpi_runs(url) == [
        ("2026-08-01", "published", 1, late["id"]),
        ("2026-08-01", "unchanged", 1, backfill["id"]),
        ("2026-09-01", "failed", None, backfill["id"]),
    ]
    log = (tmp_path / "worker.log").read_text()
    assert named in log and url.split("@")[0] not in log  # never the password
    # The worker's published month wrote its report, and the operator finds it in the UI.
    index = tmp_path / "reports" / "2026-08" / "v1" / "index.html"  # the version's own
    assert index.is_file() and (tmp_path / "reports" / "2026-08" / "index.html").is_file()
    late_artifacts = artifacts(api, late["id"])
    assert set(late_artifacts) == {
        "month-2026-08-inputs",
        "month-2026-08-summary",
        "month-2026-08-data-docs",
        "month-2026-08-report",
    }
    assert late_artifacts["month-2026-08-report"]["data"].endswith(
        "(https://kpi.example.cn/reports/2026-08/v1/index.html)"
    )  # under the worker's KPI_REPORTS_URL; Data Docs without one: where they are
    assert "On the worker's machine: `" in late_artifacts["month-2026-08-data-docs"]["data"]
    backfill_artifacts = artifacts(api, backfill["id"])
    progress = backfill_artifacts["backfill-2026-08-2026-10"]
    assert progress["data"] == pytest.approx(200 / 3)  # August and September are over
    assert progress["description"] == (
        "2 of 3 months done:\n- 2026-08 unchanged\n- 2026-09 failed; the later months were not run"
    )
    assert backfill_artifacts["month-2026-09-summary"]["data"].startswith(
        "# Month-end 2026-09: failed\n"
    )
    inspected = prefect(env, "artifact", "inspect", "month-2026-08-summary").stdout
    assert "# Month-end 2026-08: unchanged: version 1 stays current" in inspected  # the latest


def run_log(api: str, flow_run_id: str) -> list[tuple[int, str]]:
    """A flow run's log, (level, message) oldest first, as Prefect's UI shows it."""
    found = api_call(
        "POST",
        f"{api}/logs/filter",
        json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "sort": "TIMESTAMP_ASC"},
    )
    assert found.status_code == 200, found.text
    return [(entry["level"], entry["message"]) for entry in found.json()]


def artifacts(api: str, flow_run_id: str) -> dict[str, dict]:
    """A flow run's artifacts by key, as Prefect's UI reads them."""
    found = api_call(
        "POST",
        f"{api}/artifacts/filter",
        json={"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}},
    )
    assert found.status_code == 200, found.text
    return {a["key"]: a for a in found.json()}


def test_a_worker_without_a_warehouse_fails_then_uses_the_secret_block(
    prefect_api, deployed, exports, tmp_path, postgres_server
):
    api, env = prefect_api
    default = ROOT / "warehouse.db"
    before = default.stat().st_mtime_ns if default.exists() else None
    with worker(env, tmp_path, KPI_EXPORTS_DIR=str(exports)):
        nowhere = run(api, deployed["month-end"], {"month": "2026-08"})
        assert nowhere["state_type"] == "FAILED"
        assert nowhere["state"]["message"].startswith("no warehouse is configured for this worker")
        assert (default.stat().st_mtime_ns if default.exists() else None) == before
        assert not (tmp_path / "warehouse.db").exists()

        url = postgres_server.url(_fresh_database(postgres_server))
        # As the runbook writes it: from a file only its owner reads, not the command line.
        secret = subprocess.run(
            [str(Path(sys.executable).parent / "kpi-warehouse-secret")],
            input=url + "\n",
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert secret.returncode == 0, secret.stderr
        published = run(api, deployed["month-end"], {"month": "2026-10"})
    assert published["state_type"] == "COMPLETED", published["state"]
    assert kpi_runs(url) == [("2026-10-01", "published", 1, published["id"])]
    log = (tmp_path / "worker.log").read_text()
    assert "PostgreSQL database" in log and url.split("@")[0] not in log


def beat(api: str, flow_run_id: str) -> bool:
    """Whether the server has a heartbeat of the flow run."""
    found = api_call(
        "POST",
        f"{api}/events/filter",
        json={
            "filter": {
                "event": {"name": ["prefect.flow-run.heartbeat"]},
                "resource": {"id": [f"prefect.flow-run.{flow_run_id}"]},
            }
        },
    )
    return found.status_code == 200 and bool(found.json().get("events"))


def test_a_dead_worker_s_run_ends_crashed_and_the_next_run_settles_its_row(
    prefect_api, deployed, exports, tmp_path, postgres_server
):
    """Worker and flow-run process killed (a dead host) while the run worked: with the
    runbook's heartbeats and automation (its threshold shortened here to Prefect's
    shortest beat and ten seconds) Prefect ends the run Crashed; the next run of the
    month, here from a shell, settles its ``running`` kpi_run row as killed and removes
    its partial archive, although it finds the month unchanged (published first from the
    shell too, so that only the killed run beats). On the shared warehouse only (a minute
    of heartbeats a database): settling a killed run's row on SQLite is
    `tests/flows/publishing/test_runs.py`'s."""
    import psutil

    api, env = prefect_api
    automation = yaml.safe_load((ROOT / "docs/prefect/crash-zombie-runs.yaml").read_text())
    automation["trigger"]["within"] = 40
    (tmp_path / "zombies.yaml").write_text(yaml.safe_dump(automation))
    prefect(env, "automation", "create", "--from-file", str(tmp_path / "zombies.yaml"))
    url = postgres_server.url(_fresh_database(postgres_server))
    kpi = {"KPI_EXPORTS_DIR": str(exports), "KPI_WAREHOUSE_URL": url}

    def from_a_shell() -> None:
        ran = subprocess.run(
            [str(Path(sys.executable).parent / "kpi"), "run", "--month", "2026-10", "--lang", "en"],
            cwd=tmp_path,
            env={
                **env,
                **kpi,
                "KPI_ARCHIVE_DIR": str(tmp_path / "archive"),
                "KPI_DATA_DOCS_DIR": str(tmp_path / "docs"),
                "KPI_REPORTS_DIR": "",
            },
            capture_output=True,
            text=True,
            timeout=RUN_WAIT_SECONDS,
        )
        assert ran.returncode == 0, ran.stderr

    from_a_shell()
    with worker(env, tmp_path, PREFECT_FLOWS_HEARTBEAT_FREQUENCY="30", **kpi) as process:
        body = {"parameters": {"month": "2026-10", "options": {"force": True}}}
        created = api_call(
            "POST", f"{api}/deployments/{deployed['month-end']['id']}/create_flow_run", json=body
        )
        killed = created.json()["id"]
        deadline = time.monotonic() + RUN_WAIT_SECONDS
        while not ([r for r in kpi_runs(url) if r[1] == "running"] and beat(api, killed)):
            assert time.monotonic() < deadline, "the run never wrote its running row"
            time.sleep(0.2)
        for child in psutil.Process(process.pid).children(recursive=True):
            child.kill()  # the flow-run process: the host died
        process.kill()
        process.wait()
    crashed = wait(api, killed)
    assert crashed["state_type"] == "CRASHED", crashed["state"]
    assert "No heartbeat" in crashed["state"]["message"]
    assert [r[1] for r in kpi_runs(url)] == ["published", "running"]
    from_a_shell()
    rows = kpi_runs(url)
    assert [r[1] for r in rows] == ["published", "failed", "unchanged"]
    assert rows[1][3] == killed
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        error = conn.execute(
            sa.text("SELECT error FROM kpi_run WHERE status = 'failed'")
        ).scalar_one()
        staged = conn.execute(
            sa.text("SELECT COUNT(*) FROM kpi_agent_monthly WHERE NOT is_current")
        ).scalar_one()
    engine.dispose()
    assert error.startswith("killed before it finished") and staged == 0
    assert not list((tmp_path / "archive").glob("*/.*.partial"))


# ---------------------------------------------------------------- a Dask cluster


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A Dask scheduler and two worker processes, started as docs/deployment.md says (in
    the project's checkout; nothing of Prefect's or ours in their environment), and a
    client that watches which worker ran what."""
    from distributed import Client

    folder = tmp_path_factory.mktemp("dask")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "KPI_"))}
    address = f"tcp://127.0.0.1:{_free_port()}"
    log = (folder / "dask.log").open("w")
    processes = [
        subprocess.Popen([DASK, *args, "--no-dashboard"], cwd=ROOT, env=env, stdout=log, stderr=log)
        for args in (
            ["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1]],
            ["worker", address, "--nworkers", "2", "--nthreads", "1"],
        )
    ]
    try:
        with Client(address, timeout=120, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=300)
            client.get_task_stream()  # the scheduler records tasks from now on
            yield address, client
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)
        log.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> Path:
    """August 2026 of four stores: four groups of one store."""
    from flows.generator.generate import generate
    from flows.generator.options import GeneratorOptions

    root = tmp_path_factory.mktemp("dask-exports")
    options = GeneratorOptions(stores=4, agents_per_store=2, seed=11, clean=True)
    list(generate(root, date(2026, 8, 1), date(2026, 8, 1), options))
    return root


def test_month_end_dask_computes_on_the_scheduler_the_worker_names(
    prefect_api, deployed, dask_cluster, stores, tmp_path
):
    api, env = prefect_api
    address, client = dask_cluster
    url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    folders = {"KPI_EXPORTS_DIR": str(stores), "KPI_WAREHOUSE_URL": url}
    (tmp_path / "unset").mkdir()
    with worker(env, tmp_path / "unset", **folders):
        unset = run(api, deployed["month-end-dask"], {"month": "2026-08"})
    assert unset["state_type"] == "FAILED"
    assert unset["state"]["message"].startswith(
        "no Dask scheduler is configured for this worker: KPI_DASK_ADDRESS is not set"
    )
    assert not (tmp_path / "warehouse.db").exists()  # it failed before anything

    started = time.time()
    with worker(env, tmp_path, **folders, KPI_DASK_ADDRESS=address):
        # As the runbook starts one from a shell:
        launched = prefect(
            env,
            "deployment",
            "run",
            "month-end/month-end-dask",
            "-p",
            "month=2026-08",
            "-p",
            'options={"partitions": 4}',
        )
        on_dask = wait(api, re.search(r"UUID: ([0-9a-f-]{36})", launched.stdout)[1])
    assert on_dask["state_type"] == "COMPLETED", on_dask["state"]
    assert kpi_runs(url) == [("2026-08-01", "published", 1, on_dask["id"])]
    computed = api_call(
        "POST",
        f"{api}/task_runs/filter",
        json={
            "flow_runs": {"id": {"any_": [on_dask["id"]]}},
            "task_runs": {"name": {"like_": "compute-scorecards"}},
        },
    ).json()
    assert sorted(t["name"] for t in computed) == [
        f"compute-scorecards[2026-08 {i}/4]" for i in range(1, 5)
    ]
    assert {t["state_type"] for t in computed} == {"COMPLETED"}
    # They ran on the cluster's two worker processes, not in the flow run's process.
    ran = [
        t
        for t in client.get_task_stream(start=started)
        if t["key"].startswith("scorecards_and_teams")
    ]
    assert len(ran) == 4
    assert {t["worker"] for t in ran} == set(client.scheduler_info()["workers"])


def test_the_switch_to_the_cluster_survives_a_redeploy(prefect_api, deployed):
    """docs/deployment.md section 6: give month-end-dask the schedule, pause month-end's;
    a redeploy (`deploy --all`) keeps both as the operator left them."""
    api, env = prefect_api

    def schedules() -> dict[str, list[tuple[str, bool]]]:
        found = api_call("POST", f"{api}/deployments/filter", json={}).json()
        return {
            d["name"]: [(s["schedule"]["cron"], s["active"]) for s in d["schedules"]]
            for d in found
            if d["name"] in ("month-end", "month-end-dask")
        }

    prefect(
        env, "deployment", "schedule", "create", "month-end/month-end-dask",
        "--cron", "0 2 1 * *", "--timezone", "Asia/Shanghai",
    )  # fmt: skip
    listed = prefect(env, "deployment", "schedule", "ls", "month-end/month-end").stdout
    [month_end_id] = re.findall(r"[0-9a-f]{8}-[0-9a-f-]{27}", listed)
    try:
        prefect(env, "deployment", "schedule", "pause", "month-end/month-end", month_end_id)
        switched = {"month-end": [("0 2 1 * *", False)], "month-end-dask": [("0 2 1 * *", True)]}
        assert schedules() == switched
        prefect(env, "--no-prompt", "deploy", "--all")
        assert schedules() == switched
    finally:  # back, as the runbook says, for the other tests
        listed = prefect(env, "deployment", "schedule", "ls", "month-end/month-end-dask").stdout
        for dask_id in re.findall(r"[0-9a-f]{8}-[0-9a-f-]{27}", listed):
            prefect(
                env, "deployment", "schedule", "delete", "month-end/month-end-dask", dask_id, "-y"
            )
        prefect(env, "deployment", "schedule", "resume", "month-end/month-end", month_end_id)
    assert schedules() == {"month-end": [("0 2 1 * *", True)], "month-end-dask": []}


def _fresh_database(server) -> str:
    import uuid

    name = f"deploy_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name
