"""Payroll's tables (`schemas.tables`): bonus adjustments between versions, sign-offs and
the files handed over."""

from __future__ import annotations

import sqlalchemy as sa

from schemas.tables.columns import (
    DATE,
    INTEGER,
    TEXT,
    TIMESTAMP,
    _c,
    _table,
)

KPI_PAYROLL_ADJUSTMENT = _table(
    "kpi_payroll_adjustment",
    "bonus changes between published versions, for payroll to pay or recover later. "
    "Grain: one row per changed bonus.",
    _c("month_start", DATE, "the month the bonus is for", key=True),
    _c("agent_id", TEXT, "the agent", key=True),
    _c("agent_name", TEXT, "the agent's name in the newer version (or the older when gone)"),
    _c("store_id", TEXT, "the agent's store"),
    _c("from_version", INTEGER, "the version payroll knew"),
    _c("to_version", INTEGER, "the version now current", key=True),
    _c("bonus_before", sa.Numeric(12, 2), "bonus in from_version (0 when absent)"),
    _c("bonus_after", sa.Numeric(12, 2), "bonus in to_version (0 when absent)"),
    _c(
        "delta",
        sa.Numeric(12, 2),
        "bonus_after - bonus_before: to pay when positive, to recover when negative",
    ),
    _c("currency", TEXT, "the scheme's currency"),
    _c("run_id", TEXT, "the run that published to_version"),
    _c("created_at", TIMESTAMP, "when it was recorded (UTC)"),
    _c("export_id", TEXT, "the payroll export that carried it; null until exported", null=True),
)

KPI_PAYROLL_EXPORT = _table(
    "kpi_payroll_export",
    "the payroll files handed over. Grain: one row per payroll export; the first export of "
    "a month freezes its version, a later one reproduces that file.",
    _c("export_id", TEXT, "identifier of the export", key=True),
    _c("month_start", DATE, "the month exported"),
    _c("version", INTEGER, "the month's version paid, frozen by its first export"),
    _c("created_at", TIMESTAMP, "when it was made (UTC)"),
    _c("file_name", TEXT, "the file written"),
    _c("bonus_total", sa.Numeric(14, 2), "sum of the month's bonuses in the file"),
    _c("adjustment_total", sa.Numeric(14, 2), "sum of the adjustments the file carries"),
    _c(
        "original_export_id",
        TEXT,
        "the month's first export, whose file this one reproduces; null for the first export",
        null=True,
    ),
    indexes=(
        ("kpi_payroll_export_by_month", ("month_start",), False),
        # One first export (the freeze) per month.
        ("kpi_payroll_export_first", ("month_start",), True, "original_export_id IS NULL"),
    ),
)

KPI_PAYROLL_APPROVAL = _table(
    "kpi_payroll_approval",
    "sign-offs of a month's version for payroll (kpi approve); rows are only ever added. "
    "Grain: one row per (month_start, version) approved.",
    _c("month_start", DATE, "the month approved", key=True),
    _c(
        "version", INTEGER, "the version approved (the month's current one when approved)", key=True
    ),
    _c("run_id", TEXT, "the run that published that version"),
    _c("approved_by", TEXT, "who signed it off"),
    _c("approved_at", TIMESTAMP, "when (UTC)"),
    _c("note", TEXT, "what the approver wrote", null=True),
)
