"""The quality gate: step 4 of the publishing protocol (`warehouse.md`), with Great
Expectations.

The suite reads the staged, not-yet-current version straight from the warehouse (a SQL
data source through SQLAlchemy, on SQLite and PostgreSQL alike) and the run's
``kpi_run_input`` rows. A failing expectation fails the run, so nothing new becomes
current. Data Docs (HTML) are written per run to ``<data docs>/<YYYY-MM>/<run id>/``;
the static files GE copies into each run (4 MB) are kept once, in
``<data docs>/static/``, and the pages
point there and at vendored copies of the scripts and styles GE's templates load from
CDNs (``flows/publishing/data_docs_vendor/``), so Data Docs open offline from ``file://``.

The warehouse URL reaches Great Expectations through an environment variable it
substitutes at connect time, so the URL (and any password in it) is never part of the
stored configuration or the Data Docs.
"""

from __future__ import annotations

import filecmp
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from flows.common.errors import QualityGateFailed
from flows.storage import gate_sql
from schemas.scheme import TOLERANCE
from schemas.tables import METRIC_COLUMN_PREFIXES

if TYPE_CHECKING:
    from flows.publishing.attempts import Run

_URL_VARIABLE = "KPI_GX_WAREHOUSE_URL"
VENDOR_DIR = Path(__file__).resolve().parent / "data_docs_vendor"
SHARED_STATIC = "static"  # under the Data Docs root, beside the month folders
# What GE 1.24's page templates load from the network, and the vendored copy of each.
_CDN_FILES = {
    "https://cdn.jsdelivr.net/npm/vega@5": "vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome/css/all.min.css",  # noqa: E501 (a URL)
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table.min.js",  # noqa: E501 (a URL)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table.min.css",  # noqa: E501 (a URL)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js": "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css": "bootstrap-table-1.19.0/bootstrap-table-filter-control.min.css",  # noqa: E501
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css": "bootstrap-table-1.19.0/bootstrap-table-filter-control.css",  # noqa: E501
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": "bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css": "bootstrap-datepicker.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": "bootstrap-prefers-dark.min.css",
}
_CDN_URL = re.compile(
    "|".join(re.escape(u) for u in sorted(_CDN_FILES, key=len, reverse=True)) + r"(?=[\"'])"
)
# The header's logo comes from GE's S3 bucket (with a tracking query); GE ships it too.
_S3_IMAGE = re.compile(
    r"https://great-expectations-web-assets\.s3\.[\w.-]+\.amazonaws\.com/([\w.-]+)"
    r"[^\"']*"
)
# Subresource integrity and CORS mode fail for file:// copies; the copies are ours.
_SRI = re.compile(r"""\s+(?:integrity|crossorigin)=(?:"[^"]*"|'[^']*')""")
_RUN_STATIC = re.compile(r"""((?:src|href)=["'])(?:\.\.?/)*static/""")


def _expectations(gxe, table: str, *, expected_agents: int, rules: list[tuple[str, str]]) -> list:
    """The column expectations of a table, then its row rules (queries from
    `gate_sql.gate_rules`). The grain needs none: the tables' primary keys hold it."""
    columns = {
        "kpi_agent_monthly": [
            gxe.ExpectTableRowCountToEqual(value=expected_agents),
            gxe.ExpectColumnValuesToBeBetween(column="score", min_value=0, max_value=100),
            gxe.ExpectColumnValuesToBeBetween(column="satisfaction_avg", min_value=1, max_value=5),
            gxe.ExpectColumnValuesToBeBetween(column="timely_rate", min_value=0, max_value=1),
            *[
                gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0)
                for c in ("complaint_rate", "repurchase_rate", "referral_rate")
            ],
            gxe.ExpectColumnValuesToBeInSet(
                column="status", value_set=["scored", "insufficient_data"]
            ),
        ],
        "kpi_team_monthly": [
            *[
                gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=1)
                for c in ("satisfaction_pct", "satisfied_share")
            ],
            gxe.ExpectColumnValuesToBeBetween(column="complaint_rate", min_value=0),
        ],
        "kpi_run_input": [],
    }[table]
    return columns + [
        gxe.UnexpectedRowsExpectation(description=description, unexpected_rows_query=query)
        for description, query in rules
    ]


class _MemoryBytecodeCache:
    """Compiled Jinja templates kept for the process (jinja2's BytecodeCache protocol)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source):
        from jinja2.bccache import Bucket

        key = f"{name}:{hash(source)}"
        bucket = Bucket(environment, key, str(hash(source)))
        if key in self._store:
            bucket.bytecode_from_string(self._store[key])
        return bucket

    def set_bucket(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CACHE = _MemoryBytecodeCache()


def _reuse_compiled_templates() -> None:
    """GE builds a new Jinja environment for every page it renders, so it recompiles its
    templates each time: 2-3 s of every run's Data Docs. Jinja's loaders consult the
    environment's bytecode cache, so one shared cache removes the recompiling and leaves
    GE's rendering as it is."""
    from great_expectations.render.view.view import DefaultJinjaView

    if getattr(DefaultJinjaView, "_kpi_template_cache", False):
        return
    original = DefaultJinjaView.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.env.bytecode_cache = _TEMPLATE_CACHE

    DefaultJinjaView.__init__ = __init__
    DefaultJinjaView._kpi_template_cache = True


def _copy_missing(source: Path, target: Path) -> None:
    """Copy a folder's files into ``target`` where they are missing or differ; each file
    lands whole (temporary name, then rename), so runs side by side cannot half-write."""
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        destination = target / path.relative_to(source)
        if destination.exists() and filecmp.cmp(path, destination, shallow=False):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=destination.parent, prefix=".copy-")
        os.close(fd)
        shutil.copyfile(path, temporary)
        os.replace(temporary, destination)


def share_static_files(docs: Path, root: Path) -> None:
    """Make a run's Data Docs (``docs``, i.e. ``root/<YYYY-MM>/<run id>``) use the static
    files kept once under ``root/static`` and work offline.

    GE copies its static files into every run: they move to the shared folder (once) and
    the run's copy is removed; the CDN scripts and styles GE's templates reference become
    the vendored copies in ``root/static/vendor``; the S3 logo becomes GE's own image."""
    shared = root / SHARED_STATIC
    own = docs / "static"
    if own.is_dir():
        _copy_missing(own, shared)
        shutil.rmtree(own)
    _copy_missing(VENDOR_DIR, shared / "vendor")
    for page in docs.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        up = Path(os.path.relpath(shared, page.parent)).as_posix()

        def vendored(match: re.Match, up: str = up) -> str:
            return f"{up}/vendor/{_CDN_FILES[match.group(0)]}"

        def image(match: re.Match, up: str = up) -> str:
            # GE ships its long logo; its dark-mode variant only lives on S3.
            name = match.group(1)
            if not (shared / "images" / name).is_file():
                name = "logo-long.png"
            return f"{up}/images/{name}"

        # GE's relative links to its static files now lead to the shared folder (which
        # also mends the favicon link of validation pages, one folder short in GE 1.24).
        new = _RUN_STATIC.sub(lambda m, up=up: f"{m.group(1)}{up}/", text)
        new = _CDN_URL.sub(vendored, new)
        new = _S3_IMAGE.sub(image, new)
        new = _SRI.sub("", new)
        if new != text:
            page.write_text(new, encoding="utf-8")


def preload_quality_gate() -> None:
    """Import Great Expectations (about 12 s) in a background thread. Called right before
    a flow starts, it overlaps the import with Prefect starting its temporary server in
    another process, while this one mostly waits; the gate then finds it imported."""
    import importlib
    import threading

    threading.Thread(
        target=importlib.import_module,
        args=("great_expectations",),
        daemon=True,
        name="preload-great-expectations",
    ).start()


def quality_gate(engine: sa.Engine, run: Run, *, expected_agents: int) -> str:
    """Validate the staged version; returns the Data Docs index. Raises QualityGateFailed.

    Takes the engine, not its URL, so that the password never is a task argument."""
    import great_expectations as gx  # heavy: imported only when a run reaches the gate
    import great_expectations.expectations as gxe
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    month, version, run_id = run.month, run.version, run.run_id
    _reuse_compiled_templates()
    logging.getLogger("great_expectations").setLevel(logging.WARNING)  # its INFO is noise
    docs = (run.settings.data_docs_dir / f"{month:%Y-%m}" / run_id).resolve()
    # Our own site only: GE's default ephemeral config also makes a temp-dir site per run.
    context = gx.get_context(
        mode="ephemeral",
        project_config=DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False),
            data_docs_sites={
                "kpi": {
                    "class_name": "SiteBuilder",
                    "store_backend": {
                        "class_name": "TupleFilesystemStoreBackend",
                        "base_directory": str(docs),
                    },
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                }
            },
        ),
    )
    url = engine.url.render_as_string(hide_password=False)
    os.environ[_URL_VARIABLE] = url
    scheme = run.scheme_file.scheme
    rules = gate_sql.gate_rules(
        engine,
        month,
        version,
        tiers=[(t.tier, t.min_score, t.bonus) for t in scheme.tiers],
        tolerance=TOLERANCE,
        metrics=tuple(METRIC_COLUMN_PREFIXES.values()),
    )
    try:
        add = (
            context.data_sources.add_sqlite
            if url.startswith("sqlite")
            else context.data_sources.add_postgres
        )
        source = add(name="warehouse", connection_string=f"${{{_URL_VARIABLE}}}")
        checks = {
            name: (
                query,
                _expectations(gxe, name, expected_agents=expected_agents, rules=rules[name]),
            )
            for name, query in gate_sql.gate_batches(engine, month, version, run_id).items()
        }
        definitions = []
        for name, (query, expectations) in checks.items():
            batch = source.add_query_asset(name=name, query=query).add_batch_definition_whole_table(
                "staged"
            )
            suite = context.suites.add(gx.ExpectationSuite(name=name))
            for expectation in expectations:
                suite.add_expectation(expectation)
            definitions.append(
                context.validation_definitions.add(
                    gx.ValidationDefinition(name=name, data=batch, suite=suite)
                )
            )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name="publish_gate",
                validation_definitions=definitions,
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["kpi"])],
            )
        )
        result = checkpoint.run(run_id=RunIdentifier(run_name=run_id))
    finally:
        os.environ.pop(_URL_VARIABLE, None)
    share_static_files(docs, run.settings.data_docs_dir.resolve())
    index = docs / "index.html"
    if not result.success:
        failed = [
            f"{run.suite_name}: {r.expectation_config.description or r.expectation_config.type}"
            + (
                f" on {r.expectation_config.kwargs['column']}"
                if "column" in r.expectation_config.kwargs
                else ""
            )
            for run in result.run_results.values()
            for r in run.results
            if not r.success
        ]
        error = QualityGateFailed(
            f"version {version} failed the quality gate: "
            + "; ".join(failed)
            + f". Nothing was published; the previous version stays current. Data Docs: "
            f"{index}",
            data_docs=str(index),
        )
        error.failures = failed
        raise error
    return str(index)
