import pandera.polars as pa
import polars as pl

from schemas.checks import one_row_per
from schemas.contracts import CHOICES, SCORE_DELTA_DTYPE, Kind
from schemas.months import MONTH_PATTERN


class Appeals(pa.DataFrameModel):
    """Valid appeal rows (绩效申诉) found in one month's folder. Grain: one row per appeal_id.

    ``month`` may name another month (its outcome is then ``month_mismatch``). A
    ``void_record`` appeal names its record; an ``adjust_score`` appeal its delta.
    """

    row_number: pl.UInt32
    appeal_id: str
    agent_id: str
    month: str = pa.Field(str_matches=MONTH_PATTERN)
    feedback_on: pl.Date
    filed_on: pl.Date
    kind: str = pa.Field(isin=list(CHOICES[Kind.APPEAL_KIND]))
    record_type: str = pa.Field(nullable=True, isin=list(CHOICES[Kind.RECORD_TYPE]))
    record_id: str = pa.Field(nullable=True)
    score_delta: SCORE_DELTA_DTYPE = pa.Field(nullable=True)
    reason: str
    status: str = pa.Field(isin=list(CHOICES[Kind.APPEAL_STATUS]))
    decided_by: str = pa.Field(nullable=True)
    decided_on: pl.Date = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check
    def kind_has_its_fields(cls, data) -> pl.LazyFrame:
        void = pl.col("kind") == "void_record"
        return data.lazyframe.select(
            pl.when(void)
            .then(pl.col("record_type").is_not_null() & pl.col("record_id").is_not_null())
            .otherwise(pl.col("score_delta").is_not_null())
        )

    @pa.dataframe_check
    def one_row_per_appeal_id(cls, data) -> bool:
        return one_row_per(data, "appeal_id")
