"""Value parsers of `exports.md` as polars expressions: trimmed text in, typed value out.

Each parser maps a text column to its typed value and gives null for a null input *and*
for text that does not parse; `is_invalid` tells the two apart. All of them are plain
expressions so the quarantine evaluates every column in one pass, with no row loops.
"""

from __future__ import annotations

import polars as pl

from schemas.contracts import CHOICES, Column, Kind

# Digits are spelled [0-9]: the regex engine's \\d would also accept other scripts' digits.
_DATE = r"([0-9]{4})(?:-([0-9]{1,2})-([0-9]{1,2})|/([0-9]{1,2})/([0-9]{1,2}))"
_TIME = r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?"
TIMESTAMP_PATTERN = rf"^{_DATE}[ T]{_TIME}$"
DATE_PATTERN = rf"^{_DATE}(?:[ T]{_TIME})?$"
MONTH_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"
SCORE_DELTA_PATTERN = r"^[+-]?[0-9]{1,4}(?:\.[0-9]{1,2})?$"

TIMESTAMP_DTYPE = pl.Datetime("us")
SCORE_DELTA_DTYPE = pl.Decimal(6, 2)

DTYPES: dict[Kind, pl.DataType] = {
    Kind.TEXT: pl.String(),
    Kind.TIMESTAMP: TIMESTAMP_DTYPE,
    Kind.DATE: pl.Date(),
    Kind.RATING: pl.Int8(),
    Kind.BOOLEAN: pl.Boolean(),
    Kind.CHANNEL: pl.String(),
    Kind.PURCHASE_TYPE: pl.String(),
    Kind.MONTH: pl.String(),
    Kind.SCORE_DELTA: SCORE_DELTA_DTYPE,
    Kind.APPEAL_KIND: pl.String(),
    Kind.RECORD_TYPE: pl.String(),
    Kind.APPEAL_STATUS: pl.String(),
}


def _pad(expr: pl.Expr, width: int) -> pl.Expr:
    return expr.str.zfill(width)


def _datetime_from_parts(text: pl.Expr, pattern: str, *, time_required: bool) -> pl.Expr:
    """Normalise the accepted spellings to one format, then let polars check the calendar.

    Impossible dates and times (2026-02-30, 24:00) become null through strict=False.
    """
    parts = text.str.extract_groups(pattern)
    year = parts.struct.field("1")
    month = pl.coalesce(parts.struct.field("2"), parts.struct.field("4"))
    day = pl.coalesce(parts.struct.field("3"), parts.struct.field("5"))
    hour = parts.struct.field("6")
    minute = parts.struct.field("7")
    second = parts.struct.field("8").fill_null("00")
    fraction = parts.struct.field("9").fill_null("0").str.pad_end(6, "0")
    time = pl.format("{}:{}:{}.{}", _pad(hour, 2), minute, second, fraction)
    if not time_required:
        time = pl.when(hour.is_null()).then(pl.lit("00:00:00.000000")).otherwise(time)
    canonical = pl.format("{}-{}-{} {}", year, _pad(month, 2), _pad(day, 2), time)
    return canonical.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False, time_unit="us")


def parse_timestamp(text: pl.Expr) -> pl.Expr:
    return _datetime_from_parts(text, TIMESTAMP_PATTERN, time_required=True)


def parse_date(text: pl.Expr) -> pl.Expr:
    return _datetime_from_parts(text, DATE_PATTERN, time_required=False).dt.date()


def parse_choice(text: pl.Expr, kind: Kind) -> pl.Expr:
    return text.str.to_lowercase().replace_strict(
        CHOICES[kind], default=None, return_dtype=DTYPES[kind]
    )


def parse_month(text: pl.Expr) -> pl.Expr:
    return pl.when(text.str.contains(MONTH_PATTERN)).then(text)


def parse_score_delta(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.contains(SCORE_DELTA_PATTERN))
        .then(text.str.strip_prefix("+"))
        .cast(SCORE_DELTA_DTYPE, strict=False)
    )


def parse(column: Column, text: pl.Expr | None = None) -> pl.Expr:
    """The typed value of `column`'s trimmed text (null when null or unparseable)."""
    text = pl.col(column.name) if text is None else text
    kind = column.kind
    if kind is Kind.TEXT:
        return text
    if kind is Kind.TIMESTAMP:
        return parse_timestamp(text)
    if kind is Kind.DATE:
        return parse_date(text)
    if kind is Kind.MONTH:
        return parse_month(text)
    if kind is Kind.SCORE_DELTA:
        return parse_score_delta(text)
    return parse_choice(text, kind)


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Trimmed text, with an empty cell as null (`exports.md`: values are trimmed)."""
    trimmed = expr.str.strip_chars()
    return pl.when(trimmed.str.len_bytes() > 0).then(trimmed)
