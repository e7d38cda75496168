"""A month's inputs split into groups of whole stores, each with only its agents' rows."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from tests.transforms import builders as b
from transforms.results import Prepared, shares, store_partitions

ROSTER = pl.DataFrame({"agent_id": list("abcde"), "store_id": ["S1", "S2", "S1", "S3", "S2"]})


def test_store_partitions_keep_stores_whole():
    assert [p["agent_id"].to_list() for p in store_partitions(ROSTER, 2)] == [
        ["a", "c", "d"],
        ["b", "e"],
    ]
    assert [p.height for p in store_partitions(ROSTER, 5)] == [2, 2, 1]
    assert store_partitions(ROSTER, 1) == [ROSTER]
    empty = ROSTER.clear()
    assert [p.height for p in store_partitions(empty, 4)] == [0]


def prepared() -> Prepared:
    """Every agent has records, an appeal outcome and a warning streak."""
    visits = [r for a in "abcde" for r in b.receptions(a, [f"c{a}1", f"c{a}2"])]
    kept = {**b.empty_records(), "receptions": b.frame("receptions", visits)}
    outcomes = pl.DataFrame({"appeal_id": ["P1", "P2", "P3"], "agent_id": ["a", "b", "e"]})
    return Prepared(outcomes, kept, workdays=None, warnings=[])


STREAKS = pl.DataFrame({"agent_id": list("abcde"), "previous_run": [1, 2, 3, 4, 5]})


def test_each_share_holds_only_its_agents_rows_and_together_the_month():
    month = prepared()
    parts = shares(ROSTER, month, STREAKS, 2)
    assert [s.roster["agent_id"].to_list() for s in parts] == [["a", "c", "d"], ["b", "e"]]
    for share in parts:
        agents = set(share.roster["agent_id"])
        for frame in [*share.kept.values(), share.outcomes, share.streaks]:
            assert set(frame["agent_id"]) <= agents
    for name, whole in month.kept.items():
        together = pl.concat([s.kept[name] for s in parts])
        assert_frame_equal(together.sort("row_number"), whole.sort("row_number"))
    for field, whole in (("outcomes", month.outcomes), ("streaks", STREAKS)):
        together = pl.concat([getattr(s, field) for s in parts])
        assert_frame_equal(together.sort("agent_id"), whole.sort("agent_id"))


def test_one_share_is_the_month_as_it_is():
    month = prepared()
    [share] = shares(ROSTER, month, STREAKS, 1)
    assert share.roster is ROSTER and share.kept is month.kept
    assert share.outcomes is month.outcomes and share.streaks is STREAKS
