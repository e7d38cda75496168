"""Plain-text reports for operators (what `kpi validate` prints)."""

from __future__ import annotations

import polars as pl

from flows.validate import ValidatedMonth

_COLUMNS = (
    ("file_name", "file", "<"), ("encoding", "encoding", "<"), ("rows_read", "read", ">"),
    ("rows_accepted", "accepted", ">"), ("rows_rejected", "rejected", ">"),
    ("rows_duplicate", "duplicates", ">"), ("rows_out_of_period", "out of period", ">"),
)
_EXAMPLE_WIDTH = 160


def table(rows: list[dict], columns=_COLUMNS) -> str:
    """A fixed-width text table of ``rows`` under ``columns`` (key, title, alignment)."""
    cells = [[title for _, title, _ in columns]] + [
        [f"{r[key]:,}" if isinstance(r[key], int) else str(r[key]) for key, _, _ in columns]
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    return "\n".join(
        "  ".join(f"{cell:{align}{width}}" for cell, (_, _, align), width
                  in zip(row, columns, widths, strict=True)).rstrip()
        for row in cells
    )


def validation_report(validated: ValidatedMonth, *, top: int = 3) -> str:
    month = f"{validated.month_start:%Y-%m}"
    active = int(validated.roster["is_active"].sum())
    verdict = (
        f"NOT usable: {len(validated.breaches)} file(s) over the reject threshold"
        if validated.breaches else "usable"
    )
    lines = [
        f"Month {month}: {validated.inputs.height} files, {active} active agents; {verdict}",
        "",
        table(validated.inputs.to_dicts()),
    ]
    reasons = validated.reasons(top=top)
    if not reasons.is_empty():
        lines += ["", f"Most frequent reasons (top {top} per file), each with its first row:"]
        for file_name in validated.inputs["file_name"]:
            group = reasons.filter(pl.col("file_name") == file_name)
            if group.is_empty():
                continue
            lines.append(f"  {file_name}")
            for r in group.iter_rows(named=True):
                example = r["example_raw"]
                if len(example) > _EXAMPLE_WIDTH:
                    example = example[: _EXAMPLE_WIDTH - 1] + "…"
                lines.append(
                    f"    {r['reason']}: {r['row_count']:,} row(s), e.g. row "
                    f"{r['example_row_number']}: {example}"
                )
    return "\n".join(lines)


