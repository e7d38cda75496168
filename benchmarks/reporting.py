"""The benchmark's results table (`python -m benchmarks`): every row measured, and each
measure against its target, as a dated section of ``results.md``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from benchmarks.measuring import HERE, STAGE_ORDER, Archive, Run, commit, machine

RESULTS = HERE / "results.md"
# Issue 21's targets (and issue 11's archive bytes, the report site's 30 s, the
# backfill's 12.5x a year, the 1,000-store month's 5.5x the group month's time).
TARGETS = {
    "e2e_vs_peer": 3.0,
    "proportional_vs_peer": 1.5,
    "peak_rss_gb": 0.8,
    "backfill_vs_month": 12.5,
    "store_run_s": 8.0,
    "unchanged_run_s": 5.0,
    "command_s": 2.0,
    "report_site_s": 30.0,
    "archive_bytes_vs_csv": 0.30,
    "archive_time_vs_run": 0.10,
    "thousand_rss_gb": 4.0,
    "thousand_vs_group": 5.5,
}


@dataclass
class Measured:
    """Everything one benchmark run measured, as `report` writes it."""

    month: date
    repeats: int
    runs: list[Run] = field(default_factory=list)
    group: tuple[int, float] = (0, 0.0)  # (rows, MB) of the group month
    floor: Run | None = None
    duck: Run | None = None
    agreement: tuple[int, int, int] | None = None
    backfill: tuple[Run, int] | None = None
    store: list[Run] = field(default_factory=list)
    site: Run | None = None
    plain: list[Run] | None = None
    archive: Archive | None = None
    thousand: tuple[Run, tuple[int, float]] | None = None
    load: tuple[str, str] | None = None


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _runs_table(m: Measured) -> list[str]:
    """The heading, the data and every run's row with its stages."""
    load, group = m.load, m.group
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
        f"Data: {m.month:%Y-%m} at group scale, {group[0]:,} rows, {group[1]:.0f} MB of CSV "
        "(`kpi generate --clean`). Each pipeline row is the median of "
        f"{m.repeats} `kpi run --no-report` processes (imports included; peak RSS the "
        "highest) against a running Prefect server, each into a fresh warehouse and "
        "archive, after one uncounted warm-up run; peers are the median of three, their "
        "imports excluded. `--no-report`: a publish also writes the month's report site, "
        "which the DuckDB peer does not; the site has its own row (`kpi report`).",
        "",
        "| run | wall s | " + " | ".join(STAGE_ORDER) + " | rest of flow | outside flow "
        "(imports, start-up, exit) | peak RSS MB |",
        "| --- | ---: | " + " | ".join("---:" for _ in STAGE_ORDER) + " | ---: | ---: | ---: |",
    ]
    for run in m.runs:
        staged = sum(run.stages.values())
        rest = None if run.flow_s is None else run.flow_s - staged
        lines.append(
            f"| {run.label} | {run.wall_s:.2f} | "
            + " | ".join(_seconds(run.stages.get(s)) for s in STAGE_ORDER)
            + f" | {_seconds(rest)} | {_seconds(run.outside_flow_s)} | "
            f"{run.peak_rss_mb:.0f} |"
        )
    blank = " | ".join("" for _ in STAGE_ORDER)
    for other in (m.floor, m.duck):
        lines.append(
            f"| {other.label} | {other.wall_s:.2f} | {blank} | | | {other.peak_rss_mb:.0f} |"
        )
    return lines


# target(name, value, limit, unit="", detail=""): one row of the measures' table.
Target = Callable[..., None]


def _pipeline_targets(m: Measured, lines: list[str], target: Target) -> None:
    """Each database's run against the peer, the parse floor and its RSS; the backfill."""
    by_label = {r.label: r for r in m.runs}
    duck, floor = m.duck, m.floor
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
    if m.backfill:
        run, months = m.backfill
        one = by_label["group month · SQLite"].wall_s
        target(
            f"{months}-month backfill ÷ one month (SQLite)",
            run.wall_s / one,
            TARGETS["backfill_vs_month"] * months / 12,
            "×",
        )


def _scale_targets(m: Measured, lines: list[str], target: Target) -> None:
    """The 1,000-store month and the archive, against the group month's SQLite run."""
    one_group = {r.label: r for r in m.runs}.get("group month · SQLite")
    if m.thousand and one_group:
        run, (rows, mb) = m.thousand
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
    archive = m.archive
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


def _command_targets(m: Measured, lines: list[str], target: Target) -> None:
    """The store-scale runs, the plain commands, the site and the peer's agreement."""
    for run in m.store:
        limit = TARGETS["unchanged_run_s" if "unchanged" in run.label else "store_run_s"]
        target(f"{run.label}", run.wall_s, limit, " s", f" (peak RSS {run.peak_rss_mb:.0f} MB)")
    for run in m.plain or []:
        target(
            f"{run.label}, store month, no Prefect server",
            run.wall_s,
            TARGETS["command_s"],
            " s",
            f" (peak RSS {run.peak_rss_mb:.0f} MB)",
        )
    if m.site:
        target(m.site.label, m.site.wall_s, TARGETS["report_site_s"], " s")
    if m.agreement:
        same, agents, late = m.agreement
        lines.append(
            f"| DuckDB peer's score, tier and bonus equal ours | {same} of {agents} "
            f"agents; {late} of the {agents - same} others have an appeal judged late "
            "(the peer does not check deadlines) | all but those | "
            f"{'yes' if same + late == agents else '**no**'} |"
        )


def report(m: Measured) -> str:
    """The dated section of ``results.md``: the runs' table, then each measure against its
    target."""
    lines = _runs_table(m)
    lines += ["", "| measure | value | target | met |", "| --- | ---: | ---: | :---: |"]

    def target(name: str, value: float, limit: float, unit: str = "", detail: str = "") -> None:
        lines.append(
            f"| {name} | {value:.2f}{unit}{detail} | ≤ {limit:g}{unit} | "
            f"{'yes' if value <= limit else '**no**'} |"
        )

    _pipeline_targets(m, lines, target)
    _scale_targets(m, lines, target)
    _command_targets(m, lines, target)
    return "\n".join(lines) + "\n"
