"""The input contract: identifiers are IDs."""

from schemas.contracts import EXPORTS, Kind


def test_identifiers_are_ids_and_only_names_and_free_text_keep_their_characters():
    kinds = {(e.name, c.name): c.kind for e in EXPORTS for c in e.columns}
    ids = {k for k, kind in kinds.items() if kind is Kind.ID}
    assert ids == {
        (e.name, c.name)
        for e in EXPORTS
        for c in e.columns
        if c.name.endswith("_id") or c.name == e.id_column
    }
    free_text = {(e.name, c.name) for e in EXPORTS for c in e.columns if c.free_text}
    assert free_text == {
        ("agents", "agent_name"),
        ("complaints", "category"),
        ("appeals", "reason"),
        ("appeals", "decided_by"),
        ("interviews", "interviewer"),
        ("interviews", "strengths"),
        ("interviews", "shortfalls"),
        ("interviews", "measure"),
    }


def test_every_goal_metric_an_interview_may_name_has_a_scorecard_column():
    """What the interviews accept and what their follow-up reads name the same goals."""
    from schemas.contracts import GOAL_METRICS
    from schemas.tables import GOAL_COLUMNS, KPI_AGENT_MONTHLY

    assert list(GOAL_METRICS) == list(GOAL_COLUMNS)
    assert set(GOAL_COLUMNS.values()) <= set(KPI_AGENT_MONTHLY.c.keys())
