"""The pandera models are the contract accepted rows meet: they must refuse broken frames."""

from datetime import date, datetime
from decimal import Decimal

import pandera.errors
import polars as pl
import pytest

from schemas.contracts import EXPORTS
from schemas.models import MODELS
from transforms.quarantine import typed_schema

T0 = datetime(2026, 10, 2, 10)


def frame(export_name: str, rows: list[dict]) -> pl.DataFrame:
    schema = typed_schema(next(e for e in EXPORTS if e.name == export_name))
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema)


def consultation(**kw):
    return {
        "row_number": 1,
        "consultation_id": "k1",
        "store_id": "s",
        "agent_id": "a",
        "channel": "phone",
        "received_at": T0,
        **kw,
    }


def appeal(**kw):
    return {
        "row_number": 1,
        "appeal_id": "p1",
        "agent_id": "a",
        "month": "2026-10",
        "feedback_on": date(2026, 11, 3),
        "filed_on": date(2026, 11, 4),
        "kind": "adjust_score",
        "score_delta": Decimal("2"),
        "reason": "r",
        "status": "approved",
        **kw,
    }


def test_every_export_has_a_model_named_after_it():
    assert {e.name for e in EXPORTS} == set(MODELS)
    for export in EXPORTS:
        assert MODELS[export.name].__name__.lower() == export.name
        assert "Grain" in MODELS[export.name].__doc__


def test_valid_rows_pass():
    MODELS["consultations"].validate(frame("consultations", [consultation()]))
    MODELS["appeals"].validate(frame("appeals", [appeal()]))


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("consultations", [consultation(), consultation(row_number=2)]),  # id not unique
        ("consultations", [consultation(resolved_at=datetime(2026, 10, 2, 9))]),  # time order
        ("consultations", [consultation(channel="fax")]),
        ("appeals", [appeal(score_delta=None)]),  # adjust_score needs its delta
        ("appeals", [appeal(kind="void_record", score_delta=None, record_type="survey")]),
        ("appeals", [appeal(month="2026-1")]),
        (
            "surveys",
            [
                {
                    "row_number": 1,
                    "survey_id": "v",
                    "store_id": "s",
                    "agent_id": "a",
                    "customer_id": "c",
                    "surveyed_at": T0,
                    "rating": 6,
                }
            ],
        ),
        (
            "agents",
            [
                {
                    "row_number": 1,
                    "agent_id": "a",
                    "agent_name": "n",
                    "store_id": "s",
                    "hired_on": date(2026, 10, 2),
                    "left_on": date(2026, 10, 1),
                }
            ],
        ),
        (
            "receptions",
            [
                {
                    "row_number": 1,
                    "reception_id": "r",
                    "store_id": "s",
                    "agent_id": "a",
                    "customer_id": None,
                    "received_at": T0,
                }
            ],
        ),
    ],
)
def test_broken_rows_fail(name, rows):
    with pytest.raises(pandera.errors.SchemaError):
        MODELS[name].validate(frame(name, rows))
