"""Tiny typed record frames for transform tests (the shapes the pandera models accept)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl

from schemas.contracts import EXPORTS_BY_NAME, RECORD_EXPORTS
from schemas.scheme import Scheme
from transforms.quarantine import typed_schema
from transforms.timeliness import consultation_timeliness, timeliness_calendar

T0 = datetime(2026, 10, 5, 10)


def frame(name: str, rows: list[dict]) -> pl.DataFrame:
    schema = typed_schema(EXPORTS_BY_NAME[name])
    rows = [{"row_number": i + 1, "store_id": "S1", **r} for i, r in enumerate(rows)]
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema)


def roster(*agent_ids: str, team_id: str | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "agent_id": list(agent_ids),
            "agent_name": [f"n{a}" for a in agent_ids],
            "store_id": ["S1"] * len(agent_ids),
            "team_id": [team_id or "S1"] * len(agent_ids),
            "is_active": [True] * len(agent_ids),
        }
    )


def empty_records() -> dict[str, pl.DataFrame]:
    return {e.name: frame(e.name, []) for e in RECORD_EXPORTS}


def timed(frames: dict[str, pl.DataFrame], scheme: Scheme) -> dict[str, pl.LazyFrame]:
    """The records as the pipeline hands them to metrics and teams: lazy, consultations
    with their timeliness on the scheme's clock."""
    sla = scheme.metrics.timeliness.sla
    calendar, _ = timeliness_calendar(frames["consultations"], sla=sla, appeals=scheme.appeals)
    lazy = {k: v.lazy() for k, v in frames.items()}
    lazy["consultations"] = consultation_timeliness(
        lazy["consultations"], sla=sla, calendar=calendar
    )
    return lazy


def receptions(agent: str, customers: list[str]) -> list[dict]:
    return [
        {"reception_id": f"R{agent}-{i}", "agent_id": agent, "customer_id": c, "received_at": T0}
        for i, c in enumerate(customers)
    ]


def surveys(agent: str, votes: dict[int, int]) -> list[dict]:
    ratings = [r for r, n in sorted(votes.items()) for _ in range(n)]
    return [
        {
            "survey_id": f"V{agent}-{i}",
            "agent_id": agent,
            "customer_id": f"c{i}",
            "surveyed_at": T0,
            "rating": r,
        }
        for i, r in enumerate(ratings)
    ]


def consultations(agent: str, timely: int, late: int, channel: str = "phone") -> list[dict]:
    rows = []
    for i in range(timely + late):
        slow = i >= timely
        rows.append(
            {
                "consultation_id": f"K{agent}-{i}",
                "agent_id": agent,
                "channel": channel,
                "received_at": T0,
                "first_response_at": T0 + timedelta(minutes=30 if slow else 5),
                "resolved_at": T0 + timedelta(hours=2),
            }
        )
    return rows


def purchases(agent: str, spec: list[tuple[str, str, str | None]]) -> list[dict]:
    return [
        {
            "order_id": f"O{agent}-{i}",
            "agent_id": agent,
            "customer_id": customer,
            "purchased_at": date(2026, 10, 9),
            "purchase_type": kind,
            "referrer_customer_id": referrer,
        }
        for i, (customer, kind, referrer) in enumerate(spec)
    ]
