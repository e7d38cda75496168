"""The warehouse URL from the Prefect Secret block ``kpi-warehouse-url``.

The only Prefect part of resolving settings, kept with the flows so that
`flows.common.settings` imports no Prefect: importing the package `flows` registers
`secret_block` with `flows.common.settings.use_secret_lookup`, so every command and flow
run reads the block as before (`flows.common.settings` says when).

`main` is the command `kpi-warehouse-secret` that writes the block (docs/deployment.md,
section 3). It is not a `kpi` subcommand: it writes to the Prefect server, not the
warehouse, and takes the URL from a prompt or standard input, never from its arguments,
where other users of the machine could read it. Its messages stay English, like every
message on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from flows.common.errors import KpiError, UsageError
from flows.common.settings import (
    WAREHOUSE_SECRET_BLOCK,
    NoWarehouseConfigured,
    masked_url,
    url_problem,
)


def secret_block() -> str | None:
    """The URL from the Prefect Secret block; None only when no such block exists."""
    from prefect.blocks.system import Secret
    from prefect.exceptions import ObjectNotFound

    try:
        return Secret.load(WAREHOUSE_SECRET_BLOCK, validate=False).get()
    except (ObjectNotFound, ValueError) as exc:
        # Prefect says "Unable to find block document named ..." (a ValueError) when the
        # block does not exist; any other ValueError is a real failure.
        if isinstance(exc, ObjectNotFound) or "Unable to find block document" in str(exc):
            return None
        raise NoWarehouseConfigured(
            f"the Prefect Secret block {WAREHOUSE_SECRET_BLOCK} could not be read ({exc}); "
            "fix it or set KPI_WAREHOUSE_URL"
        ) from None
    except Exception as exc:  # the API did not answer: never guess another warehouse
        if "401" in str(exc):
            raise NoWarehouseConfigured(
                f"the Prefect API at PREFECT_API_URL refused this client (401 Unauthorized) "
                f"while looking up the Secret block {WAREHOUSE_SECRET_BLOCK}: set "
                "PREFECT_API_AUTH_STRING to the server's user:password "
                "(PREFECT_SERVER_API_AUTH_STRING), or set KPI_WAREHOUSE_URL"
            ) from None
        raise NoWarehouseConfigured(
            f"the Prefect API did not answer while looking up the Secret block "
            f"{WAREHOUSE_SECRET_BLOCK} ({type(exc).__name__}: {exc}); check PREFECT_API_URL "
            "and the server, or set KPI_WAREHOUSE_URL"
        ) from None


def save_secret_block(url: str) -> None:
    """Store ``url`` in the Secret block, replacing the one there."""
    from prefect.blocks.system import Secret

    Secret(value=url).save(WAREHOUSE_SECRET_BLOCK, overwrite=True)


def _read_url(stream: TextIO) -> str:
    # From a terminal, a prompt that does not echo; otherwise the first line of standard
    # input (a file only its owner reads): never the command line, which `ps` and the
    # shell's history show to others.
    if stream.isatty():
        return getpass.getpass("Warehouse URL (not shown): ").strip()
    return stream.readline().strip()


def main(argv: list[str] | None = None) -> int:
    """`kpi-warehouse-secret`: writes the warehouse URL into the Secret block of the
    server at PREFECT_API_URL, read from a prompt or standard input."""
    argparse.ArgumentParser(
        prog="kpi-warehouse-secret",
        description=f"Stores the warehouse URL in the Prefect Secret block "
        f"{WAREHOUSE_SECRET_BLOCK} of the server at PREFECT_API_URL. The URL is asked for "
        "without echo, or read from the first line of standard input "
        "(kpi-warehouse-secret < /etc/kpi/warehouse-url); never from the command line.",
        epilog="Reference: docs/deployment.md, section 3.",
    ).parse_args(argv)
    try:
        api = _api_url()
        try:
            url = _read_url(sys.stdin)
        except (EOFError, KeyboardInterrupt):  # Ctrl-D or Ctrl-C at the prompt
            print(file=sys.stderr)
            url = ""
        if not url:
            raise UsageError("no URL was given: type it at the prompt or pipe it in")
        problem = url_problem(url)
        if problem:  # its hint names the kpi command's ways, not this one's
            raise UsageError(problem.replace(" (--warehouse or KPI_WAREHOUSE_URL)", ""))
        try:
            save_secret_block(url)
        except Exception as exc:
            raise NoWarehouseConfigured(
                f"the Prefect API at {api} did not store the Secret block "
                f"{WAREHOUSE_SECRET_BLOCK} ({type(exc).__name__}: {_first_line(exc)}); check "
                "PREFECT_API_URL, PREFECT_API_AUTH_STRING and the server"
            ) from None
    except KpiError as exc:
        print(f"kpi-warehouse-secret: {exc.message}", file=sys.stderr)
        return exc.exit_code
    print(
        f"Stored {masked_url(url)} in the Prefect Secret block {WAREHOUSE_SECRET_BLOCK} at {api}."
    )
    return 0


def _api_url() -> str:
    from prefect.settings import get_current_settings

    api = get_current_settings().api.url
    if not api:  # Prefect would store it in a temporary server of this process, then lose it
        raise UsageError(
            "PREFECT_API_URL is not set: point it at the Prefect server the workers use "
            "(and PREFECT_API_AUTH_STRING, when the server asks for one)"
        )
    return api


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0]
