"""Extract and validate one month: the first half of every pipeline run.

File by file, the roster first and then the largest file first (so that, of two
broken files, the larger one's problem is told first): extract (read the file as text)
→ classify its rows (`transforms.quarantine`) → for the roster, its rules (an invalid
roster fails the month) → reconcile the counts → check the accepted rows against their
pandera model → reject-rate threshold. Only one file's text is in memory at a time:
each is dropped once its accepted rows, rejected rows and counts are out.

These are plain functions: `kpi validate` calls `extract_and_validate` as it is (no
Prefect); the month-end flow passes the same steps wrapped as Prefect tasks (`Steps`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from flows.common.errors import (
    AnotherMonthsFile,
    IncompleteMonth,
    KpiError,
    RejectThresholdExceeded,
    RosterError,
)
from flows.inputs.extract import ExportFile, find_files, read_export
from flows.storage.archive import unwritable
from schemas.contracts import (
    AGENTS,
    APPEALS,
    EXPORTS_BY_NAME,
    INTERVIEWS,
    MONTH_MISMATCH,
    SOURCE_LINE,
    Export,
)
from schemas.models import MODELS
from schemas.scheme import TOLERANCE, DataQuality, Scheme
from transforms.interviews import interview_rules
from transforms.periods import Period, calendar_month
from transforms.plausibility import (
    PROFILE_SCHEMA,
    agent_reject_shares,
    dated_rows,
    longest_silences,
    profile,
    store_volumes,
    unknown_agents,
)
from transforms.quarantine import (
    COUNT_COLUMNS,
    REJECTED_COLUMNS,
    ROW_NUMBER,
    OwnRules,
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
    - ``breaches``: files over the reject threshold, as operator messages;
    - ``profiles``: the record files' profiles (`transforms.plausibility.profile`), which
      the month-wide plausibility and completeness rules read;
    - ``quality``: the scheme's data-quality rules the month was judged by.

    Rows outside ``period`` are out of period; agents are active against it.
    """

    month_start: date
    period: Period  # the month's evaluation period (scheme.md §9.1)
    inputs: pl.DataFrame
    rejected: pl.DataFrame
    roster: pl.DataFrame
    records: dict[str, pl.DataFrame]
    breaches: list[str] = field(default_factory=list)
    profiles: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=PROFILE_SCHEMA))
    quality: DataQuality = field(default_factory=lambda: _quality(0.02))
    folder: Path | None = None  # the month folder read
    # Per source, each contract column by the header the clerk sees in the file.
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def reasons(self, top: int = 3) -> pl.DataFrame:
        return reason_summary(self.rejected.lazy(), top=top).collect()

    def uncounted(self) -> dict[str, int]:
        return uncounted(self.inputs)

    def another_month(self) -> pl.DataFrame:
        """The record files most of whose dated rows lie outside the period."""
        dated = dated_rows(self.profiles.lazy(), self.period).collect()
        return dated.filter("is_another_month").join(
            self.inputs.select("source", "file_name", "sheet"), on="source", how="left"
        )

    def unknown_agents(self) -> pl.DataFrame:
        """Unknown agent ids with as many rows as a missing roster line has."""
        found = unknown_agents(
            self.profiles.lazy(), min_rows=self.quality.unknown_agent_min_rows
        ).collect()
        return found.filter("is_roster_problem")

    def agents_losing_rows(self) -> pl.DataFrame:
        """Roster agents who lost more than their share of rows to rejects."""
        return agent_reject_shares(
            self.profiles.lazy(),
            self.roster.lazy(),
            max_share=self.quality.max_agent_reject_share,
        ).collect()

    def volumes(self) -> pl.DataFrame:
        """Rows read per store and judged export (`scheme.md` §9.3)."""
        return store_volumes(self.profiles.lazy(), self.roster.lazy()).collect()

    def silences(self) -> pl.DataFrame:
        return longest_silences(self.profiles.lazy(), self.period).collect()

    def open_stores(self) -> pl.DataFrame:
        """The stores with an active agent in the month's roster."""
        return self.roster.filter("is_active").select("store_id").unique()


def uncounted(inputs: pl.DataFrame) -> dict[str, int]:
    """Rows rejected, collapsed as duplicates and out of period, over every file of
    ``inputs`` (``kpi_run_input``'s rows of one run)."""
    columns = ("rows_rejected", "rows_duplicate", "rows_out_of_period")
    return {c: int(inputs[c].sum()) for c in columns}


def _quality(rules: DataQuality | float) -> DataQuality:
    """The scheme's data-quality rules; a bare number is a ``max_reject_rate`` with the
    other rules at their defaults (tests and benchmarks that only set the rate)."""
    return rules if isinstance(rules, DataQuality) else DataQuality(max_reject_rate=rules)


def month_folder(exports_dir: Path, month_start: date) -> Path:
    return exports_dir / f"{month_start:%Y-%m}"


def _with_values(problem: str, row: dict) -> str:
    """A roster row's reasons, each invalid value shown as read (``invalid_value:hired_on
    '2026-13-01'``), so the clerk sees what to correct."""
    shown = []
    for reason in problem.split(";"):
        code, _, column = reason.partition(":")
        value = row.get(column) if code == "invalid_value" else None
        shown.append(f"{reason} {value!r}" if value is not None else reason)
    return "; ".join(shown)


def _check_roster(agents: ExportFile, classified: pl.LazyFrame) -> None:
    problems = roster_problems(classified).collect()
    if problems.is_empty():
        return
    rows = problems.join(classified.drop("agent_id").collect(), on=ROW_NUMBER, how="left")
    word = "line" if agents.sheet is None else "row"
    lines = [
        f"  {word} {r[SOURCE_LINE]} (agent_id {r['agent_id'] or '?'}): "
        + _with_values(r["problem"], r)
        for r in rows.head(_SHOWN_ROSTER_PROBLEMS).iter_rows(named=True)
    ]
    more = problems.height - len(lines)
    raise RosterError(
        f"{agents.where()}: the roster is invalid ({problems.height} row(s)); every score "
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


def _breach(file: ExportFile, counts: dict[str, int], quality: DataQuality) -> str | None:
    """A file fails on rejects when they exceed ``max_reject_rate`` of its rows read and
    number at least ``min_reject_count``: one bad row cannot block a small file."""
    read, rejected = counts["rows_read"], counts["rows_rejected"]
    if not file.export.counts_toward_reject_rate or read == 0:
        return None
    if rejected / read <= quality.max_reject_rate + TOLERANCE:
        return None
    if rejected < quality.min_reject_count:
        return None
    return (
        f"{_where(file)}: {rejected} of {read} rows rejected ({rejected / read:.1%}), over "
        f"the scheme's max_reject_rate of {quality.max_reject_rate:.1%}"
    )


def _where(file: ExportFile) -> str:
    """The file as the clerk finds it: its path, and the sheet of a spreadsheet."""
    return file.where()


@dataclass
class FileOutcome:
    """One file validated: its ``kpi_run_input`` row (without run id), its rejected rows,
    its accepted rows typed and checked (None for the roster), its threshold breach."""

    input: dict[str, object]
    rejected: pl.DataFrame
    records: pl.DataFrame | None
    breach: str | None
    profile: pl.DataFrame | None = None  # record files only
    headers: dict[str, str] = field(default_factory=dict)  # column -> header as found


@dataclass
class Roster:
    outcome: FileOutcome
    agents: pl.DataFrame  # one row per agent_id, with is_active


def _outcome(
    file: ExportFile,
    classified: pl.LazyFrame,
    accepted: pl.LazyFrame | None,
    quality: DataQuality,
    archive: Path | None,
) -> FileOutcome:
    # One evaluation of the classification feeds the counts, the rejects, the records,
    # the file's profile and the archive (`archive`: the run's archive folder, None: no
    # archive, kpi validate).
    export = file.export
    queries = {
        "counts": row_counts(classified),
        "rejected": rejected_rows(classified, export).with_columns(
            source=pl.lit(export.name), file_name=pl.lit(file.file_name)
        ),
    }
    if accepted is not None:
        queries["records"] = accepted
    if export.event_column:
        queries["profile"] = profile(classified, export)
    sinks = []
    if archive is not None:
        sinks.append(
            archive_rows(classified, export).sink_parquet(
                archive / f"{export.name}.parquet",
                compression="zstd",
                # Level 1: 12 % less time than the default for the same bytes (rows of
                # text compress as well either way; benchmarks.archive_cost).
                compression_level=1,
                lazy=True,
            )
        )
    try:
        frames = dict(zip(queries, pl.collect_all([*queries.values(), *sinks]), strict=False))
    except (OSError, pl.exceptions.ComputeError) as exc:
        # Only the archive's sink writes: any OS error here is the archive's (a full disk,
        # a folder removed or made read-only under the run); polars' Parquet writer
        # reports some of them (a full disk) as a ComputeError naming the OS error.
        if archive is None or not (isinstance(exc, OSError) or _OS_ERROR.search(str(exc))):
            raise
        raise unwritable(archive, exc) from exc
    counts = frames["counts"].row(0, named=True)
    _reconcile(file, counts)
    return FileOutcome(
        {
            "source": export.name,
            "file_name": file.file_name,
            "file_sha256": file.sha256,
            "file_bytes": file.size,
            "encoding": file.encoding,
            "sheet": file.sheet,
            "rows_skipped": file.skipped_rows,
            **counts,
        },
        frames["rejected"].select(REJECTED_COLUMNS),
        frames.get("records"),
        _breach(file, counts, quality),
        frames.get("profile"),
        file.column_headers,
    )


_OS_ERROR = re.compile(
    r"os error \d+|No space left|Permission denied|Read-only file system|quota exceeded", re.I
)


def read_file(path: Path, export: Export) -> ExportFile:
    """One export file as text (I/O: an OS error, e.g. a flaky network share, is
    retryable; bad input is not)."""
    return read_export(path, export)


def validate_roster(
    agents: ExportFile,
    period: Period,
    quality: DataQuality | float,
    archive: Path | None = None,
) -> Roster:
    """Roster rules (raises RosterError), then the roster with each agent's activity in
    the period. A roster without agents is the roster's problem, before any other file
    is judged: every row of the month would be an unknown agent's."""
    classified = classify(agents.frame.lazy(), AGENTS).collect()
    _check_roster(agents, classified.lazy())
    # Exact duplicate roster rows collapse (counted as duplicates, like any file's).
    roster = active_agents(accepted_rows(classified.lazy(), AGENTS), period).collect()
    if roster.is_empty():
        raise RosterError(
            f"{_where(agents)}: the roster has no agents (no data row below its header); "
            "every score depends on it, so the month is not run. Export agents again "
            "with every agent of the month"
        )
    MODELS[AGENTS.name].validate(roster.drop("is_active"))
    outcome = _outcome(agents, classified.lazy(), None, _quality(quality), archive)
    return Roster(outcome, roster)


def validate_file(
    file: ExportFile,
    period: Period,
    roster: pl.DataFrame,
    quality: DataQuality | float,
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
        rules=_own_rules(export, period),
    )
    outcome = _outcome(
        file, classified, accepted_rows(classified, export), _quality(quality), archive
    )
    outcome.records = MODELS[export.name].validate(outcome.records)
    return outcome


def _own_rules(export: Export, period: Period) -> OwnRules:
    """The rules an export has beyond the contract's (the interviews'), for the month
    whose period ``period`` is (the period ends in its month)."""
    if export is INTERVIEWS:
        return interview_rules(period.end_on.replace(day=1), period)
    return OwnRules()


@dataclass(frozen=True)
class Steps:
    """The steps of `extract_and_validate`: plain functions, or the same as tasks."""

    read: Callable[..., ExportFile] = read_file
    roster: Callable[..., Roster] = validate_roster
    file: Callable[..., FileOutcome] = validate_file


def extract_and_validate(
    exports_dir: Path,
    month_start: date,
    quality: DataQuality | float,
    *,
    period: Period | None = None,
    steps: Steps = Steps(),
    exports_hint: str = "--exports (or KPI_EXPORTS_DIR)",
    archive: Path | None = None,
) -> ValidatedMonth:
    """Every file of the month, read and validated one at a time, roster first, against
    the month's evaluation ``period`` (default: the calendar month) and the scheme's
    data-quality rules. With ``archive`` (a folder), every row read is written there too,
    one Parquet file per export."""
    period = period or calendar_month(month_start)
    quality = _quality(quality)
    folder = month_folder(exports_dir, month_start)
    paths = find_files(folder, exports_hint=exports_hint)
    roster = steps.roster(steps.read(paths[AGENTS.name], AGENTS), period, quality, archive)
    by_name = {AGENTS.name: roster.outcome}
    # Largest file first: its text is then read while no other file's records are held,
    # which is when a month peaks (a group month 0.2 GB lower). Its rows and counts are
    # kept in the exports' order all the same.
    for name, path in sorted(paths.items(), key=lambda p: -p[1].stat().st_size):
        if name == AGENTS.name:
            continue
        # The file's text lives only inside this call: it is freed before the next read.
        by_name[name] = steps.file(
            steps.read(path, EXPORTS_BY_NAME[name]), period, roster.agents, quality, archive
        )
    outcomes = [by_name[name] for name in paths]
    records = {AGENTS.name: roster.agents}
    records |= {o.input["source"]: o.records for o in outcomes if o.records is not None}
    for optional in (APPEALS, INTERVIEWS):  # optional files: none of their rows
        if optional.name not in records:
            records[optional.name] = pl.DataFrame(schema=typed_schema(optional))
    profiles = [o.profile for o in outcomes if o.profile is not None]
    return ValidatedMonth(
        month_start,
        period,
        pl.DataFrame([o.input for o in outcomes]),
        pl.concat([o.rejected for o in outcomes], how="vertical"),
        roster.agents,
        records,
        [o.breach for o in outcomes if o.breach is not None],
        pl.concat(profiles) if profiles else pl.DataFrame(schema=PROFILE_SCHEMA),
        quality,
        folder,
        {o.input["source"]: o.headers for o in outcomes},
    )


# ---------------------------------------------------------------- the month as a whole


@dataclass(frozen=True)
class Problem:
    """A reason not to publish the month, as the operator reads it (`exports.md`,
    "Plausibility"; `scheme.md` §9.3). ``allowed_by``: the run option that publishes
    anyway (its use recorded as a warning), None: nothing does (the file must be
    replaced)."""

    error: type[KpiError]
    message: str  # what is wrong, where, and what to do
    allowed_by: str | None
    published_as: str = ""  # how the run's warnings name it when published anyway
    summary: str = ""  # the problem in one line, for the warning
    anyway: str = ", or publish anyway with {hint}"  # how the refusal offers the option

    def refusal(self, hint: str | None) -> KpiError:
        return self.error(self.message + (self.anyway.format(hint=hint) if hint else ""))

    def warning(self, hint: str) -> str:
        return f"published {self.published_as} ({hint}): {self.summary}"


def _month_column_of_another_month(validated: ValidatedMonth) -> list[str]:
    """The files at least half of whose rows name another month in their month column
    (``month_mismatch``: last month's interviews left in the folder). Publishing one would
    replace the month's recorded rows with none, so it is another month's file like a
    record file whose dates lie outside the period."""
    other = (
        validated.rejected.filter(pl.col("reasons").str.contains(MONTH_MISMATCH))
        .group_by("source")
        .agg(
            pl.len().alias("other"),
            pl.col("raw").str.json_path_match("$.month").mode().sort().first().alias("likely"),
        )
    )
    found = validated.inputs.join(other, on="source").filter(
        pl.col("other") * 2 >= pl.col("rows_read")
    )
    return [
        f"{validated.folder / r['file_name']}"
        + (f" (sheet {r['sheet']})" if r["sheet"] else "")
        + f": {r['other']:,} of its {r['rows_read']:,} rows are about another month "
        f"than {validated.month_start:%Y-%m}; most are about {r['likely']}"
        for r in found.sort("source").iter_rows(named=True)
    ]


def _another_month(validated: ValidatedMonth) -> Problem | None:
    wrong = validated.another_month()
    by_month = _month_column_of_another_month(validated)
    if wrong.is_empty() and not by_month:
        return None
    period, month = validated.period, f"{validated.month_start:%Y-%m}"
    lines = [
        f"{validated.folder / r['file_name']}"
        + (f" (sheet {r['sheet']})" if r["sheet"] else "")
        + f": {r['rows_in_period']:,} of its {r['rows_dated']:,} dated rows lie in {month}'s "
        f"period ({period.start_on}..{period.end_on}); most belong to {r['likely_month']}"
        for r in wrong.iter_rows(named=True)
    ] + by_month
    return Problem(
        AnotherMonthsFile,
        "not published: another month's file?\n  "
        + "\n  ".join(lines)
        + f"\nPut each file into its own month's folder and export {month}'s records into "
        f"{validated.folder}, then run again",
        None,
    )


def _unknown_agents(validated: ValidatedMonth) -> Problem | None:
    missing = validated.unknown_agents()
    if missing.is_empty():
        return None
    agents = validated.inputs.filter(pl.col("source") == AGENTS.name)["file_name"].item()
    lines = [
        f"agent_id {r['agent_id']}: {r['row_count']:,} rows ({r['sources']}), store(s) "
        f"{r['stores'] or '?'}"
        for r in missing.iter_rows(named=True)
    ]
    return Problem(
        RosterError,
        f"{validated.folder / agents}: the roster lacks agents whose rows are in the "
        "month's files (a new hire not yet in the roster?):\n  "
        + "\n  ".join(lines)
        + "\nAdd them to the roster and export agents again (their rows then count)",
        "allow_rejects",
        "with agents missing from the roster",
        "; ".join(lines),
        "; if these rows are no agent's of the month, publish anyway with {hint}",
    )


def _breaches(validated: ValidatedMonth) -> Problem | None:
    if not validated.breaches:
        return None
    return Problem(
        RejectThresholdExceeded,
        "not published: "
        + "\n".join(validated.breaches)
        + "\nFix the rows listed by `kpi validate` and export again",
        "allow_rejects",
        "over the reject threshold",
        " | ".join(validated.breaches),
    )


def incomplete_lines(completeness: pl.DataFrame) -> list[str]:
    """Each incomplete store export in words: store, export, count, median, silent days."""
    lines = []
    for r in completeness.filter("is_incomplete").iter_rows(named=True):
        median = f"{r['baseline_median']:,.1f}".removesuffix(".0")
        line = (
            f"store {r['store_id']} {r['source']}: {r['row_count']:,} rows against a median "
            f"of {median} over {r['baseline_months']} earlier month(s)"
        )
        if r["volume_share"] is not None:
            line += f" ({r['volume_share']:.0%})"
        if r["longest_silent_days"] is not None:
            line += f"; longest run without a reception: {r['longest_silent_days']} day(s)"
        lines.append(line)
    return lines


def _incomplete(completeness: pl.DataFrame, scheme: Scheme) -> Problem | None:
    lines = incomplete_lines(completeness)
    if not lines:
        return None
    rules = scheme.completeness
    return Problem(
        IncompleteMonth,
        "not published: incomplete against the stores' own history (below "
        f"{rules.min_volume_share:.0%} of the median, no rows at all, or more than "
        f"{rules.max_silent_days} days in a row without a reception):\n  "
        + "\n  ".join(lines)
        + "\nCheck that each export is whole (a row limit, a filter, a missing week, "
        "another store's file) and export it again",
        "allow_incomplete",
        "although incomplete",
        "; ".join(lines),
    )


def month_problems(
    validated: ValidatedMonth, completeness: pl.DataFrame | None, scheme: Scheme
) -> list[Problem]:
    """Why the month must not be published, most fundamental first: another month's
    file, agents missing from the roster, files over the reject threshold, stores whose
    exports are incomplete (``completeness``: as judged, None: not judged)."""
    found = [_another_month(validated), _unknown_agents(validated), _breaches(validated)]
    if completeness is not None:
        found.append(_incomplete(completeness, scheme))
    return [p for p in found if p is not None]


def agents_losing_rows(validated: ValidatedMonth) -> list[str]:
    """Agents who lost more than their share of rows to rejects, one warning each."""
    share = validated.quality.max_agent_reject_share
    return [
        f"agent {r['agent_id']} ({r['agent_name']}, store {r['store_id']}) lost "
        f"{r['rows_rejected']:,} of {r['rows_judged']:,} rows to rejects "
        f"({r['reject_share']:.1%}, over max_agent_reject_share {share:.1%}); their score "
        "misses those rows: see kpi validate --rejects"
        for r in validated.agents_losing_rows().iter_rows(named=True)
    ]
