"""Disclosure control for breakdowns: primary and secondary suppression of small cells.

A breakdown splits one published total (the respondents who answered a question) into the
categories of a group (women, men ...). Rules, applied to unweighted respondent counts:

1. If the total has fewer respondents than the minimum, every cell and the total are
   suppressed.
2. Primary: every category with fewer respondents than the minimum is suppressed. A category
   with no respondents at all is marked empty: it has no estimate, and hides nothing.
3. Secondary: once a cell is suppressed, what is not published (the suppressed cells plus the
   respondents whose group is not stated, who are never a published category) can be worked
   out as the total minus the published cells. While that remainder is below the minimum, the
   smallest published category is suppressed too.

So every published cell has at least the minimum, and whenever a cell is suppressed the total
minus the published cells is at least the minimum: no suppressed cell, alone or with others,
can be recovered. Respondents whose group is not stated do not by themselves trigger
suppression: who they are cannot be known from outside, so a small remainder made only of them
identifies nobody. Counts of suppressed cells are never logged, only that and why.

Bottom layer: imports nothing of the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PRIMARY = "primary"
SECONDARY = "secondary"
TOTAL_TOO_SMALL = "total"
EMPTY = "empty"

REASONS: Mapping[str, str] = {
    PRIMARY: "fewer respondents than the minimum",
    SECONDARY: "suppressed so that a small cell cannot be worked out from the total",
    TOTAL_TOO_SMALL: "the whole breakdown has fewer respondents than the minimum",
    EMPTY: "no respondents in this category",
}


@dataclass(frozen=True)
class SuppressionRecord:
    """One suppressed cell: which table, group and category, and why (never the count)."""

    table: str
    group: str
    category: str
    reason: str

    @property
    def explanation(self) -> str:
        return REASONS[self.reason]


def suppress_breakdown(bases: Mapping[str, int], total: int, min_cell: int) -> dict[str, str]:
    """Which categories to suppress, and why, for one breakdown of ``total`` respondents.

    ``bases`` holds the respondents per category (categories with none may be included with 0);
    ``total`` may exceed their sum (respondents whose group is not stated).

    >>> suppress_breakdown({"women": 40, "men": 55, "other": 3}, total=98, min_cell=10)
    {'other': 'primary', 'women': 'secondary'}
    >>> suppress_breakdown({"women": 40, "men": 55}, total=98, min_cell=10)  # 3 not stated
    {}
    """
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    if sum(bases.values()) > total:
        raise ValueError(f"categories hold {sum(bases.values())} respondents, total is {total}")
    if total < min_cell:
        return {category: TOTAL_TOO_SMALL for category in bases}
    suppressed = {
        c: (EMPTY if base == 0 else PRIMARY) for c, base in bases.items() if base < min_cell
    }
    hidden = total - sum(base for c, base in bases.items() if c not in suppressed)
    while PRIMARY in suppressed.values() and hidden < min_cell:
        published = sorted((b, c) for c, b in bases.items() if c not in suppressed)
        if not published:  # cannot happen: then hidden == total >= min_cell
            break  # pragma: no cover
        base, category = published[0]
        suppressed[category] = SECONDARY
        hidden += base
    return suppressed


def hidden_remainder(bases: Mapping[str, int], total: int, suppressed: Mapping[str, str]) -> int:
    """Respondents that the published cells do not account for (what a reader can work out)."""
    return total - sum(base for c, base in bases.items() if c not in suppressed)
