import pandera.polars as pa
import polars as pl

from schemas.checks import one_row_per
from schemas.contracts import PURCHASE_TYPES


class Purchases(pa.DataFrameModel):
    """Accepted vehicle purchases (购车记录) of one month. Grain: one row per order_id.

    ``agent_id`` is the agent the customer is assigned to; a set
    ``referrer_customer_id`` makes it a referral purchase.
    """

    row_number: pl.UInt32
    order_id: str
    store_id: str
    agent_id: str
    customer_id: str
    purchased_at: pl.Date
    purchase_type: str = pa.Field(isin=list(PURCHASE_TYPES))
    referrer_customer_id: str = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check
    def one_row_per_order_id(cls, data) -> bool:
        return one_row_per(data, "order_id")
