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
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks import report_site
from benchmarks.commands import first_agent, kpi, peer, peer_agreement, plain_commands, thousand_run
from benchmarks.data import csv_bytes, describe, empty_month, generate
from benchmarks.measuring import HERE, Archive, Run, load_average, log, measure, median_run
from benchmarks.reporting import RESULTS, Measured, report
from benchmarks.servers import fresh_database, postgres, prefect_server
from transforms.months import parse_month, previous_month

# The module's docstring is --help. The modules by job: `benchmarks.data` (the months),
# `benchmarks.servers` (Prefect, PostgreSQL, stage times), `benchmarks.commands` (what is
# run), `benchmarks.measuring` (wall time, RSS, the machine) and `benchmarks.reporting`
# (the results table).
PACKAGES = ("flows", "transforms", "schemas")


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


def _parser() -> argparse.ArgumentParser:
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
    return parser


@dataclass(frozen=True)
class Bench:
    """What every run of one benchmark shares: the months, the data and the scratch folder."""

    args: argparse.Namespace
    month: date
    first: date
    data: Path
    work: Path
    base_env: dict[str, str]

    @property
    def group(self) -> Path:
        return self.data / "group"

    @property
    def store(self) -> Path:
        return self.data / "store"

    @property
    def empty(self) -> Path:
        return self.data / "empty"

    @property
    def docs(self) -> Path:
        return self.work / "docs"

    @property
    def archives(self) -> Path:
        return self.work / "archive"

    @property
    def run_month(self) -> list[str]:
        return ["run", "--month", f"{self.month:%Y-%m}"]


def _pipeline_runs(b: Bench, m: Measured, *, env: dict[str, str], api_url: str, targets) -> None:
    """The warm-up, then each database's empty and group month, the median of repeats."""
    # A first run warms the new Prefect server and the page cache; not counted.
    kpi(
        b.run_month,
        exports=b.empty,
        url=f"sqlite:///{b.work / 'warm-up'}.db",
        docs=b.docs,
        env=env,
        label="warm-up (not counted)",
        api_url=api_url,
        archive=b.archives / "warm-up",
    )
    for db, new_url in targets:
        for folder, what in ((b.empty, "empty"), (b.group, "group")):
            trials = [
                kpi(
                    b.run_month,
                    exports=folder,
                    url=new_url(f"{what}_{n}"),
                    docs=b.docs,
                    env=env,
                    label=f"{what} month · {db}",
                    api_url=api_url,
                    archive=b.archives / f"{db}-{what}_{n}",
                )
                for n in range(b.args.repeats)
            ]
            m.runs.append(median_run(trials))


def _peers(b: Bench, m: Measured) -> None:
    """The parse floor, the DuckDB peer and whether its scores equal the published ones."""
    month = b.month
    m.floor = peer("floor", b.group / f"{month:%Y-%m}")
    m.floor.label = "parse floor (polars, typed)"
    peer_csv = b.work / "peer.csv"
    m.duck = peer("duckdb", b.group / f"{month:%Y-%m}", peer_csv)
    m.duck.label = "DuckDB peer (SQL from CSV)"
    m.agreement = peer_agreement(peer_csv, f"sqlite:///{b.work / 'group_0'}.db", month)


def _archive(b: Bench, m: Measured) -> None:
    """The bytes the first SQLite group run kept for its version, and the write time, in
    process (it is a sink of the validate-export tasks)."""
    month = b.month
    log("archive write time, in process")
    cost, text = measure(
        [sys.executable, "-m", "benchmarks.archive_cost", str(b.group), f"{month:%Y-%m}"],
        {**b.base_env, "PYTHONPATH": str(HERE.parent)},
        "archive cost",
    )
    timed = json.loads(text.strip().splitlines()[-1]) if cost.exit_code == 0 else None
    from benchmarks.archive_cost import folder_bytes

    m.archive = (
        Archive(
            folder_bytes(b.archives / "SQLite-group_0" / f"{month:%Y-%m}"),
            csv_bytes(b.group / f"{month:%Y-%m}"),
            timed["without_s"],
            timed["with_s"],
        )
        if timed
        else None
    )


def _backfill_and_site(b: Bench, m: Measured, *, env: dict[str, str], api_url: str) -> None:
    """The backfill of the months, then the group month's report site from its warehouse."""
    months = b.args.backfill_months
    if months > 1:
        run = kpi(
            ["backfill", "--from", f"{b.first:%Y-%m}", "--to", f"{b.month:%Y-%m}"],
            exports=b.group,
            url=f"sqlite:///{b.work / 'backfill'}.db",
            docs=b.docs,
            env=env,
            label=f"{months}-month backfill · SQLite",
            api_url=api_url,
            archive=b.archives / "backfill",
        )
        m.runs.append(run)
        m.backfill = (run, months)
    # The month's site (feedback.md: 200 stores, 2,000 agents, no --pdf, <= 30 s),
    # from the backfill's warehouse, whose earlier months make the trends.
    site_db = b.work / ("backfill" if m.backfill else "group_0")
    log("kpi report of the group month")
    wall, peak, pages = report_site.time_report(
        f"sqlite:///{site_db}.db", b.month, b.work / "site", 1
    )
    m.site = Run(
        f"`kpi report` site of the group month, {pages:,} pages, no --pdf (SQLite)",
        wall,
        peak,
    )
    log(f"{m.site.label}: {wall:.1f} s, peak {peak:.0f} MB")


def _with_server(b: Bench, m: Measured) -> None:
    """Every row measured against a running Prefect server."""
    with prefect_server(b.work / "prefect-home") as api_url, contextlib.ExitStack() as stack:
        env = {**b.base_env, "PREFECT_API_URL": api_url}
        work = b.work
        targets = [("SQLite", lambda name: f"sqlite:///{work / name}.db")]
        if not b.args.no_postgres:
            server = stack.enter_context(postgres())
            targets.append(("PostgreSQL", lambda name: fresh_database(server, name)))
        _pipeline_runs(b, m, env=env, api_url=api_url, targets=targets)
        _peers(b, m)
        _archive(b, m)
        _backfill_and_site(b, m, env=env, api_url=api_url)
        if b.args.thousand_stores:
            m.thousand = thousand_run(
                b.data / "thousand",
                b.month,
                b.run_month,
                work=work,
                docs=b.docs,
                env=env,
                api_url=api_url,
            )
            if m.thousand:
                m.runs.append(m.thousand[0])


def _without_server(b: Bench, m: Measured) -> None:
    """The store-scale runs and the plain commands, as a newcomer runs them: no server, so
    Prefect starts its temporary one."""
    work = b.work
    newcomer = {**b.base_env, "PREFECT_HOME": str(work / "newcomer-prefect")}
    # Two months into fresh warehouses, then the second one's month again: found
    # unchanged from the files' hashes.
    runs = [
        (0, "store-scale `kpi run`, no Prefect server (first ever: Prefect creates its database)"),
        (1, "store-scale `kpi run`, no Prefect server (again)"),
        (1, "store-scale `kpi run` of a month found unchanged, no Prefect server"),
    ]
    m.store = [
        kpi(
            b.run_month,
            exports=b.store,
            url=f"sqlite:///{work / f'store{n}'}.db",
            docs=b.docs,
            env=newcomer,
            api_url=None,
            label=label,
            archive=work / "archive" / f"store{n}",
        )
        for n, label in runs
    ]
    if m.store[1].exit_code == 0:
        warehouse = f"sqlite:///{work / 'store1'}.db"
        agent, store_id = first_agent(warehouse, b.month)
        for label, command in plain_commands(
            b.month,
            exports=b.store,
            warehouse=warehouse,
            archive=work / "archive" / "store1",
            agent=agent,
            store=store_id,
            payroll=work / "payroll.xlsx",
            site=work / "store-site",
        ):
            run, _ = measure(command, newcomer, label)
            log(f"{label}: {run.wall_s:.1f} s, peak {run.peak_rss_mb:.0f} MB")
            m.plain.append(run)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)

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
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("KPI_", "PREFECT_"))}
    bench = Bench(args, month, first, data, work, base_env)
    measured = Measured(month=month, repeats=args.repeats, plain=[])
    try:
        _with_server(bench, measured)
        _without_server(bench, measured)
        measured.group = describe(group / f"{month:%Y-%m}")
        measured.load = (load_before, load_average())
        text = report(measured)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    failed = [r.label for r in [*measured.runs, *measured.store, *measured.plain] if r.exit_code]
    if failed:
        text += f"\nFailed runs (not comparable): {', '.join(failed)}\n"
    with args.results.open("a") as fh:
        fh.write("\n" + text)
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
