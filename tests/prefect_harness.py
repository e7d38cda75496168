"""A throw-away Prefect API for the tests (Prefect's own test harness: a server process
on a free port with a temporary database), run as `flows.prefect_api.temporary_api`
runs flows: without heartbeats.

Its background services are chosen, never inherited: each is set on or off here, so a
harness started inside another one (a module's inside the session's) runs what it asks
for. Off unless asked: automations with the stored events they need, and task runs
(recorded from their events, they cost the server more CPU than the runs themselves).
The process's log and event senders stay bound to the server they first talked to, so
they are drained before and after: a harness's runs report to that harness.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from flows.prefect_api import drain_senders


@contextlib.contextmanager
def prefect_harness(*, task_runs: bool = False, automations: bool = False) -> Iterator[str]:
    """Within the block flows talk to a new temporary Prefect API; yields its URL."""
    from prefect.logging.configuration import setup_logging
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED,
        PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED,
        PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED,
        temporary_settings,
    )
    from prefect.testing.utilities import prefect_test_harness

    # Prefect binds its console handler to sys.stderr when it sets logging up; doing it
    # here, outside any test's captured (and later closed) stream, keeps it valid.
    setup_logging()
    settings = {
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None,
        PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED: automations,
        PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED: automations,
        PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED: task_runs,
    }
    drain_senders()
    with temporary_settings(updates=settings), prefect_test_harness(server_startup_timeout=120):
        try:
            yield PREFECT_API_URL.value()
        finally:
            drain_senders()
