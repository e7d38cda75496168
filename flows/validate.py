"""Extract and validate one month: the first half of every pipeline run.

File by file, the roster first: extract (read the file as text) → classify its rows
(`transforms.quarantine`) → for the roster, its rules (an invalid roster fails the
month) → reconcile the counts → check the accepted rows against their pandera model →
reject-rate threshold. Only one file's text is in memory at a time: each is dropped
once its accepted rows, rejected rows and counts are out.

`kpi validate` runs the `validate_month` flow and prints its report; the month-end run
calls `extract_and_validate` before scoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.errors import RosterError, retry_unless_expected
from flows.extract import ExportFile, find_files, read_export
from schemas import MODELS
from schemas.contracts import AGENTS, APPEALS, EXPORTS_BY_NAME, Export
from transforms.periods import calendar_month
from transforms.quarantine import (
    COUNT_COLUMNS,
    accepted_rows,
    classify,
    reason_summary,
    rejected_rows,
    row_counts,
    typed_schema,
)
from transforms.roster import active_agents, roster_problems

DEFAULT_MAX_REJECT_RATE = 0.02  # the default scheme's; runs pass their scheme's rate
# Rates are compared with a tolerance so that 2 rejects of 100 rows is not "over 2 %".
_EPSILON = 1e-9
_SHOWN_ROSTER_PROBLEMS = 5


@dataclass
class ValidatedMonth:
    """What validation of one month produced.

    - ``inputs``: one row per source file (the future ``kpi_run_input`` without run_id);
    - ``rejected``: one row per rejected row of every file (``kpi_rejected_row`` shape);
    - ``roster``: the roster, one row per agent_id, with ``is_active``;
    - ``records``: accepted rows per export name, typed and checked by their model;
    - ``breaches``: files over the reject threshold, as operator messages.
    """

    month_start: date
    inputs: pl.DataFrame
    rejected: pl.DataFrame
    roster: pl.DataFrame
    records: dict[str, pl.DataFrame]
    breaches: list[str] = field(default_factory=list)

    def reasons(self, top: int = 3) -> pl.DataFrame:
        return reason_summary(self.rejected.lazy(), top=top).collect()


def month_folder(exports_dir: Path, month_start: date) -> Path:
    return exports_dir / f"{month_start:%Y-%m}"


def _check_roster(agents: ExportFile, classified: pl.LazyFrame) -> None:
    problems = roster_problems(classified).collect()
    if problems.is_empty():
        return
    lines = [
        f"  row {r['row_number']} (agent_id {r['agent_id'] or '?'}): {r['problem']}"
        for r in problems.head(_SHOWN_ROSTER_PROBLEMS).iter_rows(named=True)
    ]
    more = problems.height - len(lines)
    raise RosterError(
        f"{agents.path}: the roster is invalid ({problems.height} row(s)); every score "
        "depends on it, so the month is not run:\n" + "\n".join(lines)
        + (f"\n  … and {more} more" if more > 0 else "")
        + "\nCorrect these rows in the HR/CRM roster and export agents again."
    )


def _reconcile(file: ExportFile, counts: dict[str, int]) -> None:
    """rows read = accepted + rejected + duplicates + out of period, exactly."""
    parts = sum(counts[c] for c in COUNT_COLUMNS[1:])
    if counts["rows_read"] != file.frame.height or parts != counts["rows_read"]:
        raise AssertionError(  # a bug in the classification, never bad input
            f"{file.path}: row counts do not reconcile: {counts} (frame has "
            f"{file.frame.height} rows)"
        )


def _breach(file: ExportFile, counts: dict[str, int], max_reject_rate: float) -> str | None:
    read, rejected = counts["rows_read"], counts["rows_rejected"]
    if not file.export.counts_toward_reject_rate or read == 0:
        return None
    if rejected / read <= max_reject_rate + _EPSILON:
        return None
    return (
        f"{file.path}: {rejected} of {read} rows rejected ({rejected / read:.1%}), over "
        f"the scheme's max_reject_rate of {max_reject_rate:.1%}; fix the rows listed by "
        "`kpi validate` and export again, or publish anyway with --allow-rejects"
    )


@dataclass
class FileOutcome:
    """One file validated: its ``kpi_run_input`` row (without run id), its rejected rows,
    its accepted rows typed and checked (None for the roster), its threshold breach."""

    input: dict[str, object]
    rejected: pl.DataFrame
    records: pl.DataFrame | None
    breach: str | None


@dataclass
class Roster:
    outcome: FileOutcome
    agents: pl.DataFrame  # one row per agent_id, with is_active


def _outcome(file: ExportFile, classified: pl.LazyFrame, accepted: pl.LazyFrame | None,
             max_reject_rate: float) -> FileOutcome:
    # One evaluation of the classification feeds the counts, the rejects and the records.
    counts, rejected, *records = pl.collect_all([
        row_counts(classified),
        rejected_rows(classified, file.export).with_columns(
            source=pl.lit(file.export.name), file_name=pl.lit(file.file_name)),
        *([accepted] if accepted is not None else []),
    ])
    counts = counts.row(0, named=True)
    _reconcile(file, counts)
    return FileOutcome(
        {"source": file.export.name, "file_name": file.file_name,
         "file_sha256": file.sha256, "encoding": file.encoding, **counts},
        rejected.select("source", "file_name", "row_number", "record_id", "reasons", "raw"),
        records[0] if records else None,
        _breach(file, counts, max_reject_rate),
    )


# NO_CACHE on every task: Prefect's default cache key would hash (pickle) the frames, and
# caching a month's rows would store them outside the warehouse.
@task(name="read-export", retries=2, retry_delay_seconds=2,
      retry_condition_fn=retry_unless_expected, cache_policy=NO_CACHE)
def read_file(path: Path, export: Export) -> ExportFile:
    """One export file as text (I/O: an OS error, e.g. a flaky network share, is
    retried; bad input is not)."""
    return read_export(path, export)


@task(name="validate-roster", cache_policy=NO_CACHE)
def validate_roster(agents: ExportFile, month_start: date, max_reject_rate: float) -> Roster:
    """Roster rules (raises RosterError), then the roster with each agent's activity."""
    classified = classify(agents.frame.lazy(), AGENTS).collect()
    _check_roster(agents, classified.lazy())
    # Exact duplicate roster rows collapse (counted as duplicates, like any file's).
    # The calendar month until the scheme's period (scheme.md §9.1) is wired in.
    roster = active_agents(accepted_rows(classified.lazy(), AGENTS),
                           calendar_month(month_start)).collect()
    MODELS[AGENTS.name].validate(roster.drop("is_active"))
    return Roster(_outcome(agents, classified.lazy(), None, max_reject_rate), roster)


@task(name="validate-export", cache_policy=NO_CACHE)
def validate_file(file: ExportFile, month_start: date, roster: pl.DataFrame,
                  max_reject_rate: float) -> FileOutcome:
    """Classify, reconcile and check one record file (pure polars + pandera, no I/O)."""
    export = file.export
    classified = classify(
        file.frame.lazy(), export, period=calendar_month(month_start),
        known_agent_ids=roster["agent_id"],
        active_agent_ids=roster.filter(pl.col("is_active"))["agent_id"])
    outcome = _outcome(file, classified, accepted_rows(classified, export), max_reject_rate)
    outcome.records = MODELS[export.name].validate(outcome.records)
    return outcome


def extract_and_validate(exports_dir: Path, month_start: date, max_reject_rate: float, *,
                         plain: bool = False) -> ValidatedMonth:
    """Every file of the month, read and validated one at a time, roster first.

    Runs the steps as Prefect tasks; ``plain=True`` runs the same steps as plain
    functions (tests and tools that run outside a flow).
    """
    read, roster_step, file_step = (
        (t.fn if plain else t) for t in (read_file, validate_roster, validate_file))
    paths = find_files(month_folder(exports_dir, month_start))
    roster = roster_step(read(paths[AGENTS.name], AGENTS), month_start, max_reject_rate)
    outcomes = [roster.outcome]
    records = {AGENTS.name: roster.agents}
    for name, path in paths.items():
        if name == AGENTS.name:
            continue
        # The file's text lives only inside this call: it is freed before the next read.
        outcome = file_step(read(path, EXPORTS_BY_NAME[name]), month_start, roster.agents,
                            max_reject_rate)
        outcomes.append(outcome)
        records[name] = outcome.records
    if APPEALS.name not in records:  # the appeals file is optional: no appeals
        records[APPEALS.name] = pl.DataFrame(schema=typed_schema(APPEALS))
    return ValidatedMonth(
        month_start,
        pl.DataFrame([o.input for o in outcomes]),
        pl.concat([o.rejected for o in outcomes], how="vertical"),
        roster.agents,
        records,
        [o.breach for o in outcomes if o.breach is not None],
    )


@flow(name="validate-month")
def validate_month(
    exports_dir: Path,
    month_start: date,
    max_reject_rate: float = DEFAULT_MAX_REJECT_RATE,
) -> ValidatedMonth:
    """Extract and validate one month; breaches are reported in the result, not raised."""
    return extract_and_validate(exports_dir, month_start, max_reject_rate)
