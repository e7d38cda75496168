import pandera.polars as pa
import polars as pl

from schemas.checks import one_row_per
from schemas.contracts import CHANNELS


class Consultations(pa.DataFrameModel):
    """Accepted call-center consultations (咨询记录) of one month.

    Grain: one row per consultation_id. Response and resolution, when known, are not
    before the consultation was received.
    """

    row_number: pl.UInt32
    consultation_id: str
    store_id: str
    agent_id: str
    customer_id: str = pa.Field(nullable=True)
    channel: str = pa.Field(isin=list(CHANNELS))
    received_at: pl.Datetime
    first_response_at: pl.Datetime = pa.Field(nullable=True)
    resolved_at: pl.Datetime = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check
    def times_in_order(cls, data) -> pl.LazyFrame:
        received = pl.col("received_at")
        return data.lazyframe.select(
            (pl.col("first_response_at") >= received).fill_null(True)
            & (pl.col("resolved_at") >= received).fill_null(True)
        )

    @pa.dataframe_check
    def one_row_per_consultation_id(cls, data) -> bool:
        return one_row_per(data, "consultation_id")
