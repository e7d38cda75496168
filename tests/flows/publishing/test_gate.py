"""Data Docs kept small and offline: the static files once per Data Docs root, no page
loading anything from the network (issue 10, item 15). The real-browser check is in
tests/flows/outputs/site/test_browser.py."""

from __future__ import annotations

import re

from tests.flows.outputs.site.conftest import published_sqlite  # noqa: F401  (a fixture)

_LOADED = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"']+)["']""")


def test_runs_share_one_copy_of_the_static_files_and_load_nothing_remote(published_sqlite):  # noqa: F811
    root = published_sqlite.docs
    runs = [p for p in root.glob("*/*") if (p / "index.html").is_file()]
    assert len(runs) == 3  # Aug, Sep, Oct
    for run in runs:
        assert not (run / "static").exists(), run
        assert sum(f.stat().st_size for f in run.rglob("*") if f.is_file()) < 1_000_000
    shared = root / "static"
    assert (shared / "styles" / "data_docs_default_styles.css").is_file()
    assert (shared / "vendor" / "jquery.min.js").is_file()
    assert (shared / "vendor" / "licenses").is_dir()
    pages = [p for run in runs for p in run.rglob("*.html")]
    assert len(pages) >= 3 * 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in _LOADED.findall(text):
            assert "://" not in target, (page, target)
            assert (page.parent / target).resolve().is_file(), (page, target)
        assert "integrity=" not in text and "amazonaws" not in text


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
