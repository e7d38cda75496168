"""The systemd units of docs/systemd/ parse and start what they name: `systemd-analyze
verify` on each, as installed in a checkout.

The units name the runbook's checkout, /srv/kpi/dealer-cs-kpi, and verify refuses a unit
whose ExecStart program does not exist: the test verifies copies whose checkout is this
one, so that their programs are the test's own environment's (.venv/bin/prefect,
.venv/bin/dask, .venv/bin/python). verify also reports a misspelt key or a bad value
only as a warning with exit 0, so any output fails the test. The users they run as
(User=kpi) need not exist for it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "docs" / "systemd"
CHECKOUT = "/srv/kpi/dealer-cs-kpi"  # docs/deployment.md's


@pytest.fixture(scope="module")
def systemd_analyze() -> str:
    found = shutil.which("systemd-analyze") or (
        "/usr/bin/systemd-analyze" if Path("/usr/bin/systemd-analyze").exists() else None
    )
    if found is None:
        if IN_CI:
            pytest.fail("systemd-analyze is missing: CI must verify the units")
        pytest.skip("systemd-analyze is not installed here")
    return found


def units() -> list[Path]:
    return sorted(p for p in UNITS.iterdir() if p.suffix in (".service", ".timer"))


def test_the_runbook_ships_and_names_every_unit():
    names = {p.name for p in units()}
    assert names == {
        "prefect-server.service",
        "prefect-worker.service",
        "prefect-worker-health.service",
        "prefect-worker-health.timer",
        "dask-scheduler.service",
        "dask-worker.service",
    }
    runbook = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    for name in names:
        assert f"systemd/{name}" in runbook, name


@pytest.mark.parametrize("unit", units(), ids=lambda p: p.name)
def test_each_unit_verifies_in_a_checkout(unit, tmp_path, systemd_analyze):
    text = unit.read_text(encoding="utf-8")
    assert CHECKOUT in text or unit.suffix == ".timer"
    for other in units():  # a timer's service is looked up beside it
        (tmp_path / other.name).write_text(
            other.read_text(encoding="utf-8").replace(CHECKOUT, str(ROOT)), encoding="utf-8"
        )
    verified = subprocess.run(
        [systemd_analyze, "verify", str(tmp_path / unit.name)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert (verified.returncode, verified.stdout + verified.stderr) == (0, "")


def test_a_misspelt_key_fails_the_check(tmp_path, systemd_analyze):
    """The check above is not blind: verify only warns about this one."""
    text = (UNITS / "prefect-worker.service").read_text(encoding="utf-8")
    broken = tmp_path / "prefect-worker.service"
    broken.write_text(
        text.replace(CHECKOUT, str(ROOT)).replace("KillSignal=", "KilSignal="), encoding="utf-8"
    )
    verified = subprocess.run(
        [systemd_analyze, "verify", str(broken)], capture_output=True, text=True, timeout=120
    )
    assert "Unknown key 'KilSignal'" in verified.stderr


def test_the_worker_stops_as_the_runbook_says():
    worker = (UNITS / "prefect-worker.service").read_text(encoding="utf-8")
    for line in (
        "User=kpi",
        "EnvironmentFile=/etc/kpi/worker.env",
        f"ExecStart={CHECKOUT}/.venv/bin/prefect worker start --pool kpi-process "
        "--with-healthcheck",
        "KillSignal=SIGINT",
        "TimeoutStopSec=30",
        "Restart=on-failure",
    ):
        assert f"\n{line}\n" in worker, line
