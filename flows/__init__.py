"""The wiring: Prefect flows and the layers they stand on.

Layers, from the top down; a module imports only from layers below its own (the
import-linter contracts in pyproject.toml check it, `lint-imports`)::

    flows.cli           the command line (`kpi`): parses, checks early, starts the flows
    flows.*  (modules)  Prefect and Dask: month_end, month_end_dask, backfill, demo (the
                        flows), steps (their tasks), artifacts, prefect_api (the temporary
                        server), cluster (the Dask runner), secret_block
    flows.publishing    the publishing protocol: runs, gate (the quality gate), payroll
    flows.outputs       what people read: console, site, explain, sheets, rejects, messages
    flows.inputs        the exports and scheme files: extract, validate, schemes
    flows.storage       the warehouse (connection, revisions, locks, reads, writes), archive
    flows.generator     generated exports for the demo and the tests: generate, mistakes
    flows.common        settings, errors, languages
    transforms          pure polars functions (never import flows)
    schemas             the contracts, tables and revisions (never import flows or transforms)

Only the flows' own modules import Prefect or Dask; the outputs read the warehouse but
never import the module that writes it.
"""

from flows import secret_block as _secret_block
from flows.common import settings as _settings

_settings.use_secret_lookup(_secret_block.secret_block)
