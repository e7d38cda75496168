"""How the report writes numbers: scores, rates, money and the values of a metric, in the
page's language (the catalogue's ``number.`` labels).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from flows.outputs.messages import Catalogue

RATE_KEYS = {"complaint_rate", "repurchase_rate", "referral_rate", "timeliness"}


def score_text(value: Decimal | float | None, t: Catalogue) -> str:
    return t("common.na") if value is None else f"{value:.2f}"


def rate_text(value: float | None, t: Catalogue) -> str:
    return t("common.na") if value is None else f"{value * 100:.1f}%"


def money_text(value: Decimal | float, currency: str, t: Catalogue) -> str:
    return t("common.money", amount=f"{value:,.2f}", currency=currency)


def value_text(key: str, value: float | None, t: Catalogue) -> str:
    """A metric's value: satisfaction as a 1..5 average, the others as percentages."""
    if key in RATE_KEYS:
        return rate_text(value, t)
    return t("common.na") if value is None else f"{value:.2f}"


def goal_text(key: str, value: float, *, lower_is_better: bool) -> str:
    """What a metric must reach for the next tier, as shown (`value_text`'s precision),
    rounded toward the goal: an "at least" value up, an "at most" value down, so that the
    value shown always reaches the tier (4.5626 rounded to 4.56 would score 59.95 and
    stay in tier E). Float noise below a billionth is ignored before rounding."""
    rounding = ROUND_FLOOR if lower_is_better else ROUND_CEILING
    exact = Decimal(repr(value)).quantize(Decimal("1e-9"))
    if key in RATE_KEYS:
        return f"{(exact * 100).quantize(Decimal('0.1'), rounding=rounding)}%"
    return f"{exact.quantize(Decimal('0.01'), rounding=rounding)}"


def _two_decimals(value: float) -> str:
    return f"{value:.2f}"


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _number(value: float | None, t: Catalogue) -> str:
    return t("common.dash") if value is None else f"{value:.2f}"
