"""What a generation is asked for (`GeneratorOptions`), the shares and sizes it works with,
and the labels and titles the exports are written under.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.common.errors import KpiError
from flows.generator.mistakes import MISTAKES
from schemas.contracts import Kind
from transforms.periods import Period, month_period

ID_PREFIXES = {
    "receptions": "RC",
    "surveys": "SV",
    "complaints": "CP",
    "purchases": "OD",
    "consultations": "CS",
}
PER_AGENT = {
    "receptions": 750,
    "surveys": 150,
    "complaints": 2,  # on average: each agent's profile scales it (see PROFILES)
    "purchases": 30,
    "consultations": 1500,
}
STORES_PER_CHUNK = 20
XLSX_MAX_ROWS = 5000
BAD_SHARE = 0.01
TURNOVER_PER_MONTH = 0.03
_RECORD_KINDS = (
    "missing_value",
    "invalid_value",
    "duplicate_conflict",
    "time_order",
    "unknown_agent",
    "agent_not_active",
    "exact_duplicate",
    "out_of_period",
)
_INVALID_TEXT = {
    Kind.TIMESTAMP: "2026-13-45 25:61",
    Kind.DATE: "31/02/2026",
    Kind.RATING: "很好",
    Kind.BOOLEAN: "maybe",
    Kind.CHANNEL: "fax",
    Kind.PURCHASE_TYPE: "lease",
}
_LABELS = {
    "hans": {
        Kind.RATING: {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"},
        Kind.CHANNEL: {
            "phone": "电话",
            "wechat": "微信",
            "online": "在线",
            "walk_in": "到店",
            "other": "其他",
        },
        Kind.PURCHASE_TYPE: {"first": "首购", "additional": "增购", "replacement": "换购"},
        Kind.BOOLEAN: {True: "有效", False: "无效"},
    },
    "hant": {
        Kind.RATING: {1: "非常不滿意", 2: "不滿意", 3: "一般", 4: "滿意", 5: "非常滿意"},
        Kind.CHANNEL: {
            "phone": "電話",
            "wechat": "微信",
            "online": "在線",
            "walk_in": "到店",
            "other": "其他",
        },
        Kind.PURCHASE_TYPE: {"first": "首購", "additional": "增購", "replacement": "換購"},
        Kind.BOOLEAN: {True: "是", False: "否"},
    },
}
# The title line above some headers, in the script of the file's headers (English
# headers come from the same Simplified-Chinese systems, so their title is Simplified).
_TITLES = {
    "hans": {
        "receptions": "接待记录",
        "surveys": "满意度调查",
        "complaints": "投诉记录",
        "purchases": "购车记录",
        "consultations": "咨询记录",
        "agents": "客服人员名册",
    },
    "hant": {
        "receptions": "接待記錄",
        "surveys": "滿意度調查",
        "complaints": "投訴記錄",
        "purchases": "購車記錄",
        "consultations": "咨詢記錄",
        "agents": "客服人員名冊",
    },
}
_TITLES["en"] = _TITLES["hans"]


class GenerateError(KpiError):
    """A month folder that exists already, or a month that could not be written."""

    exit_code = 3


@dataclass(frozen=True)
class GeneratorOptions:
    """What to generate; refused at construction when a size makes no department."""

    stores: int = 1
    agents_per_store: int = 10
    seed: int = 2026
    clean: bool = False
    period_end_day: int | None = None  # None: calendar months; D: periods ending on day D
    mistakes: tuple[str, ...] = ()  # kinds of MISTAKES written into the range's last month

    def __post_init__(self) -> None:
        if isinstance(self.mistakes, str) or any(m not in MISTAKES for m in self.mistakes):
            raise ValueError(
                f"unknown mistake in {self.mistakes!r}: the kinds are {', '.join(MISTAKES)}"
            )
        # One order whatever the caller's: the same mistakes write the same bytes.
        object.__setattr__(self, "mistakes", tuple(m for m in MISTAKES if m in self.mistakes))
        # Checked here, not only in the CLI: a store without agents used to crash half-way
        # through a month, and numpy refuses negative seeds with a traceback.
        bounds = [("stores", 1, None), ("agents_per_store", 1, None), ("seed", 0, None)]
        if self.period_end_day is not None:
            bounds.append(("period_end_day", 1, 28))  # scheme.md §9.1: every month has a 28th
        for name, low, high in bounds:
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value < low
                or (high is not None and value > high)
            ):
                span = f"of at least {low}" if high is None else f"from {low} to {high}"
                raise ValueError(f"{name} must be a whole number {span}, got {value!r}")


def _period(month: date, end_day: int | None) -> Period:
    """Month M's period when every month's scheme ends its periods on ``end_day`` (None:
    the calendar month), as the pipeline computes it."""
    return month_period(month, end_day, end_day)


def _days(period: Period) -> int:
    return (period.end_on - period.start_on).days + 1


@dataclass(frozen=True)
class FileStyle:
    """How one file of one month is written."""

    suffix: str  # .csv or .xlsx
    encoding: str  # utf-8, utf-8-sig, gb18030 (CSV only)
    headers: str  # en, hans, hant
    slashes: bool  # 2026/9/1 9:05 instead of 2026-09-01 09:05:00
    title: bool  # a title line above the header
