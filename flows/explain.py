"""`kpi explain`: why an agent scored what they scored, from the version's archive.

Reads the warehouse (the version, the agent's scorecard, the version's appeal outcomes)
and the run's archive (`flows.archive`: every row the run read, with its class), so it
works after the export files were changed or deleted. It recomputes the agent's counts
from the archived rows and refuses to explain a scorecard they do not reproduce. A plain
command: no Prefect, no Great Expectations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows import archive, warehouse
from flows.errors import KpiError
from flows.schemes import version_scheme
from flows.warehouse import MonthVersion, NotInWarehouse
from schemas.contracts import RECORD_EXPORTS
from schemas.scheme import Scheme
from schemas.tables import KPI_AGENT_MONTHLY, KPI_APPEAL_OUTCOME
from transforms.explain import agent_rows, recount, typed
from transforms.metrics import COUNT_COLUMNS
from transforms.scoring import POINTS, WEIGHTS, line_fraction
from transforms.timeliness import timeliness_calendar


class ArchiveMismatch(KpiError):
    """The archived rows do not reproduce the stored scorecard."""

    exit_code = 3


@dataclass(frozen=True)
class Explanation:
    info: MonthVersion
    card: dict  # the stored scorecard row
    scheme: Scheme
    rows: dict[str, pl.DataFrame]  # per record export, the agent's rows
    appeals: pl.DataFrame  # the agent's appeal outcomes of the version
    files: dict[str, str]  # export name -> file name, from the archive's manifest

    def metrics(self) -> list[dict]:
        """Per metric: its value as numerator ÷ denominator, the fraction read off the
        scheme's line, the effective weight and the points, as the scorecard has them;
        loyalty per part, each with its share."""
        card, m = self.card, self.scheme.metrics
        rating_sum = sum(v * card[f"votes_{v}"] for v in range(1, 6))

        def ratio(value, numerator, denominator, line) -> dict:
            return {
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "min_samples": line.min_samples,
                "is_applicable": denominator >= line.min_samples,
                "fraction": _fraction(value, line.worst, line.best),
            }

        parts = {
            "satisfaction": ratio(
                card["satisfaction_avg"], rating_sum, card["survey_count"], m.satisfaction
            ),
            "complaint_rate": ratio(
                card["complaint_rate"],
                card["complaint_customers"],
                card["customers_received"],
                m.complaint_rate,
            ),
            "timeliness": ratio(
                card["timely_rate"], card["timely_count"], card["consultation_count"], m.timeliness
            ),
        }
        loyalty = {
            "repurchase_rate": ratio(
                card["repurchase_rate"],
                card["repeat_purchase_customers"],
                card["first_purchase_customers"],
                m.loyalty.repurchase_rate,
            ),
            "referral_rate": ratio(
                card["referral_rate"],
                card["referral_customers"],
                card["customers_received"],
                m.loyalty.referral_rate,
            ),
        }
        out = []
        for key in ("satisfaction", "complaint_rate", "loyalty", "timeliness"):
            weight, points = card[WEIGHTS[key]], card[POINTS[key]]
            entry = {"metric": key, "weight": weight, "points": points}
            if key == "loyalty":
                for name, part in loyalty.items():
                    part["share"] = getattr(m.loyalty, name).share
                entry.update(parts=loyalty, fraction=points / weight if weight else None)
            else:
                entry.update(parts[key])
            out.append(entry)
        return out

    def document(self) -> dict:
        """The whole explanation as one JSON document (`docs/commands.md`)."""
        rows = []
        for name, frame in self.rows.items():
            detail = [
                c
                for c in frame.columns
                if c not in ("source", "row_number", "record_id", "class", "reasons", "appeal_id")
            ]
            for row in frame.iter_rows(named=True):
                rows.append(
                    {
                        "source": name,
                        "file_name": self.files.get(name),
                        "row_number": row["row_number"],
                        "record_id": row["record_id"],
                        "class": row["class"],
                        "reasons": row["reasons"],
                        "appeal_id": row["appeal_id"],
                        "detail": {c: row[c] for c in detail},
                    }
                )
        return {
            "month": f"{self.info.month:%Y-%m}",
            "agent_id": self.card["agent_id"],
            "version": self.info.version,
            "run_id": self.info.run_id,
            "scorecard": self.card,
            "metrics": self.metrics(),
            "appeals": self.appeals.to_dicts(),
            "rows": rows,
        }


def _fraction(value, worst, best):
    if value is None:
        return None
    return pl.select(line_fraction(pl.lit(float(value)), worst, best)).item()


def explain(
    engine: sa.Engine,
    month: date,
    agent_id: str,
    *,
    archive_dir: Path,
    version: int | None = None,
) -> Explanation:
    """Everything behind one agent's scorecard of a version (the current one by default)."""
    with engine.connect() as conn:
        info = warehouse.month_version(conn, month, version)
        scheme = version_scheme(conn, info)
        cards = warehouse.current_rows(conn, KPI_AGENT_MONTHLY, month, version=info.version)
        outcomes = warehouse.current_rows(
            conn, KPI_APPEAL_OUTCOME, month, version=info.version, order_by=["appeal_id"]
        )
    card = cards.filter(pl.col("agent_id") == agent_id)
    if card.is_empty():
        raise NotInWarehouse(
            f"agent {agent_id} has no scorecard in version {info.version} (not on the "
            "roster, or not active that month)",
            month=month,
        )
    card = card.row(0, named=True)
    kept = archive.read(archive_dir, month, info.run_id)
    if kept is None:
        raise archive.ArchiveError(
            f"version {info.version} (run {info.run_id}) has no archive in {archive_dir}: it "
            "was published before archives were kept, or --archive (KPI_ARCHIVE_DIR) points "
            "elsewhere. Publish the month again (kpi run --force) to explain it",
            month=month,
        )
    archived = {e.name: kept.rows(e.name) for e in RECORD_EXPORTS}
    consultations = typed(
        archived["consultations"]
        .lazy()
        .filter((pl.col("agent_id") == agent_id) & (pl.col("row_class") == "accepted")),
        "consultations",
    ).collect()
    workdays, _ = timeliness_calendar(
        consultations, sla=scheme.metrics.timeliness.sla, appeals=scheme.appeals
    )
    rows = agent_rows(archived, agent_id, outcomes, scheme=scheme, workdays=workdays)
    again = recount(rows, card)
    differ = {c: (card[c], again[c]) for c in COUNT_COLUMNS if card[c] != again[c]}
    if differ:
        shown = ", ".join(f"{c}: stored {a}, archive {b}" for c, (a, b) in differ.items())
        raise ArchiveMismatch(
            f"the archive of version {info.version} does not reproduce agent {agent_id}'s "
            f"scorecard ({shown}); the archive or the warehouse was changed after "
            "publishing. Publish the month again before relying on either",
            month=month,
        )
    files = {f["source"]: f["file_name"] for f in kept.manifest["files"]}
    appeals = outcomes.filter(pl.col("agent_id") == agent_id).drop(
        "run_id", "month_start", "version", "is_current"
    )
    return Explanation(info, card, scheme, rows, appeals, files)
