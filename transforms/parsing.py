"""Value parsers of `exports.md` as polars expressions: trimmed text in, typed value out.

Each parser maps a text column to its typed value and gives null for a null input *and*
for text that does not parse; `is_invalid` tells the two apart. All of them are plain
expressions so the quarantine evaluates every column in one pass, with no row loops.
"""

from __future__ import annotations

import polars as pl

from schemas.contracts import CHOICES, DTYPES, SCORE_DELTA_DTYPE, Column, Kind
from transforms.months import MONTH_PATTERN

# Digits are spelled [0-9]: the regex engine's \\d would also accept other scripts' digits.
_DATE = r"([0-9]{4})(?:-([0-9]{1,2})-([0-9]{1,2})|/([0-9]{1,2})/([0-9]{1,2}))"
_TIME = r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?"
TIMESTAMP_PATTERN = rf"^{_DATE}[ T]{_TIME}$"
DATE_PATTERN = rf"^{_DATE}(?:[ T]{_TIME})?$"
SCORE_DELTA_PATTERN = r"^[+-]?[0-9]{1,4}(?:\.[0-9]{1,2})?$"
# What exporters write almost always: read by one fixed format, the rest by the general path.
_CANONICAL_TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"
_CANONICAL_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _canonical_first(text: pl.Expr, canonical: pl.Expr, general) -> pl.Expr:
    """``canonical`` where it gives a value, else ``general`` of the remaining text.

    polars evaluates every branch on every row, so the general path (several string
    rewrites and parses) is fed only the rows the canonical one did not read: on a
    typical export that input is nearly all null, which makes the general path cheap.
    The canonical pattern is a subset of the general one and both give null for an
    impossible calendar date, so the result equals the general path alone.
    """
    return pl.coalesce(canonical, general(pl.when(canonical.is_null()).then(text)))


def _datetime(text: pl.Expr, pattern: str) -> pl.Expr:
    """The pattern decides what is accepted; chrono then checks the calendar.

    chrono reads one- or two-digit months, days and hours and an optional fraction, and
    gives null for impossible dates and times (2026-02-30, 24:00), so after the pattern
    has vetted the spelling, unifying the separators is all that is left to do.
    """
    unified = text.str.replace_all("/", "-", literal=True).str.replace("T", " ", literal=True)
    parsed = pl.coalesce(
        unified.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False, time_unit="us"),
        unified.str.to_datetime("%Y-%m-%d %H:%M", strict=False, time_unit="us"),
    )
    return pl.when(text.str.contains(pattern)).then(parsed)


def parse_timestamp(text: pl.Expr) -> pl.Expr:
    canonical = pl.when(text.str.contains(_CANONICAL_TIMESTAMP)).then(
        # cache=False: timestamps are nearly all distinct, a cache of them only costs.
        text.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us", cache=False)
    )
    return _canonical_first(text, canonical, lambda rest: _datetime(rest, TIMESTAMP_PATTERN))


def _general_date(text: pl.Expr) -> pl.Expr:
    only_date = text.str.replace_all("/", "-", literal=True).str.to_date("%Y-%m-%d", strict=False)
    return pl.when(text.str.contains(DATE_PATTERN)).then(
        pl.coalesce(only_date, _datetime(text, TIMESTAMP_PATTERN).dt.date())
    )


def parse_date(text: pl.Expr) -> pl.Expr:
    canonical = pl.when(text.str.contains(_CANONICAL_DATE)).then(
        text.str.to_date("%Y-%m-%d", strict=False)
    )
    return _canonical_first(text, canonical, _general_date)


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
    return pl.when(trimmed != "").then(trimmed)
