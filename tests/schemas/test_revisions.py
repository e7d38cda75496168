"""The schema revisions: one line of scripts that matches `schemas.tables`, and every
warehouse an earlier release wrote upgraded to exactly the layout of a new one with
every row it had, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from flows.storage import connection, schema
from schemas import revisions
from schemas import tables as t
from tests import warehouses


@pytest.fixture(params=["sqlite_url", "postgres_url"])
def url(request) -> str:
    return request.getfixturevalue(request.param)


@pytest.fixture
def fresh(request, url, tmp_path) -> str:
    """A new warehouse of this release, on the same kind of database as ``url``."""
    if url.startswith("sqlite"):
        other = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        from tests.conftest import new_database

        other = new_database(request.getfixturevalue("postgres_server"))
    connection.connect(other).dispose()
    return other


def old(request, url: str, name: str) -> str:
    server = None if url.startswith("sqlite") else request.getfixturevalue("postgres_server")
    return warehouses.restore(name, url, server)


def test_the_scripts_are_one_line_of_the_registered_revisions():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(revisions.config())
    assert scripts.get_heads() == [revisions.HEAD]
    line = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert line == list(revisions.REVISIONS)


def test_the_layout_of_schemas_tables_is_the_head_revisions():
    """Fails when a table, column, index, view or comment changes without a revision:
    write one (python -m schemas.revisions new), then record the new digest."""
    assert revisions.layout_digest() == revisions.LAYOUT


def test_an_empty_database_through_every_revision_is_a_new_warehouse(url, fresh):
    engine = schema._transactional(sa.create_engine(url))
    with engine.begin() as conn:
        revisions.upgrade(conn)
    engine.dispose()
    assert warehouses.layout(url) == warehouses.layout(fresh)


@pytest.mark.parametrize("name", warehouses.OLD)
def test_an_earlier_releases_warehouse_upgrades_to_exactly_a_new_one_with_every_row(
    request, url, fresh, name
):
    old(request, url, name)
    before = warehouses.row_counts(url)
    assert before["kpi_agent_monthly"] > 0 and before["kpi_rejected_row"] > 0
    engine = connection.connect(url)
    with engine.connect() as conn:
        assert schema.schema_state(conn).revision == revisions.HEAD
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        context = MigrationContext.configure(conn, opts={"compare_type": False})
        assert compare_metadata(context, t.METADATA) == []
    engine.dispose()
    assert warehouses.layout(url) == warehouses.layout(fresh)
    after = warehouses.row_counts(url)
    added = {"kpi_scheme", "kpi_stale_month"}  # data the upgrade records (0002, 0003)
    assert after == before | {n: after[n] for n in added} | {
        n: 0 for n in set(after) - set(before) - added
    }
    # 0003: every month published before is stale once (its fingerprint now covers its
    # period, so its next run publishes).
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        published = conn.execute(
            sa.text("SELECT COUNT(DISTINCT month_start) FROM kpi_run WHERE status = 'published'")
        ).scalar()
        stale = conn.execute(sa.text("SELECT COUNT(*) FROM v_month_status WHERE is_stale")).scalar()
    engine.dispose()
    assert after["kpi_stale_month"] == before.get("kpi_stale_month", 0) + published
    assert stale == published > 0


def test_an_upgrade_that_fails_leaves_the_warehouse_as_it_was(request, url, monkeypatch):
    """One transaction, SQLite's DDL included: the views come last, and when they fail
    every table rebuilt before them is as it was."""
    from schemas.revisions import ddl

    old(request, url, "l1")
    layout, rows = warehouses.layout(url), warehouses.row_counts(url)

    def fail(conn, views):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(ddl, "create_views", fail)
    with pytest.raises(RuntimeError, match="disk went away"):
        connection.connect(url)
    assert warehouses.layout(url) == layout
    assert warehouses.row_counts(url) == rows


@pytest.mark.parametrize(
    ("name", "recorded"),
    [("l1", {}), ("l8", {"default-2026": 3}), ("lived", {"default-2026": 2})],
)
def test_the_upgrade_keeps_a_bundled_scheme_only_for_runs_that_provably_used_it(
    request, url, name, recorded
):
    """Runs of the releases before 2026-11-27 used the bundled default-2026 as it was
    then (the same version, other text): their fingerprints prove they did not use
    today's file, so nothing is recorded for them. Runs of later releases did."""
    from flows.common.settings import DEFAULT_SCHEMES_DIR
    from flows.inputs.schemes import load_scheme_file

    old(request, url, name)
    connection.connect(url).dispose()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        schemes = conn.execute(sa.text("SELECT * FROM kpi_scheme")).mappings().all()
        proven = dict(
            conn.execute(
                sa.text(
                    "SELECT scheme_version, COUNT(*) FROM kpi_run WHERE scheme_sha256 IS NOT NULL "
                    "GROUP BY scheme_version"
                )
            ).all()
        )
        first = {
            s["scheme_version"]: conn.execute(
                sa.text(
                    "SELECT run_id FROM kpi_run WHERE scheme_sha256 = :sha "
                    "ORDER BY started_at LIMIT 1"
                ),
                {"sha": s["sha256"]},
            ).scalar()
            for s in schemes
        }
    engine.dispose()
    assert proven == recorded
    bundled = load_scheme_file(DEFAULT_SCHEMES_DIR / "default-2026.yaml")
    assert [(s["scheme_version"], s["sha256"], s["content"]) for s in schemes] == [
        ("default-2026", bundled.sha256, bundled.content) for _ in recorded
    ]
    assert all(s["first_run_id"] == first[s["scheme_version"]] for s in schemes)


def test_stale_months_of_earlier_releases_stay_stale_after_the_upgrade(url):
    """Revision 0003: a row of kpi_stale_month meant "stale" before each row became a
    judgement (stale or no longer); the rows there are become stale judgements."""
    from alembic import command

    engine = schema._transactional(sa.create_engine(url))
    with engine.begin() as conn:
        command.upgrade(revisions.config(conn), "0002")
        conn.exec_driver_sql(
            "INSERT INTO kpi_stale_month (month_start, run_id, found_at) VALUES "
            "('2026-09-01', 'r1', '2026-10-05 08:00:00+00:00'), "
            "('2026-10-01', 'r1', '2026-10-05 08:00:00+00:00')"
        )
    engine.dispose()
    connection.connect(url).dispose()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        judged = conn.execute(
            sa.text("SELECT month_start, is_stale FROM kpi_stale_month ORDER BY 1")
        ).all()
    engine.dispose()
    assert [(str(m), bool(s)) for m, s in judged] == [
        ("2026-09-01", True),
        ("2026-10-01", True),
    ]
