"""The task runner of a run on a Dask cluster (the `month-end-dask` deployment, whose
entrypoint is `flows/month_end_dask.py`).

Only the scorecards' tasks are submitted to a task runner (`flows.month_end.compute`: one
``compute-scorecards`` task per group of whole stores, with only that group's rows); on
this runner they run on the cluster's workers, each group's rows sent straight to one of
them (`ClusterTaskRunner.submit`), so the Prefect worker must reach the Dask workers as
well as the scheduler. Everything else stays in the flow run's process on the Prefect
worker: reading and validating the exports, deciding the appeals (an appeal may name
another store's record) and publishing (stage, quality gate, flip), which stays one
atomic step per month under the month's lock.

The scheduler is the one ``KPI_DASK_ADDRESS`` names in the environment of the process
that runs the flow (`settings.dask_address`), read when a run starts: `prefect deploy`
imports this module on a machine that may see no cluster. Without an address a run
fails; it never falls back to prefect-dask's default, a temporary cluster started inside
the flow run, which would compute on the Prefect worker alone.

Only the Dask entrypoint and the tests import this module (prefect-dask is the ``dask``
extra): `kpi` never does.
"""

from __future__ import annotations

from typing import Any

from prefect_dask import DaskTaskRunner
from prefect_dask.client import PrefectDaskClient
from prefect_dask.task_runners import PrefectDaskFuture

from flows.common import settings
from flows.common.errors import ClusterUnavailable

WORKER_WAIT_SECONDS = 60


class ClusterTaskRunner(DaskTaskRunner):
    """prefect-dask's task runner on the scheduler at ``KPI_DASK_ADDRESS``, whose tasks'
    arguments go straight to a worker."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._submitted = 0  # tasks so far: whose turn it is

    def connect(self) -> None:
        """Connect to the scheduler and wait for a worker, or raise `ClusterUnavailable`.

        The flows call this before any work (`flows.month_end.resolve_settings`):
        prefect-dask would connect only at the first task, after the month's files are
        read, and a scheduler without workers would keep that task waiting for ever."""
        if self._client is not None:
            return
        self.address = settings.dask_address()
        try:
            client = super().client
        except OSError as exc:  # distributed: refused, or no answer within its timeout
            raise ClusterUnavailable(
                f"the Dask scheduler at {self.address} ({settings.DASK_ADDRESS_VARIABLE}) "
                f"did not answer ({exc}); start it (dask scheduler) or correct the address"
            ) from None
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError:
            raise ClusterUnavailable(
                f"the Dask scheduler at {self.address} has had no worker for "
                f"{WORKER_WAIT_SECONDS} s; start workers (dask worker {self.address}) in a "
                "checkout of the project installed with the dask extra"
            ) from None

    @property
    def client(self) -> PrefectDaskClient:
        self.connect()
        return self._client

    def submit(
        self,
        task: Any,
        parameters: dict[str, Any],
        wait_for: Any = None,
        dependencies: Any = None,
    ) -> PrefectDaskFuture:
        """Submit ``task`` with its arguments sent ahead to one worker, in turn.

        prefect-dask puts the arguments inside the task, and a task travels through the
        scheduler, which then holds every group's rows at once: the whole month, pickled
        (measured on 100 stores: the scheduler went from 73 MB to 855 MB and stalled
        13 s). Scattered straight to a worker (Dask's ``direct``), the task carries only
        references, and Dask runs it where its data is."""
        workers = sorted(self.client.ncores())
        worker = workers[self._submitted % len(workers)]
        self._submitted += 1
        sent = self.client.scatter(
            list(parameters.values()), workers=[worker], direct=True, hash=False
        )
        references = dict(zip(parameters, sent, strict=True))
        return super().submit(task, references, wait_for, dependencies)
