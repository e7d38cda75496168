import pandera.polars as pa
import polars as pl

from schemas.checks import one_row_per


class Receptions(pa.DataFrameModel):
    """Accepted customer receptions (接待记录) of one month. Grain: one row per reception_id."""

    row_number: pl.UInt32
    reception_id: str
    store_id: str
    agent_id: str
    customer_id: str
    received_at: pl.Datetime

    class Config:
        strict = True

    @pa.dataframe_check
    def one_row_per_reception_id(cls, data) -> bool:
        return one_row_per(data, "reception_id")
