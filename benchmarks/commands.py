"""What the benchmark runs (`python -m benchmarks`): ``kpi`` commands with their stage
times, the plain commands of a published month, the peers and their agreement with the
published scores, and the 1,000-store month."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
from datetime import date
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from benchmarks.data import THOUSAND_BYTES, describe, generate
from benchmarks.measuring import BIN, HERE, Run, log, measure
from benchmarks.servers import stage_times


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
