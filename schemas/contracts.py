"""The input contract of `exports.md`: files, columns, header aliases, value types.

One `Export` per input file. Column order is the order of `exports.md`; rejection
reasons follow it, so it must not be re-sorted. Everything that reads or checks an
export (the extractor, the parsers, the quarantine, the pandera models, the generator)
takes its names from here, so a column is named in exactly one place.

Decisions the spec leaves open:
- identifiers (record ids, store, agent, customer, referrer and team ids, the appeals'
  ids) are `Kind.ID`: text, except a number in scientific notation, whose digits Excel
  has lost; `Kind.TEXT` is left for names and free text (agent_name, category, reason,
  decided_by), the values that keep their characters as written (`Column.free_text`);
- a file's Chinese words (`Export.file_words`) are what a misnamed file is recognised by.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl


class Kind(StrEnum):
    """How a column's text is parsed (see `transforms.parsing`)."""

    TEXT = "text"
    ID = "id"  # text, but not a number Excel turned into scientific notation
    TIMESTAMP = "timestamp"  # date + time, local time, no zone
    DATE = "date"  # a date, or a timestamp whose date part is used
    RATING = "rating"  # 1..5 or a Chinese label
    BOOLEAN = "boolean"
    CHANNEL = "channel"
    PURCHASE_TYPE = "purchase_type"
    MONTH = "month"  # YYYY-MM
    SCORE_DELTA = "score_delta"  # a number with at most 2 decimals
    APPEAL_KIND = "appeal_kind"
    RECORD_TYPE = "record_type"
    APPEAL_STATUS = "appeal_status"
    NUMBER = "number"  # a decimal number, e.g. 0.015 or 85
    GOAL_METRIC = "goal_metric"


# Label -> canonical value, matched after trimming and lower-casing. The canonical values
# themselves are accepted too (added below), so `phone` and `电话` both read as `phone`.
CHOICES: dict[Kind, dict[str, object]] = {
    Kind.RATING: {
        "1": 1,
        "2": 2,
        "3": 3,
        "4": 4,
        "5": 5,
        "非常满意": 5,
        "非常滿意": 5,
        "满意": 4,
        "滿意": 4,
        "一般": 3,
        "不满意": 2,
        "不滿意": 2,
        "非常不满意": 1,
        "非常不滿意": 1,
    },
    Kind.BOOLEAN: {
        "y": True,
        "n": False,
        "是": True,
        "否": False,
        "有效": True,
        "无效": False,
        "無效": False,
        "true": True,
        "false": False,
        "1": True,
        "0": False,
    },
    Kind.CHANNEL: {
        "phone": "phone",
        "电话": "phone",
        "電話": "phone",
        "wechat": "wechat",
        "微信": "wechat",
        "online": "online",
        "在线": "online",
        "在線": "online",
        "walk_in": "walk_in",
        "到店": "walk_in",
        "other": "other",
        "其他": "other",
    },
    Kind.PURCHASE_TYPE: {
        "first": "first",
        "首购": "first",
        "首購": "first",
        "additional": "additional",
        "增购": "additional",
        "增購": "additional",
        "replacement": "replacement",
        "换购": "replacement",
        "換購": "replacement",
    },
    Kind.APPEAL_KIND: {"void_record": "void_record", "adjust_score": "adjust_score"},
    Kind.RECORD_TYPE: {
        k: k for k in ("reception", "survey", "complaint", "purchase", "consultation")
    },
    Kind.APPEAL_STATUS: {k: k for k in ("approved", "rejected", "pending")},
}
# An improvement-plan goal's metric (interviews): (lowest, highest) value in its own unit,
# and whether a lower value is better.
GOAL_METRICS: dict[str, tuple[float, float, bool]] = {
    "score": (0, 100, False),
    "satisfaction": (1, 5, False),
    "complaint_rate": (0, 1, True),
    "repurchase_rate": (0, 1, False),
    "referral_rate": (0, 1, False),
    "timely_rate": (0, 1, False),
}
CHOICES[Kind.GOAL_METRIC] = {k: k for k in GOAL_METRICS}


# The type of a column's accepted values, by kind.
TIMESTAMP_DTYPE = pl.Datetime("us")
SCORE_DELTA_DTYPE = pl.Decimal(6, 2)

DTYPES: dict[Kind, pl.DataType] = {
    Kind.TEXT: pl.String(),
    Kind.ID: pl.String(),
    Kind.TIMESTAMP: TIMESTAMP_DTYPE,
    Kind.DATE: pl.Date(),
    Kind.RATING: pl.Int8(),
    Kind.BOOLEAN: pl.Boolean(),
    Kind.CHANNEL: pl.String(),
    Kind.PURCHASE_TYPE: pl.String(),
    Kind.MONTH: pl.String(),
    Kind.SCORE_DELTA: SCORE_DELTA_DTYPE,
    Kind.APPEAL_KIND: pl.String(),
    Kind.RECORD_TYPE: pl.String(),
    Kind.APPEAL_STATUS: pl.String(),
    Kind.NUMBER: pl.Float64(),
    Kind.GOAL_METRIC: pl.String(),
}

CHANNELS = ("phone", "wechat", "online", "walk_in", "other")
PURCHASE_TYPES = ("first", "additional", "replacement")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool  # the column must be present and its value may not be null
    hans: str | None = None  # Simplified Chinese header alias
    hant: str | None = None  # Traditional Chinese header alias
    # A value required only when another column has a given value (appeals), or any
    # value (None: interviews' goal columns): (other column, its canonical value).
    required_when: tuple[str, str | None] | None = None

    @property
    def free_text(self) -> bool:
        """Names and free text (TEXT) keep their characters as written; every other value
        has its full-width digits, letters, colons and spaces read as ASCII (NFKC)."""
        return self.kind is Kind.TEXT

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(a for a in (self.name, self.hans, self.hant) if a)


@dataclass(frozen=True)
class Export:
    """One input file of a month folder."""

    name: str  # file stem, source name in the warehouse, schema/test stem
    title: str  # how operators call it
    columns: tuple[Column, ...]
    id_column: str
    # The columns that identify a row when the id alone does not (an interview's rows:
    # one per goal); two rows equal on them but different otherwise conflict.
    key: tuple[str, ...] = ()
    event_column: str | None = None  # decides the record's month; None: never out of period
    is_required: bool = True
    is_quarantined: bool = True  # False: any invalid row fails the run (the roster)
    counts_toward_reject_rate: bool = True
    record_type: str | None = None  # the appeals' record_type naming this export
    time_order: tuple[str, ...] = field(default=())  # columns not before event_column
    # How a row's agent_id is checked against the roster: "active" (unknown_agent or
    # agent_not_active), "known" (unknown_agent only), or None (the roster itself).
    agent_rule: str | None = "active"
    # Words that name this file in Chinese, both scripts: a misnamed file whose name holds
    # one (客服人员名册.csv) is told to be this export.
    file_words: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def key_columns(self) -> tuple[str, ...]:
        return self.key or (self.id_column,)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name, kind, required, hans=None, hant=None, required_when=None) -> Column:
    return Column(name, kind, required, hans, hant, required_when)


# Every identifier is an ID (team_id too); TEXT is left for names and free text.
T, ID, TS, D = Kind.TEXT, Kind.ID, Kind.TIMESTAMP, Kind.DATE
_STORE = _c("store_id", ID, True, "门店编号", "門店編號")
_AGENT = _c("agent_id", ID, True, "客服工号", "客服工號")
_CUSTOMER = _c("customer_id", ID, True, "客户编号", "客戶編號")

AGENTS = Export(
    name="agents",
    title="roster (客服人员名册)",
    columns=(
        _AGENT,
        _c("agent_name", T, True, "客服姓名", "客服姓名"),
        _STORE,
        _c("team_id", ID, False, "班组", "班組"),
        _c("hired_on", D, False, "入职日期", "入職日期"),
        _c("left_on", D, False, "离职日期", "離職日期"),
    ),
    id_column="agent_id",
    is_quarantined=False,
    agent_rule=None,
    file_words=("客服人员名册", "客服人員名冊", "名册", "名冊"),
)

RECEPTIONS = Export(
    name="receptions",
    title="receptions (接待记录)",
    columns=(
        _c("reception_id", ID, True, "接待单号", "接待單號"),
        _STORE,
        _AGENT,
        _CUSTOMER,
        _c("received_at", TS, True, "接待时间", "接待時間"),
    ),
    id_column="reception_id",
    event_column="received_at",
    record_type="reception",
    file_words=("接待记录", "接待記錄", "接待"),
)

SURVEYS = Export(
    name="surveys",
    title="satisfaction surveys (满意度调查)",
    columns=(
        _c("survey_id", ID, True, "问卷编号", "問卷編號"),
        _STORE,
        _AGENT,
        _CUSTOMER,
        _c("surveyed_at", TS, True, "调查时间", "調查時間"),
        _c("rating", Kind.RATING, True, "满意度评价", "滿意度評價"),
    ),
    id_column="survey_id",
    event_column="surveyed_at",
    record_type="survey",
    file_words=("满意度调查", "滿意度調查", "满意度", "滿意度", "问卷", "問卷"),
)

COMPLAINTS = Export(
    name="complaints",
    title="complaints (投诉记录)",
    columns=(
        _c("complaint_id", ID, True, "投诉单号", "投訴單號"),
        _STORE,
        _AGENT,
        _CUSTOMER,
        _c("complained_at", TS, True, "投诉时间", "投訴時間"),
        _c("category", T, False, "投诉类别", "投訴類別"),
        _c("is_valid", Kind.BOOLEAN, False, "是否有效", "是否有效"),
    ),
    id_column="complaint_id",
    event_column="complained_at",
    record_type="complaint",
    file_words=("投诉记录", "投訴記錄", "投诉", "投訴"),
)

PURCHASES = Export(
    name="purchases",
    title="vehicle purchases (购车记录)",
    columns=(
        _c("order_id", ID, True, "订单号", "訂單號"),
        _STORE,
        _AGENT,
        _CUSTOMER,
        _c("purchased_at", D, True, "购车日期", "購車日期"),
        _c("purchase_type", Kind.PURCHASE_TYPE, True, "购买类型", "購買類型"),
        _c("referrer_customer_id", ID, False, "推荐人客户编号", "推薦人客戶編號"),
    ),
    id_column="order_id",
    event_column="purchased_at",
    record_type="purchase",
    file_words=("购车记录", "購車記錄", "购车", "購車"),
)

CONSULTATIONS = Export(
    name="consultations",
    title="consultations (咨询记录)",
    columns=(
        _c("consultation_id", ID, True, "咨询单号", "咨詢單號"),
        _STORE,
        _AGENT,
        _c("customer_id", ID, False, "客户编号", "客戶編號"),
        _c("channel", Kind.CHANNEL, True, "渠道", "渠道"),
        _c("received_at", TS, True, "受理时间", "受理時間"),
        _c("first_response_at", TS, False, "首次响应时间", "首次響應時間"),
        _c("resolved_at", TS, False, "解决时间", "解決時間"),
    ),
    id_column="consultation_id",
    event_column="received_at",
    record_type="consultation",
    time_order=("first_response_at", "resolved_at"),
    file_words=("咨询记录", "咨詢記錄", "咨询", "咨詢"),
)

APPEALS = Export(
    name="appeals",
    title="appeals (绩效申诉)",
    columns=(
        _c("appeal_id", ID, True),
        _c("agent_id", ID, True),
        _c("month", Kind.MONTH, True),
        _c("feedback_on", D, True),
        _c("filed_on", D, True),
        _c("kind", Kind.APPEAL_KIND, True),
        _c("record_type", Kind.RECORD_TYPE, False, required_when=("kind", "void_record")),
        _c("record_id", ID, False, required_when=("kind", "void_record")),
        _c("score_delta", Kind.SCORE_DELTA, False, required_when=("kind", "adjust_score")),
        _c("reason", T, True),
        _c("status", Kind.APPEAL_STATUS, True),
        _c("decided_by", T, False),
        _c("decided_on", D, False),
    ),
    id_column="appeal_id",
    is_required=False,
    counts_toward_reject_rate=False,
    agent_rule="known",
    file_words=("绩效申诉", "績效申訴", "申诉", "申訴"),
)

INTERVIEWS = Export(
    name="interviews",
    title="interviews (绩效反馈面谈)",
    columns=(
        _c("interview_id", ID, True),
        _c("agent_id", ID, True),
        _c("month", Kind.MONTH, True),
        _c("interview_on", D, True),
        _c("interviewer", T, True),
        _c("strengths", T, False),
        _c("shortfalls", T, False),
        _c("goal_metric", Kind.GOAL_METRIC, False),
        _c("goal_value", Kind.NUMBER, False, required_when=("goal_metric", None)),
        _c("due_month", Kind.MONTH, False, required_when=("goal_metric", None)),
        _c("measure", T, False),
    ),
    id_column="interview_id",
    key=("interview_id", "goal_metric"),
    is_required=False,
    counts_toward_reject_rate=False,
    file_words=("绩效反馈面谈", "績效反饋面談", "面谈", "面談"),
)

# In the order of exports.md; the roster comes first because every check needs it.
EXPORTS: tuple[Export, ...] = (
    AGENTS,
    RECEPTIONS,
    SURVEYS,
    COMPLAINTS,
    PURCHASES,
    CONSULTATIONS,
    APPEALS,
    INTERVIEWS,
)
EXPORTS_BY_NAME = {e.name: e for e in EXPORTS}
RECORD_EXPORTS = tuple(e for e in EXPORTS if e.record_type)

# Where a read row stands in its file as the clerk sees it: the CSV line where it starts
# or the spreadsheet row (a column of the extractor's frame, beside ``row_number``).
SOURCE_LINE = "source_line"

# Reason codes, in the order rows carry them (value reasons come first, per column).
DUPLICATE_CONFLICT = "duplicate_conflict"
TIME_ORDER = "time_order"
UNKNOWN_AGENT = "unknown_agent"
AGENT_NOT_ACTIVE = "agent_not_active"
# interviews: a row about another month than the folder's; rows of one interview whose
# interview columns (agent, month, date, interviewer, strengths, shortfalls) differ.
MONTH_MISMATCH = "month_mismatch"
INTERVIEW_CONFLICT = "interview_conflict"


def missing_value(column: str) -> str:
    return f"missing_value:{column}"


def invalid_value(column: str) -> str:
    return f"invalid_value:{column}"
