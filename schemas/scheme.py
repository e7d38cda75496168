"""The scheme file of `scheme.md` §7 as a strict, typed model.

Unknown keys, missing required keys, wrong types and the rules of §7 (weights sum to
100, loyalty shares to 1, tiers descending and ending at 0, worst != best,
min_samples >= 1) are all validation errors that name the key.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, model_validator

from schemas.contracts import CHANNELS

METRICS = ("satisfaction", "complaint_rate", "loyalty", "timeliness")
Number = StrictInt | StrictFloat
Positive = Annotated[StrictInt, Field(ge=1)]
_EPSILON = 1e-9


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Line(_Strict):
    """A value's points run along the straight line from ``worst`` to ``best``."""

    worst: Number
    best: Number
    min_samples: Positive

    @model_validator(mode="after")
    def _distinct_ends(self):
        if self.worst == self.best:
            raise ValueError("worst must differ from best")
        return self


class Metric(_Line):
    weight: Annotated[Number, Field(gt=0)]


class LoyaltyPart(_Line):
    share: Annotated[Number, Field(gt=0)]


class Loyalty(_Strict):
    weight: Annotated[Number, Field(gt=0)]
    repurchase_rate: LoyaltyPart
    referral_rate: LoyaltyPart

    @model_validator(mode="after")
    def _shares(self):
        if abs(self.repurchase_rate.share + self.referral_rate.share - 1) > _EPSILON:
            raise ValueError("loyalty shares must sum to 1")
        return self


class SlaLimit(_Strict):
    response_minutes: Annotated[Number, Field(gt=0)] | None = None
    resolution_hours: Annotated[Number, Field(gt=0)] | None = None


class SlaDefault(_Strict):
    response_minutes: Annotated[Number, Field(gt=0)]
    resolution_hours: Annotated[Number, Field(gt=0)]


class Sla(_Strict):
    default: SlaDefault
    phone: SlaLimit | None = None
    wechat: SlaLimit | None = None
    online: SlaLimit | None = None
    walk_in: SlaLimit | None = None
    other: SlaLimit | None = None

    def limits(self) -> dict[str, tuple[float, float]]:
        """(response minutes, resolution hours) per channel, overrides over the default."""
        out = {}
        for channel in CHANNELS:
            override = getattr(self, channel) or SlaLimit()
            out[channel] = (
                override.response_minutes or self.default.response_minutes,
                override.resolution_hours or self.default.resolution_hours,
            )
        return out


class Timeliness(Metric):
    sla: Sla


class Metrics(_Strict):
    satisfaction: Metric
    complaint_rate: Metric
    loyalty: Loyalty
    timeliness: Timeliness

    @model_validator(mode="after")
    def _weights(self):
        total = sum(getattr(self, m).weight for m in METRICS)
        if abs(total - 100) > _EPSILON:
            raise ValueError(f"metric weights must sum to 100, not {total}")
        return self


class Tier(_Strict):
    tier: str
    min_score: Annotated[Number, Field(ge=0, le=100)]
    bonus: Annotated[Number, Field(ge=0)]


class Penalties(_Strict):
    warning_below: Number
    demotion_review_consecutive_months: Positive
    complaint_review_min_complaints: Positive


class TeamReward(_Strict):
    min_surveys: Annotated[StrictInt, Field(ge=0)]
    min_satisfaction_pct: Annotated[Number, Field(ge=0, le=1)]
    max_complaints: Annotated[StrictInt, Field(ge=0)]


class Targets(_Strict):
    satisfaction_pct: Annotated[Number, Field(ge=0, le=1)] | None = None
    complaint_rate: Annotated[Number, Field(ge=0)] | None = None
    timely_rate: Annotated[Number, Field(ge=0, le=1)] | None = None


class Appeals(_Strict):
    window_working_days: Positive
    extra_holidays: list[date] = Field(default_factory=list)
    extra_working_days: list[date] = Field(default_factory=list)


class DataQuality(_Strict):
    max_reject_rate: Annotated[Number, Field(ge=0, le=1)]


class ImprovementTopics(_Strict):
    satisfaction: str
    complaint_rate: str
    loyalty: str
    timeliness: str


class Scheme(_Strict):
    """One scheme file. ``sha256`` is the file's content hash (set by the loader)."""

    version: str
    effective_from: date
    currency: str
    metrics: Metrics
    tiers: list[Tier] = Field(min_length=1)
    penalties: Penalties
    team_reward: TeamReward
    targets: Targets = Field(default_factory=Targets)
    appeals: Appeals
    data_quality: DataQuality
    improvement_topics: ImprovementTopics

    @model_validator(mode="after")
    def _tiers(self):
        scores = [t.min_score for t in self.tiers]
        if any(a <= b for a, b in zip(scores, scores[1:], strict=False)):
            raise ValueError("tiers must be listed from the highest min_score, descending")
        if scores[-1] != 0:
            raise ValueError("the last tier must have min_score 0")
        if len({t.tier for t in self.tiers}) != len(self.tiers):
            raise ValueError("tier names must be unique")
        return self

    def bonus(self, tier: str) -> Decimal:
        return Decimal(str(next(t.bonus for t in self.tiers if t.tier == tier)))
