"""The quality gate: step 4 of the publishing protocol (`warehouse.md`).

It reads the staged, not-yet-current version from the warehouse and fails the run
when a check fails, so nothing new becomes current. These SQL checks are the minimum
that must hold for payroll; the Great Expectations suite of the operations issue runs
in this same step.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from flows.errors import KpiError


class QualityGateFailed(KpiError):
    exit_code = 5


_CHECKS = {
    "one row per active agent": (
        "SELECT COUNT(*) - :expected FROM kpi_agent_monthly "
        "WHERE month_start = :m AND version = :v"),
    "score within 0..100": (
        "SELECT COUNT(*) FROM kpi_agent_monthly WHERE month_start = :m AND version = :v "
        "AND (score < 0 OR score > 100)"),
    "score null exactly when insufficient_data": (
        "SELECT COUNT(*) FROM kpi_agent_monthly WHERE month_start = :m AND version = :v "
        "AND ((score IS NULL) <> (status = 'insufficient_data'))"),
    "nothing staged is current": (
        "SELECT COUNT(*) FROM kpi_agent_monthly WHERE month_start = :m AND version = :v "
        "AND is_current"),
}


def quality_gate(engine: sa.Engine, month: date, version: int, *, expected_agents: int
                 ) -> None:
    failed = []
    with engine.connect() as conn:
        for name, query in _CHECKS.items():
            bad = conn.execute(sa.text(query), {"m": month, "v": version,
                                                "expected": expected_agents}).scalar_one()
            if bad:
                failed.append(f"{name} ({bad} off)")
    if failed:
        raise QualityGateFailed(
            f"month {month:%Y-%m} version {version} failed the quality gate: "
            + "; ".join(failed) + ". Nothing was published; the previous version stays current")
