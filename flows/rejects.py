"""`kpi validate --rejects FILE`: every rejected row of the month, for the store's clerk
who fixes the exports: the file, the sheet, the line or row as the clerk sees it, the
column, the value and the reason in words (in ``--lang``), one line per reason.

The structure is a transform (`transforms.quarantine.reason_lines`); the words come from
the message catalogue (``reason.*``, ``accepted.*``); the file is written by
`flows.sheets`.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from flows.errors import PreconditionError
from flows.messages import Catalogue
from flows.sheets import SUFFIXES, write_table
from flows.validate import ValidatedMonth
from schemas.contracts import EXPORTS_BY_NAME, Kind
from transforms.quarantine import reason_lines

_COLUMNS = ("file", "sheet", "line", "column", "value", "reason_code", "reason")


def _template(t: Catalogue, line: dict) -> str:
    """The catalogue key of a reason line's words."""
    code = line["reason"].split(":", 1)[0]
    if code == "invalid_value" and line["parses"]:  # a time that parses: too far away
        return "reason.invalid_value.far"
    if code == "invalid_value" and line["kind"] == "id":  # an ID in scientific notation
        return "reason.invalid_value.id"
    return f"reason.{code}"


def words(lines: pl.DataFrame, t: Catalogue) -> pl.Series:
    """Each reason line in words (``column``, ``value`` and the accepted formats filled
    in). Reasons are few distinct templates: each is formatted with polars, not per row."""
    keys = pl.Series([_template(t, r) for r in lines.select("reason", "kind", "parses").to_dicts()])
    frame = lines.with_columns(
        _key=keys,
        _accepted=pl.col("kind").replace_strict(
            {k.value: t(f"accepted.{k.value}") for k in Kind if f"accepted.{k.value}" in t},
            default="",
            return_dtype=pl.String,
        ),
    )
    text = pl.col("_key").replace_strict(
        {k: t(k) for k in frame["_key"].unique()}, return_dtype=pl.String
    )
    for field, value in (("{column}", "column"), ("{value}", "value"), ("{accepted}", "_accepted")):
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
    if not parts:
        lines = pl.DataFrame(schema={c: pl.String for c in _COLUMNS})
    else:
        found = pl.concat(pl.collect_all(parts), how="vertical").join(
            sheets, on="source", how="left"
        )
        lines = found.select(
            pl.col("file_name").alias("file"),
            "sheet",
            pl.coalesce("source_line", "row_number").alias("line"),
            "column",
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
