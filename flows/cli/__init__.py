"""The `kpi` command line (`docs/commands.md`).

Every argument and local precondition (month format and range, counts, the folders a
command reads and writes, the SQLite file's folder) is checked first, before Prefect,
Great Expectations or polars are imported, so a mistake is reported in well under a
second. Only the commands that publish (`run`, `backfill`, `demo`) run as Prefect flows
and start Prefect's temporary server when none is configured; the others are plain
commands.

Exit status: 0 every month asked for was published, unchanged or (validate) usable;
1 a file is over the reject threshold; 2 the command line is wrong; 3 an input, scheme
or local precondition problem; 4 the warehouse is unreachable or unusable, or the month
is locked by another run; 5 the quality gate failed. Expected failures print one message
on stderr (``kpi <command>: <month>: <what and what to do>``), no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys

from flows.cli.checks import check
from flows.cli.commands import FLOW_COMMANDS, HANDLERS
from flows.cli.parser import DOCS, build_parser, month_argument
from flows.common.errors import KpiError, interrupted, was_interrupted, watch_interrupts
from flows.common.settings import DEFAULT_WAREHOUSE_URL, Settings, command_environment

__all__ = ["DOCS", "HANDLERS", "build_parser", "check", "main", "month_argument"]

# Prefect's console lines would bury the command's own output (its runs still log to the
# Prefect API); the CLI prints what the operator needs.
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


class _ReaderGone:
    """stdout that outlives its reader: when ``kpi … | head`` stops reading, the command
    still does all its work (a generate writes every month, a backfill runs every month)
    and what it prints afterwards goes nowhere."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def _gone(self) -> None:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _failed(args, exc: KpiError) -> int:
    if exc.month is None and getattr(args, "month", None):
        exc.month = args.month  # every message names its month
    print(f"kpi {args.command}: {exc.for_operator()}", file=sys.stderr)
    for note in getattr(exc, "__notes__", ()):  # e.g. where an unrecorded failure is kept
        print(note, file=sys.stderr)
    return exc.exit_code


def _warehouse_failure(args, exc: Exception) -> KpiError | None:
    """A database error of a command that is not a flow (approve, export, status …) in
    the operator's words (read-only, no permission, unreachable), or None."""
    if "sqlalchemy" not in sys.modules:
        return None
    from flows.storage import failures

    # args.lang: KPI_LANG is the environment's again, and may be what --lang overrode.
    given = Settings(
        warehouse_url=getattr(args, "warehouse", None), lang=getattr(args, "lang", None)
    )
    url = given.warehouse_url
    return failures.failure(exc, url or DEFAULT_WAREHOUSE_URL)


def _interrupted(args) -> int:
    published = "; a month is published whole or not at all (kpi status shows which)"
    print(
        f"kpi {args.command}: interrupted{published if args.command in FLOW_COMMANDS else ''}",
        file=sys.stderr,
    )
    return 130


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments; an unknown option is refused by the command it was given to, with
    that command's usage (argparse's top-level parser would show the list of commands)."""
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        _innermost(parser, args).error(f"unrecognized arguments: {' '.join(extras)}")
    return args


def _innermost(parser: argparse.ArgumentParser, args) -> argparse.ArgumentParser:
    """The (sub)command's own parser that ``args`` were parsed by (``kpi export payroll``)."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        chosen = action.choices.get(getattr(args, action.dest, None))
        if chosen is not None:
            return _innermost(chosen, args)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    stdout, sys.stdout = sys.stdout, _ReaderGone(sys.stdout)
    watch_interrupts()
    try:
        check(args)
        with command_environment(warehouse=getattr(args, "warehouse", None), lang=args.lang):
            if args.command not in FLOW_COMMANDS:
                code = HANDLERS[args.command](args)
            else:
                from flows import prefect_api

                with prefect_api.temporary_api():
                    code = HANDLERS[args.command](args)
        # A Ctrl-C swallowed on its way (see watch_interrupts) after the last checkpoint:
        # the work finished, but the operator asked to stop and is told what happened.
        return _interrupted(args) if was_interrupted() else code
    except KpiError as exc:
        return _failed(args, exc)
    except KeyboardInterrupt:
        return _interrupted(args)
    except Exception as exc:
        if interrupted(exc):
            return _interrupted(args)
        error = _warehouse_failure(args, exc)
        if error is None:
            raise
        return _failed(args, error)
    finally:
        sys.stdout.flush()  # a reader gone by now is told here, not at exit
        sys.stdout = stdout
