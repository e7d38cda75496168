"""What changed between two months' schemes (方案调整, `feedback.md` part 9): the
statement and the index announce it to every agent.

Output grain: one row per changed item, in the order the statement lists them:
``part`` (``weights``, ``tiers``, ``penalties``, ``targets``, ``sla``, ``period``),
``item`` (the metric, tier or key), ``before`` and ``after`` (the values as text; null
where the item did not exist). The other keys (topics, data quality, appeals,
completeness, recognition) are not announced: they change no agent's score line.
"""

from __future__ import annotations

import polars as pl

from schemas.scheme import METRICS, Scheme

COLUMNS = {"part": pl.String, "item": pl.String, "before": pl.String, "after": pl.String}


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return f"{value}"


def _tiers(scheme: Scheme) -> dict[str, str]:
    return {t.tier: f"{_text(float(t.min_score))}/{_text(float(t.bonus))}" for t in scheme.tiers}


def _items(scheme: Scheme) -> dict[tuple[str, str], str | None]:
    """Every announced item of a scheme and its value as text."""
    items: dict[tuple[str, str], str | None] = {}
    for metric in METRICS:
        items["weights", metric] = _text(float(getattr(scheme.metrics, metric).weight))
    for tier, line in _tiers(scheme).items():
        items["tiers", tier] = line
    for key, value in scheme.penalties.model_dump().items():
        items["penalties", key] = _text(value)
    for key, value in scheme.targets.model_dump().items():
        items["targets", key] = _text(value)
    items["sla", "sla"] = scheme.metrics.timeliness.sla.model_dump_json()
    items["period", "end_day"] = None if scheme.period is None else _text(scheme.period.end_day)
    return items


def scheme_changes(before: Scheme | None, after: Scheme) -> pl.DataFrame:
    """The announced items whose value differs from ``before`` to ``after`` (none without
    a ``before``: a first month announces nothing)."""
    if before is None:
        return pl.DataFrame(schema=COLUMNS)
    old, new = _items(before), _items(after)
    rows = [
        (part, item, old.get((part, item)), new.get((part, item)))
        for part, item in dict.fromkeys([*new, *old])
        if old.get((part, item)) != new.get((part, item))
    ]
    order = {
        p: i for i, p in enumerate(("weights", "tiers", "penalties", "targets", "sla", "period"))
    }
    rows.sort(key=lambda r: order[r[0]])
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")
