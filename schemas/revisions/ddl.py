"""What revisions do to a warehouse beyond Alembic's own operations (`schemas.revisions`).

- `create_table`: a table as a new warehouse has it (`schemas.tables.table_statements`:
  comments inside the ``CREATE`` text, ``COMMENT ON`` on PostgreSQL).
- `rebuild`: "move and copy" of a table into exactly a given definition, keeping every
  row: the table is renamed aside, created anew, its rows copied (a column it lacks, or a
  null where the definition wants a value, filled as told), the old one dropped; a copy
  that does not hold every row, or a column the definition would lose, stops the upgrade.
  Alembic's batch mode moves and copies too, but into SQLAlchemy's own ``CREATE`` text,
  which carries no comments on SQLite.
- `adopt`: a warehouse of any layout before revisions were recorded, or an empty
  database, to exactly a given layout (revision 0001).
- `settle_sqlite`: every table and index whose stored ``CREATE`` text is not the one a
  new warehouse has is rebuilt (SQLite keeps comments only in that text, and Alembic's
  operations on SQLite leave them out), after the revisions ran.
- `drop_views` / `create_views`: views hold no data and follow the release: an upgrade
  drops them before its revisions run and creates the release's after.

Everything runs on the caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

import sqlalchemy as sa

from schemas import tables as t

# Dialect SQL of a value for a column that a table lacks or holds null in: {dialect: sql}.
Fill = dict[str, dict[str, str]]


def _run(conn: sa.Connection, statements: list[str]) -> None:
    for statement in statements:
        conn.exec_driver_sql(statement)


def create_table(conn: sa.Connection, table: sa.Table, *, indexes: bool = True) -> None:
    _run(conn, t.table_statements(table, conn.dialect, indexes=indexes))
    if conn.dialect.name == "postgresql":
        _run(conn, t.comment_statements(table))


def create_indexes(conn: sa.Connection, table: sa.Table) -> None:
    """Every index of ``table``, made anew (an index of the same name is dropped)."""
    for index in sorted(table.indexes, key=lambda i: i.name):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
        conn.execute(sa.schema.CreateIndex(index))


def canonical_sql(table: sa.Table, dialect: sa.Dialect) -> str:
    """The ``CREATE TABLE`` text SQLite stores for a new table (without IF NOT EXISTS)."""
    return t.table_statements(table, dialect, indexes=False)[0].replace(
        "CREATE TABLE IF NOT EXISTS ", "CREATE TABLE ", 1
    )


def _stored_sql(conn: sa.Connection, kind: str, name: str) -> str | None:
    return conn.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = :k AND name = :n"),
        {"k": kind, "n": name},
    ).scalar()


def _same_shape(conn: sa.Connection, table: sa.Table) -> bool:
    """Whether ``table`` in the warehouse has exactly the definition's columns (order,
    types, nullability, defaults), primary key and, on SQLite, comments."""
    if conn.dialect.name == "sqlite":
        return _stored_sql(conn, "table", table.name) == canonical_sql(table, conn.dialect)
    inspector = sa.inspect(conn)
    have = [
        (c["name"], c["type"].compile(conn.dialect), c["nullable"], c["default"])
        for c in inspector.get_columns(table.name)
    ]
    want = [
        (c.name, c.type.compile(conn.dialect), c.nullable, None)
        for c in table.columns  # no column of ours has a server default
    ]
    keys = inspector.get_pk_constraint(table.name)
    return (
        have == want
        and keys["constrained_columns"] == [c.name for c in table.primary_key.columns]
        and keys["name"] == f"{table.name}_pkey"
    )


def rebuild(conn: sa.Connection, table: sa.Table, fill: Fill | None = None) -> None:
    """``table`` made exactly as defined, its rows copied over (see the module doc)."""
    dialect, fill = conn.dialect.name, fill or {}
    inspector = sa.inspect(conn)
    have = [c["name"] for c in inspector.get_columns(table.name)]
    lost = set(have) - {c.name for c in table.columns}
    if lost:
        raise RuntimeError(f"{table.name}: rebuilding would drop {sorted(lost)}; refused")
    aside = f"_{table.name}_before_upgrade"
    # Index names are the database's, not the table's: the copy needs them free.
    for index in inspector.get_indexes(table.name):
        conn.exec_driver_sql(f"DROP INDEX {index['name']}")
    if dialect == "postgresql":
        key = inspector.get_pk_constraint(table.name)["name"]
        if key:
            conn.exec_driver_sql(f"ALTER TABLE {table.name} DROP CONSTRAINT {key}")
        conn.exec_driver_sql(f"ALTER TABLE {table.name} RENAME TO {aside}")
    else:
        # Legacy renaming leaves other views and triggers (a BI user's own) naming the
        # table: after the copy they read the new one.
        conn.exec_driver_sql("PRAGMA legacy_alter_table = ON")
        conn.exec_driver_sql(f"ALTER TABLE {table.name} RENAME TO {aside}")
        conn.exec_driver_sql("PRAGMA legacy_alter_table = OFF")
    create_table(conn, table, indexes=False)
    values = []
    for column in table.columns:
        value = fill.get(column.name, {}).get(dialect)
        if column.name in have:
            values.append(f"COALESCE({column.name}, {value})" if value else column.name)
        else:
            values.append(value or "NULL")
    columns = ", ".join(c.name for c in table.columns)
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({columns}) SELECT {', '.join(values)} FROM {aside}"
    )
    before, after = conn.execute(
        sa.text(f"SELECT (SELECT COUNT(*) FROM {aside}), (SELECT COUNT(*) FROM {table.name})")
    ).one()
    if before != after:
        raise RuntimeError(f"{table.name}: {after} of {before} rows copied; refused")
    conn.exec_driver_sql(f"DROP TABLE {aside}")
    create_indexes(conn, table)


def adopt(
    conn: sa.Connection,
    layout: sa.MetaData,
    *,
    fill: dict[str, Fill],
    retired_indexes: tuple[str, ...] = (),
) -> None:
    """Any earlier layout (or none) to exactly ``layout``: missing tables created, tables
    that differ rebuilt (``fill``: per table, what their missing columns and nulls get),
    every index made anew, ``retired_indexes`` dropped, comments set where they differ."""
    existing = set(sa.inspect(conn).get_table_names())
    for name in retired_indexes:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for table in layout.sorted_tables:
        if table.name not in existing:
            create_table(conn, table)
            continue
        if not _same_shape(conn, table):
            rebuild(conn, table, fill.get(table.name))
            continue
        create_indexes(conn, table)
        if conn.dialect.name == "postgresql":
            _run(conn, t.comment_statements(table))


def settle_sqlite(conn: sa.Connection, metadata: sa.MetaData) -> list[str]:
    """SQLite: the tables and indexes whose stored text is not a new warehouse's, made so
    (see the module doc). Returns the tables rebuilt."""
    rebuilt = []
    for table in metadata.sorted_tables:
        if _stored_sql(conn, "table", table.name) != canonical_sql(table, conn.dialect):
            rebuild(conn, table)
            rebuilt.append(table.name)
            continue
        for index in table.indexes:
            wanted = str(sa.schema.CreateIndex(index).compile(dialect=conn.dialect))
            if _stored_sql(conn, "index", index.name) != wanted:
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
                conn.exec_driver_sql(wanted)
    return rebuilt


def set_comments(conn: sa.Connection, tables: tuple[sa.Table, ...]) -> None:
    """PostgreSQL: every table's and column's comment as ``tables`` define it."""
    for table in tables:
        _run(conn, t.comment_statements(table))


def drop_views(conn: sa.Connection, views: tuple[t.View, ...]) -> None:
    for view in reversed(views):  # a view may read an earlier one
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {view.name}")


def create_views(conn: sa.Connection, views: tuple[t.View, ...]) -> None:
    for view in views:
        conn.exec_driver_sql(t.view_statement(view, conn.dialect))
        if conn.dialect.name == "postgresql":
            _run(conn, t.view_comment_statements(view))
