from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest
from polars.testing import assert_series_equal

from schemas.contracts import Column, Kind
from transforms.parsing import clean_text, parse, read_values


def run(kind: Kind, values: list[str | None]) -> pl.Series:
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    return frame.select(parse(Column("v", kind, True))).to_series()


def test_timestamps_accept_every_spelling_of_the_grammar():
    got = run(
        Kind.TIMESTAMP,
        [
            "2026-10-01 09:05",
            "2026/10/1 9:05",
            "2026-10-01T09:05:07",
            "2026/1/2 09:05:07.5",
            "2026-10-01 09:05:07.123456",
            "2026-10-01 00:00:00",
        ],
    )
    assert got.to_list() == [
        datetime(2026, 10, 1, 9, 5),
        datetime(2026, 10, 1, 9, 5),
        datetime(2026, 10, 1, 9, 5, 7),
        datetime(2026, 1, 2, 9, 5, 7, 500000),
        datetime(2026, 10, 1, 9, 5, 7, 123456),
        datetime(2026, 10, 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2026-10-01",  # a timestamp needs its time part
        "2026-10/01 09:05",  # mixed separators
        "2026-02-30 10:00",  # no such day
        "2026-02-30 10:00:00",  # no such day, in the canonical spelling
        "2026-10-01 24:00:00",
        "2026-10-01 09:60:00",
        "2026-10-01 24:00",  # no such hour
        "2026-10-01 9:5",  # minutes need two digits
        "01/10/2026 09:05",
        "2026-10-01 09:05:07.1234567",
        "２０２６-10-01 09:05",  # full-width digits
        "yesterday",
    ],
)
def test_timestamps_reject_text_outside_the_grammar(text):
    assert run(Kind.TIMESTAMP, [text]).to_list() == [None]


def test_dates_take_a_date_or_the_date_part_of_a_timestamp():
    got = run(
        Kind.DATE,
        [
            "2026-10-01",
            "2026/9/5",
            "2026-10-01 23:59:59",
            "2026-13-01",
            "2026-10-01 25:00",
            None,
            "2026-02-29",
            "2028-02-29",
        ],
    )
    assert got.to_list() == [
        date(2026, 10, 1),
        date(2026, 9, 5),
        date(2026, 10, 1),
        None,
        None,
        None,
        None,
        date(2028, 2, 29),
    ]


def test_ratings_take_digits_and_both_scripts_labels():
    got = run(
        Kind.RATING,
        [
            "5",
            "1",
            "非常满意",
            "非常滿意",
            "满意",
            "滿意",
            "一般",
            "不满意",
            "不滿意",
            "非常不满意",
            "非常不滿意",
            "6",
            "5.0",
            "good",
        ],
    )
    assert got.to_list() == [5, 1, 5, 5, 4, 4, 3, 2, 2, 1, 1, None, None, None]
    assert got.dtype == pl.Int8


def test_booleans_in_any_case():
    got = run(
        Kind.BOOLEAN,
        ["Y", "n", "是", "否", "有效", "无效", "無效", "TRUE", "false", "1", "0", "yes"],
    )
    assert got.to_list() == [
        True,
        False,
        True,
        False,
        True,
        False,
        False,
        True,
        False,
        True,
        False,
        None,
    ]


def test_channels_and_purchase_types_map_labels_to_keys():
    assert run(
        Kind.CHANNEL,
        ["电话", "電話", "微信", "在线", "在線", "到店", "其他", "Phone", "walk_in", "fax"],
    ).to_list() == [
        "phone",
        "phone",
        "wechat",
        "online",
        "online",
        "walk_in",
        "other",
        "phone",
        "walk_in",
        None,
    ]
    assert run(
        Kind.PURCHASE_TYPE, ["首购", "首購", "增购", "增購", "换购", "換購", "first", "lease"]
    ).to_list() == [
        "first",
        "first",
        "additional",
        "additional",
        "replacement",
        "replacement",
        "first",
        None,
    ]


def test_appeal_fields():
    months = ["2026-10", "2026-1", "2026-13", "2026/10", "2026-11-01 00:00:00", "2026-11-01"]
    assert run(Kind.MONTH, [*months, "2026-11-15", "2026-11-01 08:00:00"]).to_list() == [
        "2026-10",
        None,
        None,
        None,
        "2026-11",  # a month Excel stored as its first day
        "2026-11",
        None,  # a day, not a month
        None,
    ]
    assert_series_equal(
        run(Kind.SCORE_DELTA, ["2", "-1.5", "+3.25", "1.234", "abc", "1e3"]),
        pl.Series(
            "v",
            [Decimal("2"), Decimal("-1.5"), Decimal("3.25"), None, None, None],
            dtype=pl.Decimal(6, 2),
        ),
    )
    assert run(Kind.APPEAL_KIND, ["void_record", "adjust_score", "bonus"]).to_list() == [
        "void_record",
        "adjust_score",
        None,
    ]
    assert run(Kind.RECORD_TYPE, ["survey", "consultation", "order"]).to_list() == [
        "survey",
        "consultation",
        None,
    ]
    assert run(Kind.APPEAL_STATUS, ["approved", "pending", "rejected", "ok"]).to_list() == [
        "approved",
        "pending",
        "rejected",
        None,
    ]


def test_text_is_kept_verbatim_with_leading_zeros():
    assert run(Kind.TEXT, ["00123", "ABC"]).to_list() == ["00123", "ABC"]


def test_clean_text_trims_and_turns_empty_into_null():
    got = (
        pl.DataFrame({"v": ["  a ", "", "   ", None, "\t00123\n"]})
        .select(clean_text(pl.col("v")))
        .to_series()
    )
    assert got.to_list() == ["a", None, None, None, "00123"]


def test_ids_in_scientific_notation_are_invalid_other_ids_are_kept():
    got = run(
        Kind.ID,
        ["1.87E+10", "1.87e10", "1E+11", "1.87e+10", "9.9E-3", "00123", "2E5", "R1.8E+10", None],
    )
    assert got.to_list() == [None, None, None, None, None, "00123", "2E5", "R1.8E+10", None]
    assert got.dtype == pl.String


def test_chinese_dates_with_an_optional_time_after_a_space():
    texts = [
        "2026年10月1日",
        "2026年1月2日 9:05",
        "2026年10月01日 09:05:07",
        "2026年2月30日",  # no such day
        "2026年10月1日9:05",  # the time comes after a space
        "2026年10月1日T09:05",
        "2026年10月1日 09:05:07.5",  # no fraction in this spelling
        "2026年10月1",
    ]
    assert run(Kind.DATE, texts).to_list() == [
        date(2026, 10, 1),
        date(2026, 1, 2),
        date(2026, 10, 1),
        None,
        None,
        None,
        None,
        None,
    ]
    assert run(Kind.TIMESTAMP, texts).to_list() == [
        None,  # a timestamp needs its time
        datetime(2026, 1, 2, 9, 5),
        datetime(2026, 10, 1, 9, 5, 7),
        None,
        None,
        None,
        None,
        None,
    ]


def read(values: list[str | None], kind: Kind) -> list[str | None]:
    frame = pl.LazyFrame({"v": values}, schema={"v": pl.String}).select(clean_text(pl.col("v")))
    return read_values(frame, [Column("v", kind, True)]).collect()["v"].to_list()


def test_what_excel_added_to_a_value_is_undone():
    assert read(
        ["'00123", '="00123"', "' 7 ", '=" 7 "', "'", '=""', '="', "ab'c", None], Kind.ID
    ) == [
        "00123",
        "00123",
        "7",
        "7",
        None,
        None,
        '="',
        "ab'c",
        None,
    ]


def test_full_width_characters_read_as_ascii_except_in_names_and_free_text():
    values = [
        "０１０１",
        "２０２６－１０－０１　０９：０５",
        "ＣＵＳ－００１",
        "電話",
        "王伟",
        "Ａ　",
    ]
    assert read(values, Kind.ID) == ["0101", "2026-10-01 09:05", "CUS-001", "電話", "王伟", "A"]
    assert read(values, Kind.TIMESTAMP)[1] == "2026-10-01 09:05"
    assert read(values, Kind.TEXT) == [
        "０１０１",
        "２０２６－１０－０１　０９：０５",
        "ＣＵＳ－００１",
        "電話",
        "王伟",
        "Ａ",  # trimmed all the same: the ideographic space is a space
    ]
