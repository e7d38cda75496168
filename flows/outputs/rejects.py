"""`kpi validate --rejects FILE`: every rejected row of the month, for the store's clerk
who fixes the exports: the file, the sheet, the line or row as the clerk sees it, the
column, the value and the reason in words (in ``--lang``), one line per reason.

The structure is a transform (`transforms.quarantine.reason_lines`); the words come from
the message catalogue (``reason.*``, ``accepted.*``); the file is written by
`flows.outputs.sheets`.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from flows.common.errors import PreconditionError
from flows.inputs.validate import ValidatedMonth
from flows.outputs.messages import Catalogue
from flows.outputs.sheets import SUFFIXES, write_table
from schemas.contracts import EXPORTS_BY_NAME, Kind
from transforms.quarantine import reason_lines

_COLUMNS = ("file", "sheet", "line", "column", "value", "reason_code", "reason")


def words(lines: pl.DataFrame, t: Catalogue) -> pl.Series:
    """Each reason line in words: the catalogue's template of its reason (an invalid
    value that parses is a date too far from the period, an invalid ID one in scientific
    notation), with ``shown`` (the column as the clerk knows it), ``value`` and the
    accepted formats filled in. Templates are few: each is formatted with polars."""
    code = pl.col("reason").str.split(":").list.first()
    invalid = code == "invalid_value"
    # An export's own rule judges values that parse (an interview's goal out of its range):
    # its words are the catalogue's reason.invalid_value.<export>.<column>, when there.
    own_key = pl.concat_str(
        pl.lit("reason.invalid_value."),
        "source",
        pl.lit("."),
        pl.col("reason").str.split(":").list.last(),
    )
    own = invalid & pl.col("parses") & own_key.is_in(sorted(t.keys()))
    key = (
        pl.when(own)
        .then(own_key)
        .when(invalid & pl.col("parses"))
        .then(pl.lit("reason.invalid_value.far"))
        .when(invalid & (pl.col("kind") == Kind.ID.value))
        .then(pl.lit("reason.invalid_value.id"))
        .otherwise(pl.lit("reason.") + code)
    )
    frame = lines.with_columns(
        _key=key,
        _accepted=pl.col("kind").replace_strict(
            {k.value: t(f"accepted.{k.value}") for k in Kind},
            default="",
            return_dtype=pl.String,
        ),
    )
    text = pl.col("_key").replace_strict(
        {k: t(k) for k in frame["_key"].unique()}, return_dtype=pl.String
    )
    for field, value in (("{column}", "shown"), ("{value}", "value"), ("{accepted}", "_accepted")):
        text = text.str.replace_all(field, pl.col(value).fill_null(""), literal=True)
    return frame.select(text.alias("reason_words")).to_series()


def clerk_lines(validated: ValidatedMonth, t: Catalogue) -> pl.DataFrame:
    """Every rejected row of the month, one line per reason, as the rejects file has them
    (headers in the catalogue's language)."""
    parts = [
        reason_lines(validated.rejected.filter(pl.col("source") == source).lazy(), export)
        for source, export in EXPORTS_BY_NAME.items()
        if source in validated.rejected["source"]
    ]
    sheets = validated.inputs.select("source", "sheet")
    headers = pl.DataFrame(
        [
            (source, column, header)
            for source, found in validated.headers.items()
            for column, header in found.items()
            if header != column
        ],
        schema={"source": pl.String, "column": pl.String, "header": pl.String},
        orient="row",
    )
    if not parts:
        lines = pl.DataFrame(schema={c: pl.String for c in _COLUMNS})
    else:
        found = (
            pl.concat(pl.collect_all(parts), how="vertical")
            .join(sheets, on="source", how="left")
            .join(headers, on=["source", "column"], how="left", maintain_order="left")
        )
        # The header the clerk sees, with the contract's name where they differ.
        found = found.with_columns(
            shown=pl.when(pl.col("header").is_not_null())
            .then(pl.format("{} ({})", "header", "column"))
            .otherwise("column")
        )
        lines = found.select(
            pl.col("file_name").alias("file"),
            "sheet",
            pl.coalesce("source_line", "row_number").alias("line"),
            pl.col("shown").alias("column"),
            "value",
            pl.col("reason").alias("reason_code"),
            words(found, t).alias("reason"),
        )
    return lines.rename({c: t(f"rejects.column.{c}") for c in _COLUMNS})


def write_rejects(validated: ValidatedMonth, path: Path, t: Catalogue) -> int:
    """The month's rejected rows into ``path`` (.xlsx or .csv); how many lines."""
    if path.suffix.lower() not in SUFFIXES:
        raise PreconditionError(f"{path}: the rejects file must end in .xlsx or .csv")
    lines = clerk_lines(validated, t)
    try:
        write_table(lines, path, sheet=t("rejects.sheet"))
    except OSError as exc:
        raise PreconditionError(
            f"{path}: cannot write the rejects file ({exc.strerror or exc}); choose a "
            "writable path for --rejects"
        ) from None
    return lines.height
