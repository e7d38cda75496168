"""The scheme file of `scheme.md` §7 as a strict, typed model.

Unknown keys, missing required keys, wrong types and the rules of §7 (weights sum to
100, loyalty shares to 1, tiers descending and ending at 0, worst != best,
min_samples >= 1) are all validation errors that name the key. So are the options of
§9: ``period.end_day`` (1..28) and the SLA's ``clock`` with its ``business_hours``
(``"HH:MM"`` times, start before end, required with ``clock: business_hours`` and
refused without it).
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from schemas.contracts import CHANNELS

METRICS = ("satisfaction", "complaint_rate", "loyalty", "timeliness")
Number = StrictInt | StrictFloat
Positive = Annotated[StrictInt, Field(ge=1)]
# scheme.md §2: values within 1e-9 of each other are equal (floating-point noise must not
# decide a threshold, a tier line or a tie).
TOLERANCE = 1e-9


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
        if abs(self.repurchase_rate.share + self.referral_rate.share - 1) > TOLERANCE:
            raise ValueError("loyalty shares must sum to 1")
        return self


class SlaLimit(_Strict):
    response_minutes: Annotated[Number, Field(gt=0)] | None = None
    resolution_hours: Annotated[Number, Field(gt=0)] | None = None


class SlaDefault(_Strict):
    response_minutes: Annotated[Number, Field(gt=0)]
    resolution_hours: Annotated[Number, Field(gt=0)]


_HH_MM = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")


def _clock_time(value: object) -> time:
    """A time of day written ``"HH:MM"`` (00:00..23:59)."""
    if isinstance(value, time):  # a model built in code (or dumped and validated again)
        return value
    if isinstance(value, int):
        # YAML 1.1 reads an unquoted 18:00 as the base-60 number 1080: say how to write it.
        raise ValueError(
            'write the time in quotes, as "HH:MM" (YAML reads an unquoted 18:00 as a number)'
        )
    match = _HH_MM.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f'{value!r} is not a time of day as "HH:MM" (00:00 to 23:59)')
    return time(int(match.group(1)), int(match.group(2)))


ClockTime = Annotated[time, BeforeValidator(_clock_time)]


class BusinessHours(_Strict):
    """The daily opening hours ``[start, end)`` of working days (`scheme.md` §9.2)."""

    start: ClockTime
    end: ClockTime

    @model_validator(mode="after")
    def _start_before_end(self):
        if self.start >= self.end:
            raise ValueError(f"start ({self.start:%H:%M}) must be before end ({self.end:%H:%M})")
        return self


class Sla(_Strict):
    # Declared before business_hours: its validator reads the clock.
    clock: Literal["wall", "business_hours"] = "wall"
    business_hours: BusinessHours | None = Field(default=None, validate_default=True)
    default: SlaDefault
    phone: SlaLimit | None = None
    wechat: SlaLimit | None = None
    online: SlaLimit | None = None
    walk_in: SlaLimit | None = None
    other: SlaLimit | None = None

    @field_validator("business_hours", mode="after")
    @classmethod
    def _hours_go_with_the_clock(cls, hours: BusinessHours | None, info: ValidationInfo):
        clock = info.data.get("clock")  # absent when the clock itself is invalid
        if clock == "business_hours" and hours is None:
            raise ValueError(
                'required with clock: business_hours (e.g. {start: "08:30", end: "18:00"})'
            )
        if clock == "wall" and hours is not None:
            raise ValueError(
                "only allowed with clock: business_hours (the wall clock has no opening hours)"
            )
        return hours

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
        if abs(total - 100) > TOLERANCE:
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
    """What makes a month's inputs unusable (`exports.md`, "Plausibility"): a file fails
    on rejects when they exceed ``max_reject_rate`` of its rows read and number at least
    ``min_reject_count``; an unknown ``agent_id`` with ``unknown_agent_min_rows`` rows is
    a roster problem; an agent losing more than ``max_agent_reject_share`` of their rows
    to rejects is named in the run's warnings."""

    max_reject_rate: Annotated[Number, Field(ge=0, le=1)]
    min_reject_count: Annotated[StrictInt, Field(ge=1)] = 5
    unknown_agent_min_rows: Annotated[StrictInt, Field(ge=1)] = 20
    max_agent_reject_share: Annotated[Number, Field(ge=0, le=1)] = 0.05


class Completeness(_Strict):
    """Completeness against each store's own history (完整, `scheme.md` §9.3)."""

    baseline_months: Annotated[StrictInt, Field(ge=1, le=24)] = 3
    min_volume_share: Annotated[Number, Field(ge=0, le=1)] = 0.5
    min_baseline_rows: Annotated[StrictInt, Field(ge=0)] = 30
    max_silent_days: Annotated[StrictInt, Field(ge=0)] = 7


class ImprovementTopics(_Strict):
    satisfaction: str
    complaint_rate: str
    loyalty: str
    timeliness: str


class Recognition(_Strict):
    """Outstanding performers (表現突出, `scheme.md` §9.4): ``tier`` or a higher tier in
    each of ``consecutive_months`` months in a row, the month itself included."""

    tier: str = "A"
    consecutive_months: Annotated[StrictInt, Field(ge=1, le=24)] = 3


class EvaluationPeriod(_Strict):
    """The evaluation period (评估周期, `scheme.md` §9.1): month M's data closes at the
    end of day ``end_day`` of M. Up to 28, so that every month has that day."""

    end_day: Annotated[StrictInt, Field(ge=1, le=28)]


class Scheme(_Strict):
    """One scheme file. ``sha256`` is the file's content hash (set by the loader)."""

    version: str
    effective_from: date
    currency: str
    period: EvaluationPeriod | None = None  # absent: the calendar month
    metrics: Metrics
    tiers: list[Tier] = Field(min_length=1)
    penalties: Penalties
    team_reward: TeamReward
    targets: Targets = Field(default_factory=Targets)
    appeals: Appeals
    data_quality: DataQuality
    completeness: Completeness = Field(default_factory=Completeness)
    improvement_topics: ImprovementTopics
    recognition: Recognition = Field(default_factory=Recognition)

    @model_validator(mode="after")
    def _recognition(self):
        # The default names tier A; a scheme without one that sets no recognition of its
        # own recognises nobody rather than failing to load.
        if "recognition" in self.model_fields_set and self.recognition.tier not in {
            t.tier for t in self.tiers
        }:
            raise ValueError(f"recognition.tier {self.recognition.tier!r} is not one of the tiers")
        return self

    def tiers_from(self, tier: str) -> list[str]:
        """The tiers at ``tier`` or above it, highest first (none when it is not a tier)."""
        names = [t.tier for t in self.tiers]
        return names[: names.index(tier) + 1] if tier in names else []

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
