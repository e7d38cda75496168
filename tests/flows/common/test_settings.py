"""Where the pipeline reads and writes: options, KPI_* variables, defaults, and the
warehouse URL from the environment or the Prefect Secret block (never a guess)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from flows.common import settings
from flows.common.errors import ClusterUnavailable, UsageError
from flows.common.settings import DEFAULT_SCHEMES_DIR, NoWarehouseConfigured

VARIABLES = (
    "KPI_EXPORTS_DIR",
    "KPI_SCHEMES_DIR",
    "KPI_DATA_DOCS_DIR",
    "KPI_ARCHIVE_DIR",
    "KPI_REPORTS_DIR",
    "KPI_WAREHOUSE_URL",
    "PREFECT_API_URL",
    "KPI_DASK_ADDRESS",
)


@pytest.fixture
def clean_env(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults(clean_env):
    got = settings.resolve()
    assert (
        got.exports_dir,
        got.schemes_dir,
        got.data_docs_dir,
        got.archive_dir,
        got.reports_dir,
    ) == (Path("exports"), DEFAULT_SCHEMES_DIR, Path("data_docs"), Path("archive"), Path("reports"))
    assert got.warehouse_url == "sqlite:///warehouse.db"


def test_the_environment_fills_in_what_the_options_leave_out(clean_env):
    for name, value in zip(VARIABLES, ("e", "s", "d", "a", "r", "sqlite:///x.db"), strict=False):
        clean_env.setenv(name, value)
    got = settings.resolve(exports="E")
    assert (
        got.exports_dir,
        got.schemes_dir,
        got.data_docs_dir,
        got.archive_dir,
        got.reports_dir,
        got.warehouse_url,
    ) == (Path("E"), Path("s"), Path("d"), Path("a"), Path("r"), "sqlite:///x.db")


def test_an_empty_reports_variable_or_no_report_turns_the_report_off(clean_env):
    assert settings.resolve(no_report=True).reports_dir is None
    clean_env.setenv("KPI_REPORTS_DIR", "")
    assert settings.resolve().reports_dir is None


def test_settings_never_print_the_password(clean_env):
    clean_env.setenv("KPI_WAREHOUSE_URL", "postgresql://u:hunter2@h/db")
    assert "hunter2" not in repr(settings.resolve())


def test_the_sqlite_file_of_a_url_is_read_without_sqlalchemy():
    assert settings.sqlite_file("sqlite:///w.db") == Path("w.db")
    assert settings.sqlite_file("sqlite:////abs/w.db?timeout=5") == Path("/abs/w.db")
    assert settings.sqlite_file("sqlite:///file:/abs/w.db?mode=ro&uri=true") == Path("/abs/w.db")
    assert settings.sqlite_file("postgresql://h/db") is None
    assert settings.sqlite_file("sqlite://") is None


@pytest.fixture
def secret_block(prefect_server):
    from prefect.blocks.system import Secret

    def save(value: str | None) -> None:
        if value is None:
            Secret.delete(settings.WAREHOUSE_SECRET_BLOCK)
        else:
            Secret(value=value).save(settings.WAREHOUSE_SECRET_BLOCK, overwrite=True)

    yield save
    with contextlib.suppress(Exception):  # already deleted by the test
        save(None)


def test_the_secret_block_gives_the_url_inside_a_flow(clean_env, secret_block):
    secret_block("postgresql://kpi:pw@db.example/warehouse")
    assert settings.warehouse_url(in_flow=True) == "postgresql://kpi:pw@db.example/warehouse"
    clean_env.setenv("KPI_WAREHOUSE_URL", "sqlite:///env.db")  # the environment wins
    assert settings.warehouse_url(in_flow=True) == "sqlite:///env.db"


def test_without_a_block_a_terminal_run_uses_the_default_but_a_deployment_refuses(
    clean_env, secret_block
):
    secret_block("sqlite:///x.db")
    secret_block(None)
    assert settings.warehouse_url(in_flow=True) == settings.DEFAULT_WAREHOUSE_URL
    with pytest.raises(NoWarehouseConfigured) as err:
        settings.warehouse_url(in_flow=True, in_deployment=True)
    assert err.value.exit_code == 4
    assert "never writes to a local default" in str(err.value)
    # The command that creates the block, which never takes the password as an argument.
    assert "(e.g. .uv/bin/uv run kpi-warehouse-secret, which asks for the URL)" in str(err.value)


def test_a_prefect_api_that_does_not_answer_is_an_error_not_a_fallback(clean_env, prefect_server):
    from prefect.settings import PREFECT_API_URL, PREFECT_CLIENT_MAX_RETRIES, temporary_settings

    from tests.pg_harness import _free_port

    dead = f"http://127.0.0.1:{_free_port()}/api"
    with (
        temporary_settings({PREFECT_API_URL: dead, PREFECT_CLIENT_MAX_RETRIES: 0}),
        pytest.raises(NoWarehouseConfigured, match="Prefect API did not answer"),
    ):
        settings.warehouse_url(in_flow=True)


def test_the_dask_scheduler_comes_from_the_environment_only(clean_env):
    for unset in (None, "", "  "):
        if unset is not None:
            clean_env.setenv("KPI_DASK_ADDRESS", unset)
        with pytest.raises(ClusterUnavailable, match="KPI_DASK_ADDRESS is not set"):
            settings.dask_address()
    clean_env.setenv("KPI_DASK_ADDRESS", " tcp://dask-scheduler:8786 ")
    assert settings.dask_address() == "tcp://dask-scheduler:8786"


def test_the_language_is_the_option_then_kpi_lang_then_zh_cn(clean_env):
    monkeypatch = clean_env
    monkeypatch.delenv("KPI_LANG", raising=False)
    assert settings.language() == "zh-CN"
    assert settings.resolve().lang == "zh-CN"
    monkeypatch.setenv("KPI_LANG", "zh-TW")
    assert settings.language() == "zh-TW"
    assert settings.resolve(in_flow=False).lang == "zh-TW"  # a flow run reads it too
    assert settings.language("en") == "en"
    assert settings.resolve(lang="en").lang == "en"
    monkeypatch.setenv("KPI_LANG", "zh")
    with pytest.raises(UsageError, match="KPI_LANG 'zh' is not a language"):
        settings.resolve()
    with pytest.raises(UsageError, match="--lang 'fr' is not a language"):
        settings.language("fr")


def test_a_command_environment_is_put_back_when_the_command_ends(clean_env):
    clean_env.delenv("KPI_WAREHOUSE_URL", raising=False)
    clean_env.setenv("KPI_LANG", "zh-TW")
    with settings.command_environment(warehouse="sqlite:///w.db", lang="en"):
        assert settings.resolve().warehouse_url == "sqlite:///w.db"
        assert settings.resolve().lang == "en"
    assert "KPI_WAREHOUSE_URL" not in os.environ
    assert os.environ["KPI_LANG"] == "zh-TW"
    with pytest.raises(RuntimeError), settings.command_environment(warehouse=None, lang="en"):
        raise RuntimeError  # a failing command puts it back too
    assert os.environ["KPI_LANG"] == "zh-TW"


def test_the_dealerships_time_zone_is_resolved_once_and_a_wrong_one_refused(
    clean_env, capsys, tmp_path
):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from flows.cli import main

    clean_env.delenv("KPI_TIMEZONE", raising=False)
    assert settings.time_zone() == ZoneInfo("Asia/Shanghai")
    assert settings.resolve().timezone == "Asia/Shanghai"
    clean_env.setenv("KPI_TIMEZONE", "Europe/Berlin")
    assert settings.resolve().timezone == "Europe/Berlin"
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert settings.local_time(moment, ZoneInfo("Asia/Shanghai")) == datetime(
        2026, 12, 1, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai")
    )
    assert settings.local_time(moment.replace(tzinfo=None), ZoneInfo("UTC")) == moment
    clean_env.setenv("KPI_TIMEZONE", "Mars/Olympus")
    with pytest.raises(UsageError, match="KPI_TIMEZONE 'Mars/Olympus' is not a time zone"):
        settings.time_zone()
    # Told before anything is done: an approval would otherwise be recorded first.
    assert (
        main(
            [
                "approve",
                "--month",
                "2026-10",
                "--by",
                "x",
                "--warehouse",
                f"sqlite:///{tmp_path / 'w.db'}",
            ]
        )
        == 2
    )
    assert capsys.readouterr().err == (
        "kpi approve: 2026-10: KPI_TIMEZONE 'Mars/Olympus' is not a time zone; use an IANA "
        "name such as Asia/Shanghai or Europe/Berlin\n"
    )
