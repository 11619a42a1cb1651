"""Cross-country coverage (lnob.synthesis.coverage): the counts the synthesis shows per goal and
group, the same as filtering each country's coverage table per goal and group (the way it was
first computed, kept here as the reference)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from lnob.products.stocktake import citizen_surveys
from lnob.stocktake import (
    ANY_DATA,
    IndicatorList,
    StocktakeResult,
    Taxonomy,
    analyse_country,
    load_project_indicators,
    load_taxonomy,
)
from lnob.synthesis.coverage import CrossCoverage, cross_coverage, goal_of

PROJECT = Path(__file__).resolve().parents[2]
COUNTRIES = ("BGD", "IND", "KEN", "NPL", "VNM")


def reference(results: Mapping[str, StocktakeResult], groups: tuple[str, ...]) -> CrossCoverage:
    """A filter of each country's coverage table and gap fills per goal and group."""
    in_focus: dict[str, list[str]] = {}
    official: dict[tuple[str, str], list[str]] = {}
    citizen: dict[tuple[str, str], list[str]] = {}
    keys = (ANY_DATA, *groups)
    for country, result in results.items():
        focus = set(result.focus.indicators)
        cov = result.coverage
        available = cov[cov["available"] & cov["indicator"].isin(list(focus))]
        for goal in sorted({goal_of(c) for c in focus}, key=int):
            in_focus.setdefault(goal, []).append(country)
            for key in keys:
                rows = available[
                    (available["group"] == key) & (available["indicator"].map(goal_of) == goal)
                ]
                if not rows.empty:
                    official.setdefault((goal, key), []).append(country)
                if [
                    f
                    for f in result.citizen.fills
                    if goal_of(f.indicator) == goal
                    and (f.group == key or (key == ANY_DATA and f.had_no_data))
                ]:
                    citizen.setdefault((goal, key), []).append(country)
    return CrossCoverage(
        tuple(results),
        tuple(sorted(in_focus, key=int)),
        keys,
        {g: tuple(v) for g, v in in_focus.items()},
        {k: tuple(v) for k, v in official.items()},
        {k: tuple(v) for k, v in citizen.items()},
    )


@pytest.fixture(scope="module")
def inputs() -> tuple[IndicatorList, Taxonomy]:
    return (
        load_project_indicators(PROJECT / "data" / "sdg"),
        load_taxonomy(PROJECT / "data" / "taxonomy.yaml"),
    )


def _surveyed(country: str, indicators: IndicatorList) -> set[tuple[str, str]]:
    folder = PROJECT / "data" / "countries" / country
    return {p for s in citizen_surveys(folder, country, "en", indicators) for p in s.pairs}


def _every_gap(country: str, indicators: IndicatorList, taxonomy: Taxonomy) -> frozenset:
    gaps = analyse_country(PROJECT / "data" / "countries" / country, indicators, taxonomy).gaps
    return gaps.pairs()


@pytest.mark.parametrize("pairs", ["none", "surveyed", "every gap"])
def test_the_same_counts_as_filtering_each_table(
    pairs: str, inputs: tuple[IndicatorList, Taxonomy]
) -> None:
    indicators, taxonomy = inputs
    citizen = {
        "none": lambda c: frozenset(),
        "surveyed": lambda c: _surveyed(c, indicators),
        "every gap": lambda c: _every_gap(c, indicators, taxonomy),
    }[pairs]
    results = {
        c: analyse_country(
            PROJECT / "data" / "countries" / c, indicators, taxonomy, citizen=citizen(c)
        )
        for c in COUNTRIES
    }
    for groups in (taxonomy.keys, ("sex", "not-a-group", "disability")):
        got, expected = cross_coverage(results, groups), reference(results, groups)
        assert got == expected
        assert [list(t) for t in (got.official, got.citizen)] == [
            list(t) for t in (expected.official, expected.citizen)
        ]  # the same order too
    cross = cross_coverage(results, taxonomy.keys)
    assert cross.official and (bool(cross.citizen) is (pairs != "none"))
    if pairs == "every gap":  # indicators with no data at all count under 'any data'
        assert any(key == ANY_DATA for _, key in cross.citizen)
