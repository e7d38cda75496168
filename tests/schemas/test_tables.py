"""The warehouse's table definitions: one source, from which sql/ and the types derive."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import sqlalchemy as sa

from schemas import tables as t

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"


def test_sql_folder_is_the_generated_ddl_of_every_table_and_view():
    """sql/ is written by `python -m schemas.tables`; editing a table without regenerating
    (or editing sql/ by hand) fails here."""
    wanted = t.readable_ddl()
    assert {p.stem for p in SQL_DIR.glob("*.sql")} == set(wanted)
    for name, text in wanted.items():
        assert (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8") == text, name


def test_every_table_states_its_grain_and_every_column_its_meaning():
    for table in t.TABLES:
        assert "Grain: one row per" in table.comment, table.name
        for column in table.columns:
            assert column.comment and len(column.comment) > 8, (table.name, column.name)
    for view in t.VIEWS:
        assert view.comment, view.name


def test_the_create_statement_keeps_each_comment_beside_its_column():
    from sqlalchemy.dialects import sqlite

    statement = t.create_statements("kpi_run_input", sqlite.dialect())[0]
    assert statement.splitlines()[:3] == [
        "CREATE TABLE IF NOT EXISTS kpi_run_input (",
        "    -- kpi_run_input: lineage of a run's input files. Grain: one row per (run_id, "
        "source file).",
        "    run_id TEXT NOT NULL, -- the run that read the file",
    ]
    assert statement.splitlines()[-2:] == ["    PRIMARY KEY (run_id, source)", ")"]


def test_polars_types_follow_the_column_types():
    assert t.polars_schema(t.KPI_PAYROLL_ADJUSTMENT.columns) == {
        "month_start": pl.Date,
        "agent_id": pl.String,
        "agent_name": pl.String,
        "store_id": pl.String,
        "from_version": pl.Int64,
        "to_version": pl.Int64,
        "bonus_before": pl.Decimal(12, 2),
        "bonus_after": pl.Decimal(12, 2),
        "delta": pl.Decimal(12, 2),
        "currency": pl.String,
        "run_id": pl.String,
        "created_at": pl.Datetime("us", "UTC"),
        "export_id": pl.String,
    }
    assert t.polars_schema(t.KPI_AGENT_MONTHLY.columns)["satisfaction_avg"] == pl.Float64
    assert t.polars_schema(t.KPI_AGENT_MONTHLY.columns)["is_warning"] == pl.Boolean


def test_the_computed_columns_leave_out_what_describes_the_run():
    computed = t.computed_columns(t.KPI_TEAM_MONTHLY)
    assert computed[:3] == ("store_id", "team_id", "agent_count")
    assert not set(computed) & {
        "month_start",
        "version",
        "is_current",
        "run_id",
        "scheme_version",
        "period_start_on",
        "period_end_on",
    }
    assert len(computed) + 7 == len(t.KPI_TEAM_MONTHLY.columns)


def test_a_timestamp_read_from_sqlite_comes_back_in_utc():
    from datetime import UTC, datetime

    engine = sa.create_engine("sqlite://")
    with engine.connect() as conn:
        value = conn.execute(
            sa.select(sa.type_coerce(sa.text("'2026-11-01 02:00:00.000000'"), t.TIMESTAMP))
        ).scalar_one()
    assert value == datetime(2026, 11, 1, 2, tzinfo=UTC)
