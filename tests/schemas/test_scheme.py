"""The scheme options of scheme.md §9, read through the loader: every rule, and a message
that names the file and the key."""

from datetime import date, time
from pathlib import Path

import pytest
import yaml

from flows.common.errors import SchemeError
from flows.common.settings import DEFAULT_SCHEMES_DIR
from flows.inputs.schemes import load_scheme_file, load_schemes, scheme_for_month

DEFAULT = yaml.safe_load((DEFAULT_SCHEMES_DIR / "default-2026.yaml").read_text())
HOURS = {"start": "08:30", "end": "18:00"}


def with_options(period: dict | None = None, **sla) -> dict:
    """The default scheme with a ``period`` and SLA keys added."""
    data = yaml.safe_load(yaml.safe_dump(DEFAULT))
    data["metrics"]["timeliness"]["sla"].update(sla)
    if period is not None:
        data["period"] = period
    return data


def write(folder: Path, data: dict) -> Path:
    path = folder / "scheme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_the_bundled_default_has_neither_option():
    scheme = scheme_for_month(DEFAULT_SCHEMES_DIR, date(2026, 10, 1)).scheme
    assert "period" not in DEFAULT and "clock" not in DEFAULT["metrics"]["timeliness"]["sla"]
    sla = scheme.metrics.timeliness.sla
    assert (scheme.period, sla.clock, sla.business_hours) == (None, "wall", None)


def test_the_bundled_example_uses_both_and_never_applies_by_accident():
    files = {f.path.name: f.scheme for f in load_schemes(DEFAULT_SCHEMES_DIR)}
    example = files["example-period-and-business-hours.yaml"]
    assert example.effective_from == date(2099, 1, 1)
    assert example.period.end_day == 25
    sla = example.metrics.timeliness.sla
    hours = (sla.clock, sla.business_hours.start, sla.business_hours.end)
    assert hours == ("business_hours", time(8, 30), time(18, 0))
    assert scheme_for_month(DEFAULT_SCHEMES_DIR, date(2098, 12, 1)).scheme.version == (
        "default-2026"
    )


def test_both_options_are_read(tmp_path):
    data = with_options(
        {"end_day": 28}, clock="business_hours", business_hours={"start": "00:00", "end": "23:59"}
    )
    scheme = load_scheme_file(write(tmp_path, data)).scheme
    assert scheme.period.end_day == 28
    hours = scheme.metrics.timeliness.sla.business_hours
    assert (hours.start, hours.end) == (time(0, 0), time(23, 59))


def test_a_wall_clock_may_be_said_and_a_null_period_is_the_calendar_month(tmp_path):
    data = with_options(clock="wall")
    data["period"] = None
    scheme = load_scheme_file(write(tmp_path, data)).scheme
    assert (scheme.period, scheme.metrics.timeliness.sla.clock) == (None, "wall")


BUSINESS = "business_hours"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # period.end_day: 1..28, an integer, required inside period, nothing else there.
        (with_options({"end_day": 29}), "period.end_day: Input should be less than or equal to 28"),
        (
            with_options({"end_day": 0}),
            "period.end_day: Input should be greater than or equal to 1",
        ),
        (with_options({"end_day": "25"}), "period.end_day: Input should be a valid integer"),
        (with_options({"end_day": 25.5}), "period.end_day: Input should be a valid integer"),
        (with_options({}), "period.end_day: missing key"),
        (with_options({"end_day": 25, "start_day": 26}), "period.start_day: unknown key"),
        # clock: wall or business_hours.
        (with_options(clock="office"), "sla.clock: Input should be 'wall' or 'business_hours'"),
        # business_hours: required with clock business_hours, refused without it.
        (
            with_options(clock=BUSINESS),
            "sla.business_hours: required with clock: business_hours",
        ),
        (
            with_options(business_hours=HOURS),  # no clock is the wall clock
            "sla.business_hours: only allowed with clock: business_hours",
        ),
        (
            with_options(clock="wall", business_hours=HOURS),
            "sla.business_hours: only allowed with clock: business_hours",
        ),
        # start before end.
        (
            with_options(clock=BUSINESS, business_hours={"start": "18:00", "end": "08:30"}),
            r"sla.business_hours: start \(18:00\) must be before end \(08:30\)",
        ),
        (
            with_options(clock=BUSINESS, business_hours={"start": "09:00", "end": "09:00"}),
            r"sla.business_hours: start \(09:00\) must be before end \(09:00\)",
        ),
        # times as HH:MM, 00:00 to 23:59.
        (
            with_options(clock=BUSINESS, business_hours={"start": "8:30", "end": "18:00"}),
            "sla.business_hours.start: '8:30' is not a time of day as \"HH:MM\"",
        ),
        (
            with_options(clock=BUSINESS, business_hours={"start": "08:30:00", "end": "18:00"}),
            "sla.business_hours.start: '08:30:00' is not a time of day",
        ),
        (
            with_options(clock=BUSINESS, business_hours={"start": "08:30", "end": "24:00"}),
            "sla.business_hours.end: '24:00' is not a time of day",
        ),
        (
            with_options(clock=BUSINESS, business_hours={"start": "08:60", "end": "18:00"}),
            "sla.business_hours.start: '08:60' is not a time of day",
        ),
        (
            with_options(clock=BUSINESS, business_hours={"start": "08:30"}),
            "sla.business_hours.end: missing key",
        ),
        (
            with_options(clock=BUSINESS, business_hours={**HOURS, "lunch": "12:00"}),
            "sla.business_hours.lunch: unknown key",
        ),
    ],
)
def test_a_malformed_option_names_file_and_key(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(SchemeError, match=message) as err:
        load_scheme_file(path)
    assert str(path) in str(err.value)


def test_an_unquoted_time_gets_a_hint_to_quote_it(tmp_path):
    # YAML 1.1 reads 18:00 unquoted (first digit not 0) as the base-60 number 1080.
    text = yaml.safe_dump(with_options(clock=BUSINESS, business_hours=HOURS))
    path = tmp_path / "scheme.yaml"
    path.write_text(text.replace("end: '18:00'", "end: 18:00"))
    read = yaml.safe_load(path.read_text())["metrics"]["timeliness"]["sla"]
    assert read["business_hours"]["end"] == 1080
    hint = r'sla.business_hours.end: write the time in quotes, as "HH:MM"'
    with pytest.raises(SchemeError, match=hint) as err:
        load_scheme_file(path)
    assert str(path) in str(err.value)


def test_recognition_defaults_and_a_tier_that_is_not_one_of_the_schemes(tmp_path):
    """§9.4: absent, tier A for 3 months; a recognition tier the scheme does not have is
    the file's error; a scheme without an A that says nothing recognises nobody."""
    scheme = load_scheme_file(write(tmp_path, DEFAULT)).scheme
    assert (scheme.recognition.tier, scheme.recognition.consecutive_months) == ("A", 3)
    assert scheme.tiers_from("B") == ["A", "B"] and scheme.tiers_from("Z") == []
    wrong = {**DEFAULT, "recognition": {"tier": "S", "consecutive_months": 2}}
    with pytest.raises(SchemeError, match="recognition.tier 'S' is not one of the tiers"):
        load_scheme_file(write(tmp_path, wrong))
    renamed = yaml.safe_load(yaml.safe_dump(DEFAULT))
    renamed["tiers"][0]["tier"] = "S"
    assert load_scheme_file(write(tmp_path, renamed)).scheme.tiers_from("A") == []
    for months in (0, 25):
        bad = {**DEFAULT, "recognition": {"consecutive_months": months}}
        with pytest.raises(SchemeError, match="recognition.consecutive_months"):
            load_scheme_file(write(tmp_path, bad))
