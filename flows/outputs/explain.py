"""`kpi explain`: why an agent scored what they scored, from the version's archive.

Reads the warehouse (the version, the agent's scorecard, the version's appeal outcomes)
and the run's archive (`flows.storage.archive`: every row the run read, with its class), so it
works after the export files were changed or deleted. It recomputes the agent's counts
from the archived rows and refuses to explain a scorecard they do not reproduce. A plain
command: no Prefect, no Great Expectations.

An agent with rows but no scorecard in the version (not on the month's roster, left
before the period began, hired after it ended) is explained too: the same rows, each with
why it did not count (rejected ``agent_not_active`` / ``unknown_agent``, duplicate, out of
period), with ``card`` None, the agent's roster row as read (None when not on the roster)
and ``not_active`` saying which of the three it was. Only an id that no row and no
scorecard of the version names is `NotInWarehouse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.common.errors import KpiError
from flows.inputs.schemes import version_scheme
from flows.storage import archive, reads
from flows.storage.reads import MonthVersion, NotInWarehouse
from schemas.contracts import RECORD_EXPORTS
from schemas.scheme import Scheme
from schemas.tables import KPI_AGENT_MONTHLY, KPI_APPEAL_OUTCOME
from transforms.explain import agent_rows, recount, typed
from transforms.metrics import COUNT_COLUMNS
from transforms.months import last_day
from transforms.scoring import POINTS, WEIGHTS, line_fraction
from transforms.timeliness import timeliness_calendar

# Why an agent has no scorecard (`Explanation.not_active`).
NOT_ON_ROSTER, LEFT, NOT_YET_HIRED = "not_on_roster", "left", "not_yet_hired"
COUNTED_CLASSES = ("counted", "voided", "not_valid")


class ArchiveMismatch(KpiError):
    """The archived rows do not reproduce the stored scorecard."""

    exit_code = 3


@dataclass(frozen=True)
class Explanation:
    info: MonthVersion
    card: dict | None  # the stored scorecard row; None: the agent has none (module doc)
    scheme: Scheme
    rows: dict[str, pl.DataFrame]  # per record export, the agent's rows
    appeals: pl.DataFrame  # the agent's appeal outcomes of the version
    files: dict[str, str]  # export name -> file name, from the archive's manifest
    agent_id: str = ""
    roster: dict | None = None  # without a scorecard: the roster row as read, if any
    not_active: str | None = None  # without a scorecard: NOT_ON_ROSTER, LEFT, NOT_YET_HIRED
    period: tuple[date, date] | None = None  # the version's period (first, last day)

    def metrics(self) -> list[dict]:
        """Per metric: its value as numerator ÷ denominator, the fraction read off the
        scheme's line, the effective weight and the points, as the scorecard has them;
        loyalty per part, each with its share. None without a scorecard."""
        if self.card is None:
            return []
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
        document = {
            "month": f"{self.info.month:%Y-%m}",
            "agent_id": self.agent_id or self.card["agent_id"],
            "version": self.info.version,
            "run_id": self.info.run_id,
            "scorecard": self.card,
            "metrics": self.metrics(),
            "appeals": self.appeals.to_dicts(),
            "rows": rows,
        }
        if self.card is None:  # why there is none
            document["not_active"] = self.not_active
            document["roster"] = self.roster
        return document


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
        info = reads.month_version(conn, month, version)
        scheme = version_scheme(conn, info)
        cards = reads.current_rows(conn, KPI_AGENT_MONTHLY, month, version=info.version)
        outcomes = reads.current_rows(
            conn, KPI_APPEAL_OUTCOME, month, version=info.version, order_by=["appeal_id"]
        )
    found = cards.filter(pl.col("agent_id") == agent_id)
    card = None if found.is_empty() else found.row(0, named=True)
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
    files = {f["source"]: f["file_name"] for f in kept.manifest["files"]}
    appeals = outcomes.filter(pl.col("agent_id") == agent_id).drop(
        "run_id", "month_start", "version", "is_current"
    )
    if card is None:
        return _without_scorecard(
            info, cards, scheme, rows, appeals, files, agent_id, kept.rows("agents")
        )
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
    return Explanation(info, card, scheme, rows, appeals, files, agent_id)


def _period(info: MonthVersion, cards: pl.DataFrame) -> tuple[date, date]:
    """The version's evaluation period, as its scorecards carry it (the calendar month for
    rows of a layout without one)."""
    if cards.height and "period_start_on" in cards.columns:
        first, last = cards.row(0, named=True)["period_start_on"], cards["period_end_on"][0]
        if first is not None and last is not None:
            return first, last
    return info.month, last_day(info.month)


def _without_scorecard(
    info: MonthVersion,
    cards: pl.DataFrame,
    scheme: Scheme,
    rows: dict[str, pl.DataFrame],
    appeals: pl.DataFrame,
    files: dict[str, str],
    agent_id: str,
    roster_rows: pl.DataFrame,
) -> Explanation:
    """The rows of an agent the version has no scorecard for, and why it has none."""
    month = info.month
    named = sum(frame.height for frame in rows.values()) + appeals.height
    if not named:
        raise NotInWarehouse(
            f"agent {agent_id} has no scorecard in version {info.version} and no row of the "
            "month's exports names them (check the id)",
            month=month,
        )
    counted = {
        source: frame.filter(pl.col("class").is_in(COUNTED_CLASSES)).height
        for source, frame in rows.items()
    }
    if any(counted.values()):  # rows of an inactive agent are rejected (exports.md)
        shown = ", ".join(f"{source}: {n}" for source, n in counted.items() if n)
        raise ArchiveMismatch(
            f"the archive of version {info.version} counts rows of agent {agent_id} ({shown}), "
            "who has no scorecard; the archive or the warehouse was changed after "
            "publishing. Publish the month again before relying on either",
            month=month,
        )
    first, last = _period(info, cards)
    found = typed(
        roster_rows.lazy().filter(pl.col("agent_id").str.strip_chars() == agent_id), "agents"
    ).collect()
    roster = None
    not_active = NOT_ON_ROSTER
    if found.height:
        roster = {
            c: found.row(0, named=True)[c]
            for c in ("agent_id", "agent_name", "store_id", "team_id", "hired_on", "left_on")
        }
        if roster["left_on"] is not None and roster["left_on"] < first:
            not_active = LEFT
        elif roster["hired_on"] is not None and roster["hired_on"] > last:
            not_active = NOT_YET_HIRED
        else:
            not_active = None  # active by the roster, yet no scorecard: say nothing wrong
    return Explanation(
        info, None, scheme, rows, appeals, files, agent_id, roster, not_active, (first, last)
    )
