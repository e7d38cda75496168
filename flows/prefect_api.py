"""Prefect's temporary API server, started at once when no server is configured.

With no ``PREFECT_API_URL``, Prefect starts a temporary server at the first flow call;
that server imports all of Prefect's server code (about 12 s of CPU here) in its own
process, and Prefect also imports that code into the calling process just to start it.
`kpi` commands that run flows instead start the same server (Prefect's own app, as
Prefect starts it) the moment the command line is parsed, without importing the server
code here, so its start-up overlaps the command's own imports; `wait_until_ready` is
called right before the first flow. A configured server (``PREFECT_API_URL``, a
profile, a deployment's worker) is used as it is.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from flows.common.settings import Settings

_STARTUP_SECONDS = 90
_pending: _TemporaryServer | None = None


def _parent_death_signal():
    """What the server's process calls between fork and exec, so that a command killed
    with SIGKILL takes its server with it (Linux's PR_SET_PDEATHSIG) instead of leaving
    it running; None elsewhere. Looked up here, in the parent: between fork and exec the
    child may run no import (another thread could hold the import lock)."""
    if sys.platform != "linux":
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


class _TemporaryServer:
    def __init__(self) -> None:
        import prefect
        from prefect.settings import get_current_settings

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/api"
        # The environment and arguments Prefect's own temporary server gets.
        env = {
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
            **get_current_settings().to_environment_variables(exclude_unset=True),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(Path(prefect.__file__).parent.parent),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            # Its own session: a Ctrl-C at the terminal reaches the command, which stops
            # its runs and then the server, instead of killing the server under them.
            start_new_session=True,
            preexec_fn=_parent_death_signal(),  # noqa: PLW1509
        )
        self.ready = False

    def wait(self) -> None:
        deadline = time.monotonic() + _STARTUP_SECONDS
        while not self.ready:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"Prefect's temporary server exited with code "
                    f"{self.process.returncode} before it was ready"
                )
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/health", timeout=1) as response,
            ):
                self.ready = response.status == 200
            if not self.ready:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Prefect's temporary server did not answer within {_STARTUP_SECONDS} s"
                    )
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def temporary_api() -> Iterator[None]:
    """Within the block, flows talk to the configured Prefect server, or to a temporary
    one started now and stopped at the end."""
    global _pending
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_SERVER_EPHEMERAL_ENABLED,
        temporary_settings,
    )

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        yield
        return
    server = _TemporaryServer()
    _pending = server
    try:
        # No heartbeats: no automation watches a server that ends with the command, and
        # each flow's end waits up to a second for the heartbeat thread's sleep.
        updates = {PREFECT_API_URL: server.url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
        with temporary_settings(updates=updates):
            yield
    finally:
        _pending = None
        _drain_to(server)
        server.stop()


def _drain_to(server: _TemporaryServer) -> None:
    """Send the run's remaining logs and events before the server goes: stopping it with
    them queued makes Prefect print "Error logging to API" and websocket errors after the
    command's own output."""
    if server.ready:
        drain_senders()


def drain_senders() -> None:
    """Send what the process's log and event senders hold. They stay bound to the server
    they first talked to; after this the next log or event starts one bound to the
    server configured then."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for service in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            service.drain_all(timeout=10)


def wait_until_ready() -> None:
    """Block until the temporary server (if this process started one) answers."""
    if _pending is not None:
        _pending.wait()


def project_directory() -> dict[str, str]:
    """The pull step of the deployments (`prefect.yaml`): run in the project checkout the
    worker's environment names, so that a deployment made on one machine runs on another
    (Prefect's own ``set_working_directory`` would keep the deploying machine's path).
    Relative folders (``exports``, ``data_docs``, ``warehouse.db``) resolve there.

    A pull step that fails leaves Prefect nothing but "Process exited with status code
    1" (the process ends before its log reaches the server), so the flow run is ended
    Failed with the cause as its state message first."""
    variable, folder = "KPI_PROJECT_DIR", Settings().project_dir
    if not folder:
        _refuse(
            f"{variable} is not set in the worker's environment; set it to the folder of the "
            "project's checkout on this machine (where prefect.yaml is), then restart the "
            "worker"
        )
    path = Path(folder).expanduser().resolve()
    if not (path / "prefect.yaml").is_file():
        _refuse(
            f"{variable}={folder}: no prefect.yaml there; point it at the "
            "project's checkout on this machine"
        )
    os.chdir(path)
    return {"directory": str(path)}


def _refuse(message: str) -> NoReturn:
    """End this flow run Failed with ``message``, said once in its log too (best
    effort), then stop the pull."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run
    from prefect.states import Failed

    if flow_run.id:
        from datetime import UTC, datetime

        from prefect.client.schemas.actions import LogCreate

        said = f"the worker cannot start the run: {message}"
        line = LogCreate(
            name="kpi.pull",
            level=40,
            message=said,
            timestamp=datetime.now(UTC),
            flow_run_id=flow_run.id,
        )
        with contextlib.suppress(Exception), get_client(sync_client=True) as client:
            client.create_logs([line])  # the run's log, where an operator looks first
            client.set_flow_run_state(flow_run.id, Failed(message=said), force=True)
    raise RuntimeError(message)
