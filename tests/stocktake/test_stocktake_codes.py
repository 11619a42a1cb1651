"""Indicator codes and reference periods: parsing rules, table-driven, plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lnob.stocktake.codes import (
    CodeRef,
    code_from_file_name,
    code_sort_key,
    normalise_indicator,
    parse_code_ref,
)
from lnob.stocktake.periods import latest_of_periods, period_end_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.1.1", "4.1.1"),
        ("4-1-1", "4.1.1"),
        (" 5.A.1 ", "5.a.1"),
        ("17.10.1", "17.10.1"),
        ("04.01.01", "4.1.1"),
        ("4.1", None),
        ("4.1.1.1", None),
        ("C010101", None),
        ("", None),
    ],
)
def test_normalise_indicator(text: str, expected: str | None) -> None:
    assert normalise_indicator(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", CodeRef("goal", "5")),
        ("3.8", CodeRef("target", "3.8")),
        ("17.10", CodeRef("target", "17.10")),
        ("5.A", CodeRef("target", "5.a")),
        ("4.1.1", CodeRef("indicator", "4.1.1")),
        ("x", None),
        ("5.", None),
    ],
)
def test_parse_code_ref(text: str, expected: CodeRef | None) -> None:
    assert parse_code_ref(text) == expected


@pytest.mark.parametrize(
    ("ref", "code", "covered"),
    [
        (CodeRef("goal", "1"), "1.2.1", True),
        (CodeRef("goal", "1"), "10.2.1", False),
        (CodeRef("target", "17.1"), "17.10.1", False),
        (CodeRef("target", "17.1"), "17.1.1", True),
        (CodeRef("indicator", "4.1.1"), "4.1.1", True),
        (CodeRef("indicator", "4.1.1"), "4.1.2", False),
    ],
)
def test_code_ref_covers(ref: CodeRef, code: str, covered: bool) -> None:
    assert ref.covers(code) is covered


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("indicator_4-1-2.csv", "4.1.2"),
        ("4-1-2.csv", "4.1.2"),
        ("5-b-1.csv", "5.b.1"),
        ("16-10-2.csv", "16.10.2"),
        ("4-1-2.json", None),
        ("all_indicators.csv", None),
        ("indicator-4-1-2.csv", None),
    ],
)
def test_code_from_file_name(name: str, expected: str | None) -> None:
    assert code_from_file_name(name) == expected


def test_code_sort_key_is_natural() -> None:
    codes = ["10.2.1", "1.a.1", "1.10.1", "2.1.1", "1.2.1", "1.2.10", "1.2.2"]
    assert sorted(codes, key=code_sort_key) == [
        "1.2.1",
        "1.2.2",
        "1.2.10",
        "1.10.1",
        "1.a.1",
        "2.1.1",
        "10.2.1",
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2019", 2019),
        ("2013/14", 2014),
        ("2019/20", 2020),
        ("2019-21", 2021),
        ("1999/00", 2000),
        ("2019-2021", 2021),
        ("2000 Q1", 2000),
        ("2023 Q4", 2023),
        ("2007/08 to 2008/09", 2009),
        ("2019-03", 2019),
        ("2019-03-15", 2019),
        ("2019.0", 2019),
        (" 2022 ", 2022),
        ("FY2019/20", 2020),
        ("", None),
        ("n/a", None),
        ("19/20", None),
        ("1850", None),
        ("2021-2019", None),
    ],
)
def test_period_end_year(text: str, year: int | None) -> None:
    assert period_end_year(text) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2011; 2016; 2022", 2022),
        ("2019-21", 2021),
        ("2022/23;2015/16", 2023),
        ("2019; soon", None),
        ("", None),
    ],
)
def test_latest_of_periods(text: str, year: int | None) -> None:
    assert latest_of_periods(text) == year


@settings(database=None)
@given(st.integers(min_value=1900, max_value=2098), st.integers(min_value=1, max_value=4))
def test_period_forms_end_where_expected(start: int, quarter: int) -> None:
    assert period_end_year(str(start)) == start
    assert period_end_year(f"{start}/{(start + 1) % 100:02d}") == start + 1
    assert period_end_year(f"{start}-{start + 1}") == start + 1
    assert period_end_year(f"{start} Q{quarter}") == start
