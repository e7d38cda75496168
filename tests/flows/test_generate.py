"""The synthetic exports: reproducible, realistic, varied, and under the threshold."""

import hashlib
from datetime import date

import polars as pl

from flows import generate as generator
from flows.extract import find_files, read_export
from flows.generate import GeneratorOptions, generate
from flows.validate import extract_and_validate
from schemas.contracts import EXPORTS, EXPORTS_BY_NAME

AUG, OCT = date(2026, 8, 1), date(2026, 10, 1)


def digests(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.*"))
    }


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    options = GeneratorOptions(stores=1, agents_per_store=3, seed=11)
    list(generate(tmp_path / "a", OCT, OCT, options))
    list(generate(tmp_path / "b", OCT, OCT, options))
    list(generate(tmp_path / "c", OCT, OCT, GeneratorOptions(1, 3, seed=12)))
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")


def test_clean_exports_are_plain_utf8_csv_with_english_headers_and_no_bad_rows(tmp_path):
    list(generate(tmp_path, AUG, OCT, GeneratorOptions(stores=2, seed=3, clean=True)))
    for month in ("2026-08", "2026-09", "2026-10"):
        folder = tmp_path / month
        assert sorted(p.name for p in folder.iterdir()) == sorted(f"{e.name}.csv" for e in EXPORTS)
        for export in EXPORTS:
            first_line = (folder / f"{export.name}.csv").read_bytes().split(b"\n")[0]
            assert first_line.decode("ascii") == ",".join(export.column_names)
        start = date(2026, int(month[-2:]), 1)
        validated = extract_and_validate(tmp_path, start, 0.02, plain=True)
        counts = validated.inputs.select(
            pl.sum_horizontal("rows_rejected", "rows_duplicate", "rows_out_of_period")
        ).to_series()
        assert counts.sum() == 0, validated.inputs
        assert set(validated.inputs["encoding"]) == {"utf-8"}


def test_default_exports_mix_every_style_and_every_bad_row_under_the_threshold(generated_exports):
    reasons, encodings, classes = set(), set(), {"duplicate": 0, "out_of_period": 0}
    header_styles, title_lines = set(), 0
    for month in (AUG, date(2026, 9, 1), OCT):
        for name, path in find_files(generated_exports / f"{month:%Y-%m}").items():
            file = read_export(path, EXPORTS_BY_NAME[name])
            first = file.export.columns[0]
            header_styles |= {
                style
                for style, alias in (("en", first.name), ("hans", first.hans), ("hant", first.hant))
                if alias and file.headers[0] == alias
            }
            title_lines += file.header_row > 1
        validated = extract_and_validate(generated_exports, month, 0.02, plain=True)
        assert validated.breaches == []  # the demo must publish
        records = validated.inputs.filter(pl.col("source") != "appeals")
        assert (records["rows_rejected"] <= 0.015 * records["rows_read"]).all()
        reasons |= {r.split(":")[0] for rs in validated.rejected["reasons"] for r in rs.split(";")}
        encodings |= set(validated.inputs["encoding"])
        classes["duplicate"] += validated.inputs["rows_duplicate"].sum()
        classes["out_of_period"] += validated.inputs["rows_out_of_period"].sum()
    assert reasons == {
        "missing_value",
        "invalid_value",
        "duplicate_conflict",
        "time_order",
        "unknown_agent",
        "agent_not_active",
    }
    assert encodings >= {"utf-8", "utf-8-sig", "gb18030", "xlsx"}
    assert classes["duplicate"] > 0 and classes["out_of_period"] > 0
    assert header_styles == {"en", "hans", "hant"}
    assert title_lines > 0


def test_chinese_labels_follow_the_header_style():
    frame = pl.DataFrame(
        {
            "survey_id": ["v"],
            "store_id": ["s"],
            "agent_id": ["a"],
            "customer_id": ["c"],
            "surveyed_at": [None],
            "rating": [4],
        },
        schema_overrides={"surveyed_at": pl.Datetime("us")},
    )
    style = generator.FileStyle(".csv", "utf-8", "hant", True, False)
    from schemas.contracts import SURVEYS

    assert generator._render(frame, SURVEYS, style, clean=False)["rating"].to_list() == ["滿意"]
    assert generator._render(frame, SURVEYS, style, clean=True)["rating"].to_list() == ["4"]


def test_agents_join_and_leave_within_the_range():
    months = [date(2026, m, 1) for m in range(1, 13)]
    roster = generator.build_roster(GeneratorOptions(stores=5, seed=1), months)
    in_range = pl.col("left_on").is_between(months[0], date(2026, 12, 31))
    assert roster.filter(in_range).height > 0
    assert roster.filter(pl.col("hired_on") > months[0]).height > 0
    assert roster["agent_id"].is_unique().all()
    assert roster["agent_id"].str.starts_with("00").all()  # leading zeros to keep
    assert roster.filter(pl.col("left_on") < pl.col("hired_on")).is_empty()


def test_chunks_of_stores_keep_ids_unique(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "STORES_PER_CHUNK", 1)
    list(
        generate(
            tmp_path, OCT, OCT, GeneratorOptions(stores=3, agents_per_store=2, seed=5, clean=True)
        )
    )
    receptions = pl.read_csv(tmp_path / "2026-10" / "receptions.csv", infer_schema=False)
    assert receptions["reception_id"].is_unique().all()
    assert receptions["store_id"].n_unique() == 3
