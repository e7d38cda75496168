"""The quality gate's SQL: the batches it validates and the rules it checks in the
warehouse (`flows.publishing.gate`).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

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
    metrics: tuple[str, ...],
) -> dict[str, list[tuple[str, str]]]:
    """The gate's row rules per table: (description, a query over Great Expectations'
    ``{batch}`` that returns the rows breaking it).

    ``tiers``: (name, min_score, bonus) from the highest; ``metrics``: the points and
    weight column prefixes."""
    c, d = sa.column, engine.dialect

    def rows(condition) -> str:
        return "SELECT * FROM {batch} WHERE " + _sql(condition, d)

    team_sums = _team_sums(engine, month, version)
    return {
        KPI_AGENT_MONTHLY.name: _agent_rules(rows, tiers, tolerance, metrics),
        t.KPI_TEAM_MONTHLY.name: [
            (
                "team rows add up to their agents' rows",
                f"SELECT t.* FROM {{batch}} t LEFT JOIN ({team_sums}) a ON a.store_id = "
                "t.store_id AND a.team_id = t.team_id WHERE a.agents IS NULL OR "
                "a.agents <> t.agent_count OR a.surveys <> t.survey_count OR "
                "a.complaints <> t.complaint_count OR a.consultations <> "
                "t.consultation_count OR a.timely <> t.timely_count",
            ),
        ],
        KPI_RUN_INPUT.name: [
            (
                "rows read = accepted + rejected + duplicates + out of period",
                rows(
                    c("rows_read")
                    != c("rows_accepted")
                    + c("rows_rejected")
                    + c("rows_duplicate")
                    + c("rows_out_of_period")
                ),
            ),
        ],
    }


def _team_sums(engine: sa.Engine, month: date, version: int) -> str:
    """The month's agent rows summed per team, as SQL (what the team rows must equal)."""
    a = KPI_AGENT_MONTHLY.c
    return _sql(
        sa.select(
            a.store_id,
            a.team_id,
            sa.func.count().label("agents"),
            sa.func.sum(a.survey_count).label("surveys"),
            sa.func.sum(a.complaint_count).label("complaints"),
            sa.func.sum(a.consultation_count).label("consultations"),
            sa.func.sum(a.timely_count).label("timely"),
        )
        .where(a.month_start == month, a.version == version)
        .group_by(a.store_id, a.team_id),
        engine.dialect,
    )


def _agent_rules(
    rows, tiers: list[tuple[str, float, float]], tolerance: float, metrics: tuple[str, ...]
) -> list[tuple[str, str]]:
    """The scorecard rows' rules (see `gate_rules`); ``rows`` makes a rule's query."""
    c = sa.column
    score = c("score")
    tier_of = sa.case(*((score >= m - tolerance, sa.literal(n)) for n, m, _ in tiers))
    bonus_of = sa.case(*((score >= m - tolerance, sa.literal(b)) for _, m, b in tiers))
    weights = sum((sa.func.coalesce(c(f"{m}_weight"), 0) for m in metrics), sa.literal(0))
    return [
        (
            "score, tier and points are null exactly when insufficient_data",
            rows(
                sa.or_(
                    (score.is_(None)) != (c("status") == "insufficient_data"),
                    c("tier").is_(None) != score.is_(None),
                )
            ),
        ),
        (
            "tier and bonus follow the score and the scheme's tiers",
            rows(
                sa.or_(
                    sa.and_(
                        score.is_not(None),
                        sa.or_(
                            c("tier") != tier_of,
                            sa.func.abs(c("bonus_amount") - bonus_of) > 0.001,
                        ),
                    ),
                    sa.and_(score.is_(None), c("bonus_amount") != 0),
                )
            ),
        ),
        (
            "points lie within their effective weights; N/A metrics have neither",
            rows(
                sa.or_(
                    *(
                        sa.or_(
                            c(f"{m}_points").is_(None) != c(f"{m}_weight").is_(None),
                            c(f"{m}_points") < 0,
                            c(f"{m}_points") > c(f"{m}_weight") + tolerance,
                        )
                        for m in metrics
                    )
                )
            ),
        ),
        (
            "effective weights of a scored agent sum to 100",
            rows(sa.and_(c("status") == "scored", sa.func.abs(weights - 100) > 0.000001)),
        ),
    ]
