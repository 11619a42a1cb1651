"""survey.yaml: schema validation with the line of the problem, and what it resolves to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from lnob.errors import InputError
from lnob.survey.analysis import declared_inputs
from lnob.survey.config import load_survey_config

from .conftest import DEMO_SURVEYS, kobo_rows, small_config


@pytest.mark.parametrize("survey_yaml", DEMO_SURVEYS, ids=lambda p: p.parent.name)
def test_demo_configs_load(survey_yaml: Path) -> None:
    config = load_survey_config(survey_yaml.parent)
    assert config.demo is True and config.id == survey_yaml.parent.name
    assert config.country == survey_yaml.parts[-4]
    assert config.form.is_file() and config.export.file.is_file()
    assert config.dates == ("2024-03-01", "2024-03-28")
    assert {"sex", "age", "disability", "location"} <= {g.key for g in config.groups}
    assert all(a.indicator for a in config.analyses)
    assert config.files()[0] == survey_yaml.resolve()


def test_declared_inputs_lists_everything_read(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(3, insured_yes=1, urban=1)
    folder = write_survey(small_config(), {"export.csv": main, "roster.csv": roster})
    assert [p.name for p in declared_inputs(folder)] == [
        "survey.yaml",
        "form.xlsx",
        "export.csv",
        "roster.csv",
    ]


@pytest.mark.parametrize(
    ("change", "problem", "column", "line"),
    [
        ({"country": "Kenya"}, "does not match", "country", "country: Kenya"),
        ({"demo": "yes"}, "is not of type 'boolean'", "demo", "demo: 'yes'"),
        (
            {"analyses": [{"question": "q", "indicator": "3.8"}]},
            "does not match",
            "analyses.0.indicator",
            "indicator: '3.8'",
        ),
        ({"groups": {"gender": {"question": "sex"}}}, "gender", "groups", "gender:"),
        ({"groups": {"sex": {"bins": [1]}}}, "is not valid", "groups.sex", "bins:"),
        (
            {"dates": {"start": "1 March 2024", "end": "2024-03-28"}},
            "'dates.start' is not a date written YYYY-MM-DD",
            "dates.start",
            "start: 1 March 2024",
        ),
        (
            {"dates": {"start": "2024-03-01", "end": "2024-02-30"}},
            "'dates.end' is not a date: February 2024 has 29 days",
            "dates.end",
            "end: '2024-02-30'",
        ),
        (
            {"dates": {"start": "२०२४-०३-०१", "end": "2024-03-28"}},
            "'dates.start' is written in Devanagari digits.*Write it as 2024-03-01",
            "dates.start",
            r'start: "\u0968\u0966\u0968\u096A-\u0966\u0969-\u0966\u0967"',
        ),
        ({"surprise": 1}, "unknown key 'surprise'", None, "surprise: 1"),
        ({"countyr": "KEN"}, "unknown key 'countyr'; did you mean 'country'", None, "countyr: KEN"),
    ],
)
def test_schema_errors_name_key_and_line(
    tmp_path: Path, change: dict, problem: str, column: str | None, line: str | None
) -> None:
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(small_config(**change), width=200))
    with pytest.raises(InputError, match=problem) as raised:
        load_survey_config(tmp_path)
    assert raised.value.column == column
    assert str(tmp_path / "survey.yaml") in str(raised.value)
    if line is not None:
        lines = (tmp_path / "survey.yaml").read_text().splitlines()
        assert raised.value.row is not None
        assert lines[raised.value.row - 1].strip().lstrip("- ") == line


def test_missing_files_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="survey.yaml not found"):
        load_survey_config(tmp_path)
    (tmp_path / "survey.yaml").write_text("id: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML") as raised:
        load_survey_config(tmp_path)
    assert raised.value.row == 2
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(small_config()))
    with pytest.raises(InputError, match="does not exist") as raised:
        load_survey_config(tmp_path)
    assert raised.value.column == "export.file" and raised.value.row is not None


def test_dates_stay_the_strings_written(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(3, insured_yes=1, urban=1)
    folder = write_survey(small_config(), {"export.csv": main, "roster.csv": roster})
    text = (folder / "survey.yaml").read_text().replace("'2024-01-01'", "2024-01-01")
    (folder / "survey.yaml").write_text(text)
    assert load_survey_config(folder).dates == ("2024-01-01", "2024-01-31")


def test_duplicate_analysis_ids_are_refused(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(3, insured_yes=1, urban=1)
    twice = [{"question": "insured", "indicator": "3.8.1"}] * 2
    folder = write_survey(small_config(analyses=twice), {"export.csv": main, "roster.csv": roster})
    with pytest.raises(InputError, match="two analyses have the id 'insured'"):
        load_survey_config(folder)


def test_every_survey_yaml_key_is_documented() -> None:
    from lnob.survey.config import survey_schema

    from .conftest import ROOT

    doc = (ROOT / "docs" / "formats" / "survey.md").read_text("utf-8")
    schema = survey_schema()
    keys = set(schema["properties"])
    for nested in ("export", "sample", "design", "privacy", "disclosure", "reliability"):
        keys |= set(schema["properties"][nested]["properties"])
    keys |= set(schema["$defs"]["group"]["properties"])
    keys |= set(schema["properties"]["analyses"]["items"]["properties"])
    missing = sorted(k for k in keys if f"{k}:" not in doc and f"`{k}`" not in doc)
    assert missing == []
