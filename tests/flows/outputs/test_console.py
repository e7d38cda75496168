"""What the commands print, in each language of the message catalogue: every summary
from `flows/outputs/console.py` (and the CLI's own lines) in one language and one script,
zh-CN by default, English on stderr; the status words translated for display only."""

from __future__ import annotations

import os
import shutil
import unicodedata
from datetime import date
from types import SimpleNamespace

import pytest

from flows.cli import main
from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.outputs import console
from flows.outputs.messages import LANGUAGES
from flows.publishing.outcomes import MonthResult
from flows.storage import connection
from tests.chinese_script import foreign_characters
from tests.flows.conftest import paths, publish, write_month

OCT, SEP, NOV = date(2026, 10, 1), date(2026, 9, 1), date(2026, 11, 1)
# Values are shown as stored: names that read the same in both scripts keep the
# checks about labels only.
NAMES = ("王小明", "李四")
AGENTS = (
    "agent_id,agent_name,store_id,team_id,hired_on,left_on\n"
    "a1,王小明,S1,T1,2020-01-01,\na2,李四,S1,T1,2021-01-01,\n"
)
ROWS = {
    "receptions": [
        "R1,S1,a1,C1,2026-10-05 10:00",
        "R2,S1,a1,C2,2026-10-06 10:00",
        "R2,S1,a1,C2,2026-10-06 10:00",  # an exact duplicate
        "R3,S1,a1,C3,2026-09-30 10:00",  # another month
        "R4,S1,a1,C4,2026-10-32 10:00",  # not a date
        "R5,S1,a2,C9,2026-10-05 10:00",
    ],
    "surveys": ["V1,S1,a1,C1,2026-10-05 11:00,5", "V2,S1,a1,C2,2026-10-06 11:00,2"],
    "complaints": ["K1,S1,a1,C1,2026-10-08 09:00,x,N", "K2,S1,a1,C2,2026-10-09 09:00,x,"],
    "purchases": ["O1,S1,a1,C1,2026-10-10,first,", "O2,S1,a1,C2,2026-10-11,additional,C7"],
    "consultations": [
        "S1,S1,a1,C1,phone,2026-10-05 10:00,2026-10-05 10:05,2026-10-05 11:00",
        "S2,S1,a1,C2,wechat,2026-10-05 10:00,2026-10-05 10:20,2026-10-05 11:00",
    ],
}
APPEALS = ["AP1,a1,2026-10,2026-11-02,2026-11-03,void_record,survey,V2,,x,approved,Li,2026-11-04"]
# English labels that must not show in a Chinese summary.
ENGLISH = (
    "published",
    "unchanged",
    "version",
    "Month ",
    "usable",
    "Agent ",
    "Score ",
    "points",
    "Appeals",
    "approved by",
    "totalling",
    "report written",
    "rows written",
    "Scorecards",
    "Tier distribution",
    "Team rewards",
    "  month  ",
    " status ",
)


@pytest.fixture(scope="module")
def month(prefect_server, tmp_path_factory):
    """A tiny month with a duplicate, a reject, an out-of-period row, a groundless
    complaint and an applied appeal, published into an SQLite warehouse."""
    root = tmp_path_factory.mktemp("console")
    exports = write_month(root / "exports", ROWS, agents=AGENTS, appeals=APPEALS)
    # One rejected row holds the file back (min_reject_count 1), so validate says so.
    schemes = root / "schemes"
    shutil.copytree(DEFAULT_SCHEMES_DIR, schemes)
    default = schemes / "default-2026.yaml"
    default.write_text(
        default.read_text(encoding="utf-8").replace(
            "max_reject_rate: 0.02", "max_reject_rate: 0.02\n  min_reject_count: 1"
        ),
        encoding="utf-8",
    )
    p = paths(exports, f"sqlite:///{root / 'warehouse.db'}", schemes, docs=root / "docs")
    assert publish(OCT, p, allow_rejects=True).status == "published"
    os.environ.pop("KPI_WAREHOUSE_URL", None)
    return p


def printed(capsys, *argv: str, codes=(0,)) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code in codes, err
    return out


def everything(month, capsys, tmp_path, lang: str) -> str:
    """What every command prints on stdout in ``lang``, and the demo's scorecards."""
    m = ["--month", "2026-10"]
    store = ["--warehouse", month.url]
    run = [
        "--schemes",
        str(month.schemes),
        "--exports",
        str(month.exports),
        "--data-docs",
        str(month.docs),
        "--archive",
        str(month.archive),
        "--allow-rejects",
        *store,
        "--lang",
        lang,
    ]
    lang_ = ["--lang", lang]
    out = [
        # 10 % of a file rejected: "not usable", exit 1, with its reasons
        printed(
            capsys,
            "validate",
            *m,
            "--exports",
            str(month.exports),
            "--schemes",
            str(month.schemes),
            *lang_,
            codes=(1,),
        ),
        printed(capsys, "run", *m, *run, "--force"),  # published
        printed(capsys, "run", *m, *run),  # unchanged
        printed(capsys, "backfill", "--from", "2026-10", "--to", "2026-10", *run),
        printed(capsys, "approve", *m, "--by", NAMES[0], *store, *lang_),
        printed(capsys, "approve", *m, "--by", NAMES[0], *store, *lang_),  # again
        printed(capsys, "export", "payroll", *m, "--out", str(tmp_path / "p.csv"), *store, *lang_),
        printed(capsys, "status", *store, *lang_),
        printed(
            capsys, "explain", *m, "--agent", "a1", "--archive", str(month.archive), *store, *lang_
        ),
        printed(capsys, "report", *m, "--out", str(tmp_path / "report"), *store, *lang_),
        printed(
            capsys,
            "generate",
            "--out",
            str(tmp_path / "generated"),
            "--from",
            "2026-10",
            "--to",
            "2026-10",
            "--agents-per-store",
            "2",
            *lang_,
        ),
    ]
    engine = connection.connect(month.url, upgrade=False)
    try:
        out.append(console.scorecards_report(engine, OCT, lang))
        out.append(console.scorecards_report(engine, NOV, lang))  # none published
    finally:
        engine.dispose()
    return "\n".join(out)


def _cjk(text: str) -> str:
    return "".join(ch for ch in text if "CJK" in unicodedata.name(ch, ""))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_summary_is_in_one_language_and_one_script(month, capsys, tmp_path, lang):
    text = everything(month, capsys, tmp_path, lang)
    # What an invalid value's column accepts quotes the spellings of exports (values).
    accepted = {"en": "      accepted: ", "zh-CN": "      可接受：", "zh-TW": "      可接受："}[
        lang
    ]
    labels = "\n".join(line for line in text.splitlines() if not line.startswith(accepted))
    for name in NAMES:
        labels = labels.replace(name, "")
    assert not foreign_characters(labels, lang), foreign_characters(labels, lang)
    if lang == "en":
        assert not _cjk(labels), _cjk(labels)
        assert "published version" in text and "Tier distribution:" in text
        return
    assert [word for word in ENGLISH if word in text] == []
    expected = {
        "zh-CN": (
            "已发布第",
            "无变化",
            "不可用",
            "已由",
            "档次分布",
            "计入",
            "已作废",
            "报告已写入",
        ),
        "zh-TW": (
            "已發布第",
            "無變化",
            "不可用",
            "已由",
            "檔次分佈",
            "計入",
            "已作廢",
            "報告已寫入",
        ),
    }[lang]
    assert [word for word in expected if word not in text] == []


def test_the_default_is_zh_cn_and_lang_wins_over_kpi_lang(month, capsys, monkeypatch):
    monkeypatch.delenv("KPI_LANG")
    # The month's own scheme folder: status compares the files in force with the one
    # the version used (the bundled default differs from this fixture's).
    status = ["status", "--warehouse", month.url, "--schemes", str(month.schemes)]
    text = printed(capsys, *status)
    assert text.startswith("月份     当前版本") and "正常" in text
    assert not foreign_characters(text, "zh-CN")
    monkeypatch.setenv("KPI_LANG", "zh-TW")
    assert printed(capsys, *status).startswith("月份     目前版本")
    assert printed(capsys, *status, "--lang", "en").startswith("month")


def test_an_unknown_kpi_lang_is_a_usage_error_in_english(capsys, monkeypatch):
    monkeypatch.setenv("KPI_LANG", "fr")
    assert main(["status"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (
        "kpi status: KPI_LANG 'fr' is not a language this project speaks; use one of "
        "zh-CN, zh-TW, en"
    )


# ---------------------------------------------------------------- pieces, no warehouse


def test_the_published_line_names_the_report_when_the_run_wrote_one():
    result = SimpleNamespace(
        month=OCT,
        status="published",
        version=2,
        run_id="r1",
        adjustments=3,
        data_docs="docs/2026-10/r1/index.html",
        stale_months=[NOV, date(2026, 12, 1)],
        message="",
        report="reports/2026-10/index.html",
        rows={},
        warnings=[],
    )
    assert console.month_result_line(result, "en") == (
        "2026-10: published version 2 (run r1); 3 payroll adjustment(s) recorded; "
        "Data Docs: docs/2026-10/r1/index.html; report: reports/2026-10/index.html; "
        "now stale, run again: 2026-11, 2026-12"
    )
    assert console.month_result_line(result, "zh-CN") == (
        "2026-10：已发布第 2 版（运行 r1）；记录了 3 笔工资调整；"
        "Data Docs：docs/2026-10/r1/index.html；报告：reports/2026-10/index.html；"
        "以下月份已过时，请重新运行：2026-11、2026-12"
    )
    result.report, result.adjustments, result.stale_months = None, 0, []
    assert console.month_result_line(result, "zh-TW") == (
        "2026-10：已發布第 2 版（執行 r1）；Data Docs：docs/2026-10/r1/index.html"
    )
    plain = MonthResult(OCT, "published", run_id="r1", version=1)  # no report written
    assert console.month_result_line(plain, "en") == "2026-10: published version 1 (run r1)"


def test_the_line_counts_the_rows_that_did_not_count_and_the_warnings_below_it():
    rows = {"rows_rejected": 1261, "rows_duplicate": 37, "rows_out_of_period": 0}
    published = MonthResult(
        OCT, "published", run_id="r1", version=1, rows=rows, warnings=["a", "b"]
    )
    assert console.month_result_line(published, "en") == (
        "2026-10: published version 1 (run r1); not counted: 1,261 rejected, 37 duplicate, "
        "0 out of period; 2 warning(s), below"
    )
    assert console.month_result_line(published, "zh-CN") == (
        "2026-10：已发布第 1 版（运行 r1）；未计入：拒收 1,261 行，重复 37 行，期间外 0 行；"
        "2 条警告，见下"
    )
    unchanged = MonthResult(OCT, "unchanged", run_id="r2", version=1, rows=rows)
    assert console.month_result_line(unchanged, "en") == (
        "2026-10: unchanged, version 1 stays current (--force to republish); not counted: "
        "1,261 rejected, 37 duplicate, 0 out of period"
    )


def test_status_words_are_translated_for_display_only():
    results = [
        MonthResult(date(2026, 8, 1), "published", version=2, warnings=["one", "two"]),
        MonthResult(SEP, "unchanged", version=1),
        MonthResult(OCT, "failed", message="the roster is invalid\n  row 2", exit_code=3),
        MonthResult(NOV, "not run", message="2026-10 failed"),
    ]
    assert console.backfill_table(results, "en").splitlines() == [
        "month    status     version  warnings  note",
        "2026-08  published        2         2  one (+1 more)",
        "2026-09  unchanged        1            inputs, scheme and earlier months unchanged",
        "2026-10  failed                        the roster is invalid",
        "2026-11  not run                       2026-10 failed",
    ]
    results = results[1:]
    table = console.backfill_table(results, "zh-CN")
    assert table.splitlines()[0].split() == ["月份", "状态", "版本", "警告", "说明"]
    assert "无变化" in table and "失败" in table and "未运行" in table
    assert "因 2026-10 失败" in table
    assert "the roster is invalid" in table  # the operator's message stays English
    assert [r.status for r in results] == ["unchanged", "failed", "not run"]  # data as it was
    failed = console.month_result_line(results[1], "zh-TW")
    assert failed == "2026-10：失敗：the roster is invalid\n  row 2"


def test_progress_lines_follow_the_resolved_language(monkeypatch):
    assert console.progress_line(1, 3, OCT, 75, "en") == (
        "[1/3 months done] running 2026-10, elapsed 0:01:15"
    )
    monkeypatch.setenv("KPI_LANG", "zh-CN")  # what the CLI sets for the flow it starts
    assert (
        console.progress_line(1, 3, OCT, 75) == "[已完成 1/3 个月] 正在运行 2026-10，已用时 0:01:15"
    )
    assert console.progress_done(3, 12.4) == "3 个月，用时 12 秒"
    monkeypatch.setenv("KPI_LANG", "zh-TW")
    assert console.progress_done(3, 12.4) == "3 個月，用時 12 秒"
