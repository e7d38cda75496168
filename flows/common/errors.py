"""Expected failures: bad input, bad configuration, an unusable month or warehouse.

Each carries a message an operator can act on (which file, what to do), the process
exit code, and, once a month's run has raised it, the month (`KpiError.month`): the
command line prints ``kpi <command>: <YYYY-MM>: <message>`` without a traceback, and a
flow run ends Failed with the same text.

Exit codes (`docs/commands.md`): 1 a file over the reject threshold or a store's export
incomplete against its history; 2 the command line
is wrong; 3 an input, scheme or local precondition problem; 4 the warehouse (or the
month's lock) is not available; 5 the quality gate failed.
"""

from __future__ import annotations

import signal
import threading
from datetime import date

EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_INPUT, EXIT_WAREHOUSE, EXIT_GATE = 0, 1, 2, 3, 4, 5


class KpiError(Exception):
    """An expected failure with an operator-facing message."""

    exit_code = EXIT_USAGE
    retryable = False  # True: a condition that may clear (a warehouse restarting)
    # Set by a month's run when it records the failure (`flows.publishing.attempts`): its
    # run id, and the month's version that stays current (None: none is published), when
    # the warehouse could be read (``kept_known``).
    run_id: str | None = None
    kept_version: int | None = None
    kept_known: bool = False

    def __init__(
        self, message: str, *, month: date | None = None, retryable: bool | None = None
    ) -> None:
        super().__init__(message)
        self.month = month
        if retryable is not None:
            self.retryable = retryable

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def for_operator(self) -> str:
        """The message with the month it is about, as the CLI and Prefect show it."""
        return f"{self.month:%Y-%m}: {self.message}" if self.month else self.message


class UsageError(KpiError):
    """An argument or parameter is wrong (also as a deployment parameter)."""

    exit_code = EXIT_USAGE


class ExportError(KpiError):
    """An export file is missing, unreadable or lacks a column (the month cannot be read)."""

    exit_code = EXIT_INPUT


class AnotherMonthsFile(KpiError):
    """A record file most of whose rows belong to another month (`exports.md`,
    "Plausibility"): the wrong file, which no flag lets through."""

    exit_code = EXIT_INPUT


class RosterError(KpiError):
    """The roster (agents file) is invalid; every score depends on it."""

    exit_code = EXIT_INPUT


class SchemeError(KpiError):
    """No usable scheme file for a month, or a malformed one."""

    exit_code = EXIT_INPUT


class PreconditionError(KpiError):
    """A folder or file the command needs is missing or not writable."""

    exit_code = EXIT_INPUT


class ClusterUnavailable(KpiError):
    """The Dask cluster a run computes on (`flows.cluster`) is not configured, does not
    answer or has no worker."""

    exit_code = EXIT_INPUT


class MonthGap(KpiError):
    """The previous month is unpublished while an earlier one is published."""

    exit_code = EXIT_INPUT


class RejectThresholdExceeded(KpiError):
    """A file's rejected rows exceed the scheme's ``max_reject_rate``."""

    exit_code = EXIT_REJECTS


class IncompleteMonth(KpiError):
    """A store's export is incomplete against the store's own history (`scheme.md` §9.3)."""

    exit_code = EXIT_REJECTS


class QualityGateFailed(KpiError):
    """The staged version broke an expectation of the quality gate."""

    exit_code = EXIT_GATE

    def __init__(self, message: str, *, data_docs: str | None = None, **kw) -> None:
        super().__init__(message, **kw)
        self.data_docs = data_docs


def interrupted(exc: BaseException) -> bool:
    """Ctrl-C, also where a library turned it into another error while handling it
    (Prefect's task engine, interrupted while it creates a task run, raises a ValueError
    from the KeyboardInterrupt): the operator stopped the command, nothing failed."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


_INTERRUPTED = threading.Event()


def watch_interrupts() -> None:
    """Remember every Ctrl-C, not only the KeyboardInterrupt it raises: one that lands
    while the garbage collector runs a ``__del__`` (asyncio's transports) is printed as
    "Exception ignored" and lost, and the run would carry on and publish."""
    if threading.current_thread() is not threading.main_thread():
        return
    _INTERRUPTED.clear()

    def handler(signum, frame):
        _INTERRUPTED.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)


def was_interrupted() -> bool:
    return _INTERRUPTED.is_set()


def raise_if_interrupted() -> None:
    """Before a step that cannot be undone (the flip): a Ctrl-C that was swallowed on
    its way still stops the run."""
    if _INTERRUPTED.is_set():
        raise KeyboardInterrupt


def retry_if_retryable(task, task_run, state) -> bool:
    """Prefect retry condition: retry what may heal (I/O), never bad input."""
    try:
        state.result()
    except KpiError as exc:
        return exc.retryable
    except Exception:
        return False
    return False
