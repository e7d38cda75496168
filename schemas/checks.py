"""Checks the record models share."""

from __future__ import annotations

import polars as pl


def one_row_per(data, column: str) -> bool:
    """Each value of ``column`` is on one row only: a record model's grain (``data``:
    pandera's polars check data). Exact, and about three times cheaper than pandera's
    ``unique`` on millions of text ids: the values are hashed, and only those whose hash
    repeats are compared (none, after classification, unless two hashes collide)."""
    column_only = data.lazyframe.select(column)
    repeated = column_only.filter(pl.col(column).hash().is_duplicated())
    return not repeated.select(pl.col(column).is_duplicated().any()).collect().item()
