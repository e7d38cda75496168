"""Who works how: each store's agent profiles and the roster's timeline over the months
(hires, leavers, transfers), with the names the CRM shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from flows.generator.options import TURNOVER_PER_MONTH, GeneratorOptions, _days, _period
from transforms.periods import Period


@dataclass(frozen=True)
class Profile:
    """How an agent works, month after month: the department's story comes from these."""

    satisfaction: float  # the ratings, from _POOR_RATINGS (0) to _GREAT_RATINGS (1) and past it
    complaints: float  # complaints a month, as a multiple of PER_AGENT["complaints"]
    response_minutes: float  # median minutes to a consultation's first response
    resolution_hours: float  # median hours from the first response to resolution
    open_share: float  # consultations still open when the month is exported
    referral_share: float = 0.15  # purchases that came on a customer's referral


# With the default scheme a month's scores land about here: strong ~85 (B), steady ~80
# (B/C), average ~75 (C), weak ~60 (D, or E with a warning), struggling ~45 (E, a
# warning every month, so a demotion review from the second month, and a complaint
# review). Complaints barely move a score (the scheme's worst rate is 5 % of the
# customers received), satisfaction and timeliness do.
PROFILES = {
    # Near-perfect service and customers who send their friends: tier A (~93) every
    # month, so an outstanding performer (scheme.md §9.4) from the third month.
    "outstanding": Profile(1.5, 0.1, 1.0, 2.0, 0.003, referral_share=0.9),
    "strong": Profile(0.97, 0.3, 1.5, 3.0, 0.010),
    "steady": Profile(0.92, 0.5, 2.5, 4.0, 0.015),
    "average": Profile(0.78, 0.5, 3.0, 5.0, 0.025),
    "weak": Profile(0.45, 1.5, 5.0, 6.0, 0.035),
    "struggling": Profile(0.10, 4.5, 11.0, 8.0, 0.060),
}
# A replacement is still learning, whatever the position's past; in a spotless team the
# team brings a new hire up to its level at once (else one leaving can cost the team
# its reward: the default scheme's 90 % satisfaction leaves little room).
NEW_HIRE = {False: "average", True: "steady"}


def _store_profiles(rng, positions: int, has_teams: bool) -> tuple[list[str], int | None]:
    """Each position's profile, and the position parity (team) whose complaints are all
    found groundless, for a store with teams (else None).

    A store's mix, best first: a fifth strong (the first of them outstanding in a store
    of five or more), then steady and average halves, a tenth weak, one struggling agent
    (a tenth in large stores; none below four positions).
    In a store with teams, one team (a seeded choice) gets the best profiles and keeps a
    clean complaint record, so it can earn the team reward (the default scheme asks
    for no valid complaint at all); the other team gets the rest. Positions within a
    team, and within a store without teams, are shuffled.
    """
    struggling = max(positions // 10, 1 if positions >= 4 else 0)
    weak = positions // 10
    strong = round(positions * 0.2)
    rest = positions - struggling - weak - strong
    # The best position of a store of five or more is outstanding instead of strong.
    outstanding = 1 if positions >= 5 and strong else 0
    ranked = (
        ["outstanding"] * outstanding
        + ["strong"] * (strong - outstanding)
        + ["steady"] * (rest - rest // 2)
        + ["average"] * (rest // 2)
        + ["weak"] * weak
        + ["struggling"] * struggling
    )
    if not has_teams:
        return [ranked[i] for i in rng.permutation(positions)], None
    spotless = int(rng.integers(2))
    best = [p for p in range(positions) if p % 2 == spotless]
    rest_of_store = [p for p in range(positions) if p % 2 != spotless]
    profiles = [""] * positions
    for team, chosen in ((best, ranked[: len(best)]), (rest_of_store, ranked[len(best) :])):
        for position, profile in zip(rng.permutation(team), chosen, strict=True):
            profiles[int(position)] = profile
    return profiles, spotless


def build_roster(options: GeneratorOptions, months: list[date]) -> pl.DataFrame:
    """Every agent of the range: one row per agent_id with hired_on / left_on.

    Each store has ``agents_per_store`` positions; every month a position's agent may
    leave on some day of the month's period and be replaced the next day by a new hire.
    Two more columns, never written, say how each agent works: ``profile`` (a key of
    PROFILES) and ``spotless`` (the agent's team has no valid complaint).
    """
    periods = [_period(m, options.period_end_day) for m in months]
    start = periods[0].start_on  # the range's first day: its first month's, or that period's
    rng = np.random.default_rng([options.seed, 1])
    # A stream of its own, so the roster's names and dates stay those of the seed.
    profile_rng = np.random.default_rng([options.seed, 3])
    rows: list[dict] = []
    for store in range(1, options.stores + 1):
        has_teams = store % 3 != 0  # every third store is one team (null team_id)
        profiles, spotless = _store_profiles(profile_rng, options.agents_per_store, has_teams)

        def hire(
            position: int,
            hired_on: date | None,
            profile: str | None = None,
            store=store,
            has_teams=has_teams,
            spotless=spotless,
        ) -> dict:
            row = {
                "agent_id": f"{store:03d}{len(rows) + 1:04d}",
                "agent_name": _name(rng),
                "store_id": f"S{store:03d}",
                "team_id": (f"T{position % 2 + 1}" if has_teams else None),
                "hired_on": hired_on,
                "left_on": None,
                "profile": profile or NEW_HIRE[position % 2 == spotless],
                "spotless": position % 2 == spotless,
            }
            rows.append(row)
            return row

        gone = hire(0, start - timedelta(days=900))
        gone["left_on"] = start - timedelta(days=40)
        for position in range(options.agents_per_store):
            hired_on = (
                None
                if rng.random() < 0.2
                else (start - timedelta(days=int(rng.integers(30, 2000))))
            )
            current = hire(position, hired_on, profiles[position])
            for period in periods:
                if rng.random() < TURNOVER_PER_MONTH:
                    # Any day but the period's last, so the replacement starts inside it.
                    offset = int(rng.integers(1, _days(period))) - 1
                    left = period.start_on + timedelta(days=offset)
                    current["left_on"] = left
                    current = hire(position, left + timedelta(days=1))
    return pl.DataFrame(
        rows,
        schema={
            "agent_id": pl.String,
            "agent_name": pl.String,
            "store_id": pl.String,
            "team_id": pl.String,
            "hired_on": pl.Date,
            "left_on": pl.Date,
            "profile": pl.String,
            "spotless": pl.Boolean,
        },
    )


_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
_GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚")


def _name(rng: np.random.Generator) -> str:
    return str(rng.choice(_SURNAMES)) + "".join(rng.choice(_GIVEN, size=int(rng.integers(1, 3))))


def _active_windows(roster: pl.DataFrame, period: Period) -> pl.DataFrame:
    """Active agents of the period with the first and last day they can have records."""
    first, last = period.start_on, period.end_on
    return roster.filter(
        (pl.col("hired_on").is_null() | (pl.col("hired_on") <= last))
        & (pl.col("left_on").is_null() | (pl.col("left_on") >= first))
    ).with_columns(
        pl.max_horizontal(pl.col("hired_on").fill_null(first), pl.lit(first)).alias("from_day"),
        pl.min_horizontal(pl.col("left_on").fill_null(last), pl.lit(last)).alias("to_day"),
    )
