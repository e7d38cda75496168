"""Where the pipeline reads and writes: options, KPI_* variables, defaults, and the
warehouse URL from the environment or the Prefect Secret block (never a guess)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from flows.common import settings
from flows.common.errors import ClusterUnavailable, UsageError
from flows.common.settings import DEFAULT_SCHEMES_DIR, NoWarehouseConfigured, Settings

VARIABLES = (
    "KPI_EXPORTS_DIR",
    "KPI_SCHEMES_DIR",
    "KPI_DATA_DOCS_DIR",
    "KPI_ARCHIVE_DIR",
    "KPI_REPORTS_DIR",
    "KPI_WAREHOUSE_URL",
    "PREFECT_API_URL",
    "KPI_DASK_ADDRESS",
    "KPI_LANG",
    "KPI_TIMEZONE",
    "KPI_CHROMIUM",
    "KPI_PROJECT_DIR",
    "KPI_REPORTS_URL",
    "KPI_DATA_DOCS_URL",
)


@pytest.fixture
def clean_env(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults(clean_env):
    got = Settings.resolve()
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
    got = Settings.resolve(exports_dir="E")
    assert (
        got.exports_dir,
        got.schemes_dir,
        got.data_docs_dir,
        got.archive_dir,
        got.reports_dir,
        got.warehouse_url,
    ) == (Path("E"), Path("s"), Path("d"), Path("a"), Path("r"), "sqlite:///x.db")


def test_a_given_value_wins_over_the_variable_which_wins_over_the_default(clean_env):
    given = {
        "exports_dir": Path("E"),
        "schemes_dir": Path("S"),
        "data_docs_dir": Path("D"),
        "archive_dir": Path("A"),
        "reports_dir": Path("R"),
        "lang": "en",
        "timezone": "Europe/Berlin",
        "warehouse_url": "sqlite:///given.db",
        "dask_address": "tcp://given:8786",
        "reports_url": "https://given/reports",
        "data_docs_url": "https://given/docs",
        "chromium": "/given/chromium",
        "project_dir": "/given/project",
    }
    environment = {
        "exports_dir": "e",
        "schemes_dir": "s",
        "data_docs_dir": "d",
        "archive_dir": "a",
        "reports_dir": "r",
        "lang": "zh-TW",
        "timezone": "UTC",
        "warehouse_url": "sqlite:///env.db",
        "dask_address": "tcp://env:8786",
        "reports_url": "https://env/reports",
        "data_docs_url": "https://env/docs",
        "chromium": "/env/chromium",
        "project_dir": "/env/project",
    }
    assert set(given) == set(environment) == set(Settings.model_fields)  # every KPI_* one
    defaults = Settings()
    for name, value in environment.items():
        clean_env.setenv(f"KPI_{name.upper()}", value)
    from_env = Settings()
    assert {name: getattr(from_env, name) for name in environment} == {
        name: Path(value) if name.endswith("_dir") and name != "project_dir" else value
        for name, value in environment.items()
    }
    assert Settings(**given).model_dump() == given
    for name in given:  # one option alone: the others still come from the environment
        one = Settings(**{name: given[name]})
        assert getattr(one, name) == given[name]
        assert one.model_dump(exclude={name}) == from_env.model_dump(exclude={name})
    assert defaults.model_dump() == {
        "exports_dir": Path("exports"),
        "schemes_dir": DEFAULT_SCHEMES_DIR,
        "data_docs_dir": Path("data_docs"),
        "archive_dir": Path("archive"),
        "reports_dir": Path("reports"),
        "lang": "zh-CN",
        "timezone": "Asia/Shanghai",
        "warehouse_url": "",
        "dask_address": "",
        "reports_url": "",
        "data_docs_url": "",
        "chromium": "",
        "project_dir": "",
    }


def test_none_or_an_empty_value_is_not_given_and_an_empty_variable_is_unset(clean_env):
    clean_env.setenv("KPI_EXPORTS_DIR", "e")
    assert Settings(exports_dir=None).exports_dir == Path("e")
    assert Settings(exports_dir="").exports_dir == Path("e")
    for name in ("KPI_EXPORTS_DIR", "KPI_LANG", "KPI_TIMEZONE", "KPI_WAREHOUSE_URL"):
        clean_env.setenv(name, "")
    got = Settings.resolve()
    assert (got.exports_dir, got.lang, got.timezone, got.warehouse_url) == (
        Path("exports"),
        "zh-CN",
        "Asia/Shanghai",
        "sqlite:///warehouse.db",
    )


def test_an_empty_reports_variable_or_no_report_turns_the_report_off(clean_env):
    assert Settings.resolve(reports_dir="").reports_dir is None  # --no-report
    clean_env.setenv("KPI_REPORTS_DIR", "")
    assert Settings.resolve().reports_dir is None
    assert Settings.resolve(reports_dir="r").reports_dir == Path("r")


def test_settings_never_print_the_password(clean_env):
    clean_env.setenv("KPI_WAREHOUSE_URL", "postgresql://u:hunter2@h/db")
    got = Settings.resolve()
    assert got.warehouse_url == "postgresql://u:hunter2@h/db"
    assert "hunter2" not in repr(got) and "hunter2" not in str(got) and "hunter2" not in f"{got}"
    assert repr(got) == (
        f"Settings(exports_dir=exports, schemes_dir={DEFAULT_SCHEMES_DIR}, "
        "data_docs_dir=data_docs, archive_dir=archive, reports_dir=reports, lang=zh-CN, "
        "origin=cli, timezone=Asia/Shanghai)"
    )


def test_settings_are_frozen(clean_env):
    from pydantic import ValidationError

    got = Settings.resolve()
    with pytest.raises(ValidationError, match="frozen"):
        got.exports_dir = Path("elsewhere")


@pytest.fixture
def secret_lookup(monkeypatch):
    """The Secret block's lookup as `flows.secret_block` registers it, answering
    ``found["url"]`` (None: no such block) without a Prefect server."""
    found: dict[str, str | None] = {"url": None}
    monkeypatch.setattr(settings, "_secret_lookup", lambda: found["url"])
    return found


def test_a_deployment_never_falls_back_to_the_local_default(clean_env, secret_lookup):
    assert Settings.resolve().warehouse_url == "sqlite:///warehouse.db"  # a terminal
    assert Settings.resolve(in_flow=True).warehouse_url == "sqlite:///warehouse.db"
    with pytest.raises(NoWarehouseConfigured) as err:
        Settings.resolve(in_flow=True, in_deployment=True)
    assert err.value.exit_code == 4
    assert str(err.value) == (
        "no warehouse is configured for this worker: KPI_WAREHOUSE_URL is not set in its "
        "environment and there is no Prefect Secret block kpi-warehouse-url. Set one of them "
        f"(e.g. {settings.SECRET_BLOCK_COMMAND}); a deployment never writes to a local default"
    )
    secret_lookup["url"] = "postgresql://kpi:pw@block/warehouse"
    got = Settings.resolve(in_flow=True, in_deployment=True)
    assert (got.warehouse_url, got.origin) == ("postgresql://kpi:pw@block/warehouse", "deployment")
    assert got.hint("force") == "the options.force parameter"
    assert Settings.resolve().warehouse_url == "sqlite:///warehouse.db"  # no API: no lookup
    clean_env.setenv("PREFECT_API_URL", "http://prefect.example/api")
    assert Settings.resolve().warehouse_url == "postgresql://kpi:pw@block/warehouse"
    clean_env.setenv("KPI_WAREHOUSE_URL", "sqlite:///env.db")  # the variable comes first
    assert Settings.resolve(in_flow=True, in_deployment=True).warehouse_url == "sqlite:///env.db"
    given = Settings.resolve(warehouse_url="sqlite:///given.db", in_deployment=True)
    assert given.warehouse_url == "sqlite:///given.db"  # and the CLI's --warehouse before it


def test_settings_are_known_before_a_flow_only_when_the_warehouse_is_named(
    clean_env, secret_lookup
):
    """`kpi run` looks for an unchanged month before its flow starts only where the flow
    will use the same warehouse: a flow run may find it in a Secret block."""
    secret_lookup["url"] = "postgresql://kpi:pw@block/warehouse"
    assert Settings.resolve_before_flow(exports_dir="e") is None
    named = Settings.resolve_before_flow(warehouse_url="sqlite:///given.db", exports_dir="e")
    assert (named.warehouse_url, named.exports_dir) == ("sqlite:///given.db", Path("e"))
    clean_env.setenv("KPI_WAREHOUSE_URL", "sqlite:///env.db")
    assert Settings.resolve_before_flow().warehouse_url == "sqlite:///env.db"


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
    assert Settings.resolve().lang == "zh-CN"
    monkeypatch.setenv("KPI_LANG", "zh-TW")
    assert settings.language() == "zh-TW"
    assert Settings.resolve(in_flow=True).lang == "zh-TW"  # a flow run reads it too
    assert settings.language("en") == "en"
    assert Settings.resolve(lang="en").lang == "en"
    monkeypatch.setenv("KPI_LANG", "zh")
    assert Settings(lang="en").lang == "en"  # the option wins: the variable is not read
    with pytest.raises(UsageError) as err:
        Settings.resolve()
    assert str(err.value) == (
        "KPI_LANG 'zh' is not a language this project speaks; use one of zh-CN, zh-TW, en"
    )
    with pytest.raises(UsageError) as err:
        settings.language("fr")
    assert str(err.value) == (
        "--lang 'fr' is not a language this project speaks; use one of zh-CN, zh-TW, en"
    )


def test_a_command_environment_is_put_back_when_the_command_ends(clean_env):
    clean_env.delenv("KPI_WAREHOUSE_URL", raising=False)
    clean_env.setenv("KPI_LANG", "zh-TW")
    with settings.command_environment(warehouse="sqlite:///w.db", lang="en"):
        assert Settings.resolve().warehouse_url == "sqlite:///w.db"
        assert Settings.resolve().lang == "en"
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
    assert Settings.resolve().timezone == "Asia/Shanghai"
    clean_env.setenv("KPI_TIMEZONE", "Europe/Berlin")
    assert Settings.resolve().timezone == "Europe/Berlin"
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert settings.local_time(moment, ZoneInfo("Asia/Shanghai")) == datetime(
        2026, 12, 1, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai")
    )
    assert settings.local_time(moment.replace(tzinfo=None), ZoneInfo("UTC")) == moment
    clean_env.setenv("KPI_TIMEZONE", "Mars/Olympus")
    with pytest.raises(UsageError, match="KPI_TIMEZONE 'Mars/Olympus' is not a time zone"):
        settings.time_zone()
    with pytest.raises(UsageError, match="KPI_TIMEZONE 'Mars/Olympus' is not a time zone"):
        Settings.resolve()
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
