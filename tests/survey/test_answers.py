"""Answers that do not exist: a count_as, where or brief.yaml value outside the choice list is an
error naming the list and the nearest real value (a typo would silently lower a share)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.survey import analyse_survey, read_survey_data
from lnob.validate import validate_project

from .conftest import kobo_rows, small_config


def _small(write_survey: Callable[..., Path], **change: object) -> Path:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    return write_survey(small_config(**change), {"export.csv": main, "roster.csv": roster})


def test_count_as_typo_is_an_error_naming_list_line_and_nearest(
    write_survey: Callable[..., Path],
) -> None:
    analyses = [{"question": "insured", "indicator": "3.8.1", "count_as": ["Yes "]}]
    folder = _small(write_survey, analyses=analyses)
    with pytest.raises(InputError) as caught:
        read_survey_data(folder)
    error = caught.value
    assert Path(error.path).name == "survey.yaml"
    assert error.column == "analyses.0.count_as.0"
    text = (folder / "survey.yaml").read_text().splitlines()
    assert error.row is not None and "Yes " in text[error.row - 1]
    assert "list 'yes_no'" in str(error) and "the nearest is 'yes'" in str(error)
    with pytest.raises(InputError, match="count_as value"):
        analyse_survey(folder, "en")


def test_count_as_of_a_real_answer_reads(write_survey: Callable[..., Path]) -> None:
    analyses = [{"question": "insured", "indicator": "3.8.1", "count_as": ["yes"]}]
    result = analyse_survey(_small(write_survey, analyses=analyses), "en")
    assert result.table("insured").row("total").estimate == pytest.approx(0.5)


def test_group_where_value_typo_is_an_error(write_survey: Callable[..., Path]) -> None:
    groups = {"sex": {"question": "sex", "where": {"sick": "yse"}}}
    with pytest.raises(InputError, match=r"where value 'yse'.*the nearest is 'yes'"):
        read_survey_data(_small(write_survey, groups=groups))


def test_validate_names_a_brief_category_outside_the_choice_list(demo: ProjectPaths) -> None:
    spec = demo.briefs / "KEN" / "health-access" / "brief.yaml"
    figures = yaml.safe_load(spec.read_text())
    assert {k: figures["headlines"][0][k] for k in ("analysis", "group", "category")} == {
        "analysis": "received_care",
        "group": "location",
        "category": "rural",
    }
    figures["headlines"][0]["category"] = "rual"
    spec.write_text(yaml.safe_dump(figures, sort_keys=False))
    problems, _ = validate_project(demo)
    found = [p for p in problems if "brief.yaml" in p]
    assert len(found) == 1, problems
    assert "category 'rual'" in found[0] and "the nearest is 'rural'" in found[0]
    assert "of question 'area'" in found[0]
