"""Every table and view of the warehouse (`schemas.tables`), in the order a new warehouse
creates them."""

from __future__ import annotations

import sqlalchemy as sa

from schemas.tables.payroll import KPI_PAYROLL_ADJUSTMENT, KPI_PAYROLL_APPROVAL, KPI_PAYROLL_EXPORT
from schemas.tables.results import (
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
from schemas.tables.views import VIEWS

TABLES: tuple[sa.Table, ...] = (
    KPI_RUN,
    KPI_RUN_INPUT,
    KPI_REJECTED_ROW,
    KPI_AGENT_MONTHLY,
    KPI_TEAM_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_ROSTER_MONTHLY,
    KPI_PAYROLL_ADJUSTMENT,
    KPI_PAYROLL_APPROVAL,
    KPI_PAYROLL_EXPORT,
    KPI_STALE_MONTH,
    KPI_COMPLETENESS,
    KPI_SCHEME,
    KPI_IMPROVEMENT_PLAN,
)
# The month's result tables: all rows of a version are published (made current) at once.
VERSIONED: tuple[sa.Table, ...] = (
    KPI_AGENT_MONTHLY,
    KPI_TEAM_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_ROSTER_MONTHLY,
    KPI_IMPROVEMENT_PLAN,
)

TABLES_BY_NAME = {t.name: t for t in TABLES}
VIEWS_BY_NAME = {v.name: v for v in VIEWS}
