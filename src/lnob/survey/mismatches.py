"""What did not fit between a form and its submissions, with counts and examples.

Nothing is dropped or kept silently: every column the form does not know, every value outside
a choice list, every answer breaking a constraint and every sentinel code becomes a
:class:`Mismatch`. Examples are values of analysable columns only (identifying columns are
dropped before any check runs), and never more than :data:`MAX_EXAMPLES`.

Bottom layer: imports nothing of the project.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_EXAMPLES = 5

#: What each kind means and what happened to the data.
KINDS: dict[str, str] = {
    "unknown_column": "column the form does not define; not read",
    "missing_column": "question of the form absent from the export",
    "missing_option": "select_multiple option with no column in the export (split 0/1 "
    "columns); nobody's choice of it can be seen: no figure, marked 'not in the export', "
    "never 0%",
    "value_not_in_choices": "value outside the question's choice list; read as missing",
    "labels_as_values": "values were choice labels, not names; mapped to names",
    "not_a_number": "text in a numeric question; read as missing",
    "constraint_violation": "answer breaks the question's constraint; read as missing",
    "constraint_not_checked": "constraint is not a simple numeric one; not checked",
    "sentinel_code": "declared missing code (missing_codes); read as missing",
    "possible_sentinel": "looks like a missing code (111, 999 ...) but is not declared; kept",
    "undeclared_code": "missing-value code not declared in survey.yaml (an error if analysed)",
    "orphan_rows": "repeat rows without a parent row; not read",
    "duplicate_key": "several rows share one key",
    "unused_sheet": "workbook sheet that matches no repeat; not read",
    "missing_repeat": "repeat of the form with no sheet or file in the export; not analysed",
    "outside_subset": "rows outside the survey.yaml subset; not read",
    "form_defect": "problem in the form itself (pyxform or the reader)",
}


@dataclass(frozen=True)
class Mismatch:
    """One kind of problem in one column (or file): how many, and up to five examples."""

    kind: str
    where: str
    column: str | None
    count: int
    examples: tuple[str, ...]
    detail: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown mismatch kind {self.kind!r}; known: {sorted(KINDS)}")
        object.__setattr__(self, "examples", tuple(self.examples)[:MAX_EXAMPLES])

    @property
    def meaning(self) -> str:
        return KINDS[self.kind]


def examples_of(values: Iterable[object]) -> tuple[str, ...]:
    """Up to :data:`MAX_EXAMPLES` distinct values, most frequent first, as text."""
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    ranked = sorted(counts, key=lambda v: (-counts[v], v))
    return tuple(ranked[:MAX_EXAMPLES])


@dataclass(frozen=True)
class PublicMismatch:
    """A mismatch as a public report may show it: no examples, no count below the minimum."""

    kind: str
    where: str
    column: str | None
    count: int | None  # None: fewer than the minimum
    meaning: str


@dataclass(frozen=True)
class MismatchReport:
    """Every mismatch, with examples and exact counts: for the survey team, not for publication
    (a value seen once outside a choice list can point at one respondent). Publish
    :meth:`public` instead."""

    items: tuple[Mismatch, ...]

    def public(self, min_cell: int) -> tuple[PublicMismatch, ...]:
        """The report without examples, counts below ``min_cell`` replaced by ``None``."""
        return tuple(
            PublicMismatch(
                m.kind, m.where, m.column, m.count if m.count >= min_cell else None, m.meaning
            )
            for m in self.items
        )

    def of_kind(self, kind: str) -> tuple[Mismatch, ...]:
        return tuple(m for m in self.items if m.kind == kind)

    def count(self, kind: str, column: str | None = None) -> int:
        return sum(m.count for m in self.of_kind(kind) if column is None or m.column == column)

    def __len__(self) -> int:
        return len(self.items)
