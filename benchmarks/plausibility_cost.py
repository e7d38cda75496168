"""What the plausibility and completeness checks cost (issue 22's target: at most 5 % of
a run), in process: ``python -m benchmarks.plausibility_cost EXPORTS_ROOT YYYY-MM
[--repeats N]``.

The checks have two parts:
- the file profiles (`transforms.plausibility.profile`): one more output of the same
  ``collect_all`` that counts, rejects and types each file's rows, so they are timed as
  the month's extract and validation with and without them (the profile replaced by an
  empty frame), alternating after an uncounted warm-up;
- the judgements on the profiles after the pass (another month's rows, unknown agents,
  agents losing rows, volumes, silences and `transforms.completeness.judge` against a
  baseline of six months, made from the month's own volumes): timed directly.

Prints one JSON line: the best seconds of each and the checks' share of the extract
and validation (a lower bound of the run: the share of a whole run is smaller). Imports
and the scheme's loading are excluded.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def _baseline(volumes, month, months: int = 6):
    """A baseline of ``months`` earlier months, each the month's own volumes."""
    import polars as pl

    from transforms.months import previous_month

    starts, start = [], month
    for _ in range(months):
        start = previous_month(start)
        starts.append(start)
    return pl.concat([volumes.with_columns(month_start=pl.lit(s)) for s in starts]).select(
        "month_start", "store_id", "source", "row_count"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.plausibility_cost")
    parser.add_argument("exports", type=Path)
    parser.add_argument("month")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)

    import polars as pl

    from flows.common.settings import DEFAULT_SCHEMES_DIR
    from flows.inputs import validate
    from flows.inputs.schemes import month_scheme
    from transforms.completeness import judge
    from transforms.months import parse_month
    from transforms.plausibility import PROFILE_SCHEMA

    month = parse_month(args.month)
    scheme_file, period = month_scheme(Path(DEFAULT_SCHEMES_DIR), month)
    scheme = scheme_file.scheme
    with_profile = validate.profile

    def no_profile(classified, export):
        return pl.LazyFrame(schema=PROFILE_SCHEMA)

    def month_pass(profiled: bool):
        validate.profile = with_profile if profiled else no_profile
        try:
            started = time.perf_counter()
            validated = validate.extract_and_validate(
                args.exports, month, scheme.data_quality, period=period
            )
            return time.perf_counter() - started, validated
        finally:
            validate.profile = with_profile

    month_pass(True)  # uncounted: the page cache and polars' first-call costs
    times: dict[str, list[float]] = {"without": [], "with": [], "judgements": []}
    for _ in range(args.repeats):
        for kind in ("without", "with"):
            seconds, validated = month_pass(kind == "with")
            times[kind].append(seconds)
        started = time.perf_counter()
        validated.another_month()
        validated.unknown_agents()
        validated.agents_losing_rows()
        volumes = validated.volumes()
        judge(
            volumes.lazy(),
            validated.silences().lazy(),
            _baseline(volumes, month).lazy(),
            validated.open_stores().lazy(),
            period,
            rules=scheme.completeness,
        ).collect()
        times["judgements"].append(time.perf_counter() - started)
    without, with_, judgements = (min(times[k]) for k in ("without", "with", "judgements"))
    checks = with_ - without + judgements
    print(
        json.dumps(
            {
                "validate_without_checks_s": without,
                "validate_with_profiles_s": with_,
                "profiles_s": with_ - without,
                "judgements_s": judgements,
                "checks_s": checks,
                "checks_share_of_validate": checks / (with_ + judgements),
                "rows_read": int(validated.inputs["rows_read"].sum()),
                "trials": times,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
