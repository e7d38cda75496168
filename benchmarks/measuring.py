"""How the benchmark measures (`python -m benchmarks`): a process's wall time and peak RSS,
the stage of a flow's task run, the machine and the commit it ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from benchmarks import spawn

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
# Task names of the flows, by the stage of the issue they belong to.
STAGES = {
    "read-export": "extract",
    "decide-appeals": "transform",
    "validate-roster": "validate",
    "validate-export": "validate",
    "apply-appeals": "transform",
    "compute-scorecards": "transform",
    "stage-version": "publish",
    "flip-version": "publish",
    "quality-gate": "gate",
}
STAGE_ORDER = ("extract", "validate", "transform", "publish", "gate")


def stage_of(task_run_name: str) -> str | None:
    """The stage of a task run: its name is the task's, with ``[...]`` after it (or, for
    a task without a run name, Prefect's ``-xxxx`` suffix)."""
    base = task_run_name.split("[", 1)[0]
    return STAGES.get(base) or STAGES.get(base.rsplit("-", 1)[0])


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as ``/proc/loadavg`` has them."""
    try:
        return ", ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


@dataclass
class Run:
    label: str
    wall_s: float
    peak_rss_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    flow_s: float | None = None
    exit_code: int = 0

    @property
    def outside_flow_s(self) -> float | None:
        return None if self.flow_s is None else self.wall_s - self.flow_s


@dataclass
class Archive:
    """The group month's archive: its bytes (the published version's folder), the
    month's CSV bytes, and validation's best seconds without and with archiving."""

    bytes: int
    csv_bytes: int
    without_s: float
    with_s: float

    @property
    def write_s(self) -> float:
        return self.with_s - self.without_s


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def measure(args: list[str], env: dict[str, str], label: str) -> tuple[Run, str]:
    """Run a process to its end; its wall time, its own peak RSS (from the kernel, not
    counting this process's: `benchmarks.spawn`) and stdout."""
    with tempfile.TemporaryFile() as out:
        wall, peak, code = spawn.run(args, env, out)
        out.seek(0)
        text = out.read().decode(errors="replace")
    if code:
        log(f"{label}: exit {code}\n{text[-3000:]}")
    return Run(label, wall, peak, exit_code=code), text


def median_run(trials: list[Run]) -> Run:
    """The trial with the median wall time (its stages and RSS), peak RSS the highest."""
    chosen = sorted(trials, key=lambda r: r.wall_s)[len(trials) // 2]
    chosen.peak_rss_mb = max(r.peak_rss_mb for r in trials)
    chosen.exit_code = max(r.exit_code for r in trials)
    return chosen


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    from importlib import metadata

    versions = ", ".join(
        f"{p} {metadata.version(p)}"
        for p in ("polars", "prefect", "pandera", "great-expectations", "sqlalchemy", "duckdb")
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory / 1024 / 1024:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; "
        f"{versions}; bytecode compiled before the run"
    )


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=HERE,
            text=True,
            capture_output=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
