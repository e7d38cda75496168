"""Writes the warehouses of tests/data/warehouses with the earlier releases themselves:
``python -m tests.data.warehouses.make [NAME ...]`` (a few minutes per release).

Each release is checked out in a temporary git worktree outside the repository and runs
its own ``kpi`` (its ``generate``, ``backfill``, ``approve``, ``export payroll`` and
``run``) into an SQLite file and into a PostgreSQL database of a throw-away server
(`tests.pg_harness`), which ``pg_dump`` then writes out. What is kept per warehouse:
``NAME.db`` (with the month lock files the release left beside it) and ``NAME.sql``.

The releases are the last commit of main with each layout the warehouse had before
revisions were recorded (`schemas/revisions`); ``lived`` is one warehouse carried through
every one of them, as a real one was (each release adding columns in place).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent

# name: (commit, what its layout was); the steps each release can take follow from its
# commands (approve came with l4, export payroll with l2).
RELEASES = {
    "l1": ("5825484", "the first warehouse: DDL in sql/"),
    "l2": ("e4bbf86", "currency, one payroll export per month"),
    "l3": ("4057a67", "one table definition: periods, appeal details, run history digest"),
    "l4": ("a9d8e21", "payroll approval, roster, stale months, v_month_status"),
    "l5": ("7edc26a", "comments in Simplified Chinese"),
    "l7": ("f68ea95", "the payroll views' new wording"),
    "l8": ("2f8dc2e", "completeness, sheets and source lines: the last layout without revisions"),
}
LIVED = ("l1", "l2", "l3", "l4", "l5", "l7", "l8")
MONTHS = ("2026-08", "2026-09", "2026-10", "2026-11")
PYTHON = REPO / ".venv" / "bin" / "python"


class Release:
    """One earlier release, checked out, running its own command line."""

    def __init__(self, name: str, root: Path) -> None:
        self.name, (self.commit, _) = name, RELEASES[name]
        self.tree = root / f"release-{name}"
        if not self.tree.exists():
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", str(self.tree)]
                + [self.commit],
                check=True,
                capture_output=True,
            )
        self.outputs = root / f"outputs-{name}"
        help_text = self.kpi("--help", check=False).stdout
        self.commands = set(help_text.split("{", 1)[1].split("}", 1)[0].split(","))

    def kpi(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "PYTHONPATH": str(self.tree),
            "KPI_DATA_DOCS_DIR": str(self.outputs / "docs"),
            "KPI_ARCHIVE_DIR": str(self.outputs / "archive"),
            "KPI_REPORTS_DIR": str(self.outputs / "reports"),
            "KPI_LANG": "en",
        }
        done = subprocess.run(
            [str(PYTHON), "-m", "flows.cli", *args],
            cwd=self.tree,
            env=env,
            capture_output=True,
            text=True,
        )
        if check and done.returncode != 0:
            raise SystemExit(f"{self.name} kpi {' '.join(args)}: {done.stderr or done.stdout}")
        print(f"{self.name}: kpi {' '.join(args[:3])}: {done.returncode}", file=sys.stderr)
        return done

    def raise_scheme(self, folder: Path) -> Path:
        """The release's bundled schemes plus one from August that pays 100 more per tier
        (a republish with it records payroll adjustments)."""
        shutil.copytree(self.tree / "config" / "schemes", folder, dirs_exist_ok=True)
        data = yaml.safe_load((folder / "default-2026.yaml").read_text(encoding="utf-8"))
        data.update(version="fixture-raise", effective_from="2026-08-01")
        data["tiers"] = [{**t, "bonus": t["bonus"] + 100} for t in data["tiers"]]
        (folder / "raise.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        return folder


def steps(release: Release, url: str, exports: Path, work: Path, which: set[str]) -> None:
    """What a release does to a warehouse (``which`` of: backfill, export, raise, approve,
    october, november)."""
    if "backfill" in which:
        release.kpi("backfill", "--from", MONTHS[0], "--to", MONTHS[1], "--exports", str(exports),
                    "--warehouse", url)  # fmt: skip
    if "approve" in which and "approve" in release.commands:
        release.kpi("approve", "--month", MONTHS[0], "--by", "Fixture Maker", "--warehouse", url)
    if "export" in which and "export" in release.commands:
        out = work / f"payroll-{release.name}-{abs(hash(url))}.csv"
        release.kpi("export", "payroll", "--month", MONTHS[0], "--out", str(out),
                    "--warehouse", url)  # fmt: skip
    if "raise" in which:
        schemes = release.raise_scheme(work / f"schemes-{release.name}")
        release.kpi("run", "--month", MONTHS[0], "--exports", str(exports), "--schemes",
                    str(schemes), "--warehouse", url)  # fmt: skip
    for step, month in (("october", MONTHS[2]), ("november", MONTHS[3])):
        if step in which:
            release.kpi("run", "--month", month, "--exports", str(exports), "--warehouse", url)


def sqlite_keep(database: Path, name: str) -> None:
    """The file (its WAL folded in) and the lock files the release left beside it."""
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
    for old in HERE.glob(f"{name}.db*"):
        old.unlink()
    shutil.copy(database, HERE / f"{name}.db")
    for lock in database.parent.glob(f"{database.name}.????-??.lock"):
        shutil.copy(lock, HERE / f"{name}.db{lock.name.removeprefix(database.name)}")


def pg_keep(server, database: str, name: str) -> None:
    subprocess.run(
        [str(server.bindir / "pg_dump"), "--no-owner", "--no-privileges", "-h", server.host,
         "-p", str(server.port), "-U", server.user, "-d", database,
         "-f", str(HERE / f"{name}.sql")],
        check=True,
    )  # fmt: skip


def make(names: list[str]) -> None:
    sys.path.insert(0, str(REPO))
    from tests.conftest import new_database
    from tests.pg_harness import running_postgres

    root = Path(tempfile.mkdtemp(prefix="kpi-fixtures-"))
    releases: dict[str, Release] = {}
    try:
        with running_postgres() as server:
            for name in names:
                # Every warehouse reads the same exports, written by the first release (later
                # generators crash on so small a department, and every reader reads them).
                first = releases.setdefault("l1", Release("l1", root))
                work = root / f"work-{name}"
                exports = work / "exports"
                first.kpi(
                    *("generate", "--out", str(exports), "--from", MONTHS[0], "--to", MONTHS[-1]),
                    *("--stores", "1", "--agents-per-store", "2", "--seed", "7"),
                )
                database = work / "warehouse.db"
                urls = [f"sqlite:///{database}", new_database(server)]
                if name == "lived":
                    plan = {
                        "l1": {"backfill"},
                        "l2": {"export"},
                        "l3": {"raise"},
                        "l4": {"approve"},
                        "l5": {"october"},
                        "l7": {"november"},
                        "l8": {"approve", "export"},
                    }
                else:
                    plan = {name: {"backfill", "approve", "export", "raise", "october"}}
                for release_name, which in plan.items():
                    release = releases.setdefault(release_name, Release(release_name, root))
                    for url in urls:
                        steps(release, url, exports, work, which)
                sqlite_keep(database, name)
                pg_keep(server, urls[1].rsplit("/", 1)[1], name)
    finally:
        for release in releases.values():
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(release.tree)],
                capture_output=True,
            )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    make(sys.argv[1:] or [*RELEASES, "lived"])
