"""The Prefect tasks of the publishing flows: each wraps one plain step (I/O or a
transform) with its name, its run name, retries (I/O only) and no cache.

An expected failure (`KpiError`, or a database failure told in words) does not raise
out of a task: the task ends in a Failed state whose message is the operator's message,
so Prefect's UI and logs show that message, not a traceback; `call` turns the state back
into the exception for the flow. What may heal (a warehouse outage, a flaky share) is
retried by Prefect; bad input never is. A bug raises as usual, with its traceback.

Every task has NO_CACHE: Prefect's default cache key would hash (pickle) the frames, and
caching a month's rows would store them outside the warehouse.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State
from prefect.states import Failed

from flows.common.errors import KpiError, retry_if_retryable
from flows.inputs import validate
from flows.inputs.schemes import month_scheme
from flows.outputs import site
from flows.publishing import gate, runs
from flows.storage import connection, failures, reads
from transforms import results

_WAREHOUSE_RETRIES = {"retries": 2, "retry_delay_seconds": [2, 8]}


class _ExpectedFailureTraceback(logging.Filter):
    """Prefect's engine logs a flow run that ends Failed as "Engine execution exited with
    unexpected exception", with a 50-line traceback, at ERROR in the run's own log. For
    an expected failure (`KpiError`) the run's state and its one ERROR line already say
    the operator's message: the traceback is noise that reads like a bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not (
            isinstance(exc, KpiError) and record.getMessage().startswith("Engine execution exited")
        )


logging.getLogger("prefect.flow_runs").addFilter(_ExpectedFailureTraceback())


def _as_states(fn: Callable) -> Callable:
    """Expected failures of ``fn`` as Failed states carrying the operator's message."""

    @functools.wraps(fn)
    def step(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KpiError as exc:
            error = exc
        except sa.exc.DBAPIError as exc:
            engine = next((a for a in args if isinstance(a, sa.Engine)), None)
            error = failures.failure(exc, engine.url if engine else "sqlite://", during_run=True)
            if error is None:
                raise
        _warn_if_retried(error)
        return Failed(message=error.for_operator(), data=error)

    return step


def _warn_if_retried(error: KpiError) -> None:
    """A failure that Prefect will retry: one WARNING for this attempt (Prefect's own line
    is INFO, and the final attempt's failure is the run's, said by the flow)."""
    from prefect import get_run_logger
    from prefect.context import TaskRunContext

    context = TaskRunContext.get()
    if context is None or not error.retryable:
        return
    attempt, retries = context.task_run.run_count, context.task.retries
    if attempt <= retries:
        get_run_logger().warning(
            "attempt %d of %d failed, retrying: %s", attempt, retries + 1, error.for_operator()
        )


def run_failed(exc: KpiError) -> State:
    """How a flow ends on an expected failure: Failed, its message the operator's, and
    that message once at ERROR in the run's log (Prefect logs the final state at INFO)."""
    from prefect import get_run_logger

    get_run_logger().error("%s", exc.for_operator())
    return Failed(message=exc.for_operator(), data=exc)


def run_stopped(what: str, exc: SystemExit) -> State:
    """How a flow ends when its process is told to exit under it (its worker was killed,
    so the run's output pipe closed and a write raised ``SystemExit``): Failed, naming
    what it was running, instead of Prefect's "Crashed: Execution was aborted by Python
    system exit call", which names nothing. The month's ``kpi_run`` row already says it
    stopped (`flows.publishing.attempts`). Logging may be what fails now: best effort."""
    from prefect import get_run_logger

    message = (
        f"{what}: the run's process was told to exit ({type(exc).__name__}: {exc}), as "
        "when its worker stops or is killed; nothing of an unfinished month was published "
        "and its kpi_run row says so. Start the worker again and run the month again"
    )
    with contextlib.suppress(BaseException):
        get_run_logger().error("%s", message)
    return Failed(message=message)


def step(
    fn: Callable, name: str, *, run_name: str | None = None, retries: dict | None = None
) -> Any:
    """``fn`` as a Prefect task (see the module doc)."""
    return task(
        _as_states(fn),
        name=name,
        task_run_name=run_name or name,
        cache_policy=NO_CACHE,
        retry_condition_fn=retry_if_retryable,
        **(retries or {}),
    )


def call(task_: Any, *args, **kwargs) -> Any:
    """Run a task in the flow and return its result, raising what it failed with. Outside
    a flow run (`kpi run` recording an unchanged month before any flow starts), the
    task's function is called as it is: no Prefect server is needed."""
    from prefect.context import FlowRunContext

    if FlowRunContext.get() is None:
        result = task_.fn(*args, **kwargs)
        if isinstance(result, State) and result.is_failed():
            raise result.data
        return result
    return task_(*args, return_state=True, **kwargs).result()


def logger() -> logging.Logger | logging.LoggerAdapter:
    """The flow run's logger, or outside a flow run the ``kpi.run`` logger (see `call`)."""
    from prefect import get_run_logger
    from prefect.context import FlowRunContext

    return get_run_logger() if FlowRunContext.get() else logging.getLogger("kpi.run")


def _raising(task_: Any) -> Callable:
    """A task as a plain callable that raises what it failed with (for `validate.Steps`
    and `runs.PublishSteps`, whose callers are plain code)."""
    return functools.partial(call, task_)


open_warehouse = step(
    connection.connect, "open-warehouse", retries={"retries": 3, "retry_delay_seconds": [1, 3, 6]}
)


load_scheme = step(month_scheme, "load-scheme", run_name="load-scheme[{month_start:%Y-%m}]")

VALIDATE = validate.Steps(
    read=_raising(
        step(
            validate.read_file,
            "read-export",
            run_name="read-export[{path.parent.name} {export.name}]",
            retries={"retries": 2, "retry_delay_seconds": 2},
        )
    ),
    roster=_raising(
        step(
            validate.validate_roster,
            "validate-roster",
            run_name="validate-roster[{agents.path.parent.name}]",
        )
    ),
    file=_raising(
        step(
            validate.validate_file,
            "validate-export",
            run_name="validate-export[{file.path.parent.name} {file.export.name}]",
        )
    ),
)

read_previous_end = step(
    reads.previous_period_end,
    "read-previous-period",
    run_name="read-previous-period[{month:%Y-%m}]",
    retries=_WAREHOUSE_RETRIES,
)

find_unchanged = step(
    runs.found_unchanged,
    "find-unchanged",
    run_name="find-unchanged[{attempt.month:%Y-%m}]",
    retries=_WAREHOUSE_RETRIES,
)

read_state = step(
    runs.read_state,
    "read-warehouse-state",
    run_name="read-warehouse-state[{month:%Y-%m}]",
    retries=_WAREHOUSE_RETRIES,
)

record_unchanged = step(
    runs.record_unchanged,
    "record-unchanged",
    run_name="record-unchanged[{run.month:%Y-%m}]",
    retries=_WAREHOUSE_RETRIES,
)

prepare = step(results.prepare, "decide-appeals", run_name="decide-appeals[{month:%Y-%m}]")

compute_scorecards = step(results.scorecards_and_teams, "compute-scorecards")

PUBLISH = runs.PublishSteps(
    stage=_raising(
        step(
            runs.stage,
            "stage-version",
            run_name="stage-version[{run.month:%Y-%m}]",
            retries=_WAREHOUSE_RETRIES,
        )
    ),
    gate=_raising(
        step(
            gate.quality_gate,
            "quality-gate",
            run_name="quality-gate[{run.month:%Y-%m}]",
            retries=_WAREHOUSE_RETRIES,
        )
    ),
    flip=_raising(
        step(
            runs.flip,
            "flip-version",
            run_name="flip-version[{run.month:%Y-%m}]",
            retries=_WAREHOUSE_RETRIES,
        )
    ),
)

write_report = _raising(
    step(site.write_month_reports, "write-report", run_name="write-report[{month:%Y-%m}]")
)
