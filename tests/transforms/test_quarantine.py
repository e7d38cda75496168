"""Every rejection reason, class and ordering rule of `exports.md` on tiny inline frames."""

from datetime import date, datetime

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from schemas.contracts import (
    APPEALS,
    COMPLAINTS,
    CONSULTATIONS,
    PURCHASES,
    RECEPTIONS,
    SURVEYS,
    Export,
)
from transforms.periods import calendar_month, month_period
from transforms.quarantine import (
    accepted_rows,
    classify,
    reason_lines,
    reason_summary,
    rejected_rows,
    row_counts,
)

OCT = calendar_month(date(2026, 10, 1))
KNOWN = pl.Series(["a1", "a2", "gone"])
ACTIVE = pl.Series(["a1", "a2"])


def raw(export: Export, rows: list[dict]) -> pl.LazyFrame:
    """Rows as the extractor gives them: every contract column as text, numbered."""
    frame = pl.DataFrame(
        [{c: r.get(c) for c in export.column_names} for r in rows],
        schema={c: pl.String for c in export.column_names},
    )
    return frame.with_row_index("row_number", offset=1).lazy()


def outcome(export: Export, rows: list[dict], period=OCT) -> pl.DataFrame:
    return (
        classify(
            raw(export, rows), export, period=period, known_agent_ids=KNOWN, active_agent_ids=ACTIVE
        )
        .select("row_number", "reasons", "row_class")
        .collect()
    )


def expect(rows: list[tuple[int, str | None, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"row_number": pl.UInt32, "reasons": pl.String, "row_class": pl.String},
        orient="row",
    )


def reception(rid="r1", agent="a1", at="2026-10-05 10:00", **kw) -> dict:
    return {
        "reception_id": rid,
        "store_id": "s1",
        "agent_id": agent,
        "customer_id": "c1",
        "received_at": at,
        **kw,
    }


def test_a_clean_row_is_accepted_and_typed():
    got = classify(
        raw(RECEPTIONS, [reception(rid="007")]),
        RECEPTIONS,
        period=OCT,
        known_agent_ids=KNOWN,
        active_agent_ids=ACTIVE,
    )
    expected = pl.DataFrame(
        {
            "row_number": [1],
            "reception_id": ["007"],
            "store_id": ["s1"],
            "agent_id": ["a1"],
            "customer_id": ["c1"],
            "received_at": [datetime(2026, 10, 5, 10)],
        },
        schema_overrides={"row_number": pl.UInt32, "received_at": pl.Datetime("us")},
    )
    assert_frame_equal(accepted_rows(got, RECEPTIONS).collect(), expected)


def test_missing_and_invalid_values_name_their_column():
    got = outcome(
        RECEPTIONS,
        [
            reception(rid="r1", agent=None),
            reception(rid="r2", at="2026-10-32 10:00"),
            {**reception(rid="r3"), "customer_id": None, "received_at": None},
        ],
    )
    assert_frame_equal(
        got,
        expect(
            [
                (1, "missing_value:agent_id", "rejected"),
                (2, "invalid_value:received_at", "rejected"),
                (3, "missing_value:customer_id;missing_value:received_at", "rejected"),
            ]
        ),
    )


def test_values_outside_their_set_are_invalid():
    survey = {
        "survey_id": "v1",
        "store_id": "s",
        "agent_id": "a1",
        "customer_id": "c",
        "surveyed_at": "2026-10-02 10:00",
        "rating": "6",
    }
    assert outcome(SURVEYS, [survey])["reasons"].to_list() == ["invalid_value:rating"]
    purchase = {
        "order_id": "o1",
        "store_id": "s",
        "agent_id": "a1",
        "customer_id": "c",
        "purchased_at": "2026/10/2",
        "purchase_type": "lease",
    }
    assert outcome(PURCHASES, [purchase])["reasons"].to_list() == ["invalid_value:purchase_type"]


def test_optional_columns_may_be_null_but_not_invalid():
    consultation = {
        "consultation_id": "k1",
        "store_id": "s",
        "agent_id": "a1",
        "channel": "微信",
        "received_at": "2026-10-02 10:00",
    }
    bad = {**consultation, "consultation_id": "k2", "resolved_at": "soon"}
    assert_frame_equal(
        outcome(CONSULTATIONS, [consultation, bad]),
        expect([(1, None, "accepted"), (2, "invalid_value:resolved_at", "rejected")]),
    )


def test_exact_duplicates_collapse_and_differing_twins_conflict():
    got = outcome(
        RECEPTIONS,
        [
            reception(rid="r1"),
            reception(rid="r1"),  # exact: the copy collapses
            reception(rid="r2", at="2026/10/01 10:00"),
            reception(rid="r2", at="2026-10-01 10:00:00"),  # same instant, other text: conflict
        ],
    )
    assert_frame_equal(
        got,
        expect(
            [
                (1, None, "accepted"),
                (2, None, "duplicate"),
                (3, "duplicate_conflict", "rejected"),
                (4, "duplicate_conflict", "rejected"),
            ]
        ),
    )


def test_a_conflicting_copy_is_rejected_even_when_its_twin_is_out_of_period():
    got = outcome(
        RECEPTIONS,
        [
            reception(rid="r1", at="2026-10-05 10:00"),
            reception(rid="r1", at="2026-09-30 10:00"),
        ],
    )
    assert_frame_equal(
        got,
        expect([(1, "duplicate_conflict", "rejected"), (2, "duplicate_conflict", "out_of_period")]),
    )


def test_out_of_period_wins_over_other_problems_and_bounds_are_the_month():
    got = outcome(
        RECEPTIONS,
        [
            reception(rid="r1", at="2026-09-30 23:59:59", agent="zz"),
            reception(rid="r2", at="2026-10-01 00:00"),
            reception(rid="r3", at="2026-10-31 23:59:59.999999"),
            reception(rid="r4", at="2026-11-01 00:00"),
            reception(rid="r5", at="2026-11-31 00:00"),  # unparseable: rejected, not out of period
        ],
    )
    assert_frame_equal(
        got,
        expect(
            [
                (1, "unknown_agent", "out_of_period"),
                (2, None, "accepted"),
                (3, None, "accepted"),
                (4, None, "out_of_period"),
                (5, "invalid_value:received_at", "rejected"),
            ]
        ),
    )


def test_purchase_dates_decide_the_period_by_day():
    purchase = {
        "order_id": "o1",
        "store_id": "s",
        "agent_id": "a1",
        "customer_id": "c",
        "purchase_type": "首购",
    }
    got = outcome(
        PURCHASES,
        [
            {**purchase, "purchased_at": "2026-10-31"},
            {**purchase, "order_id": "o2", "purchased_at": "2026-11-01"},
        ],
    )
    assert got["row_class"].to_list() == ["accepted", "out_of_period"]


# scheme.md §9.1: with period.end_day 25 throughout, 2026-10 is 2026-09-26 00:00:00 to
# 2026-10-25 23:59:59.
PERIOD_25 = month_period(date(2026, 10, 1), 25, 25)


def event_rows(export: Export, event: str, times: list[str]) -> list[dict]:
    base = {
        "store_id": "s",
        "agent_id": "a1",
        "customer_id": "c",
        "channel": "phone",
        "rating": "5",
        "purchase_type": "first",
    }
    return [{**base, export.id_column: f"id{i}", event: t} for i, t in enumerate(times)]


@pytest.mark.parametrize(
    ("export", "event"),
    [
        (RECEPTIONS, "received_at"),
        (SURVEYS, "surveyed_at"),
        (COMPLAINTS, "complained_at"),
        (CONSULTATIONS, "received_at"),
    ],
)
def test_every_event_time_is_judged_against_the_period_to_the_second(export, event):
    times = [
        "2026-09-25 23:59:59",  # the previous period's last second
        "2026-09-26 00:00:00",  # the first second
        "2026-10-25 23:59:59",  # the last second
        "2026-10-25 23:59:59.999999",
        "2026-10-26 00:00:00",  # the next period's first second
        "2026-10-31 12:00:00",  # inside the calendar month, outside the period
    ]
    got = outcome(export, event_rows(export, event, times), period=PERIOD_25)
    assert got["row_class"].to_list() == [
        "out_of_period",
        "accepted",
        "accepted",
        "accepted",
        "out_of_period",
        "out_of_period",
    ]


def test_purchases_are_judged_against_the_period_by_date():
    dates = ["2026-09-25", "2026-09-26", "2026-10-25", "2026-10-25 23:59", "2026-10-26"]
    got = outcome(PURCHASES, event_rows(PURCHASES, "purchased_at", dates), period=PERIOD_25)
    assert_frame_equal(
        got,
        expect(
            [
                (1, None, "out_of_period"),
                (2, None, "accepted"),
                (3, None, "accepted"),
                (4, None, "accepted"),  # a date column uses a timestamp's date part
                (5, None, "out_of_period"),
            ]
        ),
    )


def test_a_row_of_an_event_column_needs_the_period():
    with pytest.raises(ValueError, match="receptions: the month's period is needed"):
        classify(raw(RECEPTIONS, []), RECEPTIONS, known_agent_ids=KNOWN, active_agent_ids=ACTIVE)


def test_time_order_is_checked_only_when_both_times_parse():
    base = {
        "consultation_id": "k1",
        "store_id": "s",
        "agent_id": "a1",
        "channel": "phone",
        "received_at": "2026-10-02 10:00",
    }
    got = outcome(
        CONSULTATIONS,
        [
            {**base, "first_response_at": "2026-10-02 09:59:59"},
            {**base, "consultation_id": "k2", "resolved_at": "2026-10-02 09:00"},
            {
                **base,
                "consultation_id": "k3",
                "first_response_at": "2026-10-02 10:00",
                "resolved_at": "2026-10-02 10:00",
            },  # equal is in order
            {
                **base,
                "consultation_id": "k4",
                "received_at": "bad",
                "first_response_at": "2026-10-02 09:00",
            },
        ],
    )
    assert_frame_equal(
        got,
        expect(
            [
                (1, "time_order", "rejected"),
                (2, "time_order", "rejected"),
                (3, None, "accepted"),
                (4, "invalid_value:received_at", "rejected"),
            ]
        ),
    )


def test_agents_must_be_known_and_active():
    got = outcome(
        RECEPTIONS,
        [
            reception(rid="r1", agent="zz"),
            reception(rid="r2", agent="gone"),
            reception(rid="r3", agent="A1"),
        ],
    )  # ids are case-sensitive
    assert got["reasons"].to_list() == ["unknown_agent", "agent_not_active", "unknown_agent"]


def test_all_reasons_are_kept_in_the_spec_order():
    base = {
        "consultation_id": "k1",
        "store_id": None,
        "agent_id": "zz",
        "channel": "fax",
        "received_at": "2026-10-02 10:00",
        "first_response_at": "2026-10-02 09:00",
    }
    got = outcome(CONSULTATIONS, [base, {**base, "customer_id": "c"}])
    reasons = (
        "missing_value:store_id;invalid_value:channel;duplicate_conflict;time_order;unknown_agent"
    )
    assert got["reasons"].to_list() == [reasons, reasons]


def appeal(**kw) -> dict:
    return {
        "appeal_id": "p1",
        "agent_id": "a1",
        "month": "2026-10",
        "feedback_on": "2026-11-03",
        "filed_on": "2026-11-04",
        "kind": "adjust_score",
        "score_delta": "2",
        "reason": "复核",
        "status": "approved",
        **kw,
    }


def test_appeals_need_their_kind_fields_and_a_known_agent_but_never_leave_the_period():
    got = outcome(
        APPEALS,
        [
            appeal(),
            appeal(appeal_id="p2", kind="void_record", score_delta=None),
            appeal(appeal_id="p3", score_delta=None),
            appeal(appeal_id="p4", agent_id="gone", month="2026-08"),  # inactive is fine
            appeal(appeal_id="p5", agent_id="zz", score_delta="1.234"),
        ],
    )
    assert_frame_equal(
        got,
        expect(
            [
                (1, None, "accepted"),
                (2, "missing_value:record_type;missing_value:record_id", "rejected"),
                (3, "missing_value:score_delta", "rejected"),
                (4, None, "accepted"),
                (5, "invalid_value:score_delta;unknown_agent", "rejected"),
            ]
        ),
    )


def test_rejected_rows_keep_row_number_id_reasons_and_raw_text():
    classified = classify(
        raw(RECEPTIONS, [reception(), reception(rid="x", agent="zz")]),
        RECEPTIONS,
        period=OCT,
        known_agent_ids=KNOWN,
        active_agent_ids=ACTIVE,
    )
    assert rejected_rows(classified, RECEPTIONS).collect().to_dicts() == [
        {
            "row_number": 2,
            "source_line": None,  # the reader's line, where it gave one
            "record_id": "x",
            "reasons": "unknown_agent",
            "raw": '{"reception_id":"x","store_id":"s1","agent_id":"zz","customer_id":"c1",'
            '"received_at":"2026-10-05 10:00"}',
        }
    ]


def test_reason_summary_counts_each_code_with_its_first_example():
    rejected = pl.LazyFrame(
        {
            "source": ["receptions"] * 3,
            "file_name": ["receptions.csv"] * 3,
            "row_number": [9, 4, 7],
            "source_line": [12, 5, 8],
            "reasons": ["unknown_agent", "a;unknown_agent", "a"],
            "raw": ["{9}", "{4}", "{7}"],
        }
    )
    got = reason_summary(rejected, top=1).collect()
    assert got.select(
        "reason", "row_count", "example_row_number", "example_line", "example_raw"
    ).rows() == [("a", 2, 4, 5, "{4}")]


# The reconciliation identity over arbitrary mixes of good and bad rows.
_ids = st.sampled_from(["r1", "r2", "r3", None])
_agents = st.sampled_from(["a1", "a2", "gone", "zz", None])
_times = st.sampled_from(
    [
        "2026-10-05 10:00",
        "2026/10/5 10:00",
        "2026-09-30 23:00",
        "2026-11-01 00:00",
        "2026-10-32 00:00",
        None,
    ]
)
_rows = st.lists(
    st.builds(
        lambda i, a, t, c: {
            "reception_id": i,
            "store_id": "s",
            "agent_id": a,
            "customer_id": c,
            "received_at": t,
        },
        _ids,
        _agents,
        _times,
        st.sampled_from(["c1", "c2", None]),
    ),
    max_size=40,
)


# What each sampled timestamp text means: October, another month, or not a timestamp.
_MONTH_OF = {
    "2026-10-05 10:00": "oct",
    "2026/10/5 10:00": "oct",
    "2026-09-30 23:00": "other",
    "2026-11-01 00:00": "other",
    "2026-10-32 00:00": "invalid",
}
_COLUMNS = ("reception_id", "store_id", "agent_id", "customer_id", "received_at")


def expected_classes(rows: list[dict]) -> list[tuple[str, str | None]]:
    """(class, reasons) of each row by the rules of exports.md, in plain Python: an
    independent reading to hold the quarantine against."""
    texts = [tuple(r[c] for c in _COLUMNS) for r in rows]
    versions: dict[str, set] = {}
    for text, row in zip(texts, rows, strict=True):
        if row["reception_id"] is not None:
            versions.setdefault(row["reception_id"], set()).add(text)
    out = []
    for index, (text, row) in enumerate(zip(texts, rows, strict=True)):
        when = _MONTH_OF.get(row["received_at"])
        reasons = [f"missing_value:{c}" for c in _COLUMNS if row[c] is None]
        if when == "invalid":
            reasons.append("invalid_value:received_at")
        if row["reception_id"] is not None and len(versions[row["reception_id"]]) > 1:
            reasons.append("duplicate_conflict")
        if row["agent_id"] == "zz":
            reasons.append("unknown_agent")
        elif row["agent_id"] == "gone":
            reasons.append("agent_not_active")
        if text in texts[:index]:
            out.append(("duplicate", None))
        elif when == "other":
            out.append(("out_of_period", None))
        elif reasons:
            out.append(("rejected", ";".join(reasons)))
        else:
            out.append(("accepted", None))
    return out


@settings(max_examples=150, deadline=None)
@given(_rows)
def test_every_row_lands_in_the_class_the_rules_give_and_the_counts_reconcile(rows):
    classified = classify(
        raw(RECEPTIONS, rows),
        RECEPTIONS,
        period=OCT,
        known_agent_ids=KNOWN,
        active_agent_ids=ACTIVE,
    ).collect()
    got = list(zip(classified["row_class"], classified["reasons"], strict=True))
    want = expected_classes(rows)
    # Reasons are kept only where they decide the class (rejected rows).
    assert [(c, r if c == "rejected" else None) for c, r in got] == want
    counts = row_counts(classified.lazy()).collect().row(0, named=True)
    assert counts == {
        "rows_read": len(rows),
        **{
            f"rows_{k}": sum(c == k for c, _ in want)
            for k in ("accepted", "rejected", "duplicate", "out_of_period")
        },
    }
    # Every rejected row has a reason and no accepted row has one.
    by_class = classified.group_by("row_class").agg(
        pl.col("reasons").null_count().alias("n"), pl.len().alias("rows")
    )
    for row in by_class.iter_rows(named=True):
        if row["row_class"] == "rejected":
            assert row["n"] == 0
        if row["row_class"] == "accepted":
            assert row["n"] == row["rows"]
    # Accepted ids are unique (conflicts and duplicates never leak through).
    accepted = accepted_rows(classified.lazy(), RECEPTIONS).collect()
    assert accepted["reception_id"].is_unique().all()


def test_a_time_more_than_366_days_from_the_period_is_invalid_not_out_of_period():
    """A year typed as 2062 is a typo, not a record of another month; the bounds are the
    period's first and last instant, 366 days either way (never the day of the run)."""
    got = outcome(
        RECEPTIONS,
        [
            reception(rid="r1", at="2062-10-05 10:00"),
            reception(rid="r2", at="2025-09-30 00:00"),  # 366 days before 10-01 00:00
            reception(rid="r3", at="2025-09-29 23:59:59"),
            reception(rid="r4", at="2027-11-02 00:00"),  # 366 days after the period
            reception(rid="r5", at="2027-11-02 00:00:01"),
        ],
    )
    assert_frame_equal(
        got,
        expect(
            [
                (1, "invalid_value:received_at", "rejected"),
                (2, None, "out_of_period"),
                (3, "invalid_value:received_at", "rejected"),
                (4, None, "out_of_period"),
                (5, "invalid_value:received_at", "rejected"),
            ]
        ),
    )
    purchase = {
        "order_id": "o1",
        "store_id": "s",
        "agent_id": "a1",
        "customer_id": "c",
        "purchase_type": "first",
    }
    got = outcome(
        PURCHASES,
        [
            {**purchase, "purchased_at": "2062-10-05"},
            {**purchase, "order_id": "o2", "purchased_at": "2025-09-30"},
        ],
    )
    assert_frame_equal(
        got, expect([(1, "invalid_value:purchased_at", "rejected"), (2, None, "out_of_period")])
    )


def test_a_far_reply_time_is_invalid_and_no_time_order():
    got = outcome(
        CONSULTATIONS,
        [
            {
                "consultation_id": "k1",
                "store_id": "s",
                "agent_id": "a1",
                "channel": "phone",
                "received_at": "2026-10-02 10:00",
                "first_response_at": "2016-10-02 10:05",  # a typo: 2016, not 2026
            }
        ],
    )
    assert_frame_equal(got, expect([(1, "invalid_value:first_response_at", "rejected")]))


def test_a_resolution_before_the_first_response_is_time_order():
    base = {
        "consultation_id": "k1",
        "store_id": "s",
        "agent_id": "a1",
        "channel": "phone",
        "received_at": "2026-10-02 10:00",
    }
    got = outcome(
        CONSULTATIONS,
        [
            {**base, "first_response_at": "2026-10-02 10:30", "resolved_at": "2026-10-02 10:20"},
            {**base, "consultation_id": "k2", "resolved_at": "2026-10-02 10:20"},
            {
                **base,
                "consultation_id": "k3",
                "first_response_at": "2026-10-02 10:30",
                "resolved_at": "2026-10-02 10:30",
            },
        ],
    )
    assert_frame_equal(
        got,
        expect([(1, "time_order", "rejected"), (2, None, "accepted"), (3, None, "accepted")]),
    )


def test_reason_lines_name_the_column_and_the_value_of_each_reason():
    classified = classify(
        raw(
            CONSULTATIONS,
            [
                {
                    "consultation_id": "k1",
                    "store_id": "s",
                    "agent_id": "zz",
                    "channel": "fax",
                    "received_at": "2062-10-02 10:00",
                },
                {
                    "consultation_id": "k2",
                    "store_id": "s",
                    "agent_id": "a1",
                    "channel": "phone",
                    "received_at": "2026-10-02 10:00",
                    "first_response_at": "2026-10-02 09:00",
                },
                {"consultation_id": "k3", "agent_id": "a1", "channel": "phone"},
            ],
        ),
        CONSULTATIONS,
        period=OCT,
        known_agent_ids=KNOWN,
        active_agent_ids=ACTIVE,
    )
    rejected = rejected_rows(classified, CONSULTATIONS).with_columns(
        source=pl.lit("consultations"), file_name=pl.lit("c.csv")
    )
    got = reason_lines(rejected, CONSULTATIONS).select(
        "row_number", "reason", "column", "value", "kind", "parses"
    )
    expected = pl.DataFrame(
        [
            (1, "invalid_value:channel", "channel", "fax", "channel", False),
            (1, "invalid_value:received_at", "received_at", "2062-10-02 10:00", "timestamp", True),
            (1, "unknown_agent", "agent_id", "zz", "id", True),
            (
                2,
                "time_order",
                "received_at, first_response_at, resolved_at",
                "received_at=2026-10-02 10:00, first_response_at=2026-10-02 09:00, resolved_at=",
                None,
                None,
            ),
            (3, "missing_value:store_id", "store_id", None, "id", False),
            (3, "missing_value:received_at", "received_at", None, "timestamp", False),
        ],
        schema={
            "row_number": pl.UInt32,
            "reason": pl.String,
            "column": pl.String,
            "value": pl.String,
            "kind": pl.String,
            "parses": pl.Boolean,
        },
        orient="row",
    )
    assert_frame_equal(got.collect(), expected)
