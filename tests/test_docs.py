"""The user reference in docs/ stays true: every command, option, table and column it
names exists, every one that exists is documented, and nothing points outside the
project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.cli import build_parser
from schemas import tables
from tests.chinese_script import foreign_characters

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def commands() -> dict[str, set[str]]:
    """{"run": {"--month", …}, "export payroll": {…}, …} from the parser itself."""
    found = {}

    def walk(parser, prefix):
        for action in parser._actions:
            if isinstance(getattr(action, "choices", None), dict):
                for name, sub in action.choices.items():
                    walk(sub, f"{prefix} {name}".strip())
        options = {
            o
            for a in parser._actions
            for o in a.option_strings
            if o.startswith("--") and o != "--help"
        }
        if prefix and not any(
            isinstance(getattr(a, "choices", None), dict) for a in parser._actions
        ):
            found[prefix] = options

    walk(build_parser(), "")
    return found


def sections(text: str, level: str) -> dict[str, str]:
    """Heading text (the part in backticks) -> the section below it."""
    parts = re.split(rf"^{level} `([^`]+)`$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_has_a_section_listing_exactly_its_options():
    documented = sections((DOCS / "commands.md").read_text(encoding="utf-8"), "##")
    actual = commands()
    assert set(documented) == {f"kpi {c}" for c in actual}
    for command, options in actual.items():
        section = documented[f"kpi {command}"]
        usage = section.split("\n\n", 2)[1]  # the indented synopsis
        named = set(re.findall(r"(--[a-z][a-z-]*)", section))
        assert options <= set(re.findall(r"(--[a-z][a-z-]*)", usage)), command
        assert named <= options | set().union(*actual.values()), (command, named - options)


def test_every_table_and_column_is_documented_as_it_is():
    text = (DOCS / "warehouse.md").read_text(encoding="utf-8")
    start, end = tables.DOCS_MARKERS
    generated = text.split(start, 1)[1].split(end, 1)[0].strip()
    assert generated == tables.documented_tables().strip(), (
        "docs/warehouse.md is stale: run python -m schemas.tables"
    )


def test_names_in_the_docs_exist():
    names = {t.name for t in tables.TABLES} | {v.name for v in tables.VIEWS}
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for name in re.findall(r"`((?:kpi|v)_[a-z_]+)`", text):
            assert name in names, (page.name, name)


@pytest.mark.parametrize("page", [ROOT / "README.md", *DOCS.glob("*.md")], ids=lambda p: p.name)
def test_nothing_points_outside_the_project(page):
    text = page.read_text(encoding="utf-8")
    assert "../shared" not in text and "cli.md" not in text, page.name
    for target in re.findall(r"\]\(([^)#]+)", text):
        if "://" not in target:
            assert (page.parent / target).exists(), (page.name, target)


PREFECT_COMMANDS = "server|worker|deploy|deployment|work-pool|flow-run|artifact|block|variable"


@pytest.mark.parametrize(
    "page", [ROOT / "README.md", ROOT / "prefect.yaml", *DOCS.glob("*.md")], ids=lambda p: p.name
)
def test_commands_are_written_the_readmes_way(page):
    """`.uv/bin/uv run …` everywhere, as the README bootstraps it: never a bare `uv run`
    (no uv on the PATH of a fresh machine) nor a bare `prefect …` (one installed elsewhere
    cannot load the flows)."""
    text = page.read_text(encoding="utf-8")
    assert not re.findall(r"(?<![\w./-])uv run\b.{0,30}", text), page.name
    bare = rf"(?<![\w./-])(?<!uv run )prefect (?:--no-prompt )?(?:{PREFECT_COMMANDS})\b.{{0,30}}"
    assert not re.findall(bare, text), page.name


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "README.md",
        *sorted(p for p in DOCS.glob("*.md") if p.name != "inputs.md"),
        *sorted((ROOT / "config" / "schemes").glob("*.yaml")),
        *sorted((ROOT / "sql").glob("*.sql")),
    ],
    ids=lambda p: p.name,
)
def test_the_chinese_people_read_is_simplified(path):
    """The department writes Simplified Chinese: the docs, the scheme files (their
    training topics reach every statement) and the warehouse comments. Only
    `inputs.md` also lists the Traditional header aliases the exports may use."""
    found = foreign_characters(path.read_text(encoding="utf-8"), "zh-CN")
    assert not found, (path.name, found)
