"""What a month-end run is asked (`RunOptions`) and what it reports (`MonthResult`), and
the month's computed frames (`Computed`).

`RunOptions` is a pydantic model because the flows take it as one parameter: Prefect
renders it as a form, checks a deployment's parameters against its JSON schema and stores
it as JSON (``{"options": {"force": true}}``). The folders are the run's overrides of the
``KPI_*_DIR`` variables (`flows.common.settings.Settings`); the warehouse is never one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from typing import Annotated

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from flows.common.errors import KpiError
from schemas.tables import (
    KPI_AGENT_MONTHLY,
    KPI_APPEAL_OUTCOME,
    KPI_IMPROVEMENT_PLAN,
    KPI_ROSTER_MONTHLY,
    KPI_TEAM_MONTHLY,
)

FolderText = Annotated[
    str | None,
    Field(description="a folder; default from the worker's environment (KPI_*_DIR)"),
]


class RunOptions(BaseModel):
    """What the operator asked of a run (the CLI's options, a deployment's ``options``
    parameter)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    force: bool = Field(False, description="publish a new version even when nothing changed")
    allow_rejects: bool = Field(
        False, description="publish although a file is over the reject threshold"
    )
    allow_gap: bool = Field(
        False,
        description="publish although the previous month is unpublished while an earlier one is",
    )
    allow_incomplete: bool = Field(
        False,
        description="publish although a store's export is incomplete against its own history",
    )
    partitions: int = Field(
        1,
        ge=1,
        le=1000,
        description=(
            "groups of stores whose scorecards are computed as separate tasks (1: one task); "
            "publishing stays one step per month"
        ),
    )
    exports_dir: FolderText = None
    schemes_dir: FolderText = None
    data_docs_dir: FolderText = None
    archive_dir: FolderText = None
    reports_dir: Annotated[
        str | None,
        Field(description='a folder ("": no report); default from KPI_REPORTS_DIR'),
    ] = None

    def folders(self) -> dict[str, str | None]:
        """The folders this run overrides, as `Settings` takes them (None: not given)."""
        return self.model_dump(
            include={"exports_dir", "schemes_dir", "data_docs_dir", "archive_dir", "reports_dir"}
        )


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
    plan: pl.DataFrame  # one row per plan item of the month's interviews
    warnings: list[str]

    def rows(self) -> dict[str, int]:
        """How many rows each versioned table gets."""
        return {
            KPI_AGENT_MONTHLY.name: self.scorecards.height,
            KPI_TEAM_MONTHLY.name: self.teams.height,
            KPI_APPEAL_OUTCOME.name: self.outcomes.height,
            KPI_ROSTER_MONTHLY.name: self.roster.height,
            KPI_IMPROVEMENT_PLAN.name: self.plan.height,
        }


def code_version() -> str:
    try:
        return metadata.version("dealer-cs-kpi")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare tree
        return "unknown"
