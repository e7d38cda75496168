"""The mistakes real exports carry (`flows.generator.mistakes` names them), written into the
last month of a generation.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from flows.generator.files import _event_day, _SplitWriter, _Writer
from flows.generator.mistakes import MISTAKES
from flows.generator.options import FileStyle, GeneratorOptions
from schemas.contracts import Export
from transforms.periods import Period

# The mistakes that take the month before's data, so need it in the range.
_NEED_THE_MONTH_BEFORE = ("wrong-month", "hidden-sheet")
TRUNCATED_AFTER_DAYS = 10  # truncated-store keeps the period's first ten days
MISSING_HIRE_MIN_ROWS = 21  # more than the pipeline's default unknown_agent_min_rows (20)


@dataclass(frozen=True)
class WrittenMistake:
    """One mistake as `generate` wrote it into a month: what `kpi generate` prints."""

    month: date
    kind: str  # one of MISTAKES
    files: tuple[str, ...]  # the month folder's files that carry it
    details: dict[str, str] = field(default_factory=dict)  # the printed message's fields


class Generation(Iterator[tuple[date, dict[str, int]]]):
    """The months as they land, each with its rows per export; ``mistakes`` holds the
    mistakes written so far (a month's are there when the month is yielded)."""

    def __init__(
        self, months: Iterator[tuple[date, dict[str, int]]], mistakes: list[WrittenMistake]
    ):
        self._months, self.mistakes = months, mistakes

    def __next__(self) -> tuple[date, dict[str, int]]:
        return next(self._months)


@dataclass
class _MonthBefore:
    """What the last month's mistakes take from the month before it."""

    month_start: date
    folder: Path  # in place by the time the last month is written
    counts: dict[str, int]
    writers: dict[str, _Writer]  # the exports whose frames were kept


class _Mistakes:
    """The mistakes written into the range's last month, applied as its files are
    written, each as dealership staff and their systems make it (module docstring).

    Its one choice (the truncated store) comes from a random stream of its own, so every
    draw of the month, and so every file that no mistake touches, stays what the seed
    writes without mistakes.
    """

    def __init__(
        self,
        options: GeneratorOptions,
        month_index: int,
        month_start: date,
        period: Period,
        stores: list[str],
        before: _MonthBefore | None,
    ):
        self.kinds = set(options.mistakes)
        self.month_start, self.period, self.before = month_start, period, before
        rng = np.random.default_rng([options.seed, 4, month_index])
        self.store = stores[int(rng.integers(len(stores)))] if stores else ""
        self.last_kept_day = period.start_on + timedelta(days=TRUNCATED_AFTER_DAYS - 1)
        self.rows_by_agent: dict[str, int] = {}
        self.example = ""  # a customer ID as Excel wrote it
        self.missing_hire: dict | None = None  # the roster row left out
        self.footed: list[Path] = []
        self.written: list[WrittenMistake] = []

    def _note(self, kind: str, paths: list[Path], **details: str) -> None:
        files = tuple(p.name for p in paths)
        self.written.append(WrittenMistake(self.month_start, kind, files, details))
        self.written.sort(key=lambda w: MISTAKES.index(w.kind))

    def style(self, name: str, style: FileStyle) -> FileStyle:
        """The file's style in the format its mistakes need: a spreadsheet for a hidden
        sheet, merged cells or a 制表 line; a CSV that Excel saved (on Chinese Windows,
        in GB18030) for mangled IDs."""
        spreadsheet = {"agents": {"merged-cells"}, "purchases": {"hidden-sheet", "footer-rows"}}
        if self.kinds & spreadsheet.get(name, set()):
            return replace(style, suffix=".xlsx", encoding="utf-8")
        if name == "complaints" and "mangled-ids" in self.kinds and style.suffix == ".xlsx":
            return replace(style, suffix=".csv", encoding="gb18030")
        return style

    def writer(self, folder: Path, export: Export, style: FileStyle) -> _Writer | _SplitWriter:
        writer = _Writer(folder / f"{export.name}{style.suffix}", export, style, self.month_start)
        if export.name == "receptions" and "split-export" in self.kinds:
            second = _Writer(
                folder / f"{export.name}_2{style.suffix}", export, style, self.month_start
            )
            middle = self.period.start_on + (self.period.end_on - self.period.start_on) // 2
            return _SplitWriter(writer, second, middle)
        if export.name == "purchases" and "hidden-sheet" in self.kinds:
            # The clerk's workbook of last month, its sheet hidden, this month's added.
            old = self.before.writers[export.name]
            name = _sheet_name(self.before.month_start)
            writer.hidden = replace(old.sheet(), name=name, hidden=True, footer=[])
            writer.sheet_name = _sheet_name(self.month_start)
        if export.name == "agents" and "merged-cells" in self.kinds:
            writer.merged = (("store_id", ()), ("team_id", ("store_id",)))
        return writer

    def rows(self, export: Export, text: pl.DataFrame) -> pl.DataFrame:
        """A chunk of a record file's rows as the mistakes leave them."""
        if export.name == "receptions" and "truncated-store" in self.kinds:
            day = _event_day(pl.col(export.event_column))
            text = text.filter(
                pl.col("store_id").ne_missing(self.store)
                | day.is_null()
                | (day <= self.last_kept_day)
            )
        if export.name == "complaints" and "mangled-ids" in self.kinds:
            text = text.with_columns(_excel_number(pl.col("customer_id")))
            mangled = text.filter(pl.col("customer_id").str.contains("E+", literal=True))
            self.example = self.example or (mangled["customer_id"][0] if mangled.height else "")
        if not (export.name == "surveys" and "wrong-month" in self.kinds):  # not in the folder
            self._count(text)
        return text

    def _count(self, text: pl.DataFrame) -> None:
        """Counts the rows of each agent in the month's record files, for missing-hire."""
        if "missing-hire" in self.kinds:
            for agent, n in text.group_by("agent_id").len().rows():
                self.rows_by_agent[agent] = self.rows_by_agent.get(agent, 0) + n

    def close(self, folder: Path, writer: _Writer | _SplitWriter) -> int:
        """Closes a record file, with the footer lines its mistakes add; its rows."""
        name = writer.export.name
        if "footer-rows" in self.kinds and name in ("consultations", "purchases"):
            total = "合計" if writer.style.headers == "hant" else "合计"
            writer.footer = [[total, writer.rows]]
            if name == "purchases":  # the spreadsheet also says who made it, and when
                made = self.period.end_on + timedelta(days=1)
                writer.footer.append([f"制表：客服部 {made:%Y-%m-%d}"])
            self.footed += writer.paths
        writer.close()
        if name == "receptions" and "split-export" in self.kinds:
            self._note("split-export", writer.paths, day=f"{writer.last_day:%Y-%m-%d}")
        if name == "receptions" and "truncated-store" in self.kinds:
            last = f"{self.last_kept_day:%Y-%m-%d}"
            self._note("truncated-store", writer.paths, store=self.store, day=last)
        if name == "purchases" and "hidden-sheet" in self.kinds:
            self._note("hidden-sheet", writer.paths, other=f"{self.before.month_start:%Y-%m}")
        if name == "complaints" and "mangled-ids" in self.kinds:
            self._note("mangled-ids", writer.paths, example=self.example)
        if name == "surveys" and "wrong-month" in self.kinds:
            # The clerk copied last month's file over: written all the same, so that the
            # month's draws and files after it stay the seed's.
            for path in writer.paths:
                path.unlink()
            old = next(p for p in sorted(self.before.folder.iterdir()) if p.stem == name)
            shutil.copyfile(old, folder / old.name)
            for part in self.before.writers[name].parts:
                self._count(part)
            self._note("wrong-month", [old], other=f"{self.before.month_start:%Y-%m}")
            return self.before.counts[name]
        return writer.rows

    def roster(self, text: pl.DataFrame, roster: pl.DataFrame) -> pl.DataFrame:
        """The roster's rows as HR's export carries them: without the newest hire who
        has more than MISSING_HIRE_MIN_ROWS rows in the record files (HR has not added
        them yet); sorted by store and team where a clerk merges their cells."""
        if "missing-hire" in self.kinds:
            rows = pl.DataFrame(
                list(self.rows_by_agent.items()),
                schema={"agent_id": pl.String, "rows": pl.Int64},
                orient="row",
            )
            candidates = (
                roster.join(rows, on="agent_id")
                .filter(pl.col("agent_id").is_in(text["agent_id"].implode()))
                .sort("hired_on", "agent_id", nulls_last=False)
            )
            enough = candidates.filter(pl.col("rows") >= MISSING_HIRE_MIN_ROWS)
            most = candidates.sort("rows", maintain_order=True)
            hire = (enough if enough.height else most).row(-1, named=True)
            text = text.filter(pl.col("agent_id") != hire["agent_id"])
            self.missing_hire = hire
        if "merged-cells" in self.kinds:
            text = text.sort("store_id", "team_id", nulls_last=True, maintain_order=True)
        return text

    def close_roster(self, writer: _Writer) -> None:
        writer.close()
        if "missing-hire" in self.kinds:
            hire = self.missing_hire
            hired = f"{hire['hired_on']:%Y-%m-%d}" if hire["hired_on"] else "-"
            details = {"agent": hire["agent_id"], "rows": f"{hire['rows']:,}", "hired": hired}
            self._note("missing-hire", writer.paths, **details)
        if "merged-cells" in self.kinds:
            self._note("merged-cells", writer.paths)
        if self.footed:
            self._note("footer-rows", self.footed)


def _sheet_name(month_start: date) -> str:
    return f"{month_start.year}年{month_start.month}月"


def _excel_number(customer: pl.Expr) -> pl.Expr:
    """Customer IDs as a CRM that numbers its customers writes them (eleven digits, a
    mobile number's length), as Excel shows such a number in a column too narrow for it
    and saves it to CSV: ``18712345678`` as ``1.87E+10``. Spoiled (empty) values stay."""
    parts = customer.str.extract_groups(r"^CUS(\d+)-(\d+)$")
    key = parts.struct.field("1").cast(pl.Int64, strict=False) * 1_000_003 + parts.struct.field(
        "2"
    ).cast(pl.Int64, strict=False)
    # A fixed scramble of (store, customer): 1, then 3..9, then nine digits.
    digits = 10**10 + (3 + key % 7) * 10**9 + (key % 10**9) * 2_654_435_761 % 10**9
    hundredths = (digits + 50_000_000) // 100_000_000  # three significant digits, rounded
    shown = pl.concat_str(
        (hundredths // 100).cast(pl.String),
        pl.lit("."),
        (hundredths % 100).cast(pl.String).str.zfill(2),
        pl.lit("E+10"),
    )
    return pl.when(key.is_not_null()).then(shown).otherwise(customer).alias("customer_id")
