"""Message catalogues: every label people read, one catalogue per language.

Each language is a JSON file beside this module (``zh-CN.json``, ``zh-TW.json``,
``en.json``): a flat mapping of dotted keys (``statement.title``, ``metric.loyalty``)
to text, with ``str.format`` fields (``{store}``, ``{month:02d}``) for values. All
catalogues have the same keys (a test checks it), so a page built in one language
never falls back to another and never mixes scripts.

Use::

    from flows.outputs.messages import catalogue
    t = catalogue("zh-TW")
    t("store.title", store="S01")

The static site, the payroll file's headers (``payroll.``) and what the commands print
(``console.``, `flows/outputs/console.py`) take their labels from these files; a new label is a
key in all three. Text that is not ours (the scheme's training topics, in the dealership's
own words, one script or the other) is shown in the page's script through `Catalogue.script`
(OpenCC's conversions; English pages show it as written). Which language a command uses
is `flows.common.settings.language` (``--lang``, ``KPI_LANG``, ``zh-CN``). Messages on
stderr are operator messages and stay English.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flows.common.languages import DEFAULT_LANGUAGE, LANGUAGES

_FOLDER = Path(__file__).resolve().parent
# OpenCC's conversion into each Chinese page's script: Taiwan's standard characters
# without its phrase replacements (the dealership's words stay its words).
_CONVERSIONS = {"zh-TW": "s2tw", "zh-CN": "t2s"}


@cache
def _converter(conversion: str):
    import opencc  # loaded by the pages that show a topic, not by every command

    return opencc.OpenCC(conversion)


@dataclass(frozen=True)
class Catalogue:
    """The messages of one language; calling it formats a message."""

    language: str
    messages: dict[str, str]

    def __call__(self, key: str, /, **values) -> str:
        text = self.messages[key]  # a missing key is a bug: KeyError, never a fallback
        return text.format(**values) if values else text

    def __contains__(self, key: str) -> bool:
        return key in self.messages

    def keys(self) -> frozenset[str]:
        return frozenset(self.messages)

    def script(self, text: str) -> str:
        """Someone else's Chinese text in this catalogue's script (unchanged in English)."""
        conversion = _CONVERSIONS.get(self.language)
        return _converter(conversion).convert(text) if conversion and text else text


def catalogue_path(language: str) -> Path:
    return _FOLDER / f"{language}.json"


@cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The catalogue of ``language`` (one of `LANGUAGES`); ValueError for others."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    messages = json.loads(catalogue_path(language).read_text(encoding="utf-8"))
    return Catalogue(language, messages)
