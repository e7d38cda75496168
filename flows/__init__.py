"""The wiring: Prefect flows and the layers they stand on.

Layers, from the top down; a module imports only from layers below its own (the
import-linter contracts in pyproject.toml check it, `lint-imports`)::

    flows.cli           the command line (`kpi`): parser, checks (before any heavy import),
                        commands; it starts the flows below
    flows.*  (modules)  Prefect and Dask: month_end, month_end_dask, backfill, demo (the
                        flows), steps (their tasks), artifacts, prefect_api (the temporary
                        server), cluster (the Dask runner), secret_block (the Secret block)
    flows.publishing    the publishing protocol: runs, attempts, outcomes, gate (the quality
                        gate), payroll
    flows.outputs       what people read: console, console_explain, console_status, site/,
                        explain, sheets, rejects, messages/
    flows.inputs        the exports and scheme files: extract, spreadsheets, validate, schemes
    flows.storage       the warehouse by job (failures, schema, connection, locking, reads,
                        writes, gate_sql) and the archive
    flows.generator     generated exports: generate, options, roster, records, files,
                        planting, mistakes
    flows.common        settings, errors, languages
    transforms          pure polars functions
    schemas             contracts, tables, revisions

Only the flows' own modules import Prefect or Dask; the outputs read the warehouse but
never import the module that writes it.
"""

from flows import secret_block as _secret_block
from flows.common import settings as _settings

_settings.use_secret_lookup(_secret_block.secret_block)
