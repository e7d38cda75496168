"""Expected failures: bad input, bad configuration, an unusable month.

Each carries a message an operator can act on (which month, which file, what to do)
and the process exit code; the CLI prints the message without a traceback.
"""

from __future__ import annotations


class KpiError(Exception):
    """An expected failure with an operator-facing message."""

    exit_code = 2
    retryable = False  # True: an I/O condition that may clear (a warehouse restarting)


class ExportError(KpiError):
    """An export file is missing, unreadable or lacks a column (the month cannot be read)."""

    exit_code = 3


class RosterError(KpiError):
    """The roster (agents file) is invalid; every score depends on it."""

    exit_code = 3


class RejectThresholdExceeded(KpiError):
    """A file's rejected rows exceed the scheme's ``max_reject_rate``."""

    exit_code = 1


def _kinds(cls: type[KpiError]) -> set[type[KpiError]]:
    found = {cls}
    for sub in cls.__subclasses__():
        found |= _kinds(sub)
    return found


def is_expected_failure_log(record) -> bool:
    """Whether a Prefect run-log record is about an expected failure.

    Prefect logs a task's or flow's exception twice (the traceback, then the final
    state), the second time only as text, so the class name in the message decides.
    """
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, KpiError):
        return True
    message = record.getMessage()
    return any(f"{kind.__name__}(" in message or f"{kind.__name__}:" in message
               for kind in _kinds(KpiError))


def retry_unless_expected(task, task_run, state) -> bool:
    """Prefect retry condition: retry I/O hiccups, never bad input (it will not heal)."""
    try:
        state.result()
    except KpiError as exc:
        return exc.retryable
    except Exception:
        return True
    return False


class SchemeError(KpiError):
    """No usable scheme file for a month, or a malformed one."""

    exit_code = 3
