"""`kpi demo` end to end: three generated months published, and a department's story.

The story (issue 12): most agents in tiers B-C, a few warnings, at least one team
reward, a demotion review, a complaint review and an applied appeal. It has to hold in
whatever month CI runs, so the demo runs twice: on today's date and on a January, whose
months cross a year and National Day.
"""

import contextlib
import io
import sqlite3
from datetime import date

import pytest

import flows.demo
from flows.cli import main
from transforms.months import months_between, previous_month

pytestmark = pytest.mark.slow


class _January(date):
    @classmethod
    def today(cls):
        return cls(2026, 1, 15)


def demo_months_for(today: date) -> list[date]:
    last = previous_month(today.replace(day=1))
    return months_between(previous_month(previous_month(last)), last)


@pytest.fixture(scope="module", params=["today", "january"])
def demo(request, prefect_server, tmp_path_factory):
    """One `kpi demo` into a fresh folder: (exit code, stdout, stderr, months, database)."""
    folder = tmp_path_factory.mktemp(f"demo-{request.param}")
    database = folder / "warehouse.db"
    argv = [
        "demo",
        "--exports",
        str(folder / "exports"),
        "--warehouse",
        f"sqlite:///{database}",
        "--data-docs",
        str(folder / "docs"),
        "--reports",
        str(folder / "reports"),
    ]
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "january":
            patch.setattr(flows.demo, "date", _January)
        patch.setenv("KPI_WAREHOUSE_URL", "")  # undone afterwards: --warehouse sets it
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        today = flows.demo.date.today()
    return code, out.getvalue(), err.getvalue(), demo_months_for(today), database


def story(database, month: date) -> dict:
    """The month's story as the warehouse's current rows tell it."""
    con = sqlite3.connect(database)
    m = f"{month:%Y-%m-%d}"
    agents = con.execute(
        "SELECT tier, is_warning, is_demotion_review, is_complaint_review "
        "FROM v_kpi_agent_current WHERE month_start = ?",
        (m,),
    ).fetchall()
    teams = con.execute(
        "SELECT is_team_reward FROM v_kpi_team_current WHERE month_start = ?", (m,)
    ).fetchall()
    appeals = con.execute(
        "SELECT is_applied, reason FROM kpi_appeal_outcome WHERE month_start = ? AND is_current",
        (m,),
    ).fetchall()
    con.close()
    return {
        "agents": len(agents),
        "tiers B-C": sum(tier in ("B", "C") for tier, *_ in agents),
        "warnings": sum(bool(a[1]) for a in agents),
        "demotion reviews": sum(bool(a[2]) for a in agents),
        "complaint reviews": sum(bool(a[3]) for a in agents),
        "team rewards": sum(bool(t[0]) for t in teams),
        "applied appeals": sum(bool(a[0]) for a in appeals),
        "appeal outcomes": {a[1] or "applied" for a in appeals},
    }


def test_the_demo_publishes_three_months_and_prints_the_latest_scorecards(demo):
    code, out, err, months, _ = demo
    assert code == 0, err
    assert err == ""
    first, last = f"{months[0]:%Y-%m}", f"{months[-1]:%Y-%m}"
    assert out.startswith(f"Generating sample exports for {first}..{last} into ")
    for month in months:
        assert f"\n{month:%Y-%m}  published        1\n" in out
    scorecards = out[out.index(f"Scorecards {last} (version 1):") :]
    assert "Tier distribution:" in scorecards and "Team rewards:" in scorecards
    assert "warning, demotion review" in scorecards and "complaint review" in scorecards
    rewards = scorecards[scorecards.index("Team rewards:") :].splitlines()
    assert any(line.endswith(" yes") for line in rewards)
    assert any(line.endswith(" no") for line in rewards)


def test_the_demo_writes_the_latest_months_report_and_says_where(demo):
    code, out, _, months, database = demo
    index = database.parent / "reports" / f"{months[-1]:%Y-%m}" / "v1" / "index.html"
    assert code == 0 and index.is_file()
    assert out.rstrip().splitlines()[-1] == (
        f"Open the {months[-1]:%Y-%m} report in a browser: {index.resolve().as_uri()}"
    )
    for month in months:  # every published month wrote its own
        assert (database.parent / "reports" / f"{month:%Y-%m}" / "index.html").is_file()


def test_the_demo_tells_a_departments_story(demo):
    code, _, err, months, database = demo
    assert code == 0, err
    latest = story(database, months[-1])
    assert latest["tiers B-C"] > latest["agents"] / 2  # most agents
    assert 1 <= latest["warnings"] <= 3  # a few
    assert latest["team rewards"] >= 1
    assert latest["demotion reviews"] >= 1
    assert 1 <= latest["complaint reviews"] <= 2
    for month in months:  # every month: a believable department, an appeal that applied
        told = story(database, month)
        assert told["warnings"] <= 3 and told["demotion reviews"] <= 2, (month, told)
        assert told["team rewards"] >= 1, (month, told)
        assert told["applied appeals"] >= 1, (month, told)
    outcomes = set().union(*(story(database, m)["appeal outcomes"] for m in months))
    assert len(outcomes) >= 4  # not only applied ones: rejected, pending, mismatches ...


def test_the_demos_report_closes_the_loop(demo):
    """The latest month's report shows an outstanding performer, a warned agent without
    an interview, the interviewed agents' goals followed up (met and missed among them),
    the training plan; and the warehouse follows every goal up."""
    code, _, err, months, database = demo
    assert code == 0, err
    index = (database.parent / "reports" / f"{months[-1]:%Y-%m}" / "index.html").read_text(
        encoding="utf-8"
    )
    for listed in ("action-recognized", "action-no_interview", "action-plan_due"):
        assert f'<ul class="actions {listed}">' in index, listed
    assert '<section class="training">' in index and "<td>服务技巧</td>" in index
    with contextlib.closing(sqlite3.connect(database)) as conn:
        statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM v_improvement_plan")}
        (recognised,) = conn.execute(
            "SELECT COUNT(*) FROM v_kpi_agent_current WHERE is_recognized"
        ).fetchone()
    assert {"met", "missed"} <= statuses
    assert recognised == 1  # the outstanding agent, in the third month
