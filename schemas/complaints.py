import pandera.polars as pa
import polars as pl


class Complaints(pa.DataFrameModel):
    """Accepted complaints (投诉记录) of one month. Grain: one row per complaint_id.

    ``is_valid`` null means valid; false means found groundless (counts nowhere).
    """

    row_number: pl.UInt32
    complaint_id: str = pa.Field(unique=True)
    store_id: str
    agent_id: str
    customer_id: str
    complained_at: pl.Datetime
    category: str = pa.Field(nullable=True)
    is_valid: pl.Boolean = pa.Field(nullable=True)

    class Config:
        strict = True
