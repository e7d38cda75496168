"""Shared fixtures: a real PostgreSQL server per test session, SQLite files per test."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from tests.pg_harness import PostgresUnavailable, running_postgres

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The longest files first: pytest-xdist (--dist loadfile) hands files to its workers in
# collection order, and a long file handed out last runs alone at the end while the
# other workers wait (the deployments file alone takes several minutes).
LONGEST_FIRST = (
    "tests/test_deployments.py",
    "tests/flows/publishing/test_runs.py",
    "tests/flows/publishing/test_payroll.py",
    "tests/flows/test_month_end.py",
    "tests/flows/test_faults.py",
    "tests/flows/outputs/test_status.py",
)


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: a worker per core and one more (``--maxprocesses`` still caps it). The
    tests wait for servers, subprocesses and Prefect's API between bursts of work; the
    extra worker uses a core while another waits."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(config, items):
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
    # A test that needs a Prefect server (`prefect_server…` of tests/flows/conftest.py)
    # runs months through it: end to end, and most of the suite's time; `-m "not slow"`
    # (the development tier) leaves them out.
    for item in items:
        if any(f.startswith("prefect_server") for f in getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def postgres_server():
    """A real server; under CI=true its absence fails the run instead of skipping."""
    try:
        with running_postgres() as server:
            yield server
    except PostgresUnavailable as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI=true: {exc}")
        pytest.skip(f"PostgreSQL unavailable: {exc}")


def new_database(server) -> str:
    """The URL of a fresh, empty database on ``server``."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.url(name)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's server."""
    return new_database(postgres_server)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'warehouse.db'}"


@pytest.fixture(autouse=True)
def _outputs_in_tmp(tmp_path, monkeypatch):
    """A run writes Data Docs, archives and reports relative to the working folder by
    default; every test (and the `kpi` processes it starts) writes them into its own
    temporary folder unless it says otherwise."""
    for variable, folder in (
        ("KPI_DATA_DOCS_DIR", "data_docs"),
        ("KPI_ARCHIVE_DIR", "archive"),
        ("KPI_REPORTS_DIR", "reports"),
    ):
        monkeypatch.setenv(variable, str(tmp_path / "default-outputs" / folder))


@pytest.fixture(scope="session", autouse=True)
def _english_session():
    """Tests read what commands print in English (the product's default is zh-CN); set
    for the session first, so that module fixtures that run a command (the demo's) speak
    it too (`tests/flows/outputs/test_console.py` covers the default and the Chinese catalogues)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KPI_LANG", "en")
        yield


@pytest.fixture(autouse=True)
def _english_console(monkeypatch):
    """Every test, and every `kpi` process it starts, speaks en unless it says otherwise;
    what a test's command or monkeypatch sets is undone after it."""
    monkeypatch.setenv("KPI_LANG", "en")
