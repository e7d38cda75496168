from datetime import UTC, date, datetime
from decimal import Decimal

import polars as pl

from transforms.payroll import bonus_adjustments

NOW = datetime(2026, 11, 2, tzinfo=UTC)


def bonuses(rows) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "agent_id": pl.String,
            "agent_name": pl.String,
            "store_id": pl.String,
            "bonus_amount": pl.Decimal(12, 2),
        },
        orient="row",
    )


def test_changed_bonuses_become_adjustments_and_missing_agents_count_as_zero():
    before = bonuses(
        [
            ("a", "甲", "S1", Decimal("500")),
            ("b", "乙", "S1", Decimal("1000")),
            ("c", "丙", "S1", Decimal("0")),
            ("e", "戊", "S1", Decimal("500")),
        ]
    )
    after = bonuses(
        [
            ("a", "甲", "S1", Decimal("500")),
            ("b", "乙2", "S2", Decimal("1500")),
            ("d", "丁", "S1", Decimal("500")),
        ]
    )
    got = bonus_adjustments(
        before,
        after,
        month_start=date(2026, 10, 1),
        from_version=1,
        to_version=2,
        currency="CNY",
        run_id="r2",
        created_at=NOW,
    )
    assert got.select(
        "agent_id", "agent_name", "store_id", "bonus_before", "bonus_after", "delta"
    ).rows() == [
        ("b", "乙2", "S2", Decimal("1000.00"), Decimal("1500.00"), Decimal("500.00")),
        ("d", "丁", "S1", Decimal("0.00"), Decimal("500.00"), Decimal("500.00")),
        ("e", "戊", "S1", Decimal("500.00"), Decimal("0.00"), Decimal("-500.00")),
    ]
    assert set(got["from_version"]) == {1} and set(got["to_version"]) == {2}
    assert got["export_id"].null_count() == 3
