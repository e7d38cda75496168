"""The warehouse's tables and views (`warehouse.md`): the one place they are defined.

Every table is SQLAlchemy Core metadata whose columns carry their comment (meaning,
unit, grain). Everything else derives from it:
- the DDL the pipeline runs (`create_statements`, per dialect: comments inside the
  ``CREATE`` text, which is where SQLite keeps them; PostgreSQL also gets them as
  ``COMMENT ON``);
- ``sql/<name>.sql``, the readable DDL for BI and DBAs, and the column reference of
  ``docs/warehouse.md``, both written by ``python -m schemas.tables`` and tested to
  match;
- the polars schema of every typed read (`polars_schema`);
- the pandera output models (`schemas.kpi_agent_monthly`, `schemas.kpi_team_monthly`);
- the columns a transform produces (`computed_columns`).

Tables may gain columns, never lose or rename one (`warehouse.md`). A change here is a
schema revision (`schemas.revisions`): an older warehouse is upgraded to it in place. A
new column goes last in its table, where PostgreSQL adds it to an existing one, so that
an upgraded table and a new one have their columns in the same order.

The package is split by job, and every name is importable from ``schemas.tables`` itself:
`columns` (the metadata, types and column helpers), the tables by what they record
(`runs`, `results`, `payroll`), `views`, `catalog` (every table and view in creation
order), `frames` (polars schemas, pandera output models, computed columns) and
`statements` (the DDL, ``sql/`` and the docs' column reference; ``python -m
schemas.tables`` writes them).

This package imports only SQLAlchemy and polars, so reading commands stay light.
"""

from __future__ import annotations

from schemas.tables.catalog import TABLES, TABLES_BY_NAME, VERSIONED, VIEWS_BY_NAME
from schemas.tables.columns import (
    BOOLEAN,
    DATE,
    DOUBLE,
    INTEGER,
    METADATA,
    TEXT,
    TIMESTAMP,
    UtcDateTime,
)
from schemas.tables.frames import (
    METRIC_COLUMN_PREFIXES,
    RUN_STAMP_COLUMNS,
    computed_columns,
    output_model,
    polars_dtype,
    polars_schema,
)
from schemas.tables.payroll import KPI_PAYROLL_ADJUSTMENT, KPI_PAYROLL_APPROVAL, KPI_PAYROLL_EXPORT
from schemas.tables.results import (
    GOAL_COLUMNS,
    KPI_AGENT_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_IMPROVEMENT_PLAN,
    KPI_ROSTER_MONTHLY,
    KPI_TEAM_MONTHLY,
)
from schemas.tables.runs import (
    KPI_COMPLETENESS,
    KPI_REJECTED_ROW,
    KPI_RUN,
    KPI_RUN_INPUT,
    KPI_SCHEME,
    KPI_STALE_MONTH,
)
from schemas.tables.statements import (
    DOCS_MARKERS,
    comment_statements,
    create_statements,
    documented_tables,
    readable_ddl,
    sql_literal,
    table_statements,
    view_comment_statements,
    view_statement,
    write_generated,
)
from schemas.tables.views import V_MONTH_STATUS, VIEWS, View

__all__ = [
    "BOOLEAN",
    "DATE",
    "DOCS_MARKERS",
    "DOUBLE",
    "GOAL_COLUMNS",
    "INTEGER",
    "KPI_AGENT_MONTHLY",
    "KPI_APPEAL_OUTCOME",
    "KPI_COMPLETENESS",
    "KPI_IMPROVEMENT_PLAN",
    "KPI_PAYROLL_ADJUSTMENT",
    "KPI_PAYROLL_APPROVAL",
    "KPI_PAYROLL_EXPORT",
    "KPI_REJECTED_ROW",
    "KPI_ROSTER_MONTHLY",
    "KPI_RUN",
    "KPI_RUN_INPUT",
    "KPI_SCHEME",
    "KPI_STALE_MONTH",
    "KPI_TEAM_MONTHLY",
    "METADATA",
    "METRIC_COLUMN_PREFIXES",
    "RUN_STAMP_COLUMNS",
    "TABLES",
    "TABLES_BY_NAME",
    "TEXT",
    "TIMESTAMP",
    "UtcDateTime",
    "VERSIONED",
    "VIEWS",
    "VIEWS_BY_NAME",
    "V_MONTH_STATUS",
    "View",
    "comment_statements",
    "computed_columns",
    "create_statements",
    "documented_tables",
    "output_model",
    "polars_dtype",
    "polars_schema",
    "readable_ddl",
    "sql_literal",
    "table_statements",
    "view_comment_statements",
    "view_statement",
    "write_generated",
]
