"""The research focus (focus.yaml): items as written, resolved through the indicator list."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.stocktake import IndicatorList, read_focus
from lnob.stocktake.sdglist import indicator_list

from .stocktake_support import COUNTRIES, PROJECT, write


def _focus_file(tmp_path: Path, body: str) -> Path:
    return write(tmp_path / "NPL" / "stocktake" / "focus.yaml", body)


def test_goals_targets_and_indicators_resolve(tmp_path: Path, indicators: IndicatorList) -> None:
    path = _focus_file(tmp_path, 'demo: true\ncountry: npl\nfocus: ["5", 3.8, 4-1-1, "5.3.1"]\n')
    focus = read_focus(path, indicators)
    assert focus.items == ("5", "3.8", "4.1.1", "5.3.1")
    assert focus.indicators == ("3.8.1", "4.1.1", "5.2.1", "5.3.1", "5.b.1")
    assert (focus.country, focus.demo) == ("NPL", True)


def test_unquoted_items_are_read_as_written(tmp_path: Path) -> None:
    listed = indicator_list([("17.1.1", "a"), ("17.10.1", "b"), ("3.1.1", "c")], [])
    focus = read_focus(_focus_file(tmp_path, "country: NPL\nfocus:\n  - 17.10\n"), listed)
    assert focus.indicators == ("17.10.1",)


@pytest.mark.parametrize(
    ("body", "row", "problem"),
    [
        ("country: NPL\nfocus:\n  - 5\n  - 7\n", 4, "goal 7 has no indicator in the SDG list"),
        ("country: NPL\nfocus:\n  - 5\n  - five\n", 4, "not a goal, target or indicator code"),
        (
            "country: NPL\nfocus:\n  - 9.9.9\n",
            3,
            "indicator 9.9.9 has no indicator in the SDG list",
        ),
        ("country: NPL\nfocus: []\n", None, "no focus list"),
        ("country: NPL\n", None, "no focus list"),
        ("country: NPX\nfocus: [5]\n", None, "country is not an ISO 3166 alpha-3 code"),
        ("country: KEN\nfocus: [5]\n", None, "country does not match its folder"),
        ("country: NPL\nfocus: [5]\ntheme: health\n", 3, "unknown key 'theme'"),
        ("country: NPL\nfocus: [5]\nnote: x\n", 3, "unknown key 'note'; did you mean 'notes'?"),
        ("country: NPL\nfocus: [5]\ndemo: maybe\n", None, "demo must be true or false"),
        ("country: NPL\nfocus: [5\n", 3, None),
    ],
)
def test_bad_focus_files(
    tmp_path: Path, indicators: IndicatorList, body: str, row: int | None, problem: str | None
) -> None:
    with pytest.raises(InputError) as caught:
        read_focus(_focus_file(tmp_path, body), indicators)
    assert caught.value.row == row
    assert caught.value.expected and caught.value.hint
    if problem:
        assert caught.value.problem == problem


@pytest.mark.parametrize("country", COUNTRIES)
def test_demo_focus_files(country: str, indicators: IndicatorList) -> None:
    focus = read_focus(
        PROJECT / "data" / "countries" / country / "stocktake" / "focus.yaml", indicators
    )
    assert focus.demo is True and focus.country == country
    assert 5 <= len(focus.indicators) <= 6
