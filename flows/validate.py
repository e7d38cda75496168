"""Extract and validate one month: the first half of every pipeline run.

extract (read every file as text) → classify each file (`transforms.quarantine`) →
roster rules (an invalid roster fails the month) → reconcile the counts of every file →
check accepted rows against their pandera model → reject-rate threshold.

`kpi validate` runs the `validate_month` flow and prints its report; the month-end run
calls the same tasks before scoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from prefect import flow, task

from flows.errors import RosterError, retry_unless_expected
from flows.extract import ExportFile, find_files, read_export
from schemas import MODELS
from schemas.contracts import AGENTS, APPEALS, EXPORTS_BY_NAME
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


@task(name="read-exports", retries=2, retry_delay_seconds=2,
      retry_condition_fn=retry_unless_expected)
def read_month(exports_dir: Path, month_start: date) -> dict[str, ExportFile]:
    """Every export file of the month, as text (I/O: an OS error, e.g. a flaky network
    share, is retried; bad input is not)."""
    paths = find_files(month_folder(exports_dir, month_start))
    return {name: read_export(path, EXPORTS_BY_NAME[name]) for name, path in paths.items()}


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


@task(name="validate-exports")
def validate_files(
    files: dict[str, ExportFile], month_start: date, max_reject_rate: float
) -> ValidatedMonth:
    """Classify, reconcile and check every file (pure polars + pandera, no I/O)."""
    agents = files[AGENTS.name]
    classified_agents = classify(agents.frame.lazy(), AGENTS).collect()
    _check_roster(agents, classified_agents.lazy())
    # Exact duplicate roster rows collapse (counted as duplicates, like any file's).
    roster = active_agents(accepted_rows(classified_agents.lazy(), AGENTS), month_start).collect()
    MODELS[AGENTS.name].validate(roster.drop("is_active"))
    known = roster["agent_id"]
    active = roster.filter(pl.col("is_active"))["agent_id"]

    inputs, rejected, records, breaches = [], [], {}, []
    for name, file in files.items():
        export = file.export
        classified = (
            classified_agents if export is AGENTS
            else classify(file.frame.lazy(), export, month_start=month_start,
                          known_agent_ids=known, active_agent_ids=active).collect()
        )
        counts = row_counts(classified.lazy()).collect().row(0, named=True)
        _reconcile(file, counts)
        inputs.append({"source": name, "file_name": file.file_name,
                       "file_sha256": file.sha256, "encoding": file.encoding, **counts})
        rejected.append(
            rejected_rows(classified.lazy(), export)
            .with_columns(source=pl.lit(name), file_name=pl.lit(file.file_name))
            .collect()
        )
        if export is not AGENTS:
            records[name] = MODELS[name].validate(
                accepted_rows(classified.lazy(), export).collect()
            )
        if (message := _breach(file, counts, max_reject_rate)) is not None:
            breaches.append(message)
    records[AGENTS.name] = roster
    if APPEALS.name not in records:  # the appeals file is optional: no appeals
        records[APPEALS.name] = pl.DataFrame(schema=typed_schema(APPEALS))
    rejected_frame = pl.concat(rejected, how="vertical").select(
        "source", "file_name", "row_number", "record_id", "reasons", "raw"
    )
    return ValidatedMonth(
        month_start, pl.DataFrame(inputs), rejected_frame, roster, records, breaches
    )


@flow(name="validate-month")
def validate_month(
    exports_dir: Path,
    month_start: date,
    max_reject_rate: float = DEFAULT_MAX_REJECT_RATE,
) -> ValidatedMonth:
    """Extract and validate one month; breaches are reported in the result, not raised."""
    files = read_month(exports_dir, month_start)
    return validate_files(files, month_start, max_reject_rate)
