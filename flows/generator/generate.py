"""`kpi generate`: realistic, seeded, reproducible synthetic exports.

Volumes per active agent and month (a group of 200 stores x 10 agents gives about
5 M rows a month): receptions ~750, surveys ~150, complaints ~2 (from ~0.6 for a strong
agent to ~9 for a struggling one), purchases ~30, consultations ~1,500; appeals a few
per store; interviews two rows per weak or struggling agent.

The department tells a story (`kpi demo` prints it): each agent has a profile
(PROFILES) that sets their ratings, complaints and response times month after month.
A store of ten has two strong agents, three steady, three average, one weak and one
struggling: under the default scheme most land in tiers B-C, the weak one around the
warning line, the struggling one warned every month (so on demotion review from the
second month) and on complaint review. In a store with teams, one team holds the best
agents and its complaints are all found groundless on investigation, so it earns the
team reward. Each month's first appeal applies; the rest end every other way. A
store of five or more has an outstanding agent (tier A every month: an outstanding
performer from the third month). The weak and struggling agents are interviewed after
each month with two goals each, some met and some missed, except the last store's
struggling agent, who is warned and never interviewed (`flows.generator.interviews`).

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
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from flows.common.errors import UsageError
from flows.generator.files import _listed, _roster_text, _style, _Writer
from flows.generator.interviews import interviews
from flows.generator.options import (
    ID_PREFIXES,
    PER_AGENT,
    STORES_PER_CHUNK,
    FileStyle,
    GenerateError,
    GeneratorOptions,
    _period,
)
from flows.generator.planting import (
    _NEED_THE_MONTH_BEFORE,
    Generation,
    WrittenMistake,
    _Mistakes,
    _MonthBefore,
)
from flows.generator.records import _records, _render, _spoil
from flows.generator.roster import _active_windows, build_roster
from schemas.contracts import APPEALS, EXPORTS_BY_NAME, INTERVIEWS, RECORD_EXPORTS, Export
from transforms.months import months_between, previous_month
from transforms.periods import Period

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

    counts |= _write_templates(
        folder,
        month_start,
        {
            APPEALS: _appeals(rng, month_start, period, active, samples, options.clean),
            INTERVIEWS: interviews(month_start, period, active, options.clean),
        },
    )
    counts["agents"] = _write_roster(folder, roster_text, roster, agents_style, month_start, plan)
    return counts, kept, plan.written if plan else []


def _write_templates(
    folder: Path, month_start: date, frames: dict[Export, pl.DataFrame]
) -> dict[str, int]:
    """The department's own files (appeals, interviews), typed into its templates:
    English-header UTF-8 CSV; their row counts."""
    counts = {}
    for export, frame in frames.items():
        writer = _Writer(
            folder / f"{export.name}.csv",
            export,
            FileStyle(".csv", "utf-8", "en", False, False),
            month_start,
        )
        writer.append(frame)
        writer.close()
        counts[export.name] = writer.rows
    return counts


def _write_roster(
    folder: Path,
    roster_text: pl.DataFrame,
    roster: pl.DataFrame,
    style: FileStyle,
    month_start: date,
    plan: _Mistakes | None,
) -> int:
    """The month's roster file (with the plan's mistakes, if any); its rows."""
    agents = EXPORTS_BY_NAME["agents"]
    if plan:
        writer = plan.writer(folder, agents, plan.style("agents", style))
        writer.append(plan.roster(roster_text, roster))
        plan.close_roster(writer)
    else:
        writer = _Writer(folder / f"agents{style.suffix}", agents, style, month_start)
        writer.append(roster_text)
        writer.close()
    return writer.rows
