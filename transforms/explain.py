"""Tracing an agent's scorecard back to the rows it came from (`kpi explain`).

From a run's archive (every row read, with its class; `transforms.quarantine.archive_rows`)
and the version's appeal outcomes: the agent's rows of the five record exports, each with
what became of it and what it contributed, and the counts recomputed from them, which
must equal the stored scorecard's.

Row classes: ``counted`` (accepted and used), ``voided`` (accepted, removed by an applied
``void_record`` appeal), ``not_valid`` (a complaint found groundless), ``rejected``,
``duplicate``, ``out_of_period``.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from schemas.contracts import EXPORTS_BY_NAME, RECORD_EXPORTS
from schemas.scheme import Scheme
from transforms.metrics import COUNT_COLUMNS, agent_metrics
from transforms.parsing import parse
from transforms.quarantine import ACCEPTED, ROW_CLASS, ROW_NUMBER
from transforms.timeliness import TIMELINESS_COLUMNS, consultation_timeliness

# What a row of each export contributes, shown beside it.
DETAIL = {
    "receptions": ("customer_id",),
    "surveys": ("customer_id", "rating"),
    "complaints": ("customer_id", "is_valid"),
    "purchases": ("customer_id", "purchase_type", "referrer_customer_id"),
    "consultations": ("customer_id", "channel", *TIMELINESS_COLUMNS),
}
ROW_COLUMNS = ("source", ROW_NUMBER, "record_id", "class", "reasons", "appeal_id")


def typed(rows: pl.LazyFrame, source: str) -> pl.LazyFrame:
    """Archived text rows with every contract column parsed to its type (null where it
    does not parse)."""
    export = EXPORTS_BY_NAME[source]
    return rows.with_columns(parse(c).alias(c.name) for c in export.columns)


def agent_rows(
    archived: Mapping[str, pl.DataFrame],
    agent_id: str,
    outcomes: pl.DataFrame,
    *,
    scheme: Scheme,
    workdays: pl.DataFrame | None,
) -> dict[str, pl.DataFrame]:
    """Per record export, the agent's rows: ``ROW_COLUMNS`` then the export's `DETAIL`.

    ``archived``: each export's archived rows; ``outcomes``: the version's appeal
    outcomes (``appeal_id``, ``kind``, ``record_type``, ``record_id``, ``is_applied``);
    ``workdays``: the business-hours calendar (None on the wall clock)."""
    voids = outcomes.filter(pl.col("is_applied") & (pl.col("kind") == "void_record")).select(
        "record_type", pl.col("record_id").alias("_id"), "appeal_id"
    )
    out = {}
    for export in RECORD_EXPORTS:
        name = export.name
        rows = typed(archived[name].lazy().filter(pl.col("agent_id") == agent_id), name)
        rows = rows.join(
            voids.filter(pl.col("record_type") == export.record_type).drop("record_type").lazy(),
            left_on=export.id_column,
            right_on="_id",
            how="left",
        )
        counted = pl.col(ROW_CLASS) == ACCEPTED
        voided = counted & pl.col("appeal_id").is_not_null()
        invalid = (pl.col("is_valid") == False) if name == "complaints" else pl.lit(False)  # noqa: E712
        row_class = (
            pl.when(voided)
            .then(pl.lit("voided"))
            .when(counted & invalid)
            .then(pl.lit("not_valid"))
            .when(counted)
            .then(pl.lit("counted"))
            .otherwise(pl.col(ROW_CLASS))
        )
        rows = rows.with_columns(
            pl.lit(name).alias("source"),
            pl.col(export.id_column).alias("record_id"),
            row_class.alias("class"),
            pl.when(voided).then(pl.col("appeal_id")).alias("appeal_id"),
        )
        if name == "consultations":
            clocked = consultation_timeliness(
                rows.filter(pl.col("class") == "counted"),
                sla=scheme.metrics.timeliness.sla,
                calendar=workdays,
            ).select(ROW_NUMBER, *TIMELINESS_COLUMNS)
            rows = rows.join(clocked, on=ROW_NUMBER, how="left")
        out[name] = rows.select(*ROW_COLUMNS, *DETAIL[name]).sort(ROW_NUMBER).collect()
    return out


def recount(rows: Mapping[str, pl.DataFrame], card: Mapping[str, object]) -> dict[str, int]:
    """The scorecard's counts recomputed from the agent's counted rows.

    ``card``: the stored scorecard row (its agent, store and team)."""
    agent = pl.LazyFrame(
        {
            "agent_id": [card["agent_id"]],
            "agent_name": [card["agent_name"]],
            "store_id": [card["store_id"]],
            "team_id": [card["team_id"]],
            "is_active": [True],
        }
    )
    records = {}
    for export in RECORD_EXPORTS:
        counted = rows[export.name].filter(pl.col("class").is_in(["counted", "not_valid"]))
        frame = counted.with_columns(pl.lit(card["agent_id"]).alias("agent_id"))
        if export.name == "consultations":
            frame = frame.with_columns(pl.col("is_timely").fill_null(False))
        records[export.name] = frame.lazy()
    metrics = agent_metrics(agent, records).collect().row(0, named=True)
    return {c: metrics[c] for c in COUNT_COLUMNS}
