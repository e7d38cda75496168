"""What the tables give the frames (`schemas.tables`): the polars schema of every typed
read, the pandera output models of the published tables and the columns a transform
computes."""

from __future__ import annotations

import polars as pl
import sqlalchemy as sa

from schemas.tables.columns import UtcDateTime

# The prefix of each metric's points and weight columns (``complaint_points`` …), by the
# scheme's metric key.
METRIC_COLUMN_PREFIXES = {
    "satisfaction": "satisfaction",
    "complaint_rate": "complaint",
    "loyalty": "loyalty",
    "timeliness": "timeliness",
}

# Columns that describe the run, not the computation (added when a version is staged).
RUN_STAMP_COLUMNS = (
    "month_start",
    "period_start_on",
    "period_end_on",
    "version",
    "is_current",
    "run_id",
    "scheme_version",
    "currency",
    "computed_at",
)


def computed_columns(table: sa.Table) -> tuple[str, ...]:
    """The columns of a result table that its transform computes, in table order."""
    return tuple(c.name for c in table.columns if c.name not in RUN_STAMP_COLUMNS)


def polars_dtype(type_: sa.types.TypeEngine) -> pl.DataType:
    """The polars type a column's values are read into."""
    if isinstance(type_, UtcDateTime):
        return pl.Datetime("us", "UTC")
    if isinstance(type_, sa.Numeric) and not isinstance(type_, sa.Float):
        return pl.Decimal(type_.precision, type_.scale)
    for sa_type, dtype in (
        (sa.Boolean, pl.Boolean()),
        (sa.Integer, pl.Int64()),
        (sa.Float, pl.Float64()),
        (sa.Date, pl.Date()),
        (sa.String, pl.String()),
    ):
        if isinstance(type_, sa_type):
            return dtype
    raise TypeError(f"no polars type for {type_!r}")


def polars_schema(columns) -> dict[str, pl.DataType]:
    """``{name: polars type}`` of a table's (or a select's) columns."""
    return {c.name: polars_dtype(c.type) for c in columns}


def output_model(table: sa.Table, *, checks: list) -> object:
    """The pandera model of a published table: its columns, types and nullability from the
    table, its grain (primary key) unique, no other column, plus ``checks``."""
    import pandera.polars as pa

    columns = {c.name: pa.Column(polars_dtype(c.type), nullable=c.nullable) for c in table.columns}
    return pa.DataFrameSchema(
        columns,
        checks=checks,
        unique=[c.name for c in table.primary_key.columns],
        strict=True,
        ordered=True,
        name=table.name,
        description=table.comment,
    )
