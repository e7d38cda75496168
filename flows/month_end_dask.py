"""The `month-end-dask` deployment's entrypoint: the month-end flow with its scorecards
computed on the Dask cluster at ``KPI_DASK_ADDRESS`` (`flows.cluster`).

Only composition lives here. Prefect runs a deployment's entrypoint file as a top-level
module of its own (``month_end_dask``, not ``flows.month_end_dask``), and every task
submitted to Dask carries the flow and its task runner, pickled; Dask's workers can
unpickle them only from importable modules, so both come from ``flows.*``.
"""

from flows.cluster import ClusterTaskRunner
from flows.month_end import month_end as _month_end
from flows.month_end import run_namer

month_end = _month_end.with_options(
    task_runner=ClusterTaskRunner(), flow_run_name=run_namer("month-end-dask")
)
