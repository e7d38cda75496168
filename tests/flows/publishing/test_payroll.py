"""The payroll lifecycle: sign-off, frozen versions, identical re-exports, adjustments
paid exactly once and only when their version is approved, the file in payroll's
language."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import fastexcel
import polars as pl
import pytest

from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.outputs.messages import catalogue
from flows.publishing.payroll import PayrollExportError, approve, export_payroll
from tests.flows.conftest import AGENTS, paths, publish, query, write_month
from transforms.payroll import PAYROLL_COLUMNS

AUG, SEP, OCT = date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)
APPEALS = (
    "appeal_id,agent_id,month,feedback_on,filed_on,kind,record_type,record_id,"
    "score_delta,reason,status,decided_by,decided_on\n"
)


def read_csv(path, language: str = "zh-CN") -> pl.DataFrame:
    """A payroll CSV with its headers and line types back to their keys."""
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows
    frame = pl.read_csv(path, infer_schema=False)
    return _keys(frame, language)


def read_xlsx(path, language: str = "zh-CN") -> pl.DataFrame:
    sheet = fastexcel.read_excel(str(path)).load_sheet(0, dtypes="string").to_polars()
    return _keys(sheet, language)


def _keys(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    t = catalogue(language)
    assert frame.columns == [t(f"payroll.column.{c}") for c in PAYROLL_COLUMNS]
    lines = {t(f"payroll.line.{k}"): k for k in ("bonus", "adjustment", "subtotal", "total")}
    return frame.rename(dict(zip(frame.columns, PAYROLL_COLUMNS, strict=True))).with_columns(
        pl.col("line_type").replace_strict(lines)
    )


def adjust_score(exports, month: date, agent: str, delta: int, appeal: str) -> None:
    """An approved adjust_score appeal about ``month`` in its folder."""
    (exports / f"{month:%Y-%m}" / "appeals.csv").write_text(
        APPEALS + f"{appeal},{agent},{month:%Y-%m},{month.replace(day=28)},"
        f"{month.replace(day=28)},adjust_score,,,{delta},复核,approved,经理,"
        f"{month.replace(day=28)}\n",
        encoding="utf-8",
    )


@pytest.fixture
def exports(generated_exports, tmp_path):
    """A copy of the generated months whose appeals this test may change."""
    root = tmp_path / "exports"
    shutil.copytree(generated_exports, root)
    return root


def test_only_approved_versions_are_paid_and_each_adjustment_once(
    prefect_server, exports, tmp_path, url
):
    run_paths = paths(exports, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs")
    publish(AUG, run_paths)
    publish(SEP, run_paths)
    # Not approved: refused, nothing written, nothing recorded.
    with pytest.raises(PayrollExportError) as refused:
        export_payroll(AUG, tmp_path / "aug.csv")
    assert refused.value.exit_code == 3
    assert refused.value.for_operator() == (
        "2026-08: version 1 is not approved, and only approved versions are paid; the "
        "department head signs it off with: kpi approve --month 2026-08 --version 1 --by NAME"
    )
    assert not (tmp_path / "aug.csv").exists()
    assert query(url, "SELECT COUNT(*) AS n FROM kpi_payroll_export")["n"].item() == 0

    assert approve(AUG, "王经理", note="checked").is_new
    assert not approve(AUG, "李主管").is_new  # approving again changes nothing
    august = export_payroll(AUG, tmp_path / "aug.csv")
    assert (august.is_first, august.version, august.waiting.height) == (True, 1, 0)

    # August is republished after an appeal: version 2 pays the agent more.
    low = query(
        url,
        "SELECT agent_id, bonus_amount, score, tier FROM v_kpi_agent_current "
        "WHERE month_start = :m AND tier IN ('D', 'E') ORDER BY agent_id",
        m=AUG,
    ).row(0, named=True)
    adjust_score(exports, AUG, low["agent_id"], 100, "AP-AUG-1")
    republished = publish(AUG, run_paths)
    assert (republished.version, republished.adjustments) == (2, 1)

    # September's first export: August's adjustment waits for version 2's approval.
    approve(SEP, "王经理")
    september = export_payroll(SEP, tmp_path / "sep.csv")
    assert set(read_csv(tmp_path / "sep.csv")["line_type"]) == {"bonus", "subtotal", "total"}
    assert september.waiting.select("month_start", "to_version", "count", "waits_for").rows() == [
        (AUG, 2, 1, "approval")
    ]
    with pytest.raises(PayrollExportError, match="only the current version can be approved"):
        approve(AUG, "王经理", version=1)
    approve(AUG, "王经理", version=2)

    # October's first export carries it, once, and says why.
    publish(OCT, run_paths)
    approve(OCT, "王经理")
    october = export_payroll(OCT, tmp_path / "oct.csv")
    assert october.waiting.height == 0
    lines = read_csv(tmp_path / "oct.csv")
    carried = lines.filter(pl.col("line_type") == "adjustment").row(0, named=True)
    assert {
        k: carried[k]
        for k in (
            "for_month",
            "agent_id",
            "paid_version",
            "from_version",
            "to_version",
            "tier_before",
            "appeal_ids",
        )
    } == {
        "for_month": "2026-08",
        "agent_id": low["agent_id"],
        "paid_version": "1",
        "from_version": "1",
        "to_version": "2",
        "tier_before": low["tier"],
        "appeal_ids": "AP-AUG-1",
    }
    assert Decimal(carried["score_before"]) == Decimal(str(low["score"]))
    assert (carried["score_after"], carried["tier_after"]) == ("100.00", "A")
    assert Decimal(carried["amount"]) == Decimal("2000.00") - Decimal(str(low["bonus_amount"]))
    # Store subtotals and the total add up the lines.
    money = lines.with_columns(pl.col("amount").cast(pl.Decimal(14, 2)))
    items = money.filter(pl.col("line_type").is_in(["bonus", "adjustment"]))
    subtotals = money.filter(pl.col("line_type") == "subtotal")
    assert (
        subtotals.sort("store_id")["amount"].to_list()
        == items.group_by("store_id")
        .agg(pl.col("amount").sum())
        .sort("store_id")["amount"]
        .to_list()
    )
    assert money.filter(pl.col("line_type") == "total")["amount"].item() == items["amount"].sum()
    assert lines["line_type"][-1] == "total"

    # Exporting again reproduces the files and carries nothing twice.
    export_payroll(OCT, tmp_path / "oct-again.csv")
    export_payroll(AUG, tmp_path / "aug-again.csv")
    assert (tmp_path / "oct-again.csv").read_bytes() == (tmp_path / "oct.csv").read_bytes()
    assert (tmp_path / "aug-again.csv").read_bytes() == (tmp_path / "aug.csv").read_bytes()
    marks = query(
        url, "SELECT export_id, COUNT(*) AS n FROM kpi_payroll_adjustment GROUP BY export_id"
    )
    assert marks.rows() == [(october.export_id, 1)]
    exports_made = query(
        url,
        "SELECT month_start, version, original_export_id "
        "FROM kpi_payroll_export ORDER BY created_at",
    )
    assert [(str(m), v, o is not None) for m, v, o in exports_made.rows()] == [
        ("2026-08-01", 1, False),
        ("2026-09-01", 1, False),
        ("2026-10-01", 1, False),
        ("2026-10-01", 1, True),
        ("2026-08-01", 1, True),
    ]
    status = query(
        url,
        "SELECT month_start, current_version, approved_version, "
        "exported_version, adjustments_recorded, adjustments_carried, "
        "adjustments_waiting FROM v_month_status ORDER BY month_start",
    )
    assert [tuple(r[1:]) for r in status.rows()] == [
        (2, 2, 1, 1, 1, 0),
        (1, 1, 1, 0, 0, 0),
        (1, 1, 1, 0, 0, 0),
    ]
    bonus = query(
        url,
        "SELECT month_start, is_approved FROM v_payroll_bonus GROUP BY "
        "month_start, is_approved ORDER BY month_start",
    )
    assert [bool(a) for a in bonus["is_approved"]] == [True, True, True]


def test_approving_a_later_version_approves_the_adjustments_on_the_way_to_it(
    prefect_server, exports, tmp_path, url
):
    """Version 2 was never approved, and cannot be once version 3 is current: approving 3
    lets the next export carry 1 -> 2 and 2 -> 3, so payroll pays version 3 in all."""
    from flows.outputs import console_status

    run_paths = paths(exports, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs")
    publish(AUG, run_paths)
    approve(AUG, "王经理")
    export_payroll(AUG, tmp_path / "aug.csv")
    agent = query(
        url,
        "SELECT agent_id FROM v_kpi_agent_current WHERE month_start = :m "
        "AND tier IN ('D', 'E') ORDER BY agent_id",
        m=AUG,
    )["agent_id"][0]
    adjust_score(exports, AUG, agent, 100, "AP-1")
    assert publish(AUG, run_paths).version == 2
    adjust_score(exports, AUG, agent, 5, "AP-2")
    assert publish(AUG, run_paths).version == 3
    approve(AUG, "王经理")  # version 3, the current one
    publish(SEP, run_paths)
    approve(SEP, "王经理")
    september = export_payroll(SEP, tmp_path / "sep.csv")
    assert september.waiting.height == 0
    lines = read_csv(tmp_path / "sep.csv").filter(pl.col("line_type") == "adjustment")
    assert lines.select("agent_id", "from_version", "to_version").rows() == [
        (agent, "1", "2"),
        (agent, "2", "3"),
    ]
    bonus = query(
        url,
        "SELECT version, bonus_amount FROM kpi_agent_monthly WHERE month_start = :m "
        "AND agent_id = :a ORDER BY version",
        m=AUG,
        a=agent,
    )["bonus_amount"].to_list()
    paid = sum(Decimal(a) for a in lines["amount"])
    assert paid == Decimal(str(bonus[2])) - Decimal(str(bonus[0]))
    views = query(
        url,
        "SELECT a.is_approved, s.adjustments_waiting, s.carried_by FROM v_payroll_adjustment a "
        "JOIN v_month_status s ON s.month_start = a.month_start ORDER BY a.to_version",
    )
    assert [(bool(r[0]), r[1], r[2]) for r in views.rows()] == [(True, 0, None)] * 2
    # A version 4 that moves a score but no bonus: approving it says nothing is waiting.
    top = query(
        url,
        "SELECT agent_id FROM v_kpi_agent_current WHERE month_start = :m ORDER BY score DESC",
        m=AUG,
    )["agent_id"][0]
    day = AUG.replace(day=28)
    (exports / "2026-08" / "appeals.csv").write_text(
        APPEALS
        + "".join(
            f"{appeal},{who},2026-08,{day},{day},adjust_score,,,{delta},复核,approved,经理,{day}\n"
            for appeal, who, delta in (("AP-2", agent, 5), ("AP-3", top, "0.01"))
        ),
        encoding="utf-8",
    )
    assert publish(AUG, run_paths).version == 4
    done = approve(AUG, "王经理")
    assert console_status.approval_line(done, AUG, "en").endswith(
        "payroll has already carried every difference of the month: nothing is waiting"
    )


def test_a_first_export_absorbs_adjustments_already_in_the_paid_version(
    prefect_server, exports, tmp_path, url
):
    run_paths = paths(exports, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs")
    publish(OCT, run_paths)
    agent = query(url, "SELECT MIN(agent_id) AS a FROM v_payroll_bonus WHERE tier <> 'A'")
    adjust_score(exports, OCT, agent["a"].item(), 100, "AP1")
    assert publish(OCT, run_paths).adjustments == 1
    approve(OCT, "王经理")
    result = export_payroll(OCT, tmp_path / "oct.xlsx")
    assert result.version == 2  # the current version is frozen
    sheet = read_xlsx(tmp_path / "oct.xlsx")
    assert set(sheet["line_type"]) == {"bonus", "subtotal", "total"}  # v2 includes it
    pending = query(
        url, "SELECT COUNT(*) AS n FROM kpi_payroll_adjustment WHERE export_id IS NULL"
    )["n"][0]
    assert pending == 0  # absorbed: never paid again later


def test_the_file_speaks_payrolls_language_and_reads_well_in_excel(
    prefect_server, generated_exports, tmp_path, sqlite_url
):
    publish(OCT, paths(generated_exports, sqlite_url, DEFAULT_SCHEMES_DIR, tmp_path / "docs"))
    approve(OCT, "王经理")
    export_payroll(OCT, tmp_path / "zh.xlsx")
    for language in ("zh-TW", "en"):
        export_payroll(OCT, tmp_path / f"{language}.csv", language=language)
        read_csv(tmp_path / f"{language}.csv", language)  # headers of that language
    sheet = read_xlsx(tmp_path / "zh.xlsx")  # zh-CN headers by default
    assert sheet["line_type"].to_list()[-1] == "total"
    with zipfile.ZipFile(tmp_path / "zh.xlsx") as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(
        r'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        r'state="frozen"/>',
        xml,
    )
    assert f'<autoFilter ref="A1:T{sheet.height + 1}"/>' in xml
    assert "<cols>" in xml and 'customWidth="1"' in xml


def test_formula_text_is_neutralised_in_csv_and_xlsx(prefect_server, tmp_path, url):
    agents = AGENTS.replace("李娜", "=cmd|' /C calc'!A0").replace("王伟", "@SUM(A1)")
    root = write_month(tmp_path / "exports", agents=agents)
    publish(OCT, paths(root, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs"))
    approve(OCT, "=HYPERLINK(x)")
    export_payroll(OCT, tmp_path / "p.csv")
    export_payroll(OCT, tmp_path / "p.xlsx")
    names = set(read_csv(tmp_path / "p.csv")["agent_name"].drop_nulls())
    assert names == {"'=cmd|' /C calc'!A0", "'@SUM(A1)"}
    sheet = read_xlsx(tmp_path / "p.xlsx")
    assert set(sheet["agent_name"].drop_nulls()) == names
    # The warehouse keeps the text as it was exported (verbatim, parameters not SQL).
    stored = set(query(url, "SELECT agent_name FROM kpi_agent_monthly")["agent_name"])
    assert stored == {"=cmd|' /C calc'!A0", "@SUM(A1)"}
    assert (
        query(url, "SELECT approved_by FROM kpi_payroll_approval")["approved_by"].item()
        == "=HYPERLINK(x)"
    )


def test_exporting_and_approving_need_a_published_month_and_a_known_format(
    prefect_server, tmp_path, sqlite_url, monkeypatch
):
    monkeypatch.setenv("KPI_WAREHOUSE_URL", sqlite_url)
    from flows.storage import connection

    connection.connect(sqlite_url).dispose()  # a warehouse with nothing published yet
    with pytest.raises(PayrollExportError, match="no published version; run the month first"):
        export_payroll(OCT, tmp_path / "p.csv")
    with pytest.raises(PayrollExportError, match="no published version to approve"):
        approve(OCT, "王经理")
    with pytest.raises(PayrollExportError, match="must end in .xlsx or .csv"):
        export_payroll(OCT, tmp_path / "p.txt")


def _low_agent(url, month: date) -> str:
    return query(
        url,
        "SELECT MIN(agent_id) AS a FROM v_kpi_agent_current "
        "WHERE month_start = :m AND tier IN ('D', 'E')",
        m=month,
    )["a"].item()


def test_every_message_names_the_export_that_carries_an_adjustment(
    prefect_server, exports, tmp_path, url
):
    """Only the first export of a month not exported yet (from the adjusted month on)
    carries an approved adjustment: the approval, the waiting lines, `kpi status` and
    `v_month_status` say which, in every language."""
    from flows.outputs import console_status
    from flows.storage import connection, reads

    run_paths = paths(exports, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs")
    for month in (AUG, SEP, OCT):
        publish(month, run_paths)
    for month in (AUG, OCT):  # September is left unexported
        approve(month, "王经理")
        export_payroll(month, tmp_path / f"{month:%m}.csv")

    def status(lang="en") -> str:
        engine = connection.connect(url)
        with engine.connect() as conn:
            months = reads.month_status(conn)
        engine.dispose()
        return console_status.status_table(months, lang)

    def carried_by(month: date) -> str:
        return query(url, "SELECT carried_by FROM v_month_status WHERE month_start = :m", m=month)[
            "carried_by"
        ].item()

    # August's adjustment: September's first export carries it (not "the next export").
    adjust_score(exports, AUG, _low_agent(url, AUG), 100, "AP-AUG-1")
    assert publish(AUG, run_paths).version == 2
    done = approve(AUG, "王经理")
    shanghai = done.approved_at.astimezone(ZoneInfo("Asia/Shanghai"))  # KPI_TIMEZONE unset
    when = f"{shanghai:%Y-%m-%d %H:%M} Asia/Shanghai"
    from_sep = "the first payroll export of a month from 2026-09 on that is not exported yet"
    assert console_status.approval_line(done, AUG, "en") == (
        f"2026-08: version 2 approved by 王经理 ({when}); its adjustments to the version "
        f"paid are carried by {from_sep} (kpi approve --month 2026-09 --by NAME; kpi export "
        "payroll --month 2026-09)"
    )
    assert console_status.approval_line(done, AUG, "zh-CN") == (
        f"2026-08：第 2 版已由 王经理 批准（{when}）；与已发放版本的差额由2026-09起尚未导出的"
        "某月首次导出工资文件发放（kpi approve --month 2026-09 --by NAME; kpi export payroll "
        "--month 2026-09）"
    )
    assert console_status.approval_line(done, AUG, "zh-TW") == (
        f"2026-08：第 2 版已由 王经理 核准（{when}）；與已發放版本的差額由2026-09起尚未匯出的"
        "某月首次匯出薪資檔案發放（kpi approve --month 2026-09 --by NAME; kpi export payroll "
        "--month 2026-09）"
    )
    assert carried_by(AUG) == from_sep
    assert f"{from_sep}" in status()
    assert "2026-09起尚未导出的某月首次导出工资文件" in status("zh-CN")
    # Re-exporting October carries nothing, and says what would.
    again = export_payroll(OCT, tmp_path / "10-again.csv")
    assert (again.lines["line_type"] == "adjustment").sum() == 0
    assert console_status.waiting_lines(again.waiting, "en")[1].endswith(
        f"waiting for {from_sep} (kpi export payroll --month 2026-09)"
    )
    # September's first export carries it, as promised (and pays September's version).
    assert console_status.approval_line(approve(SEP, "王经理"), SEP, "en").endswith(
        "; kpi export payroll --month 2026-09 pays it"
    )
    september = export_payroll(SEP, tmp_path / "09.csv")
    lines = read_csv(tmp_path / "09.csv")
    assert lines.filter(pl.col("line_type") == "adjustment")["for_month"].to_list() == ["2026-08"]
    assert september.waiting.is_empty() and carried_by(AUG) is None

    # September's own adjustment, every month up to October exported: a month after it.
    adjust_score(exports, SEP, _low_agent(url, SEP), 100, "AP-SEP-1")
    assert publish(SEP, run_paths).version == 2
    done = approve(SEP, "王经理")
    after_oct = "the first payroll export of a month after 2026-10 (the latest exported)"
    assert console_status.approval_line(done, SEP, "en").endswith(
        f"carried by {after_oct} (kpi approve --month 2026-11 --by NAME; kpi export payroll "
        "--month 2026-11)"
    )
    assert console_status.approval_line(done, SEP, "zh-CN").endswith(
        "由2026-10（最近导出的月份）之后某月首次导出工资文件发放（kpi approve --month 2026-11 "
        "--by NAME; kpi export payroll --month 2026-11）"
    )
    assert carried_by(SEP) == after_oct
    assert after_oct in status()
    assert "2026-10（最近匯出的月份）之後某月首次匯出薪資檔案" in status("zh-TW")
    for month in (SEP, OCT):  # exporting months exported before carries nothing
        result = export_payroll(month, tmp_path / f"{month:%m}-again.csv")
        again = (tmp_path / f"{month:%m}-again.csv").read_bytes()
        assert again == (tmp_path / f"{month:%m}.csv").read_bytes()  # nothing more carried
        assert console_status.waiting_lines(result.waiting, "en")[1].endswith(
            f"waiting for {after_oct} (kpi export payroll --month 2026-11)"
        )


def _refusing_export_rows(url: str, tmp_path) -> str:
    """The warehouse at ``url`` through a connection that can read it but cannot record
    an export: SQLite opened read-only (a URI filename), or a PostgreSQL user without
    INSERT on kpi_payroll_export."""
    import uuid

    import sqlalchemy as sa

    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///file:{parsed.database}?mode=ro&uri=true"
    role = f"clerk_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(parsed, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in (
            f"CREATE ROLE {role} LOGIN",
            f"GRANT CONNECT, TEMPORARY ON DATABASE {parsed.database} TO {role}",
            f"GRANT USAGE, CREATE ON SCHEMA public TO {role}",
            f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role}",
            f"REVOKE INSERT ON kpi_payroll_export FROM {role}",
        ):
            conn.exec_driver_sql(statement)
    engine.dispose()
    return parsed.set(username=role).render_as_string(hide_password=False)


def test_an_export_the_warehouse_refuses_leaves_no_file(
    prefect_server, generated_exports, tmp_path, url, monkeypatch
):
    """The file and the export's row are all or nothing: when the row cannot be written,
    nothing is at --out (or what was there stays as it was) and nothing is recorded."""
    from flows.common.errors import KpiError

    publish(OCT, paths(generated_exports, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs"))
    approve(OCT, "王经理")
    monkeypatch.setenv("KPI_WAREHOUSE_URL", _refusing_export_rows(url, tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KpiError) as refused:  # the warehouse layer's error, in words
        export_payroll(OCT, out / "p.xlsx")
    assert refused.value.exit_code == 4
    (out / "p.csv").write_bytes(b"last month's file")  # replaced only when asked to
    with pytest.raises(KpiError):
        export_payroll(OCT, out / "p.csv", overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == ["p.csv"]  # no temp file either
    assert (out / "p.csv").read_bytes() == b"last month's file"
    monkeypatch.setenv("KPI_WAREHOUSE_URL", url)
    assert query(url, "SELECT COUNT(*) AS n FROM kpi_payroll_export")["n"].item() == 0
    # The same export on a warehouse that takes it works, and leaves only the file.
    first = export_payroll(OCT, out / "p.csv", overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == ["p.csv"]
    assert read_csv(out / "p.csv")["export_id"][0] == first.export_id


def test_re_exports_say_what_the_file_holds_in_one_word_per_concept(
    prefect_server, generated_exports, tmp_path, url
):
    """The tier header is the console's and the report's word; the CSV ends with a newline
    and a re-export is byte-identical; a re-export in another language does not claim to
    be unchanged and prints the export id its file carries; the report's payroll line
    uses Chinese punctuation in Chinese."""
    from flows.common.settings import local_time, time_zone
    from flows.outputs import console_status
    from flows.outputs.site import write_site
    from flows.storage import connection

    publish(OCT, paths(generated_exports, url, DEFAULT_SCHEMES_DIR, tmp_path / "docs"))
    done = approve(OCT, "王经理")
    first = export_payroll(OCT, tmp_path / "zh.csv")
    header = (tmp_path / "zh.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    for language, word in (("zh-CN", "档次"), ("zh-TW", "檔次")):
        t = catalogue(language)
        assert t("payroll.column.tier") == t("console.column.tier") == word
        assert word[0] not in t("payroll.column.tier_before").replace(word, "")
    assert "档次" in header.split(",") and "档位" not in header
    assert (tmp_path / "zh.csv").read_bytes().endswith(b"\n")
    again = export_payroll(OCT, tmp_path / "zh-again.csv")
    assert (tmp_path / "zh-again.csv").read_bytes() == (tmp_path / "zh.csv").read_bytes()
    english = export_payroll(OCT, tmp_path / "en.csv", language="en")
    for result, path in ((again, "zh-again.csv"), (english, "en.csv")):
        carried = read_csv(tmp_path / path, "en" if path == "en.csv" else "zh-CN")["export_id"]
        assert result.file_id == first.export_id == carried[0] != result.export_id
        assert f" {first.export_id}, " in console_status.export_line(result, OCT, "en")
    line = console_status.export_line(english, OCT, "en")
    assert "unchanged" not in line and "re-exported (the month's first export: the same" in line
    engine = connection.connect(url)
    # The page dates the approval in the dealership's zone: after 16:00 UTC that is the
    # next day in Shanghai.
    on = local_time(done.approved_at, time_zone())
    try:
        for language, text in (
            ("zh-CN", f"工资发放：已由 王经理 于 {on:%Y-%m-%d} 批准；已导出"),
            ("zh-TW", f"薪資發放：已由 王经理 於 {on:%Y-%m-%d} 核准；已匯出"),
            ("en", f"Payroll: Approved by 王经理 on {on:%Y-%m-%d}; exported"),
        ):
            index = write_site(engine, OCT, out_dir=tmp_path / language, lang=language)
            assert text in index.read_text(encoding="utf-8"), language
    finally:
        engine.dispose()


def test_an_unrelated_file_at_out_is_refused_unless_overwrite(
    prefect_server, tmp_path, url, capsys
):
    """kpi export payroll --out FILE replaces only a payroll file this warehouse exported
    (it recognises the export id every line carries); any other file is refused, exit 3,
    nothing written or recorded, unless --overwrite."""
    import xlsxwriter

    from flows.cli import main

    surveys = [f"S{i},S1,a1,C{i},2026-10-05 10:00:00,5" for i in range(3)]
    publish(OCT, paths(write_month(tmp_path / "exports", {"surveys": surveys}), url))
    approve(OCT, "王经理")
    mine = tmp_path / "budget.csv"
    mine.write_text("item,amount\nPE202610-0123456789,5\n", encoding="utf-8")  # an id unknown here
    book = xlsxwriter.Workbook(str(tmp_path / "plan.xlsx"))
    book.add_worksheet().write_string(0, 0, "team plan")
    book.close()
    plan = (tmp_path / "plan.xlsx").read_bytes()
    for foreign in (mine, tmp_path / "plan.xlsx"):
        before = foreign.read_bytes()
        code = main(["export", "payroll", "--month", "2026-10", "--out", str(foreign)])
        assert code == 3
        assert capsys.readouterr().err == (
            f"kpi export: 2026-10: {foreign} exists and is not a payroll file this warehouse "
            "exported (it carries no export id of kpi_payroll_export); nothing was written or "
            "recorded. Choose another --out, or add --overwrite to replace it\n"
        )
        assert foreign.read_bytes() == before
    assert query(url, "SELECT COUNT(*) AS n FROM kpi_payroll_export")["n"].item() == 0

    first = export_payroll(OCT, tmp_path / "oct.xlsx")  # a new file: no question
    assert (tmp_path / "oct.xlsx").read_bytes() != plan
    again = export_payroll(OCT, tmp_path / "oct.xlsx")  # its own file: replaced
    assert again.file_id == first.export_id
    (tmp_path / "oct.csv").write_bytes((tmp_path / "oct.xlsx").read_bytes())
    export_payroll(OCT, tmp_path / "oct.csv")  # an export of this warehouse, any format
    assert read_csv(tmp_path / "oct.csv")["export_id"].unique().to_list() == [first.export_id]
    assert main(["export", "payroll", "--month", "2026-10", "--out", str(mine), "--overwrite"]) == 0
    assert read_csv(mine, "en")["export_id"].unique().to_list() == [first.export_id]


def test_a_reversal_line_says_why_and_which_version_payroll_had_paid(prefect_server, tmp_path, url):
    """October paid at version 1; AP1 (+40 points: tier E -> A, +2000) makes version 2,
    carried by November's file; AP1 rejected after all makes version 3 (-2000), carried by
    December's. Its line says why (AP1 no longer applied, the scores and tiers) and that
    payroll had paid version 2 (November's line), not 1."""
    root = tmp_path / "exports"
    for month in ("2026-12", "2026-11", "2026-10"):
        surveys = [f"S{i},S1,a1,C{i},{month}-05 10:00:00,4" for i in range(3)]
        write_month(root, {"surveys": surveys})
        if month != "2026-10":
            (root / "2026-10").rename(root / month)
    run_paths = paths(root, url)
    nov, dec = date(2026, 11, 1), date(2026, 12, 1)

    def appeal(status: str) -> None:
        (root / "2026-10" / "appeals.csv").write_text(
            APPEALS + f"AP1,a1,2026-10,2026-10-28,2026-10-29,adjust_score,,,40,复核,{status},"
            "经理,2026-10-30\n",
            encoding="utf-8",
        )

    publish(OCT, run_paths)
    approve(OCT, "王经理")
    export_payroll(OCT, tmp_path / "oct.csv")
    appeal("approved")
    assert publish(OCT, run_paths).adjustments == 1
    approve(OCT, "王经理")
    publish(nov, run_paths)
    approve(nov, "王经理")
    export_payroll(nov, tmp_path / "nov.csv")
    appeal("rejected")
    assert publish(OCT, run_paths).adjustments == 1
    approve(OCT, "王经理")
    publish(dec, run_paths)
    approve(dec, "王经理")
    export_payroll(dec, tmp_path / "dec.csv", language="en")

    columns = (
        "for_month",
        "agent_id",
        "paid_version",
        "from_version",
        "to_version",
        "score_before",
        "score_after",
        "tier_before",
        "tier_after",
        "appeal_ids",
        "appeals_withdrawn",
        "amount",
    )
    november = read_csv(tmp_path / "nov.csv").filter(pl.col("line_type") == "adjustment")
    assert november.select(columns).rows() == [
        ("2026-10", "a1", "1", "1", "2", "50.00", "90.00", "E", "A", "AP1", None, "2000.00")
    ]
    december = read_csv(tmp_path / "dec.csv", "en").filter(pl.col("line_type") == "adjustment")
    assert december.select(columns).rows() == [
        ("2026-10", "a1", "2", "2", "3", "90.00", "50.00", "A", "E", None, "AP1", "-2000.00")
    ]
    # Exporting November again reproduces its file, byte for byte.
    export_payroll(nov, tmp_path / "nov-again.csv")
    assert (tmp_path / "nov-again.csv").read_bytes() == (tmp_path / "nov.csv").read_bytes()
