"""The quality gate: its expectations come from the declared rules (`schemas.rules`), each
failing on a version that breaks it; its Data Docs are one site per warehouse that lists
every run's validations and loads nothing from the network (issue 10 item 15, issue 20
item 3). The real-browser check is in tests/flows/outputs/site/test_browser.py."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import polars as pl
import pytest

from schemas import rules
from tests.flows.outputs.site.conftest import published_sqlite  # noqa: F401  (a fixture)

_LOADED = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"']+)["']""")


def _site(published) -> Path:
    from flows.storage.failures import warehouse_key

    sites = [p for p in published.docs.iterdir() if (p / "index.html").is_file()]
    assert [p.name for p in sites] == [warehouse_key(published.url)]
    return sites[0]


def test_one_site_per_warehouse_lists_every_runs_validations(published_sqlite):  # noqa: F811
    from tests.flows.conftest import query

    site = _site(published_sqlite)
    index = (site / "index.html").read_text(encoding="utf-8")
    runs = query(published_sqlite.url, "SELECT run_id, data_docs FROM kpi_run ORDER BY month_start")
    assert runs.height == 3  # Aug, Sep, Oct
    for run_id, page in runs.iter_rows():
        # Each run's link leads to its own page in the one site, which later runs leave be.
        assert Path(page).is_file()
        assert Path(page).relative_to(site).parts[:3] == (
            "validations",
            "kpi_agent_monthly",
            run_id,
        )
        for table in ("kpi_agent_monthly", "kpi_team_monthly", "kpi_run_input"):
            assert f"validations/{table}/{run_id}/" in index, (table, run_id)


def test_the_site_keeps_one_copy_of_the_static_files_and_loads_nothing_remote(
    published_sqlite,  # noqa: F811
):
    site = _site(published_sqlite)
    assert (site / "static" / "styles" / "data_docs_default_styles.css").is_file()
    assert (site / "static" / "vendor" / "jquery.min.js").is_file()
    assert (site / "static" / "vendor" / "licenses").is_dir()
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 1 + 3 * 3 + 3  # the index, 3 runs of 3 tables, the 3 suites
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in _LOADED.findall(text):
            assert "://" not in target, (page, target)
            assert (page.parent / target).resolve().is_file(), (page, target)
        assert "integrity=" not in text and "amazonaws" not in text


# ---------------------------------------------------------------- one declaration


def _with(**changes) -> tuple[rules.Rule, ...]:
    """The declared rules, with ``changes`` (message: new fields) made to some."""
    return tuple(
        dataclasses.replace(r, **changes[r.message]) if r.message in changes else r
        for r in rules.RULES
    )


def test_the_suites_column_expectations_are_the_declared_column_rules():
    import great_expectations.expectations as gxe

    from flows.publishing import gate

    for table in (rules.AGENT, rules.TEAM, rules.RUN_INPUT):
        suite = gate.expectations(gxe, table, queries=[])
        declared = [
            r
            for r in rules.rules_for(table, rules.GATE)
            if isinstance(r, rules.Between | rules.InSet)
        ]
        assert [
            (e.column, getattr(e, "min_value", None), getattr(e, "max_value", None)) for e in suite
        ] == [(r.column, getattr(r, "low", None), getattr(r, "high", None)) for r in declared]
        assert [e.value_set for e in suite if hasattr(e, "value_set")] == [
            list(r.values) for r in declared if isinstance(r, rules.InSet)
        ]


def test_a_rule_changed_in_its_one_declaration_changes_the_model_the_suite_and_the_sql():
    import great_expectations.expectations as gxe
    import pandera.errors
    import sqlalchemy as sa

    from flows.publishing import gate
    from flows.storage import gate_sql
    from schemas.tables import KPI_AGENT_MONTHLY, output_model
    from tests.schemas.test_kpi_agent_monthly import published
    from tests.transforms.test_scoring import OCT, scorecards, worked_example

    weights = "effective weights of a scored agent sum to 100"
    changed = _with(
        **{"score lies in 0..100": {"high": 90}, weights: {"message": "weights make 100"}}
    )
    card = published(scorecards(worked_example())).with_columns(
        score=pl.lit(95).cast(pl.Decimal(5, 2))
    )
    output_model(KPI_AGENT_MONTHLY, checks=rules.rule_checks(rules.AGENT)).validate(card)
    model = output_model(KPI_AGENT_MONTHLY, checks=rules.rule_checks(rules.AGENT, changed))
    with pytest.raises(pandera.errors.SchemaError, match="score lies in 0..100"):
        model.validate(card)
    assert "weights make 100" in [c.name for c in model.checks]

    score = [e for e in gate.expectations(gxe, rules.AGENT, queries=[], declared=changed)]
    assert [(e.min_value, e.max_value) for e in score if e.column == "score"] == [(0, 90)]

    engine = sa.create_engine("sqlite://")
    found = gate_sql.gate_rules(engine, OCT, 1, tiers=[], tolerance=0, declared=changed)
    assert "weights make 100" in [m for m, _ in found[rules.AGENT]]
    assert weights not in [m for m, _ in found[rules.AGENT]]


# ---------------------------------------------------------------- every expectation


def _stage_broken_copy(url: str, month) -> None:
    """Version 2 of the month, staged (not current) by run "gate-test", a copy of version 1
    with one row breaking each of the gate's expectations."""
    from decimal import Decimal

    import polars as pl

    from flows.storage import connection, reads, writes
    from schemas.tables import KPI_AGENT_MONTHLY, KPI_RUN_INPUT, KPI_TEAM_MONTHLY

    engine = connection.connect(url)
    with engine.begin() as conn:
        cards = reads.current_rows(conn, KPI_AGENT_MONTHLY, month, order_by=["agent_id"])
        teams = reads.current_rows(conn, KPI_TEAM_MONTHLY, month, order_by=["store_id", "team_id"])
        inputs = reads.run_inputs(conn, cards["run_id"][0])
        row = pl.int_range(pl.len())
        money = pl.Decimal(5, 2)
        breaks = [  # (column, value): one expectation each, each on a row of its own
            ("score", pl.lit(Decimal("101.00")).cast(money)),
            ("satisfaction_avg", pl.lit(6.0)),
            ("timely_rate", pl.lit(1.5)),
            ("complaint_rate", pl.lit(-0.1)),
            ("repurchase_rate", pl.lit(-0.1)),
            ("referral_rate", pl.lit(-0.1)),
            ("status", pl.lit("done")),
            ("tier", pl.lit(None, pl.String)),  # a score without a tier
            ("tier", pl.lit("nonsense")),  # a tier the score does not earn
            ("loyalty_points", pl.col("loyalty_weight") + 1),
            ("satisfaction_weight", pl.col("satisfaction_weight") + 5),  # no longer 100
        ]
        # Rows where every metric applies, so each change breaks exactly its expectation.
        full = cards.with_row_index("_i").filter(
            (pl.col("status") == "scored") & pl.all_horizontal(pl.col("^.*_weight$").is_not_null())
        )["_i"]
        assert full.len() >= len(breaks) and teams.height >= 4
        for (column, value), index in zip(breaks, full, strict=False):
            cards = cards.with_columns(
                pl.when(row == index).then(value).otherwise(pl.col(column)).alias(column)
            )
        teams = teams.with_columns(
            pl.when(row == 0)
            .then(pl.lit(1.5))
            .otherwise(pl.col("satisfaction_pct"))
            .alias("satisfaction_pct"),
            pl.when(row == 1)
            .then(pl.lit(-0.5))
            .otherwise(pl.col("satisfied_share"))
            .alias("satisfied_share"),
            pl.when(row == 2)
            .then(pl.lit(-0.1))
            .otherwise(pl.col("complaint_rate"))
            .alias("complaint_rate"),
            pl.when(row == 3)
            .then(pl.col("agent_count") + 1)
            .otherwise(pl.col("agent_count"))
            .alias("agent_count"),
        )
        stamp = {
            "version": pl.lit(2, pl.Int64),
            "is_current": pl.lit(False),
            "run_id": pl.lit("gate-test"),
        }
        writes.write_frame(conn, KPI_AGENT_MONTHLY, cards.with_columns(**stamp))
        writes.write_frame(conn, KPI_TEAM_MONTHLY, teams.with_columns(**stamp))
        writes.write_frame(
            conn,
            KPI_RUN_INPUT,
            inputs.with_columns(
                run_id=pl.lit("gate-test"),
                rows_read=pl.when(row == 0)
                .then(pl.col("rows_read") + 1)
                .otherwise(pl.col("rows_read")),
            ),
        )
    engine.dispose()


def test_every_expectation_fails_on_a_version_that_breaks_it(
    prefect_server, generated_exports, url, tmp_path
):
    import pytest

    from flows.common.errors import QualityGateFailed
    from flows.common.settings import DEFAULT_SCHEMES_DIR, Settings
    from flows.inputs.schemes import scheme_for_month
    from flows.publishing import attempts, gate, outcomes
    from flows.storage import connection, reads
    from tests.flows.conftest import OCT, paths, publish, query
    from transforms.periods import calendar_month

    publish(OCT, paths(generated_exports, url, docs=tmp_path / "docs"))
    agents = query(url, "SELECT COUNT(*) AS n FROM v_kpi_agent_current")["n"].item()
    _stage_broken_copy(url, OCT)
    scheme_file = scheme_for_month(DEFAULT_SCHEMES_DIR, OCT)
    run = attempts.Run(
        "gate-test",
        OCT,
        None,
        None,
        Settings.resolve(data_docs_dir=str(tmp_path / "docs")),
        outcomes.RunOptions(),
        scheme_file,
        "f",
        "d",
        reads.CurrentVersion(1, "r", "f", "d"),
        None,
        calendar_month(OCT),
        None,  # the completeness judgement: the gate does not read it
    )
    engine = connection.connect(url)
    with pytest.raises(QualityGateFailed) as err:
        gate.quality_gate(engine, run, expected_agents=agents + 1)
    engine.dispose()
    assert sorted(err.value.failures) == sorted(
        [
            "kpi_agent_monthly: expect_table_row_count_to_equal",
            "kpi_agent_monthly: expect_column_values_to_be_between on score",
            "kpi_agent_monthly: expect_column_values_to_be_between on satisfaction_avg",
            "kpi_agent_monthly: expect_column_values_to_be_between on timely_rate",
            "kpi_agent_monthly: expect_column_values_to_be_between on complaint_rate",
            "kpi_agent_monthly: expect_column_values_to_be_between on repurchase_rate",
            "kpi_agent_monthly: expect_column_values_to_be_between on referral_rate",
            "kpi_agent_monthly: expect_column_values_to_be_in_set on status",
            "kpi_agent_monthly: score, tier and points are null exactly when insufficient_data",
            "kpi_agent_monthly: tier and bonus follow the score and the scheme's tiers",
            "kpi_agent_monthly: points lie within their effective weights; N/A metrics have "
            "neither",
            "kpi_agent_monthly: effective weights of a scored agent sum to 100",
            "kpi_team_monthly: expect_column_values_to_be_between on satisfaction_pct",
            "kpi_team_monthly: expect_column_values_to_be_between on satisfied_share",
            "kpi_team_monthly: expect_column_values_to_be_between on complaint_rate",
            "kpi_team_monthly: team rows add up to their agents' rows",
            "kpi_run_input: rows read = accepted + rejected + duplicates + out of period",
        ]
    )
