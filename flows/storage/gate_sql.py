"""The quality gate's SQL: the batches it validates and the rules it checks in the
warehouse (`flows.publishing.gate`).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from schemas import rules
from schemas import tables as t
from schemas.tables import (
    KPI_AGENT_MONTHLY,
    KPI_RUN_INPUT,
)


def _sql(statement: sa.ClauseElement, dialect: sa.Dialect) -> str:
    """A statement as SQL text with its values rendered as quoted literals (Great
    Expectations takes queries as text; SQLAlchemy quotes every value, so a tier named
    ``A'`` in a scheme file cannot change the query)."""
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def gate_batches(engine: sa.Engine, month: date, version: int, run_id: str) -> dict[str, str]:
    """What the quality gate reads, per table: the staged version's rows, and the run's
    input files."""
    batches = {
        table.name: sa.select(table).where(table.c.month_start == month, table.c.version == version)
        for table in (KPI_AGENT_MONTHLY, t.KPI_TEAM_MONTHLY)
    }
    batches[KPI_RUN_INPUT.name] = sa.select(KPI_RUN_INPUT).where(KPI_RUN_INPUT.c.run_id == run_id)
    return {name: _sql(query, engine.dialect) for name, query in batches.items()}


def gate_rules(
    engine: sa.Engine,
    month: date,
    version: int,
    *,
    tiers: list[tuple[str, float, float]],
    tolerance: float,
    declared: tuple[rules.Rule, ...] = rules.RULES,
) -> dict[str, list[tuple[str, str]]]:
    """The gate's row rules per table: (description, a query over Great Expectations'
    ``{batch}`` that returns the rows breaking it). The declared ones (`schemas.rules`:
    row rules and sums across tables) come first, then the scheme's tier rule.

    ``tiers``: (name, min_score, bonus) from the highest; ``declared``: the rules."""
    d = engine.dialect
    queries: dict[str, list[tuple[str, str]]] = {
        name: [] for name in (KPI_AGENT_MONTHLY.name, t.KPI_TEAM_MONTHLY.name, KPI_RUN_INPUT.name)
    }
    for name, found in queries.items():
        for rule in rules.rules_for(name, rules.GATE, declared):
            if isinstance(rule, rules.RowRule):
                found.append((rule.message, "SELECT * FROM {batch} WHERE " + _sql(rule.sql(), d)))
            elif isinstance(rule, rules.SumsMatch):
                found.append((rule.message, _sums_match(engine, rule, month, version)))
    queries[KPI_AGENT_MONTHLY.name].insert(1, _tier_rule(d, tiers, tolerance))
    return queries


def _sums_match(engine: sa.Engine, rule: rules.SumsMatch, month: date, version: int) -> str:
    """The ``rule.table`` rows that differ from the ``rule.of`` rows of the same month and
    version counted and summed per group (or have none)."""
    source = t.TABLES_BY_NAME[rule.of].c
    sums = _sql(
        sa.select(
            *(source[k] for k in rule.by),
            sa.func.count().label(rule.count),
            *(sa.func.sum(source[c]).label(c) for c in rule.sums),
        )
        .where(source.month_start == month, source.version == version)
        .group_by(*(source[k] for k in rule.by)),
        engine.dialect,
    )
    joined = " AND ".join(f"a.{k} = t.{k}" for k in rule.by)
    differs = " OR ".join(f"a.{c} <> t.{c}" for c in (rule.count, *rule.sums))
    return (
        f"SELECT t.* FROM {{batch}} t LEFT JOIN ({sums}) a ON {joined} "
        f"WHERE a.{rule.by[0]} IS NULL OR {differs}"
    )


def _tier_rule(
    dialect: sa.Dialect, tiers: list[tuple[str, float, float]], tolerance: float
) -> tuple[str, str]:
    """The scheme's rule (it depends on the scheme file, so it is no declared rule): the
    tier and bonus a score earns."""
    c = sa.column
    score = c("score")
    tier_of = sa.case(*((score >= m - tolerance, sa.literal(n)) for n, m, _ in tiers))
    bonus_of = sa.case(*((score >= m - tolerance, sa.literal(b)) for _, m, b in tiers))
    breaks = sa.or_(
        sa.and_(
            score.is_not(None),
            sa.or_(c("tier") != tier_of, sa.func.abs(c("bonus_amount") - bonus_of) > 0.001),
        ),
        sa.and_(score.is_(None), c("bonus_amount") != 0),
    )
    return (
        "tier and bonus follow the score and the scheme's tiers",
        "SELECT * FROM {batch} WHERE " + _sql(breaks, dialect),
    )
