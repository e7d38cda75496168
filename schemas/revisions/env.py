"""Alembic's environment of the warehouse revisions (`schemas.revisions`): it runs on
the connection the caller gives (``config.attributes["connection"]``), inside the
caller's transaction; there is no offline (``--sql``) mode."""

import sqlalchemy as sa
from alembic import context

from schemas.tables import METADATA, TABLES_BY_NAME, UtcDateTime

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the warehouse revisions run on a connection: see schemas.revisions")


def include_name(name, type_, parent_names) -> bool:
    """Autogenerate compares our tables only (a PostgreSQL database may hold others)."""
    return type_ != "table" or name in TABLES_BY_NAME or name.startswith("kpi_")


def compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):
    """SQLite reads DOUBLE PRECISION back as REAL, its one floating type: the same."""
    floats = isinstance(inspected_type, sa.Float) and isinstance(metadata_type, sa.Float)
    return False if context.dialect.name == "sqlite" and floats else None


def render_item(type_, obj, autogen_context):
    """A UTC instant is a plain timestamp with time zone in a script, which must not
    depend on the code of a later release."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


context.configure(
    connection=connection,
    target_metadata=METADATA,
    version_table=context.config.get_main_option("version_table"),
    render_as_batch=True,
    compare_type=compare_type,
    include_name=include_name,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
