"""Cross-country coverage of disaggregated data, per SDG goal and per group.

For every goal of the countries' research focus and every group: how many countries have
official data on a focus indicator of that goal broken down by that group, and how many
have citizen-generated data from the coalition's published research that fills such a
gap. Only countries with a stocktake count; the others are not zeros but absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lnob.stocktake import ANY_DATA, StocktakeResult


@dataclass(frozen=True)
class CrossCoverage:
    countries: tuple[str, ...]  # countries with a stocktake, in the coalition's order
    goals: tuple[str, ...]  # goals of any country's focus, in SDG order
    groups: tuple[str, ...]  # ANY_DATA first, then the taxonomy's groups
    in_focus: Mapping[str, tuple[str, ...]]  # goal -> countries with it in their focus
    official: Mapping[tuple[str, str], tuple[str, ...]]  # (goal, group) -> countries
    citizen: Mapping[tuple[str, str], tuple[str, ...]]  # (goal, group) -> countries

    def count(self, kind: str, goal: str, group: str) -> int:
        table = self.official if kind == "official" else self.citizen
        return len(table.get((goal, group), ()))


def goal_of(indicator: str) -> str:
    return indicator.split(".", 1)[0]


def cross_coverage(
    results: Mapping[str, StocktakeResult], groups: tuple[str, ...]
) -> CrossCoverage:
    """`results`: country -> its stocktake (with the citizen pairs of its published research).

    Each country's (goal, group) pairs with official data and with citizen data are found in
    one pass over its coverage cells and gap fills, then looked up per goal and group.
    """
    in_focus: dict[str, list[str]] = {}
    official: dict[tuple[str, str], list[str]] = {}
    citizen: dict[tuple[str, str], list[str]] = {}
    keys = (ANY_DATA, *groups)
    for country, result in results.items():
        focus = set(result.focus.indicators)
        country_goals = sorted({goal_of(c) for c in focus}, key=int)
        has_official = {
            (goal_of(c.indicator), c.group)
            for c in result.cells
            if c.available and c.indicator in focus
        }
        has_citizen = {
            (goal_of(f.indicator), key)
            for f in result.citizen.fills
            for key in ((f.group, ANY_DATA) if f.had_no_data else (f.group,))
        }
        for goal in country_goals:
            in_focus.setdefault(goal, []).append(country)
            for key in keys:
                if (goal, key) in has_official:
                    official.setdefault((goal, key), []).append(country)
                if (goal, key) in has_citizen:
                    citizen.setdefault((goal, key), []).append(country)
    goals = tuple(sorted(in_focus, key=int))
    return CrossCoverage(
        tuple(results),
        goals,
        keys,
        {g: tuple(v) for g, v in in_focus.items()},
        {k: tuple(v) for k, v in official.items()},
        {k: tuple(v) for k, v in citizen.items()},
    )
