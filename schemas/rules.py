"""The data-quality rules of the published tables, each declared once.

Three checkers read them: the pandera models of the published tables (`rule_checks`, in
`schemas.kpi_agent_monthly` and `schemas.kpi_team_monthly`, run before a version is
staged), the quality gate's Great Expectations suite (`flows.publishing.gate`, on the
staged rows) and the gate's SQL (`flows.storage.gate_sql`, for row rules and sums across
tables, which Great Expectations takes as queries). A rule's column, bounds and message
are written here only.

Kinds:
- `Between` and `InSet`: a column's values; nulls pass. The gate checks them with Great
  Expectations' own column expectations, whose names make the gate's message (e.g.
  ``expect_column_values_to_be_between on score``); the rule's message names the pandera
  check.
- `RowRule`: a condition every row holds, written once against `Ops` (column, null test,
  absolute value, ...), so the same text builds a polars expression and a SQL condition. A
  row breaks it when the condition is false; null counts as holding, as in a SQL ``WHERE
  NOT (...)`` (write ``coalesce`` where null must fail).
- `SumsMatch`: a table's rows equal another table's rows counted and summed per group
  (cross-table: the gate only).

``checked_by`` says which checker applies a rule. The gate keeps to the rules it has
always had, so a version fails it with the same messages as before; the pandera models
check more (they see each row before it is written, and a failure there is a bug). What
depends on the scheme (tier lines and bonuses) or on the month as a whole (one row per
active agent) stays with the gate, which knows both.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

import polars as pl
import sqlalchemy as sa

from schemas.scheme import TOLERANCE
from schemas.tables import METRIC_COLUMN_PREFIXES

MODEL, GATE = "model", "gate"
BOTH = (MODEL, GATE)


class Ops:
    """What a row rule may use beyond Python's operators (``+ - < == & | ~``, which
    polars expressions and SQLAlchemy clauses share)."""

    def __init__(self, col, is_null, abs_, coalesce, all_, any_) -> None:
        self.col, self.is_null, self.abs, self.coalesce = col, is_null, abs_, coalesce
        self.all, self.any = all_, any_


POLARS = Ops(
    pl.col,
    lambda x: x.is_null(),
    lambda x: x.abs(),
    lambda x, value: x.fill_null(value),
    lambda xs: pl.all_horizontal(list(xs)),
    lambda xs: pl.any_horizontal(list(xs)),
)
SQL = Ops(
    sa.column,
    lambda x: x.is_(None),
    sa.func.abs,
    lambda x, value: sa.func.coalesce(x, sa.literal(value)),
    lambda xs: sa.and_(*xs),
    lambda xs: sa.or_(*xs),
)


@dataclass(frozen=True)
class Between:
    table: str
    column: str
    low: float
    high: float | None
    message: str
    checked_by: tuple[str, ...] = BOTH

    def polars(self) -> pl.Expr:
        c = pl.col(self.column)
        inside = c >= self.low if self.high is None else c.is_between(self.low, self.high)
        return inside.fill_null(True)


@dataclass(frozen=True)
class InSet:
    table: str
    column: str
    values: tuple[str, ...]
    message: str
    checked_by: tuple[str, ...] = BOTH

    def polars(self) -> pl.Expr:
        return pl.col(self.column).is_in(list(self.values)).fill_null(True)


@dataclass(frozen=True)
class RowRule:
    table: str
    message: str
    holds: Callable[[Ops], Any]
    checked_by: tuple[str, ...] = BOTH

    def polars(self) -> pl.Expr:
        return self.holds(POLARS).fill_null(True)

    def sql(self) -> sa.ColumnElement:
        """The rows that break the rule, as a SQL condition."""
        return sa.not_(self.holds(SQL))


@dataclass(frozen=True)
class SumsMatch:
    """Each ``table`` row's ``count`` is the number of ``of`` rows of its ``by`` group,
    and each of ``sums`` (same name in both tables) their sum."""

    table: str
    of: str
    by: tuple[str, ...]
    count: str
    sums: tuple[str, ...]
    message: str
    checked_by: tuple[str, ...] = (GATE,)


Rule = Between | InSet | RowRule | SumsMatch

AGENT, TEAM, RUN_INPUT = "kpi_agent_monthly", "kpi_team_monthly", "kpi_run_input"
_METRICS = tuple(METRIC_COLUMN_PREFIXES.values())
_RATES = "rates lie in their ranges"
_FRACTIONS = "fractions lie in 0..1"


def _period_set(o: Ops):
    return o.coalesce(o.col("period_start_on") <= o.col("period_end_on"), False)


def _scored(o: Ops):
    return o.col("status") == "scored"


def _nulls_follow_status(o: Ops):
    not_scored = ~_scored(o)
    return o.all(
        o.is_null(o.col(c)) == not_scored for c in ("score", "score_before_adjustment", "tier")
    )


def _points_within_weights(o: Ops):
    return o.all(
        (o.is_null(o.col(f"{m}_points")) == o.is_null(o.col(f"{m}_weight")))
        & o.coalesce(
            (o.col(f"{m}_points") >= 0)
            & (o.col(f"{m}_points") <= o.col(f"{m}_weight") + TOLERANCE),
            True,
        )
        for m in _METRICS
    )


def _weights_sum_to_100(o: Ops):
    total = reduce(operator.add, (o.coalesce(o.col(f"{m}_weight"), 0.0) for m in _METRICS))
    return ~_scored(o) | (o.abs(total - 100) < 1e-6)


_COUNTS = (
    "customers_received",
    "survey_count",
    "complaint_count",
    "consultation_count",
    "first_purchase_customers",
    "repeat_purchase_customers",
    "referral_customers",
)

RULES: tuple[Rule, ...] = (
    InSet(
        AGENT, "status", ("scored", "insufficient_data"), "status is scored or insufficient_data"
    ),
    RowRule(
        AGENT,
        "score, tier and points are null exactly when insufficient_data",
        _nulls_follow_status,
    ),
    Between(AGENT, "score", 0, 100, "score lies in 0..100"),
    RowRule(
        AGENT,
        "points lie within their effective weights; N/A metrics have neither",
        _points_within_weights,
    ),
    RowRule(AGENT, "effective weights of a scored agent sum to 100", _weights_sum_to_100),
    RowRule(
        AGENT,
        "votes_1..votes_5 add up to survey_count",
        lambda o: (
            reduce(operator.add, (o.col(f"votes_{v}") for v in range(1, 6)))
            == o.col("survey_count")
        ),
        (MODEL,),
    ),
    RowRule(
        AGENT,
        "counts are not negative; timely and complaint customers within their totals",
        lambda o: (
            o.all(o.col(c) >= 0 for c in _COUNTS)
            & (o.col("timely_count") <= o.col("consultation_count"))
            & (o.col("complaint_customers") <= o.col("complaint_count"))
        ),
        (MODEL,),
    ),
    Between(AGENT, "satisfaction_avg", 1, 5, _RATES),
    Between(AGENT, "timely_rate", 0, 1, _RATES),
    *(Between(AGENT, c, 0, None, _RATES) for c in ("complaint_rate", "repurchase_rate")),
    Between(AGENT, "referral_rate", 0, None, _RATES),
    RowRule(
        AGENT,
        "a warning counts at least this month; no warning, no count; demotion review "
        "only with a warning",
        lambda o: (
            ((o.col("consecutive_months_below_60") >= 1) == o.col("is_warning"))
            & (~o.col("is_demotion_review") | o.col("is_warning"))
        ),
        (MODEL,),
    ),
    RowRule(
        AGENT,
        "an outstanding performer has a tier",
        lambda o: ~o.coalesce(o.col("is_recognized"), False) | ~o.is_null(o.col("tier")),
        (MODEL,),
    ),
    RowRule(
        AGENT,
        "insufficient_data earns no bonus and no warning",
        lambda o: _scored(o) | ((o.col("bonus_amount") == 0) & ~o.col("is_warning")),
        (MODEL,),
    ),
    RowRule(
        AGENT,
        "the evaluation period is set and not empty",
        _period_set,
        (MODEL,),
    ),
    RowRule(
        TEAM, "a team has at least one active agent", lambda o: o.col("agent_count") >= 1, (MODEL,)
    ),
    *(Between(TEAM, c, 0, 1, _FRACTIONS) for c in ("satisfaction_pct", "satisfied_share")),
    Between(TEAM, "complaint_rate", 0, None, _FRACTIONS),
    RowRule(
        TEAM,
        "satisfaction_pct is satisfaction_avg / 5",
        lambda o: o.coalesce(
            o.abs(o.col("satisfaction_pct") - o.col("satisfaction_avg") / 5) < TOLERANCE,
            o.is_null(o.col("satisfaction_pct")) & o.is_null(o.col("satisfaction_avg")),
        ),
        (MODEL,),
    ),
    RowRule(
        TEAM,
        "timely consultations within the total",
        lambda o: o.col("timely_count") <= o.col("consultation_count"),
        (MODEL,),
    ),
    RowRule(
        TEAM,
        "the evaluation period is set and not empty",
        _period_set,
        (MODEL,),
    ),
    SumsMatch(
        TEAM,
        of=AGENT,
        by=("store_id", "team_id"),
        count="agent_count",
        sums=("survey_count", "complaint_count", "consultation_count", "timely_count"),
        message="team rows add up to their agents' rows",
    ),
    RowRule(
        RUN_INPUT,
        "rows read = accepted + rejected + duplicates + out of period",
        lambda o: (
            o.col("rows_read")
            == o.col("rows_accepted")
            + o.col("rows_rejected")
            + o.col("rows_duplicate")
            + o.col("rows_out_of_period")
        ),
        (GATE,),
    ),
)


def rules_for(table: str, checker: str, rules: Sequence[Rule] = RULES) -> list[Rule]:
    """The rules ``checker`` (`MODEL` or `GATE`) applies to ``table``, in declared order."""
    return [r for r in rules if r.table == table and checker in r.checked_by]


def rule_checks(table: str, rules: Sequence[Rule] = RULES) -> list:
    """The pandera checks of a published table's model: one per rule, named by its
    message (rules that share a message, such as the rates' ranges, share one check)."""
    grouped: dict[str, list[pl.Expr]] = {}
    for rule in rules_for(table, MODEL, rules):
        grouped.setdefault(rule.message, []).append(rule.polars())
    return [_check(message, pl.all_horizontal(exprs)) for message, exprs in grouped.items()]


def _check(message: str, expr: pl.Expr):
    """A pandera check that ``expr`` holds on every row, named by the rule's message."""
    import pandera.polars as pa

    return pa.Check(lambda data: data.lazyframe.select(expr), name=message, error=message)
