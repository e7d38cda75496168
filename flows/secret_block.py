"""The warehouse URL from the Prefect Secret block ``kpi-warehouse-url``.

The only Prefect part of resolving settings, kept with the flows so that
`flows.common.settings` imports no Prefect: importing the package `flows` registers
`secret_block` with `flows.common.settings.use_secret_lookup`, so every command and flow
run reads the block as before (`flows.common.settings` says when).
"""

from __future__ import annotations

from flows.common.settings import WAREHOUSE_SECRET_BLOCK, NoWarehouseConfigured


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
        raise NoWarehouseConfigured(
            f"the Prefect API did not answer while looking up the Secret block "
            f"{WAREHOUSE_SECRET_BLOCK} ({type(exc).__name__}: {exc}); check PREFECT_API_URL "
            "and the server, or set KPI_WAREHOUSE_URL"
        ) from None
