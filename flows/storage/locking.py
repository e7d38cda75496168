"""The month locks: a session advisory lock on a dedicated PostgreSQL connection, or an OS
file lock beside the SQLite file (removed by its holder on release); both die with the
process.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from flows.storage.failures import MonthLocked, _sqlite_file
from schemas.tables import (
    KPI_RUN,
)

_LOCK_NAMESPACE = 20_261_026  # first key of PostgreSQL's two-key advisory locks


_LOCK_POLL_SECONDS = 0.2


LOCK_WAIT_SECONDS = 10.0  # how long a run waits for a month another run holds


def _lock_file(engine: sa.Engine, month: date) -> Path:
    return Path(f"{_sqlite_file(engine.url)}.{month:%Y-%m}.lock")


@contextlib.contextmanager
def month_lock(
    engine: sa.Engine,
    month: date,
    run_id: str,
    *,
    wait_seconds: float | None = None,
    flow_run_id: str | None = None,
) -> Iterator[None]:
    """Hold the month for the whole run; waits a while, then says who holds it (its run,
    host and process, and Prefect flow run). Yields the holder of a run that was killed
    while it held the month (SQLite: its lock file was left behind; its run_id, pid,
    host, started_at, flow_run_id), else None."""
    who = {
        "run_id": run_id,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "flow_run_id": flow_run_id,
    }
    lock = _pg_month_lock if engine.dialect.name == "postgresql" else _file_month_lock
    wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    with lock(engine, month, who, time.monotonic() + wait) as abandoned:
        yield abandoned


def _locked(month: date, holder: dict | str) -> MonthLocked:
    """The refusal, naming the holder: its run, host and process, its Prefect flow run
    (what an operator stops) and when it started."""
    if isinstance(holder, str):  # a lock file as its holder wrote it
        try:
            holder = json.loads(holder)
        except ValueError:
            holder = {"note": holder}
    parts = [
        f"run {holder['run_id']}" if holder.get("run_id") else None,
        f"pid {holder['pid']} on {holder.get('host', '?')}" if holder.get("pid") else None,
        f"Prefect flow run {holder['flow_run_id']}" if holder.get("flow_run_id") else None,
        f"started {holder['started_at']}" if holder.get("started_at") else None,
        holder.get("note"),
    ]
    said = ", ".join(p for p in parts if p) or "unknown"
    return MonthLocked(
        f"the month is locked by another run ({said}); wait for it to finish, or stop it",
        month=month,
    )


def _pg_holder(conn: sa.Connection, key: dict) -> dict:
    """Who holds a month's advisory lock: its session's ``application_name`` (``kpi
    <run_id> <pid>@<host>``, set by `_pg_month_lock`) and the run's ``running`` row."""
    found = conn.execute(
        sa.text(
            "SELECT a.application_name, a.backend_start "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.classid = :ns "
            "AND l.objid = :m AND l.granted"
        ),
        key,
    ).first()
    if found is None:
        return {}
    name, connected = found
    words = (name or "").split()
    if len(words) != 3 or words[0] != "kpi" or "@" not in words[2]:
        return {"note": f"{name}, connected {connected}"}
    pid, host = words[2].split("@", 1)
    holder = {"run_id": words[1], "pid": pid, "host": host, "started_at": f"{connected}"}
    row = conn.execute(
        sa.select(KPI_RUN.c.flow_run_id, KPI_RUN.c.started_at).where(KPI_RUN.c.run_id == words[1])
    ).first()
    if row is not None:
        holder.update(flow_run_id=row.flow_run_id, started_at=f"{row.started_at}")
    return holder


@contextlib.contextmanager
def _pg_month_lock(engine: sa.Engine, month: date, who: dict, deadline: float) -> Iterator[None]:
    key = {"ns": _LOCK_NAMESPACE, "m": month.year * 12 + month.month}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # Who holds the lock, for the refusal of another run (`_pg_holder`): PostgreSQL
        # keeps 63 bytes of it, so a long host name is cut.
        conn.execute(
            sa.text("SELECT set_config('application_name', :n, false)"),
            {"n": f"kpi {who['run_id']} {who['pid']}@{who['host']}"[:63]},
        )
        while not conn.execute(sa.text("SELECT pg_try_advisory_lock(:ns, :m)"), key).scalar_one():
            if time.monotonic() > deadline:
                raise _locked(month, _pg_holder(conn, key))
            time.sleep(_LOCK_POLL_SECONDS)
        try:
            yield None  # a killed session's advisory lock leaves nothing behind
        finally:
            with contextlib.suppress(sa.exc.DBAPIError):
                conn.execute(sa.text("SELECT pg_advisory_unlock(:ns, :m)"), key)


@contextlib.contextmanager
def _file_month_lock(engine: sa.Engine, month: date, who: dict, deadline: float) -> Iterator[None]:
    """A file lock beside the database (`_file_lock`). A killed holder's file stays until
    the next run of the month takes it over."""
    path = _lock_file(engine, month)
    with _file_lock(path, who, deadline, lambda holder: _locked(month, holder)) as abandoned:
        yield abandoned


@contextlib.contextmanager
def _file_lock(path: Path, who: dict, deadline: float, refuse) -> Iterator[dict | None]:
    """An flock on ``path``, which its holder removes when done (still holding it):
    whoever locked a file that is no longer the one at the path locked a removed file,
    and tries again. Yields what a holder that was killed left in the file, else None;
    ``refuse(holder)``: the error when another one still holds it at ``deadline``."""
    while True:
        handle = path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            if time.monotonic() > deadline:
                raise refuse(holder) from None
            time.sleep(_LOCK_POLL_SECONDS)
            continue
        try:
            same = path.exists() and os.path.samestat(os.fstat(handle.fileno()), path.stat())
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()
    try:
        handle.seek(0)
        left = handle.read().strip()  # a holder always removes its file: this one was killed
        try:
            abandoned = json.loads(left) if left else None
        except ValueError:
            abandoned = {"run_id": None, "note": left[:200]}
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(who))
        handle.flush()
        yield abandoned
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        handle.close()  # releases the lock


def _lock_files(engine: sa.Engine) -> list[tuple[date, Path]]:
    database = _sqlite_file(engine.url)
    found = []
    for path in sorted(database.parent.glob(f"{database.name}.????-??.lock")):
        with contextlib.suppress(ValueError):  # not ours
            month = date.fromisoformat(path.name.removeprefix(f"{database.name}.")[:7] + "-01")
            found.append((month, path))
    return found


def _finished_runs(engine: sa.Engine, run_ids: Iterable[str | None]) -> set[str]:
    """Which of ``run_ids`` have a ``kpi_run`` row of a run that ended."""
    wanted = sorted({r for r in run_ids if r})
    if not wanted:
        return set()
    with engine.connect() as conn:
        return set(
            conn.execute(
                sa.select(KPI_RUN.c.run_id).where(
                    KPI_RUN.c.run_id.in_(wanted), KPI_RUN.c.status != "running"
                )
            ).scalars()
        )


def month_locks(engine: sa.Engine, running: pl.DataFrame) -> list[tuple[date, dict, bool]]:
    """Runs working on a month now, and runs killed before they finished, oldest month
    first, each with its holder (run_id, pid, host, started_at, flow_run_id: what is
    known) and whether it holds its month now: every ``running`` row of ``kpi_run``
    (both databases), and SQLite's month lock files. A ``running`` row whose run does
    not hold its month, or a lock file that nobody holds, is a run that was killed:
    nothing of it was published, and the next run of its month settles it. Not a lock
    file whose run has its finished ``kpi_run`` row: the releases before 2026-11-27 left
    one behind after every run (`remove_finished_locks`). ``running``: the ``running``
    rows (`flows.storage.reads.running_runs`)."""
    found = _lock_file_holders(engine)
    known = {holder.get("run_id") for _, holder, _ in found}
    holding = {m: h for m, h, held in found if held} | _pg_holders(engine)
    for month, run_id, started_at, flow_run_id in running.iter_rows():
        if run_id in known:
            continue
        now = holding.get(month, {})
        held = now.get("run_id") == run_id
        holder = (now if held else {}) | {
            "run_id": run_id,
            "started_at": started_at.isoformat(timespec="seconds"),
            "flow_run_id": flow_run_id,
        }
        found.append((month, holder, held))
    return sorted(found, key=lambda lock: lock[0])


def _lock_file_holders(engine: sa.Engine) -> list[tuple[date, dict, bool]]:
    """SQLite's month lock files, each with what its holder wrote and whether a run
    holds it now (`month_locks`)."""
    if engine.dialect.name != "sqlite":
        return []
    found = []
    for month, path in _lock_files(engine):
        try:
            with path.open("r") as handle:
                holder = json.loads(handle.read() or "{}")
                try:  # taken and given back at once: a starting run then gets it
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    held = False
                except BlockingIOError:
                    held = True
        except (ValueError, OSError):  # not ours, or gone meanwhile
            continue
        found.append((month, holder if isinstance(holder, dict) else {}, held))
    finished = _finished_runs(engine, (h.get("run_id") for _, h, held in found if not held))
    return [(m, h, held) for m, h, held in found if held or h.get("run_id") not in finished]


def _pg_holders(engine: sa.Engine) -> dict[date, dict]:
    """PostgreSQL: the months whose advisory lock a session holds now, with who holds
    it (`_pg_holder`)."""
    if engine.dialect.name != "postgresql":
        return {}
    with engine.connect() as conn:
        keys = conn.execute(
            sa.text(
                "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = :ns "
                "AND granted"
            ),
            {"ns": _LOCK_NAMESPACE},
        ).scalars()
        holders = {}
        for key in keys:
            year, month = divmod(int(key) - 1, 12)
            holders[date(year, month + 1, 1)] = _pg_holder(conn, {"ns": _LOCK_NAMESPACE, "m": key})
    return holders


def remove_finished_locks(engine: sa.Engine) -> list[Path]:
    """SQLite: removes the month lock files that runs which finished left behind (the
    releases before 2026-11-27 never removed theirs), each while holding it, so that a
    run taking it over meanwhile is never disturbed. Returns the files removed."""
    if engine.dialect.name != "sqlite":
        return []
    removed = []
    for _, path in _lock_files(engine):
        try:
            handle = path.open("r")
        except OSError:
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                holder = json.loads(handle.read() or "{}")
                same = os.path.samestat(os.fstat(handle.fileno()), path.stat())
            except (BlockingIOError, ValueError, OSError):
                continue
            run_id = holder.get("run_id") if isinstance(holder, dict) else None
            if same and run_id in _finished_runs(engine, [run_id]):
                path.unlink()
                removed.append(path)
    return removed
