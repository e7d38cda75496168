"""`kpi-warehouse-secret`: the warehouse URL goes into the Prefect Secret block from a
prompt or standard input, never from the command line, and no message shows its
password."""

from __future__ import annotations

import contextlib
import io

import pytest

from flows import secret_block
from flows.common.settings import WAREHOUSE_SECRET_BLOCK

URL = "postgresql://kpi:hunter2@db-host:5432/warehouse"


@pytest.fixture
def stored(prefect_server):
    """What the Secret block holds after the test (None: no block)."""
    from prefect.blocks.system import Secret

    with contextlib.suppress(Exception):
        Secret.delete(WAREHOUSE_SECRET_BLOCK)

    def read() -> str | None:
        return secret_block.secret_block()

    yield read
    with contextlib.suppress(Exception):
        Secret.delete(WAREHOUSE_SECRET_BLOCK)


def test_the_url_is_read_from_standard_input_and_stored(stored, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(URL + "\n"))
    assert secret_block.main([]) == 0
    assert stored() == URL
    out = capsys.readouterr().out
    assert out.startswith(
        "Stored postgresql://kpi:***@db-host:5432/warehouse in the Prefect Secret block "
        "kpi-warehouse-url at http://"
    )
    assert "hunter2" not in out


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "kpi-warehouse-secret: no URL was given: type it at the prompt or pipe it in\n"),
        (
            "mysql://kpi:hunter2@db-host/warehouse\n",
            "kpi-warehouse-secret: mysql://kpi:***@db-host/warehouse: only SQLite and "
            "PostgreSQL warehouses are supported\n",
        ),
        (  # not the kpi command's --warehouse: this command takes no options
            "hello\n",
            "kpi-warehouse-secret: 'hello' is not a database URL; use "
            "sqlite:///path/to/file.db or postgresql://user:password@host/database\n",
        ),
    ],
)
def test_no_url_or_a_wrong_one_stores_nothing(stored, monkeypatch, capsys, given, message):
    monkeypatch.setattr("sys.stdin", io.StringIO(given))
    assert secret_block.main([]) == 2
    assert capsys.readouterr().err == message
    assert stored() is None


def test_the_url_is_never_an_argument(capsys):
    with pytest.raises(SystemExit) as exited:
        secret_block.main([URL])
    assert exited.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_without_a_prefect_server_it_stores_nothing_anywhere(monkeypatch, capsys):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.setattr("sys.stdin", io.StringIO(URL + "\n"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert secret_block.main([]) == 2
    assert capsys.readouterr().err.startswith(
        "kpi-warehouse-secret: PREFECT_API_URL is not set: point it at the Prefect server"
    )


def test_ctrl_d_at_the_prompt_is_no_url_not_a_traceback(stored, monkeypatch, capsys):
    def closed(_stream):
        raise EOFError

    monkeypatch.setattr(secret_block, "_read_url", closed)
    assert secret_block.main([]) == 2
    assert capsys.readouterr().err.endswith(
        "no URL was given: type it at the prompt or pipe it in\n"
    )
    assert stored() is None
