"""`flows.outputs.sheets`: the files people open in Excel."""

from __future__ import annotations

import polars as pl
import pytest

from flows.outputs.sheets import write_table


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_that_cannot_be_written_is_the_os_error_in_either_format(tmp_path, suffix):
    """The .xlsx writer wrapped the OS's error in its own exception, which callers did
    not know: a full disk ended `kpi export payroll --out x.xlsx` in a traceback while
    the .csv said it in words. Both raise the OS's error now."""
    frame = pl.DataFrame({"客服": ["张三"], "奖金": [500]})
    with pytest.raises(FileNotFoundError):
        write_table(frame, tmp_path / "gone" / f"payroll{suffix}", sheet="工资")


def test_both_formats_hold_the_rows_and_neutralise_formulas(tmp_path):
    frame = pl.DataFrame({"客服": ["=HYPERLINK(1)", "李四"], "奖金": [500, 0]})
    write_table(frame, tmp_path / "p.csv", sheet="工资")
    text = (tmp_path / "p.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    assert text.decode("utf-8-sig").splitlines() == ["客服,奖金", "'=HYPERLINK(1),500", "李四,0"]
    write_table(frame, tmp_path / "p.xlsx", sheet="工资")
    read = pl.read_excel(tmp_path / "p.xlsx", sheet_name="工资")
    assert read["客服"].to_list() == ["'=HYPERLINK(1)", "李四"]
