"""The published team row's model: grain and invariants."""

from __future__ import annotations

from datetime import date

import pandera.errors
import polars as pl
import pytest

from schemas.kpi_team_monthly import KpiTeamMonthly
from schemas.tables import KPI_TEAM_MONTHLY
from tests.transforms import builders as b
from tests.transforms.test_scoring import OCT, SCHEME
from transforms.teams import team_metrics


@pytest.fixture(scope="module")
def team() -> pl.DataFrame:
    records = {**b.empty_records(), "surveys": b.frame("surveys", b.surveys("0101", {5: 3}))}
    rows = team_metrics(b.roster("0101").lazy(), b.timed(records, SCHEME), scheme=SCHEME)
    return (
        rows.collect()
        .with_columns(
            month_start=pl.lit(OCT),
            period_start_on=pl.lit(OCT),
            period_end_on=pl.lit(date(2026, 10, 31)),
            version=pl.lit(1, pl.Int64),
            is_current=pl.lit(False),
            run_id=pl.lit("r1"),
            scheme_version=pl.lit("v"),
        )
        .select(c.name for c in KPI_TEAM_MONTHLY.columns)
    )


def refused(frame: pl.DataFrame) -> str:
    with pytest.raises(pandera.errors.SchemaError) as err:
        KpiTeamMonthly.validate(frame)
    return str(err.value)


def test_a_computed_team_row_passes(team):
    assert team["satisfaction_pct"].item() == 1.0
    assert KpiTeamMonthly.validate(team).equals(team)


@pytest.mark.parametrize(
    ("change", "check"),
    [
        ({"agent_count": pl.lit(0, pl.Int64)}, "at least one active agent"),
        ({"satisfied_share": pl.lit(1.5)}, "fractions lie in 0..1"),
        ({"satisfaction_pct": pl.lit(0.5)}, "satisfaction_avg / 5"),
        ({"timely_count": pl.lit(3, pl.Int64)}, "timely consultations within the total"),
        ({"period_start_on": pl.lit(None, pl.Date)}, "evaluation period"),
    ],
)
def test_each_invariant_refuses_a_row_that_breaks_it(team, change, check):
    assert check in refused(team.with_columns(**change))


def test_the_grain_is_unique(team):
    assert "store_id" in refused(pl.concat([team, team]))
