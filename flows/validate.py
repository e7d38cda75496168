"""Extract and validate one month: the first half of every pipeline run.

File by file, the roster first: extract (read the file as text) → classify its rows
(`transforms.quarantine`) → for the roster, its rules (an invalid roster fails the
month) → reconcile the counts → check the accepted rows against their pandera model →
reject-rate threshold. Only one file's text is in memory at a time: each is dropped
once its accepted rows, rejected rows and counts are out.

These are plain functions: `kpi validate` calls `extract_and_validate` as it is (no
Prefect); the month-end flow passes the same steps wrapped as Prefect tasks (`Steps`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from flows.archive import unwritable
from flows.errors import RosterError
from flows.extract import ExportFile, find_files, read_export
from schemas.contracts import AGENTS, APPEALS, EXPORTS_BY_NAME, Export
from schemas.models import MODELS
from schemas.scheme import TOLERANCE
from transforms.periods import Period, calendar_month
from transforms.quarantine import (
    COUNT_COLUMNS,
    accepted_rows,
    archive_rows,
    classify,
    reason_summary,
    rejected_rows,
    row_counts,
    typed_schema,
)
from transforms.roster import active_agents, roster_problems

_SHOWN_ROSTER_PROBLEMS = 5


@dataclass
class ValidatedMonth:
    """What validation of one month produced.

    - ``inputs``: one row per source file (the future ``kpi_run_input`` without run_id);
    - ``rejected``: one row per rejected row of every file (``kpi_rejected_row`` shape);
    - ``roster``: the roster, one row per agent_id, with ``is_active``;
    - ``records``: accepted rows per export name, typed and checked by their model;
    - ``breaches``: files over the reject threshold, as operator messages.

    Rows outside ``period`` are out of period; agents are active against it.
    """

    month_start: date
    period: Period  # the month's evaluation period (scheme.md §9.1)
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
        "depends on it, so the month is not run:\n"
        + "\n".join(lines)
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
    if rejected / read <= max_reject_rate + TOLERANCE:
        return None
    return (
        f"{file.path}: {rejected} of {read} rows rejected ({rejected / read:.1%}), over "
        f"the scheme's max_reject_rate of {max_reject_rate:.1%}"
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


def _outcome(
    file: ExportFile,
    classified: pl.LazyFrame,
    accepted: pl.LazyFrame | None,
    max_reject_rate: float,
    archive: Path | None,
) -> FileOutcome:
    # One evaluation of the classification feeds the counts, the rejects, the records and
    # the archive (`archive`: the run's archive folder, None: no archive, kpi validate).
    sinks = []
    if archive is not None:
        sinks.append(
            archive_rows(classified, file.export).sink_parquet(
                archive / f"{file.export.name}.parquet", compression="zstd", lazy=True
            )
        )
    try:
        counts, rejected, *records = pl.collect_all(
            [
                row_counts(classified),
                rejected_rows(classified, file.export).with_columns(
                    source=pl.lit(file.export.name), file_name=pl.lit(file.file_name)
                ),
                *([accepted] if accepted is not None else []),
                *sinks,
            ]
        )
    except OSError as exc:
        # Only the archive's sink writes: any OS error here is the archive's (a full disk,
        # a folder removed or made read-only under the run).
        if archive is None:
            raise
        raise unwritable(archive, exc) from exc
    records = records[: 1 if accepted is not None else 0]
    counts = counts.row(0, named=True)
    _reconcile(file, counts)
    return FileOutcome(
        {
            "source": file.export.name,
            "file_name": file.file_name,
            "file_sha256": file.sha256,
            "file_bytes": file.size,
            "encoding": file.encoding,
            **counts,
        },
        rejected.select("source", "file_name", "row_number", "record_id", "reasons", "raw"),
        records[0] if records else None,
        _breach(file, counts, max_reject_rate),
    )


def read_file(path: Path, export: Export) -> ExportFile:
    """One export file as text (I/O: an OS error, e.g. a flaky network share, is
    retryable; bad input is not)."""
    return read_export(path, export)


def validate_roster(
    agents: ExportFile, period: Period, max_reject_rate: float, archive: Path | None = None
) -> Roster:
    """Roster rules (raises RosterError), then the roster with each agent's activity in
    the period."""
    classified = classify(agents.frame.lazy(), AGENTS).collect()
    _check_roster(agents, classified.lazy())
    # Exact duplicate roster rows collapse (counted as duplicates, like any file's).
    roster = active_agents(accepted_rows(classified.lazy(), AGENTS), period).collect()
    MODELS[AGENTS.name].validate(roster.drop("is_active"))
    return Roster(_outcome(agents, classified.lazy(), None, max_reject_rate, archive), roster)


def validate_file(
    file: ExportFile,
    period: Period,
    roster: pl.DataFrame,
    max_reject_rate: float,
    archive: Path | None = None,
) -> FileOutcome:
    """Classify, reconcile and check one record file (polars and pandera; with
    ``archive``, its rows are written there too)."""
    export = file.export
    classified = classify(
        file.frame.lazy(),
        export,
        period=period,
        known_agent_ids=roster["agent_id"],
        active_agent_ids=roster.filter(pl.col("is_active"))["agent_id"],
    )
    outcome = _outcome(
        file, classified, accepted_rows(classified, export), max_reject_rate, archive
    )
    outcome.records = MODELS[export.name].validate(outcome.records)
    return outcome


@dataclass(frozen=True)
class Steps:
    """The steps of `extract_and_validate`: plain functions, or the same as tasks."""

    read: Callable[..., ExportFile] = read_file
    roster: Callable[..., Roster] = validate_roster
    file: Callable[..., FileOutcome] = validate_file


def extract_and_validate(
    exports_dir: Path,
    month_start: date,
    max_reject_rate: float,
    *,
    period: Period | None = None,
    steps: Steps = Steps(),
    exports_hint: str = "--exports (or KPI_EXPORTS_DIR)",
    archive: Path | None = None,
) -> ValidatedMonth:
    """Every file of the month, read and validated one at a time, roster first, against
    the month's evaluation ``period`` (default: the calendar month). With ``archive`` (a
    folder), every row read is written there too, one Parquet file per export."""
    period = period or calendar_month(month_start)
    paths = find_files(month_folder(exports_dir, month_start), exports_hint=exports_hint)
    roster = steps.roster(steps.read(paths[AGENTS.name], AGENTS), period, max_reject_rate, archive)
    outcomes = [roster.outcome]
    records = {AGENTS.name: roster.agents}
    for name, path in paths.items():
        if name == AGENTS.name:
            continue
        # The file's text lives only inside this call: it is freed before the next read.
        outcome = steps.file(
            steps.read(path, EXPORTS_BY_NAME[name]),
            period,
            roster.agents,
            max_reject_rate,
            archive,
        )
        outcomes.append(outcome)
        records[name] = outcome.records
    if APPEALS.name not in records:  # the appeals file is optional: no appeals
        records[APPEALS.name] = pl.DataFrame(schema=typed_schema(APPEALS))
    return ValidatedMonth(
        month_start,
        period,
        pl.DataFrame([o.input for o in outcomes]),
        pl.concat([o.rejected for o in outcomes], how="vertical"),
        roster.agents,
        records,
        [o.breach for o in outcomes if o.breach is not None],
    )
