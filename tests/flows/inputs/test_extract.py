"""Reading export files: discovery, encodings, formats, headers, text-first values."""

import codecs
import datetime as dt

import polars as pl
import pytest
import xlsxwriter
import xlwt
from polars.testing import assert_frame_equal

from flows.common.errors import ExportError
from flows.inputs.extract import find_files, read_export, resembles
from flows.inputs.spreadsheets import _xls_may_merge
from schemas.contracts import AGENTS, COMPLAINTS, RECEPTIONS, SURVEYS

HEADER_EN = "reception_id,store_id,agent_id,customer_id,received_at"
ROWS = ["00123,S01,0101,C9,2026/10/1 9:05", "R2,S01,0102,C8,2026-10-02 10:00:00"]


def expected_receptions(
    received=("2026/10/1 9:05", "2026-10-02 10:00:00"), lines=(2, 3)
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_number": [1, 2],
            "source_line": list(lines),
            "reception_id": ["00123", "R2"],
            "store_id": ["S01", "S01"],
            "agent_id": ["0101", "0102"],
            "customer_id": ["C9", "C8"],
            "received_at": list(received),
        },
        schema_overrides={"row_number": pl.UInt32, "source_line": pl.UInt32},
    )


def write(path, text: str, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "found"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")]
)
def test_csv_encodings_are_detected(tmp_path, encoding, found):
    text = "接待单号,门店编号,客服工号,客户编号,接待时间\n" + "\n".join(ROWS) + "\n"
    file = read_export(write(tmp_path / "receptions.csv", text, encoding), RECEPTIONS)
    assert file.encoding == found
    assert_frame_equal(file.frame, expected_receptions())


def test_gb18030_is_detected_when_chinese_appears_only_deep_in_the_file(tmp_path):
    ascii_rows = [f"R{i},S01,0101,C{i},2026-10-02 10:00" for i in range(20000)]
    text = HEADER_EN + "\n" + "\n".join(ascii_rows) + "\nR-last,门店,0101,C,2026-10-02 10:00\n"
    file = read_export(write(tmp_path / "receptions.csv", text, "gb18030"), RECEPTIONS)
    assert file.encoding == "gb18030"
    assert file.frame["store_id"][-1] == "门店"
    assert file.frame.height == 20001


@pytest.mark.parametrize(
    "header",
    [
        HEADER_EN,
        "接待单号,门店编号,客服工号,客户编号,接待时间",  # Simplified
        "接待單號,門店編號,客服工號,客戶編號,接待時間",  # Traditional
        " Reception_ID , STORE_ID,客服工號,客户编号 ,\ufeffreceived_at",  # mixed, spaces, case
    ],
)
def test_header_names_and_aliases(tmp_path, header):
    file = read_export(
        write(tmp_path / "receptions.csv", header + "\n" + "\n".join(ROWS)), RECEPTIONS
    )
    assert_frame_equal(file.frame, expected_receptions())


def test_title_lines_extra_columns_column_order_and_blank_rows(tmp_path):
    text = (
        "2026年10月接待记录\n导出时间 2026-11-01,,\n"
        "备注,received_at,agent_id,customer_id,store_id,reception_id\n"
        "x,2026/10/1 9:05,0101,C9,S01,00123\n"
        ",,,,,\n\n"
        "y,2026-10-02 10:00:00,0102,C8,S01,R2\n"
    )
    file = read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)
    assert file.header_row == 3
    # row 2 is the 2nd data row, on line 7 (below a blank row and a blank line)
    assert_frame_equal(file.frame, expected_receptions(lines=(4, 7)))
    assert "备注" not in file.frame.columns


def test_a_blank_line_or_a_short_row_right_below_the_header_is_read(tmp_path):
    """The CSV reader takes the first data line's width for every row's unless told
    otherwise: a blank line right below the header used to fail the read."""
    text = HEADER_EN + "\n\nR0,S01\n" + "\n".join(ROWS) + "\n"
    file = read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)
    assert file.frame["source_line"].to_list() == [3, 4, 5]
    assert file.frame.row(0) == (1, 3, "R0", "S01", None, None, None)


def test_values_are_trimmed_and_empty_cells_are_null(tmp_path):
    text = HEADER_EN + "\n  R1 , S01 ,0101,  ,2026-10-02 10:00\n"
    file = read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)
    assert file.frame.row(0) == (1, 2, "R1", "S01", "0101", None, "2026-10-02 10:00")


def test_header_only_file_means_no_records(tmp_path):
    file = read_export(write(tmp_path / "receptions.csv", HEADER_EN + "\n"), RECEPTIONS)
    assert file.frame.height == 0
    assert file.frame.columns == ["row_number", "source_line", *RECEPTIONS.column_names]


def test_absent_optional_columns_read_as_null(tmp_path):
    text = "complaint_id,store_id,agent_id,customer_id,complained_at\nK1,S,A,C,2026-10-01 1:00\n"
    file = read_export(write(tmp_path / "complaints.csv", text), COMPLAINTS)
    assert file.frame["category"].to_list() == [None]
    assert file.frame["is_valid"].to_list() == [None]


def test_missing_required_column_names_file_column_and_found_headers(tmp_path):
    path = write(tmp_path / "receptions.csv", "reception_id,store_id,agent_id\nR1,S,A\n")
    with pytest.raises(ExportError) as err:
        read_export(path, RECEPTIONS)
    message = str(err.value)
    assert str(path) in message
    assert "customer_id/客户编号/客戶編號" in message
    assert "received_at/接待时间/接待時間" in message
    assert "'reception_id', 'store_id', 'agent_id'" in message


def test_the_appeals_template_is_told_to_take_english_headers_only(tmp_path):
    from schemas.contracts import APPEALS

    path = write(tmp_path / "appeals.csv", "申诉编号,agent_id\nP1,a1\n")
    with pytest.raises(ExportError) as err:
        read_export(path, APPEALS)
    message = str(err.value)
    assert "missing required column(s) appeal_id, month, feedback_on, filed_on, kind, " in message
    assert message.endswith(
        "Add or rename the column(s) (English names as in the template; this file takes no "
        "Chinese headers) and export again"
    )
    assert "简体" not in message


def test_header_below_the_first_ten_rows_is_not_found(tmp_path):
    text = "title\n" * 10 + HEADER_EN + "\n" + ROWS[0] + "\n"
    with pytest.raises(ExportError, match="missing required column"):
        read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)


def test_two_headers_naming_one_column_are_an_error(tmp_path):
    text = HEADER_EN + ",接待时间\n" + ROWS[0] + ",x\n"
    with pytest.raises(
        ExportError, match="'received_at' and '接待时间' both name column received_at"
    ):
        read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)


def test_utf16_binary_and_empty_files_are_refused_with_a_fix(tmp_path):
    utf16 = tmp_path / "receptions.csv"
    utf16.write_bytes(codecs.BOM_UTF16_LE + (HEADER_EN + "\n").encode("utf-16-le"))
    with pytest.raises(ExportError, match="UTF-16.*save it as CSV UTF-8"):
        read_export(utf16, RECEPTIONS)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ExportError, match="binary data"):
        read_export(junk, RECEPTIONS)
    with pytest.raises(ExportError, match="the file is empty"):
        read_export(write(tmp_path / "empty.csv", ""), RECEPTIONS)


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused(tmp_path):
    path = tmp_path / "receptions.csv"
    path.write_bytes((HEADER_EN + "\nR1,S,A,C,2026-10-01 1:00\n").encode() + b"\x81\x20\xff\n")
    with pytest.raises(ExportError, match="cannot be read as UTF-8 or GB18030"):
        read_export(path, RECEPTIONS)


def test_a_stray_byte_in_a_utf8_file_is_told_where_it_is(tmp_path):
    """Not where GB18030 gave up (an early Chinese character): where the UTF-8 broke,
    with or without a byte-order mark."""
    lines = [HEADER_EN, "R1,S,A,客户甲,2026-10-01 1:00", "R2,S,A,客户乙,2026-10-01 2:00"]
    good = "\n".join(lines).encode() + b"\n"
    for bom in (b"", b"\xef\xbb\xbf"):
        path = tmp_path / "receptions.csv"
        path.write_bytes(bom + good + "R3,S,A,客户丙".encode() + b"\x80,2026-10-01 3:00\n")
        at = len(bom) + len(good) + len("R3,S,A,客户丙".encode())
        with pytest.raises(
            ExportError,
            match=rf"is UTF-8 but a byte is not \(the first, 0x80, at offset {at}, line 4\)",
        ):
            read_export(path, RECEPTIONS)


def test_a_utf8_file_that_gb18030_would_read_as_other_characters_is_refused(tmp_path):
    """Two-character names make UTF-8 bytes that GB18030 also decodes, to other
    characters: with one stray byte the file must not be read as GB18030."""
    names = ["马磊", "刘丽", "王芳", "李强", "张伟", "陈静", "杨洋", "赵敏", "黄杰", "周涛"]
    text = "\n".join([HEADER_EN] + [f"R{i},S,A,{n},2026-10-01 1:00" for i, n in enumerate(names)])
    raw = text.encode() + b"\n" + "R99,S,A,林霞霞".encode() + b"\x80,2026-10-01 1:00\n"
    raw.decode("gb18030")  # the trap: as GB18030 it reads, wrongly, without an error
    path = tmp_path / "receptions.csv"
    path.write_bytes(raw)
    with pytest.raises(ExportError, match=r"is UTF-8 but a byte is not .* line 12\)"):
        read_export(path, RECEPTIONS)


def test_a_gb18030_file_is_read_as_gb18030(tmp_path):
    path = tmp_path / "receptions.csv"
    rows = "\n".join(f"R{i},S,A,客户{i},2026-10-01 1:00" for i in range(50))
    path.write_bytes(f"{HEADER_EN}\n{rows}\n".encode("gb18030"))
    read = read_export(path, RECEPTIONS)
    assert read.encoding == "gb18030"
    assert read.frame["customer_id"].to_list() == [f"客户{i}" for i in range(50)]


def test_xlsx_native_dates_numbers_leading_zeros_and_title(tmp_path):
    path = tmp_path / "surveys.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_string(0, 0, "2026年10月满意度调查")
    sheet.write_row(
        1, 0, ["问卷编号", "門店編號", "agent_id", "客户编号", "调查时间", "满意度评价"]
    )
    sheet.write_string(2, 0, "00042")
    sheet.write_row(2, 1, ["S01", "0101", "C1"])
    sheet.write_datetime(2, 4, dt.datetime(2026, 10, 3, 14, 30, 5), stamp)
    sheet.write_number(2, 5, 5)
    sheet.write_row(3, 0, ["V2", "S01", "0101", "C2", "2026/10/4 8:00", "满意"])
    book.close()
    file = read_export(path, SURVEYS)
    assert file.encoding == "xlsx" and file.header_row == 2
    assert file.frame.rows() == [
        (1, 3, "00042", "S01", "0101", "C1", "2026-10-03 14:30:05", "5"),
        (2, 4, "V2", "S01", "0101", "C2", "2026/10/4 8:00", "满意"),
    ]


def test_legacy_xls_is_read(tmp_path):
    path = tmp_path / "agents.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("名册")
    for c, value in enumerate(["客服工号", "客服姓名", "门店编号", "入职日期"]):
        sheet.write(0, c, value)
    for c, value in enumerate(["0101", "王伟", "S01", "2024-03-01"]):
        sheet.write(1, c, value)
    book.save(str(path))
    file = read_export(path, AGENTS)
    assert (file.encoding, file.sheet) == ("xls", "名册")
    assert file.frame.row(0) == (1, 2, "0101", "王伟", "S01", None, "2024-03-01", None)


def test_a_damaged_spreadsheet_is_refused_with_a_fix(tmp_path):
    path = tmp_path / "receptions.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ExportError, match="cannot be read as a spreadsheet.*save it again"):
        read_export(path, RECEPTIONS)


def test_file_hash_is_of_the_bytes(tmp_path):
    import hashlib

    path = write(tmp_path / "receptions.csv", HEADER_EN + "\n" + ROWS[0] + "\n")
    assert read_export(path, RECEPTIONS).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def _month(tmp_path, names):
    folder = tmp_path / "2026-10"
    folder.mkdir()
    for name in names:
        (folder / name).write_text("x")
    return folder


REQUIRED = [
    "agents.csv",
    "receptions.csv",
    "surveys.csv",
    "complaints.csv",
    "purchases.csv",
    "consultations.csv",
]


def test_find_files_takes_one_file_per_name_and_appeals_are_optional(tmp_path):
    folder = _month(tmp_path, [*REQUIRED[:-1], "consultations.xlsx", "notes.txt"])
    found = find_files(folder)
    assert sorted(found) == sorted(n.split(".")[0] for n in REQUIRED)
    assert found["consultations"].name == "consultations.xlsx"
    (folder / "interviews.xlsx").write_bytes(b"")  # optional too, and read when there
    assert find_files(folder)["interviews"].name == "interviews.xlsx"


def test_find_files_refuses_two_files_for_one_name(tmp_path):
    folder = _month(tmp_path, [*REQUIRED, "surveys.xlsx"])
    with pytest.raises(ExportError, match="surveys.csv and surveys.xlsx are both present"):
        find_files(folder)


def test_find_files_names_a_missing_required_file(tmp_path):
    folder = _month(tmp_path, REQUIRED[:-1])
    with pytest.raises(ExportError, match=r"consultations.csv: required .* missing"):
        find_files(folder)


def test_find_files_names_a_missing_month_folder(tmp_path):
    with pytest.raises(ExportError, match="no such folder.*--exports"):
        find_files(tmp_path / "2026-10")


def test_find_files_names_every_misnamed_export_and_the_export_it_resembles(tmp_path):
    others = [n for n in REQUIRED if n not in ("agents.csv", "surveys.csv")]
    folder = _month(
        tmp_path,
        [
            *others,
            "receptions_2.csv",  # an export split in two
            "receptions(1).csv",
            "客服人员名册.csv",
            "滿意度調查.xlsx",
            "Agents.CSV",
            "data.xlsx",
            "interview.xls",
        ],
    )
    with pytest.raises(ExportError) as err:
        find_files(folder)
    assert str(err.value) == (
        f"{folder}: 7 file(s) here are not named as an export, so the month is not run:\n"
        "  Agents.CSV: looks like agents; file names are exact: rename it agents.csv\n"
        "  data.xlsx: not an export's name; move it out of the month folder\n"
        "  interview.xls: looks like interviews; rename it interviews.xls\n"
        "  receptions(1).csv: looks like receptions, and receptions.csv is here too: an "
        "export split in two must be merged into one receptions file, and a second copy "
        "removed\n"
        "  receptions_2.csv: looks like receptions, and receptions.csv is here too: an "
        "export split in two must be merged into one receptions file, and a second copy "
        "removed\n"
        "  客服人员名册.csv: looks like agents; rename it agents.csv\n"
        "  滿意度調查.xlsx: looks like surveys; rename it surveys.xlsx\n"
        "Each export is one file named exactly as its export, in lower case, with .csv, "
        ".xlsx or .xls: agents, receptions, surveys, complaints, purchases, consultations, "
        "appeals, interviews."
    )


def test_find_files_takes_a_misnamed_file_for_the_export_it_replaces(tmp_path):
    folder = _month(tmp_path, [*REQUIRED[:1], *REQUIRED[2:], "2026年10月接待記錄.xlsx"])
    with pytest.raises(ExportError, match=r"2026年10月接待記錄.xlsx: looks like receptions; "):
        find_files(folder)


def test_find_files_ignores_hidden_lock_and_unrelated_files(tmp_path):
    folder = _month(
        tmp_path,
        [
            *REQUIRED,
            ".DS_Store",
            ".~lock.receptions.csv#",
            "~$receptions.xlsx",  # Excel's lock file while receptions.xlsx is open
            "notes.txt",
            "README.md",
            "scan.pdf",
        ],
    )
    (folder / "old").mkdir()
    (folder / "old" / "receptions.csv").write_text("x")
    assert sorted(find_files(folder)) == sorted(n.split(".")[0] for n in REQUIRED)


def test_find_files_refuses_a_file_in_another_format_named_like_an_export(tmp_path):
    folder = _month(tmp_path, [*REQUIRED, "receptions.zip", "购车记录.txt"])
    with pytest.raises(ExportError) as err:
        find_files(folder)
    assert (
        "  receptions.zip: looks like receptions but is not a .csv, .xlsx or .xls file; "
        "save it as receptions.csv or move it out of the month folder\n"
        "  购车记录.txt: looks like purchases but is not a .csv, .xlsx or .xls file; "
        "save it as purchases.csv or move it out of the month folder\n"
    ) in str(err.value)


@pytest.mark.parametrize(
    ("name", "export"),
    [
        ("receptions_2.csv", "receptions"),
        ("Receptions (1).xlsx", "receptions"),
        ("agent_list.csv", "agents"),
        ("客服人員名冊.xls", "agents"),
        ("2026年10月投诉记录.csv", "complaints"),
        ("咨詢.csv", "consultations"),
        ("ｓｕｒｖｅｙｓ.csv", "surveys"),  # full-width letters
        ("recepton.csv", "receptions"),  # a typo
        ("complaints_and_receptions.csv", "receptions"),  # the longer name wins
        ("績效反饋面談.xlsx", "interviews"),
        ("data.csv", None),
        ("README.txt", None),
        ("notes.txt", None),
    ],
)
def test_what_a_misnamed_file_resembles(name, export):
    assert resembles(name) == export


# ---------------------------------------------------------------- spreadsheets as clerks keep them

RECEPTION_HEADERS = ["接待单号", "门店编号", "客服工号", "客户编号", "接待时间"]


def xlsx(path, sheets):
    """A workbook: ``sheets`` is [(name, rows, hidden)]; rows are lists of cell texts."""
    book = xlsxwriter.Workbook(str(path))
    made = []
    for name, rows, hidden in sheets:
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
        made.append((sheet, hidden))
    next(s for s, hidden in made if not hidden).activate()  # Excel hides no active sheet
    for sheet, hidden in made:
        if hidden:
            sheet.hide()
    book.close()
    return path


def test_the_first_visible_sheet_is_read_and_hidden_ones_are_skipped(tmp_path):
    lists = [["渠道"], ["电话"], ["微信"]]  # the drop-down lists of a template
    september = [RECEPTION_HEADERS, ["R0", "S01", "0101", "C0", "2026-09-30 10:00"]]
    october = [RECEPTION_HEADERS, *[r.split(",") for r in ROWS]]
    path = xlsx(
        tmp_path / "receptions.xlsx",
        [("下拉", lists, True), ("9月", september, True), ("10月", october, False)],
    )
    file = read_export(path, RECEPTIONS)
    assert file.sheet == "10月"
    assert_frame_equal(file.frame, expected_receptions())


def test_a_legacy_xls_with_a_hidden_first_sheet(tmp_path):
    path = tmp_path / "receptions.xls"
    book = xlwt.Workbook()
    hidden = book.add_sheet("9月")
    hidden.write(0, 0, "reception_id")
    hidden.visibility = 1
    sheet = book.add_sheet("10月")
    for r, row in enumerate([RECEPTION_HEADERS, *[r.split(",") for r in ROWS]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.active_sheet = 1
    book.save(str(path))
    file = read_export(path, RECEPTIONS)
    assert file.sheet == "10月"
    assert_frame_equal(file.frame, expected_receptions())


def test_a_workbook_whose_sheets_are_all_hidden_is_refused(tmp_path):
    path = tmp_path / "receptions.xls"
    book = xlwt.Workbook()
    for name in ("a", "b"):
        book.add_sheet(name).visibility = 1
    book.save(str(path))
    with pytest.raises(ExportError, match=r"receptions.xls: every sheet is hidden \(a, b\)"):
        read_export(path, RECEPTIONS)


def test_spreadsheet_messages_name_the_sheet_and_row(tmp_path):
    title = ["2026年10月接待记录"]
    path = xlsx(tmp_path / "receptions.xlsx", [("数据", [title, RECEPTION_HEADERS[:3]], False)])
    with pytest.raises(ExportError) as err:
        read_export(path, RECEPTIONS)
    assert str(err.value).startswith(
        f"{path}, sheet '数据': missing required column(s) customer_id/客户编号/客戶編號, "
        "received_at/接待时间/接待時間; headers found (row 2): '接待单号', '门店编号', '客服工号'."
    )
    twice = [title, [*RECEPTION_HEADERS, "接待時間"]]
    path = xlsx(tmp_path / "receptions.xlsx", [("数据", twice, False)])
    with pytest.raises(
        ExportError, match=r"sheet '数据', row 2: headers '接待时间' and '接待時間'"
    ):
        read_export(path, RECEPTIONS)
    path = xlsx(tmp_path / "receptions.xlsx", [("空", [], False)])
    with pytest.raises(ExportError, match=r"receptions.xlsx, sheet '空': the sheet is empty"):
        read_export(path, RECEPTIONS)


def test_source_line_is_the_spreadsheet_row_below_empty_top_rows(tmp_path):
    path = tmp_path / "receptions.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("数据")
    sheet.write_string(2, 1, "2026年10月接待记录")  # the export starts at B3
    sheet.write_row(3, 1, RECEPTION_HEADERS)
    sheet.write_row(4, 1, ROWS[0].split(","))
    sheet.write_row(6, 1, ROWS[1].split(","))  # below an empty row
    book.close()
    file = read_export(path, RECEPTIONS)
    assert file.header_row == 4
    assert_frame_equal(file.frame, expected_receptions(lines=(5, 7)))


def test_merged_cells_in_the_data_give_their_value_to_every_cell_they_cover(tmp_path):
    path = tmp_path / "receptions.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("数据")
    sheet.merge_range(0, 0, 0, 5, "2026年10月接待记录")  # a title across the top stays one cell
    sheet.write_row(1, 0, [*RECEPTION_HEADERS, "备注"])
    sheet.write_column(2, 0, ["R1", "R2", "R3"])
    sheet.merge_range(2, 1, 4, 1, "S01")  # one store for three rows
    sheet.merge_range(2, 2, 3, 2, "0101")  # one agent for two
    sheet.write_string(4, 2, "0102")
    sheet.merge_range(2, 3, 2, 5, "C1")  # across the customer and two more columns
    sheet.write_column(2, 4, ["2026-10-01 09:00", "2026-10-01 10:00", "2026-10-01 11:00"])
    sheet.write_column(3, 3, ["C2", "C3"])
    book.close()
    file = read_export(path, RECEPTIONS)
    assert file.frame.drop("row_number", "source_line").rows() == [
        ("R1", "S01", "0101", "C1", "C1"),  # the merge covers received_at too
        ("R2", "S01", "0101", "C2", "2026-10-01 10:00"),
        ("R3", "S01", "0102", "C3", "2026-10-01 11:00"),
    ]


def test_merged_cells_of_a_legacy_xls(tmp_path):
    path = tmp_path / "receptions.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("数据")
    sheet.write_merge(0, 0, 0, 4, "2026年10月接待记录")
    for c, value in enumerate(RECEPTION_HEADERS):
        sheet.write(1, c, value)
    for r in (2, 3, 4):
        sheet.write(r, 0, f"R{r - 1}")
        sheet.write(r, 4, f"2026-10-0{r} 09:00")
    sheet.write_merge(2, 4, 1, 1, "S01")
    sheet.write_merge(2, 4, 2, 2, "0101")
    sheet.write_merge(2, 3, 3, 3, "C1")
    book.save(str(path))
    file = read_export(path, RECEPTIONS)
    assert file.frame.drop("row_number").rows() == [
        (3, "R1", "S01", "0101", "C1", "2026-10-02 09:00"),
        (4, "R2", "S01", "0101", "C1", "2026-10-03 09:00"),
        (5, "R3", "S01", "0101", None, "2026-10-04 09:00"),
    ]


def test_footer_rows_of_a_spreadsheet_are_skipped_and_counted(tmp_path):
    rows = [
        RECEPTION_HEADERS,
        *[r.split(",") for r in ROWS],
        ["合计", "", "", "", "2"],
        ["", "", "制表人：张三", "", ""],  # the first non-empty cell is the third
    ]
    file = read_export(xlsx(tmp_path / "receptions.xlsx", [("数据", rows, False)]), RECEPTIONS)
    assert file.skipped_rows == 2
    assert_frame_equal(file.frame, expected_receptions())


# ---------------------------------------------------------------- CSV as clerks see it


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_source_line_counts_title_lines_quoted_line_breaks_and_blank_lines(tmp_path, encoding):
    text = (
        "2026年10月接待记录\r\n"  # 1
        '"导出说明:\r\n两行"\r\n'  # 2-3: a title cell over two lines
        "接待单号,门店编号,客服工号,客户编号,接待时间,备注\r\n"  # 4
        'R1,S01,0101,C1,2026-10-01 09:00,"第一行\r\n第二行\r\n第三行"\r\n'  # 5-7
        "\r\n"  # 8
        ",,,,,\r\n"  # 9
        'R2,S01,0101,"C\r\n2",2026-10-01 10:00,\r\n'  # 10-11
        "R3,S01,0101,C3,2026-10-01 11:00,\r\n"  # 12
    )
    file = read_export(write(tmp_path / "receptions.csv", text, encoding), RECEPTIONS)
    assert (file.header_row, file.sheet, file.skipped_rows) == (4, None, 0)
    assert file.frame.select("row_number", "source_line", "reception_id").rows() == [
        (1, 5, "R1"),
        (2, 10, "R2"),
        (3, 12, "R3"),
    ]
    assert file.frame["customer_id"][1] == "C\r\n2"


def test_csv_footer_rows_are_skipped_and_counted(tmp_path):
    text = (
        HEADER_EN
        + "\n"
        + ROWS[0]
        + "\n合计：2 条,,,,\n"  # a subtotal between the rows
        + ROWS[1]
        + "\n,,總計,,\n ,,,,制表：王伟 2026-11-01\n"
    )
    file = read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)
    assert file.skipped_rows == 3
    assert_frame_equal(file.frame, expected_receptions(lines=(2, 4)))


def test_a_row_with_a_footer_word_inside_a_value_is_data(tmp_path):
    text = HEADER_EN + "\nR1,S01,0101,客户合计,2026-10-01 09:00\n"
    file = read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)
    assert (file.frame.height, file.skipped_rows) == (1, 0)


def test_an_unclosed_quote_is_told_by_its_line(tmp_path):
    rows = [f"R{i},S01,0101,C{i},2026-10-01 09:00" for i in range(200)]
    rows[50] = 'R50,S01,0101,12" wheel,2026-10-01 09:00'
    path = write(tmp_path / "receptions.csv", HEADER_EN + "\n" + "\n".join(rows) + "\n")
    with pytest.raises(ExportError, match=rf"^{path}, line 52: a quoted cell opens there"):
        read_export(path, RECEPTIONS)


def test_two_headers_naming_one_column_name_the_csv_line(tmp_path):
    text = "2026年10月接待记录\n" + HEADER_EN + ",接待时间\n" + ROWS[0] + ",x\n"
    with pytest.raises(ExportError, match=rf"^{tmp_path / 'receptions.csv'}, line 2: headers"):
        read_export(write(tmp_path / "receptions.csv", text), RECEPTIONS)


def test_values_excel_mangled_are_read_as_meant(tmp_path):
    text = (
        "complaint_id,store_id,agent_id,customer_id,complained_at,category,is_valid\n"
        '\'00123,="S01",０１０１,ＣＵＳ００１,２０２６－１０－０１　０９：０５,（服务）态度,Ｙ\n'
        'K2,S01,0101,1.87E+10,2026年10月2日 9:05,,"=""N"""\n'
    )
    file = read_export(write(tmp_path / "complaints.csv", text), COMPLAINTS)
    assert file.frame.drop("row_number", "source_line").rows() == [
        ("00123", "S01", "0101", "CUS001", "2026-10-01 09:05", "（服务）态度", "Y"),
        ("K2", "S01", "0101", "1.87E+10", "2026年10月2日 9:05", None, "N"),
    ]


@pytest.mark.parametrize("merged", [False, True])
def test_the_xls_search_for_merged_ranges_finds_them_and_only_them(tmp_path, merged):
    """Row 229 (0x00E5) and a cell of 229 put the record's id among the cell records."""
    path = tmp_path / "receptions.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("数据")
    for r in range(300):
        sheet.write(r, 0, f"R{r}")
        sheet.write(r, 1, 229)
    if merged:
        sheet.write_merge(300, 301, 0, 1, "x")
    book.save(str(path))
    assert _xls_may_merge(path) is merged


def test_blocks_are_whole_lines_each_with_the_lines_before_it(tmp_path, monkeypatch):
    from flows.inputs import extract

    monkeypatch.setattr(extract, "_BLOCK_BYTES", 4)
    path = tmp_path / "f.csv"
    path.write_bytes(b"h\na\nbb\nccc\n")
    assert list(extract._blocks(path, 2)) == [(b"a\n", 0), (b"bb\n", 1), (b"ccc\n", 2)]
    path.write_bytes(b"abcdefgh\nx")  # a line longer than a block; no line end at the end
    assert list(extract._blocks(path, 0)) == [(b"abcdefgh\n", 0), (b"x", 1)]
    assert list(extract._blocks(path, path.stat().st_size)) == []
    assert (extract._after_line(b"t\nh\nx", 2), extract._after_line(b"t\nh", 2)) == (4, 3)


def test_a_large_csv_with_nothing_below_its_header_has_no_rows(tmp_path, monkeypatch):
    from flows.inputs import extract

    monkeypatch.setattr(extract, "_BLOCK_BYTES", 16)
    path = write(tmp_path / "receptions.csv", "2026年10月接待记录" * 3 + "\n" + HEADER_EN)
    file = read_export(path, RECEPTIONS)
    assert (file.frame.height, file.header_row) == (0, 2)


def _messy_receptions(rows: int) -> str:
    """A CSV with what real exports have, for reading in blocks: a byte-order mark, a
    title line, Windows line ends, blank lines and blank rows, a ragged row, long and
    Chinese values, and a footer."""
    lines = ["\ufeff2026年10月接待记录,,", "备注," + HEADER_EN]
    for i in range(rows):
        lines.append(f"n{i},R{i}, S0{i % 3} ,0101,客户{'甲' * (i % 40)},2026-10-0{1 + i % 9} 9:05")
        if i % 7 == 0:
            lines.append("" if i % 2 else ",,,,,")
        if i % 11 == 0:
            lines.append(f"r,R{i}x,S01")  # ragged: fewer cells
    lines.append("合计,,,,,")
    return "\r\n".join(lines) + "\r\n"


def test_a_large_csv_is_read_in_blocks_as_it_is_read_whole(tmp_path, monkeypatch):
    from flows.inputs import extract

    path = write(tmp_path / "receptions.csv", _messy_receptions(300))
    whole = read_export(path, RECEPTIONS)
    monkeypatch.setattr(extract, "_BLOCK_BYTES", 100)
    assert len(list(extract._blocks(path, 0))) > 100
    blocks = read_export(path, RECEPTIONS)
    assert (
        (blocks.header_row, blocks.skipped_rows)
        == (whole.header_row, whole.skipped_rows)
        == (
            2,
            1,
        )
    )
    assert_frame_equal(blocks.frame, whole.frame)
    assert blocks.frame.height == 300 + 28  # every row, the ragged ones too
    # A stray byte deep in the file: told where it is, as when it is read whole.
    data = path.read_bytes()
    at = data.index(b"R250,")
    path.write_bytes(data[:at] + b"\x80" + data[at:])
    with pytest.raises(
        ExportError, match=rf"is UTF-8 but a byte is not \(the first, 0x80, at offset {at}, line"
    ):
        read_export(path, RECEPTIONS)
