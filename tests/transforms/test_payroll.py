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


def test_a_reversal_names_the_appeal_it_undoes_and_the_version_an_earlier_file_paid():
    """October was paid at version 1 (first export). Version 2 applied AP1 (+500), carried
    by November's file PE-NOV; version 3 no longer applies AP1 and applies AP2 to agent b
    (-500 for a, +1000 for b), carried by December's file PE-DEC. Payroll had paid a
    version 2 (November's line), b version 1 (no earlier line)."""
    from transforms.payroll import with_reasons

    oct_ = date(2026, 10, 1)
    adjustments = pl.DataFrame(
        {
            "month_start": [oct_] * 2,
            "agent_id": ["a", "b"],
            "from_version": [2, 2],
            "to_version": [3, 3],
            "delta": [Decimal("-500"), Decimal("1000")],
        }
    )
    cards = pl.DataFrame(
        {
            "month_start": [oct_] * 6,
            "agent_id": ["a", "a", "a", "b", "b", "b"],
            "version": [1, 2, 3, 1, 2, 3],
            "team_id": ["T"] * 6,
            "score": [Decimal("65"), Decimal("72"), Decimal("65")]
            + [Decimal("60")] * 2
            + [Decimal("70")],
            "tier": ["D", "C", "D", "D", "D", "C"],
        }
    )
    applied = pl.DataFrame(
        {
            "month_start": [oct_] * 2,
            "version": [2, 3],
            "agent_id": ["a", "b"],
            "appeal_id": ["AP1", "AP2"],
        }
    )
    frozen = pl.DataFrame({"month_start": [oct_], "frozen": [1]})
    carried = pl.DataFrame(
        {
            "month_start": [oct_] * 3,
            "agent_id": ["a", "a", "b"],
            "to_version": [2, 3, 3],
            "export_id": ["PE-NOV", "PE-DEC", "PE-DEC"],
        }
    )
    got = with_reasons(adjustments, cards, applied, frozen, carried, "PE-DEC").sort("agent_id")
    assert got.select(
        "agent_id", "paid_version", "score_before", "tier_after", "appeal_ids", "appeals_withdrawn"
    ).rows() == [
        ("a", 2, Decimal("72"), "D", None, "AP1"),
        ("b", 1, Decimal("60"), "C", "AP2", None),
    ]
    # Re-exporting November's file reproduces its line: paid 1, AP1 applied.
    first = adjustments.with_columns(
        pl.lit(1).alias("from_version"), pl.lit(2).alias("to_version")
    ).head(1)
    again = with_reasons(first, cards, applied, frozen, carried, "PE-NOV")
    assert again.select("paid_version", "appeal_ids", "appeals_withdrawn").rows() == [
        (1, "AP1", None)
    ]
