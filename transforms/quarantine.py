"""Row classification of `exports.md`: every read row is accepted, rejected (with all its
reasons), an exact duplicate, or out of period, in that precedence:

1. an exact duplicate of an earlier row (all contract columns equal as trimmed text);
2. a row whose event time parses and lies outside the month's period (`scheme.md` §9.1;
   the calendar month unless the scheme sets ``period.end_day``);
3. a row with at least one reason: value reasons in the contract's column order, then
   ``duplicate_conflict``, ``time_order``, ``unknown_agent`` / ``agent_not_active``;
   a record's date or time more than 366 days from the period is an invalid value, and
   ``time_order`` covers every pair of the chain event time, first response, resolution;
4. the rest.

Input grain: one row per non-blank data row of one export file, with ``row_number``
(1-based among data rows) and every contract column as trimmed text (null when empty;
absent optional columns all null). Output grain: the same rows, in the same order, with
the parsed values (``parsed_<column>``), ``reasons`` (codes joined with ``;``, null when
none) and ``row_class``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

import polars as pl

from schemas.contracts import (
    AGENT_NOT_ACTIVE,
    DUPLICATE_CONFLICT,
    INTERVIEW_CONFLICT,
    MONTH_MISMATCH,
    SOURCE_LINE,
    TIME_ORDER,
    UNKNOWN_AGENT,
    Column,
    Export,
    Kind,
    invalid_value,
    missing_value,
)
from transforms.parsing import DTYPES, parse
from transforms.periods import Period

ROW_NUMBER = "row_number"
REASONS = "reasons"
ROW_CLASS = "row_class"
ACCEPTED, REJECTED, DUPLICATE, OUT_OF_PERIOD = "accepted", "rejected", "duplicate", "out_of_period"
ROW_CLASSES = (ACCEPTED, REJECTED, DUPLICATE, OUT_OF_PERIOD)
COUNT_COLUMNS = (
    "rows_read",
    "rows_accepted",
    "rows_rejected",
    "rows_duplicate",
    "rows_out_of_period",
)


def parsed(name: str) -> str:
    return f"parsed_{name}"


def _outside_period(export: Export, period: Period) -> pl.Expr:
    event = pl.col(parsed(export.event_column))
    if export.column(export.event_column).kind is Kind.TIMESTAMP:
        outside = (event < pl.lit(period.start)) | (event >= pl.lit(period.end))
    else:  # a date column (purchases): judged by the day
        outside = (event < pl.lit(period.start_on)) | (event > pl.lit(period.end_on))
    return event.is_not_null() & outside


# An event time further than this from the period is a typo (a year typed as 2062), not a
# record of another month (`exports.md`, "Impossible times"). Measured from the period,
# never from the day of the run, so the same files always give the same result.
IMPOSSIBLE_AFTER = timedelta(days=366)


def _plausible(export: Export, column: Column, value: pl.Expr, period: Period | None) -> pl.Expr:
    """``value`` (a parsed time of ``column``), or null where it is impossible: a record's
    date or time more than `IMPOSSIBLE_AFTER` away from the month's period. Null reads as
    an unparseable value, so the row gets ``invalid_value:<column>`` and is never out of
    period."""
    if period is None or export.event_column is None:
        return value
    if column.kind is Kind.TIMESTAMP:
        low, high = period.start - IMPOSSIBLE_AFTER, period.end + IMPOSSIBLE_AFTER
    elif column.kind is Kind.DATE:
        low, high = period.start_on - IMPOSSIBLE_AFTER, period.end_on + IMPOSSIBLE_AFTER
    else:
        return value
    return pl.when(value.is_between(pl.lit(low), pl.lit(high))).then(value)


def _time_order(export: Export) -> pl.Expr:
    """A later time of the chain (event time, then ``export.time_order``) earlier than an
    earlier one: a reply before the call, a resolution before the first reply."""
    chain = [pl.col(parsed(c)) for c in (export.event_column, *export.time_order)]
    pairs = [later < earlier for i, earlier in enumerate(chain) for later in chain[i + 1 :]]
    return pl.any_horizontal(pairs).fill_null(False)


@dataclass(frozen=True)
class OwnRules:
    """An export's own rules on top of the contract's (interviews: `transforms.interviews`).

    ``values``: per column, a condition on the parsed values that makes the column's
    value wrong, with the reason it gives (None: ``invalid_value:<column>``), judged
    where the value parsed and in the column's place among the value reasons; ``rows``:
    reasons about the row as a whole (null where none), given after
    ``duplicate_conflict``."""

    values: Mapping[str, tuple[pl.Expr, str | None]] = field(default_factory=dict)
    rows: tuple[pl.Expr, ...] = ()


def _value_reasons(export: Export, own: OwnRules) -> list[pl.Expr]:
    reasons = []
    for column in export.columns:
        text = pl.col(column.name)
        missing = text.is_null()
        if column.required_when:
            other, value = column.required_when
            given = pl.col(parsed(other))
            missing = missing & (given.is_not_null() if value is None else (given == value))
            missing = missing.fill_null(False)
        elif not column.required:
            missing = pl.lit(False)
        invalid = text.is_not_null() & pl.col(parsed(column.name)).is_null()
        reason = (
            pl.when(missing)
            .then(pl.lit(missing_value(column.name)))
            .when(invalid)
            .then(pl.lit(invalid_value(column.name)))
        )
        if column.name in own.values:
            wrong, code = own.values[column.name]
            reason = reason.when(wrong.fill_null(False)).then(
                pl.lit(code or invalid_value(column.name))
            )
        reasons.append(reason)
    return reasons


def _agent_reasons(
    export: Export, known_agent_ids: pl.Series | None, active_agent_ids: pl.Series | None
) -> list[pl.Expr]:
    if export.agent_rule is None:
        return []
    if known_agent_ids is None:
        raise ValueError(f"{export.name}: the roster's agent ids are needed")
    agent = pl.col("agent_id")
    unknown = agent.is_not_null() & ~agent.is_in(known_agent_ids.implode())
    if export.agent_rule == "known":
        return [pl.when(unknown).then(pl.lit(UNKNOWN_AGENT))]
    if active_agent_ids is None:
        raise ValueError(f"{export.name}: the month's active agent ids are needed")
    inactive = agent.is_not_null() & ~unknown & ~agent.is_in(active_agent_ids.implode())
    return [
        pl.when(unknown).then(pl.lit(UNKNOWN_AGENT)).when(inactive).then(pl.lit(AGENT_NOT_ACTIVE))
    ]


def _repeated_ids(text: pl.LazyFrame, export: Export) -> pl.DataFrame:
    """``row_number``, ``_dup`` and ``_conflict`` of the rows whose id may repeat.

    An exact duplicate repeats its id, and so do the versions of a conflict, so both are
    decided among those rows alone (few, on a real export); every other row is neither.
    The subset is picked by the id's hash: a collision only adds a row whose flags come
    out false, so the flags stay exact. Keeping the subset in file order keeps
    "duplicate of an *earlier* row" exact.
    """
    names = list(export.column_names)
    key = list(export.key_columns)
    is_duplicate = ~pl.struct(names).is_first_distinct()
    # Versions of one key that differ: count the distinct (non-duplicate) rows per key.
    is_conflict = (
        pl.col(export.id_column).is_not_null()
        & ~pl.col("_dup")
        & ((~pl.col("_dup")).cast(pl.UInt32).sum().over(key) > 1)
    )
    return (
        text.filter(pl.struct(key).hash().is_duplicated())
        .select(ROW_NUMBER, *names)
        .with_columns(is_duplicate.alias("_dup"))
        .select(ROW_NUMBER, "_dup", is_conflict.alias("_conflict"))
        .collect()
    )


def classify(
    raw: pl.LazyFrame,
    export: Export,
    *,
    period: Period | None = None,
    known_agent_ids: pl.Series | None = None,
    active_agent_ids: pl.Series | None = None,
    rules: OwnRules = OwnRules(),
) -> pl.LazyFrame:
    """Parse, give reasons and classify every row of one export file (see module doc).

    ``period`` is the month's evaluation period (`transforms.periods`), needed by every
    export with an event time; ``active_agent_ids`` are the agents active in it;
    ``rules``: the export's own rules, if it has any.

    The rows whose id repeats are found first (one evaluation of ``raw``, collected:
    usually none or a few), so the classification itself is row by row and streams;
    ``raw`` is evaluated twice, so pass a frame already in memory, not a file scan.
    """
    names = list(export.column_names)
    parsed_columns = [
        _plausible(export, c, parse(c), period).alias(parsed(c.name)) for c in export.columns
    ]
    reasons = [
        *_value_reasons(export, rules),
        pl.when(pl.col("_conflict")).then(pl.lit(DUPLICATE_CONFLICT)),
        *rules.rows,
    ]
    if export.time_order:
        reasons.append(pl.when(_time_order(export)).then(pl.lit(TIME_ORDER)))
    reasons += _agent_reasons(export, known_agent_ids, active_agent_ids)
    joined = pl.concat_str(reasons, separator=";", ignore_nulls=True)

    if export.event_column:
        if period is None:
            raise ValueError(f"{export.name}: the month's period is needed to judge rows")
        out_of_period = _outside_period(export, period)
    else:
        out_of_period = pl.lit(False)

    text = raw.with_columns(pl.col(names).cast(pl.String))
    repeated = _repeated_ids(text, export)
    row = pl.col(ROW_NUMBER)
    return (
        text.with_columns(
            row.is_in(repeated.filter("_dup")[ROW_NUMBER].implode()).alias("_dup"),
            row.is_in(repeated.filter("_conflict")[ROW_NUMBER].implode()).alias("_conflict"),
            *parsed_columns,
        )
        .with_columns(pl.when(joined != "").then(joined).alias(REASONS))
        .with_columns(
            pl.when(pl.col("_dup"))
            .then(pl.lit(DUPLICATE))
            .when(out_of_period)
            .then(pl.lit(OUT_OF_PERIOD))
            .when(pl.col(REASONS).is_not_null())
            .then(pl.lit(REJECTED))
            .otherwise(pl.lit(ACCEPTED))
            .alias(ROW_CLASS)
        )
        .drop("_dup", "_conflict")
    )


def typed_schema(export: Export) -> dict[str, pl.DataType]:
    """Column types of the export's accepted rows (``row_number`` first)."""
    return {ROW_NUMBER: pl.UInt32(), **{c.name: DTYPES[c.kind] for c in export.columns}}


def accepted_rows(classified: pl.LazyFrame, export: Export) -> pl.LazyFrame:
    """The accepted rows, typed, under the contract's column names, plus ``row_number``."""
    return classified.filter(pl.col(ROW_CLASS) == ACCEPTED).select(
        ROW_NUMBER, *[pl.col(parsed(n)).alias(n) for n in export.column_names]
    )


# A rejected row as ``kpi_rejected_row`` keeps it (without the run's id and month).
REJECTED_COLUMNS = (
    "source",
    "file_name",
    ROW_NUMBER,
    SOURCE_LINE,
    "record_id",
    REASONS,
    "raw",
)


def rejected_rows(classified: pl.LazyFrame, export: Export) -> pl.LazyFrame:
    """One row per rejected row: where it was (``row_number`` among data rows and, where
    the reader gave it, ``source_line`` as the clerk sees it), its id, its reasons and its
    raw values.

    ``raw`` is the contract columns as read (trimmed text) in JSON; extra columns of the
    export never get here.
    """
    has_line = SOURCE_LINE in classified.collect_schema().names()
    return classified.filter(pl.col(ROW_CLASS) == REJECTED).select(
        ROW_NUMBER,
        (pl.col(SOURCE_LINE) if has_line else pl.lit(None)).cast(pl.Int64).alias(SOURCE_LINE),
        pl.col(export.id_column).alias("record_id"),
        REASONS,
        pl.struct(list(export.column_names)).struct.json_encode().alias("raw"),
    )


def archive_rows(classified: pl.LazyFrame, export: Export) -> pl.LazyFrame:
    """Every row as read with its class and reasons: what a run archives of a file so that
    its scores can be traced back to their records later (``kpi explain``).

    Output grain: one row per row read (``row_number``, and ``source_line`` where the
    reader gave it), the contract columns as trimmed text, in file order."""
    line = [SOURCE_LINE] if SOURCE_LINE in classified.collect_schema().names() else []
    return classified.select(ROW_NUMBER, ROW_CLASS, REASONS, *export.column_names, *line)


def row_counts(classified: pl.LazyFrame) -> pl.LazyFrame:
    """One row: rows read and how many landed in each class."""
    cls = pl.col(ROW_CLASS)
    return classified.select(
        pl.len().cast(pl.Int64).alias("rows_read"),
        *[(cls == c).sum().cast(pl.Int64).alias(f"rows_{c}") for c in ROW_CLASSES],
    ).select(COUNT_COLUMNS)


def reason_summary(rejected: pl.LazyFrame, *, top: int = 3) -> pl.LazyFrame:
    """The most frequent reasons per file, each with its first example row.

    Input grain: one row per rejected row (``source``, ``file_name``, ``row_number``,
    ``reasons``, ``raw``). Output grain: one row per (source, reason), at most ``top``
    per source, most frequent first (ties by reason code).
    """
    return (
        rejected.with_columns(pl.col(REASONS).str.split(";").alias("reason"))
        .explode("reason")
        .sort("source", ROW_NUMBER)
        .group_by("source", "file_name", "reason")
        .agg(
            pl.len().cast(pl.Int64).alias("row_count"),
            pl.col(ROW_NUMBER).first().alias("example_row_number"),
            pl.col(SOURCE_LINE).first().alias("example_line"),
            pl.col("raw").first().alias("example_raw"),
        )
        .sort(["source", "row_count", "reason"], descending=[False, True, False])
        .filter(pl.int_range(pl.len()).over("source") < top)
    )


def reason_lines(rejected: pl.LazyFrame, export: Export) -> pl.LazyFrame:
    """The rejected rows of one export as the clerk fixes them: one line per (row,
    reason), with the column the reason is about and its value as read.

    Input grain: one row per rejected row of ``export`` (`rejected_rows` with ``source``
    and ``file_name``). Output grain: one row per (row, reason), in row then reason
    order: ``column`` (for ``duplicate_conflict`` the key columns, for ``time_order`` the
    times in order, for the agent reasons ``agent_id``), ``value`` (the times, and a key of
    several columns, as ``column=value`` pairs), ``kind`` (the column's kind) and
    ``parses`` (the value parses: an invalid time that parses is one too far from the
    period).
    """
    columns = {c.name: c for c in export.columns}
    struct = pl.Struct({name: pl.String() for name in columns})
    chain = [c for c in (export.event_column, *export.time_order) if c]
    code = pl.col("reason").str.split(":").list.first()
    named = pl.col("reason").str.split(":").list.get(1, null_on_oob=True)
    column = (
        pl.when(code == DUPLICATE_CONFLICT)
        .then(pl.lit(", ".join(export.key_columns)))
        .when(code == TIME_ORDER)
        .then(pl.lit(", ".join(chain)))
        .when(code.is_in([UNKNOWN_AGENT, AGENT_NOT_ACTIVE]))
        .then(pl.lit("agent_id"))
        .when(code == MONTH_MISMATCH)
        .then(pl.lit("month"))
        .when(code == INTERVIEW_CONFLICT)
        .then(pl.lit(export.id_column))
        .otherwise(named)
    )
    raw = pl.col("_raw")

    def of_column(value_of) -> pl.Expr:
        return pl.coalesce(
            pl.when(pl.col("column") == name).then(value_of(name)) for name in columns
        )

    def pairs(names) -> pl.Expr:
        return pl.concat_str(
            [pl.lit(f"{c}=") + raw.struct.field(c).fill_null("") for c in names], separator=", "
        )

    times = pairs(chain)
    return (
        rejected.with_columns(
            pl.col(REASONS).str.split(";").alias("reason"),
            pl.col("raw").str.json_decode(struct).alias("_raw"),
        )
        .explode("reason")
        .with_columns(column.alias("column"))
        .with_columns(
            pl.when(code == TIME_ORDER)
            .then(times if chain else pl.lit(None, pl.String))
            .when((code == DUPLICATE_CONFLICT) & (len(export.key_columns) > 1))
            .then(pairs(export.key_columns))
            .otherwise(of_column(lambda name: raw.struct.field(name)))
            .alias("value"),
            of_column(lambda name: pl.lit(columns[name].kind.value)).alias("kind"),
            of_column(
                lambda name: parse(columns[name], raw.struct.field(name)).is_not_null()
            ).alias("parses"),
        )
        .drop("_raw")
    )
