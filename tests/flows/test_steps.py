"""`flows.steps` outside a flow run: `kpi run` records an unchanged month before any
flow starts, calling the same steps as plain functions (no Prefect server needed)."""

from __future__ import annotations

import logging

import pytest

from flows import steps
from flows.common.errors import ExportError


def _answer(value: int) -> int:
    if value < 0:
        raise ExportError(f"{value}: no such file; export it again")
    return value * 2


ANSWER = steps.step(_answer, "answer")


def test_outside_a_flow_a_step_is_its_function_and_raises_the_operators_error():
    assert steps.call(ANSWER, 21) == 42
    with pytest.raises(ExportError, match="-1: no such file; export it again"):
        steps.call(ANSWER, -1)


def test_outside_a_flow_the_log_is_the_kpi_run_logger():
    assert steps.logger() is logging.getLogger("kpi.run")
