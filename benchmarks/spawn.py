"""A process's wall time and its own peak RSS.

Linux's peak RSS of a child (``ru_maxrss`` from ``wait4``) starts from the parent's RSS
at ``fork``: a 60 MB command started by a 170 MB benchmark process reads 170 MB. So the
command is started by a bare interpreter (``python -I -S``, about 10 MB), which forks,
execs it, waits for it and writes its wall seconds, peak RSS and exit code to a file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

_SPAWNER = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "w") as fh:
    fh.write(f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run(args: list[str], env: dict[str, str], stdout=None) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB, exit code) of ``args`` (an absolute program path
    first), its output to ``stdout`` (a file, or DEVNULL)."""
    with tempfile.TemporaryDirectory(prefix="kpi-spawn-") as folder:
        result = Path(folder) / "result"
        subprocess.run(
            [sys.executable, "-I", "-S", "-c", _SPAWNER, str(result), *args],
            env=env,
            stdout=stdout,
            stderr=subprocess.STDOUT if stdout not in (None, subprocess.DEVNULL) else None,
            check=False,
        )
        wall, rss_kb, code = result.read_text().split()
    return float(wall), int(rss_kb) / 1024, int(code)


if __name__ == "__main__":  # pragma: no cover - a manual check
    print(run([os.path.realpath(sys.argv[1]), *sys.argv[2:]], dict(os.environ)))
