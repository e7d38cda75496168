"""The warehouse's schema revision (`flows.storage.schema`, `flows.storage.connection`):
older warehouses upgraded in place, newer ones refused, `kpi db`, and the product on an
upgraded warehouse."""

import contextlib
from datetime import date

import pytest
import sqlalchemy as sa

from flows.storage import connection, failures, locking, schema
from flows.storage.failures import WarehouseError
from schemas.revisions import HEAD


def _old(request, url: str, name: str) -> str:
    """An earlier release's warehouse (tests/data/warehouses) at ``url``."""
    from tests import warehouses

    server = None if url.startswith("sqlite") else request.getfixturevalue("postgres_server")
    return warehouses.restore(name, url, server)


def _cli(capsys, *argv) -> tuple[int, str, str]:
    from flows.cli import main

    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_plain_command_on_an_older_warehouse_names_its_revision_and_changes_nothing(
    request, url, tmp_path, capsys
):
    """The release of a few weeks ago said "no kpi_payroll_approval … publish a month
    first" on a warehouse with published months; approve and export write rows but
    never change the layout either (docs/commands.md)."""
    from tests import warehouses

    _old(request, url, "l3")
    layout, rows = warehouses.layout(url), warehouses.row_counts(url)
    said = (
        f"the warehouse at {failures.safe_url(url)} records no revision (a release from "
        f"before revisions were recorded wrote it); this release reads revision {HEAD}. Upgrade "
        "it with kpi db upgrade (the next kpi run, backfill or demo also does); this command "
        "changes nothing\n"
    )
    month = ["--month", "2026-08"]
    for argv in (
        ["status"],
        ["report", *month, "--out", str(tmp_path / "report")],
        ["explain", *month, "--agent", "A1", "--archive", str(tmp_path)],
        ["approve", *month, "--by", "Head of service"],
        ["export", "payroll", *month, "--out", str(tmp_path / "payroll.csv")],
    ):
        code, out, err = _cli(capsys, *argv, "--warehouse", url)
        assert (code, out) == (4, ""), argv
        assert err.endswith(said) and err.startswith(f"kpi {argv[0]}: "), (argv, err)
    assert warehouses.layout(url) == layout
    assert warehouses.row_counts(url) == rows


def test_kpi_db_current_and_upgrade_from_no_revision_and_from_an_older_one(
    request, url, tmp_path, capsys
):
    from alembic import command

    from schemas import revisions

    _old(request, url, "l4")
    assert _cli(capsys, "db", "current", "--warehouse", url)[:2] == (
        0,
        "No recorded revision: a release from before revisions were recorded wrote the "
        f"warehouse; this release's is {HEAD}; kpi db upgrade (or the next run) upgrades it.\n",
    )
    assert _cli(capsys, "db", "upgrade", "--warehouse", url)[:2] == (
        0,
        f"Upgraded the warehouse from no recorded revision to revision {HEAD}.\n",
    )
    assert _cli(capsys, "db", "current", "--warehouse", url)[:2] == (
        0,
        f"Revision {HEAD}: current (this release's).\n",
    )
    assert _cli(capsys, "db", "upgrade", "--warehouse", url)[:2] == (
        0,
        f"The warehouse is at revision {HEAD} already; nothing to upgrade.\n",
    )
    # A warehouse at revision 0001: a release with revisions, before kpi_scheme.
    if url.startswith("sqlite"):
        older = f"sqlite:///{tmp_path / 'older.db'}"
    else:
        from tests.conftest import new_database

        older = new_database(request.getfixturevalue("postgres_server"))
    engine = schema._transactional(sa.create_engine(older))
    with engine.begin() as conn:
        command.upgrade(revisions.config(conn), "0001")
    engine.dispose()
    assert _cli(capsys, "db", "current", "--warehouse", older)[:2] == (
        0,
        f"Revision 0001: older than this release's {HEAD}; kpi db upgrade (or the next run) "
        "upgrades it.\n",
    )
    code, _, err = _cli(capsys, "status", "--warehouse", older)
    assert code == 4 and f"is at revision 0001; this release reads revision {HEAD}." in err
    assert _cli(capsys, "db", "upgrade", "--warehouse", older)[:2] == (
        0,
        f"Upgraded the warehouse from revision 0001 to revision {HEAD}.\n",
    )


def test_a_warehouse_of_a_newer_release_is_refused_by_every_command(
    url, tmp_path, capsys, prefect_server, generated_exports
):
    engine = connection.connect(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    engine.dispose()
    said = f"is at revision 0099, which this release does not know (its newest is {HEAD})"
    month = ["--month", "2026-10"]
    for argv in (
        ["status"],
        ["report", *month, "--out", str(tmp_path / "report")],
        ["explain", *month, "--agent", "A1", "--archive", str(tmp_path)],
        ["approve", *month, "--by", "Head of service"],
        ["export", "payroll", *month, "--out", str(tmp_path / "payroll.csv")],
        ["db", "current"],
        ["db", "upgrade"],
        ["validate", *month, "--exports", str(generated_exports)],
        ["run", *month, "--exports", str(generated_exports), "--data-docs", str(tmp_path)],
    ):
        code, out, err = _cli(capsys, *argv, "--warehouse", url)
        assert code == 4 and said in err, (argv, err)
        # Nothing kept "for the next run that reaches that warehouse": none of this
        # release's runs ever can.
        assert "could not record this failure" not in err, argv
    assert not list(tmp_path.rglob("pending-run-log/*"))


def test_an_upgrade_waits_for_another_and_then_says_so(request, url):
    _old(request, url, "l1")
    engine = sa.create_engine(url)
    holder = sa.create_engine(url)
    with holder.connect() as other:
        if url.startswith("sqlite"):
            held = schema._schema_lock(engine, float("inf"))
        else:
            other.exec_driver_sql(f"SELECT pg_advisory_lock({locking._LOCK_NAMESPACE}, 0)")
            held = contextlib.nullcontext()
        with held, pytest.raises(WarehouseError, match="being upgraded by another command"):
            schema.ensure_schema(engine, wait_seconds=0.3)
    holder.dispose()  # PostgreSQL: the session, and its lock, end
    assert schema.ensure_schema(engine).after == HEAD
    engine.dispose()


def test_lock_files_that_finished_runs_left_are_no_killed_runs(sqlite_url, capsys):
    """The releases before 2026-11-27 left a lock file beside the warehouse after every
    run: the upgrade removes them, and kpi status never names such a run as killed. A run
    killed meanwhile (no kpi_run row) still is one."""
    import json
    import shutil
    from pathlib import Path

    from tests import warehouses

    warehouses.restore("l1", sqlite_url)
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    left = sorted(database.parent.glob(f"{database.name}.*.lock"))
    assert [p.name[-12:] for p in left] == ["2026-08.lock", "2026-09.lock", "2026-10.lock"]
    kept = [shutil.copy(p, p.with_suffix(".kept")) for p in left]
    killed = database.parent / f"{database.name}.2026-11.lock"
    holder = {"run_id": "r-killed", "pid": 42, "host": "vm", "started_at": "2026-12-01T08:00:00"}
    killed.write_text(json.dumps(holder))
    assert _cli(capsys, "db", "upgrade", "--warehouse", sqlite_url)[0] == 0
    assert sorted(database.parent.glob(f"{database.name}.*.lock")) == [killed]
    for copy, path in zip(kept, left, strict=True):  # as if the upgrade had missed them
        Path(copy).rename(path)
    code, out, _ = _cli(capsys, "status", "--warehouse", sqlite_url)
    assert code == 0
    assert [line for line in out.splitlines() if "killed" in line] == [
        "2026-11: run r-killed (pid 42 on vm, started 2026-12-01 16:00:00 Asia/Shanghai) was "
        "killed before it finished; nothing of it was published, and the next run of the "
        "month takes its lock over"
    ]


@pytest.fixture(scope="session")
def december(tmp_path_factory):
    """A month after every earlier warehouse's months, as kpi generate writes it today."""
    from flows.generator.generate import generate
    from flows.generator.options import GeneratorOptions

    root = tmp_path_factory.mktemp("december")
    list(generate(root, date(2026, 12, 1), date(2026, 12, 1), GeneratorOptions(1, 2, 7)))
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", ["l1", "l2", "l3", "l4", "l5", "l7", "l8", "lived"])
def test_after_the_upgrade_the_product_runs_approves_exports_reports_and_explains(
    request, url, name, december, tmp_path, capsys, prefect_server
):
    """Every earlier release's warehouse, upgraded by the next run. An earlier month
    reports when the upgrade proved its scheme (its run used today's bundled file),
    otherwise it is refused in words rather than read with a file that changed."""
    from tests.flows.conftest import query

    _old(request, url, name)
    where = ["--warehouse", url]
    archive = ["--archive", str(tmp_path / "archive")]
    code, out, err = _cli(
        capsys,
        *("run", "--month", "2026-12", "--exports", str(december), "--allow-gap"),
        *("--data-docs", str(tmp_path / "docs"), "--reports", str(tmp_path / "reports")),
        *archive,
        *where,
    )
    assert code == 0 and out.startswith("2026-12: published version 1"), err
    agent = query(
        url, "SELECT MIN(agent_id) AS a FROM kpi_agent_monthly WHERE month_start = '2026-12-01'"
    )["a"].item()
    for argv in (
        ["approve", "--month", "2026-12", "--by", "Head of service"],
        ["export", "payroll", "--month", "2026-12", "--out", str(tmp_path / "payroll.csv")],
        ["report", "--month", "2026-12", "--out", str(tmp_path / "report")],
        ["explain", "--month", "2026-12", "--agent", agent, *archive],
        ["status"],
    ):
        code, out, err = _cli(capsys, *argv, *where)
        assert code == 0, (argv, err)
        assert "killed" not in out
    code, _, err = _cli(
        capsys, "report", "--month", "2026-10", "--out", str(tmp_path / "october"), *where
    )
    proven = name in ("l5", "l7", "l8", "lived")
    assert code == (0 if proven else 3), err
    assert proven or "whose file the warehouse does not hold" in err
