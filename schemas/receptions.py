import pandera.polars as pa
import polars as pl


class Receptions(pa.DataFrameModel):
    """Accepted customer receptions (接待记录) of one month. Grain: one row per reception_id."""

    row_number: pl.UInt32
    reception_id: str = pa.Field(unique=True)
    store_id: str
    agent_id: str
    customer_id: str
    received_at: pl.Datetime

    class Config:
        strict = True
