"""What every table is built of (`schemas.tables`): the one metadata, the column types
(a UTC instant that SQLite reads back with its zone) and the helpers that make a column
with its comment and a table with its grain."""

from __future__ import annotations

import sqlalchemy as sa

METADATA = sa.MetaData()


class UtcDateTime(sa.types.TypeDecorator):
    """A UTC instant: ``timestamp with time zone`` on PostgreSQL; on SQLite, which has no
    zones, stored as UTC text and read back with its UTC zone attached."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value, dialect):
        from datetime import UTC

        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


TEXT, INTEGER, DATE, BOOLEAN = sa.Text(), sa.Integer(), sa.Date(), sa.Boolean()
DOUBLE = sa.DOUBLE_PRECISION()
TIMESTAMP = UtcDateTime()


def _c(
    name: str, type_: sa.types.TypeEngine, comment: str, *, null: bool = False, key: bool = False
) -> sa.Column:
    return sa.Column(name, type_, nullable=null and not key, primary_key=key, comment=comment)


def _table(name: str, comment: str, *columns: sa.Column, indexes: tuple = ()) -> sa.Table:
    table = sa.Table(name, METADATA, *columns, comment=comment)
    for index_name, index_columns, unique, *where in indexes:
        # A partial index (``where``: SQL that both dialects read the same way).
        kw = {f"{d}_where": sa.text(where[0]) for d in ("sqlite", "postgresql")} if where else {}
        sa.Index(index_name, *(table.c[c] for c in index_columns), unique=unique, **kw)
    return table


def _month_columns(month_comment: str) -> list[sa.Column]:
    """The month and its evaluation period, first in the monthly result tables."""
    return [
        _c("month_start", DATE, month_comment, key=True),
        _c(
            "period_start_on",
            DATE,
            "first day of the month's evaluation period "
            "(the calendar month's first day unless the scheme sets period.end_day)",
            null=True,
        ),
        _c("period_end_on", DATE, "last day of the evaluation period, inclusive", null=True),
    ]
