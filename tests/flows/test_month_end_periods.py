"""The month-end run with evaluation periods and business-hours timeliness (issue 13,
scheme.md §9), on SQLite and PostgreSQL, checked against an independent recount.

One store of four agents, four months of `kpi generate --period-end-day 25 --clean`
exports, and a scheme history of three files:

- ``first-period`` from 2026-08: ``period.end_day: 20``. It is the first file of the
  history, so August starts as if it had applied to July too (2026-07-21).
- ``calendar`` from 2026-09: no ``period``. Dropping the key makes September long: from
  the day after August's period to the end of September.
- ``periods-business-hours`` from 2026-10: ``end_day: 25`` and ``clock: business_hours``
  (08:30-18:00, phone answered within 5 business minutes, one extra holiday and one
  extra working day). Adding the key makes October short: from the 1st to the 25th.

The periods are written out below by hand. The recount reads the CSV files with the csv
module and counts with datetime arithmetic and chinesecalendar, sharing nothing with the
pipeline's transforms: who is active, which rows are in the period, which appeals void a
record (and so the deadline in working days), every count of kpi_agent_monthly, and
timeliness on the wall clock or in business hours. The published rows must equal it for
every agent of every month. A few receptions and purchases are added on the periods'
edges (the last second in, the next second out), where the generated rows rarely fall.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import chinese_calendar
import polars as pl
import pytest
import yaml
from polars.testing import assert_frame_equal

from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.generator.generate import generate
from flows.generator.options import GeneratorOptions
from flows.outputs.site import read_month
from flows.outputs.site.pages import Pages
from flows.storage.connection import connect
from tests.flows.conftest import backfill_months, paths, query

AUG, SEP, OCT, NOV = date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)
MONTHS = (AUG, SEP, OCT, NOV)

# scheme.md §9.1, by hand: each period ends on its scheme's end_day (the month's last day
# without one) and starts the day after the previous month's period ended.
PERIODS = {
    AUG: (date(2026, 7, 21), date(2026, 8, 20)),  # first of the history: July as if day 20
    SEP: (date(2026, 8, 21), date(2026, 9, 30)),  # end_day dropped: 41 days
    OCT: (date(2026, 10, 1), date(2026, 10, 25)),  # end_day 25 added: 25 days
    NOV: (date(2026, 10, 26), date(2026, 11, 25)),
}


@dataclass(frozen=True)
class Rules:
    """What the recount needs of a month's scheme, written out again by hand."""

    business_hours: tuple[time, time] | None = None  # None: the wall clock
    limits: dict[str, tuple[int, int]] = field(
        default_factory=lambda: {"default": (15, 24)}  # response minutes, resolution hours
    )
    extra_holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    window_working_days: int = 5


WALL = Rules()
BUSINESS = Rules(
    business_hours=(time(8, 30), time(18, 0)),
    limits={"default": (15, 24), "phone": (5, 24)},
    extra_holidays=frozenset({date(2026, 10, 9)}),  # a Friday: the showroom's anniversary
    extra_working_days=frozenset({date(2026, 10, 18)}),  # a Sunday: a sales weekend
)
RULES = {AUG: WALL, SEP: WALL, OCT: BUSINESS, NOV: BUSINESS}

COUNTS = (
    "customers_received",
    "survey_count",
    "votes_1",
    "votes_2",
    "votes_3",
    "votes_4",
    "votes_5",
    "complaint_count",
    "complaint_customers",
    "first_purchase_customers",
    "repeat_purchase_customers",
    "referral_customers",
    "consultation_count",
    "timely_count",
)
EVENT_COLUMNS = {
    "receptions": "received_at",
    "surveys": "surveyed_at",
    "complaints": "complained_at",
    "purchases": "purchased_at",
    "consultations": "received_at",
}
ID_COLUMNS = {
    "receptions": "reception_id",
    "surveys": "survey_id",
    "complaints": "complaint_id",
    "purchases": "order_id",
    "consultations": "consultation_id",
}
INVALID = {"n", "false", "0", "否", "无效", "無效"}  # exports.md booleans meaning false


def scheme_files(folder: Path) -> Path:
    """The three files of the history (module doc), from the bundled default scheme."""
    base = yaml.safe_load((DEFAULT_SCHEMES_DIR / "default-2026.yaml").read_text())
    business = {
        "clock": "business_hours",
        "business_hours": {"start": "08:30", "end": "18:00"},
        "default": {"response_minutes": 15, "resolution_hours": 24},
        "phone": {"response_minutes": 5},
    }
    files = {
        "first-period": {"effective_from": AUG, "period": {"end_day": 20}},
        "calendar": {"effective_from": SEP},
        "periods-business-hours": {
            "effective_from": OCT,
            "period": {"end_day": 25},
            "appeals": {
                "window_working_days": 5,
                "extra_holidays": [date(2026, 10, 9)],
                "extra_working_days": [date(2026, 10, 18)],
            },
        },
    }
    folder.mkdir()
    for name, keys in files.items():
        data = {**base, **keys, "version": name}
        if name == "periods-business-hours":
            data["metrics"] = {
                **base["metrics"],
                "timeliness": {**base["metrics"]["timeliness"], "sla": business},
            }
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return folder


# ---------------------------------------------------------------- the recount


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def day_of(text: str) -> date:
    return date.fromisoformat(text[:10])


def stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


def is_working(day: date, rules: Rules) -> bool:
    if day in rules.extra_working_days:
        return True
    return day not in rules.extra_holidays and chinese_calendar.is_workday(day)


def deadline(feedback_on: date, rules: Rules) -> date:
    """The window_working_days-th working day after the interview (scheme.md §6)."""
    day, left = feedback_on, rules.window_working_days
    while left:
        day += timedelta(days=1)
        left -= is_working(day, rules)
    return day


def elapsed(start: datetime, end: datetime, rules: Rules) -> timedelta:
    """Wall time, or the parts of [start, end] inside opening hours of working days."""
    if rules.business_hours is None:
        return end - start
    opens, closes = rules.business_hours
    total, day = timedelta(0), start.date()
    while day <= end.date():
        if is_working(day, rules):
            low = max(start, datetime.combine(day, opens))
            high = min(end, datetime.combine(day, closes))
            total += max(high - low, timedelta(0))
        day += timedelta(days=1)
    return total


def is_timely(row: dict[str, str], rules: Rules) -> bool:
    if not row["first_response_at"] or not row["resolved_at"]:
        return False  # still open: never timely
    minutes, hours = rules.limits.get(row["channel"], rules.limits["default"])
    received = stamp(row["received_at"])
    return elapsed(received, stamp(row["first_response_at"]), rules) <= timedelta(
        minutes=minutes
    ) and elapsed(received, stamp(row["resolved_at"]), rules) <= timedelta(hours=hours)


@dataclass
class Recount:
    counts: pl.DataFrame  # one row per active agent: agent_id and COUNTS
    out_of_period: dict[str, int]  # rows per record file
    appeals: pl.DataFrame  # one row per appeal: appeal_id, is_applied, reason, deadline_on


def appeal_outcome(appeal: dict, month: date, accepted: dict, rules: Rules) -> tuple:
    """(is_applied, reason, deadline_on): the first rule of scheme.md §6 that fails."""
    due = deadline(date.fromisoformat(appeal["feedback_on"]), rules)
    if appeal["status"] != "approved":
        return False, appeal["status"], due
    if appeal["month"] != f"{month:%Y-%m}":
        return False, "month_mismatch", due
    if date.fromisoformat(appeal["filed_on"]) > due:
        return False, "late", due
    if appeal["kind"] == "void_record":
        owner = accepted[f"{appeal['record_type']}s"].get(appeal["record_id"])
        if owner is None:
            return False, "record_not_found", due
        if owner != appeal["agent_id"]:
            return False, "agent_mismatch", due
    return True, None, due


def recount(folder: Path, month: date, rules: Rules) -> Recount:
    """The month's counts, rows out of period and appeal outcomes from its folder alone."""
    first, last = PERIODS[month]
    active = [
        r["agent_id"]
        for r in read(folder, "agents")
        if (not r["hired_on"] or date.fromisoformat(r["hired_on"]) <= last)
        and (not r["left_on"] or date.fromisoformat(r["left_on"]) >= first)
    ]
    records, out_of_period = {}, {}
    for name, column in EVENT_COLUMNS.items():
        rows = read(folder, name)
        records[name] = [r for r in rows if first <= day_of(r[column]) <= last]
        out_of_period[name] = len(rows) - len(records[name])
        # Clean exports: nothing is rejected, so every row in the period is accepted.
        assert {r["agent_id"] for r in records[name]} <= set(active), name
    # What an appeal may name: the month's accepted records (in the period), by id.
    accepted = {n: {r[ID_COLUMNS[n]]: r["agent_id"] for r in rows} for n, rows in records.items()}
    outcomes = []
    for appeal in read(folder, "appeals"):
        applied, reason, due = appeal_outcome(appeal, month, accepted, rules)
        outcomes.append((appeal["appeal_id"], applied, reason, due))
        if applied and appeal["kind"] == "void_record":
            name = f"{appeal['record_type']}s"
            records[name] = [r for r in records[name] if r[ID_COLUMNS[name]] != appeal["record_id"]]
    counts = []
    for agent in sorted(active):
        mine = {n: [r for r in rows if r["agent_id"] == agent] for n, rows in records.items()}
        ratings = [int(r["rating"]) for r in mine["surveys"]]
        valid = [r for r in mine["complaints"] if r["is_valid"].strip().lower() not in INVALID]
        bought = mine["purchases"]

        def customers(rows, keep=lambda r: True):
            return len({r["customer_id"] for r in rows if keep(r)})

        counts.append(
            {
                "agent_id": agent,
                "customers_received": customers(mine["receptions"]),
                "survey_count": len(ratings),
                **{f"votes_{v}": ratings.count(v) for v in range(1, 6)},
                "complaint_count": len(valid),
                "complaint_customers": customers(valid),
                "first_purchase_customers": customers(
                    bought, lambda r: r["purchase_type"] == "first"
                ),
                "repeat_purchase_customers": customers(
                    bought, lambda r: r["purchase_type"] in ("additional", "replacement")
                ),
                "referral_customers": customers(bought, lambda r: bool(r["referrer_customer_id"])),
                "consultation_count": len(mine["consultations"]),
                "timely_count": sum(is_timely(r, rules) for r in mine["consultations"]),
            }
        )
    return Recount(
        pl.DataFrame(counts, schema={"agent_id": pl.String, **dict.fromkeys(COUNTS, pl.Int64)}),
        out_of_period,
        pl.DataFrame(
            outcomes,
            schema={
                "appeal_id": pl.String,
                "is_applied": pl.Boolean,
                "reason": pl.String,
                "deadline_on": pl.Date,
            },
            orient="row",
        ).sort("appeal_id"),
    )


# ---------------------------------------------------------------- the data


def add_edges(folder: Path, month: date) -> None:
    """Receptions and purchases of an agent active all period on both edges of it: at
    its first and last second (purchases: on its first and last day), counted; one
    second (day) before and after it, out of period."""
    first, last = PERIODS[month]
    agent = next(
        r["agent_id"]
        for r in read(folder, "agents")
        if (not r["hired_on"] or date.fromisoformat(r["hired_on"]) <= first)
        and (not r["left_on"] or date.fromisoformat(r["left_on"]) >= last)
    )
    start, end = datetime.combine(first, time()), datetime.combine(last, time(23, 59, 59))
    instants = (start, start - timedelta(seconds=1), end, end + timedelta(seconds=1))
    days = (first, first - timedelta(days=1), last, last + timedelta(days=1))
    with (folder / "receptions.csv").open("a", newline="", encoding="utf-8") as fh:
        for i, at in enumerate(instants):
            fh.write(f"RCEDGE{month:%Y%m}{i},S001,{agent},EDGE-{month:%m}-{i},{at}\n")
    with (folder / "purchases.csv").open("a", newline="", encoding="utf-8") as fh:
        for i, on in enumerate(days):
            fh.write(f"ODEDGE{month:%Y%m}{i},S001,{agent},EDGE-{month:%m}-{i},{on},first,\n")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> tuple[Path, Path]:
    """(exports, schemes): the four months and the three scheme files, once for both
    warehouses."""
    root = tmp_path_factory.mktemp("periods")
    exports = root / "exports"
    options = GeneratorOptions(stores=1, agents_per_store=4, seed=13, clean=True, period_end_day=25)
    list(generate(exports, AUG, NOV, options))
    for month in MONTHS:
        add_edges(exports / f"{month:%Y-%m}", month)
    return exports, scheme_files(root / "schemes")


# ---------------------------------------------------------------- the test


def dates(frame: pl.DataFrame) -> pl.DataFrame:
    """SQLite hands dates back as text, PostgreSQL as dates: dates either way."""
    return frame.with_columns(
        pl.col(c).cast(pl.String).str.to_date()
        for c in ("month_start", "period_start_on", "period_end_on", "deadline_on")
        if c in frame.columns
    )


def test_a_backfill_across_period_switches_publishes_what_an_independent_recount_finds(
    prefect_server, url, history
):
    exports, schemes = history
    results = backfill_months(AUG, NOV, paths(exports, url, schemes))
    assert [r.status for r in results] == ["published"] * 4

    agents = dates(query(url, "SELECT * FROM v_kpi_agent_current ORDER BY month_start, agent_id"))
    teams = dates(query(url, "SELECT * FROM v_kpi_team_current ORDER BY month_start, team_id"))
    for month in MONTHS:
        for rows in (agents, teams):
            stamped = rows.filter(pl.col("month_start") == month)
            assert stamped.height > 0
            assert set(stamped.select("period_start_on", "period_end_on").rows()) == {
                PERIODS[month]
            }, month
    # Chained through the published rows: each period starts the day after the last ended.
    chain = agents.select("period_start_on", "period_end_on").unique().sort("period_start_on")
    ends, starts = chain["period_end_on"].to_list()[:-1], chain["period_start_on"].to_list()[1:]
    assert [s - e for s, e in zip(starts, ends, strict=True)] == [timedelta(days=1)] * 3
    assert agents.select("month_start", "scheme_version").unique().sort("month_start").rows() == [
        (AUG, "first-period"),
        (SEP, "calendar"),
        (OCT, "periods-business-hours"),
        (NOV, "periods-business-hours"),
    ]

    inputs = dates(
        query(
            url,
            "SELECT month_start, source, rows_out_of_period FROM kpi_run_input WHERE run_id IN "
            "(SELECT DISTINCT run_id FROM v_kpi_agent_current)",
        )
    )
    appeals = dates(
        query(
            url,
            "SELECT month_start, appeal_id, is_applied, reason, deadline_on "
            "FROM kpi_appeal_outcome WHERE is_current ORDER BY month_start, appeal_id",
        )
    ).with_columns(pl.col("is_applied").cast(pl.Boolean))
    for month in MONTHS:
        expected = recount(exports / f"{month:%Y-%m}", month, RULES[month])
        of_month = pl.col("month_start") == month
        published = (
            agents.filter(of_month)
            .select("agent_id", *COUNTS)
            .cast(dict.fromkeys(COUNTS, pl.Int64))
        )
        assert_frame_equal(published, expected.counts)
        got = dict(inputs.filter(of_month).select("source", "rows_out_of_period").rows())
        assert {name: got[name] for name in expected.out_of_period} == expected.out_of_period
        assert expected.out_of_period["receptions"] >= 2  # the edges, at least
        assert_frame_equal(
            appeals.filter(of_month).drop("month_start"), expected.appeals, check_dtypes=False
        )

    # The recount is not equal by accident: October's timely counts on the wall clock
    # differ from the published ones, and its first appeal (approved, in time) names a
    # survey of 2026-09-27: in the generator's 26th-to-25th period but before October's,
    # so not a record the appeal may name.
    wall = recount(exports / "2026-10", OCT, replace(BUSINESS, business_hours=None))
    october = agents.filter(pl.col("month_start") == OCT)["timely_count"].to_list()
    assert wall.counts["timely_count"].to_list() != october
    assert ("AP2026100000", False, "record_not_found") in appeals.select(
        "appeal_id", "is_applied", "reason"
    ).rows()

    # The statements read the periods back from the warehouse (feedback.md part 1).
    engine = connect(url)
    try:
        for month, shown in (
            (SEP, "2026-08-21 to 2026-09-30 (41 days)"),
            (OCT, "2026-10-01 to 2026-10-25 (25 days)"),
        ):
            data = read_month(engine, month, None)
            pages = Pages(data, "en")
            assert all(shown in pages.agent_page(a) for a in data.cards["agent_id"]), month
    finally:
        engine.dispose()
