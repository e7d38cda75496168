"""The quality gate: step 4 of the publishing protocol (`warehouse.md`), with Great
Expectations.

The suite reads the staged, not-yet-current version straight from the warehouse (a SQL
data source through SQLAlchemy, on SQLite and PostgreSQL alike) and the run's
``kpi_run_input`` rows. A failing expectation fails the run, so nothing new becomes
current. The expectations come from the declared rules (`schemas.rules`): a column rule
becomes GE's own column expectation, a row rule or a sum across tables a query
(`flows.storage.gate_sql`); the scheme's tier rule and the month's row count are the
gate's own. Data Docs (HTML) go to the warehouse's one site (`flows.publishing.data_docs`).

An expectation that raised (Great Expectations turns a connection that died under it
into a failed expectation) judged nothing: the gate then fails as an outage, retried like
every warehouse step, or as a fault of its own, never as a verdict on the data.

The warehouse URL reaches Great Expectations through an environment variable it
substitutes at connect time, so the URL (and any password in it) is never part of the
stored configuration or the Data Docs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

import sqlalchemy as sa

from flows.common.errors import KpiError, QualityGateFailed
from flows.storage import gate_sql
from flows.storage.failures import WarehouseError, safe_url, warehouse_key
from schemas import rules
from schemas.scheme import TOLERANCE

if TYPE_CHECKING:
    from flows.publishing.attempts import Run

_URL_VARIABLE = "KPI_GX_WAREHOUSE_URL"
_TABLES = (rules.AGENT, rules.TEAM, rules.RUN_INPUT)


def expectations(gxe, table: str, *, queries: list[tuple[str, str]], declared=rules.RULES) -> list:
    """A table's expectations: its declared column rules as GE's column expectations,
    then its row rules (``queries``: (description, query) from `gate_sql.gate_rules`).
    The grain needs none: the tables' primary keys hold it."""
    found = []
    for rule in rules.rules_for(table, rules.GATE, declared):
        if isinstance(rule, rules.Between):
            bounds = {"min_value": rule.low} | (
                {} if rule.high is None else {"max_value": rule.high}
            )
            found.append(gxe.ExpectColumnValuesToBeBetween(column=rule.column, **bounds))
        elif isinstance(rule, rules.InSet):
            found.append(
                gxe.ExpectColumnValuesToBeInSet(column=rule.column, value_set=list(rule.values))
            )
    return found + [
        gxe.UnexpectedRowsExpectation(description=description, unexpected_rows_query=query)
        for description, query in queries
    ]


def site_folder(root: Path, url: str | sa.URL) -> Path:
    """The Data Docs site of the warehouse at ``url``, under the Data Docs root."""
    return root / warehouse_key(url)


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


def _context(site: Path):
    """An ephemeral GE context whose only Data Docs site is the warehouse's, and whose
    validation results are kept with it (GE's default ephemeral config also makes a
    temp-dir site per run)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    from flows.publishing import data_docs

    defaults = InMemoryStoreBackendDefaults(init_temp_docs_sites=False)
    defaults.stores[defaults.validation_results_store_name] = data_docs.results_store(site)
    return gx.get_context(
        mode="ephemeral",
        project_config=DataContextConfig(
            store_backend_defaults=defaults,
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False),
            data_docs_sites={data_docs.SITE_NAME: data_docs.site_config(site)},
        ),
    )


def _checkpoint(context, engine: sa.Engine, run: Run, *, expected_agents: int):
    """The gate's checkpoint: one validation per table of the staged version."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    month, version = run.month, run.version
    url = engine.url.render_as_string(hide_password=False)
    add = (
        context.data_sources.add_sqlite
        if url.startswith("sqlite")
        else context.data_sources.add_postgres
    )
    source = add(name="warehouse", connection_string=f"${{{_URL_VARIABLE}}}")
    scheme = run.scheme_file.scheme
    queries = gate_sql.gate_rules(
        engine,
        month,
        version,
        tiers=[(t.tier, t.min_score, t.bonus) for t in scheme.tiers],
        tolerance=TOLERANCE,
    )
    definitions = []
    for name, query in gate_sql.gate_batches(engine, month, version, run.run_id).items():
        batch = source.add_query_asset(name=name, query=query).add_batch_definition_whole_table(
            "staged"
        )
        suite = context.suites.add(gx.ExpectationSuite(name=name))
        if name == rules.AGENT:  # the month as a whole: one row per active agent
            suite.add_expectation(gxe.ExpectTableRowCountToEqual(value=expected_agents))
        for expectation in expectations(gxe, name, queries=queries[name]):
            suite.add_expectation(expectation)
        definitions.append(
            context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=batch, suite=suite)
            )
        )
    # No UpdateDataDocsAction: it rebuilds the site's index once per validation (three a
    # run, each reading every stored result); `quality_gate` builds it once.
    return context.checkpoints.add(
        gx.Checkpoint(name="publish_gate", validation_definitions=definitions, actions=[])
    )


def _run_page(context, result) -> Path:
    """The run's page in the site: its first failing validation's, else its agents'."""
    from flows.publishing import data_docs

    by_suite = {
        key.expectation_suite_identifier.name: (key, r) for key, r in result.run_results.items()
    }
    ordered = [by_suite[name] for name in _TABLES if name in by_suite]
    key, _ = next(((k, r) for k, r in ordered if not r.success), ordered[0])
    (site,) = context.get_docs_sites_urls(resource_identifier=key, site_name=data_docs.SITE_NAME)
    return Path(unquote(urlparse(site["site_url"]).path))


# What an expectation that raised says when the warehouse stopped answering under it
# (Great Expectations turns the driver's exception into a failed expectation).
_OUTAGE_WORDS = (
    "operationalerror",
    "interfaceerror",
    "adminshutdown",
    "shutting down",
    "terminating connection",
    "could not connect",
    "connection refused",
    "server closed the connection",
    "connection is closed",
    "connection failed",
    "database is locked",
)


def _is_outage_text(message: str) -> bool:
    return any(word in message.lower() for word in _OUTAGE_WORDS)


def _unjudged(result) -> list[str]:
    """The failed expectations that judged nothing: each raised an exception (the
    warehouse stopped answering, or a query of ours is wrong), whose first line this
    returns. Such a failure is never a verdict on the data."""
    raised = []
    for run in result.run_results.values():
        for r in run.results:
            if not r.success:
                raised += [
                    (message.strip().splitlines() or ["?"])[0]
                    for message in _raised_messages(r.exception_info)
                ]
    return raised


def _raised_messages(info) -> list[str]:
    """The messages of the exceptions in an expectation's ``exception_info``: one dict,
    or (GE 1.x, per metric it computed) a dict of them."""
    if not isinstance(info, dict):
        return []
    if "raised_exception" in info or "exception_message" in info:
        if info.get("raised_exception") is False:
            return []
        return [str(info.get("exception_message") or info.get("exception_traceback") or "?")]
    return [m for value in info.values() for m in _raised_messages(value)]


def _not_judged(run: Run, engine: sa.Engine, raised: list[str]) -> KpiError:
    """The error of a gate whose expectations raised: an outage when the warehouse
    stopped answering (retried, then exit 4), else a fault of the gate itself."""
    reason = raised[0]
    if any(_is_outage_text(message) for message in raised):
        return WarehouseError(
            f"the warehouse at {safe_url(engine.url)} stopped answering during the quality "
            f"gate ({reason}); this is not a verdict on the data. Nothing of "
            "this run became current. Check that the database server is running and "
            "reachable, then run the month again",
            retryable=True,
        )
    return KpiError(
        f"the quality gate could not evaluate {len(raised)} expectation(s) of version "
        f"{run.version} ({reason}); nothing was published. This is a fault of the gate, not "
        "of the data: report it with the run id"
    )


def _failures(result) -> list[str]:
    return [
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


def quality_gate(engine: sa.Engine, run: Run, *, expected_agents: int) -> str:
    """Validate the staged version; returns the run's page in the warehouse's Data Docs.
    Raises QualityGateFailed.

    Takes the engine, not its URL, so that the password never is a task argument."""
    from great_expectations.core.run_identifier import RunIdentifier

    from flows.publishing import data_docs

    logging.getLogger("great_expectations").setLevel(logging.WARNING)  # its INFO is noise
    site = site_folder(run.settings.data_docs_dir, engine.url).resolve()
    context = _context(site)
    os.environ[_URL_VARIABLE] = engine.url.render_as_string(hide_password=False)
    try:
        checkpoint = _checkpoint(context, engine, run, expected_agents=expected_agents)
        with data_docs.building(site):
            result = checkpoint.run(run_id=RunIdentifier(run_name=run.run_id))
            built = list(result.run_results)  # each validation's page and its suite's
            built += [key.expectation_suite_identifier for key in result.run_results]
            context.build_data_docs(site_names=[data_docs.SITE_NAME], resource_identifiers=built)
    except KpiError:
        raise
    except Exception as exc:  # e.g. GE's own error for a data source it cannot reach
        if _is_outage_text(f"{type(exc).__name__}: {exc}"):
            raise _not_judged(run, engine, [str(exc).splitlines()[0]]) from exc
        raise
    finally:
        os.environ.pop(_URL_VARIABLE, None)
    page = str(_run_page(context, result))
    if not result.success and (raised := _unjudged(result)):
        raise _not_judged(run, engine, raised)
    if not result.success:
        failed = _failures(result)
        error = QualityGateFailed(
            f"version {run.version} failed the quality gate: "
            + "; ".join(failed)
            + f". Nothing was published; the previous version stays current. Data Docs: {page}",
            data_docs=page,
        )
        error.failures = failed
        raise error
    return page
