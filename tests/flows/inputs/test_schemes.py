"""Scheme files: strict validation naming file and key, and which file a month uses."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from flows.common.errors import SchemeError
from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.inputs.schemes import load_scheme_file, period_for_month, scheme_for_month
from transforms.months import months_between
from transforms.periods import Period

DEFAULT = yaml.safe_load((DEFAULT_SCHEMES_DIR / "default-2026.yaml").read_text())


def write(folder: Path, name: str, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def changed(path: list, value) -> dict:
    data = yaml.safe_load(yaml.safe_dump(DEFAULT))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def test_the_bundled_default_matches_scheme_md():
    scheme = scheme_for_month(DEFAULT_SCHEMES_DIR, date(2026, 10, 1)).scheme
    assert scheme.version == "default-2026"
    assert [(t.tier, t.min_score, t.bonus) for t in scheme.tiers] == [
        ("A", 90, 2000),
        ("B", 80, 1500),
        ("C", 70, 1000),
        ("D", 60, 500),
        ("E", 0, 0),
    ]
    assert scheme.metrics.timeliness.sla.limits()["wechat"] == (15, 24)
    assert scheme.data_quality.max_reject_rate == 0.02


def test_a_month_uses_the_latest_file_effective_on_its_first_day(tmp_path):
    write(tmp_path, "a.yaml", DEFAULT)
    write(
        tmp_path, "b.yaml", {**DEFAULT, "version": "2026-11", "effective_from": date(2026, 11, 1)}
    )
    assert scheme_for_month(tmp_path, date(2026, 10, 1)).scheme.version == "default-2026"
    assert scheme_for_month(tmp_path, date(2026, 11, 1)).scheme.version == "2026-11"
    assert scheme_for_month(tmp_path, date(2027, 3, 1)).scheme.version == "2026-11"
    with pytest.raises(SchemeError, match="no scheme is effective for 2019-12"):
        scheme_for_month(tmp_path, date(2019, 12, 1))


def test_two_files_with_one_effective_from_fail(tmp_path):
    write(tmp_path, "a.yaml", DEFAULT)
    write(tmp_path, "b.yaml", {**DEFAULT, "version": "other"})
    with pytest.raises(SchemeError, match="a.yaml and b.yaml .* both effective from 2020-01-01"):
        scheme_for_month(tmp_path, date(2026, 10, 1))


def test_an_empty_folder_fails(tmp_path):
    with pytest.raises(SchemeError, match="no scheme files"):
        scheme_for_month(tmp_path, date(2026, 10, 1))


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ["metrics", "satisfaction", "weight"],
            45,
            "metrics: metric weights must sum to 100, not 105",
        ),
        (
            ["metrics", "loyalty", "referral_rate", "share"],
            0.4,
            "metrics.loyalty: .*shares must sum to 1",
        ),
        (
            ["tiers"],
            [
                {"tier": "A", "min_score": 60, "bonus": 1},
                {"tier": "B", "min_score": 90, "bonus": 2},
            ],
            "descending",
        ),
        (["tiers"], [{"tier": "A", "min_score": 90, "bonus": 1}], "must have min_score 0"),
        (
            ["metrics", "complaint_rate", "best"],
            0.05,
            "metrics.complaint_rate: .*worst must differ from best",
        ),
        (["metrics", "timeliness", "min_samples"], 0, "metrics.timeliness.min_samples: "),
        (["penalties"], KeyError, "penalties: missing key"),
        (["penalties", "bonus_cap"], 3, "penalties.bonus_cap: unknown key"),
        (["metrics", "satisfaction", "weight"], "forty", "metrics.satisfaction.weight"),
        (["metrics", "timeliness", "sla", "fax"], {"response_minutes": 1}, "sla.fax: unknown key"),
    ],
)
def test_a_malformed_scheme_names_file_and_key(tmp_path, path, value, message):
    file = write(tmp_path, "bad.yaml", changed(path, value))
    with pytest.raises(SchemeError, match=message) as err:
        load_scheme_file(file)
    assert str(file) in str(err.value)


def test_optional_keys_may_be_left_out(tmp_path):
    data = changed(["targets"], KeyError)
    del data["appeals"]["extra_holidays"]
    scheme = load_scheme_file(write(tmp_path, "s.yaml", data)).scheme
    assert scheme.targets.satisfaction_pct is None
    assert scheme.appeals.extra_holidays == []


def test_a_channel_override_may_give_one_limit(tmp_path):
    data = changed(["metrics", "timeliness", "sla", "phone"], {"response_minutes": 1})
    limits = load_scheme_file(write(tmp_path, "s.yaml", data)).scheme.metrics.timeliness.sla
    assert limits.limits()["phone"] == (1, 24)


def test_yaml_that_is_not_a_mapping_fails(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("- just a list\n")
    with pytest.raises(SchemeError, match="YAML mapping"):
        load_scheme_file(path)


def with_end_day(version: str, effective_from: date, end_day: int | None) -> dict:
    data = {**DEFAULT, "version": version, "effective_from": effective_from}
    if end_day is not None:
        data["period"] = {"end_day": end_day}
    return data


def test_without_end_day_a_months_period_is_the_calendar_month():
    assert period_for_month(DEFAULT_SCHEMES_DIR, date(2026, 10, 1)) == Period(
        date(2026, 10, 1), date(2026, 10, 31)
    )


def test_periods_chain_across_scheme_changes(tmp_path):
    # Calendar months until 2026-10, the 25th from 2026-11, the calendar month again from
    # 2027-03.
    write(tmp_path, "a.yaml", with_end_day("a", date(2020, 1, 1), None))
    write(tmp_path, "b.yaml", with_end_day("b", date(2026, 11, 1), 25))
    write(tmp_path, "c.yaml", with_end_day("c", date(2027, 3, 1), None))
    months = months_between(date(2026, 10, 1), date(2027, 3, 1))
    got = [period_for_month(tmp_path, m) for m in months]
    assert [(p.start_on, p.end_on) for p in got] == [
        (date(2026, 10, 1), date(2026, 10, 31)),
        (date(2026, 11, 1), date(2026, 11, 25)),  # end_day added: a short month
        (date(2026, 11, 26), date(2026, 12, 25)),
        (date(2026, 12, 26), date(2027, 1, 25)),
        (date(2027, 1, 26), date(2027, 2, 25)),
        (date(2027, 2, 26), date(2027, 3, 31)),  # end_day dropped: a long month
    ]


def test_the_first_month_of_a_history_starts_as_if_its_scheme_applied_before(tmp_path):
    write(tmp_path, "a.yaml", with_end_day("a", date(2026, 10, 1), 25))
    assert period_for_month(tmp_path, date(2026, 10, 1)) == Period(
        date(2026, 9, 26), date(2026, 10, 25)
    )
    with pytest.raises(SchemeError, match="no scheme is effective for 2026-09"):
        period_for_month(tmp_path, date(2026, 9, 1))


def test_yaml_that_does_not_parse_is_told_in_one_line_with_its_place(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("version: broken\nweights: [unclosed\n", encoding="utf-8")
    with pytest.raises(SchemeError) as err:
        load_scheme_file(path)
    message = str(err.value)
    assert message.startswith(f"{path}: not valid YAML at line 3, column 1: ")
    assert message.endswith("; fix the file") and "\n" not in message


def test_the_command_line_checks_every_month_of_a_range_against_the_folder():
    from flows.inputs.schemes import check_months

    check_months(DEFAULT_SCHEMES_DIR, [date(2026, 8, 1), date(2026, 10, 1)])
    with pytest.raises(SchemeError, match="no scheme is effective for 2000-01"):
        check_months(DEFAULT_SCHEMES_DIR, [date(2026, 8, 1), date(2000, 1, 1)])


# ---------------------------------------------------------------- kept in the warehouse


def _cli(capsys, *argv) -> tuple[int, str, str]:
    from flows.cli import main

    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_and_explain_read_the_scheme_the_run_kept_not_the_folder(
    url, schemes, tmp_path, capsys, prefect_server, generated_exports
):
    """Published with a folder that is gone afterwards: both still answer, with the
    scheme as the run read it, which the warehouse keeps once per content."""
    import shutil

    from tests.flows.conftest import query

    october = ["--month", "2026-10", "--warehouse", url]
    archive = ["--archive", str(tmp_path / "archive")]
    run = [
        *("run", *october, "--exports", str(generated_exports), "--schemes", str(schemes)),
        *("--data-docs", str(tmp_path / "docs"), "--no-report", *archive),
    ]
    assert _cli(capsys, *run)[0] == 0
    assert _cli(capsys, *run, "--force")[0] == 0  # a second version, the same content
    shutil.rmtree(schemes)
    kept = query(url, "SELECT * FROM kpi_scheme")
    file = load_scheme_file(DEFAULT_SCHEMES_DIR / "default-2026.yaml")
    assert kept.select("scheme_version", "sha256", "file_name", "content").rows() == [
        ("default-2026", file.sha256, "default-2026.yaml", file.content)
    ]
    assert str(kept["effective_from"].item()) == "2020-01-01"
    runs = query(url, "SELECT run_id, scheme_sha256 FROM kpi_run ORDER BY started_at")
    assert runs["scheme_sha256"].to_list() == [file.sha256, file.sha256]
    assert kept["first_run_id"].item() == runs["run_id"][0]
    agent = query(url, "SELECT MIN(agent_id) AS a FROM kpi_agent_monthly")["a"].item()
    code, _, err = _cli(capsys, "report", *october, "--out", str(tmp_path / "report"))
    assert code == 0, err
    assert _cli(capsys, "explain", *october, "--agent", agent, *archive)[0] == 0


def test_a_scheme_file_changed_without_a_new_version_is_refused_before_publishing(
    url, schemes, tmp_path, capsys, prefect_server, generated_exports
):
    from tests.flows.conftest import query

    common = [
        *("--exports", str(generated_exports), "--schemes", str(schemes), "--warehouse", url),
        *("--data-docs", str(tmp_path / "docs"), "--no-report"),
    ]
    assert _cli(capsys, "run", "--month", "2026-09", *common)[0] == 0
    path = schemes / "default-2026.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a reworded comment\n", "utf-8")
    for argv in (
        ["run", "--month", "2026-10"],
        ["backfill", "--from", "2026-09", "--to", "2026-10"],
    ):
        code, _, err = _cli(capsys, *argv, *common)
        assert code == 3, err
        assert (
            f"{path}: scheme version 'default-2026' is recorded in the warehouse with other "
            "content (default-2026.yaml, sha256 "
        ) in err
        assert "give the changed file a new version (those months keep reading the old" in err
    published = query(url, "SELECT month_start, version FROM kpi_run WHERE status = 'published'")
    assert [(str(m)[:10], v) for m, v in published.rows()] == [("2026-09-01", 1)]


def test_a_version_whose_scheme_is_not_kept_is_refused_in_words(
    url, tmp_path, capsys, prefect_server, generated_exports
):
    """As a version published before runs kept their scheme file, and not provable."""
    import sqlalchemy as sa

    october = ["--month", "2026-10", "--warehouse", url]
    archive = ["--archive", str(tmp_path / "archive")]
    code, _, err = _cli(
        capsys,
        *("run", *october, "--exports", str(generated_exports), "--no-report", *archive),
        *("--data-docs", str(tmp_path / "docs")),
    )
    assert code == 0, err
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE kpi_run SET scheme_sha256 = NULL")
    engine.dispose()
    said = (
        "kpi {}: 2026-10: version 1 was scored with scheme 'default-2026', whose file the "
        "warehouse does not hold: the version was published before the warehouse kept "
        "scheme files, and no bundled scheme file proves to be the one it used, so reading "
        "one might show what the version was not scored with. Publish the month again "
        "(kpi run --month 2026-10 --force) to have a version whose scheme is kept\n"
    )
    assert _cli(capsys, "report", *october, "--out", str(tmp_path / "r")) == (
        3,
        "",
        said.format("report"),
    )
    assert _cli(capsys, "explain", *october, "--agent", "A1", *archive) == (
        3,
        "",
        said.format("explain"),
    )
    # A run that finds the month unchanged read the same file: the version gets it back.
    code, out, err = _cli(
        capsys,
        *("run", *october, "--exports", str(generated_exports), "--no-report", *archive),
        *("--data-docs", str(tmp_path / "docs")),
    )
    assert code == 0 and "unchanged" in out, err
    assert _cli(capsys, "report", *october, "--out", str(tmp_path / "r"))[0] == 0
