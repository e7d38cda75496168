"""The month-end flow on a real Dask cluster (`flows/cluster.py`, the entrypoint
`flows/month_end_dask.py`): a `distributed.LocalCluster` of two worker processes computes
the scorecards in four tasks, each sent only its group's rows, straight to a worker; what
is published equals a one-task run in the flow's own process, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from distributed.diagnostics.plugin import SchedulerPlugin
from polars.testing import assert_frame_equal

from flows.common.errors import ClusterUnavailable
from flows.generator.generate import generate
from flows.generator.options import GeneratorOptions
from tests.conftest import new_database
from tests.flows.conftest import paths, publish
from tests.flows.test_month_end import comparable
from tests.pg_harness import _free_port

pytestmark = pytest.mark.slow

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)


class Arguments(SchedulerPlugin):
    """How many data keys each scorecards task waits for: its arguments, when they were
    sent to a worker ahead of it rather than inside it (through the scheduler)."""

    name = "kpi-arguments"

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    async def start(self, scheduler) -> None:
        self.scheduler = scheduler

    def transition(self, key, start, finish, *args, **kwargs) -> None:
        if finish == "processing" and str(key).startswith("scorecards_and_teams"):
            self.seen[key] = len(self.scheduler.tasks[key].dependencies)


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each, and a client to watch them with."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
        ) as local,
        Client(local, set_as_default=False) as client,
    ):
        client.get_task_stream()  # the scheduler records tasks from now on
        client.register_plugin(Arguments())
        yield client


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> Path:
    """September and October of five stores of four (four groups, one of two stores), each
    with a struggling agent (warned both months); with this seed an appeal adjusts a score
    each month."""
    root = tmp_path_factory.mktemp("cluster-exports")
    list(generate(root, SEP, OCT, GeneratorOptions(stores=5, agents_per_store=4, seed=15)))
    return root


@pytest.fixture
def one_task_url(url, tmp_path, request) -> str:
    """A second empty warehouse of the same kind as ``url``."""
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'one-task.db'}"
    return new_database(request.getfixturevalue("postgres_server"))


def test_scorecards_on_two_dask_worker_processes_equal_one_task(
    prefect_server, cluster, stores, url, one_task_url, tmp_path, monkeypatch
):
    from flows.month_end_dask import month_end

    monkeypatch.setenv("KPI_DASK_ADDRESS", cluster.scheduler.address)
    started = time.time()
    dask_paths = paths(stores, url, docs=tmp_path / "dask")
    one_task_paths = paths(stores, one_task_url, docs=tmp_path / "one")
    for month in (SEP, OCT):
        on_dask = publish(month, dask_paths, month_end, partitions=4)
        one_task = publish(month, one_task_paths)
        assert (on_dask.status, one_task.status) == ("published", "published")

    tasks = [
        t
        for t in cluster.get_task_stream(start=started)
        if t["key"].startswith("scorecards_and_teams")
    ]
    assert len(tasks) == 8  # four groups a month
    assert {t["worker"] for t in tasks} == set(cluster.scheduler_info()["workers"])
    waited = cluster.run_on_scheduler(
        lambda dask_scheduler: dask_scheduler.plugins["kpi-arguments"].seen
    )
    assert [waited[t["key"]] for t in tasks] == [6] * 8  # roster, records … calendar
    dask, reference = comparable(url), comparable(one_task_url)
    for name in reference:
        assert_frame_equal(dask[name], reference[name])
    # What each task gets only its share of mattered: adjustments and streaks.
    agents = reference["agent"]
    assert agents.filter(pl.col("score_adjustment") != 0).height > 0
    assert agents.filter(pl.col("consecutive_months_below_60") > 1).height > 0


def test_a_run_without_a_scheduler_address_fails_before_reading_anything(
    prefect_server, stores, tmp_path, monkeypatch
):
    from flows.month_end_dask import month_end

    monkeypatch.delenv("KPI_DASK_ADDRESS", raising=False)
    run_paths = paths(stores, f"sqlite:///{tmp_path / 'warehouse.db'}", docs=tmp_path / "docs")
    state = publish(OCT, run_paths, month_end, return_state=True)
    assert state.is_failed()
    assert state.message.startswith("no Dask scheduler is configured for this worker: ")
    assert not (tmp_path / "warehouse.db").exists() and not (tmp_path / "docs").exists()
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:  # told apart from month-end's runs
        assert client.read_flow_run(state.state_details.flow_run_id).name == (
            "month-end-dask 2026-10"
        )


def test_a_scheduler_without_workers_is_named(monkeypatch):
    from distributed import LocalCluster

    from flows import cluster

    monkeypatch.setattr(cluster, "WORKER_WAIT_SECONDS", 1)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:
        monkeypatch.setenv("KPI_DASK_ADDRESS", empty.scheduler_address)
        with (
            cluster.ClusterTaskRunner() as runner,
            pytest.raises(ClusterUnavailable, match="has had no worker for 1 s; start workers"),
        ):
            runner.connect()


def test_a_scheduler_that_does_not_answer_is_named(monkeypatch):
    import dask

    from flows.cluster import ClusterTaskRunner

    address = f"tcp://127.0.0.1:{_free_port()}"
    monkeypatch.setenv("KPI_DASK_ADDRESS", address)
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        ClusterTaskRunner() as runner,
        pytest.raises(ClusterUnavailable, match=f"the Dask scheduler at {address} "),
    ):
        runner.connect()
