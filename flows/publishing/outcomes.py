"""What a month-end run is asked (`Options`) and what it reports (`MonthResult`), and the
month's computed frames (`Computed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import metadata

import polars as pl

from flows.common.errors import KpiError
from schemas.tables import (
    KPI_AGENT_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_ROSTER_MONTHLY,
    KPI_TEAM_MONTHLY,
)


@dataclass(frozen=True)
class Options:
    """What the operator asked for (CLI options, deployment parameters)."""

    force: bool = False
    allow_rejects: bool = False
    allow_gap: bool = False
    partitions: int = 1
    allow_incomplete: bool = False


@dataclass
class MonthResult:
    """What one month's run did (what the CLI prints, backfill tabulates, Prefect shows)."""

    month: date
    status: str  # published, unchanged, failed, not run
    run_id: str | None = None
    version: int | None = None
    message: str = ""
    stale_months: list[date] = field(default_factory=list)
    adjustments: int = 0
    exit_code: int = 0
    data_docs: str | None = None
    warnings: list[str] = field(default_factory=list)
    report: str | None = None  # the report's index.html, when the run wrote one
    # The month's rows that did not count, over every file: rows_rejected,
    # rows_duplicate, rows_out_of_period (what the publish line tells the clerk).
    rows: dict[str, int] = field(default_factory=dict)
    # A failed run: the month's version that stays current (None: none is published),
    # when the warehouse could be read (``kept_known``).
    kept_version: int | None = None
    kept_known: bool = False

    @classmethod
    def failed(cls, month: date, exc: KpiError) -> MonthResult:
        """A month whose run failed with ``exc``, as the run recorded it."""
        return cls(
            month,
            "failed",
            run_id=exc.run_id,
            message=exc.message,
            exit_code=exc.exit_code,
            kept_version=exc.kept_version,
            kept_known=exc.kept_known,
        )


@dataclass(frozen=True)
class Computed:
    """The month's results, before they are stamped with a version."""

    scorecards: pl.DataFrame  # one row per active agent
    teams: pl.DataFrame  # one row per team
    outcomes: pl.DataFrame  # one row per valid appeal
    roster: pl.DataFrame  # one row per roster agent, with is_active
    warnings: list[str]

    def rows(self) -> dict[str, int]:
        """How many rows each versioned table gets."""
        return {
            KPI_AGENT_MONTHLY.name: self.scorecards.height,
            KPI_TEAM_MONTHLY.name: self.teams.height,
            KPI_APPEAL_OUTCOME.name: self.outcomes.height,
            KPI_ROSTER_MONTHLY.name: self.roster.height,
        }


def code_version() -> str:
    try:
        return metadata.version("dealer-cs-kpi")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare tree
        return "unknown"
