"""What a month's scheme changed from the previous month's, item by item."""

import polars as pl
from polars.testing import assert_frame_equal

from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.inputs.schemes import load_scheme_file
from transforms.scheme_changes import COLUMNS, scheme_changes

DEFAULT = load_scheme_file(DEFAULT_SCHEMES_DIR / "default-2026.yaml").scheme
PERIOD = load_scheme_file(DEFAULT_SCHEMES_DIR / "example-period-and-business-hours.yaml").scheme


def test_nothing_is_announced_without_a_previous_scheme_or_a_change():
    assert scheme_changes(None, DEFAULT).is_empty()
    assert scheme_changes(DEFAULT, DEFAULT).is_empty()
    # Another version with the same lines announces nothing either.
    assert scheme_changes(DEFAULT.model_copy(update={"version": "x"}), DEFAULT).is_empty()


def test_weights_tiers_penalties_targets_and_period_in_the_statements_order():
    metrics = DEFAULT.metrics.model_copy(
        update={
            "satisfaction": DEFAULT.metrics.satisfaction.model_copy(update={"weight": 45}),
            "timeliness": DEFAULT.metrics.timeliness.model_copy(update={"weight": 10}),
        }
    )
    tiers = [
        DEFAULT.tiers[0].model_copy(update={"min_score": 92, "bonus": 2500}),
        *DEFAULT.tiers[1:],
    ]
    changed = DEFAULT.model_copy(
        update={
            "metrics": metrics,
            "tiers": tiers[:-2] + tiers[-1:],  # tier D dropped
            "penalties": DEFAULT.penalties.model_copy(update={"warning_below": 55}),
            "period": PERIOD.period,
        }
    )
    expected = pl.DataFrame(
        [
            ("weights", "satisfaction", "40", "45"),
            ("weights", "timeliness", "15", "10"),
            ("tiers", "A", "90/2000", "92/2500"),
            ("tiers", "D", "60/500", None),
            ("penalties", "warning_below", "60", "55"),
            ("period", "end_day", None, "25"),
        ],
        schema=COLUMNS,
        orient="row",
    )
    assert_frame_equal(scheme_changes(DEFAULT, changed), expected)


def test_a_changed_service_level_is_one_item():
    found = scheme_changes(DEFAULT, PERIOD)
    assert ("sla", "sla") in list(zip(found["part"], found["item"], strict=True))
    assert ("period", "end_day", None, "25") in found.rows()
