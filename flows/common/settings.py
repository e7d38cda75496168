"""Where the pipeline reads and writes and what it speaks, resolved once per command or
flow run: `Settings`, the one reader of the ``KPI_*`` variables (pydantic-settings,
``env_prefix="KPI_"``).

Every value: what the command line's option or the flow's parameter gives (a keyword of
`Settings`; None, and "" for anything but the reports folder, is "not given"), then the
``KPI_*`` variable, then the default (`docs/commands.md`). An empty variable is unset,
except ``KPI_REPORTS_DIR``: empty (like ``--no-report`` or the ``reports_dir`` parameter
"") turns the report after a publish off. Variable names are read case-insensitively
(pydantic-settings' default).

The language of what commands print and write (console summaries, the report site, also
the one a publishing run writes, the payroll file's headers): ``--lang``, then
``KPI_LANG``, then ``zh-CN`` (`flows.outputs.messages`). The CLI resolves it once and, like
``--warehouse``, passes it to the flows it starts through its own process's environment
(`command_environment`). Messages on stderr stay English.

The warehouse URL is never a flow parameter, since Prefect stores those. In order
(`Settings.resolve`): ``KPI_WAREHOUSE_URL`` (the CLI's ``--warehouse`` sets it for its own
process); the Prefect Secret block ``kpi-warehouse-url`` (looked up inside a flow run,
and by plain commands when ``PREFECT_API_URL`` names a server); the embedded default
``sqlite:///warehouse.db``. Only a block that does not exist falls through: a Prefect
API that fails to answer is an error, never a reason to write somewhere else. A flow run
that a worker started from a deployment never falls back to the embedded default.
`Settings` made directly holds only what the variable or a keyword gives ("" otherwise):
the fall-through may ask the Prefect API, which only `resolve` does.

The dealership's time zone, ``KPI_TIMEZONE`` (an IANA name; default ``Asia/Shanghai``):
the times people read (`kpi status`, `kpi approve`, the report's footer and approval
date) are shown in it, naming it; what the pipeline stores stays UTC. `time_zone`
gives it (an unknown name is a usage error) and `local_time` converts a stored time.

``KPI_DASK_ADDRESS``: the Dask scheduler of a run on a cluster (`flows.cluster`), from
the environment of the process that runs the flow (the Prefect worker's); no default.
``KPI_REPORTS_URL``, ``KPI_DATA_DOCS_URL``: the addresses at which the reports and
Data Docs folders are served, the bases of the links in Prefect's artifacts
(`flows.artifacts`); without them the artifacts say where the files are on the worker.
``KPI_CHROMIUM``: the Chromium that prints ``kpi report --pdf`` (else found on PATH).
``KPI_PROJECT_DIR``: the checkout a worker's runs start in (the deployments' pull step,
`flows.prefect_api.project_directory`).

Nothing else in the code reads these variables; `command_environment` writes two of them
for the flows a command starts.
"""

from __future__ import annotations

import contextlib
import os
import re
import urllib.parse
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import PrivateAttr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from flows.common.errors import ClusterUnavailable, KpiError, UsageError
from flows.common.languages import DEFAULT_LANGUAGE, LANGUAGES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCHEMES_DIR = PROJECT_ROOT / "config" / "schemes"
DEFAULT_WAREHOUSE_URL = "sqlite:///warehouse.db"
WAREHOUSE_URL_VARIABLE = "KPI_WAREHOUSE_URL"
LANGUAGE_VARIABLE = "KPI_LANG"
WAREHOUSE_SECRET_BLOCK = "kpi-warehouse-url"
DASK_ADDRESS_VARIABLE = "KPI_DASK_ADDRESS"
TIMEZONE_VARIABLE = "KPI_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"
# Asks for the URL (or reads it from standard input): a password on a command line is
# visible to every user of the machine (ps) and stays in the shell's history.
SECRET_BLOCK_COMMAND = ".uv/bin/uv run kpi-warehouse-secret, which asks for the URL"

# How an operator sets each thing, from a terminal and in a deployment's run.
_HINTS = {
    "cli": {
        "exports": "--exports DIR (or KPI_EXPORTS_DIR)",
        "schemes": "--schemes DIR (or KPI_SCHEMES_DIR)",
        "warehouse": "--warehouse URL (or KPI_WAREHOUSE_URL)",
        "force": "--force",
        "allow_rejects": "--allow-rejects",
        "allow_gap": "--allow-gap",
        "allow_incomplete": "--allow-incomplete",
    },
    "deployment": {
        "exports": "the options.exports_dir parameter (or KPI_EXPORTS_DIR in the worker's "
        "environment)",
        "schemes": "the options.schemes_dir parameter (or KPI_SCHEMES_DIR in the worker's "
        "environment)",
        "warehouse": f"KPI_WAREHOUSE_URL in the worker's environment or the Prefect Secret "
        f"block {WAREHOUSE_SECRET_BLOCK}",
        "force": "the options.force parameter",
        "allow_rejects": "the options.allow_rejects parameter",
        "allow_gap": "the options.allow_gap parameter",
        "allow_incomplete": "the options.allow_incomplete parameter",
    },
}


class NoWarehouseConfigured(KpiError):
    exit_code = 4


def _language_error(source: str, chosen: str) -> UsageError:
    return UsageError(
        f"{source} {chosen!r} is not a language this project speaks; use one of "
        f"{', '.join(LANGUAGES)}"
    )


class Settings(BaseSettings):
    """Every ``KPI_*`` variable, read here once (see the module doc for the order).

    Made with keywords, the command line's options or the flow's parameters win over the
    environment; `resolve` adds the warehouse URL's fall-through and which hints the
    messages give. Frozen: a run's settings do not change under it."""

    model_config = SettingsConfigDict(env_prefix="KPI_", frozen=True, extra="forbid")

    exports_dir: Path = Path("exports")
    schemes_dir: Path = DEFAULT_SCHEMES_DIR
    data_docs_dir: Path = Path("data_docs")
    archive_dir: Path = Path("archive")
    reports_dir: Path | None = Path("reports")  # None: publishing runs write no report
    lang: str = DEFAULT_LANGUAGE  # of what is printed and written (flows.outputs.messages)
    timezone: str = DEFAULT_TIMEZONE  # of the times people read (time_zone)
    warehouse_url: str = ""  # "": not configured; `resolve` falls through to the block
    dask_address: str = ""
    # Where the reports and Data Docs folders are served (any web server or object
    # store): the base of the links in Prefect's artifacts; "": the artifacts say where
    # the files are on the worker instead of offering a link no browser opens.
    reports_url: str = ""
    data_docs_url: str = ""
    chromium: str = ""
    project_dir: str = ""
    _origin: str = PrivateAttr("cli")  # cli or deployment: which hints messages give

    def __init__(self, **given: Any) -> None:
        # Not given: None, or "" for anything but the reports folder ("" is no report).
        given = {
            name: value
            for name, value in given.items()
            if value is not None and (value != "" or name == "reports_dir")
        }
        if "lang" in given and given["lang"] not in LANGUAGES:
            raise _language_error("--lang", given["lang"])
        super().__init__(**given)

    @classmethod
    def resolve(
        cls, *, in_flow: bool = False, in_deployment: bool = False, **given: Any
    ) -> Settings:
        """The settings of a command (``in_flow``: of a flow run; ``in_deployment``: one
        a worker started from a deployment), with the warehouse URL resolved."""
        configured = cls(**given)
        resolved = configured.model_copy(
            update={"warehouse_url": configured._warehouse_url(in_flow, in_deployment)}
        )
        resolved._origin = "deployment" if in_deployment else "cli"
        return resolved

    @classmethod
    def resolve_before_flow(cls, **given: Any) -> Settings | None:
        """The settings a flow run of the command will resolve, when they are known before
        it starts: when the warehouse is named (``--warehouse``, ``KPI_WAREHOUSE_URL``);
        else None, since a flow run may find it in a Prefect Secret block."""
        return cls.resolve(**given) if cls(**given).warehouse_url else None

    @field_validator("exports_dir", "schemes_dir", "data_docs_dir", "archive_dir", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: Any, info) -> Any:
        return cls.model_fields[info.field_name].default if value == "" else value

    @field_validator("reports_dir", mode="before")
    @classmethod
    def _empty_is_no_report(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("lang", mode="before")
    @classmethod
    def _a_language_we_speak(cls, value: Any) -> str:
        chosen = value or DEFAULT_LANGUAGE
        if chosen not in LANGUAGES:
            raise _language_error(LANGUAGE_VARIABLE, chosen)
        return chosen

    @field_validator("timezone", mode="before")
    @classmethod
    def _an_iana_zone(cls, value: Any) -> str:
        name = (value or DEFAULT_TIMEZONE).strip()
        try:
            return ZoneInfo(name).key
        except (ZoneInfoNotFoundError, ValueError):
            raise UsageError(
                f"{TIMEZONE_VARIABLE} {name!r} is not a time zone; use an IANA name such as "
                f"{DEFAULT_TIMEZONE} or Europe/Berlin"
            ) from None

    @field_validator("dask_address", mode="before")
    @classmethod
    def _stripped(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @property
    def origin(self) -> str:
        return self._origin

    def __repr__(self) -> str:  # a URL may carry a password: never print it
        return (
            f"Settings(exports_dir={self.exports_dir}, schemes_dir={self.schemes_dir}, "
            f"data_docs_dir={self.data_docs_dir}, archive_dir={self.archive_dir}, "
            f"reports_dir={self.reports_dir}, lang={self.lang}, origin={self.origin}, "
            f"timezone={self.timezone})"
        )

    __str__ = __repr__

    def hint(self, what: str) -> str:
        """How the operator sets ``what`` where this run was started."""
        return _HINTS[self.origin][what]

    def _warehouse_url(self, in_flow: bool, in_deployment: bool) -> str:
        if self.warehouse_url:
            return self.warehouse_url
        if in_flow or in_deployment or os.environ.get("PREFECT_API_URL"):
            url = _secret_block()
            if url:
                return url
        if in_deployment:
            raise NoWarehouseConfigured(
                "no warehouse is configured for this worker: KPI_WAREHOUSE_URL is not set in "
                f"its environment and there is no Prefect Secret block "
                f"{WAREHOUSE_SECRET_BLOCK}. Set one of them (e.g. {SECRET_BLOCK_COMMAND}); a "
                "deployment never writes to a local default"
            )
        return DEFAULT_WAREHOUSE_URL


# The Prefect Secret block is read by `flows.secret_block`, which registers its lookup
# here when the package `flows` is imported: this layer imports no Prefect.
SecretLookup = Callable[[], str | None]
_secret_lookup: SecretLookup | None = None


def use_secret_lookup(lookup: SecretLookup) -> None:
    """Where `Settings.resolve` reads the Secret block (None: no such block)."""
    global _secret_lookup
    _secret_lookup = lookup


def _secret_block() -> str | None:
    return _secret_lookup() if _secret_lookup is not None else None


def warehouse_url(*, in_flow: bool = False, in_deployment: bool = False) -> str:
    """The warehouse URL (see the module doc for the order)."""
    return Settings.resolve(in_flow=in_flow, in_deployment=in_deployment).warehouse_url


def dask_address() -> str:
    """The address of the Dask scheduler that a run on a cluster submits its tasks to."""
    address = Settings().dask_address
    if not address:
        raise ClusterUnavailable(
            f"no Dask scheduler is configured for this worker: {DASK_ADDRESS_VARIABLE} is not "
            "set in its environment. Set it to the scheduler's address (e.g. "
            "tcp://dask-scheduler:8786) and restart the worker, or run the month-end "
            "deployment, which computes the month on the worker itself"
        )
    return address


def language(value: str | None = None) -> str:
    """The language: ``value`` (the CLI's --lang), then KPI_LANG, then zh-CN; a value
    that is not one of `flows.outputs.messages.LANGUAGES` is a usage error."""
    return Settings(lang=value).lang


def time_zone(value: str | None = None) -> ZoneInfo:
    """The dealership's zone: ``value``, then KPI_TIMEZONE, then Asia/Shanghai; a name
    that is no IANA zone is a usage error."""
    return ZoneInfo(Settings(timezone=value).timezone)


def local_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """A stored time (UTC; a naive one is taken as UTC) as the clock in ``zone`` shows it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)


@contextlib.contextmanager
def command_environment(*, warehouse: str | None, lang: str) -> Iterator[None]:
    """The command's --warehouse and resolved language, for as long as the command runs:
    they reach the flows through the process's environment (a flow reads its warehouse
    and language there, like a worker's run does), and are put back afterwards, so a
    second command in the same process (a test, a notebook) starts from what was there."""
    values = {LANGUAGE_VARIABLE: lang} | ({WAREHOUSE_URL_VARIABLE: warehouse} if warehouse else {})
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def masked_url(url: str) -> str:
    """``url`` with its password replaced by ``***``, for messages (no SQLAlchemy)."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def url_problem(url: str) -> str | None:
    """What is wrong with a warehouse URL as written (its form, not whether the database
    is there), read without SQLAlchemy so that the command line can say it at once;
    None when nothing is."""
    found = re.match(r"^([A-Za-z][A-Za-z0-9]*)(\+[A-Za-z0-9_]+)?://", url)
    if found is None:
        shown = masked_url(url) if "://" in url else repr(url)
        return (
            f"{shown} is not a database URL; use sqlite:///path/to/file.db or "
            "postgresql://user:password@host/database (--warehouse or KPI_WAREHOUSE_URL)"
        )
    if found[1] not in ("sqlite", "postgresql"):
        return f"{masked_url(url)}: only SQLite and PostgreSQL warehouses are supported"
    if found[1] == "postgresql":
        try:
            urllib.parse.urlsplit("postgresql://" + url.split("://", 1)[1]).port  # noqa: B018
        except ValueError:
            return (
                f"{masked_url(url)}: the host and port are not host:port with a whole-number "
                "port (postgresql://user:password@host:5432/database)"
            )
    return None


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (``sqlite:///relative.db``, ``sqlite:////abs.db``), read
    without SQLAlchemy so that the command line can check it at once; None otherwise."""
    prefix = "sqlite:///"
    if not url.startswith("sqlite") or prefix not in url:
        return None
    path = url.split(prefix, 1)[1].split("?", 1)[0].removeprefix("file:")
    return Path(path) if path and path != ":memory:" else None
