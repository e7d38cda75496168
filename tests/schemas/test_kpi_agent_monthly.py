"""The published scorecard's model: its grain and every invariant refuse a row that breaks
them, and a real scorecard passes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pandera.errors
import polars as pl
import pytest

from schemas.kpi_agent_monthly import KpiAgentMonthly
from schemas.tables import KPI_AGENT_MONTHLY
from tests.transforms.test_scoring import OCT, SCHEME, scorecards, worked_example


def published(cards: pl.DataFrame) -> pl.DataFrame:
    """Scorecards stamped as a staged version is."""
    return cards.with_columns(
        month_start=pl.lit(OCT),
        period_start_on=pl.lit(OCT),
        period_end_on=pl.lit(date(2026, 10, 31)),
        version=pl.lit(1, pl.Int64),
        is_current=pl.lit(False),
        run_id=pl.lit("r1"),
        scheme_version=pl.lit(SCHEME.version),
        currency=pl.lit("CNY"),
        computed_at=pl.lit(datetime(2026, 11, 1, tzinfo=UTC)),
    ).select(c.name for c in KPI_AGENT_MONTHLY.columns)


@pytest.fixture(scope="module")
def card() -> pl.DataFrame:
    return published(scorecards(worked_example()))


def test_a_computed_scorecard_passes(card):
    assert KpiAgentMonthly.validate(card).equals(card)


def refused(frame: pl.DataFrame) -> str:
    with pytest.raises(pandera.errors.SchemaError) as err:
        KpiAgentMonthly.validate(frame)
    return str(err.value)


def test_the_grain_is_unique(card):
    assert "month_start" in refused(pl.concat([card, card]))


def test_a_missing_or_extra_column_is_refused(card):
    assert "tier" in refused(card.drop("tier"))
    assert "surprise" in refused(card.with_columns(surprise=pl.lit(1)))


@pytest.mark.parametrize(
    ("change", "check"),
    [
        ({"status": pl.lit("done")}, "status is scored or insufficient_data"),
        ({"tier": pl.lit(None, pl.String)}, "null exactly when insufficient_data"),
        ({"score": pl.lit(Decimal("-1.00")).cast(pl.Decimal(5, 2))}, "score lies in 0..100"),
        ({"loyalty_points": pl.col("loyalty_weight") + 1}, "within their effective weights"),
        ({"timeliness_weight": pl.lit(None, pl.Float64)}, "N/A metrics have neither"),
        (
            {
                "satisfaction_weight": pl.col("satisfaction_weight") + 5,
                "satisfaction_points": pl.col("satisfaction_points"),
            },
            "weights of a scored agent sum to 100",
        ),
        ({"votes_5": pl.col("votes_5") + 1}, "add up to survey_count"),
        ({"timely_count": pl.col("consultation_count") + 1}, "within their totals"),
        ({"satisfaction_avg": pl.lit(5.5)}, "rates lie in their ranges"),
        ({"consecutive_months_below_60": pl.lit(0, pl.Int64)}, "a warning counts"),
        (
            {
                "is_demotion_review": pl.lit(True),
                "is_warning": pl.lit(False),
                "consecutive_months_below_60": pl.lit(0, pl.Int64),
            },
            "demotion review",
        ),
        ({"period_end_on": pl.lit(date(2026, 9, 1))}, "evaluation period"),
    ],
)
def test_each_invariant_refuses_a_row_that_breaks_it(card, change, check):
    assert check in refused(card.with_columns(**change))


def test_insufficient_data_earns_no_bonus():
    empty = published(scorecards({}))
    assert empty["status"].item() == "insufficient_data"
    KpiAgentMonthly.validate(empty)
    broken = empty.with_columns(bonus_amount=pl.lit(Decimal("500.00")).cast(pl.Decimal(12, 2)))
    assert "insufficient_data earns no bonus" in refused(broken)


def test_an_outstanding_performer_has_a_tier_and_may_be_warned(card):
    """`is_recognized` asks for a tier only: under a scheme whose recognition tier lies
    below its warning line, an outstanding performer is warned too."""
    recognised = card.with_columns(is_recognized=pl.lit(True))
    KpiAgentMonthly.validate(recognised)
    warned = card.filter(pl.col("is_warning")).with_columns(is_recognized=pl.lit(True))
    assert warned.height > 0
    KpiAgentMonthly.validate(warned)
    without_tier = published(scorecards({})).with_columns(is_recognized=pl.lit(True))
    assert "an outstanding performer has a tier" in refused(without_tier)
