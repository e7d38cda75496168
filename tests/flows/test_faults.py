"""Faults that really happen: a run killed while publishing, the warehouse going away,
a BI tool holding the SQLite file, two runs of one month at once.

Runs that are killed or run side by side are real `kpi` processes. The kill loop runs
``KPI_FAULT_TRIALS`` kills per database (1 in the suite; docs/development.md's fault command runs
20). The two concurrency scenarios run one on each database, to keep the suite short.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from flows.common.errors import KpiError
from flows.storage.writes import spool_folder
from tests.flows.conftest import OCT, backfill_months, paths, publish, query
from tests.pg_harness import running_postgres

pytestmark = pytest.mark.slow

TRIALS = int(os.environ.get("KPI_FAULT_TRIALS", "1"))
KPI = Path(sys.executable).parent / "kpi"
AUG = OCT.replace(month=8)


def versions(url: str) -> dict[str, list[tuple]]:
    """Per versioned table: (version, is_current, rows, run ids) of October."""
    out = {}
    for table in ("kpi_agent_monthly", "kpi_team_monthly", "kpi_appeal_outcome"):
        out[table] = [
            (v, bool(c), n, r)
            for v, c, n, r in query(
                url,
                f"SELECT version, is_current, COUNT(*) AS n, COUNT(DISTINCT run_id) AS runs "
                f"FROM {table} "
                "WHERE month_start = :m GROUP BY version, is_current ORDER BY version",
                m=OCT,
            ).rows()
        ]
    return out


def assert_one_complete_current(url: str, expected: dict[str, int]) -> int:
    """At most one current version, complete, published in the run log; returns it."""
    state = versions(url)
    current = {t: [(v, n, r) for v, c, n, r in rows if c] for t, rows in state.items()}
    agent = current["kpi_agent_monthly"]
    assert len(agent) == 1, state
    version = agent[0][0]
    for table, rows in current.items():
        assert rows == [(version, expected[table], 1)], (table, state)
        # a version is never part current, part not
        assert not [r for r in state[table] if r[0] == version and not r[1]], state
    published = query(
        url,
        "SELECT run_id FROM kpi_run WHERE month_start = :m AND "
        "status = 'published' AND version = :v",
        m=OCT,
        v=version,
    )
    assert published.height == 1
    owner = query(
        url,
        "SELECT DISTINCT run_id FROM kpi_agent_monthly WHERE month_start = :m AND is_current",
        m=OCT,
    )
    assert owner["run_id"].to_list() == published["run_id"].to_list()
    return version


def assert_nothing_abandoned(url: str, version: int) -> None:
    state = versions(url)
    for table, rows in state.items():
        assert max(v for v, *_ in rows) == version, (table, state)
        assert all(c for v, c, *_ in rows if v == version), state


def staged(url: str, above: int) -> bool:
    try:
        return (
            query(
                url,
                "SELECT COUNT(*) FROM kpi_agent_monthly WHERE month_start = :m AND version > :v",
                m=OCT,
                v=above,
            ).item()
            > 0
        )
    except Exception:  # the database is busy being written: not yet
        return False


def test_kill_during_publishing_never_leaves_a_partial_current_version(
    prefect_server, generated_exports, url, tmp_path
):
    from prefect.settings import PREFECT_API_URL

    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    first = publish(OCT, run_paths)
    expected = {t: rows[0][2] for t, rows in versions(url).items()}
    assert_one_complete_current(url, expected)
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    command = [
        str(KPI),
        "run",
        "--month",
        "2026-10",
        "--force",
        "--exports",
        str(generated_exports),
        "--warehouse",
        url,
        "--data-docs",
        str(tmp_path / "docs"),
    ]
    rng = random.Random(2026)
    current = first.version
    killed = 0
    for _ in range(TRIALS):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 600  # generous: a loaded machine is slow, not wrong
        while process.poll() is None and not staged(url, current):
            assert time.monotonic() < deadline, "the run never staged its version"
            time.sleep(0.02)
        # Somewhere in staging, the quality gate or the flip.
        time.sleep(rng.uniform(0, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        current = assert_one_complete_current(url, expected)
        # The next run must succeed, clear what the killed one left and be current.
        result = publish(OCT, run_paths, force=True)
        assert result.version == current + 1
        current = assert_one_complete_current(url, expected)
        assert_nothing_abandoned(url, current)
    assert killed >= (TRIALS + 1) // 2  # the loop did kill, not just watch runs finish
    # Every killed run has its row, settled by the next run (warehouse.md, kpi_run), on
    # both databases; not those killed after their own final row was written.
    recorded = query(
        url, "SELECT COUNT(*) FROM kpi_run WHERE error LIKE 'killed before it finished%'"
    ).item()
    assert 1 <= recorded <= killed
    assert query(url, "SELECT COUNT(*) FROM kpi_run WHERE status = 'running'").item() == 0


def test_postgresql_stopped_in_the_middle_of_a_run(prefect_server, generated_exports, tmp_path):
    with running_postgres() as server:
        url = server.url()
        run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
        publish(OCT, run_paths)
        expected = {t: rows[0][2] for t, rows in versions(url).items()}
        outcome: dict[str, object] = {}

        def run():
            try:
                outcome["result"] = publish(OCT, run_paths, force=True)
            except Exception as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=run)
        worker.start()
        while not staged(url, 1):
            assert worker.is_alive(), outcome
            time.sleep(0.02)
        server.stop()  # between staging and the flip
        worker.join(timeout=600)
        assert isinstance(outcome.get("error"), KpiError), outcome
        message = str(outcome["error"])
        assert "stopped answering" in message and "Check that the database server" in message
        assert "Nothing of this run became current" in message
        assert list(
            spool_folder(tmp_path / "docs", url).glob("*.ndjson")
        )  # the failure is kept locally
        server.start()
        assert_one_complete_current(url, expected)  # version 1, untouched
        result = publish(OCT, run_paths, force=True)
        assert result.version == 2
        assert_one_complete_current(url, expected)
        assert_nothing_abandoned(url, 2)
        failed = query(url, "SELECT error, version FROM kpi_run WHERE status = 'failed'")
        assert failed.height == 1 and "stopped answering" in failed["error"].item()
        assert failed["version"].item() == 1  # the current version, as if written directly
        assert not list(spool_folder(tmp_path / "docs", url).glob("*.ndjson"))


def test_a_warehouse_restart_during_the_quality_gate_is_an_outage_then_a_publish(
    prefect_server, generated_exports, tmp_path, monkeypatch, caplog
):
    """PostgreSQL restarted while Great Expectations validated: every expectation
    "failed" with the connection's error. That is an outage, retried like every warehouse
    step, and the month publishes on the retry; never "failed the quality gate"."""
    from flows.publishing import gate

    with running_postgres() as server:
        url = server.url()
        run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
        publish(OCT, run_paths)
        checkpoint, unjudged, seen = gate._checkpoint, gate._unjudged, []

        def down_under_the_gate(*args, **kwargs):
            built = checkpoint(*args, **kwargs)
            if not seen:
                server.stop(mode="fast")  # after the gate's own SQL, before GE validates
            return built

        def back_before_the_retry(result):
            raised = unjudged(result)
            if not seen:
                seen.append(raised)
                server.start()
            return raised

        monkeypatch.setattr(gate, "_checkpoint", down_under_the_gate)
        monkeypatch.setattr(gate, "_unjudged", back_before_the_retry)
        result = publish(OCT, run_paths, force=True)
        assert seen and seen[0], "GE reported no expectation that raised while the server was down"
        assert (result.status, result.version) == ("published", 2)
        runs = query(url, "SELECT status, error FROM kpi_run ORDER BY started_at")
        assert runs["status"].to_list() == ["published", "published"]
        # The attempt that failed is one WARNING, not an ERROR of a run that succeeded.
        said = [(r.levelname, r.getMessage()) for r in caplog.records if r.levelno >= 30]
        said = [(level, m) for level, m in said if not m.startswith("An SQL execution")]
        assert [level for level, _ in said] == ["WARNING"], said
        assert said[0][1].startswith("attempt 1 of 3 failed, retrying: the warehouse at postgresql")
        assert "stopped answering during the quality gate" in said[0][1]


def test_a_warehouse_that_stays_down_under_the_gate_fails_the_run_as_an_outage(
    prefect_server, generated_exports, tmp_path, monkeypatch
):
    from flows.publishing import gate

    with running_postgres() as server:
        url = server.url()
        run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
        publish(OCT, run_paths)
        expected = {t: rows[0][2] for t, rows in versions(url).items()}
        checkpoint = gate._checkpoint

        def down_under_the_gate(*args, **kwargs):
            built = checkpoint(*args, **kwargs)
            server.stop()
            return built

        monkeypatch.setattr(gate, "_checkpoint", down_under_the_gate)
        with pytest.raises(KpiError) as err:
            publish(OCT, run_paths, force=True)
        message = err.value.for_operator()
        assert err.value.exit_code == 4, message
        assert "stopped answering" in message and "quality gate:" not in message
        assert "failed the quality gate" not in message
        assert list(spool_folder(tmp_path / "docs", url).glob("*.ndjson"))  # kept for later
        server.start()
        assert assert_one_complete_current(url, expected) == 1  # untouched


def test_a_warehouse_down_at_the_start_is_logged_once_it_is_back(
    prefect_server, tmp_path, generated_exports
):
    with running_postgres() as server:
        url = server.url()
        run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
        server.stop()
        with pytest.raises(KpiError, match="cannot reach the warehouse"):
            publish(OCT, run_paths)
        server.start()
        assert publish(OCT, run_paths).version == 1
        failed = query(url, "SELECT month_start, error FROM kpi_run WHERE status = 'failed'")
        assert failed.height == 1 and "cannot reach the warehouse" in failed["error"].item()


def test_a_bi_reader_holding_the_sqlite_file_does_not_stop_a_run(
    prefect_server, generated_exports, sqlite_url, tmp_path
):
    run_paths = paths(generated_exports, sqlite_url, docs=tmp_path / "docs")
    publish(OCT, run_paths)
    reader = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    reader.execute("BEGIN")
    before = reader.execute("SELECT COUNT(*), MAX(version) FROM v_kpi_agent_current").fetchone()
    try:
        assert publish(OCT, run_paths, force=True).version == 2
        # The reader's snapshot is unchanged until it ends its transaction.
        assert (
            reader.execute("SELECT COUNT(*), MAX(version) FROM v_kpi_agent_current").fetchone()
            == before
        )
    finally:
        reader.rollback()
        reader.close()
    assert query(sqlite_url, "SELECT MAX(version) FROM v_kpi_agent_current").item() == 2


def assert_consecutive_and_one_current(url: str) -> None:
    for month in ("2026-08-01", "2026-09-01", "2026-10-01"):
        published = query(
            url,
            "SELECT version FROM kpi_run WHERE month_start = :m AND "
            "status = 'published' ORDER BY version",
            m=month,
        )["version"]
        assert published.to_list() == list(range(1, published.len() + 1)), month
        current = query(
            url,
            "SELECT DISTINCT version FROM kpi_agent_monthly WHERE month_start = :m AND is_current",
            m=month,
        )["version"]
        assert current.to_list() == published.tail(1).to_list(), month


def kpi_together(
    *commands: list[str], url: str, exports: Path, docs: Path
) -> list[tuple[int, str]]:
    """Start the `kpi` commands at once as processes; (exit code, stderr) of each."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    shared = ["--exports", str(exports), "--warehouse", url, "--data-docs", str(docs)]
    processes = [
        subprocess.Popen(
            [str(KPI), *c, *shared],
            env=env,
            text=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for c in commands
    ]
    return [(p.wait(timeout=900), p.stderr.read()) for p in processes]


def assert_published_or_locked(code: int, err: str) -> None:
    assert code == 0 or (code == 4 and "locked by another run" in err), (code, err[-2000:])


def test_two_kpi_runs_of_one_month_at_once(prefect_server, generated_exports, sqlite_url, tmp_path):
    url = sqlite_url
    run_paths = paths(generated_exports, url, docs=tmp_path / "docs")
    backfill_months(AUG, OCT, run_paths)
    run = ["run", "--month", "2026-10", "--force"]
    for code, err in kpi_together(
        run, run, url=url, exports=generated_exports, docs=tmp_path / "docs"
    ):
        assert_published_or_locked(code, err)
    assert_consecutive_and_one_current(url)


def test_a_kpi_backfill_overlapping_a_kpi_run(
    prefect_server, generated_exports, postgres_url, tmp_path
):
    url = postgres_url
    results = kpi_together(
        ["backfill", "--from", "2026-08", "--to", "2026-10", "--force"],
        ["run", "--month", "2026-10", "--force"],
        url=url,
        exports=generated_exports,
        docs=tmp_path / "docs",
    )
    for code, err in results:
        assert_published_or_locked(code, err)
    assert_consecutive_and_one_current(url)
