"""``kpi_team_monthly`` as published: a team's pooled month, team reward and targets.

Grain: one row per (month_start, store_id, team_id, version). Columns, types and
nullability come from `schemas.tables`; the checks are the invariants of `scheme.md` §5
that hold whatever the scheme says, declared in `schemas.rules`. That team rows add up to
their agents' rows is checked by the quality gate, which sees both tables.
"""

from __future__ import annotations

from schemas.rules import TEAM, rule_checks
from schemas.tables import KPI_TEAM_MONTHLY, output_model

KpiTeamMonthly = output_model(KPI_TEAM_MONTHLY, checks=rule_checks(TEAM))
