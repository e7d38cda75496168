"""``kpi_agent_monthly`` as published: an agent's scorecard of a month.

Grain: one row per (month_start, agent_id, version). Columns, types and nullability come
from `schemas.tables`; the checks are the scorecard's invariants (`scheme.md` §1-§4)
that hold whatever the scheme says, declared in `schemas.rules` (which the quality gate
reads too). What depends on the scheme (tier lines, bonuses) and on the month as a whole
(one row per active agent) is checked by the quality gate.
"""

from __future__ import annotations

from schemas.rules import AGENT, rule_checks
from schemas.tables import KPI_AGENT_MONTHLY, output_model

KpiAgentMonthly = output_model(KPI_AGENT_MONTHLY, checks=rule_checks(AGENT))
