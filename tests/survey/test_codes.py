"""Undeclared missing-value codes (999, 99, -1 ...) stop the reading, not averaged in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from lnob.errors import InputError
from lnob.survey import analyse_survey, read_survey_data
from lnob.survey.harmonise import code_like

from .conftest import kobo_rows, small_config

MINUTES = [{"question": "minutes", "indicator": "travel"}]


def _with_minutes(write_survey: Callable[..., Path], codes: dict[int, str], **change: object):
    """The small survey with some households' minutes replaced (row -> text)."""
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    lines = main.strip().split("\n")
    for i, text in codes.items():
        cells = lines[i + 1].split(",")
        cells[4] = text  # hh/minutes
        lines[i + 1] = ",".join(cells)
    files = {"export.csv": "\n".join(lines) + "\n", "roster.csv": roster}
    return write_survey(small_config(analyses=MINUTES, **change), files)


@pytest.mark.parametrize(
    ("values", "suspect"),
    [
        ([10, 20, 30, 999, 999], {999}),  # far above the rest
        ([10, 20, 30, 9999, 99], {9999, 99}),  # both beyond twice the largest answer
        ([10, 20, 60, 99], set()),  # 99 is less than twice 60: could be an answer
        ([1, 2, 3, -1, -99], {-1, -99}),  # negative when every answer is positive
        ([10, 20, 60, 88], set()),  # 88 is not twice 60: could be an answer
        ([10, 20, 30, 8888, 111], {8888, 111}),
        ([10, 12, 14, 40], set()),  # not written like a code
    ],
)
def test_code_like_values(values: list[int], suspect: set[int]) -> None:
    numbers = pd.Series(values, dtype=float)
    found = set(numbers[code_like(numbers, None)].astype(int))
    assert found == suspect


def test_code_breaking_the_constraint_is_suspect_even_when_near() -> None:
    numbers = pd.Series([10, 200, 290, 99], dtype=float)
    assert not code_like(numbers, None).any()
    assert list(numbers[code_like(numbers, ". >= 0 and . < 96")]) == [99.0]


def test_undeclared_999_stops_the_reading_naming_file_column_values_rows_and_line(
    write_survey: Callable[..., Path],
) -> None:
    folder = _with_minutes(write_survey, {0: "999", 5: "999", 9: "999"})
    with pytest.raises(InputError) as caught:
        read_survey_data(folder)
    error = caught.value
    assert Path(error.path).name == "export.csv"
    assert error.column == "minutes"
    assert error.found == ["999"]
    message = str(error)
    assert "(3 rows)" in message
    assert "missing_codes: {minutes: [999]}" in message
    assert "missing_codes: {minutes: keep}" in message
    assert str(folder / "survey.yaml") in message
    with pytest.raises(InputError, match="missing-value codes"):
        analyse_survey(folder, "en")


def test_declared_codes_are_read_as_missing_and_keep_keeps_them(
    write_survey: Callable[..., Path],
) -> None:
    codes = {0: "999", 5: "999", 9: "999"}
    declared = analyse_survey(
        _with_minutes(write_survey, codes, missing_codes={"minutes": [999]}), "en"
    )
    raw = [10 + i % 50 for i in range(40)]
    answers = [v for i, v in enumerate(raw) if i not in codes]
    total = declared.table("minutes").row("total")
    assert total.base == 37
    assert total.estimate == pytest.approx(sum(answers) / len(answers))
    assert declared.mismatches.count("sentinel_code", "minutes") == 3


def test_keep_says_the_values_are_answers(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    lines = main.strip().split("\n")
    cells = lines[1].split(",")
    cells[4] = "111"  # a real 111 minutes (inside the constraint, far from the rest)
    lines[1] = ",".join(cells)
    folder = write_survey(
        small_config(analyses=MINUTES, missing_codes={"minutes": "keep"}),
        {"export.csv": "\n".join(lines) + "\n", "roster.csv": roster},
    )
    total = analyse_survey(folder, "en").table("minutes").row("total")
    raw = [111] + [10 + i % 50 for i in range(1, 40)]
    assert total.base == 40 and total.estimate == pytest.approx(sum(raw) / 40)


def test_a_code_in_a_question_nothing_reads_is_only_reported(
    write_survey: Callable[..., Path],
) -> None:
    folder = _with_minutes(write_survey, {0: "999", 5: "999", 9: "999"})
    config = small_config(analyses=[{"question": "insured", "indicator": "3.8.1"}])
    main = (folder / "export.csv").read_text()
    folder = write_survey(config, {"export.csv": main})
    data = read_survey_data(folder)
    found = {(m.kind, m.count) for m in data.mismatches if m.column == "minutes"}
    assert found == {("possible_sentinel", 3), ("constraint_violation", 3)}
