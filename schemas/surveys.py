import pandera.polars as pa
import polars as pl

from schemas.checks import one_row_per


class Surveys(pa.DataFrameModel):
    """Accepted satisfaction surveys (满意度调查) of one month. Grain: one row per survey_id."""

    row_number: pl.UInt32
    survey_id: str
    store_id: str
    agent_id: str
    customer_id: str
    surveyed_at: pl.Datetime
    rating: pl.Int8 = pa.Field(in_range={"min_value": 1, "max_value": 5})

    class Config:
        strict = True

    @pa.dataframe_check
    def one_row_per_survey_id(cls, data) -> bool:
        return one_row_per(data, "survey_id")
