"""Completeness against each store's own history (`scheme.md` §9.3), hand-computed."""

from datetime import date

import polars as pl
from polars.testing import assert_frame_equal

from schemas.scheme import Completeness
from transforms.completeness import COMPLETENESS_COLUMNS, judge
from transforms.periods import Period, calendar_month

OCT = calendar_month(date(2026, 10, 1))
AUG, SEP, JUL = date(2026, 8, 1), date(2026, 9, 1), date(2026, 7, 1)


def volumes(rows: dict[str, tuple[int, int, int]]) -> pl.LazyFrame:
    """store -> (consultations, receptions, surveys) rows read this month."""
    return pl.DataFrame(
        [
            (store, source, n)
            for store, counts in rows.items()
            for source, n in zip(("consultations", "receptions", "surveys"), counts, strict=True)
        ],
        schema={"store_id": pl.String, "source": pl.String, "row_count": pl.Int64},
        orient="row",
    ).lazy()


def baseline(rows: dict[tuple[date, str], tuple[int, int, int]]) -> pl.LazyFrame:
    return pl.DataFrame(
        [
            (month, store, source, n)
            for (month, store), counts in rows.items()
            for source, n in zip(("consultations", "receptions", "surveys"), counts, strict=True)
        ],
        schema={
            "month_start": pl.Date,
            "store_id": pl.String,
            "source": pl.String,
            "row_count": pl.Int64,
        },
        orient="row",
    ).lazy()


def silences(rows: dict[str, int]) -> pl.LazyFrame:
    return pl.DataFrame(
        {"store_id": list(rows), "longest_silent_days": list(rows.values())},
        schema={"store_id": pl.String, "longest_silent_days": pl.Int64},
    ).lazy()


def stores(*ids: str) -> pl.LazyFrame:
    return pl.DataFrame({"store_id": list(ids)}, schema={"store_id": pl.String}).lazy()


def judged(month, history, quiet, open_stores, period: Period = OCT, **rules) -> pl.DataFrame:
    return judge(month, quiet, history, open_stores, period, rules=Completeness(**rules)).collect()


def expected(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "store_id": pl.String,
            "source": pl.String,
            "row_count": pl.Int64,
            "baseline_median": pl.Float64,
            "baseline_months": pl.Int64,
            "volume_share": pl.Float64,
            "longest_silent_days": pl.Int64,
            "is_incomplete": pl.Boolean,
        },
        orient="row",
    ).select(COMPLETENESS_COLUMNS)


def test_a_volume_below_half_of_the_baseline_median_is_incomplete():
    """Receptions over Jul-Sep 400, 380, 420: median 400, so 199 is below half (200) and 200
    is not; surveys 90, 60, 75: median 75, 37 < 37.5; consultations median 30 exactly at
    min_baseline_rows, so judged: 14 < 15."""
    history = baseline(
        {
            (JUL, "S1"): (30, 400, 90),
            (AUG, "S1"): (31, 380, 60),
            (SEP, "S1"): (29, 420, 75),
            (JUL, "S2"): (30, 400, 90),
            (AUG, "S2"): (31, 380, 60),
            (SEP, "S2"): (29, 420, 75),
        }
    )
    got = judged(
        volumes({"S1": (14, 199, 37), "S2": (15, 200, 38)}),
        history,
        silences({"S1": 1, "S2": 1}),
        stores("S1", "S2"),
    )
    assert_frame_equal(
        got,
        expected(
            [
                ("S1", "consultations", 14, 30.0, 3, 14 / 30, None, True),
                ("S1", "receptions", 199, 400.0, 3, 199 / 400, 1, True),
                ("S1", "surveys", 37, 75.0, 3, 37 / 75, None, True),
                ("S2", "consultations", 15, 30.0, 3, 0.5, None, False),
                ("S2", "receptions", 200, 400.0, 3, 0.5, 1, False),
                ("S2", "surveys", 38, 75.0, 3, 38 / 75, None, False),
            ]
        ),
    )


def test_a_small_baseline_is_not_judged_by_volume_but_an_empty_export_is():
    """Surveys: median 29 is below min_baseline_rows (30), so 3 rows pass; none at all
    (a header-only file) is incomplete; a store whose baseline had none may have none."""
    history = baseline({(SEP, "S1"): (0, 400, 29), (SEP, "S2"): (0, 400, 29)})
    got = judged(
        volumes({"S1": (0, 400, 3), "S2": (0, 400, 0)}),
        history,
        silences({"S1": 0, "S2": 0}),
        stores("S1", "S2"),
    )
    assert_frame_equal(
        got,
        expected(
            [
                ("S1", "consultations", 0, 0.0, 1, None, None, False),
                ("S1", "receptions", 400, 400.0, 1, 1.0, 0, False),
                ("S1", "surveys", 3, 29.0, 1, 3 / 29, None, False),
                ("S2", "consultations", 0, 0.0, 1, None, None, False),
                ("S2", "receptions", 400, 400.0, 1, 1.0, 0, False),
                ("S2", "surveys", 0, 29.0, 1, 0.0, None, True),
            ]
        ),
    )


def test_more_silent_days_than_allowed_is_incomplete_and_a_spring_festival_week_is_not():
    history = baseline({(SEP, s): (100, 400, 80) for s in ("S1", "S2", "S3")})
    got = judged(
        volumes({"S1": (100, 400, 80), "S2": (100, 400, 80), "S3": (100, 400, 80)}),
        history,
        silences({"S1": 7, "S2": 8}),  # S3 had no reception in the whole period
        stores("S1", "S2", "S3"),
    )
    receptions = got.filter(pl.col("source") == "receptions")
    assert_frame_equal(
        receptions,
        expected(
            [
                ("S1", "receptions", 400, 400.0, 1, 1.0, 7, False),
                ("S2", "receptions", 400, 400.0, 1, 1.0, 8, True),
                ("S3", "receptions", 400, 400.0, 1, 1.0, 31, True),
            ]
        ),
    )
    assert not got.filter(pl.col("source") != "receptions")["is_incomplete"].any()


def test_a_store_without_a_baseline_is_recorded_not_judged_and_a_vanished_one_is_incomplete():
    """S1 opened this month (no baseline); S2 was in the baseline and has no row at all;
    S3 closed (no active agent in the roster): recorded, never judged."""
    history = baseline({(SEP, "S2"): (100, 400, 80), (SEP, "S3"): (100, 400, 80)})
    got = judged(
        volumes({"S1": (5, 10, 0)}),
        history,
        silences({"S1": 25}),
        stores("S1", "S2"),
    )
    assert_frame_equal(
        got,
        expected(
            [
                ("S1", "consultations", 5, None, 0, None, None, False),
                ("S1", "receptions", 10, None, 0, None, 25, False),
                ("S1", "surveys", 0, None, 0, None, None, False),
                ("S2", "consultations", 0, 100.0, 1, 0.0, None, True),
                ("S2", "receptions", 0, 400.0, 1, 0.0, 31, True),
                ("S2", "surveys", 0, 80.0, 1, 0.0, None, True),
                ("S3", "consultations", 0, 100.0, 1, 0.0, None, False),
                ("S3", "receptions", 0, 400.0, 1, 0.0, 31, False),
                ("S3", "surveys", 0, 80.0, 1, 0.0, None, False),
            ]
        ),
    )


def test_the_scheme_sets_every_limit():
    history = baseline({(SEP, "S1"): (10, 100, 10)})
    got = judged(
        volumes({"S1": (10, 70, 10)}),
        history,
        silences({"S1": 3}),
        stores("S1"),
        min_volume_share=0.8,
        min_baseline_rows=10,
        max_silent_days=2,
    )
    assert got["is_incomplete"].to_list() == [False, True, False]  # 70 < 80; silent 3 > 2
