"""The message catalogues: one per language, the same keys and fields in each."""

import re
import string
import unicodedata

import pytest

from flows.outputs.messages import DEFAULT_LANGUAGE, LANGUAGES, catalogue
from tests.chinese_script import foreign_characters

_FIELDS = string.Formatter()


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(text) if name}


def test_every_catalogue_has_the_same_keys():
    reference = catalogue(DEFAULT_LANGUAGE).keys()
    for language in LANGUAGES:
        keys = catalogue(language).keys()
        assert keys == reference, (
            f"{language}: missing {sorted(reference - keys)}, extra {sorted(keys - reference)}"
        )


def test_every_message_takes_the_same_fields_in_every_language():
    reference = catalogue(DEFAULT_LANGUAGE)
    for language in LANGUAGES:
        other = catalogue(language)
        for key in reference.messages:
            assert fields(other.messages[key]) == fields(reference.messages[key]), (language, key)


def _has(text: str, script: str) -> bool:
    return any(script in unicodedata.name(ch, "") for ch in text)


# What a column accepts quotes the spellings an export may hold (非常满意, 2026年10月5日,
# phone, Y/N): values, like ids and names, not labels in the page's language.
QUOTES_INPUT = "accepted."


def labels(language: str) -> dict[str, str]:
    return {
        key: text
        for key, text in catalogue(language).messages.items()
        if not key.startswith(QUOTES_INPUT)
    }


def test_english_has_no_chinese_and_chinese_no_latin_words():
    # Latin letters in Chinese catalogues are only field names, units and proper names.
    allowed = re.compile(r"\{[^}]*\}|UTC|Data Docs|A4|Excel|Prefect")
    for key, text in labels("en").items():
        assert not _has(text, "CJK"), key
    for language in ("zh-CN", "zh-TW"):
        for key, text in labels(language).items():
            assert not re.search(r"[A-Za-z]{2,}", allowed.sub("", text)), (language, key)


def test_simplified_and_traditional_differ_where_the_scripts_do():
    cn, tw = catalogue("zh-CN"), catalogue("zh-TW")
    assert cn("statement.title") == "绩效反馈表"
    assert tw("statement.title") == "績效反饋表"
    assert cn("store.title", store="S1") == "门店 S1"
    assert tw("store.title", store="S1") == "門店 S1"


def test_each_catalogue_is_in_one_script():
    for language in LANGUAGES:
        for key, text in labels(language).items():
            assert not foreign_characters(text, language), (language, key, text)
    # A Chinese catalogue quotes the spellings of its own script.
    for language in ("zh-CN", "zh-TW"):
        for key, text in catalogue(language).messages.items():
            assert not foreign_characters(text, language), (language, key, text)


def test_the_script_checker_finds_the_other_scripts_characters():
    # The generated roster's title used to be Simplified above a Traditional header.
    assert foreign_characters("客服人员名册 客服工號", "zh-CN") == "號"
    assert foreign_characters("客服人員名冊 客服工号", "zh-TW") == "号"
    assert foreign_characters("服務技巧 service skills", "zh-CN") == "務"
    assert foreign_characters("绩效反馈表", "zh-CN") == ""
    assert foreign_characters("績效反饋表", "zh-TW") == ""
    assert foreign_characters("Score 绩效 績效", "en") == "绩績"
    with pytest.raises(ValueError):
        foreign_characters("", "fr")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="zh-CN, zh-TW, en"):
        catalogue("fr")


def test_every_kind_says_in_words_what_it_accepts_in_every_language():
    """What a clerk reads for an ``invalid_value`` row (`kpi validate`, the rejects file)."""
    from schemas.contracts import Kind

    for language in LANGUAGES:
        t = catalogue(language)
        assert all(f"accepted.{k.value}" in t for k in Kind)
        assert "2026年10月5日" in t("accepted.timestamp") and "2026年10月5日" in t("accepted.date")
        assert "1.87E+10" in t("accepted.id")


def test_someone_elses_text_is_shown_in_the_pages_script():
    """The scheme's training topics are the dealership's words in either script: each
    Chinese page converts them into its own (OpenCC); English shows them as written."""
    cn, tw, en = catalogue("zh-CN"), catalogue("zh-TW"), catalogue("en")
    assert tw.script("服务技巧") == "服務技巧"
    assert tw.script("沟通能力与响应流程") == "溝通能力與響應流程"
    assert cn.script("產品知識") == "产品知识"
    assert cn.script("服务技巧") == "服务技巧"
    assert en.script("服务技巧") == "服务技巧"
    assert tw.script("") == ""


def test_every_export_has_its_name_in_every_language():
    """The index's data-quality table names each input file in the page's language (an
    export without a label used to show its English file stem on a Chinese page)."""
    from schemas.contracts import EXPORTS

    for language in LANGUAGES:
        t = catalogue(language)
        assert [e.name for e in EXPORTS if f"source.{e.name}" not in t] == [], language
