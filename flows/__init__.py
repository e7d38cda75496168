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

import os as _os

# polars' allocator (jemalloc) keeps the pages a step frees for half a second and more
# (polars' own setting), so a run carries the peak of reading its largest export into
# the steps after it. Returned after 0.1 s by jemalloc's own thread, a group month peaks
# 0.4 GB (a fifth) lower for about 2 % more time; at once, the time is 12 % more
# (docs/performance.md). polars reads this when it loads, adding it to its own: set
# here, before anything imports polars; a value set outside is kept.
_os.environ.setdefault(
    "_RJEM_MALLOC_CONF", "background_thread:true,dirty_decay_ms:100,muzzy_decay_ms:0"
)

from flows import secret_block as _secret_block  # noqa: E402
from flows.common import settings as _settings

_settings.use_secret_lookup(_secret_block.secret_block)
