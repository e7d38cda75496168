"""How the report writes numbers (`flows.outputs.site.formats`)."""

from __future__ import annotations

import pytest

from flows.outputs.site.formats import goal_text


@pytest.mark.parametrize(
    ("key", "value", "lower_is_better", "shown"),
    [
        # The reported case: an average of 4.5626 needed; "4.56" would score 59.95, tier E.
        ("satisfaction", 4.5626, False, "4.57"),
        ("satisfaction", 4.56, False, "4.56"),  # exactly reachable: not one step more
        ("satisfaction", 4.5600000000000005, False, "4.56"),  # float noise is not a step
        ("timeliness", 0.85612, False, "85.7%"),  # at least: up
        ("complaint_rate", 0.01234, True, "1.2%"),  # at most: down
        ("complaint_rate", 0.0129, True, "1.2%"),  # not 1.3%, which is too many
        ("repurchase_rate", 0.2, False, "20.0%"),
    ],
)
def test_a_goal_is_rounded_toward_it_so_the_value_shown_reaches_the_tier(
    key, value, lower_is_better, shown
):
    assert goal_text(key, value, lower_is_better=lower_is_better) == shown
