import pandera.polars as pa
import polars as pl

from schemas.checks import one_row_per


class Agents(pa.DataFrameModel):
    """The month's roster as accepted. Grain: one row per agent_id.

    ``row_number`` is the row's 1-based position among the file's data rows (lineage).
    """

    row_number: pl.UInt32
    agent_id: str
    agent_name: str
    store_id: str
    team_id: str = pa.Field(nullable=True)
    hired_on: pl.Date = pa.Field(nullable=True)
    left_on: pl.Date = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check
    def left_not_before_hired(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("left_on") >= pl.col("hired_on")).fill_null(True))

    @pa.dataframe_check
    def one_row_per_agent_id(cls, data) -> bool:
        return one_row_per(data, "agent_id")
