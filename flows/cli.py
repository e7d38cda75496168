"""The `kpi` command line (`cli.md`).

Exit status: 0 every month asked for was published, unchanged or (validate) usable;
1 a file is over the reject threshold; 2 the command line is wrong; 3 an input or
scheme problem (missing or unreadable file or column, an invalid roster, a bad scheme
file); 4 the warehouse is unreachable or the month is locked by another run; 5 the
quality gate failed. Expected failures print one message on stderr, no traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date

from flows import prefect_api

# Prefect's own INFO lines would bury the report; operators can still raise the level.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

EXIT_OK, EXIT_REJECTS, EXIT_USAGE = 0, 1, 2


def month_argument(text: str) -> date:
    from transforms.months import parse_month

    try:
        return parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exports", metavar="DIR",
                        help="exports root (env KPI_EXPORTS_DIR, default ./exports)")
    parser.add_argument("--warehouse", metavar="URL",
                        help="warehouse URL (env KPI_WAREHOUSE_URL, default "
                             "sqlite:///warehouse.db)")
    parser.add_argument("--schemes", metavar="DIR",
                        help="scheme folder (env KPI_SCHEMES_DIR, default the bundled one)")
    parser.add_argument("--data-docs", metavar="DIR",
                        help="Data Docs folder (env KPI_DATA_DOCS_DIR, default ./data_docs)")


def _add_publish_switches(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="publish a new version even when nothing changed")
    parser.add_argument("--allow-rejects", action="store_true",
                        help="publish although a file is over the reject threshold "
                             "(recorded in the run log)")
    parser.add_argument("--partitions", type=int, default=1, metavar="N",
                        help="compute the scorecards in N tasks of whole stores each, side "
                             "by side (default 1; see the README's scale-out section)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kpi", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="score and publish one month")
    run.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    _add_paths(run)
    _add_publish_switches(run)

    backfill = sub.add_parser("backfill", help="run a range of months, oldest first")
    backfill.add_argument("--from", dest="first", required=True, type=month_argument,
                          metavar="YYYY-MM")
    backfill.add_argument("--to", dest="last", required=True, type=month_argument,
                          metavar="YYYY-MM")
    _add_paths(backfill)
    _add_publish_switches(backfill)

    validate = sub.add_parser("validate", help="extract and validate one month; writes nothing")
    validate.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    validate.add_argument("--top", type=int, default=3, help="reasons shown per file")
    _add_paths(validate)

    generate = sub.add_parser("generate", help="write realistic synthetic exports")
    generate.add_argument("--out", required=True, metavar="DIR")
    generate.add_argument("--from", dest="first", required=True, type=month_argument,
                          metavar="YYYY-MM")
    generate.add_argument("--to", dest="last", required=True, type=month_argument,
                          metavar="YYYY-MM")
    generate.add_argument("--stores", type=int, default=1)
    generate.add_argument("--agents-per-store", type=int, default=10)
    generate.add_argument("--seed", type=int, default=2026)
    generate.add_argument("--clean", action="store_true",
                          help="plain UTF-8 CSV, English headers, no bad rows")

    export = sub.add_parser("export", help="write the payroll file of a month")
    export.add_argument("what", choices=["payroll"])
    export.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    export.add_argument("--out", required=True, metavar="FILE", help=".xlsx or .csv")
    _add_paths(export)

    _add_report(sub)

    demo = sub.add_parser("demo", help="generate sample exports if absent, run them into the "
                                       "warehouse and print the latest scorecards")
    _add_paths(demo)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a version (1, 2, ...)")
    return value


def _add_report(sub) -> None:
    from flows.messages import DEFAULT_LANGUAGE, LANGUAGES

    report = sub.add_parser(
        "report",
        help="write the month's statements, store pages and department index as a static site",
    )
    report.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM")
    report.add_argument(
        "--version",
        type=_positive,
        metavar="N",
        help="a published version of the month (default: the current one)",
    )
    report.add_argument("--store", metavar="ID", help="only this store's pages")
    report.add_argument(
        "--out",
        metavar="DIR",
        help="where to write (default <KPI_REPORTS_DIR>/YYYY-MM; KPI_REPORTS_DIR defaults "
        "to ./reports)",
    )
    report.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help=f"language of the pages (default {DEFAULT_LANGUAGE})",
    )
    report.add_argument(
        "--pdf",
        action="store_true",
        help="also statements/<store>.pdf, one A4 page per agent (needs Chromium)",
    )
    report.add_argument(
        "--warehouse",
        metavar="URL",
        help="warehouse URL (env KPI_WAREHOUSE_URL, default sqlite:///warehouse.db)",
    )
    report.add_argument(
        "--schemes",
        metavar="DIR",
        help="scheme folder (env KPI_SCHEMES_DIR, default the bundled one)",
    )


def _run_report(args) -> int:
    """A plain command: reads the warehouse, writes files; no Prefect, no GE."""
    from pathlib import Path

    from flows import settings
    from flows.site import write_site
    from flows.site.queries import open_warehouse

    reports = settings.reports_folder() or Path("reports")
    out = Path(args.out) if args.out else reports / f"{args.month:%Y-%m}"
    engine = open_warehouse(settings.local_warehouse_url(args.warehouse))
    try:
        index = write_site(
            engine,
            args.month,
            version=args.version,
            out_dir=out,
            lang=args.lang,
            store=args.store,
            pdf=args.pdf,
            schemes_dir=settings.schemes_folder(args.schemes),
        )
    finally:
        engine.dispose()
    print(f"{args.month:%Y-%m}: report written to {index}")
    return EXIT_OK


def _run_validate(args) -> int:
    from flows import report, settings
    from flows.schemes import scheme_for_month
    from flows.validate import validate_month

    paths = settings.resolve(args.exports, args.schemes, args.data_docs)
    rate = scheme_for_month(paths.schemes_dir, args.month).scheme.data_quality.max_reject_rate
    prefect_api.wait_until_ready()
    validated = validate_month(paths.exports_dir, args.month, max_reject_rate=rate)
    print(report.validation_report(validated, top=args.top))
    if validated.breaches:
        print("\n".join(validated.breaches), file=sys.stderr)
        return EXIT_REJECTS
    return EXIT_OK


def _run_run(args) -> int:
    from flows import report, settings
    from flows.gate import preload_quality_gate
    from flows.month_end import month_end

    settings.use_warehouse(args.warehouse)
    preload_quality_gate()
    prefect_api.wait_until_ready()
    result = month_end(f"{args.month:%Y-%m}", force=args.force,
                       allow_rejects=args.allow_rejects, exports_dir=args.exports,
                       schemes_dir=args.schemes, data_docs_dir=args.data_docs,
                       partitions=args.partitions)
    print(report.month_result_line(result))
    return EXIT_OK


def _run_backfill(args) -> int:
    from flows import report, settings
    from flows.backfill import backfill
    from flows.gate import preload_quality_gate

    if args.last < args.first:
        print(f"--to {args.last:%Y-%m} is before --from {args.first:%Y-%m}", file=sys.stderr)
        return EXIT_USAGE
    settings.use_warehouse(args.warehouse)
    preload_quality_gate()
    prefect_api.wait_until_ready()
    results = backfill(f"{args.first:%Y-%m}", f"{args.last:%Y-%m}", force=args.force,
                       allow_rejects=args.allow_rejects, exports_dir=args.exports,
                       schemes_dir=args.schemes, data_docs_dir=args.data_docs,
                       partitions=args.partitions)
    print(report.backfill_table(results))
    failed = next((r for r in results if r.status == "failed"), None)
    if failed is None:
        return EXIT_OK
    print(f"kpi backfill: {failed.month:%Y-%m} failed: {failed.message}", file=sys.stderr)
    return failed.exit_code


def _run_generate(args) -> int:
    from pathlib import Path

    from flows.generate import GeneratorOptions, generate

    if args.last < args.first:
        print(f"--to {args.last:%Y-%m} is before --from {args.first:%Y-%m}", file=sys.stderr)
        return EXIT_USAGE
    options = GeneratorOptions(
        stores=args.stores, agents_per_store=args.agents_per_store, seed=args.seed,
        clean=args.clean,
    )
    for month_start, counts in generate(Path(args.out), args.first, args.last, options):
        total = sum(counts.values())
        print(f"{month_start:%Y-%m}: {total:,} rows written ("
              + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + ")")
    return EXIT_OK


def _run_export(args) -> int:
    from pathlib import Path

    from flows import settings
    from flows.payroll import export_payroll

    settings.use_warehouse(args.warehouse)
    prefect_api.wait_until_ready()
    result = export_payroll(f"{args.month:%Y-%m}", str(Path(args.out)))
    bonus_lines = result.lines.filter(result.lines["line_type"] == "bonus").height
    adjustments = result.lines.height - bonus_lines
    what = "exported" if result.is_first else "re-exported (the month's first export, unchanged)"
    print(f"{args.month:%Y-%m}: {what} {result.export_id}, version {result.version}: "
          f"{bonus_lines} bonus line(s) totalling {result.bonus_total:,.2f}, "
          f"{adjustments} adjustment line(s) totalling {result.adjustment_total or 0:,.2f} "
          f"-> {result.path}")
    return EXIT_OK


def _run_demo(args) -> int:
    from flows.demo import run_demo

    return run_demo(args)


class _ExpectedFailureFilter(logging.Filter):
    """Keeps Prefect's tracebacks of expected failures off the console: the CLI prints
    one message for them, and the flow run's state still records it."""

    def filter(self, record: logging.LogRecord) -> bool:
        from flows.errors import is_expected_failure_log

        return not is_expected_failure_log(record)


def _quiet_expected_failures() -> None:
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _ExpectedFailureFilter) for f in logger.filters):
            logger.addFilter(_ExpectedFailureFilter())


def main(argv: list[str] | None = None) -> int:
    from flows.errors import KpiError

    args = build_parser().parse_args(argv)
    _quiet_expected_failures()
    handlers = {"run": _run_run, "backfill": _run_backfill, "validate": _run_validate,
                "generate": _run_generate, "export": _run_export, "demo": _run_demo,
                "report": _run_report}
    try:
        if args.command in ("generate", "report"):  # no flow, no Prefect server
            return handlers[args.command](args)
        with prefect_api.temporary_api():
            return handlers[args.command](args)
    except KpiError as exc:
        print(f"kpi {args.command}: {exc}", file=sys.stderr)
        for note in getattr(exc, "__notes__", ()):  # e.g. where an unrecorded failure is kept
            print(note, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kpi {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
