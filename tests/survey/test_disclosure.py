"""Disclosure control: table-driven rules and property-based guarantees."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lnob.survey.disclosure import (
    EMPTY,
    PRIMARY,
    SECONDARY,
    TOTAL_TOO_SMALL,
    hidden_remainder,
    suppress_breakdown,
)


@pytest.mark.parametrize(
    ("bases", "total", "expected"),
    [
        ({"women": 40, "men": 55}, 95, {}),
        ({"women": 40, "men": 55, "other": 3}, 98, {"other": PRIMARY, "women": SECONDARY}),
        # 3 not stated alone hide nobody: no suppression
        ({"women": 40, "men": 55}, 98, {}),
        # suppressed 4 + 8 not stated = 12: enough, no secondary
        ({"a": 40, "b": 55, "c": 4}, 107, {"c": PRIMARY}),
        ({"a": 5, "b": 3, "c": 50}, 58, {"a": PRIMARY, "b": PRIMARY, "c": SECONDARY}),
        ({"a": 5, "b": 6, "c": 50}, 61, {"a": PRIMARY, "b": PRIMARY}),
        ({"a": 5, "b": 3}, 8, {"a": TOTAL_TOO_SMALL, "b": TOTAL_TOO_SMALL}),
        ({"a": 0, "b": 30, "c": 40}, 70, {"a": EMPTY}),
        ({"a": 0, "b": 2, "c": 30, "d": 40}, 72, {"a": EMPTY, "b": PRIMARY, "c": SECONDARY}),
        ({"x": 9, "y": 10}, 19, {"x": PRIMARY, "y": SECONDARY}),
    ],
)
def test_suppression_rules(bases: dict[str, int], total: int, expected: dict[str, str]) -> None:
    assert suppress_breakdown(bases, total, min_cell=10) == expected


def test_impossible_breakdowns_are_refused() -> None:
    with pytest.raises(ValueError, match="total is"):
        suppress_breakdown({"a": 20, "b": 20}, 30, 10)
    with pytest.raises(ValueError, match="min_cell"):
        suppress_breakdown({"a": 20}, 20, 0)


@st.composite
def breakdowns(draw: st.DrawFn) -> tuple[dict[str, int], int, int]:
    counts = draw(st.lists(st.integers(0, 60), min_size=1, max_size=8))
    not_stated = draw(st.integers(0, 25))
    min_cell = draw(st.integers(1, 20))
    bases = {f"c{i}": n for i, n in enumerate(counts)}
    return bases, sum(counts) + not_stated, min_cell


@settings(max_examples=400, deadline=None)
@given(breakdowns())
def test_no_published_cell_falls_below_the_minimum(case: tuple[dict[str, int], int, int]) -> None:
    bases, total, min_cell = case
    suppressed = suppress_breakdown(bases, total, min_cell)
    published = {c: n for c, n in bases.items() if c not in suppressed}
    assert all(n >= min_cell for n in published.values())
    if total < min_cell:
        assert set(suppressed) == set(bases)


@settings(max_examples=400, deadline=None)
@given(breakdowns())
def test_no_suppressed_cell_can_be_recovered_from_the_total(
    case: tuple[dict[str, int], int, int],
) -> None:
    bases, total, min_cell = case
    suppressed = suppress_breakdown(bases, total, min_cell)
    small = [c for c, reason in suppressed.items() if reason in (PRIMARY, SECONDARY)]
    if small and total >= min_cell:
        # what a reader can work out (total minus published cells) holds at least min_cell
        # respondents, so no suppressed cell, nor any set of them, is known below the minimum
        assert hidden_remainder(bases, total, suppressed) >= min_cell
    for category, reason in suppressed.items():
        if reason == EMPTY:
            assert bases[category] == 0


@settings(max_examples=200, deadline=None)
@given(breakdowns())
def test_secondary_suppression_is_only_used_when_needed(
    case: tuple[dict[str, int], int, int],
) -> None:
    bases, total, min_cell = case
    suppressed = suppress_breakdown(bases, total, min_cell)
    secondary = [c for c, r in suppressed.items() if r == SECONDARY]
    if secondary:
        # without the last secondary cell the remainder would be below the minimum
        last = max(secondary, key=lambda c: (bases[c], c))
        without = {c: r for c, r in suppressed.items() if c != last}
        assert hidden_remainder(bases, total, without) < min_cell
