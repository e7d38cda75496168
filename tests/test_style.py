"""The code's style is checked where the tests run, so CI checks it too: `ruff check` and
`ruff format --check` over the project, the layers (`lint-imports`, the contracts in
pyproject.toml; flows/__init__.py draws them) and that every imported package is declared
(`deptry .`). The rules are in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"


@pytest.mark.parametrize(
    "command", [["check", "."], ["format", "--check", "."]], ids=["check", "format"]
)
def test_ruff(command):
    done = subprocess.run(
        [str(RUFF), *command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("command", [["lint-imports"], ["deptry", "."]], ids=["layers", "deptry"])
def test_imports(command):
    tool = Path(sys.executable).parent / command[0]
    done = subprocess.run(
        [str(tool), *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
