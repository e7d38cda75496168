"""The warehouse schema on both databases: comments, upgrades, bulk writes, URL errors."""

import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal

import polars as pl
import pytest
import sqlalchemy as sa

from flows.storage import connection, failures, reads, schema, writes
from flows.storage.failures import WarehouseError
from schemas.tables import KPI_AGENT_MONTHLY, TABLES, VIEWS
from tests.flows.conftest import scorecard_rows


def stored_comments(conn: sa.Connection, table: sa.Table) -> tuple[str | None, dict]:
    """(table comment, {column: comment}) as the database keeps them: PostgreSQL's
    catalog, or the text of SQLite's stored CREATE statement."""
    if conn.dialect.name == "postgresql":
        columns = dict(
            conn.execute(
                sa.text(
                    "SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                    "WHERE a.attrelid = CAST(:t AS regclass) AND a.attnum > 0 AND NOT "
                    "a.attisdropped"
                ),
                {"t": table.name},
            ).all()
        )
        comment = conn.execute(
            sa.text("SELECT obj_description(CAST(:t AS regclass), 'pg_class')"), {"t": table.name}
        ).scalar_one()
        return comment, columns
    stored = conn.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table.name}
    ).scalar_one()
    lines = {
        line.strip().split(" ", 1)[0]: line.split(" -- ", 1)[1]
        for line in stored.splitlines()[2:]
        if " -- " in line
    }
    return (table.comment if f"-- {table.name}: {table.comment}" in stored else None), lines


def test_every_table_and_view_exists_with_its_comments(url):
    engine = connection.connect(url)
    inspector = sa.inspect(engine)
    assert {t.name for t in TABLES} <= set(inspector.get_table_names())
    assert {v.name for v in VIEWS} <= set(inspector.get_view_names())
    with engine.connect() as conn:
        for table in TABLES:
            comment, columns = stored_comments(conn, table)
            assert comment == table.comment, table.name
            assert columns == {c.name: c.comment for c in table.columns}, table.name
    engine.dispose()


def test_every_view_column_carries_the_comment_of_its_definition(url):
    """BI tools list a view's own columns, so each has its comment: PostgreSQL's catalog,
    or SQLite's stored CREATE VIEW; taken from schemas/tables.py (a view of a table's
    columns takes the table's), and the declared columns are those the view returns."""
    engine = connection.connect(url)
    inspector = sa.inspect(engine)
    with engine.connect() as conn:
        for view in VIEWS:
            returned = [c["name"] for c in inspector.get_columns(view.name)]
            assert sorted(returned) == sorted(c.name for c in view.columns), view.name
            if conn.dialect.name == "postgresql":
                _, columns = stored_comments(conn, view)
            else:
                stored = conn.execute(
                    sa.text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": view.name}
                ).scalar_one()
                columns = {
                    c.name: c.comment
                    for c in view.columns
                    if f"-- {c.name}: {c.comment}\n" in stored
                }
            assert columns == {c.name: c.comment for c in view.columns}, view.name
            assert all(len(comment) > 8 for comment in columns.values()), view.name
    # A view of a table's column says what the table says.
    by_name = {v.name: v for v in VIEWS}
    shown = {c.name: c.comment for c in by_name["v_payroll_bonus"].columns}
    assert shown["bonus_amount"] == KPI_AGENT_MONTHLY.c.bonus_amount.comment
    engine.dispose()


def test_an_older_layout_is_upgraded_in_place_without_losing_rows(url):
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE kpi_run (run_id TEXT PRIMARY KEY, month_start DATE NOT NULL, "
            "status TEXT NOT NULL, started_at TIMESTAMP NOT NULL, "
            "finished_at TIMESTAMP NOT NULL, allow_rejects BOOLEAN NOT NULL)"
        )
        conn.exec_driver_sql(
            "INSERT INTO kpi_run VALUES ('old', '2026-01-01', 'published', "
            "'2026-02-01 00:00:00', '2026-02-01 00:01:00', FALSE)"
        )
    engine.dispose()
    engine = connection.connect(url)
    with engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("kpi_run")}
        assert {"fingerprint", "data_docs", "warnings"} <= columns
        assert conn.execute(sa.text("SELECT run_id FROM kpi_run")).scalars().all() == ["old"]
    schema.ensure_schema(engine)  # idempotent
    engine.dispose()


def test_bulk_writes_round_trip_exact_values(url):
    engine = connection.connect(url)
    frame = pl.DataFrame(
        {
            "month_start": [date(2026, 10, 1)] * 2,
            "agent_id": ["a'1", "a,2"],
            "agent_name": ["王伟", 'x "quoted"'],
            "store_id": ["S1", "S1"],
            "from_version": [1, 1],
            "to_version": [2, 2],
            "bonus_before": [Decimal("500.00"), Decimal("1500.00")],
            "bonus_after": [Decimal("1000.00"), Decimal("0.00")],
            "delta": [Decimal("500.00"), Decimal("-1500.00")],
            "currency": ["CNY", "CNY"],
            "run_id": ["r", "r"],
            "created_at": [datetime(2026, 11, 1, 2, tzinfo=UTC)] * 2,
            "export_id": [None, None],
        },
        schema_overrides={c: pl.Decimal(12, 2) for c in ("bonus_before", "bonus_after", "delta")},
    )
    with engine.begin() as conn:
        writes.write_frame(conn, "kpi_payroll_adjustment", frame)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT agent_id, agent_name, delta, export_id FROM kpi_payroll_adjustment "
                "ORDER BY agent_id"
            ).columns(delta=sa.Numeric(12, 2))
        ).all()
    assert [tuple(r) for r in rows] == [
        ("a'1", "王伟", Decimal("500.00"), None),
        ("a,2", 'x "quoted"', Decimal("-1500.00"), None),
    ]
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u:pw@host/db", "only SQLite and PostgreSQL"),
        ("sqlite://", "must be a file"),
    ],
)
def test_unusable_urls_are_refused_clearly(url, message):
    with pytest.raises(WarehouseError, match=message) as err:
        connection.connect(url)
    assert "pw" not in str(err.value)


def test_sqlite_runs_in_wal_mode(sqlite_url):
    engine = connection.connect(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_reconnecting_leaves_views_and_comments_alone(url):
    """Recreating views on every run would lock out BI sessions reading them."""
    engine = connection.connect(url)
    probe = (
        "SELECT CAST(CAST('v_payroll_bonus' AS regclass) AS oid)"
        if engine.dialect.name == "postgresql"
        else "PRAGMA schema_version"
    )
    with engine.connect() as conn:
        before = conn.exec_driver_sql(probe).scalar()
    engine.dispose()
    engine = connection.connect(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql(probe).scalar() == before
    engine.dispose()


class _PgError(Exception):
    """What psycopg raises: an exception with its SQLSTATE."""

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("orig", "kind", "retryable", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "unusable", False, "disk is full"),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            "unusable",
            False,
            "read-only for this user",
        ),
        (sqlite3.OperationalError("unable to open database file"), "unusable", False, "folder"),
        (
            sqlite3.DatabaseError("file is not a database"),
            "unusable",
            False,
            "not an SQLite database",
        ),
        (_PgError("could not extend file", "53100"), "unusable", False, "disk is full"),
        (_PgError("permission denied for table", "42501"), "unusable", False, "permission"),
        (_PgError("terminating connection", "57P01"), "outage", True, "Check that the database"),
        (_PgError("connection refused", "08001"), "outage", True, "Check that the database"),
        (_PgError("duplicate key value", "23505"), None, False, ""),
    ],
)
def test_each_database_failure_is_told_in_words_and_only_outages_are_retried(
    orig, kind, retryable, words
):
    exc = sa.exc.OperationalError("INSERT INTO kpi_run ...", {}, orig)
    found = failures.failure(exc, "postgresql://kpi:secret@db.example/kpi")
    if kind is None:  # not the warehouse's fault: a bug, raised as it is
        assert found is None and not failures.is_outage(exc)
        return
    assert isinstance(found, failures.WarehouseUnusable) == (kind == "unusable")
    assert found.retryable == retryable == failures.is_outage(exc)
    assert words in found.message and "secret" not in found.message
    assert found.exit_code == 4


def test_a_spooled_run_belongs_to_its_warehouse_whatever_the_password():
    key = failures.warehouse_key
    assert key("postgresql://kpi:old@db/kpi") == key("postgresql://kpi:new@db/kpi")
    assert key("postgresql://kpi:old@db/kpi") != key("postgresql://kpi:old@db/other")
    assert key("sqlite:///a/w.db") != key("sqlite:///b/w.db")


def test_the_warned_months_are_read_back_as_far_as_they_go(url):
    """Fifty warned months in a row (more than any cut-off the code ever had) all count
    toward the consecutive-months rule."""
    from transforms.months import months_between
    from transforms.scoring import warning_streaks

    months = months_between(date(2022, 8, 1), date(2026, 9, 1))  # 50 months
    assert len(months) == 50
    frame = scorecard_rows(
        [{"agent_id": "a1", "month_start": m, "is_warning": True} for m in months]
        + [{"agent_id": "a2", "month_start": date(2026, 9, 1), "is_warning": False}]
    )
    engine = connection.connect(url)
    with engine.begin() as conn:
        writes.write_frame(conn, KPI_AGENT_MONTHLY, frame)
    with engine.connect() as conn:
        warned = reads.warned_months(conn, date(2026, 10, 1))
    engine.dispose()
    assert warned.sort("month_start")["month_start"].to_list() == months
    streaks = warning_streaks(warned.lazy(), date(2026, 10, 1)).collect()
    assert streaks.rows() == [("a1", 50)]
