"""The `kpi` command line (`docs/commands.md`).

Every argument and local precondition (month format and range, counts, the folders a
command reads and writes, the SQLite file's folder) is checked first, before Prefect,
Great Expectations or polars are imported, so a mistake is reported in well under a
second. Only the commands that publish (`run`, `backfill`, `demo`) run as Prefect flows
and start Prefect's temporary server when none is configured; the others are plain
commands.

Exit status: 0 every month asked for was published, unchanged or (validate) usable;
1 a file is over the reject threshold; 2 the command line is wrong; 3 an input, scheme
or local precondition problem; 4 the warehouse is unreachable or unusable, or the month
is locked by another run; 5 the quality gate failed. Expected failures print one message
on stderr (``kpi <command>: <month>: <what and what to do>``), no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from datetime import date
from importlib import metadata
from pathlib import Path

from flows.common.errors import (
    EXIT_OK,
    KpiError,
    PreconditionError,
    UsageError,
    interrupted,
    was_interrupted,
    watch_interrupts,
)
from flows.common.settings import (
    WAREHOUSE_URL_VARIABLE,
    command_environment,
    language,
    sqlite_file,
    time_zone,
)
from flows.outputs.messages import DEFAULT_LANGUAGE, LANGUAGES

DOCS = "docs/commands.md"

# Prefect's console lines would bury the command's own output (its runs still log to the
# Prefect API); the CLI prints what the operator needs.
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


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

    run = sub.add_parser(
        "run", epilog=f"Reference: {DOCS}, kpi run.", help="score and publish one month"
    )
    run.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    _publishing(run)

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
    return parser


# ---------------------------------------------------------------- preconditions


def _folder(path: Path, what: str, hint: str) -> None:
    if path.exists() and not path.is_dir():
        raise PreconditionError(f"{path}: is a file, not a folder; {hint}")
    if not path.is_dir():
        raise PreconditionError(f"{path}: no such {what} folder; {hint}")


def _writable(path: Path, what: str) -> None:
    """``path`` (a folder to create or fill) can be written: its nearest existing folder
    is a writable folder."""
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise PreconditionError(
            f"{path}: {existing} is a file, not a folder; choose another {what}"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PreconditionError(
            f"{path}: {existing} is not writable for this user; choose "
            f"another {what} or fix its permissions"
        )


def _warehouse_file(url: str | None) -> None:
    url = url or os.environ.get(WAREHOUSE_URL_VARIABLE)
    path = sqlite_file(url) if url else None
    if path is None:
        return
    folder = path.resolve().parent
    if folder.exists() and not folder.is_dir():
        raise PreconditionError(
            f"the warehouse file's folder {folder} is a file, not a folder; give another "
            "--warehouse"
        )
    if not folder.is_dir():
        raise PreconditionError(
            f"the warehouse file's folder {folder} does not exist; create it "
            "or give another --warehouse"
        )


def _months(args) -> list[date]:
    from transforms.months import months_between

    if args.command in ("run", "validate"):
        return [args.month]
    if args.command == "status" and not (args.first and args.last):
        return []
    if args.last < args.first:
        raise UsageError(
            f"--to {args.last:%Y-%m} is before --from {args.first:%Y-%m}; give "
            "the earlier month with --from"
        )
    return months_between(args.first, args.last)


def _schemes_of(months: list[date], schemes: str | None) -> None:
    """Every month's scheme file loads (a malformed one is told now, not after Prefect's
    start-up); the flow loads them again, as a deployment run does."""
    from flows.common import settings
    from flows.inputs.schemes import check_months

    check_months(settings.resolve(schemes=schemes).schemes_dir, months)


def check(args) -> None:
    """Every local precondition of the command (see the module doc); resolves
    ``args.lang`` (--lang, KPI_LANG, zh-CN) once; an unknown KPI_TIMEZONE is told before
    anything is written."""
    args.lang = language(getattr(args, "lang", None))
    time_zone()
    exports = Path(getattr(args, "exports", None) or os.environ.get("KPI_EXPORTS_DIR") or "exports")
    if args.command in ("run", "backfill", "validate"):
        months = _months(args)
        _folder(
            exports,
            "exports",
            "point --exports (or KPI_EXPORTS_DIR) at the folder that "
            "holds the month folders (YYYY-MM)",
        )
        missing = [m for m in months if not (exports / f"{m:%Y-%m}").is_dir()]
        if missing:
            names = ", ".join(f"{m:%Y-%m}" for m in missing)
            raise PreconditionError(
                f"{exports}: no month folder {names}; put the month's exports in "
                f"{exports}/YYYY-MM/ or point --exports at the right root",
                month=missing[0] if len(missing) == 1 else None,
            )
    if getattr(args, "schemes", None):
        _folder(Path(args.schemes), "schemes", "point --schemes at the folder of scheme files")
    if args.command == "status":
        _months(args)
    if args.command == "explain":
        _folder(
            Path(args.archive or os.environ.get("KPI_ARCHIVE_DIR") or "archive"),
            "archive",
            "point --archive (or KPI_ARCHIVE_DIR) at the folder the runs archived into",
        )
    if args.command == "generate":
        _months(args)
        _writable(Path(args.out), "--out folder")
    if args.command == "export":
        out = Path(args.out)
        if out.suffix.lower() not in (".xlsx", ".csv"):
            raise UsageError(f"{out}: the payroll file must end in .xlsx or .csv")
        if not out.parent.is_dir():
            raise PreconditionError(
                f"{out}: the folder {out.parent} does not exist; create it or choose another --out"
            )
        _writable(out.parent, "--out folder")
    if args.command in ("run", "backfill", "demo"):
        _writable(
            Path(args.data_docs or os.environ.get("KPI_DATA_DOCS_DIR") or "data_docs"),
            "--data-docs folder",
        )
        _writable(
            Path(args.archive or os.environ.get("KPI_ARCHIVE_DIR") or "archive"),
            "--archive folder",
        )
        reports = args.reports if args.reports is not None else os.environ.get("KPI_REPORTS_DIR")
        if not args.no_report and reports != "":
            _writable(Path(reports or "reports"), "--reports folder")
    if args.command == "report" and args.out:
        _writable(Path(args.out), "--out folder")
    if args.command in (
        "run",
        "backfill",
        "demo",
        "export",
        "report",
        "explain",
        "approve",
        "status",
        "db",
    ):
        _warehouse_file(args.warehouse)
    if args.command in ("run", "backfill"):  # last: the scheme models import polars
        _schemes_of(_months(args), args.schemes)


# ---------------------------------------------------------------- the commands


def _run_validate(args) -> int:
    from flows.common import settings
    from flows.inputs.schemes import month_scheme, scheme_for_month
    from flows.inputs.validate import extract_and_validate, month_problems
    from flows.outputs import console
    from flows.outputs.messages import catalogue
    from flows.outputs.rejects import write_rejects
    from flows.storage import warehouse
    from transforms.completeness import judge

    paths = settings.resolve(schemes=args.schemes, exports=args.exports)
    scheme = scheme_for_month(paths.schemes_dir, args.month).scheme
    try:  # validating must not need the warehouse
        history, note = (
            warehouse.history_if_any(
                paths.warehouse_url, args.month, scheme.completeness.baseline_months
            ),
            None,
        )
    except warehouse.WarehouseTooNew:
        raise  # this release is older than the warehouse: every command says so
    except KpiError as exc:
        history, note = None, f"completeness not judged: {exc.message}"
    # The period as a run computes it (scheme.md §9.1), so validate counts the same rows
    # out of period and the same agents active as `kpi run` will.
    _, period = month_scheme(
        paths.schemes_dir,
        args.month,
        previous_end_on=history.previous_end_on if history else None,
    )
    validated = extract_and_validate(
        paths.exports_dir, args.month, scheme.data_quality, period=period
    )
    completeness = None
    if history is None and note is None:
        note = "no_warehouse"
    elif history is not None and history.baseline.is_empty():
        note = "no_baseline"
    elif history is not None:
        completeness = judge(
            validated.volumes().lazy(),
            validated.silences().lazy(),
            history.baseline.lazy(),
            validated.open_stores().lazy(),
            period,
            rules=scheme.completeness,
        ).collect()
    problems = month_problems(validated, completeness, scheme)
    print(
        console.validation_report(
            validated,
            top=args.top,
            lang=args.lang,
            completeness=completeness,
            note=note,
            warehouse=warehouse.safe_url(paths.warehouse_url),
        )
    )
    if args.rejects:
        t = catalogue(args.lang)
        count = write_rejects(validated, Path(args.rejects), t)
        print(t("console.validate.rejects_written", count=count, path=args.rejects))
    for problem in problems:
        hint = f"kpi run {paths.hint(problem.allowed_by)}" if problem.allowed_by else None
        print(f"kpi validate: {args.month:%Y-%m}: {problem.refusal(hint).message}", file=sys.stderr)
    return max((p.error.exit_code for p in problems), default=EXIT_OK)


def _flow_arguments(args) -> dict:
    return {
        "force": args.force,
        "allow_rejects": args.allow_rejects,
        "allow_gap": args.allow_gap,
        "allow_incomplete": args.allow_incomplete,
        "exports_dir": args.exports,
        "schemes_dir": args.schemes,
        "data_docs_dir": args.data_docs,
        "archive_dir": args.archive,
        "reports_dir": "" if args.no_report else args.reports,
        "partitions": args.partitions,
    }


def _run_run(args) -> int:
    from flows import prefect_api
    from flows.month_end import month_end
    from flows.outputs import console
    from flows.publishing.gate import preload_quality_gate

    preload_quality_gate()
    prefect_api.wait_until_ready()
    result = month_end(f"{args.month:%Y-%m}", **_flow_arguments(args))
    print(console.month_result_line(result, args.lang))
    for warning in result.warnings:
        print(f"kpi run: {result.month:%Y-%m}: warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _run_backfill(args) -> int:
    from flows import prefect_api
    from flows.backfill import BackfillFailed, backfill
    from flows.outputs import console
    from flows.publishing.gate import preload_quality_gate

    preload_quality_gate()
    prefect_api.wait_until_ready()
    try:
        results = backfill(f"{args.first:%Y-%m}", f"{args.last:%Y-%m}", **_flow_arguments(args))
    except BackfillFailed as failed:
        print(console.backfill_table(failed.results, args.lang))
        _backfill_warnings(failed.results)
        print(f"kpi backfill: {failed.headline}", file=sys.stderr)
        return failed.exit_code
    print(console.backfill_table(results, args.lang))
    _backfill_warnings(results)
    return EXIT_OK


def _backfill_warnings(results) -> None:
    for result in results:
        for warning in result.warnings:
            print(f"kpi backfill: {result.month:%Y-%m}: warning: {warning}", file=sys.stderr)


def _run_report(args) -> int:
    from flows.common import settings
    from flows.outputs.messages import catalogue
    from flows.outputs.site import write_month_reports, write_site
    from flows.storage import warehouse

    config = settings.resolve()
    reports = config.reports_dir or Path("reports")
    options = dict(
        version=args.version,
        lang=args.lang,
        store=args.store,
        pdf=args.pdf,
    )
    t, month = catalogue(args.lang), f"{args.month:%Y-%m}"
    engine = warehouse.connect(config.warehouse_url, upgrade=False)
    try:
        if args.out:  # exactly into DIR
            index = write_site(engine, args.month, out_dir=Path(args.out), **options)
            line = t("console.report.written", month=month, path=index)
        else:  # <reports>/YYYY-MM/v<N>, and the month's folder when N is current
            done = write_month_reports(engine, args.month, out_dir=reports / month, **options)
            line = t(
                "console.report.current" if done.is_current else "console.report.superseded",
                month=month,
                version=done.version,
                current=done.current_version,
                path=done.index,
                month_path=reports / month / "index.html",
            )
    finally:
        engine.dispose()
    print(line)
    return EXIT_OK


def _run_explain(args) -> int:
    import json

    from flows.common import settings
    from flows.outputs import console
    from flows.outputs.explain import explain
    from flows.storage import warehouse

    config = settings.resolve(archive=args.archive)
    engine = warehouse.connect(config.warehouse_url, upgrade=False)
    try:
        found = explain(
            engine,
            args.month,
            args.agent,
            version=args.version,
            archive_dir=config.archive_dir,
        )
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(found.document(), ensure_ascii=False, indent=1, default=str))
    else:
        print(console.explanation_text(found, args.lang))
    return EXIT_OK


def _run_generate(args) -> int:
    from flows.generator.generate import GeneratorOptions, generate
    from flows.outputs.messages import catalogue

    options = GeneratorOptions(
        stores=args.stores,
        agents_per_store=args.agents_per_store,
        seed=args.seed,
        clean=args.clean,
        period_end_day=args.period_end_day,
        mistakes=tuple(args.mistakes),
    )
    months = generate(Path(args.out), args.first, args.last, options, overwrite=args.overwrite)
    t = catalogue(args.lang)
    for month_start, counts in months:
        print(
            t(
                "console.generate.month",
                month=f"{month_start:%Y-%m}",
                total=f"{sum(counts.values()):,}",
                counts=t("console.list_separator").join(f"{k} {v:,}" for k, v in counts.items()),
            )
        )
        for mistake in (m for m in months.mistakes if m.month == month_start):
            files = t("console.list_separator").join(mistake.files)
            print(
                t(
                    f"console.generate.mistake.{mistake.kind}",
                    month=f"{month_start:%Y-%m}",
                    kind=mistake.kind,
                    files=files,
                    **mistake.details,
                )
            )
    return EXIT_OK


def _run_export(args) -> int:
    from flows.outputs import console
    from flows.publishing.payroll import export_payroll

    result = export_payroll(
        args.month, Path(args.out), language=args.lang, overwrite=args.overwrite
    )
    print(console.export_line(result, args.month, args.lang))
    for line in console.waiting_lines(result.waiting, args.lang):
        print(line)
    return EXIT_OK


def _run_approve(args) -> int:
    from flows.outputs import console
    from flows.publishing.payroll import approve

    done = approve(args.month, args.by, version=args.version, note=args.note)
    print(console.approval_line(done, args.month, args.lang))
    return EXIT_OK


def _run_status(args) -> int:
    import polars as pl

    from flows.common import settings
    from flows.inputs.schemes import changed_schemes
    from flows.outputs import console
    from flows.storage import warehouse

    config = settings.resolve(schemes=args.schemes)
    engine = warehouse.connect(config.warehouse_url, upgrade=False)
    try:
        with engine.connect() as conn:
            months = warehouse.month_status(conn, args.first, args.last)
            published = warehouse.later_runs(conn, date.min).filter(
                pl.col("month_start").is_in(months["month_start"].implode())
            )
            # An empty range says what the warehouse does have.
            everything = (
                warehouse.month_status(conn)
                if months.is_empty() and (args.first or args.last)
                else None
            )
        locks = [
            lock
            for lock in warehouse.month_locks(engine)
            if (args.first is None or lock[0] >= args.first)
            and (args.last is None or lock[0] <= args.last)
        ]
    finally:
        engine.dispose()
    # The view knows what the warehouse knows; a run also reads the scheme folder.
    try:
        changed, unread = changed_schemes(config.schemes_dir, published), None
    except KpiError as exc:
        changed, unread = None, exc.message
    print(
        console.status_table(
            months,
            args.lang,
            asked=(args.first, args.last),
            everything=everything,
            changed_schemes=changed,
        )
    )
    for line in console.scheme_lines(changed, unread, args.lang):
        print(line)
    for line in console.lock_lines(locks, args.lang):
        print(line)
    return EXIT_OK


def _run_db(args) -> int:
    from flows.common import settings
    from flows.outputs import console
    from flows.storage import warehouse

    url = settings.warehouse_url()
    if args.what == "upgrade":
        print(console.db_upgrade_line(warehouse.upgrade(url), args.lang))
    else:
        print(console.db_current_line(warehouse.current(url), args.lang))
    return EXIT_OK


def _run_demo(args) -> int:
    from flows.demo import run_demo

    return run_demo(args)


HANDLERS = {
    "run": _run_run,
    "backfill": _run_backfill,
    "validate": _run_validate,
    "generate": _run_generate,
    "export": _run_export,
    "report": _run_report,
    "explain": _run_explain,
    "approve": _run_approve,
    "status": _run_status,
    "db": _run_db,
    "demo": _run_demo,
}
FLOW_COMMANDS = ("run", "backfill", "demo")


class _ReaderGone:
    """stdout that outlives its reader: when ``kpi … | head`` stops reading, the command
    still does all its work (a generate writes every month, a backfill runs every month)
    and what it prints afterwards goes nowhere."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def _gone(self) -> None:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _failed(args, exc: KpiError) -> int:
    if exc.month is None and getattr(args, "month", None):
        exc.month = args.month  # every message names its month
    print(f"kpi {args.command}: {exc.for_operator()}", file=sys.stderr)
    for note in getattr(exc, "__notes__", ()):  # e.g. where an unrecorded failure is kept
        print(note, file=sys.stderr)
    return exc.exit_code


def _warehouse_failure(args, exc: Exception) -> KpiError | None:
    """A database error of a command that is not a flow (approve, export, status …) in
    the operator's words (read-only, no permission, unreachable), or None."""
    if "sqlalchemy" not in sys.modules:
        return None
    from flows.common.settings import DEFAULT_WAREHOUSE_URL
    from flows.storage import warehouse

    url = (
        getattr(args, "warehouse", None)
        or os.environ.get(WAREHOUSE_URL_VARIABLE)
        or DEFAULT_WAREHOUSE_URL
    )
    return warehouse.failure(exc, url)


def _interrupted(args) -> int:
    published = "; a month is published whole or not at all (kpi status shows which)"
    print(
        f"kpi {args.command}: interrupted{published if args.command in FLOW_COMMANDS else ''}",
        file=sys.stderr,
    )
    return 130


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    stdout, sys.stdout = sys.stdout, _ReaderGone(sys.stdout)
    watch_interrupts()
    try:
        check(args)
        with command_environment(warehouse=getattr(args, "warehouse", None), lang=args.lang):
            if args.command not in FLOW_COMMANDS:
                code = HANDLERS[args.command](args)
            else:
                from flows import prefect_api

                with prefect_api.temporary_api():
                    code = HANDLERS[args.command](args)
        # A Ctrl-C swallowed on its way (see watch_interrupts) after the last checkpoint:
        # the work finished, but the operator asked to stop and is told what happened.
        return _interrupted(args) if was_interrupted() else code
    except KpiError as exc:
        return _failed(args, exc)
    except KeyboardInterrupt:
        return _interrupted(args)
    except Exception as exc:
        if interrupted(exc):
            return _interrupted(args)
        error = _warehouse_failure(args, exc)
        if error is None:
            raise
        return _failed(args, error)
    finally:
        sys.stdout.flush()  # a reader gone by now is told here, not at exit
        sys.stdout = stdout


if __name__ == "__main__":
    sys.exit(main())
