"""The warehouse's failures told apart (an outage is worth retrying; a warehouse that
answers but cannot be used as asked gets its own message and no retry), and how a
warehouse is named in messages and logs without its password.
"""

from __future__ import annotations

import hashlib
import sqlite3
import urllib.parse
from pathlib import Path

import sqlalchemy as sa

from flows.common.errors import KpiError


class WarehouseError(KpiError):
    """The warehouse does not answer (an outage: retried, then reported)."""

    exit_code = 4
    retryable = True


class WarehouseUnusable(WarehouseError):
    """The warehouse answers but cannot be used as asked; retrying would not help."""

    retryable = False


class MonthLocked(KpiError):
    """Another run holds the month."""

    exit_code = 4


class ConcurrentPublish(KpiError):
    """The month's current version changed while this run was working."""

    exit_code = 4


def safe_url(url: str | sa.URL) -> str:
    """The URL without its password, for messages and logs, spelled as people type it
    (SQLAlchemy escapes e.g. the colon of ``sqlite:///file:/path?mode=ro``)."""
    return urllib.parse.unquote(sa.make_url(url).render_as_string(hide_password=True))


def warehouse_key(url: str | sa.URL) -> str:
    """A short name of the warehouse a URL points at (its password left out), e.g. to keep
    a failed run for the warehouse it was meant for."""
    parsed = sa.make_url(url).set(password=None)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        parsed = parsed.set(database=str(Path(parsed.database).resolve()))
    canonical = parsed.set(drivername=parsed.get_backend_name()).render_as_string()
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def describe(url: str | sa.URL) -> str:
    """Which warehouse, for the run's log: dialect, host and database, never the
    password."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {_sqlite_file(parsed).resolve()}"
    return f"PostgreSQL database {parsed.database} on {parsed.host or 'localhost'}" + (
        f":{parsed.port}" if parsed.port else ""
    )


# SQLSTATE classes and codes of PostgreSQL that mean "not answering": worth a retry.
_PG_OUTAGE_CLASSES = ("08",)


_PG_OUTAGE_CODES = {"57P01", "57P02", "57P03", "40001", "40P01"}


# What a warehouse that answers may refuse, and what to do about it.
_PG_UNUSABLE = {
    "25006": "the database is read-only; point KPI_WAREHOUSE_URL at a writable primary",
    "42501": "the user lacks a permission it needs (create tables, write rows); grant it "
    "or use the pipeline's owner",
    "53100": "the database server's disk is full; free space, then run again",
    "3D000": "the database does not exist; create it (CREATE DATABASE) or fix the URL",
    "28P01": "the password was refused; fix KPI_WAREHOUSE_URL or the Secret block",
    "28000": "the user may not connect; fix the URL or the server's pg_hba.conf",
}


_SQLITE_UNUSABLE = {
    "readonly database": "the file (or its folder) is read-only for this user; make it "
    "writable, or run as the user that owns it",
    "unable to open database file": "the file cannot be created or opened: its folder is "
    "missing or not writable, or the path names a folder",
    "file is not a database": "it is not an SQLite database (another kind of file, or a "
    "damaged one); point --warehouse (or KPI_WAREHOUSE_URL) at the warehouse's own file",
    "database or disk is full": "the disk is full; free space, then run again",
    "disk i/o error": "the disk reported an I/O error; check the disk and the file",
}


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def failure(
    exc: BaseException, url: str | sa.URL, *, during_run: bool = False
) -> WarehouseError | None:
    """The operator's error for a database failure, or None when ``exc`` is not one (a bug
    or an expected failure of our own)."""
    if isinstance(exc, WarehouseError):
        return exc
    if not isinstance(exc, sa.exc.DBAPIError):
        return None
    where, reason = safe_url(url), _reason(exc)
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        advice = next((a for k, a in _SQLITE_UNUSABLE.items() if k in reason.lower()), None)
        if advice:
            return WarehouseUnusable(
                f"the warehouse at {where} cannot be written: {reason}; {advice}"
            )
        if isinstance(orig, sqlite3.OperationalError) and "locked" in reason.lower():
            return WarehouseError(
                f"the warehouse at {where} stayed locked by another "
                f"program ({reason}); close it or wait, then run again"
            )
        return None
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate in _PG_UNUSABLE:
        return WarehouseUnusable(
            f"the warehouse at {where} refused: {reason}; {_PG_UNUSABLE[sqlstate]}"
        )
    outage = (
        exc.connection_invalidated
        or sqlstate is None
        and isinstance(exc, (sa.exc.OperationalError, sa.exc.InterfaceError))
        or (sqlstate or "")[:2] in _PG_OUTAGE_CLASSES
        or sqlstate in _PG_OUTAGE_CODES
    )
    if not outage:
        return None
    if during_run:
        return WarehouseError(
            f"the warehouse at {where} stopped answering during the run, after retries "
            f"({reason}). Nothing of this run became current. Check that the database "
            "server is running and reachable, then run the month again"
        )
    return WarehouseError(
        f"cannot reach the warehouse at {where}: {reason}. Check that the database server "
        "is running and that the URL, user and password (KPI_WAREHOUSE_URL or the Secret "
        "block) are right"
    )


def is_outage(exc: BaseException, url: str | sa.URL = "sqlite://") -> bool:
    """Whether a failure is the warehouse not answering (worth retrying)."""
    if isinstance(exc, KpiError):
        return exc.retryable
    found = failure(exc, url)
    return found is not None and found.retryable


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_file(url: sa.URL) -> Path:
    # A URI filename (sqlite:///file:path?mode=ro&uri=true) names its file after "file:".
    return Path(url.database.removeprefix("file:"))
