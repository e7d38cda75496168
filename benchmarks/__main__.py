"""The group-scale benchmark: ``uv run --group bench python -m benchmarks [options]``.

1. Generates the data when absent, with ``kpi generate --clean``: the group month
   (200 stores x 10 agents, about 5 M rows), the months before it for the backfill, the
   store-scale month (1 store x 10 agents), and an *empty* month (the group's roster,
   every other file header-only) so imports and start-up can be subtracted.
2. Starts a Prefect server (unless ``PREFECT_API_URL`` is set) and a throw-away
   PostgreSQL server (`tests.pg_harness`), so neither start-up is counted.
3. Runs ``kpi run --no-report`` end to end as a newcomer would (a fresh process each
   time, fresh warehouse and archive) into SQLite and PostgreSQL, the empty month
   likewise, the parse floor and the DuckDB peer (``benchmarks.peers``, each the median
   of three), a ``kpi backfill`` of the months, ``kpi report`` of the group month on the
   backfill's warehouse (`benchmarks.report_site`), the archive's bytes and write time
   (`benchmarks.archive_cost`), with ``--thousand-stores`` one ``kpi run`` of a
   1,000-store month, and, with no Prefect server, the store-scale ``kpi run`` and the
   plain commands of its month (validate, status, explain, approve, export payroll,
   report of one store). Pipeline runs pass ``--no-report``: the report site, which the
   DuckDB peer does not write, has its own row.
4. Reads each flow run's task runs back from Prefect for the time per stage, takes each
   process's peak RSS from the kernel (``wait4``), checks that the peer's scores equal
   the published ones, and appends a dated table with the machine and its load average
   to ``results.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from benchmarks import report_site, spawn
from transforms.months import months_between, parse_month, previous_month

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
PACKAGES = ("flows", "transforms", "schemas")
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
# Issue 14's targets (and issue 11's archive cost, the report site's 30 s, the
# backfill's 12.5x a year).
TARGETS = {
    "e2e_vs_peer": 4.0,
    "proportional_vs_peer": 1.5,
    "peak_rss_gb": 1.0,
    "backfill_vs_month": 12.5,
    "store_run_s": 15.0,
    "command_s": 5.0,
    "report_site_s": 30.0,
    "archive_bytes_vs_csv": 0.30,
    "archive_time_vs_run": 0.10,
    "thousand_rss_gb": 4.0,
    "thousand_vs_group": 5.5,
}
# Free space a 1,000-store month needs (its CSVs, about 2.3 GB, and a run's archive).
THOUSAND_BYTES = 3 * 1024**3


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


# ------------------------------------------------------------------ data


def generate(out: Path, first: date, last: date, *, stores: int) -> None:
    wanted = [out / f"{m:%Y-%m}" for m in months_between(first, last)]
    # appeals.csv is the generator's last file of a month: its presence means complete.
    if all((m / "appeals.csv").exists() for m in wanted):
        return
    log(f"generating {first:%Y-%m}..{last:%Y-%m} at {stores} store(s) into {out}")
    # --overwrite: when a month of the range is missing, the whole range is written again.
    subprocess.run(
        [
            str(BIN / "kpi"),
            "generate",
            "--overwrite",
            "--out",
            str(out),
            "--from",
            f"{first:%Y-%m}",
            "--to",
            f"{last:%Y-%m}",
            "--stores",
            str(stores),
            "--clean",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def empty_month(source: Path, out: Path) -> None:
    """The source month's roster, and every other file with its header only."""
    if out.exists():
        return
    out.mkdir(parents=True)
    for path in source.glob("*.csv"):
        if path.stem == "agents":
            shutil.copy(path, out / path.name)
        else:
            with path.open("rb") as fh:
                (out / path.name).write_bytes(fh.readline())


def describe(folder: Path) -> tuple[int, float]:
    """(data rows, MB) of a month folder."""
    rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in folder.glob("*.csv"))
    return rows, sum(p.stat().st_size for p in folder.glob("*.csv")) / 1e6


# ------------------------------------------------------------------ servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    if url := os.environ.get("PREFECT_API_URL"):
        yield url
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    log(f"starting a Prefect server on port {port}")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        for _ in range(1200):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("the Prefect server did not start within 120 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def postgres() -> Iterator[object]:
    sys.path.insert(0, str(HERE.parent))
    from tests.pg_harness import running_postgres

    with running_postgres() as server:
        yield server


def fresh_database(server, name: str) -> str:
    admin = sa.create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.url(name)


# ------------------------------------------------------------------ Prefect


def stage_times(api_url: str, flow_name: str) -> tuple[dict[str, float], float]:
    """Seconds per stage of the latest run of a flow, and the flow run's own seconds."""
    os.environ["PREFECT_API_URL"] = api_url
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName, FlowRunFilter
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        (run,) = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
            sort=FlowRunSort.START_TIME_DESC,
            limit=1,
        )
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": [run.id]}))
    stages = dict.fromkeys(STAGE_ORDER, 0.0)
    for task in tasks:
        stage = stage_of(task.name)
        if stage and task.start_time and task.end_time:
            stages[stage] += (task.end_time - task.start_time).total_seconds()
    return stages, (run.end_time - run.start_time).total_seconds()


# ------------------------------------------------------------------ runs


def kpi(
    command: list[str],
    *,
    exports: Path,
    url: str,
    docs: Path,
    env: dict[str, str],
    label: str,
    api_url: str | None,
    archive: Path,
) -> Run:
    # --no-report: the DuckDB peer writes no report; the site has its own row.
    args = [
        str(BIN / "kpi"),
        *command,
        "--exports",
        str(exports),
        "--warehouse",
        url,
        "--data-docs",
        str(docs),
        "--archive",
        str(archive),
        "--no-report",
    ]
    log(label)
    run, _ = measure(args, env, label)
    if api_url and run.exit_code == 0:
        run.stages, run.flow_s = stage_times(
            api_url, command[0] == "run" and "month-end" or "backfill"
        )
    log(f"{label}: {run.wall_s:.1f} s, peak {run.peak_rss_mb:.0f} MB")
    return run


def plain_commands(
    month: date,
    *,
    exports: Path,
    warehouse: str,
    archive: Path,
    agent: str,
    store: str,
    payroll: Path,
    site: Path,
) -> list[tuple[str, list[str]]]:
    """(label, command line) of each plain command of a published month, in the order
    they must run: the payroll export needs the version approved first."""
    kpi_ = str(BIN / "kpi")
    m = f"{month:%Y-%m}"
    on = ["--warehouse", warehouse]
    return [
        ("`kpi validate`", [kpi_, "validate", "--month", m, "--exports", str(exports)]),
        ("`kpi status`", [kpi_, "status", *on]),
        (
            f"`kpi explain` (agent {agent})",
            [kpi_, "explain", "--month", m, "--agent", agent, *on, "--archive", str(archive)],
        ),
        ("`kpi approve`", [kpi_, "approve", "--month", m, "--by", "benchmark", *on]),
        (
            "`kpi export payroll` (.xlsx)",
            [kpi_, "export", "payroll", "--month", m, "--out", str(payroll), *on],
        ),
        (
            f"`kpi report --store {store}` (one store's pages)",
            [kpi_, "report", "--month", m, "--store", store, "--out", str(site), *on],
        ),
    ]


def first_agent(url: str, month: date) -> tuple[str, str]:
    """(agent id, store id) of the first agent of the month's current version."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        agent, store = conn.execute(
            sa.text(
                "SELECT agent_id, store_id FROM v_kpi_agent_current WHERE month_start = :m "
                "ORDER BY agent_id LIMIT 1"
            ),
            {"m": month},
        ).one()
    engine.dispose()
    return str(agent), str(store)


def csv_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.csv"))


def median_run(trials: list[Run]) -> Run:
    """The trial with the median wall time (its stages and RSS), peak RSS the highest."""
    chosen = sorted(trials, key=lambda r: r.wall_s)[len(trials) // 2]
    chosen.peak_rss_mb = max(r.peak_rss_mb for r in trials)
    chosen.exit_code = max(r.exit_code for r in trials)
    return chosen


def peer(kind: str, folder: Path, out: Path | None = None, repeats: int = 3) -> Run:
    walls, rss = [], 0.0
    for _ in range(repeats):
        process, text = measure(
            [
                sys.executable,
                "-m",
                "benchmarks.peers",
                kind,
                str(folder),
                *([str(out)] if out else []),
            ],
            {**os.environ, "PYTHONPATH": str(HERE.parent)},
            kind,
        )
        result = json.loads(text.strip().splitlines()[-1])
        walls.append(result["wall_s"])
        rss = max(rss, process.peak_rss_mb)
    return Run(kind, statistics.median(walls), rss)


def peer_agreement(peer_csv: Path, sqlite_url: str, month: date) -> tuple[int, int, int]:
    """(agents whose score, tier and bonus equal the published ones, agents, agents that
    differ but have an appeal we judged late: the peer does not check the deadline)."""
    theirs = pl.read_csv(peer_csv, schema_overrides={"agent_id": pl.String, "score": pl.String})
    engine = sa.create_engine(sqlite_url)
    with engine.connect() as conn:
        ours = pl.read_database(
            "SELECT agent_id, CAST(score AS TEXT) AS ours_score, tier AS ours_tier, "
            "CAST(bonus_amount AS INTEGER) AS ours_bonus FROM v_kpi_agent_current "
            "WHERE month_start = :m",
            conn,
            execute_options={"parameters": {"m": month}},
        )
        late = pl.read_database(
            "SELECT DISTINCT agent_id FROM kpi_appeal_outcome WHERE month_start = :m "
            "AND is_current AND reason = 'late'",
            conn,
            execute_options={"parameters": {"m": month}},
        )["agent_id"]
    engine.dispose()
    both = theirs.join(ours, on="agent_id", how="full", coalesce=True)

    def cents(column: str) -> pl.Expr:
        return (pl.col(column).cast(pl.Float64) * 100).round(0)

    same = both.filter(
        (cents("score") == cents("ours_score")).fill_null(
            pl.col("score").is_null() & pl.col("ours_score").is_null()
        )
        & (pl.col("tier").eq_missing(pl.col("ours_tier")))
        & (pl.col("bonus_amount") == pl.col("ours_bonus"))
    )
    differ = both.join(same, on="agent_id", how="anti")
    return same.height, both.height, differ.filter(pl.col("agent_id").is_in(late.implode())).height


# ------------------------------------------------------------------ report


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


def report(
    runs: list[Run],
    *,
    group: tuple[int, float],
    floor: Run,
    duck: Run,
    agreement: tuple[int, int, int] | None,
    backfill: tuple[Run, int] | None,
    store: list[Run],
    month: date,
    repeats: int,
    site: Run | None = None,
    plain: list[Run] | None = None,
    archive: Archive | None = None,
    thousand: tuple[Run, tuple[int, float]] | None = None,
    load: tuple[str, str] | None = None,
) -> str:
    def seconds(value: float | None) -> str:
        return "" if value is None else f"{value:.2f}"

    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · commit {commit()}",
        "",
        f"Machine: {machine()}"
        + (
            f"; load average (1, 5, 15 min) {load[0]} before the run, {load[1]} after "
            "(shared: the figures move with it)."
            if load
            else "."
        ),
        f"Data: {month:%Y-%m} at group scale, {group[0]:,} rows, {group[1]:.0f} MB of CSV "
        "(`kpi generate --clean`). Each pipeline row is the median of "
        f"{repeats} `kpi run --no-report` processes (imports included; peak RSS the "
        "highest) against a running Prefect server, each into a fresh warehouse and "
        "archive, after one uncounted warm-up run; peers are the median of three, their "
        "imports excluded. `--no-report`: a publish also writes the month's report site, "
        "which the DuckDB peer does not; the site has its own row (`kpi report`).",
        "",
        "| run | wall s | " + " | ".join(STAGE_ORDER) + " | rest of flow | outside flow "
        "(imports, start-up, exit) | peak RSS MB |",
        "| --- | ---: | " + " | ".join("---:" for _ in STAGE_ORDER) + " | ---: | ---: | ---: |",
    ]
    for run in runs:
        staged = sum(run.stages.values())
        rest = None if run.flow_s is None else run.flow_s - staged
        lines.append(
            f"| {run.label} | {run.wall_s:.2f} | "
            + " | ".join(seconds(run.stages.get(s)) for s in STAGE_ORDER)
            + f" | {seconds(rest)} | {seconds(run.outside_flow_s)} | "
            f"{run.peak_rss_mb:.0f} |"
        )
    blank = " | ".join("" for _ in STAGE_ORDER)
    for other in (floor, duck):
        lines.append(
            f"| {other.label} | {other.wall_s:.2f} | {blank} | | | {other.peak_rss_mb:.0f} |"
        )
    by_label = {r.label: r for r in runs}
    lines += ["", "| measure | value | target | met |", "| --- | ---: | ---: | :---: |"]

    def target(name: str, value: float, limit: float, unit: str = "", detail: str = "") -> None:
        lines.append(
            f"| {name} | {value:.2f}{unit}{detail} | ≤ {limit:g}{unit} | "
            f"{'yes' if value <= limit else '**no**'} |"
        )

    for db in ("SQLite", "PostgreSQL"):
        full, empty = by_label.get(f"group month · {db}"), by_label.get(f"empty month · {db}")
        if not full:
            continue
        target(
            f"end to end ÷ DuckDB peer ({db})",
            full.wall_s / duck.wall_s,
            TARGETS["e2e_vs_peer"],
            "×",
        )
        if empty:
            target(
                f"(group − empty month) ÷ DuckDB peer ({db})",
                (full.wall_s - empty.wall_s) / duck.wall_s,
                TARGETS["proportional_vs_peer"],
                "×",
            )
        target(f"peak RSS ({db})", full.peak_rss_mb / 1024, TARGETS["peak_rss_gb"], " GB")
        if full.flow_s:
            lines.append(
                f"| flow run alone (warm process) ÷ DuckDB peer ({db}) | "
                f"{full.flow_s / duck.wall_s:.2f}× | | |"
            )
        lines.append(
            f"| extract ÷ parse floor ({db}) | "
            f"{full.stages.get('extract', 0) / floor.wall_s:.2f}× | | |"
        )
    if backfill:
        run, months = backfill
        one = by_label["group month · SQLite"].wall_s
        target(
            f"{months}-month backfill ÷ one month (SQLite)",
            run.wall_s / one,
            TARGETS["backfill_vs_month"] * months / 12,
            "×",
        )
    one_group = by_label.get("group month · SQLite")
    if thousand and one_group:
        run, (rows, mb) = thousand
        lines.append(
            f"| 1,000-store month ({rows:,} rows, {mb:,.0f} MB of CSV): `kpi run` wall "
            f"(SQLite) | {run.wall_s:.1f} s | | |"
        )
        target(
            "1,000-store month: peak RSS (SQLite)",
            run.peak_rss_mb / 1024,
            TARGETS["thousand_rss_gb"],
            " GB",
        )
        target(
            "1,000-store month ÷ group month, wall (SQLite)",
            run.wall_s / one_group.wall_s,
            TARGETS["thousand_vs_group"],
            "×",
        )
    if archive and one_group:
        target(
            "archive bytes ÷ the month's CSV bytes (group month's version, SQLite run)",
            100 * archive.bytes / archive.csv_bytes,
            100 * TARGETS["archive_bytes_vs_csv"],
            " %",
            f" ({archive.bytes / 1e6:.0f} of {archive.csv_bytes / 1e6:.0f} MB)",
        )
        target(
            "archive write time ÷ group `kpi run` wall (SQLite; timed in process)",
            100 * archive.write_s / one_group.wall_s,
            100 * TARGETS["archive_time_vs_run"],
            " %",
            f" ({archive.write_s:.2f} s: validation {archive.without_s:.2f} s without, "
            f"{archive.with_s:.2f} s with)",
        )
    for run in store:
        target(f"{run.label}", run.wall_s, TARGETS["store_run_s"], " s")
    for run in plain or []:
        target(
            f"{run.label}, store month, no Prefect server",
            run.wall_s,
            TARGETS["command_s"],
            " s",
            f" (peak RSS {run.peak_rss_mb:.0f} MB)",
        )
    if site:
        target(site.label, site.wall_s, TARGETS["report_site_s"], " s")
    if agreement:
        same, agents, late = agreement
        lines.append(
            f"| DuckDB peer's score, tier and bonus equal ours | {same} of {agents} "
            f"agents; {late} of the {agents - same} others have an appeal judged late "
            "(the peer does not check deadlines) | all but those | "
            f"{'yes' if same + late == agents else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def thousand_run(
    root: Path,
    month: date,
    run_month: list[str],
    *,
    work: Path,
    docs: Path,
    env: dict[str, str],
    api_url: str,
) -> tuple[Run, tuple[int, float]] | None:
    """One `kpi run` of a 1,000-store month (generated into ``root`` when absent) into a
    fresh SQLite warehouse, and (rows, MB) of the month; None without the space."""
    folder = root / f"{month:%Y-%m}"
    if not (folder / "appeals.csv").exists():
        root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(root).free
        if free < THOUSAND_BYTES:
            log(f"1,000-store month skipped: {free / 1024**3:.1f} GB free in {root}, 3 needed")
            return None
        generate(root, month, month, stores=1000)
    run = kpi(
        run_month,
        exports=root,
        url=f"sqlite:///{work / 'thousand'}.db",
        docs=docs,
        env=env,
        label="1,000-store month · SQLite",
        api_url=api_url,
        archive=work / "archive" / "thousand",
    )
    return run, describe(folder)


def compile_bytecode() -> None:
    """Bytecode for everything a `kpi` process imports, as an installed pipeline has it
    (Python writes it at the first import; `uv sync --compile-bytecode` at install). Where
    PYTHONDONTWRITEBYTECODE is set and nothing compiled it, every process compiles its
    imports from source, seconds per command on two cores, which is no cost of ours."""
    import compileall
    import sysconfig

    log("compiling bytecode of the environment and the project (once; fast when done)")
    for folder in (sysconfig.get_paths()["purelib"], *(HERE.parent / p for p in PACKAGES)):
        compileall.compile_dir(str(folder), quiet=2, workers=0)  # 2: not the 3.12-only files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kpi-benchmark",
        help="where generated exports are kept between runs (default: %(default)s)",
    )
    parser.add_argument("--month", type=parse_month, default=date(2026, 10, 1))
    parser.add_argument("--stores", type=int, default=200)
    parser.add_argument(
        "--backfill-months",
        type=int,
        default=12,
        help="months of the backfill run, ending with --month (0: skip)",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each pipeline row; the median is reported"
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--thousand-stores",
        action="store_true",
        help="also one `kpi run` of a 1,000-store month (25 M rows; generated into "
        "--data when absent, about 2.3 GB; needs 3 GB free)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    compile_bytecode()
    load_before = load_average()
    month, data = args.month, args.data.resolve()
    first = month
    for _ in range(max(args.backfill_months, 1) - 1):
        first = previous_month(first)
    group, store, empty = data / "group", data / "store", data / "empty"
    generate(group, first, month, stores=args.stores)
    generate(store, month, month, stores=1)
    empty_month(group / f"{month:%Y-%m}", empty / f"{month:%Y-%m}")
    work = Path(tempfile.mkdtemp(prefix="kpi-bench-"))
    docs = work / "docs"
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("KPI_", "PREFECT_"))}
    runs: list[Run] = []
    store_runs: list[Run] = []
    plain: list[Run] = []
    thousand: tuple[Run, tuple[int, float]] | None = None
    try:
        with prefect_server(work / "prefect-home") as api_url, contextlib.ExitStack() as stack:
            env = {**base_env, "PREFECT_API_URL": api_url}
            targets = [("SQLite", lambda name: f"sqlite:///{work / name}.db")]
            if not args.no_postgres:
                server = stack.enter_context(postgres())
                targets.append(("PostgreSQL", lambda name: fresh_database(server, name)))
            run_month = ["run", "--month", f"{month:%Y-%m}"]
            archives = work / "archive"
            # A first run warms the new Prefect server and the page cache; not counted.
            kpi(
                run_month,
                exports=empty,
                url=f"sqlite:///{work / 'warm-up'}.db",
                docs=docs,
                env=env,
                label="warm-up (not counted)",
                api_url=api_url,
                archive=archives / "warm-up",
            )
            for db, new_url in targets:
                for folder, what in ((empty, "empty"), (group, "group")):
                    trials = [
                        kpi(
                            run_month,
                            exports=folder,
                            url=new_url(f"{what}_{n}"),
                            docs=docs,
                            env=env,
                            label=f"{what} month · {db}",
                            api_url=api_url,
                            archive=archives / f"{db}-{what}_{n}",
                        )
                        for n in range(args.repeats)
                    ]
                    runs.append(median_run(trials))
            floor = peer("floor", group / f"{month:%Y-%m}")
            floor.label = "parse floor (polars, typed)"
            peer_csv = work / "peer.csv"
            duck = peer("duckdb", group / f"{month:%Y-%m}", peer_csv)
            duck.label = "DuckDB peer (SQL from CSV)"
            agreement = peer_agreement(peer_csv, f"sqlite:///{work / 'group_0'}.db", month)
            # The archive: the bytes the first SQLite group run kept for its version, and
            # the write time, in process (it is a sink of the validate-export tasks).
            log("archive write time, in process")
            cost, text = measure(
                [sys.executable, "-m", "benchmarks.archive_cost", str(group), f"{month:%Y-%m}"],
                {**base_env, "PYTHONPATH": str(HERE.parent)},
                "archive cost",
            )
            timed = json.loads(text.strip().splitlines()[-1]) if cost.exit_code == 0 else None
            from benchmarks.archive_cost import folder_bytes

            archive = (
                Archive(
                    folder_bytes(archives / "SQLite-group_0" / f"{month:%Y-%m}"),
                    csv_bytes(group / f"{month:%Y-%m}"),
                    timed["without_s"],
                    timed["with_s"],
                )
                if timed
                else None
            )
            backfill = None
            if args.backfill_months > 1:
                run = kpi(
                    ["backfill", "--from", f"{first:%Y-%m}", "--to", f"{month:%Y-%m}"],
                    exports=group,
                    url=f"sqlite:///{work / 'backfill'}.db",
                    docs=docs,
                    env=env,
                    label=f"{args.backfill_months}-month backfill · SQLite",
                    api_url=api_url,
                    archive=archives / "backfill",
                )
                runs.append(run)
                backfill = (run, args.backfill_months)
            # The month's site (feedback.md: 200 stores, 2,000 agents, no --pdf, <= 30 s),
            # from the backfill's warehouse, whose earlier months make the trends.
            site_db = work / ("backfill" if backfill else "group_0")
            log("kpi report of the group month")
            wall, peak, pages = report_site.time_report(
                f"sqlite:///{site_db}.db", month, work / "site", 1
            )
            site = Run(
                f"`kpi report` site of the group month, {pages:,} pages, no --pdf (SQLite)",
                wall,
                peak,
            )
            log(f"{site.label}: {wall:.1f} s, peak {peak:.0f} MB")
            if args.thousand_stores:
                thousand = thousand_run(
                    data / "thousand",
                    month,
                    run_month,
                    work=work,
                    docs=docs,
                    env=env,
                    api_url=api_url,
                )
                if thousand:
                    runs.append(thousand[0])
        # No server now: as a newcomer runs it, Prefect starts its temporary one.
        newcomer = {**base_env, "PREFECT_HOME": str(work / "newcomer-prefect")}
        store_runs = [
            kpi(
                run_month,
                exports=store,
                url=f"sqlite:///{work / f'store{n}'}.db",
                docs=docs,
                env=newcomer,
                api_url=None,
                label=f"store-scale `kpi run`, no Prefect server ({which})",
                archive=work / "archive" / f"store{n}",
            )
            for n, which in enumerate(("first ever: Prefect creates its database", "again"))
        ]
        if store_runs[-1].exit_code == 0:
            warehouse = f"sqlite:///{work / 'store1'}.db"
            agent, store_id = first_agent(warehouse, month)
            for label, command in plain_commands(
                month,
                exports=store,
                warehouse=warehouse,
                archive=work / "archive" / "store1",
                agent=agent,
                store=store_id,
                payroll=work / "payroll.xlsx",
                site=work / "store-site",
            ):
                run, _ = measure(command, newcomer, label)
                log(f"{label}: {run.wall_s:.1f} s, peak {run.peak_rss_mb:.0f} MB")
                plain.append(run)
        text = report(
            runs,
            group=describe(group / f"{month:%Y-%m}"),
            floor=floor,
            duck=duck,
            agreement=agreement,
            backfill=backfill,
            store=store_runs,
            month=month,
            repeats=args.repeats,
            site=site,
            plain=plain,
            archive=archive,
            thousand=thousand,
            load=(load_before, load_average()),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    failed = [r.label for r in [*runs, *store_runs, *plain] if r.exit_code]
    if failed:
        text += f"\nFailed runs (not comparable): {', '.join(failed)}\n"
    with args.results.open("a") as fh:
        fh.write("\n" + text)
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
