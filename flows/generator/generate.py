"""`kpi generate`: realistic, seeded, reproducible synthetic exports.

Volumes per active agent and month (a group of 200 stores x 10 agents gives about
5 M rows a month): receptions ~750, surveys ~150, complaints ~2 (from ~0.6 for a strong
agent to ~9 for a struggling one), purchases ~30, consultations ~1,500; appeals a few
per store.

The department tells a story (`kpi demo` prints it): each agent has a profile
(PROFILES) that sets their ratings, complaints and response times month after month.
A store of ten has two strong agents, three steady, three average, one weak and one
struggling: under the default scheme most land in tiers B-C, the weak one around the
warning line, the struggling one warned every month (so on demotion review from the
second month) and on complaint review. In a store with teams, one team holds the best
agents and its complaints are all found groundless on investigation, so it earns the
team reward. Each month's first appeal applies; the rest end every other way.

Realism: ratings skewed to satisfied; a few complaints, some found invalid; first,
additional and replacement purchases, some on referral; consultations on every channel,
response and resolution mostly inside the default SLA with a tail outside, some still
open; customers received more than once; agents leaving and replaced during the range
(plus one agent per store who left before it, so the roster always has inactive rows).

Periods: by default a month's records fall in its calendar month; with
``period_end_day`` D (scheme.md §9.1) in the period from day D+1 of the month before
to day D, with the same random draws, so only the dates differ.

Unless ``clean``: files vary between CSV in UTF-8, UTF-8 with BOM and GB18030, and
.xlsx (small files only, with native date cells); English, Simplified or Traditional
headers; Chinese labels; ``-`` or ``/`` timestamps with or without leading zeros; a
title line above some headers (in the headers' script); and about 1 % of each file's
rows made bad, cycling through every rejection reason of `exports.md`, plus exact
duplicates and rows just outside the period. Rejected rows stay under 1.5 % of every
file (the default reject threshold is 2 %), and the roster stays valid. ``clean``: plain
UTF-8 CSV, English headers, canonical values, no bad, duplicate or out-of-period rows.
Either way a month passes the plausibility rules (exports.md "Plausibility", scheme.md
§9.3): its bad rows never add up to a wrong file (an unknown agent is a typo of the
row's own agent, a few rows each; a conflicting copy names another customer, not a
store that does not exist).

Mistakes (``mistakes``, `flows.generator.mistakes`): the mistakes real exports carry, written into
the range's LAST month only, so the months before it are an ordinary baseline. Each
lands in a file of its own where it can; where two meet in one file they compose. A
mistake's file keeps the style drawn for it (headers, timestamps, title line) and is
forced to another format only where the mistake needs one. Every other file of the
month is byte-identical to the same generation without mistakes.
- split-export: receptions.EXT holds the first half of the period (the day
  ``start + (end - start) // 2`` included), receptions_2.EXT the rest, each with its
  header: two exports of a CRM that caps an export's date range.
- wrong-month: surveys.EXT of the month before copied byte for byte over this month's
  (needs the month before in the range).
- hidden-sheet: purchases.xlsx whose hidden first sheet ``YYYY年M月`` is the month
  before's purchases file as it was written, and whose visible second sheet holds this
  month's: a clerk's workbook reused (needs the month before in the range).
- mangled-ids: complaints.csv as Excel saves it (GB18030 if it was a spreadsheet): the
  customers numbered with eleven digits, shown to three significant digits
  (``1.41E+10``), the digits lost.
- missing-hire: the newest hire with more than 20 rows in the record files (else the
  agent with the most) left out of the roster, rows and all.
- truncated-store: one store's receptions (a seeded choice) end on the period's 10th
  day.
- footer-rows: consultations ends with a total row (``合计`` / ``合計`` in the script
  of its headers, then the row count); purchases.xlsx ends with one and a ``制表`` line
  (Simplified: exports.md lists no Traditional ``製表``).
- merged-cells: agents.xlsx sorted by store and team, the store_id and team_id cells
  of each run of two or more rows merged (a team's runs within its store).

Writing: memory stays bounded (each month is written file by file in chunks of
stores; only a spreadsheet, small by choice or a mistake's purchases or roster, is held
whole); a month lands whole or not at all (written beside its folder, then renamed);
an existing month is never replaced unless asked to (``overwrite``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from flows.common.errors import KpiError, UsageError
from flows.generator.mistakes import MISTAKES
from schemas.contracts import APPEALS, EXPORTS_BY_NAME, RECORD_EXPORTS, Export, Kind
from transforms.months import last_day as _month_end
from transforms.months import months_between, previous_month
from transforms.periods import Period, month_period

ID_PREFIXES = {
    "receptions": "RC",
    "surveys": "SV",
    "complaints": "CP",
    "purchases": "OD",
    "consultations": "CS",
}
PER_AGENT = {
    "receptions": 750,
    "surveys": 150,
    "complaints": 2,  # on average: each agent's profile scales it (see PROFILES)
    "purchases": 30,
    "consultations": 1500,
}
STORES_PER_CHUNK = 20
XLSX_MAX_ROWS = 5000
BAD_SHARE = 0.01
TURNOVER_PER_MONTH = 0.03
_RECORD_KINDS = (
    "missing_value",
    "invalid_value",
    "duplicate_conflict",
    "time_order",
    "unknown_agent",
    "agent_not_active",
    "exact_duplicate",
    "out_of_period",
)
_INVALID_TEXT = {
    Kind.TIMESTAMP: "2026-13-45 25:61",
    Kind.DATE: "31/02/2026",
    Kind.RATING: "很好",
    Kind.BOOLEAN: "maybe",
    Kind.CHANNEL: "fax",
    Kind.PURCHASE_TYPE: "lease",
}
_LABELS = {
    "hans": {
        Kind.RATING: {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"},
        Kind.CHANNEL: {
            "phone": "电话",
            "wechat": "微信",
            "online": "在线",
            "walk_in": "到店",
            "other": "其他",
        },
        Kind.PURCHASE_TYPE: {"first": "首购", "additional": "增购", "replacement": "换购"},
        Kind.BOOLEAN: {True: "有效", False: "无效"},
    },
    "hant": {
        Kind.RATING: {1: "非常不滿意", 2: "不滿意", 3: "一般", 4: "滿意", 5: "非常滿意"},
        Kind.CHANNEL: {
            "phone": "電話",
            "wechat": "微信",
            "online": "在線",
            "walk_in": "到店",
            "other": "其他",
        },
        Kind.PURCHASE_TYPE: {"first": "首購", "additional": "增購", "replacement": "換購"},
        Kind.BOOLEAN: {True: "是", False: "否"},
    },
}
# The title line above some headers, in the script of the file's headers (English
# headers come from the same Simplified-Chinese systems, so their title is Simplified).
_TITLES = {
    "hans": {
        "receptions": "接待记录",
        "surveys": "满意度调查",
        "complaints": "投诉记录",
        "purchases": "购车记录",
        "consultations": "咨询记录",
        "agents": "客服人员名册",
    },
    "hant": {
        "receptions": "接待記錄",
        "surveys": "滿意度調查",
        "complaints": "投訴記錄",
        "purchases": "購車記錄",
        "consultations": "咨詢記錄",
        "agents": "客服人員名冊",
    },
}
_TITLES["en"] = _TITLES["hans"]


class GenerateError(KpiError):
    """A month folder that exists already, or a month that could not be written."""

    exit_code = 3


@dataclass(frozen=True)
class GeneratorOptions:
    """What to generate; refused at construction when a size makes no department."""

    stores: int = 1
    agents_per_store: int = 10
    seed: int = 2026
    clean: bool = False
    period_end_day: int | None = None  # None: calendar months; D: periods ending on day D
    mistakes: tuple[str, ...] = ()  # kinds of MISTAKES written into the range's last month

    def __post_init__(self) -> None:
        if isinstance(self.mistakes, str) or any(m not in MISTAKES for m in self.mistakes):
            raise ValueError(
                f"unknown mistake in {self.mistakes!r}: the kinds are {', '.join(MISTAKES)}"
            )
        # One order whatever the caller's: the same mistakes write the same bytes.
        object.__setattr__(self, "mistakes", tuple(m for m in MISTAKES if m in self.mistakes))
        # Checked here, not only in the CLI: a store without agents used to crash half-way
        # through a month, and numpy refuses negative seeds with a traceback.
        bounds = [("stores", 1, None), ("agents_per_store", 1, None), ("seed", 0, None)]
        if self.period_end_day is not None:
            bounds.append(("period_end_day", 1, 28))  # scheme.md §9.1: every month has a 28th
        for name, low, high in bounds:
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value < low
                or (high is not None and value > high)
            ):
                span = f"of at least {low}" if high is None else f"from {low} to {high}"
                raise ValueError(f"{name} must be a whole number {span}, got {value!r}")


def _period(month: date, end_day: int | None) -> Period:
    """Month M's period when every month's scheme ends its periods on ``end_day`` (None:
    the calendar month), as the pipeline computes it."""
    return month_period(month, end_day, end_day)


def _days(period: Period) -> int:
    return (period.end_on - period.start_on).days + 1


@dataclass(frozen=True)
class FileStyle:
    """How one file of one month is written."""

    suffix: str  # .csv or .xlsx
    encoding: str  # utf-8, utf-8-sig, gb18030 (CSV only)
    headers: str  # en, hans, hant
    slashes: bool  # 2026/9/1 9:05 instead of 2026-09-01 09:05:00
    title: bool  # a title line above the header


# ---------------------------------------------------------------- who works how


@dataclass(frozen=True)
class Profile:
    """How an agent works, month after month: the department's story comes from these."""

    satisfaction: float  # 0..1: the ratings, from _POOR_RATINGS (0) to _GREAT_RATINGS (1)
    complaints: float  # complaints a month, as a multiple of PER_AGENT["complaints"]
    response_minutes: float  # median minutes to a consultation's first response
    resolution_hours: float  # median hours from the first response to resolution
    open_share: float  # consultations still open when the month is exported


# With the default scheme a month's scores land about here: strong ~85 (B), steady ~80
# (B/C), average ~75 (C), weak ~60 (D, or E with a warning), struggling ~45 (E, a
# warning every month, so a demotion review from the second month, and a complaint
# review). Complaints barely move a score (the scheme's worst rate is 5 % of the
# customers received), satisfaction and timeliness do.
PROFILES = {
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

    A store's mix, best first: a fifth strong, then steady and average halves, a tenth
    weak, one struggling agent (a tenth in large stores; none below four positions).
    In a store with teams, one team (a seeded choice) gets the best profiles and keeps a
    clean complaint record, so it can earn the team reward (the default scheme asks
    for no valid complaint at all); the other team gets the rest. Positions within a
    team, and within a store without teams, are shuffled.
    """
    struggling = max(positions // 10, 1 if positions >= 4 else 0)
    weak = positions // 10
    strong = round(positions * 0.2)
    rest = positions - struggling - weak - strong
    ranked = (
        ["strong"] * strong
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


# ---------------------------------------------------------------- roster timeline


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


# ---------------------------------------------------------------- record frames


def _timestamps(rng, n: int, agents: pl.DataFrame, idx: np.ndarray) -> np.ndarray:
    """Business-hours datetimes inside each chosen agent's active days of the month."""
    start = agents["from_day"].to_numpy().astype("datetime64[D]")[idx]
    span = (agents["to_day"].to_numpy().astype("datetime64[D]")[idx] - start).astype(int) + 1
    day = start + (rng.random(n) * span).astype(int).astype("timedelta64[D]")
    seconds = rng.integers(8 * 3600, 20 * 3600, n).astype("timedelta64[s]")
    return (day.astype("datetime64[s]") + seconds).astype("datetime64[us]")


_POOR_RATINGS = np.array([0.06, 0.10, 0.24, 0.35, 0.25])
_GREAT_RATINGS = np.array([0.00, 0.01, 0.03, 0.21, 0.75])


def _profile_values(agents: pl.DataFrame, field: str) -> np.ndarray:
    """One Profile field per agent of the frame."""
    values = {name: getattr(profile, field) for name, profile in PROFILES.items()}
    return agents["profile"].replace_strict(values, return_dtype=pl.Float64).to_numpy()


def _records(name: str, rng, agents: pl.DataFrame, month_start: date, chunk: int) -> pl.DataFrame:
    """Typed, valid records of one export for one chunk of stores, each agent's as its
    profile makes them."""
    mean = PER_AGENT[name] * (
        _profile_values(agents, "complaints") if name == "complaints" else np.ones(agents.height)
    )
    per_agent = rng.poisson(mean)
    idx = np.repeat(np.arange(agents.height), per_agent)
    n = int(idx.size)
    agent_ids = agents["agent_id"].to_numpy()[idx]
    store_ids = agents["store_id"].to_numpy()[idx]
    # Customers of a store: a pool of ~400 per agent, so customers come back.
    pool = max(1, 400 * int(agents.height))
    customers = np.char.add(
        np.char.add(np.char.add("CU", store_ids.astype(str)), "-"),
        rng.integers(0, pool, n).astype(str),
    )
    ids = np.char.add(
        f"{ID_PREFIXES[name]}{month_start:%Y%m}{chunk:03d}",
        np.char.mod("%07d", np.arange(n)),  # zfill fails on an empty month (no complaint)
    )
    when = _timestamps(rng, n, agents, idx)
    base = {
        EXPORTS_BY_NAME[name].id_column: ids,
        "store_id": store_ids,
        "agent_id": agent_ids,
        "customer_id": customers,
    }
    if name == "receptions":
        return pl.DataFrame({**base, "received_at": when})
    if name == "surveys":
        s = _profile_values(agents, "satisfaction")[idx][:, None]
        cumulative = ((1 - s) * _POOR_RATINGS + s * _GREAT_RATINGS).cumsum(axis=1)
        rating = 1 + (rng.random(n)[:, None] > cumulative[:, :-1]).sum(axis=1)
        return pl.DataFrame({**base, "surveyed_at": when, "rating": rating})
    if name == "complaints":
        validity = rng.choice([0, 1, 2], n, p=[0.75, 0.15, 0.10])  # null, true, false
        # A spotless team's complaints were all found groundless on investigation.
        validity[agents["spotless"].to_numpy()[idx]] = 2
        return pl.DataFrame(
            {
                **base,
                "complained_at": when,
                "category": pl.Series(
                    rng.choice(["服务态度", "维修质量", "等待时间", "价格"], n)
                ).set(pl.Series(rng.random(n) < 0.2), None),
                "is_valid": pl.Series([None, True, False], dtype=pl.Boolean).gather(validity),
            }
        )
    if name == "purchases":
        referred = rng.random(n) < 0.15
        referrer = pl.Series(np.char.add(customers, "R")).set(pl.Series(~referred), None)
        return pl.DataFrame(
            {
                **base,
                "purchased_at": when.astype("datetime64[D]"),
                "purchase_type": rng.choice(
                    ["first", "additional", "replacement"], n, p=[0.65, 0.15, 0.20]
                ),
                "referrer_customer_id": referrer,
            }
        ).with_columns(pl.col("purchased_at").cast(pl.Date))
    # consultations: response mostly within 15 min, resolution mostly within 24 h
    response_median = np.log(_profile_values(agents, "response_minutes"))[idx]
    resolution_median = np.log(_profile_values(agents, "resolution_hours"))[idx]
    response = np.round(rng.lognormal(response_median, 0.8) * 60e6).astype("timedelta64[us]")
    resolution = np.round(rng.lognormal(resolution_median, 0.8) * 3600e6).astype("timedelta64[us]")
    open_ = rng.random(n) < _profile_values(agents, "open_share")[idx]
    unanswered = rng.random(n) < 0.01
    return pl.DataFrame(
        {
            "consultation_id": ids,
            "store_id": store_ids,
            "agent_id": agent_ids,
            "customer_id": pl.Series(customers).set(pl.Series(rng.random(n) < 0.1), None),
            "channel": rng.choice(
                ["phone", "wechat", "online", "walk_in", "other"],
                n,
                p=[0.45, 0.25, 0.15, 0.10, 0.05],
            ),
            "received_at": when,
            "first_response_at": pl.Series(when + response).set(pl.Series(unanswered), None),
            "resolved_at": pl.Series(when + response + resolution).set(pl.Series(open_), None),
        }
    )


# ---------------------------------------------------------------- rendering as text


def _render(frame: pl.DataFrame, export: Export, style: FileStyle, clean: bool) -> pl.DataFrame:
    """Every column as the text an export system would write."""
    labels = _LABELS.get(style.headers) if not clean else None
    exprs = []
    for column in export.columns:
        col = pl.col(column.name)
        if column.kind is Kind.TIMESTAMP:
            fmt = "%Y/%-m/%-d %-H:%M" if style.slashes else "%Y-%m-%d %H:%M:%S"
            text = col.dt.strftime(fmt)
        elif column.kind is Kind.DATE:
            text = col.dt.strftime("%Y/%-m/%-d" if style.slashes else "%Y-%m-%d")
        elif labels and column.kind in labels:
            mapping = {
                str(k).lower() if isinstance(k, bool) else k: v
                for k, v in labels[column.kind].items()
            }
            source = col.cast(pl.String).str.to_lowercase() if column.kind is Kind.BOOLEAN else col
            text = source.replace_strict(mapping, default=None, return_dtype=pl.String)
        elif column.kind is Kind.BOOLEAN:
            text = pl.when(col).then(pl.lit("Y")).when(~col).then(pl.lit("N"))
        else:
            text = col.cast(pl.String)
        exprs.append(text.alias(column.name))
    return frame.select(exprs)


def _spoil(
    text: pl.DataFrame,
    export: Export,
    rng,
    month: date,
    period: Period,
    inactive_ids: list[str],
    roster_ids: frozenset[str],
) -> tuple[pl.DataFrame, pl.Series]:
    """Make about 1 % of the rows bad, cycling through every kind that fits the file;
    returns the rows and the ids of the rows it touched (none for an appeal to name).

    Rejected rows (a conflict rejects both copies) stay under 1.5 % of the rows read.
    Plausible all the same (exports.md "Plausibility"): an unknown agent is a typo of the
    row's own agent, a few rows each, never one ID with 20 rows that reads as a new hire
    missing from the roster; a conflicting copy names another customer, never a store
    that does not exist (whose receptions would fall silent for most of the month).
    """
    n = text.height
    budget = int(n * BAD_SHARE)
    kinds = [
        k
        for k in _RECORD_KINDS
        if (k != "time_order" or export.time_order) and (k != "agent_not_active" or inactive_ids)
    ]
    if budget == 0:
        return text, text[export.id_column].clear()
    picks = np.sort(rng.choice(n, size=min(budget, n), replace=False))
    indexed = text.with_row_index("_i")
    is_picked = pl.col("_i").is_in(pl.Series(picks, dtype=pl.UInt32).implode())
    rows = indexed.filter(is_picked).to_dicts()  # only the ~1 % that get spoiled
    extra: list[dict] = []
    typed = [c for c in export.columns if c.kind in _INVALID_TEXT]
    required = [c for c in export.columns if c.required and c.name != export.id_column]
    # Out-of-period rows sit just outside the period: the evening before it (day D of the
    # month before) and, with a period that ends before the month does, the early morning
    # after it (day D+1), the two places where a run that misreads the period goes wrong.
    outside = [(period.start_on - timedelta(days=1), "23:30:00")]
    if period.end_on != _month_end(month):
        outside.append((period.end_on + timedelta(days=1), "00:30:00"))
    start = period.start_on
    for i, row in enumerate(rows):
        kind = kinds[i % len(kinds)]
        if kind == "missing_value":
            row[required[i % len(required)].name] = ""
        elif kind == "invalid_value" and typed:
            column = typed[i % len(typed)]
            row[column.name] = _INVALID_TEXT[column.kind]
        elif kind == "duplicate_conflict":
            twin = dict(row)
            twin["customer_id"] = _another_customer(row["customer_id"], row["store_id"])
            extra.append(twin)
        elif kind == "time_order":
            row["first_response_at"] = f"{start:%Y-%m-%d} 00:00:00"
            row[export.event_column] = f"{start:%Y-%m-%d} 08:00:00"
        elif kind == "unknown_agent":
            row["agent_id"] = _typo(row["agent_id"], roster_ids)
        elif kind == "agent_not_active":
            row["agent_id"] = inactive_ids[i % len(inactive_ids)]
        elif kind == "exact_duplicate":
            extra.append(dict(row))
        elif kind == "out_of_period":
            day, time = outside[(i // len(kinds)) % len(outside)]
            is_date = export.column(export.event_column).kind is Kind.DATE
            row[export.event_column] = f"{day:%Y-%m-%d}" if is_date else f"{day:%Y-%m-%d} {time}"
    spoiled = pl.DataFrame(rows + extra, schema=indexed.schema)
    touched = indexed.filter(is_picked)[export.id_column]
    return pl.concat([indexed.filter(~is_picked), spoiled]).sort("_i").drop("_i"), touched


def _another_customer(customer: str | None, store: str | None) -> str:
    """The customer a conflicting copy of a record names instead: the next of the store's
    customers (a clerk's correction), or one where the caller was anonymous."""
    prefix, _, number = (customer or "").rpartition("-")
    if prefix and number.isdigit():
        return f"{prefix}-{int(number) + 1}"
    return f"CU{store or ''}-0"


def _typo(agent_id: str, roster_ids: frozenset[str]) -> str:
    """The agent's ID as a hand typed it: its first digit lost (``0010003`` as ``010003``),
    else its last one, else the last doubled, whichever is no agent of the roster."""
    for typo in (agent_id[1:], agent_id[:-1], agent_id + agent_id[-1:]):
        if typo and typo not in roster_ids:
            return typo
    return "99999"


# ---------------------------------------------------------------- writing files


def _header_names(export: Export, style: FileStyle) -> list[str]:
    if style.headers == "en" or export is APPEALS:
        return list(export.column_names)
    return [getattr(c, style.headers) or c.name for c in export.columns]


@dataclass
class _Sheet:
    """A spreadsheet's sheet as a clerk leaves it: data below an optional title line and
    the header, footer lines below the data, some columns' runs of equal values merged."""

    name: str | None  # None: the spreadsheet program's default (Sheet1)
    headers: list[str]
    title: str | None
    parts: list[pl.DataFrame]
    kinds: list[Kind]
    hidden: bool = False
    # Each merged column with the columns its runs stay within (a team within its store).
    merged: tuple[tuple[str, tuple[str, ...]], ...] = ()
    footer: list[list] = field(default_factory=list)


class _Writer:
    """Appends text frames to one export file (CSV streams; xlsx is written at close).

    ``keep``: the frames are kept (a spreadsheet's always are) for a sheet of another
    file. Set before close: ``footer``, lines below the data; for a spreadsheet also
    ``sheet_name``, ``hidden`` (a hidden sheet before the data's) and ``merged``.
    """

    def __init__(self, path: Path, export: Export, style: FileStyle, month_start: date, keep=False):
        self.path, self.export, self.style = path, export, style
        self.headers = _header_names(export, style)
        titles = _TITLES[style.headers]
        self.title = f"{month_start.year}年{month_start.month}月{titles.get(export.name, '')}"
        self.rows = 0
        self.parts: list[pl.DataFrame] = []
        self._keep = keep or style.suffix == ".xlsx"
        self.footer: list[list] = []
        self.sheet_name: str | None = None
        self.hidden: _Sheet | None = None
        self.merged: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if style.suffix == ".csv":
            self._fh = path.open("wb")
            if style.encoding == "utf-8-sig":
                self._fh.write(b"\xef\xbb\xbf")
            if style.title:
                self._write_text(self.title + "\n")
            self._write_text(",".join(self.headers) + "\n")

    def _write_text(self, text: str) -> None:
        self._fh.write(text.encode("gb18030" if self.style.encoding == "gb18030" else "utf-8"))

    def append(self, frame: pl.DataFrame) -> None:
        self.rows += frame.height
        if self._keep:
            self.parts.append(frame)
        if self.style.suffix == ".xlsx":
            return
        if self.style.encoding == "gb18030":
            self._write_text(frame.write_csv(include_header=False))
        else:
            frame.write_csv(self._fh, include_header=False)

    def sheet(self) -> _Sheet:
        """The file's data as a sheet of a spreadsheet."""
        return _Sheet(
            self.sheet_name,
            self.headers,
            self.title if self.style.title else None,
            self.parts,
            [c.kind for c in self.export.columns],
            merged=self.merged,
            footer=self.footer,
        )

    @property
    def paths(self) -> list[Path]:
        return [self.path]

    def close(self) -> None:
        if self.style.suffix == ".csv":
            for line in self.footer:  # padded to the header's width, as the system writes
                cells = [str(c) for c in line] + [""] * (len(self.headers) - len(line))
                self._write_text(",".join(cells) + "\n")
            self._fh.close()
            return
        _write_workbook(self.path, [self.hidden, self.sheet()] if self.hidden else [self.sheet()])


def _write_workbook(path: Path, sheets: list[_Sheet]) -> None:
    workbook = xlsxwriter.Workbook(str(path))
    # A fixed creation time (it also dates the zip entries): same seed, same bytes.
    workbook.set_properties({"created": datetime(2020, 1, 1)})
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    # Only where cells are merged: a format more would change every other workbook's bytes.
    centred = workbook.add_format({"valign": "vcenter"}) if any(s.merged for s in sheets) else None
    for spec in sheets:
        sheet = workbook.add_worksheet(spec.name)
        if spec.hidden:
            sheet.hide()
        elif any(s.hidden for s in sheets):
            sheet.activate()  # the first sheet is active unless another is: never a hidden one
        r = 0
        if spec.title is not None:
            sheet.write_string(0, 0, spec.title)
            r = 1
        sheet.write_row(r, 0, spec.headers)
        first_data = r + 1
        for part in spec.parts:
            for values in part.iter_rows():
                r += 1
                for c, (value, kind) in enumerate(zip(values, spec.kinds, strict=True)):
                    _write_cell(sheet, r, c, value, kind, stamp, day)
        data = pl.concat(spec.parts) if spec.merged and spec.parts else None
        for column, within in spec.merged if data is not None else ():
            c = data.columns.index(column)
            for start, end, value in _runs(data, column, within):
                # A format for the covered cells too, else xlsxwriter leaves their values.
                sheet.merge_range(first_data + start, c, first_data + end, c, value, centred)
        for line in spec.footer:
            r += 1
            sheet.write_row(r, 0, line)
    workbook.close()


def _runs(data: pl.DataFrame, column: str, within: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(first row, last row, value) of each run of two or more consecutive rows with one
    value of ``column`` (not empty) and of the columns ``within``."""
    keys = [column, *within]
    runs = (
        data.select(keys)
        .with_row_index("_i")
        .with_columns(
            _run=pl.any_horizontal([pl.col(k).ne_missing(pl.col(k).shift()) for k in keys])
        )
        .with_columns(pl.col("_run").cum_sum())
        .filter(pl.col(column).is_not_null() & (pl.col(column) != ""))
        .group_by("_run", maintain_order=True)
        .agg(pl.col("_i").min().alias("start"), pl.col("_i").max().alias("end"), pl.first(column))
        .filter(pl.col("end") > pl.col("start"))
    )
    return [(int(a), int(b), v) for a, b, v in runs.select("start", "end", column).rows()]


class _SplitWriter:
    """One export in two files, as a clerk exports it in two date ranges: rows up to
    ``last_day`` of the first half of the period (and rows with no readable day) in the
    first file, the rest in NAME_2."""

    def __init__(self, first: _Writer, second: _Writer, last_day: date):
        self.first, self.second, self.last_day = first, second, last_day
        self.export, self.style = first.export, first.style

    @property
    def rows(self) -> int:
        return self.first.rows + self.second.rows

    @property
    def paths(self) -> list[Path]:
        return [self.first.path, self.second.path]

    def append(self, frame: pl.DataFrame) -> None:
        day = _event_day(pl.col(self.export.event_column))
        early = frame.select(day.is_null() | (day <= self.last_day)).to_series()
        self.first.append(frame.filter(early))
        self.second.append(frame.filter(~early))

    def close(self) -> None:
        self.first.close()
        self.second.close()


def _event_day(text: pl.Expr) -> pl.Expr:
    """The day of an event time as the generator writes it (``2026-10-01 09:05:00`` or
    ``2026/10/1 9:05``); null for a value spoiled on purpose."""
    parts = text.str.extract_groups(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
    return pl.concat_str(
        parts.struct.field("1"),
        parts.struct.field("2").str.zfill(2),
        parts.struct.field("3").str.zfill(2),
        separator="-",
    ).str.to_date("%Y-%m-%d", strict=False)


def _write_cell(sheet, r: int, c: int, value, kind: Kind, stamp, day) -> None:
    """Native date cells and numeric ratings where the text allows, else a text cell."""
    if value is None or value == "":
        return
    if kind in (Kind.TIMESTAMP, Kind.DATE):
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d"):
            try:
                parsed = datetime.strptime(value, fmt)
            except ValueError:
                continue
            sheet.write_datetime(r, c, parsed, stamp if kind is Kind.TIMESTAMP else day)
            return
    if kind is Kind.RATING and value.isdigit():
        sheet.write_number(r, c, int(value))
        return
    sheet.write_string(r, c, value)


def _style(rng, export: Export, expected_rows: int, clean: bool) -> FileStyle:
    if clean:
        return FileStyle(".csv", "utf-8", "en", False, False)
    formats = ["utf-8", "utf-8-sig", "gb18030"] + (
        ["xlsx"] if expected_rows <= XLSX_MAX_ROWS else []
    )
    chosen = str(rng.choice(formats))
    return FileStyle(
        suffix=".xlsx" if chosen == "xlsx" else ".csv",
        encoding="utf-8" if chosen == "xlsx" else chosen,
        headers="en" if export is APPEALS else str(rng.choice(["en", "hans", "hant"])),
        slashes=bool(rng.random() < 0.4),
        title=bool(rng.random() < 0.3) and export is not APPEALS,
    )


def _listed(roster: pl.DataFrame, period: Period) -> pl.DataFrame:
    """The roster's rows known at the period's end: hired by then."""
    return roster.filter(pl.col("hired_on").is_null() | (pl.col("hired_on") <= period.end_on))


def _roster_text(
    roster: pl.DataFrame, period: Period, style: FileStyle, rng, clean: bool
) -> pl.DataFrame:
    """The roster as HR exports it at the period's end: everyone hired by then, left or
    not."""
    listed = _listed(roster, period)
    # A left_on after the export date is not known yet.
    listed = listed.with_columns(
        pl.when(pl.col("left_on") <= period.end_on).then(pl.col("left_on")).alias("left_on")
    )
    text = _render(listed, EXPORTS_BY_NAME["agents"], style, clean)
    if not clean and text.height > 1:
        text = pl.concat([text, text.sample(1, seed=int(rng.integers(1 << 31)))])
    return text


# What becomes of an appeal (scheme.md §6). A month's first appeal is always the first
# case, one that applies, so even a one-store demo shows an appeal taking effect; the
# others go through the list from a seeded starting point, so every outcome shows up.
_APPEAL_CASES = (
    "applied_void",  # approved, filed in time, voids one of the agent's own records
    "applied_adjust",  # approved, filed in time, adjusts the score
    "rejected",
    "late",  # approved, but filed 20 to 30 days after the interview (past any holiday)
    "agent_mismatch",  # approved, names another agent's record
    "pending",  # not decided yet: no decided_by, no decided_on
    "month_mismatch",  # approved, about the month before, filed in this month's folder
    "record_not_found",  # approved, names a record id that no export holds
)
_ADJUSTING = {"applied_adjust", "pending", "month_mismatch"}  # the rest void a record
_VOID_SOURCES = ("surveys", "receptions", "complaints")
_VOID_REASONS = {"survey": "客户误评", "reception": "重复登记", "complaint": "投诉与本人无关"}


def _appeals(
    rng,
    month_start: date,
    period: Period,
    agents: pl.DataFrame,
    records: dict[str, pl.DataFrame],
    clean: bool,
) -> pl.DataFrame:
    """A few appeals about the month, as the department's template holds them.

    Each is filed after the feedback interview (three days after the period closes) and
    decided on or after the day it was filed. ``records`` are record ids and agents of the
    first chunk of stores, left unspoiled, so a void_record names a record that the run
    accepts. Unless ``clean``, two invalid rows follow (a missing reason, an unknown kind).
    """
    n = max(3, agents.height // 5)
    feedback = period.end_on + timedelta(days=3)  # the interview, after the period closed
    everyone = agents["agent_id"].to_list()
    with_records = records["surveys"]["agent_id"].unique(maintain_order=True).to_list()
    start = int(rng.integers(len(_APPEAL_CASES)))
    rows = []
    for i in range(n):
        case = _APPEAL_CASES[0 if i == 0 else (start + i - 1) % len(_APPEAL_CASES)]
        kind = "adjust_score" if case in _ADJUSTING else "void_record"
        about = previous_month(month_start) if case == "month_mismatch" else month_start
        pool = with_records if kind == "void_record" and with_records else everyone
        agent = pool[int(rng.integers(len(pool)))]
        filed = feedback + timedelta(
            days=int(rng.integers(20, 31) if case == "late" else rng.integers(1, 4))
        )
        decided = None if case == "pending" else filed + timedelta(days=int(rng.integers(0, 6)))
        row = {
            "appeal_id": f"AP{month_start:%Y%m}{i:04d}",
            "agent_id": agent,
            "month": f"{about:%Y-%m}",
            "feedback_on": f"{feedback:%Y-%m-%d}",
            "filed_on": f"{filed:%Y-%m-%d}",
            "kind": kind,
            "record_type": None,
            "record_id": None,
            "score_delta": None,
            "reason": "主管复核加分",
            "status": {"rejected": "rejected", "pending": "pending"}.get(case, "approved"),
            "decided_by": None if decided is None else "客服经理",
            "decided_on": None if decided is None else f"{decided:%Y-%m-%d}",
        }
        if kind == "void_record":
            source = "surveys" if i == 0 else str(rng.choice(_VOID_SOURCES))
            frame = records[source]
            id_column = EXPORTS_BY_NAME[source].id_column
            mine = frame.filter(pl.col("agent_id") == agent)
            if mine.is_empty():  # no complaint this month, say: a survey then
                source, frame, id_column = "surveys", records["surveys"], "survey_id"
                mine = frame.filter(pl.col("agent_id") == agent)
            theirs = frame.filter(pl.col("agent_id") != agent)
            pick = theirs if case == "agent_mismatch" and theirs.height else mine
            record_type = source.removesuffix("s")
            row["record_type"] = record_type
            row["reason"] = _VOID_REASONS[record_type]
            if case == "record_not_found" or pick.is_empty():
                row["record_id"] = f"{ID_PREFIXES[source]}{month_start:%Y%m}999{n + i:07d}"
            else:
                row["record_id"] = pick[id_column][int(rng.integers(pick.height))]
        else:
            row["score_delta"] = str(rng.choice(["2", "-1.5", "3.25", "5"]))
        rows.append(row)
    if not clean:
        rows.append({**rows[0], "appeal_id": f"AP{month_start:%Y%m}9998", "reason": None})
        rows.append({**rows[-2], "appeal_id": f"AP{month_start:%Y%m}9999", "kind": "bonus"})
    return pl.DataFrame(rows, schema={c: pl.String for c in APPEALS.column_names})


# ---------------------------------------------------------------- mistakes real exports carry

# The mistakes that take the month before's data, so need it in the range.
_NEED_THE_MONTH_BEFORE = ("wrong-month", "hidden-sheet")
TRUNCATED_AFTER_DAYS = 10  # truncated-store keeps the period's first ten days
MISSING_HIRE_MIN_ROWS = 21  # more than the pipeline's default unknown_agent_min_rows (20)


@dataclass(frozen=True)
class WrittenMistake:
    """One mistake as `generate` wrote it into a month: what `kpi generate` prints."""

    month: date
    kind: str  # one of MISTAKES
    files: tuple[str, ...]  # the month folder's files that carry it
    details: dict[str, str] = field(default_factory=dict)  # the printed message's fields


class Generation(Iterator[tuple[date, dict[str, int]]]):
    """The months as they land, each with its rows per export; ``mistakes`` holds the
    mistakes written so far (a month's are there when the month is yielded)."""

    def __init__(
        self, months: Iterator[tuple[date, dict[str, int]]], mistakes: list[WrittenMistake]
    ):
        self._months, self.mistakes = months, mistakes

    def __next__(self) -> tuple[date, dict[str, int]]:
        return next(self._months)


@dataclass
class _MonthBefore:
    """What the last month's mistakes take from the month before it."""

    month_start: date
    folder: Path  # in place by the time the last month is written
    counts: dict[str, int]
    writers: dict[str, _Writer]  # the exports whose frames were kept


class _Mistakes:
    """The mistakes written into the range's last month, applied as its files are
    written, each as dealership staff and their systems make it (module docstring).

    Its one choice (the truncated store) comes from a random stream of its own, so every
    draw of the month, and so every file that no mistake touches, stays what the seed
    writes without mistakes.
    """

    def __init__(
        self,
        options: GeneratorOptions,
        month_index: int,
        month_start: date,
        period: Period,
        stores: list[str],
        before: _MonthBefore | None,
    ):
        self.kinds = set(options.mistakes)
        self.month_start, self.period, self.before = month_start, period, before
        rng = np.random.default_rng([options.seed, 4, month_index])
        self.store = stores[int(rng.integers(len(stores)))] if stores else ""
        self.last_kept_day = period.start_on + timedelta(days=TRUNCATED_AFTER_DAYS - 1)
        self.rows_by_agent: dict[str, int] = {}
        self.example = ""  # a customer ID as Excel wrote it
        self.missing_hire: dict | None = None  # the roster row left out
        self.footed: list[Path] = []
        self.written: list[WrittenMistake] = []

    def _note(self, kind: str, paths: list[Path], **details: str) -> None:
        files = tuple(p.name for p in paths)
        self.written.append(WrittenMistake(self.month_start, kind, files, details))
        self.written.sort(key=lambda w: MISTAKES.index(w.kind))

    def style(self, name: str, style: FileStyle) -> FileStyle:
        """The file's style in the format its mistakes need: a spreadsheet for a hidden
        sheet, merged cells or a 制表 line; a CSV that Excel saved (on Chinese Windows,
        in GB18030) for mangled IDs."""
        spreadsheet = {"agents": {"merged-cells"}, "purchases": {"hidden-sheet", "footer-rows"}}
        if self.kinds & spreadsheet.get(name, set()):
            return replace(style, suffix=".xlsx", encoding="utf-8")
        if name == "complaints" and "mangled-ids" in self.kinds and style.suffix == ".xlsx":
            return replace(style, suffix=".csv", encoding="gb18030")
        return style

    def writer(self, folder: Path, export: Export, style: FileStyle) -> _Writer | _SplitWriter:
        writer = _Writer(folder / f"{export.name}{style.suffix}", export, style, self.month_start)
        if export.name == "receptions" and "split-export" in self.kinds:
            second = _Writer(
                folder / f"{export.name}_2{style.suffix}", export, style, self.month_start
            )
            middle = self.period.start_on + (self.period.end_on - self.period.start_on) // 2
            return _SplitWriter(writer, second, middle)
        if export.name == "purchases" and "hidden-sheet" in self.kinds:
            # The clerk's workbook of last month, its sheet hidden, this month's added.
            old = self.before.writers[export.name]
            name = _sheet_name(self.before.month_start)
            writer.hidden = replace(old.sheet(), name=name, hidden=True, footer=[])
            writer.sheet_name = _sheet_name(self.month_start)
        if export.name == "agents" and "merged-cells" in self.kinds:
            writer.merged = (("store_id", ()), ("team_id", ("store_id",)))
        return writer

    def rows(self, export: Export, text: pl.DataFrame) -> pl.DataFrame:
        """A chunk of a record file's rows as the mistakes leave them."""
        if export.name == "receptions" and "truncated-store" in self.kinds:
            day = _event_day(pl.col(export.event_column))
            text = text.filter(
                pl.col("store_id").ne_missing(self.store)
                | day.is_null()
                | (day <= self.last_kept_day)
            )
        if export.name == "complaints" and "mangled-ids" in self.kinds:
            text = text.with_columns(_excel_number(pl.col("customer_id")))
            mangled = text.filter(pl.col("customer_id").str.contains("E+", literal=True))
            self.example = self.example or (mangled["customer_id"][0] if mangled.height else "")
        if not (export.name == "surveys" and "wrong-month" in self.kinds):  # not in the folder
            self._count(text)
        return text

    def _count(self, text: pl.DataFrame) -> None:
        """Counts the rows of each agent in the month's record files, for missing-hire."""
        if "missing-hire" in self.kinds:
            for agent, n in text.group_by("agent_id").len().rows():
                self.rows_by_agent[agent] = self.rows_by_agent.get(agent, 0) + n

    def close(self, folder: Path, writer: _Writer | _SplitWriter) -> int:
        """Closes a record file, with the footer lines its mistakes add; its rows."""
        name = writer.export.name
        if "footer-rows" in self.kinds and name in ("consultations", "purchases"):
            total = "合計" if writer.style.headers == "hant" else "合计"
            writer.footer = [[total, writer.rows]]
            if name == "purchases":  # the spreadsheet also says who made it, and when
                made = self.period.end_on + timedelta(days=1)
                writer.footer.append([f"制表：客服部 {made:%Y-%m-%d}"])
            self.footed += writer.paths
        writer.close()
        if name == "receptions" and "split-export" in self.kinds:
            self._note("split-export", writer.paths, day=f"{writer.last_day:%Y-%m-%d}")
        if name == "receptions" and "truncated-store" in self.kinds:
            last = f"{self.last_kept_day:%Y-%m-%d}"
            self._note("truncated-store", writer.paths, store=self.store, day=last)
        if name == "purchases" and "hidden-sheet" in self.kinds:
            self._note("hidden-sheet", writer.paths, other=f"{self.before.month_start:%Y-%m}")
        if name == "complaints" and "mangled-ids" in self.kinds:
            self._note("mangled-ids", writer.paths, example=self.example)
        if name == "surveys" and "wrong-month" in self.kinds:
            # The clerk copied last month's file over: written all the same, so that the
            # month's draws and files after it stay the seed's.
            for path in writer.paths:
                path.unlink()
            old = next(p for p in sorted(self.before.folder.iterdir()) if p.stem == name)
            shutil.copyfile(old, folder / old.name)
            for part in self.before.writers[name].parts:
                self._count(part)
            self._note("wrong-month", [old], other=f"{self.before.month_start:%Y-%m}")
            return self.before.counts[name]
        return writer.rows

    def roster(self, text: pl.DataFrame, roster: pl.DataFrame) -> pl.DataFrame:
        """The roster's rows as HR's export carries them: without the newest hire who
        has more than MISSING_HIRE_MIN_ROWS rows in the record files (HR has not added
        them yet); sorted by store and team where a clerk merges their cells."""
        if "missing-hire" in self.kinds:
            rows = pl.DataFrame(
                list(self.rows_by_agent.items()),
                schema={"agent_id": pl.String, "rows": pl.Int64},
                orient="row",
            )
            candidates = (
                roster.join(rows, on="agent_id")
                .filter(pl.col("agent_id").is_in(text["agent_id"].implode()))
                .sort("hired_on", "agent_id", nulls_last=False)
            )
            enough = candidates.filter(pl.col("rows") >= MISSING_HIRE_MIN_ROWS)
            most = candidates.sort("rows", maintain_order=True)
            hire = (enough if enough.height else most).row(-1, named=True)
            text = text.filter(pl.col("agent_id") != hire["agent_id"])
            self.missing_hire = hire
        if "merged-cells" in self.kinds:
            text = text.sort("store_id", "team_id", nulls_last=True, maintain_order=True)
        return text

    def close_roster(self, writer: _Writer) -> None:
        writer.close()
        if "missing-hire" in self.kinds:
            hire = self.missing_hire
            hired = f"{hire['hired_on']:%Y-%m-%d}" if hire["hired_on"] else "-"
            details = {"agent": hire["agent_id"], "rows": f"{hire['rows']:,}", "hired": hired}
            self._note("missing-hire", writer.paths, **details)
        if "merged-cells" in self.kinds:
            self._note("merged-cells", writer.paths)
        if self.footed:
            self._note("footer-rows", self.footed)


def _sheet_name(month_start: date) -> str:
    return f"{month_start.year}年{month_start.month}月"


def _excel_number(customer: pl.Expr) -> pl.Expr:
    """Customer IDs as a CRM that numbers its customers writes them (eleven digits, a
    mobile number's length), as Excel shows such a number in a column too narrow for it
    and saves it to CSV: ``18712345678`` as ``1.87E+10``. Spoiled (empty) values stay."""
    parts = customer.str.extract_groups(r"^CUS(\d+)-(\d+)$")
    key = parts.struct.field("1").cast(pl.Int64, strict=False) * 1_000_003 + parts.struct.field(
        "2"
    ).cast(pl.Int64, strict=False)
    # A fixed scramble of (store, customer): 1, then 3..9, then nine digits.
    digits = 10**10 + (3 + key % 7) * 10**9 + (key % 10**9) * 2_654_435_761 % 10**9
    hundredths = (digits + 50_000_000) // 100_000_000  # three significant digits, rounded
    shown = pl.concat_str(
        (hundredths // 100).cast(pl.String),
        pl.lit("."),
        (hundredths % 100).cast(pl.String).str.zfill(2),
        pl.lit("E+10"),
    )
    return pl.when(key.is_not_null()).then(shown).otherwise(customer).alias("customer_id")


def generate(
    out: Path, first: date, last: date, options: GeneratorOptions, *, overwrite: bool = False
) -> Generation:
    """Write the months ``first``..``last`` under ``out``; yields each month's row counts
    per file as the month lands (the returned iterator's ``mistakes`` says which of
    ``options.mistakes`` went into which files of the last month).

    Checked before anything is written (so at the call, not at the first iteration): a
    month folder that exists already is refused with GenerateError unless ``overwrite``,
    because it may hold hand-edited files. Each month is written into a temporary folder
    beside its own and renamed into place once complete, so an error or Ctrl-C leaves
    the months before it complete and no part of the failing one; with ``overwrite`` an
    existing month is replaced whole, never file by file. A mistake that takes the month
    before's data needs that month in the range (UsageError).
    """
    months = months_between(first, last)
    if not months:
        raise ValueError(f"the range {first:%Y-%m}..{last:%Y-%m} holds no month")
    needing = [m for m in _NEED_THE_MONTH_BEFORE if m in options.mistakes]
    if needing and len(months) < 2:
        named = " and ".join(f"--mistake {m}" for m in needing)
        raise UsageError(
            f"{named} {'takes' if len(needing) == 1 else 'take'} data from the month before "
            f"{last:%Y-%m}: start the range earlier (--from {previous_month(last):%Y-%m}); "
            "nothing was written"
        )
    if out.exists() and not out.is_dir():
        raise GenerateError(f"{out} is a file; give a folder (it is created when missing)")
    existing = [m for m in months if _holds_something(out / f"{m:%Y-%m}")]
    if existing and not overwrite:
        names = ", ".join(f"{m:%Y-%m}" for m in existing)
        raise GenerateError(
            f"{out} already holds month folder(s) {names}; nothing was written. They may "
            "hold hand-edited files: pass --overwrite to replace each of them whole."
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GenerateError(f"cannot create the folder {out}: {exc}") from exc
    written: list[WrittenMistake] = []
    return Generation(_write_months(out, months, options, written), written)


def _holds_something(path: Path) -> bool:
    """An empty folder has nothing to lose; anything else at the path has."""
    return path.exists() and not (path.is_dir() and not any(path.iterdir()))


def _write_months(
    out: Path, months: list[date], options: GeneratorOptions, written: list[WrittenMistake]
) -> Iterator[tuple[date, dict[str, int]]]:
    """The months, the last with ``options.mistakes`` (appended to ``written``); earlier
    months stay ordinary, a baseline for the checks that compare a month with its past."""
    roster = build_roster(options, months)
    before = None
    for month_index, month_start in enumerate(months):
        folder = out / f"{month_start:%Y-%m}"
        last = month_index == len(months) - 1
        # The month before's files whose rows the last month's mistakes take: hidden-sheet
        # puts its purchases on a sheet, missing-hire counts the surveys wrong-month copies.
        keep = {
            name
            for kind, name in (("hidden-sheet", "purchases"), ("wrong-month", "surveys"))
            if kind in options.mistakes
        }
        partial = None
        try:
            # Hidden, and not named YYYY-MM, so no reader (kpi run, kpi demo) takes it for
            # a month; unique, so two generators never share one.
            partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=out))
            partial.chmod(_folder_mode())  # mkdtemp's 0700 would hide the month from others
            counts, writers, mistakes = _write_month(
                partial,
                month_index,
                month_start,
                roster,
                options,
                mistakes=last and bool(options.mistakes),
                before=before,
                keep=keep if month_index == len(months) - 2 else set(),
            )
            _put_in_place(partial, folder)
            before = _MonthBefore(month_start, folder, counts, writers)
            written += mistakes
        except BaseException as exc:  # Ctrl-C too: never leave part of a month behind
            if partial is not None:
                shutil.rmtree(partial, ignore_errors=True)
            if isinstance(exc, OSError):
                raise GenerateError(
                    f"could not write {folder}: {exc}; nothing of {month_start:%Y-%m} was "
                    "left behind (the months before it are complete)"
                ) from exc
            raise
        yield month_start, counts


def _folder_mode() -> int:
    """What a plain mkdir would give under this process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _put_in_place(partial: Path, folder: Path) -> None:
    """Rename the complete month to its name. An old folder is first renamed aside (a
    directory cannot be renamed over a non-empty one), then deleted: a reader sees the
    old month or the new one, never a mix, and a failure puts the old one back."""
    if not folder.exists():
        partial.rename(folder)
        return
    aside = partial.with_suffix(".replaced")
    folder.rename(aside)
    try:
        partial.rename(folder)
    except BaseException:
        aside.rename(folder)
        raise
    if aside.is_dir():
        shutil.rmtree(aside)
    else:
        aside.unlink()


def _write_month(
    folder: Path,
    month_index: int,
    month_start: date,
    roster: pl.DataFrame,
    options: GeneratorOptions,
    *,
    mistakes: bool = False,
    before: _MonthBefore | None = None,
    keep: set[str] | frozenset[str] = frozenset(),
) -> tuple[dict[str, int], dict[str, _Writer], list[WrittenMistake]]:
    """Every file of one month into ``folder``, with ``options.mistakes`` if
    ``mistakes``; returns the row counts per file, the writers of the exports in
    ``keep`` (their frames kept) and the mistakes written."""
    rng = np.random.default_rng([options.seed, 2, month_index])
    period = _period(month_start, options.period_end_day)
    active = _active_windows(roster, period)
    inactive = sorted(set(_listed(roster, period)["agent_id"]) - set(active["agent_id"]))
    roster_ids = frozenset(roster["agent_id"])
    stores = active["store_id"].unique(maintain_order=True).to_list()
    plan = (
        _Mistakes(options, month_index, month_start, period, stores, before) if mistakes else None
    )
    counts: dict[str, int] = {"agents": 0}  # the roster's place in the printed counts
    kept: dict[str, _Writer] = {}

    agents = EXPORTS_BY_NAME["agents"]
    agents_style = _style(rng, agents, roster.height, options.clean)
    # Written last: missing-hire needs every record file's rows of each agent.
    roster_text = _roster_text(roster, period, agents_style, rng, options.clean)

    samples: dict[str, pl.DataFrame] = {}
    for export in RECORD_EXPORTS:
        expected = PER_AGENT[export.name] * active.height
        style = _style(rng, export, expected, options.clean)
        if plan:
            writer = plan.writer(folder, export, plan.style(export.name, style))
        else:
            path = folder / f"{export.name}{style.suffix}"
            writer = _Writer(path, export, style, month_start, keep=export.name in keep)
        for chunk, offset in enumerate(range(0, len(stores), STORES_PER_CHUNK)):
            chunk_agents = active.filter(
                pl.col("store_id").is_in(stores[offset : offset + STORES_PER_CHUNK])
            )
            records = _records(export.name, rng, chunk_agents, month_start, chunk)
            text = _render(records, export, style, options.clean)
            touched = text[export.id_column].clear()
            if not options.clean:
                text, touched = _spoil(text, export, rng, month_start, period, inactive, roster_ids)
            if chunk == 0:  # what appeals may name: records the run will accept
                samples[export.name] = records.select(export.id_column, "agent_id").filter(
                    ~pl.col(export.id_column).is_in(touched.implode())
                )
            writer.append(plan.rows(export, text) if plan else text)
        if plan:
            counts[export.name] = plan.close(folder, writer)
        else:
            writer.close()
            counts[export.name] = writer.rows
        if export.name in keep:
            kept[export.name] = writer

    appeals = _appeals(rng, month_start, period, active, samples, options.clean)
    writer = _Writer(
        folder / "appeals.csv",
        APPEALS,
        FileStyle(".csv", "utf-8", "en", False, False),
        month_start,
    )
    writer.append(appeals)
    writer.close()
    counts["appeals"] = writer.rows

    if plan:
        writer = plan.writer(folder, agents, plan.style("agents", agents_style))
        writer.append(plan.roster(roster_text, roster))
        plan.close_roster(writer)
    else:
        writer = _Writer(folder / f"agents{agents_style.suffix}", agents, agents_style, month_start)
        writer.append(roster_text)
        writer.close()
    counts["agents"] = writer.rows
    return counts, kept, plan.written if plan else []
