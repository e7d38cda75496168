"""The DDL and its readable copies (`schemas.tables`): the statements a new warehouse
runs, per dialect, with every comment inside the ``CREATE`` text (where SQLite keeps
them) and as ``COMMENT ON`` on PostgreSQL; ``sql/<name>.sql`` and the column reference of
``docs/warehouse.md``."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from schemas.tables.catalog import TABLES, TABLES_BY_NAME, VIEWS_BY_NAME
from schemas.tables.views import View


def _create_table(table: sa.Table, dialect: sa.Dialect) -> str:
    """``CREATE TABLE`` with the table's and every column's comment inside the text (where
    SQLite keeps them: its stored ``CREATE`` statement is all BI tools can show)."""
    lines = [f"    -- {table.name}: {table.comment}"]
    for column in table.columns:
        spec = sa.schema.CreateColumn(column).compile(dialect=dialect)  # type, default, null
        lines.append(f"    {spec}, -- {column.comment}")
    keys = ", ".join(c.name for c in table.primary_key.columns)
    lines.append(f"    PRIMARY KEY ({keys})")
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n" + "\n".join(lines) + "\n)"


def table_statements(table: sa.Table, dialect: sa.Dialect, *, indexes: bool = True) -> list[str]:
    """The statements that create ``table`` (any table with comments, also an earlier
    layout's) and, with ``indexes``, its indexes."""
    return [_create_table(table, dialect)] + [
        str(sa.schema.CreateIndex(index, if_not_exists=True).compile(dialect=dialect))
        for index in (sorted(table.indexes, key=lambda i: i.name) if indexes else ())
    ]


def comment_statements(table: sa.Table) -> list[str]:
    """PostgreSQL's ``COMMENT ON`` of a table and its columns."""
    return [f"COMMENT ON TABLE {table.name} IS {sql_literal(table.comment)}"] + [
        f"COMMENT ON COLUMN {table.name}.{column.name} IS {sql_literal(column.comment)}"
        for column in table.columns
    ]


def view_statement(view: View, dialect: sa.Dialect) -> str:
    """``CREATE VIEW`` with the view's comment and each column's meaning inside the text
    (SQLite keeps them there, like a table's; PostgreSQL gets `view_comment_statements`
    too)."""
    described = "".join(f"    -- {c.name}: {c.comment}\n" for c in view.columns)
    return (
        f"CREATE VIEW {view.name} AS\n    -- {view.name}: {view.comment}\n{described}"
        f"{view.sql(dialect.name)}"
    )


def view_comment_statements(view: View) -> list[str]:
    """PostgreSQL's ``COMMENT ON`` of a view and its own columns (which BI tools list)."""
    return [f"COMMENT ON VIEW {view.name} IS {sql_literal(view.comment)}"] + [
        f"COMMENT ON COLUMN {view.name}.{column.name} IS {sql_literal(column.comment)}"
        for column in view.columns
    ]


def sql_literal(text: str) -> str:
    """``text`` as an SQL string literal (for DDL, which takes no bound values)."""
    return "'" + text.replace("'", "''") + "'"


def create_statements(name: str, dialect: sa.Dialect) -> list[str]:
    """The statements that create a table (with its indexes) or a view, for ``dialect``."""
    if name in TABLES_BY_NAME:
        return table_statements(TABLES_BY_NAME[name], dialect)
    return [view_statement(VIEWS_BY_NAME[name], dialect)]


def readable_ddl() -> dict[str, str]:
    """``sql/<name>.sql`` of every table and view: the PostgreSQL DDL the pipeline runs
    (SQLite gets the same with its own spelling of the timestamp type)."""
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()
    return {
        name: ";\n".join(create_statements(name, dialect)) + ";\n"
        for name in [*TABLES_BY_NAME, *VIEWS_BY_NAME]
    }


DOCS_MARKERS = ("<!-- tables: written by python -m schemas.tables -->", "<!-- end of tables -->")


def documented_tables() -> str:
    """The column reference of docs/warehouse.md (between `DOCS_MARKERS`): every table's
    grain and every column's type and meaning, from the same comments BI users see."""
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()
    lines = []
    for table in TABLES:
        lines += [
            f"### `{table.name}`",
            "",
            table.comment[0].upper() + table.comment[1:],
            "",
            "| column | type | meaning |",
            "| --- | --- | --- |",
        ]
        for column in table.columns:
            kind = (
                column.type.compile(dialect)
                .lower()
                .replace("timestamp with time zone", "timestamp (UTC)")
            )
            lines.append(
                f"| `{column.name}` | {kind}{'' if column.nullable else ', not null'} "
                f"| {column.comment} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_generated(root: Path) -> list[Path]:
    """sql/<name>.sql and the column reference of docs/warehouse.md."""
    written = []
    for name, text in readable_ddl().items():
        (root / "sql" / f"{name}.sql").write_text(text, encoding="utf-8")
        written.append(root / "sql" / f"{name}.sql")
    docs = root / "docs" / "warehouse.md"
    start, end = DOCS_MARKERS
    text = docs.read_text(encoding="utf-8")
    head, rest = text.split(start, 1)
    docs.write_text(
        f"{head}{start}\n\n{documented_tables()}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8"
    )
    return [*written, docs]
