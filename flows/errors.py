"""Expected failures: bad input, bad configuration, an unusable month.

Each carries a message an operator can act on (which month, which file, what to do)
and the process exit code; the CLI prints the message without a traceback.
"""

from __future__ import annotations


class KpiError(Exception):
    """An expected failure with an operator-facing message."""

    exit_code = 2


class ExportError(KpiError):
    """An export file is missing, unreadable or lacks a column (the month cannot be read)."""

    exit_code = 3


class RosterError(KpiError):
    """The roster (agents file) is invalid; every score depends on it."""

    exit_code = 3


class RejectThresholdExceeded(KpiError):
    """A file's rejected rows exceed the scheme's ``max_reject_rate``."""

    exit_code = 1
