"""The record models' shared checks (`schemas.checks`)."""

from __future__ import annotations

import polars as pl
import pytest
from pandera.api.polars.types import PolarsData

from schemas.checks import one_row_per


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["R1", "R2", "R3"], True),
        (["R1", "R2", "R1"], False),  # R1 twice
        (["R1", "r1", "R1 "], True),  # compared exactly, as read
        ([], True),
    ],
)
def test_one_row_per_id(ids, expected):
    data = PolarsData(pl.LazyFrame({"id": ids, "other": list(range(len(ids)))}))
    assert one_row_per(data, "id") is expected


def test_a_repeated_id_fails_the_model_with_the_checks_name():
    import pandera.polars as pa

    from schemas.models import MODELS
    from tests.schemas.test_models import consultation, frame

    with pytest.raises(pa.errors.SchemaError, match="one_row_per_consultation_id"):
        MODELS["consultations"].validate(frame("consultations", [consultation()] * 2))
