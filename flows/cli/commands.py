"""What each `kpi` command does once its arguments are checked (`HANDLERS`)."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

from flows.common.errors import (
    EXIT_OK,
    KpiError,
)


def _run_validate(args) -> int:
    from flows.common.settings import Settings
    from flows.inputs.schemes import month_scheme, scheme_for_month
    from flows.inputs.validate import extract_and_validate, month_problems
    from flows.outputs import console
    from flows.outputs.messages import catalogue
    from flows.outputs.rejects import write_rejects
    from flows.storage import failures, reads, schema
    from transforms.completeness import judge

    paths = Settings.resolve(schemes_dir=args.schemes, exports_dir=args.exports)
    scheme = scheme_for_month(paths.schemes_dir, args.month).scheme
    try:  # validating must not need the warehouse
        history, note = (
            reads.history_if_any(
                paths.warehouse_url, args.month, scheme.completeness.baseline_months
            ),
            None,
        )
    except schema.WarehouseTooNew:
        raise  # this release is older than the warehouse: every command says so
    except KpiError as exc:
        history, note = None, exc.message
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
            warehouse=failures.safe_url(paths.warehouse_url),
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


def _run_options(args):
    """The flow's ``options`` parameter from the command's options."""
    from flows.publishing.outcomes import RunOptions

    return RunOptions(
        force=args.force,
        allow_rejects=args.allow_rejects,
        allow_gap=args.allow_gap,
        allow_incomplete=args.allow_incomplete,
        partitions=args.partitions,
        exports_dir=args.exports,
        schemes_dir=args.schemes,
        data_docs_dir=args.data_docs,
        archive_dir=args.archive,
        reports_dir="" if args.no_report else args.reports,
    )


def _run_run(args) -> int:
    from flows import prefect_api
    from flows.common.settings import Settings
    from flows.month_end import month_end, unchanged_month
    from flows.outputs import console
    from flows.publishing.gate import preload_quality_gate

    options = _run_options(args)
    # An unchanged month is told from its files' hashes while Prefect's temporary server
    # starts, and recorded without a flow run: it publishes nothing. Its warnings (an
    # earlier run found killed and settled) are said as the flow's log would say them.
    _say_warnings(logging.getLogger("kpi.run"), "kpi run")
    settings = Settings.resolve_before_flow(**options.folders())
    result = unchanged_month(args.month, settings, options) if settings else None
    if result is None:
        preload_quality_gate()
        prefect_api.wait_until_ready()
        result = month_end(f"{args.month:%Y-%m}", options)
    print(console.month_result_line(result, args.lang))
    for warning in result.warnings:
        print(f"kpi run: {result.month:%Y-%m}: warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _say_warnings(log: logging.Logger, command: str) -> None:
    """``log``'s warnings on this command's standard error, each as ``<command>:
    <message>`` (a handler of an earlier command in this process is replaced)."""
    for old in list(log.handlers):
        log.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(f"{command}: %(message)s"))
    log.addHandler(handler)
    log.propagate = False


def _run_backfill(args) -> int:
    from flows import prefect_api
    from flows.backfill import BackfillFailed, backfill
    from flows.outputs import console
    from flows.publishing.gate import preload_quality_gate

    preload_quality_gate()
    prefect_api.wait_until_ready()
    try:
        results = backfill(f"{args.first:%Y-%m}", f"{args.last:%Y-%m}", _run_options(args))
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
    from flows.common.settings import Settings
    from flows.outputs.messages import catalogue
    from flows.outputs.site import write_month_reports, write_site
    from flows.storage import connection

    config = Settings.resolve()
    reports = config.reports_dir or Path("reports")
    options = dict(
        version=args.version,
        lang=args.lang,
        store=args.store,
        pdf=args.pdf,
    )
    t, month = catalogue(args.lang), f"{args.month:%Y-%m}"
    engine = connection.connect(config.warehouse_url, upgrade=False)
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

    from flows.common.settings import Settings
    from flows.outputs import console_explain
    from flows.outputs.explain import explain
    from flows.storage import connection

    config = Settings.resolve(archive_dir=args.archive)
    engine = connection.connect(config.warehouse_url, upgrade=False)
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
        print(console_explain.explanation_text(found, args.lang))
    return EXIT_OK


def _run_generate(args) -> int:
    from flows.generator.generate import generate
    from flows.generator.options import GeneratorOptions
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
    from flows.outputs import console_status
    from flows.publishing.payroll import export_payroll

    result = export_payroll(
        args.month, Path(args.out), language=args.lang, overwrite=args.overwrite
    )
    print(console_status.export_line(result, args.month, args.lang))
    for line in console_status.waiting_lines(result.waiting, args.lang):
        print(line)
    return EXIT_OK


def _run_approve(args) -> int:
    from flows.outputs import console_status
    from flows.publishing.payroll import approve

    done = approve(args.month, args.by, version=args.version, note=args.note)
    print(console_status.approval_line(done, args.month, args.lang))
    return EXIT_OK


def _run_status(args) -> int:
    import polars as pl

    from flows.common.settings import Settings
    from flows.inputs.schemes import changed_schemes
    from flows.outputs import console_status
    from flows.storage import connection, locking, reads

    config = Settings.resolve(schemes_dir=args.schemes)
    engine = connection.connect(config.warehouse_url, upgrade=False)
    try:
        with engine.connect() as conn:
            months = reads.month_status(conn, args.first, args.last)
            published = reads.later_runs(conn, date.min).filter(
                pl.col("month_start").is_in(months["month_start"].implode())
            )
            # An empty range says what the warehouse does have.
            everything = (
                reads.month_status(conn)
                if months.is_empty() and (args.first or args.last)
                else None
            )
            running = reads.running_runs(conn)
        locks = [
            lock
            for lock in locking.month_locks(engine, running)
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
        console_status.status_table(
            months,
            args.lang,
            asked=(args.first, args.last),
            everything=everything,
            changed_schemes=changed,
        )
    )
    for line in console_status.scheme_lines(changed, unread, args.lang):
        print(line)
    for line in console_status.lock_lines(locks, args.lang):
        print(line)
    return EXIT_OK


def _run_db(args) -> int:
    from flows.common.settings import Settings
    from flows.outputs import console_status
    from flows.storage import connection

    url = Settings.resolve().warehouse_url
    if args.what == "upgrade":
        print(console_status.db_upgrade_line(connection.upgrade(url), args.lang))
    else:
        print(console_status.db_current_line(connection.current(url), args.lang))
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
