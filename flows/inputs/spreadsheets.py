"""The structure of workbooks that fastexcel does not give: the merged cells of .xlsx (read
from the sheet's XML) and .xls (from its MERGEDCELLS records), filled as a clerk sees
them, and the first visible sheet.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import fastexcel
import polars as pl
import xlrd
from xlrd import compdoc

from flows.common.errors import ExportError

_CELL = re.compile(r"([A-Z]+)([0-9]+)")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+[0-9]+):([A-Z]+[0-9]+)\"")
_CHUNK = 1 << 20

Merge = tuple[int, int, int, int]  # first row, last row, first column, last column: 0-based


def _cell(ref: bytes) -> tuple[int, int]:
    """(row, column), 0-based, of an A1 reference."""
    letters, digits = _CELL.fullmatch(ref.decode()).groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits) - 1, column - 1


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(book: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """{relationship id: (type's last word, zip member)} of a package part (``""``: the
    package itself)."""
    folder, name = posixpath.split(part)
    rels = ElementTree.fromstring(book.read(posixpath.join(folder, "_rels", f"{name}.rels")))
    found = {}
    for node in rels.iter():
        target = node.get("Target")
        if target is None or node.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        kind = node.get("Type", "").rsplit("/", 1)[-1]
        found[node.get("Id")] = (kind, posixpath.normpath(path))
    return found


def _xlsx_sheet_part(book: zipfile.ZipFile, sheet: str) -> str:
    """The zip member holding the worksheet named ``sheet``: the package names the
    workbook, the workbook names its sheets by relationship id (mostly
    ``xl/workbook.xml`` and ``xl/worksheets/sheetN.xml``, but not always)."""
    workbook = next(p for kind, p in _relationships(book, "").values() if kind == "officeDocument")
    rid = next(
        value
        for node in ElementTree.fromstring(book.read(workbook)).iter()
        if _local(node.tag) == "sheet" and node.get("name") == sheet
        for key, value in node.attrib.items()
        if _local(key) == "id"
    )
    return _relationships(book, workbook)[rid][1]


def _sheet_data_end(xml: bytes) -> int | None:
    """Where the ``sheetData`` element (the cells) ends in ``xml``, or None. A plain
    search: the name occurs only in its own tags, and a regex tried at every ``<`` of
    the cells would cost more than the decompression."""
    at = xml.find(b"sheetData")
    while at != -1:
        close = xml.find(b">", at)
        if close == -1:
            return None
        opening = xml.rfind(b"<", 0, at)
        if xml[opening + 1 : opening + 2] == b"/" or xml[close - 1 : close] == b"/":
            return close + 1
        at = xml.find(b"sheetData", close)
    return None


def _xlsx_merges(path: Path, sheet: str) -> list[Merge]:
    """The sheet's merged ranges. They follow the cell data in the sheet's XML, so the
    XML is streamed (never held whole) and only what follows the data is searched."""
    with zipfile.ZipFile(path) as book, book.open(_xlsx_sheet_part(book, sheet)) as xml:
        tail = b""
        while chunk := xml.read(_CHUNK):
            tail += chunk
            end = _sheet_data_end(tail)
            if end is not None:
                tail = tail[end:] + xml.read()
                break
            tail = tail[-64:]  # a tag cut between two chunks
        else:
            return []
    merges = []
    for first, last in _MERGE.findall(tail):
        (r1, c1), (r2, c2) = _cell(first), _cell(last)
        merges.append((r1, r2, c1, c2))
    return merges


# A BIFF8 MERGEDCELLS record: id 0x00E5, then its length, 2 + 8 × its count of ranges.
_MERGED_CELLS = re.compile(rb"\xe5\x00(?=(..)(..))", re.S)


def _xls_may_merge(path: Path) -> bool:
    """Whether the workbook may hold merged ranges, told by a search of its records'
    bytes for a MERGEDCELLS record. xlrd reads merged ranges only with the formatting of
    every cell, which costs it 0.5 s for a full .xls: a file without one (most) is
    spared that. A false hit only costs xlrd's read. The compound file's streams are
    put together by xlrd's own reader, so a record cut across its sectors is found."""
    doc = compdoc.CompDoc(path.read_bytes(), logfile=io.StringIO())
    for name in ("Workbook", "Book"):
        stream, start, size = doc.locate_named_stream(name)
        if stream is not None:
            break
    else:
        return True  # not a workbook xlrd knows: let it say so
    for hit in _MERGED_CELLS.finditer(memoryview(stream)[start : start + size]):
        length, count = (int.from_bytes(g, "little") for g in hit.groups())
        if count and length == 2 + 8 * count:
            return True
    return False


def _xls_merges(path: Path, sheet: str) -> list[Merge]:
    if not _xls_may_merge(path):
        return []
    # formatting_info: xlrd reads merged ranges only then.
    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    try:
        merged = book.sheet_by_name(sheet).merged_cells
    finally:
        book.release_resources()
    return [(r1, r2 - 1, c1, c2 - 1) for r1, r2, c1, c2 in merged]


def _fill_merged(cells: pl.DataFrame, merges: list[Merge], first_column: int) -> pl.DataFrame:
    """Every cell a merged range covers gets the value of its top-left cell (the only one
    a spreadsheet stores). ``first_column``: the sheet column of ``cells``' first."""
    height, width = cells.height, cells.width
    spans: dict[int, list[tuple[int, int, str | None]]] = {}
    for r1, r2, c1, c2 in merges:
        left = c1 - first_column
        if r1 >= height or not 0 <= left < width:
            continue
        value = cells[r1, left]
        for column in range(left, min(c2 - first_column, width - 1) + 1):
            spans.setdefault(column, []).append((r1, min(r2, height - 1), value))
    for column, ranges in spans.items():
        name = cells.columns[column]
        at = (
            pl.DataFrame(ranges, schema=["r1", "r2", "v"], orient="row")
            .select(pl.int_ranges("r1", pl.col("r2") + 1).alias("i"), "v")
            .explode("i")
        )
        cells = cells.with_columns(cells[name].scatter(at["i"], at["v"]))
    return cells


def _first_visible_sheet(path: Path, book: fastexcel.ExcelReader) -> fastexcel.ExcelSheet:
    """The first sheet that is not hidden, loaded from the sheet's row 1 (skip_rows=0: so
    row i is the spreadsheet's row i + 1) with every cell as text. A hidden sheet (lists
    for drop-downs, last month's data) is not an export."""
    for index in range(len(book.sheet_names)):
        sheet = book.load_sheet(index, header_row=None, skip_rows=0, dtypes="string")
        if sheet.visible == "visible":
            return sheet
    raise ExportError(
        f"{path}: every sheet is hidden ({', '.join(book.sheet_names)}); show the sheet "
        "that holds the export (or export again) and retry"
    )
