"""What business-hours timeliness costs: ``.venv/bin/python -m benchmarks.timeliness``.

On a synthetic group month of consultations (3 M by default, 2,000 agents, every channel,
about 2 % still open), times the timeliness part of the agents' metrics, each the best of
``--repeats`` runs after a warm-up:

- *today*: the wall-clock ``is_timely`` expression summed per agent inside the group-by,
  as `transforms.metrics` computed it before scheme.md §9.2 (copied below verbatim);
- *wall*: `transforms.timeliness.consultation_timeliness` on the wall clock, then the
  per-agent count `transforms.metrics` makes of it;
- *business*: the same on the business-hours clock, including building the working-day
  calendar (`timeliness_calendar`);
- and the per-consultation frames alone (every column ``kpi explain`` will show).

Each is run with the default SLA (one limit for every channel) and with a per-channel
override. The target of issue 13: business <= 1.5x today. The tables, the machine and
its load average are printed and appended as a dated section to ``results.md``
(``--results`` for another file).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np
import polars as pl

from benchmarks.measuring import commit
from benchmarks.reporting import RESULTS
from schemas.contracts import CHANNELS
from schemas.scheme import Appeals, Sla
from transforms.timeliness import consultation_timeliness, timeliness_calendar

TARGET = 1.5
_US_PER_MINUTE = 60_000_000


def today_is_timely(sla: Mapping[str, tuple[float, float]]) -> pl.Expr:
    """`transforms.metrics.is_timely` as it was before business hours (the baseline)."""
    response = {c: round(m * _US_PER_MINUTE) for c, (m, _) in sla.items()}
    resolution = {c: round(h * 60 * _US_PER_MINUTE) for c, (_, h) in sla.items()}

    def within(column: str, limits: dict[str, int]) -> pl.Expr:
        limit = pl.col("channel").replace_strict(limits, return_dtype=pl.Int64)
        elapsed = (pl.col(column) - pl.col("received_at")).dt.total_microseconds()
        return (elapsed <= limit).fill_null(False)

    return within("first_response_at", response) & within("resolved_at", resolution)


def consultations(rows: int, agents: int, seed: int = 7) -> pl.DataFrame:
    """A 26th-to-25th month of consultations: received mostly in opening hours, answered
    within minutes to hours, resolved within hours to days; about 2 % still open."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2026-09-26T00:00:00", "us").astype(np.int64)
    day = rng.integers(0, 30, rows)
    of_day = rng.normal(13 * 60, 3 * 60, rows).clip(0, 24 * 60 - 1)  # minutes, around 13:00
    received = start + (day * 24 * 60 + of_day).astype(np.int64) * _US_PER_MINUTE
    received += rng.integers(0, _US_PER_MINUTE, rows)  # seconds and microseconds
    response = received + rng.exponential(10 * _US_PER_MINUTE, rows).astype(np.int64)
    resolution = received + rng.exponential(18 * 60 * _US_PER_MINUTE, rows).astype(np.int64)
    open_ = rng.random(rows) < 0.02
    return pl.DataFrame(
        {
            "consultation_id": pl.int_range(rows, eager=True).cast(pl.String),
            "agent_id": pl.Series(rng.integers(0, agents, rows)).cast(pl.String),
            "channel": pl.Series(np.array(CHANNELS)[rng.integers(0, len(CHANNELS), rows)]),
            "received_at": pl.Series(received).cast(pl.Datetime("us")),
            "first_response_at": pl.Series(response).cast(pl.Datetime("us")),
            "resolved_at": pl.Series(np.where(open_, 0, resolution)).cast(pl.Datetime("us")),
        }
    ).with_columns(pl.when(~pl.Series(open_)).then(pl.col("resolved_at")).alias("resolved_at"))


def per_agent(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The consultation part of `transforms.metrics.agent_metrics`."""
    return frame.group_by("agent_id").agg(
        pl.len().alias("consultation_count"), pl.col("is_timely").sum().alias("timely_count")
    )


def best(run: Callable[[], pl.DataFrame], repeats: int) -> tuple[float, pl.DataFrame]:
    result = run()  # warm-up (and the result, to compare)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times), result


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    cpu = next((x.split(":", 1)[1].strip() for x in lines if x.startswith("model name")), "")
    return (
        f"{cpu or platform.processor()}, {os.cpu_count()} cores (nproc "
        f"{len(os.sched_getaffinity(0))}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, polars {metadata.version('polars')}"
    )


def schemes(override: bool) -> dict[str, Sla]:
    default = {"default": {"response_minutes": 15, "resolution_hours": 24}}
    if override:
        default["phone"] = {"response_minutes": 5}
    hours = {"start": "08:30", "end": "18:00"}
    return {
        "wall": Sla.model_validate(default),
        "business": Sla.model_validate(
            {**default, "clock": "business_hours", "business_hours": hours}
        ),
    }


def measure(frame: pl.DataFrame, override: bool, repeats: int) -> list[tuple[str, float]]:
    slas = schemes(override)
    appeals = Appeals(window_working_days=5)
    lazy = frame.lazy()

    def today() -> pl.DataFrame:
        limits = slas["wall"].limits()
        return (
            lazy.group_by("agent_id")
            .agg(
                pl.len().alias("consultation_count"),
                today_is_timely(limits).sum().alias("timely_count"),
            )
            .collect()
        )

    def timed(sla: Sla) -> pl.LazyFrame:
        calendar, _ = timeliness_calendar(frame, sla=sla, appeals=appeals)
        return consultation_timeliness(lazy, sla=sla, calendar=calendar)

    t_today, counts_today = best(today, repeats)
    t_wall, counts_wall = best(lambda: per_agent(timed(slas["wall"])).collect(), repeats)
    t_business, _ = best(lambda: per_agent(timed(slas["business"])).collect(), repeats)
    t_wall_rows, _ = best(lambda: timed(slas["wall"]).collect(), repeats)
    t_business_rows, _ = best(lambda: timed(slas["business"]).collect(), repeats)
    same = counts_today.sort("agent_id").equals(counts_wall.sort("agent_id"))
    if not same:
        raise AssertionError("the wall clock's timely counts differ from today's")
    return [
        ("today: wall-clock is_timely per agent (baseline)", t_today),
        ("wall clock, per consultation then per agent", t_wall),
        ("business hours, per consultation then per agent", t_business),
        ("wall clock, per-consultation frame only", t_wall_rows),
        ("business hours, per-consultation frame only", t_business_rows),
    ]


def load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def section(
    results: list[tuple[bool, list[tuple[str, float]]]], args, loads: tuple[str, str]
) -> str:
    """The dated section of results.md: machine, data, one table per SLA, verdicts."""
    now = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    lines = [
        f"## Timeliness on the business-hours clock (issue 13), {now} · commit {commit()}",
        "",
        f"`.venv/bin/python -m benchmarks.timeliness`: {args.rows:,} synthetic consultations "
        f"of a 26th-to-25th month, {args.agents:,} agents, about 2 % open; best of "
        f"{args.repeats} after a warm-up.",
        f"Machine: {machine()}; load average (1, 5, 15 min) {loads[0]} before the runs, "
        f"{loads[1]} after (on a shared machine single figures move with it).",
    ]
    for override, rows in results:
        baseline = rows[0][1]
        label = "a per-channel override (phone)" if override else "the default SLA only"
        lines += ["", f"With {label}:", "", "| computation | seconds | x today |"]
        lines.append("| --- | ---: | ---: |")
        lines += [f"| {name} | {sec:.3f} | {sec / baseline:.2f} |" for name, sec in rows]
        ratio = rows[2][1] / baseline
        verdict = "met" if ratio <= TARGET else "NOT met"
        lines += ["", f"business / today = {ratio:.2f} (target <= {TARGET}: {verdict})"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--agents", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="the file the section is appended to"
    )
    args = parser.parse_args()
    frame = consultations(args.rows, args.agents)
    before = load_average()
    results = [(override, measure(frame, override, args.repeats)) for override in (False, True)]
    text = section(results, args, (before, load_average()))
    with args.results.open("a", encoding="utf-8") as fh:
        fh.write("\n" + text)
    print(text)


if __name__ == "__main__":
    main()
