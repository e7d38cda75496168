import pandera.polars as pa
import polars as pl

from schemas.checks import one_row_per


class Complaints(pa.DataFrameModel):
    """Accepted complaints (投诉记录) of one month. Grain: one row per complaint_id.

    ``is_valid`` null means valid; false means found groundless (counts nowhere).
    """

    row_number: pl.UInt32
    complaint_id: str
    store_id: str
    agent_id: str
    customer_id: str
    complained_at: pl.Datetime
    category: str = pa.Field(nullable=True)
    is_valid: pl.Boolean = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check
    def one_row_per_complaint_id(cls, data) -> bool:
        return one_row_per(data, "complaint_id")
