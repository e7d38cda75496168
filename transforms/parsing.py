"""Value parsers of `exports.md` as polars expressions: trimmed text in, typed value out.

Each parser maps a text column to its typed value and gives null for a null input *and*
for text that does not parse; `is_invalid` tells the two apart. All of them are plain
expressions so the quarantine evaluates every column in one pass, with no row loops.

`read_values` is what reading does to every contract value before it is parsed (Excel's
mangling undone); the parsers themselves take ASCII spellings only.

Decisions the spec leaves open:
- an ID is in scientific notation when it reads as one digit, optionally a fraction,
  then ``E`` or ``e`` and an exponent, with a sign or after a fraction (``1.87E+10``,
  ``1E+11``, ``1.87e10``): how Excel and programs print a number; ``2E5`` alone, which
  no program prints for 200000, is taken for a code;
- a ``YYYY年M月D日`` date takes its time after one space, as ``H:MM`` or ``H:MM:SS``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from schemas.contracts import CHOICES, DTYPES, SCORE_DELTA_DTYPE, Column, Kind
from transforms.months import MONTH_PATTERN

# Digits are spelled [0-9]: the regex engine's \\d would also accept other scripts' digits.
_DATE = r"[0-9]{4}(?:-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2})"
_TIME = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
_ZH_DATE = r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日"
_ZH_TIME = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
TIMESTAMP_PATTERN = rf"^(?:{_DATE}[ T]{_TIME}|{_ZH_DATE} {_ZH_TIME})$"
DATE_PATTERN = rf"^(?:{_DATE}(?:[ T]{_TIME})?|{_ZH_DATE}(?: {_ZH_TIME})?)$"
# The date's separators as chrono reads them: 2026/10/5 and 2026年10月5日 as 2026-10-5.
_DATE_SEPARATORS = {"/": "-", "年": "-", "月": "-", "日": "", "T": " "}
SCIENTIFIC_PATTERN = r"^[0-9](?:\.[0-9]+[eE][+-]?|[eE][+-])[0-9]+$"
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


def _unify(text: pl.Expr) -> pl.Expr:
    return text.str.replace_many(list(_DATE_SEPARATORS), list(_DATE_SEPARATORS.values()))


def _datetime(text: pl.Expr, pattern: str) -> pl.Expr:
    """The pattern decides what is accepted; chrono then checks the calendar.

    chrono reads one- or two-digit months, days and hours and an optional fraction, and
    gives null for impossible dates and times (2026-02-30, 24:00), so after the pattern
    has vetted the spelling, unifying the separators is all that is left to do.
    """
    unified = _unify(text)
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
    only_date = _unify(text).str.to_date("%Y-%m-%d", strict=False)
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


# A month typed into Excel is stored as its first day; the reader shows the cell as a
# date or a date-time at midnight.
_EXCEL_MONTH = r"^([0-9]{4}-(?:0[1-9]|1[0-2]))-01(?: 00:00:00)?$"


def parse_month(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.contains(MONTH_PATTERN))
        .then(text)
        .otherwise(text.str.extract(_EXCEL_MONTH, 1))
    )


def parse_score_delta(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.contains(SCORE_DELTA_PATTERN))
        .then(text.str.strip_prefix("+"))
        .cast(SCORE_DELTA_DTYPE, strict=False)
    )


NUMBER_PATTERN = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$"


def parse_number(text: pl.Expr) -> pl.Expr:
    return pl.when(text.str.contains(NUMBER_PATTERN)).then(text.cast(pl.Float64, strict=False))


def parse_id(text: pl.Expr) -> pl.Expr:
    """The ID as read, or null for a number in scientific notation (its digits are lost)."""
    return pl.when(~text.str.contains(SCIENTIFIC_PATTERN)).then(text)


def parse(column: Column, text: pl.Expr | None = None) -> pl.Expr:
    """The typed value of `column`'s trimmed text (null when null or unparseable)."""
    text = pl.col(column.name) if text is None else text
    kind = column.kind
    if kind is Kind.TEXT:
        return text
    if kind is Kind.ID:
        return parse_id(text)
    if kind is Kind.TIMESTAMP:
        return parse_timestamp(text)
    if kind is Kind.DATE:
        return parse_date(text)
    if kind is Kind.MONTH:
        return parse_month(text)
    if kind is Kind.SCORE_DELTA:
        return parse_score_delta(text)
    if kind is Kind.NUMBER:
        return parse_number(text)
    return parse_choice(text, kind)


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Trimmed text, with an empty cell as null (`exports.md`: values are trimmed)."""
    # replace, not when/then: that would trim every value twice.
    return expr.str.strip_chars().replace("", None)


# Characters NFKC leaves as they are and exports are full of (ASCII and the unified CJK
# ideographs): a value of only these is not normalised, which spares the Chinese labels.
_NFKC_STABLE = r"^[\x00-\x7F\u3400-\u4DBF\u4E00-\u9FFF]*$"


def read_values(frame: pl.LazyFrame, columns: Sequence[Column]) -> pl.LazyFrame:
    """``frame`` with the ``columns`` (cleaned text, `clean_text`) as read: what Excel
    added undone. Other columns pass through.

    A leading ``'`` (Excel's "this is text" mark) and the ``="…"`` wrapper (a formula
    that keeps leading zeros) are not part of the value. Outside names and free text
    (`Column.free_text`), full-width digits, letters, colons and spaces read as ASCII
    (Unicode NFKC), so ``０１０１`` is agent ``0101``. The result is trimmed again, and
    empty as null.

    Kept cheap, since every value of a file passes here: the values that need any of
    this are picked first (a ``'`` or ``="`` prefix; for NFKC a character that is neither
    ASCII nor a common ideograph, looked for only in values that are not ASCII), then
    rewritten step by step in a side column that is null elsewhere, so each step costs
    nearly nothing on a typical export.
    """

    def side(name: str) -> str:
        return f"_read_{name}"

    def needs(column: Column) -> pl.Expr:
        text = pl.col(column.name)
        marked = text.str.starts_with("'") | text.str.starts_with('="')
        if column.free_text:
            return marked
        non_ascii = pl.when(text.str.len_bytes() != text.str.len_chars()).then(text)
        return marked | non_ascii.str.contains(_NFKC_STABLE).not_().fill_null(False)

    names = [c.name for c in columns]
    sides = [pl.col(side(n)) for n in names]
    wrapped = [
        s.str.starts_with('="') & s.str.ends_with('"') & (s.str.len_bytes() > 2) for s in sides
    ]
    return (
        frame.with_columns(
            pl.when(needs(c)).then(pl.col(c.name)).alias(side(c.name)) for c in columns
        )
        .with_columns(s.str.strip_prefix("'") for s in sides)
        .with_columns(
            pl.when(w).then(s.str.slice(2).str.strip_suffix('"')).otherwise(s)
            for s, w in zip(sides, wrapped, strict=True)
        )
        .with_columns(
            pl.col(side(c.name)).str.normalize("NFKC") for c in columns if not c.free_text
        )
        .with_columns(
            pl.when(pl.col(side(n)).is_not_null())
            .then(clean_text(pl.col(side(n))))
            .otherwise(pl.col(n))
            .alias(n)
            for n in names
        )
        .drop(side(n) for n in names)
    )
