"""Simple numeric XLSForm constraints, checked on whole columns."""

from __future__ import annotations

import numpy as np
import pytest

from lnob.survey.constraints import UnsupportedConstraint, numeric_constraint

VALUES = np.array([-1.0, 0.0, 5.0, 91.0, 92.0, 111.0, 999.0])


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("(. >= 0 and . < 92) or (. = 999)", [0, 1, 1, 1, 0, 0, 1]),
        (". >= 0 and . <= 110", [0, 1, 1, 1, 1, 0, 0]),
        ("not(. = 0)", [1, 0, 1, 1, 1, 1, 1]),
        (".>=15", [0, 0, 0, 1, 1, 1, 1]),
        ("(. >= 0 and . < 10) or (. = 111) or (. = 999)", [0, 1, 1, 0, 0, 1, 1]),
        (". > -1 and . != 999", [0, 1, 1, 1, 1, 1, 0]),
        ("5 < .", [0, 0, 0, 1, 1, 1, 1]),
    ],
)
def test_numeric_constraints(expression: str, expected: list[int]) -> None:
    assert numeric_constraint(expression)(VALUES).tolist() == [bool(x) for x in expected]


@pytest.mark.parametrize(
    "expression",
    [
        "regex(.,'^[0-9]+$')",
        "${age} > 3",
        ". != ''",
        "selected(., 'NA')",
        ". >",
        "(. > 1",
        "string-length(.) < 3",
        ". > 1 1",
    ],
)
def test_other_constraints_are_not_guessed(expression: str) -> None:
    with pytest.raises(UnsupportedConstraint):
        numeric_constraint(expression)
