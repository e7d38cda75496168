"""The `kpi` command line's arguments (`docs/commands.md`): the parser and the types
that check each argument as it is parsed."""

from __future__ import annotations

import argparse
from datetime import date
from importlib import metadata

from flows.outputs.messages import DEFAULT_LANGUAGE, LANGUAGES

DOCS = "docs/commands.md"


def month_argument(text: str) -> date:
    from transforms.months import parse_month

    try:
        return parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _name(text: str) -> str:
    """An argparse type: a name that is not blank (a sign-off is kept for ever)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a name is required: who signs the month off")
    return text.strip()


def _whole_number(low: int, high: int | None = None):
    """An argparse type: a whole number in low..high, else a usage error (exit 2) that
    names the option, before the command does anything."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            bounds = f"of at least {low}" if high is None else f"from {low} to {high}"
            raise argparse.ArgumentTypeError(f"must be a whole number {bounds}, got {text!r}")
        return value

    return parse


def _version() -> str:
    try:
        return metadata.version("dealer-cs-kpi")
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare source tree
        return "unknown"


# ---------------------------------------------------------------- the parser


def _exports(p):
    p.add_argument(
        "--exports",
        metavar="DIR",
        help="root of the month folders (env KPI_EXPORTS_DIR; default ./exports)",
    )


def _schemes(p):
    p.add_argument(
        "--schemes",
        metavar="DIR",
        help="folder of scheme files (env KPI_SCHEMES_DIR; default the bundled config/schemes)",
    )


def _warehouse(p):
    p.add_argument(
        "--warehouse",
        metavar="URL",
        help="warehouse URL (env KPI_WAREHOUSE_URL; default sqlite:///warehouse.db)",
    )


def _data_docs(p):
    p.add_argument(
        "--data-docs",
        metavar="DIR",
        help="where the quality gate's reports go (env KPI_DATA_DOCS_DIR; default ./data_docs)",
    )


def _archive(p):
    p.add_argument(
        "--archive",
        metavar="DIR",
        help="where each published version keeps the rows it read (env KPI_ARCHIVE_DIR; "
        "default ./archive)",
    )


def _reports(p):
    p.add_argument(
        "--reports",
        metavar="DIR",
        help="where each published month's report goes, as DIR/YYYY-MM (env KPI_REPORTS_DIR; "
        "default ./reports)",
    )
    p.add_argument(
        "--no-report",
        action="store_true",
        help="publish without writing the report (default: the report is written)",
    )


def _lang(p, what: str = "what it prints"):
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=f"language of {what} (env KPI_LANG; default {DEFAULT_LANGUAGE}); "
        "error messages stay English",
    )


def _publishing(p):
    _exports(p)
    _warehouse(p)
    _schemes(p)
    _data_docs(p)
    _archive(p)
    _reports(p)
    p.add_argument(
        "--force",
        action="store_true",
        help="publish a new version even when nothing changed (default: off)",
    )
    p.add_argument(
        "--allow-rejects",
        action="store_true",
        help="publish although a file is over the reject threshold; recorded in "
        "the run log (default: off)",
    )
    p.add_argument(
        "--allow-gap",
        action="store_true",
        help="publish although the previous month is unpublished while an earlier "
        "one is; recorded in the run's warnings (default: off)",
    )
    p.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="publish although a store's export is incomplete against its own history; "
        "recorded in the run log (default: off)",
    )
    p.add_argument(
        "--partitions",
        type=_whole_number(1),
        default=1,
        metavar="N",
        help="compute the scorecards in N tasks of whole stores each (default 1)",
    )
    _lang(p, "what it prints and the report it writes")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kpi",
        description="Month-end KPI scorecards of the customer-service department: "
        "extract, validate, score, publish.",
        epilog=f"Reference: {DOCS} in the project.",
    )
    parser.add_argument("--version", action="version", version=f"kpi {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run(sub)
    _add_backfill(sub)
    _add_validate(sub)
    _add_generate(sub)
    _add_export(sub)
    _add_approve(sub)
    _add_status(sub)
    _add_report(sub)
    _add_explain(sub)
    _add_db(sub)
    _add_demo(sub)
    return parser


def _add_run(sub) -> None:
    run = sub.add_parser(
        "run", epilog=f"Reference: {DOCS}, kpi run.", help="score and publish one month"
    )
    run.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    _publishing(run)


def _add_backfill(sub) -> None:
    backfill = sub.add_parser(
        "backfill",
        epilog=f"Reference: {DOCS}, kpi backfill.",
        help="run a range of months, oldest first",
    )
    backfill.add_argument(
        "--from", dest="first", required=True, type=month_argument, metavar="YYYY-MM"
    )
    backfill.add_argument(
        "--to", dest="last", required=True, type=month_argument, metavar="YYYY-MM"
    )
    _publishing(backfill)


def _add_validate(sub) -> None:
    validate = sub.add_parser(
        "validate",
        epilog=f"Reference: {DOCS}, kpi validate.",
        help="extract and validate one month; writes nothing",
    )
    validate.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    validate.add_argument(
        "--top",
        type=_whole_number(1),
        default=3,
        metavar="N",
        help="most frequent reasons shown per file (default 3)",
    )
    validate.add_argument(
        "--rejects",
        metavar="FILE",
        help="write every rejected row (file, sheet, line, column, value, reason in words) "
        "into FILE, .xlsx or .csv, for the clerk who fixes the exports (default: none)",
    )
    _exports(validate)
    _schemes(validate)
    _warehouse(validate)
    _lang(validate)


def _add_generate(sub) -> None:
    from flows.generator.mistakes import MISTAKES  # names only: no numpy or polars yet

    generate = sub.add_parser(
        "generate",
        epilog=f"Reference: {DOCS}, kpi generate.",
        help="write realistic synthetic exports",
    )
    generate.add_argument(
        "--out", required=True, metavar="DIR", help="exports root to write the month folders into"
    )
    generate.add_argument(
        "--from", dest="first", required=True, type=month_argument, metavar="YYYY-MM"
    )
    generate.add_argument(
        "--to", dest="last", required=True, type=month_argument, metavar="YYYY-MM"
    )
    generate.add_argument(
        "--stores",
        type=_whole_number(1),
        default=1,
        metavar="N",
        help="stores, at least 1 (default 1)",
    )
    generate.add_argument(
        "--agents-per-store",
        type=_whole_number(1),
        default=10,
        metavar="N",
        help="agent positions per store, at least 1 (default 10)",
    )
    generate.add_argument(
        "--seed",
        type=_whole_number(0),
        default=2026,
        metavar="N",
        help="random seed, 0 or more: the same seed writes the same bytes (default 2026)",
    )
    generate.add_argument(
        "--clean",
        action="store_true",
        help="plain UTF-8 CSV, English headers, no bad rows (default: off)",
    )
    generate.add_argument(
        "--period-end-day",
        type=_whole_number(1, 28),
        metavar="D",
        help="records in periods ending on day D (1..28) of each month, "
        "for a scheme with period.end_day: D (default: calendar months)",
    )
    generate.add_argument(
        "--overwrite",
        action="store_true",
        help="replace month folders that exist already, each one whole (default: refuse, exit 3)",
    )
    generate.add_argument(
        "--mistake",
        dest="mistakes",
        action="append",
        default=[],
        choices=MISTAKES,
        metavar="KIND",
        help="write this mistake of real exports into the last month, repeatable: "
        f"{', '.join(MISTAKES)} (default: none)",
    )
    _lang(generate)


def _add_export(sub) -> None:
    export = sub.add_parser(
        "export",
        epilog=f"Reference: {DOCS}, kpi export.",
        help="write a file for another system (payroll)",
    )
    what = export.add_subparsers(dest="what", required=True)
    payroll = what.add_parser(
        "payroll",
        epilog=f"Reference: {DOCS}, kpi export payroll.",
        help="the payroll file of a month",
    )
    payroll.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    payroll.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="the file to write: .xlsx, or .csv (UTF-8 with BOM)",
    )
    payroll.add_argument(
        "--overwrite",
        action="store_true",
        help="replace FILE even when it is not a payroll file this warehouse exported "
        "(default: refuse, exit 3)",
    )
    _lang(payroll, "the file's headers and what it prints")
    _warehouse(payroll)


def _add_approve(sub) -> None:
    approve = sub.add_parser(
        "approve",
        epilog=f"Reference: {DOCS}, kpi approve.",
        help="sign a month's current version off for payroll",
    )
    approve.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    approve.add_argument(
        "--by", required=True, type=_name, metavar="NAME", help="who signs it off (not blank)"
    )
    approve.add_argument(
        "--version",
        type=_whole_number(1),
        metavar="N",
        help="the version seen (default: the current one); it must be the current one",
    )
    approve.add_argument("--note", metavar="TEXT", help="a note kept with it (default: none)")
    _warehouse(approve)
    _lang(approve)


def _add_status(sub) -> None:
    status = sub.add_parser(
        "status",
        epilog=f"Reference: {DOCS}, kpi status.",
        help="where every month of the warehouse stands",
    )
    _schemes(status)
    status.add_argument(
        "--from",
        dest="first",
        type=month_argument,
        metavar="YYYY-MM",
        help="the first month shown (default: the first month with a run)",
    )
    status.add_argument(
        "--to",
        dest="last",
        type=month_argument,
        metavar="YYYY-MM",
        help="the last month shown (default: the last month with a run)",
    )
    _warehouse(status)
    _lang(status)


def _add_report(sub) -> None:
    report = sub.add_parser(
        "report",
        epilog=f"Reference: {DOCS}, kpi report.",
        help="the month's statements, store pages and department index as a static site",
    )
    report.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    report.add_argument(
        "--version",
        type=_whole_number(1),
        metavar="N",
        help="a published version of the month (default: the current one)",
    )
    report.add_argument(
        "--store", metavar="ID", help="only this store's pages (default: every store)"
    )
    report.add_argument(
        "--out",
        metavar="DIR",
        help="where to write (default <KPI_REPORTS_DIR>/YYYY-MM, "
        "KPI_REPORTS_DIR defaulting to ./reports)",
    )
    _lang(report, "the pages and what it prints")
    report.add_argument(
        "--pdf",
        action="store_true",
        help="also statements/<store>.pdf, one A4 page per agent, printed "
        "with Chromium (default: off)",
    )
    _warehouse(report)


def _add_explain(sub) -> None:
    explain = sub.add_parser(
        "explain",
        epilog=f"Reference: {DOCS}, kpi explain.",
        help="trace an agent's scorecard back to its input rows, from the run's archive",
    )
    explain.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    explain.add_argument("--agent", required=True, metavar="ID", help="the agent's id")
    explain.add_argument(
        "--version",
        type=_whole_number(1),
        metavar="N",
        help="a published version of the month (default: the current one)",
    )
    explain.add_argument(
        "--json", action="store_true", help="one JSON document instead of text (default: off)"
    )
    _warehouse(explain)
    _archive(explain)
    _lang(explain, "the text (--json is not translated)")


def _add_db(sub) -> None:
    db = sub.add_parser(
        "db",
        epilog=f"Reference: {DOCS}, kpi db.",
        help="the warehouse's schema revision",
    )
    db_what = db.add_subparsers(dest="what", required=True)
    for name, text in (
        ("upgrade", "upgrade the warehouse to this release's schema revision (creates a new one)"),
        ("current", "print the warehouse's schema revision and whether it is current"),
    ):
        one = db_what.add_parser(name, epilog=f"Reference: {DOCS}, kpi db {name}.", help=text)
        _warehouse(one)
        _lang(one)


def _add_demo(sub) -> None:
    demo = sub.add_parser(
        "demo",
        epilog=f"Reference: {DOCS}, kpi demo.",
        help="generate sample exports if absent, run them into the "
        "warehouse and print the latest scorecards",
    )
    _exports(demo)
    _warehouse(demo)
    _schemes(demo)
    _data_docs(demo)
    _archive(demo)
    _reports(demo)
    _lang(demo, "what it prints and the report it writes")


# ---------------------------------------------------------------- preconditions
