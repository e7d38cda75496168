import pandera.polars as pa
import polars as pl

from schemas.contracts import CHOICES, Kind
from schemas.months import MONTH_PATTERN


class Interviews(pa.DataFrameModel):
    """Accepted feedback-interview rows (绩效反馈面谈) of one month's folder. Grain: one
    row per (interview_id, goal_metric): a plan item, or the interview itself when it
    agreed no measurable item (``goal_metric`` null).

    All of an interview's rows name one agent and one month, the folder's; a goal has
    its value and due month.
    """

    row_number: pl.UInt32
    interview_id: str
    agent_id: str
    month: str = pa.Field(str_matches=MONTH_PATTERN)
    interview_on: pl.Date
    interviewer: str
    strengths: str = pa.Field(nullable=True)
    shortfalls: str = pa.Field(nullable=True)
    goal_metric: str = pa.Field(nullable=True, isin=list(CHOICES[Kind.GOAL_METRIC]))
    goal_value: pl.Float64 = pa.Field(nullable=True)
    due_month: str = pa.Field(nullable=True, str_matches=MONTH_PATTERN)
    measure: str = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check
    def one_row_per_goal(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("interview_id", "goal_metric").is_duplicated())

    @pa.dataframe_check
    def one_agent_and_month_per_interview(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.struct("agent_id", "month").n_unique().over("interview_id") == 1
        )

    @pa.dataframe_check
    def a_goal_has_its_value_and_due_month(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("goal_metric").is_null()
            | (pl.col("goal_value").is_not_null() & pl.col("due_month").is_not_null())
        )
