"""The warehouse schema on both databases: comments, upgrades, bulk writes, URL errors."""

import contextlib
import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal

import polars as pl
import pytest
import sqlalchemy as sa

from flows.storage import connection, failures, locking, reads, schema, writes
from flows.storage.failures import WarehouseError
from schemas.revisions import HEAD
from schemas.tables import KPI_AGENT_MONTHLY, TABLES, VIEWS


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
    from schemas.tables import KPI_AGENT_MONTHLY, polars_schema
    from transforms.months import months_between
    from transforms.scoring import warning_streaks

    months = months_between(date(2022, 8, 1), date(2026, 9, 1))  # 50 months
    assert len(months) == 50
    filler = {
        sa.Boolean: False,
        sa.Date: date(2020, 1, 1),
        sa.Integer: 0,
        sa.Numeric: Decimal(0),
        sa.Float: 0.0,
    }

    def value(column):
        if column.nullable:
            return None
        return next(
            (v for t, v in filler.items() if isinstance(column.type, t)),
            datetime(2026, 10, 1, tzinfo=UTC) if "TIME" in str(column.type).upper() else "x",
        )

    base = {c.name: value(c) for c in KPI_AGENT_MONTHLY.columns}
    rows = [
        {
            **base,
            "agent_id": "a1",
            "month_start": m,
            "version": 1,
            "is_current": True,
            "is_warning": True,
        }
        for m in months
    ] + [
        {
            **base,
            "agent_id": "a2",
            "month_start": date(2026, 9, 1),
            "version": 1,
            "is_current": True,
            "is_warning": False,
        }
    ]
    frame = pl.DataFrame(rows, schema=polars_schema(KPI_AGENT_MONTHLY.columns))
    engine = connection.connect(url)
    with engine.begin() as conn:
        writes.write_frame(conn, KPI_AGENT_MONTHLY, frame)
    with engine.connect() as conn:
        warned = reads.warned_months(conn, date(2026, 10, 1))
    engine.dispose()
    assert warned.sort("month_start")["month_start"].to_list() == months
    streaks = warning_streaks(warned.lazy(), date(2026, 10, 1)).collect()
    assert streaks.rows() == [("a1", 50)]


# ---------------------------------------------------------------- schema revisions


def _old(request, url: str, name: str) -> str:
    """An earlier release's warehouse (tests/data/warehouses) at ``url``."""
    from tests import warehouses

    server = None if url.startswith("sqlite") else request.getfixturevalue("postgres_server")
    return warehouses.restore(name, url, server)


def _cli(capsys, *argv) -> tuple[int, str, str]:
    from flows.cli import main

    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_plain_command_on_an_older_warehouse_names_its_revision_and_changes_nothing(
    request, url, tmp_path, capsys
):
    """The release of a few weeks ago said "no kpi_payroll_approval … publish a month
    first" on a warehouse with published months; approve and export write rows but
    never change the layout either (docs/commands.md)."""
    from tests import warehouses

    _old(request, url, "l3")
    layout, rows = warehouses.layout(url), warehouses.row_counts(url)
    said = (
        f"the warehouse at {failures.safe_url(url)} records no revision (a release from "
        f"before revisions were recorded wrote it); this release reads revision {HEAD}. Upgrade "
        "it with kpi db upgrade (the next kpi run, backfill or demo also does); this command "
        "changes nothing\n"
    )
    month = ["--month", "2026-08"]
    for argv in (
        ["status"],
        ["report", *month, "--out", str(tmp_path / "report")],
        ["explain", *month, "--agent", "A1", "--archive", str(tmp_path)],
        ["approve", *month, "--by", "Head of service"],
        ["export", "payroll", *month, "--out", str(tmp_path / "payroll.csv")],
    ):
        code, out, err = _cli(capsys, *argv, "--warehouse", url)
        assert (code, out) == (4, ""), argv
        assert err.endswith(said) and err.startswith(f"kpi {argv[0]}: "), (argv, err)
    assert warehouses.layout(url) == layout
    assert warehouses.row_counts(url) == rows


def test_kpi_db_current_and_upgrade_from_no_revision_and_from_an_older_one(
    request, url, tmp_path, capsys
):
    from alembic import command

    from schemas import revisions

    _old(request, url, "l4")
    assert _cli(capsys, "db", "current", "--warehouse", url)[:2] == (
        0,
        "No recorded revision: a release from before revisions were recorded wrote the "
        f"warehouse; this release's is {HEAD}; kpi db upgrade (or the next run) upgrades it.\n",
    )
    assert _cli(capsys, "db", "upgrade", "--warehouse", url)[:2] == (
        0,
        f"Upgraded the warehouse from no recorded revision to revision {HEAD}.\n",
    )
    assert _cli(capsys, "db", "current", "--warehouse", url)[:2] == (
        0,
        f"Revision {HEAD}: current (this release's).\n",
    )
    assert _cli(capsys, "db", "upgrade", "--warehouse", url)[:2] == (
        0,
        f"The warehouse is at revision {HEAD} already; nothing to upgrade.\n",
    )
    # A warehouse at revision 0001: a release with revisions, before kpi_scheme.
    if url.startswith("sqlite"):
        older = f"sqlite:///{tmp_path / 'older.db'}"
    else:
        from tests.conftest import new_database

        older = new_database(request.getfixturevalue("postgres_server"))
    engine = schema._transactional(sa.create_engine(older))
    with engine.begin() as conn:
        command.upgrade(revisions.config(conn), "0001")
    engine.dispose()
    assert _cli(capsys, "db", "current", "--warehouse", older)[:2] == (
        0,
        f"Revision 0001: older than this release's {HEAD}; kpi db upgrade (or the next run) "
        "upgrades it.\n",
    )
    code, _, err = _cli(capsys, "status", "--warehouse", older)
    assert code == 4 and f"is at revision 0001; this release reads revision {HEAD}." in err
    assert _cli(capsys, "db", "upgrade", "--warehouse", older)[:2] == (
        0,
        f"Upgraded the warehouse from revision 0001 to revision {HEAD}.\n",
    )


def test_a_warehouse_of_a_newer_release_is_refused_by_every_command(
    url, tmp_path, capsys, prefect_server, generated_exports
):
    engine = connection.connect(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    engine.dispose()
    said = f"is at revision 0099, which this release does not know (its newest is {HEAD})"
    month = ["--month", "2026-10"]
    for argv in (
        ["status"],
        ["report", *month, "--out", str(tmp_path / "report")],
        ["explain", *month, "--agent", "A1", "--archive", str(tmp_path)],
        ["approve", *month, "--by", "Head of service"],
        ["export", "payroll", *month, "--out", str(tmp_path / "payroll.csv")],
        ["db", "current"],
        ["db", "upgrade"],
        ["validate", *month, "--exports", str(generated_exports)],
        ["run", *month, "--exports", str(generated_exports), "--data-docs", str(tmp_path)],
    ):
        code, out, err = _cli(capsys, *argv, "--warehouse", url)
        assert code == 4 and said in err, (argv, err)


def test_an_upgrade_waits_for_another_and_then_says_so(request, url):
    _old(request, url, "l1")
    engine = sa.create_engine(url)
    holder = sa.create_engine(url)
    with holder.connect() as other:
        if url.startswith("sqlite"):
            held = schema._schema_lock(engine, float("inf"))
        else:
            other.exec_driver_sql(f"SELECT pg_advisory_lock({locking._LOCK_NAMESPACE}, 0)")
            held = contextlib.nullcontext()
        with held, pytest.raises(WarehouseError, match="being upgraded by another command"):
            schema.ensure_schema(engine, wait_seconds=0.3)
    holder.dispose()  # PostgreSQL: the session, and its lock, end
    assert schema.ensure_schema(engine).after == HEAD
    engine.dispose()


def test_lock_files_that_finished_runs_left_are_no_killed_runs(sqlite_url, capsys):
    """The releases before 2026-11-27 left a lock file beside the warehouse after every
    run: the upgrade removes them, and kpi status never names such a run as killed. A run
    killed meanwhile (no kpi_run row) still is one."""
    import json
    import shutil
    from pathlib import Path

    from tests import warehouses

    warehouses.restore("l1", sqlite_url)
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    left = sorted(database.parent.glob(f"{database.name}.*.lock"))
    assert [p.name[-12:] for p in left] == ["2026-08.lock", "2026-09.lock", "2026-10.lock"]
    kept = [shutil.copy(p, p.with_suffix(".kept")) for p in left]
    killed = database.parent / f"{database.name}.2026-11.lock"
    holder = {"run_id": "r-killed", "pid": 42, "host": "vm", "started_at": "2026-12-01T08:00:00"}
    killed.write_text(json.dumps(holder))
    assert _cli(capsys, "db", "upgrade", "--warehouse", sqlite_url)[0] == 0
    assert sorted(database.parent.glob(f"{database.name}.*.lock")) == [killed]
    for copy, path in zip(kept, left, strict=True):  # as if the upgrade had missed them
        Path(copy).rename(path)
    code, out, _ = _cli(capsys, "status", "--warehouse", sqlite_url)
    assert code == 0
    assert [line for line in out.splitlines() if "killed" in line] == [
        "2026-11: run r-killed (pid 42 on vm, started 2026-12-01 16:00:00 Asia/Shanghai) was "
        "killed before it finished; nothing of it was published, and the next run of the "
        "month takes its lock over"
    ]


@pytest.fixture(scope="session")
def december(tmp_path_factory):
    """A month after every earlier warehouse's months, as kpi generate writes it today."""
    from flows.generator.generate import generate
    from flows.generator.options import GeneratorOptions

    root = tmp_path_factory.mktemp("december")
    list(generate(root, date(2026, 12, 1), date(2026, 12, 1), GeneratorOptions(1, 2, 7)))
    return root


@pytest.mark.parametrize("name", ["l1", "l2", "l3", "l4", "l5", "l7", "l8", "lived"])
def test_after_the_upgrade_the_product_runs_approves_exports_reports_and_explains(
    request, url, name, december, tmp_path, capsys, prefect_server
):
    """Every earlier release's warehouse, upgraded by the next run. An earlier month
    reports when the upgrade proved its scheme (its run used today's bundled file),
    otherwise it is refused in words rather than read with a file that changed."""
    from tests.flows.conftest import query

    _old(request, url, name)
    where = ["--warehouse", url]
    archive = ["--archive", str(tmp_path / "archive")]
    code, out, err = _cli(
        capsys,
        *("run", "--month", "2026-12", "--exports", str(december), "--allow-gap"),
        *("--data-docs", str(tmp_path / "docs"), "--reports", str(tmp_path / "reports")),
        *archive,
        *where,
    )
    assert code == 0 and out.startswith("2026-12: published version 1"), err
    agent = query(
        url, "SELECT MIN(agent_id) AS a FROM kpi_agent_monthly WHERE month_start = '2026-12-01'"
    )["a"].item()
    for argv in (
        ["approve", "--month", "2026-12", "--by", "Head of service"],
        ["export", "payroll", "--month", "2026-12", "--out", str(tmp_path / "payroll.csv")],
        ["report", "--month", "2026-12", "--out", str(tmp_path / "report")],
        ["explain", "--month", "2026-12", "--agent", agent, *archive],
        ["status"],
    ):
        code, out, err = _cli(capsys, *argv, *where)
        assert code == 0, (argv, err)
        assert "killed" not in out
    code, _, err = _cli(
        capsys, "report", "--month", "2026-10", "--out", str(tmp_path / "october"), *where
    )
    proven = name in ("l5", "l7", "l8", "lived")
    assert code == (0 if proven else 3), err
    assert proven or "whose file the warehouse does not hold" in err
