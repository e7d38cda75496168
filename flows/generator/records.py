"""The month's record frames (receptions, surveys, complaints, purchases, consultations)
drawn from the agents' profiles, rendered as the text a file holds, and spoiled the
way real exports are (a small share of bad rows).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from flows.generator.options import (
    _INVALID_TEXT,
    _LABELS,
    _RECORD_KINDS,
    BAD_SHARE,
    ID_PREFIXES,
    PER_AGENT,
    FileStyle,
)
from flows.generator.roster import PROFILES
from schemas.contracts import EXPORTS_BY_NAME, Export, Kind
from transforms.months import last_day as _month_end
from transforms.periods import Period


def _timestamps(rng, n: int, agents: pl.DataFrame, idx: np.ndarray) -> np.ndarray:
    """Business-hours datetimes inside each chosen agent's active days of the month."""
    start = agents["from_day"].to_numpy().astype("datetime64[D]")[idx]
    span = (agents["to_day"].to_numpy().astype("datetime64[D]")[idx] - start).astype(int) + 1
    day = start + (rng.random(n) * span).astype(int).astype("timedelta64[D]")
    seconds = rng.integers(8 * 3600, 20 * 3600, n).astype("timedelta64[s]")
    return (day.astype("datetime64[s]") + seconds).astype("datetime64[us]")


_POOR_RATINGS = np.array([0.06, 0.10, 0.24, 0.35, 0.25])
_GREAT_RATINGS = np.array([0.00, 0.01, 0.03, 0.21, 0.75])


def _profile_values(agents: pl.DataFrame, field: str) -> np.ndarray:
    """One Profile field per agent of the frame."""
    values = {name: getattr(profile, field) for name, profile in PROFILES.items()}
    return agents["profile"].replace_strict(values, return_dtype=pl.Float64).to_numpy()


def _records(name: str, rng, agents: pl.DataFrame, month_start: date, chunk: int) -> pl.DataFrame:
    """Typed, valid records of one export for one chunk of stores, each agent's as its
    profile makes them."""
    mean = PER_AGENT[name] * (
        _profile_values(agents, "complaints") if name == "complaints" else np.ones(agents.height)
    )
    per_agent = rng.poisson(mean)
    idx = np.repeat(np.arange(agents.height), per_agent)
    n = int(idx.size)
    agent_ids = agents["agent_id"].to_numpy()[idx]
    store_ids = agents["store_id"].to_numpy()[idx]
    # Customers of a store: a pool of ~400 per agent, so customers come back.
    pool = max(1, 400 * int(agents.height))
    customers = np.char.add(
        np.char.add(np.char.add("CU", store_ids.astype(str)), "-"),
        rng.integers(0, pool, n).astype(str),
    )
    ids = np.char.add(
        f"{ID_PREFIXES[name]}{month_start:%Y%m}{chunk:03d}",
        np.char.mod("%07d", np.arange(n)),  # zfill fails on an empty month (no complaint)
    )
    when = _timestamps(rng, n, agents, idx)
    base = {
        EXPORTS_BY_NAME[name].id_column: ids,
        "store_id": store_ids,
        "agent_id": agent_ids,
        "customer_id": customers,
    }
    if name == "receptions":
        return pl.DataFrame({**base, "received_at": when})
    if name == "surveys":
        s = _profile_values(agents, "satisfaction")[idx][:, None]
        # Above 1, past the great mix: no rating below 4, and fewer 4s.
        mix = np.clip((1 - s) * _POOR_RATINGS + s * _GREAT_RATINGS, 0, None)
        cumulative = mix.cumsum(axis=1)
        rating = 1 + (rng.random(n)[:, None] > cumulative[:, :-1]).sum(axis=1)
        return pl.DataFrame({**base, "surveyed_at": when, "rating": rating})
    if name == "complaints":
        return _complaints(rng, base, when, agents, idx)
    if name == "purchases":
        return _purchases(
            rng, base, when, customers, _profile_values(agents, "referral_share")[idx]
        )
    return _consultations(rng, base, when, agents, idx)


def _complaints(rng, base: dict, when: np.ndarray, agents: pl.DataFrame, idx) -> pl.DataFrame:
    n = int(idx.size)
    validity = rng.choice([0, 1, 2], n, p=[0.75, 0.15, 0.10])  # null, true, false
    # A spotless team's complaints were all found groundless on investigation.
    validity[agents["spotless"].to_numpy()[idx]] = 2
    return pl.DataFrame(
        {
            **base,
            "complained_at": when,
            "category": pl.Series(rng.choice(["服务态度", "维修质量", "等待时间", "价格"], n)).set(
                pl.Series(rng.random(n) < 0.2), None
            ),
            "is_valid": pl.Series([None, True, False], dtype=pl.Boolean).gather(validity),
        }
    )


def _purchases(
    rng, base: dict, when: np.ndarray, customers: np.ndarray, referral_share: np.ndarray
) -> pl.DataFrame:
    n = int(customers.size)
    # One draw per purchase whatever the share: other agents' purchases stay as they were.
    referred = rng.random(n) < referral_share
    referrer = pl.Series(np.char.add(customers, "R")).set(pl.Series(~referred), None)
    return pl.DataFrame(
        {
            **base,
            "purchased_at": when.astype("datetime64[D]"),
            "purchase_type": rng.choice(
                ["first", "additional", "replacement"], n, p=[0.65, 0.15, 0.20]
            ),
            "referrer_customer_id": referrer,
        }
    ).with_columns(pl.col("purchased_at").cast(pl.Date))


def _consultations(rng, base: dict, when: np.ndarray, agents: pl.DataFrame, idx) -> pl.DataFrame:
    n = int(idx.size)
    ids, store_ids, agent_ids, customers = base.values()
    # consultations: response mostly within 15 min, resolution mostly within 24 h
    response_median = np.log(_profile_values(agents, "response_minutes"))[idx]
    resolution_median = np.log(_profile_values(agents, "resolution_hours"))[idx]
    response = np.round(rng.lognormal(response_median, 0.8) * 60e6).astype("timedelta64[us]")
    resolution = np.round(rng.lognormal(resolution_median, 0.8) * 3600e6).astype("timedelta64[us]")
    open_ = rng.random(n) < _profile_values(agents, "open_share")[idx]
    unanswered = rng.random(n) < 0.01
    return pl.DataFrame(
        {
            "consultation_id": ids,
            "store_id": store_ids,
            "agent_id": agent_ids,
            "customer_id": pl.Series(customers).set(pl.Series(rng.random(n) < 0.1), None),
            "channel": rng.choice(
                ["phone", "wechat", "online", "walk_in", "other"],
                n,
                p=[0.45, 0.25, 0.15, 0.10, 0.05],
            ),
            "received_at": when,
            "first_response_at": pl.Series(when + response).set(pl.Series(unanswered), None),
            "resolved_at": pl.Series(when + response + resolution).set(pl.Series(open_), None),
        }
    )


def _render(frame: pl.DataFrame, export: Export, style: FileStyle, clean: bool) -> pl.DataFrame:
    """Every column as the text an export system would write."""
    labels = _LABELS.get(style.headers) if not clean else None
    exprs = []
    for column in export.columns:
        col = pl.col(column.name)
        if column.kind is Kind.TIMESTAMP:
            fmt = "%Y/%-m/%-d %-H:%M" if style.slashes else "%Y-%m-%d %H:%M:%S"
            text = col.dt.strftime(fmt)
        elif column.kind is Kind.DATE:
            text = col.dt.strftime("%Y/%-m/%-d" if style.slashes else "%Y-%m-%d")
        elif labels and column.kind in labels:
            mapping = {
                str(k).lower() if isinstance(k, bool) else k: v
                for k, v in labels[column.kind].items()
            }
            source = col.cast(pl.String).str.to_lowercase() if column.kind is Kind.BOOLEAN else col
            text = source.replace_strict(mapping, default=None, return_dtype=pl.String)
        elif column.kind is Kind.BOOLEAN:
            text = pl.when(col).then(pl.lit("Y")).when(~col).then(pl.lit("N"))
        else:
            text = col.cast(pl.String)
        exprs.append(text.alias(column.name))
    return frame.select(exprs)


def _spoil(
    text: pl.DataFrame,
    export: Export,
    rng,
    month: date,
    period: Period,
    inactive_ids: list[str],
    roster_ids: frozenset[str],
) -> tuple[pl.DataFrame, pl.Series]:
    """Make about 1 % of the rows bad, cycling through every kind that fits the file;
    returns the rows and the ids of the rows it touched (none for an appeal to name).

    Rejected rows (a conflict rejects both copies) stay under 1.5 % of the rows read.
    Plausible all the same (exports.md "Plausibility"): an unknown agent is a typo of the
    row's own agent, a few rows each, never one ID with 20 rows that reads as a new hire
    missing from the roster; a conflicting copy names another customer, never a store
    that does not exist (whose receptions would fall silent for most of the month).
    """
    n = text.height
    budget = int(n * BAD_SHARE)
    kinds = [
        k
        for k in _RECORD_KINDS
        if (k != "time_order" or export.time_order) and (k != "agent_not_active" or inactive_ids)
    ]
    if budget == 0:
        return text, text[export.id_column].clear()
    picks = np.sort(rng.choice(n, size=min(budget, n), replace=False))
    indexed = text.with_row_index("_i")
    is_picked = pl.col("_i").is_in(pl.Series(picks, dtype=pl.UInt32).implode())
    rows = indexed.filter(is_picked).to_dicts()  # only the ~1 % that get spoiled
    extra: list[dict] = []
    typed = [c for c in export.columns if c.kind in _INVALID_TEXT]
    required = [c for c in export.columns if c.required and c.name != export.id_column]
    # Out-of-period rows sit just outside the period: the evening before it (day D of the
    # month before) and, with a period that ends before the month does, the early morning
    # after it (day D+1), the two places where a run that misreads the period goes wrong.
    outside = [(period.start_on - timedelta(days=1), "23:30:00")]
    if period.end_on != _month_end(month):
        outside.append((period.end_on + timedelta(days=1), "00:30:00"))
    start = period.start_on
    for i, row in enumerate(rows):
        kind = kinds[i % len(kinds)]
        if kind == "missing_value":
            row[required[i % len(required)].name] = ""
        elif kind == "invalid_value" and typed:
            column = typed[i % len(typed)]
            row[column.name] = _INVALID_TEXT[column.kind]
        elif kind == "duplicate_conflict":
            twin = dict(row)
            twin["customer_id"] = _another_customer(row["customer_id"], row["store_id"])
            extra.append(twin)
        elif kind == "time_order":
            row["first_response_at"] = f"{start:%Y-%m-%d} 00:00:00"
            row[export.event_column] = f"{start:%Y-%m-%d} 08:00:00"
        elif kind == "unknown_agent":
            row["agent_id"] = _typo(row["agent_id"], roster_ids)
        elif kind == "agent_not_active":
            row["agent_id"] = inactive_ids[i % len(inactive_ids)]
        elif kind == "exact_duplicate":
            extra.append(dict(row))
        elif kind == "out_of_period":
            day, time = outside[(i // len(kinds)) % len(outside)]
            is_date = export.column(export.event_column).kind is Kind.DATE
            row[export.event_column] = f"{day:%Y-%m-%d}" if is_date else f"{day:%Y-%m-%d} {time}"
    spoiled = pl.DataFrame(rows + extra, schema=indexed.schema)
    touched = indexed.filter(is_picked)[export.id_column]
    return pl.concat([indexed.filter(~is_picked), spoiled]).sort("_i").drop("_i"), touched


def _another_customer(customer: str | None, store: str | None) -> str:
    """The customer a conflicting copy of a record names instead: the next of the store's
    customers (a clerk's correction), or one where the caller was anonymous."""
    prefix, _, number = (customer or "").rpartition("-")
    if prefix and number.isdigit():
        return f"{prefix}-{int(number) + 1}"
    return f"CU{store or ''}-0"


def _typo(agent_id: str, roster_ids: frozenset[str]) -> str:
    """The agent's ID as a hand typed it: its first digit lost (``0010003`` as ``010003``),
    else its last one, else the last doubled, whichever is no agent of the roster."""
    for typo in (agent_id[1:], agent_id[:-1], agent_id + agent_id[-1:]):
        if typo and typo not in roster_ids:
            return typo
    return "99999"
