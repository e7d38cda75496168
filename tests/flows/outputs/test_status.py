"""`kpi status` and `v_month_status`: every month of the warehouse on one screen; the BI
views of the roster and of the payroll adjustments."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from flows.cli import main
from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.generator.generate import generate
from flows.generator.options import GeneratorOptions
from tests.flows.conftest import paths, publish, query

JUL, AUG, SEP, OCT = (date(2026, m, 1) for m in (7, 8, 9, 10))


def test_a_gap_a_stale_month_and_a_waiting_adjustment(
    prefect_server, generated_exports, tmp_path, url, schemes, capsys
):
    exports = tmp_path / "exports"
    shutil.copytree(generated_exports, exports)
    list(generate(exports, JUL, JUL, GeneratorOptions(stores=2, seed=7)))
    run_paths = paths(exports, url, schemes, tmp_path / "docs")
    for month in (JUL, AUG):
        publish(month, run_paths)
    publish(OCT, run_paths, allow_gap=True)  # September is missing
    # July again under a scheme that warns below 95 and pays 100 more: August, which counts
    # July's warnings, is stale, and July's bonuses changed (adjustments, not approved).
    data = yaml.safe_load((schemes / "default-2026.yaml").read_text())
    tiers = [{**t, "bonus": t["bonus"] + 100} for t in data["tiers"]]
    (schemes / "strict.yaml").write_text(
        yaml.safe_dump(
            {
                **data,
                "version": "strict",
                "effective_from": JUL,
                "tiers": tiers,
                "penalties": {**data["penalties"], "warning_below": 95},
            },
            allow_unicode=True,
        )
    )
    (schemes / "august.yaml").write_text(
        yaml.safe_dump({**data, "version": "august", "effective_from": AUG}, allow_unicode=True)
    )
    july = publish(JUL, run_paths)
    assert july.version == 2 and july.stale_months == [AUG] and july.adjustments > 0

    status = query(url, "SELECT * FROM v_month_status ORDER BY month_start")
    got = [
        (
            str(r["month_start"]),
            r["current_version"],
            r["last_run_status"],
            bool(r["is_missing"]),
            bool(r["is_stale"]),
            r["adjustments_waiting"],
            r["carried_by"],
        )
        for r in status.iter_rows(named=True)
    ]
    assert got == [
        ("2026-07-01", 2, "published", False, False, july.adjustments, "the approval of version 2"),
        ("2026-08-01", 1, "published", False, True, 0, None),
        ("2026-09-01", None, None, True, False, 0, None),
        ("2026-10-01", 1, "published", False, False, 0, None),
    ]
    # kpi status also reads the scheme folder, as a run does: August and October now
    # have august.yaml in force, not the file their versions used, so a run publishes
    # them (stale), which the view, knowing only the warehouse, cannot say of October.
    assert main(["status", "--warehouse", url, "--schemes", str(schemes)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:1] for line in lines[1:5]] == [
        ["2026-07"],
        ["2026-08"],
        ["2026-09"],
        ["2026-10"],
    ]
    assert " stale " not in lines[1] and " stale " in lines[2] and " missing " in lines[3]
    assert " stale " in lines[4]
    assert lines[5:] == [
        f"{month}: stale: the scheme file in force now (august) is not the one its current "
        "version used (default-2026); kpi run publishes it again"
        for month in ("2026-08", "2026-10")
    ]
    assert "last run (Asia/Shanghai)" in lines[0]  # the dealership's zone (KPI_TIMEZONE)
    assert f"{july.adjustments}/0/{july.adjustments}" in lines[1]
    assert "the approval of version 2" in lines[1]
    window = ["--from", "2026-08", "--to", "2026-09"]
    assert main(["status", "--warehouse", url, "--schemes", str(schemes), *window]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert len(shown) == 4 and shown[3].startswith("2026-08: stale: the scheme file")

    # Running August again brings it up to date.
    publish(AUG, run_paths)
    assert not query(url, "SELECT is_stale FROM v_month_status WHERE month_start = :m", m=AUG)[
        "is_stale"
    ].item()

    adjustments = query(url, "SELECT carried_by, is_approved FROM v_payroll_adjustment")
    assert set(adjustments["carried_by"]) == {"waiting"}
    assert not any(adjustments["is_approved"])
    agents = query(url, "SELECT * FROM v_agent ORDER BY agent_id")
    roster = query(url, "SELECT DISTINCT agent_id FROM kpi_roster_monthly")
    assert agents.height == roster.height  # every agent once, active or not
    assert set(agents.columns) == {
        "agent_id",
        "agent_name",
        "store_id",
        "team_id",
        "hired_on",
        "left_on",
        "as_of_month",
    }
    assert set(agents["as_of_month"].cast(str)) <= {"2026-10-01", "2026-08-01", "2026-07-01"}


def test_an_empty_warehouse_says_so(sqlite_url, capsys):
    from flows.storage import connection

    connection.connect(sqlite_url).dispose()
    assert main(["status", "--warehouse", sqlite_url]) == 0
    assert capsys.readouterr().out.strip() == "The warehouse has no runs yet."


def test_a_killed_run_and_a_working_one_are_named_below_the_table(sqlite_url, capsys):
    """A lock file nobody holds is a run that was killed (kill -9, a crash); one that is
    held is a run at work. Status tells both apart by trying the lock, not by the pid."""
    import fcntl
    import json

    from flows.storage import connection

    connection.connect(sqlite_url).dispose()
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    holder = {"run_id": "r9", "pid": 4242, "host": "vm", "started_at": "2026-11-27T08:00:00+00:00"}
    killed = database.parent / f"{database.name}.2026-09.lock"
    killed.write_text(json.dumps(holder))
    working = database.parent / f"{database.name}.2026-10.lock"
    working.write_text(json.dumps(holder | {"run_id": "r10"}))
    with working.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["status", "--warehouse", sqlite_url]) == 0
        out = capsys.readouterr().out.splitlines()
        assert main(["status", "--warehouse", sqlite_url, "--from", "2026-10"]) == 0
        only_october = capsys.readouterr().out.splitlines()
    assert out == [
        "The warehouse has no runs yet.",
        "2026-09: run r9 (pid 4242 on vm, started 2026-11-27 16:00:00 Asia/Shanghai) was killed "
        "before it finished; nothing of it was published, and the next run of the month "
        "takes its lock over",
        "2026-10: a run is working on it now (run r10, pid 4242 on vm, started "
        "2026-11-27 16:00:00 Asia/Shanghai)",
    ]
    assert only_october == [out[0], out[2]]
    assert killed.exists()  # status only looks: the next run of the month takes it over


def utc(value) -> datetime:
    """A timestamp as the test's raw query returns it (text on SQLite), in UTC."""
    value = datetime.fromisoformat(value) if isinstance(value, str) else value
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def test_a_range_without_runs_says_what_the_warehouse_has_and_times_are_the_dealerships(
    prefect_server, tmp_path, url, capsys, monkeypatch
):
    """kpi status --from 2020-01 --to 2020-03 names the range and the warehouse's months
    (it said the warehouse had no runs at all); the times people read are in KPI_TIMEZONE
    (default Asia/Shanghai) and say so, while the warehouse keeps UTC."""
    from datetime import timedelta

    from flows.outputs.site import write_site
    from flows.publishing.payroll import approve
    from flows.storage import connection
    from tests.flows.conftest import write_month

    surveys = [f"S{i},S1,a1,C{i},2026-10-05 10:00:00,4" for i in range(3)]
    publish(OCT, paths(write_month(tmp_path / "exports", {"surveys": surveys}), url))
    for argv, said in (
        (
            ["--from", "2020-01", "--to", "2020-03"],
            "No month from 2020-01 to 2020-03 has a run; the warehouse's months are 2026-10 "
            "to 2026-10 (1 in all).",
        ),
        (
            ["--from", "2027-01"],
            "No month from 2027-01 on has a run; the warehouse's months "
            "are 2026-10 to 2026-10 (1 in all).",
        ),
        (
            ["--to", "2026-09"],
            "No month up to 2026-09 has a run; the warehouse's months are "
            "2026-10 to 2026-10 (1 in all).",
        ),
    ):
        assert main(["status", "--warehouse", url, "--lang", "en", *argv]) == 0
        assert capsys.readouterr().out.strip() == said
    assert main(["status", "--warehouse", url, "--lang", "zh-CN", "--to", "2026-09"]) == 0
    assert capsys.readouterr().out.strip() == (
        "截至 2026-09没有任何月份的运行记录；数据仓库中的月份为 2026-10 至 2026-10（共 1 个月）。"
    )

    finished = query(url, "SELECT finished_at FROM kpi_run")["finished_at"].item()
    finished = utc(finished)
    for zone, offset in (("Asia/Shanghai", 8), ("Asia/Kolkata", 5.5)):
        monkeypatch.setenv("KPI_TIMEZONE", zone)
        assert main(["status", "--warehouse", url, "--lang", "en"]) == 0
        header, line = capsys.readouterr().out.splitlines()[:2]
        assert f"last run ({zone})" in header
        assert f"published {finished + timedelta(hours=offset):%Y-%m-%d %H:%M}" in line
    monkeypatch.delenv("KPI_TIMEZONE")

    done = approve(OCT, "王经理")
    stored = query(url, "SELECT approved_at FROM kpi_payroll_approval")["approved_at"].item()
    stored = utc(stored)
    assert stored == done.approved_at  # the warehouse keeps UTC
    from flows.outputs import console_status

    local = done.approved_at + timedelta(hours=8)
    assert f"({local:%Y-%m-%d %H:%M} Asia/Shanghai)" in console_status.approval_line(
        done, OCT, "en"
    )

    engine = connection.connect(url)
    try:
        index = write_site(engine, OCT, out_dir=tmp_path / "report", lang="en")
    finally:
        engine.dispose()
    computed = query(url, "SELECT MIN(computed_at) AS c FROM kpi_agent_monthly")["c"].item()
    computed = utc(computed)
    text = index.read_text("utf-8")
    shown = computed + timedelta(hours=8)
    assert f"computed {shown:%Y-%m-%d %H:%M:%S} (Asia/Shanghai)" in text
    assert f"Approved by 王经理 on {local:%Y-%m-%d}" in text


# ------------------------------------------------- stale means "a run would publish"

_CHANGES = {  # what a scheme change does, each a different part of what a month reads
    "warn95": lambda d: {**d, "penalties": {**d["penalties"], "warning_below": 95}},
    "end25": lambda d: {**d, "period": {"end_day": 25}},
    "bonus": lambda d: {**d, "tiers": [{**t, "bonus": t["bonus"] + 100} for t in d["tiers"]]},
}
_MONTHS = (AUG, SEP, OCT)


def _copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)  # the WAL's rows too, which a file copy misses


def _stale_in_status(url: str, schemes: Path, capsys) -> set[date]:
    assert main(["status", "--warehouse", url, "--schemes", str(schemes)]) == 0
    rows = capsys.readouterr().out.splitlines()[1 : 1 + len(_MONTHS)]
    return {date.fromisoformat(r.split()[0] + "-01") for r in rows if " stale " in r}


def _scheme_step(schemes: Path, base: dict, step: tuple) -> None:
    _, change, effective_from = step
    path = schemes / "changed.yaml"
    if change is None:
        path.unlink(missing_ok=True)
        return
    data = _CHANGES[change](base)
    version = f"{change}-{effective_from:%Y-%m}"
    data |= {"version": version, "effective_from": effective_from}
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.slow
def test_status_calls_stale_exactly_the_months_a_run_publishes(
    prefect_server, generated_exports, capsys, tmp_path
):
    """Random sequences of scheme changes (added, replaced, undone) and republished
    months: after each sequence `kpi status` calls a month stale exactly when `kpi run`
    of it, on a copy of the warehouse taken then, publishes (`warehouse.md`)."""
    import tempfile

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    base = yaml.safe_load((DEFAULT_SCHEMES_DIR / "default-2026.yaml").read_text())
    scheme_step = st.tuples(
        st.just("scheme"), st.sampled_from([None, *_CHANGES]), st.sampled_from(_MONTHS)
    )
    run_step = st.tuples(st.just("run"), st.sampled_from(_MONTHS))

    # The three months published once; each sequence starts from a copy of that warehouse.
    start = tmp_path / "published.db"
    start_paths = paths(generated_exports, f"sqlite:///{start}", docs=tmp_path / "docs")
    for month in _MONTHS:
        assert publish(month, start_paths).status == "published"

    @settings(
        max_examples=4,
        deadline=None,
        derandomize=True,  # the same sequences on every machine: no flaky CI
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.lists(st.one_of(scheme_step, run_step), min_size=1, max_size=4))
    def sequence(steps):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            schemes = root / "schemes"
            shutil.copytree(DEFAULT_SCHEMES_DIR, schemes)
            url = f"sqlite:///{root / 'w.db'}"
            run_paths = paths(generated_exports, url, schemes, root / "docs", root / "archive")
            _copy_sqlite(start, root / "w.db")
            assert publish(OCT, run_paths).status == "unchanged"  # the copy is the start
            for step in steps:
                if step[0] == "scheme":
                    _scheme_step(schemes, base, step)
                else:
                    assert publish(step[1], run_paths).status in ("published", "unchanged")
            stale = _stale_in_status(url, schemes, capsys)
            for month in _MONTHS:  # each on its own copy: a run changes later months
                copy = root / f"copy-{month:%m}.db"
                _copy_sqlite(root / "w.db", copy)
                copied = paths(generated_exports, f"sqlite:///{copy}", schemes, root / "d")
                result = publish(month, copied._replace(archive=root / f"a-{month:%m}"))
                assert (result.status == "published") == (month in stale), (steps, month, stale)

    sequence()
