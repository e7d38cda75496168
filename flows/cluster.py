"""The task runner of a run on a Dask cluster (the `month-end-dask` deployment, whose
entrypoint is `flows/month_end_dask.py`).

Only the scorecards' tasks are submitted to a task runner (`flows.month_end.compute`: one
``compute-scorecards`` task per group of whole stores, with only that group's rows); on
this runner they run on the cluster's workers. Everything else stays in the flow run's
process on the Prefect worker: reading and validating the exports, deciding the appeals
(an appeal may name another store's record) and publishing (stage, quality gate, flip),
which stays one atomic step per month under the month's lock.

The scheduler is the one ``KPI_DASK_ADDRESS`` names in the environment of the process
that runs the flow (`settings.dask_address`), read when a run starts: `prefect deploy`
imports this module on a machine that may see no cluster. Without an address a run
fails; it never falls back to prefect-dask's default, a temporary cluster started inside
the flow run, which would compute on the Prefect worker alone.

Only the Dask entrypoint and the tests import this module (prefect-dask is the ``dask``
extra): `kpi` never does.
"""

from __future__ import annotations

from prefect_dask import DaskTaskRunner
from prefect_dask.client import PrefectDaskClient

from flows import settings
from flows.errors import ClusterUnavailable

WORKER_WAIT_SECONDS = 60


class ClusterTaskRunner(DaskTaskRunner):
    """prefect-dask's task runner on the scheduler at ``KPI_DASK_ADDRESS``."""

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
