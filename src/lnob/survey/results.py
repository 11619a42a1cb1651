"""The values :func:`~lnob.survey.analysis.analyse_survey` returns: frozen, labelled, checked.

Every :class:`EstimateRow` has passed disclosure control: a suppressed row carries no
estimate, no interval and no base. Tables convert to pandas for display with ``to_frame()``.

Bottom layer: imports nothing of the project but the values it carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from lnob.survey.config import SurveyConfig
from lnob.survey.disclosure import SuppressionRecord
from lnob.survey.mismatches import MismatchReport
from lnob.survey.privacy import DroppedColumn


@dataclass(frozen=True)
class EstimateRow:
    category: str  # group category code, or "total"
    category_label: str
    outcome: str | None  # answer (choice name) for proportions; None for means
    outcome_label: str | None
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    base: int | None  # unweighted respondents with an answer in this category
    reliable: bool | None
    suppressed: bool


@dataclass(frozen=True)
class AskedOf:
    """Who a question with skip logic (``relevant`` in the XLSForm) was asked of.

    Its estimates are among those asked: ``base`` is the number asked who answered (the
    total's unweighted base; None when withheld). When the condition is simple
    (:func:`lnob.survey.relevance.condition_of`) it is given in the report language: the
    question it depends on and the answers that lead to it (``negated``: any answer but
    these); otherwise ``question_label`` is empty and only the number can be told.
    """

    relevant: str  # the form's expression, as written
    base: int | None
    question: str | None
    question_label: str
    answers: tuple[str, ...]
    negated: bool

    @property
    def described(self) -> bool:
        return bool(self.question_label and self.answers)


@dataclass(frozen=True)
class EstimateTable:
    """One analysed question broken down by one group (``group == "total"``: no breakdown)."""

    analysis: str
    indicator: str
    question: str
    question_label: str
    kind: str  # "proportion" or "mean"
    unit: str  # "main" or the repeat (e.g. the household roster)
    group: str
    group_label: str
    rows: tuple[EstimateRow, ...]
    #: (choice name, label) of answers with no column in the export: no row, never a 0%;
    #: a document that shows the question says they are not in the export
    absent: tuple[tuple[str, str], ...] = ()
    asked_of: AskedOf | None = None  # None: asked of every respondent (no skip logic)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([asdict(r) for r in self.rows])

    def row(self, category: str, outcome: str | None = None) -> EstimateRow:
        for item in self.rows:
            if item.category == category and (outcome is None or item.outcome == outcome):
                return item
        raise KeyError(f"{self.analysis} by {self.group}: no row {category!r}/{outcome!r}")


@dataclass(frozen=True)
class LabelFallback:
    """A label missing in the report language, shown in the form's default language instead."""

    what: str  # "question", "choice", "group", "text"
    name: str
    requested: str
    used: str


@dataclass(frozen=True)
class GroupCount:
    group: str
    group_label: str
    category: str
    category_label: str
    count: int | None  # None when suppressed
    suppressed: bool


@dataclass(frozen=True)
class SampleDescription:
    title: str
    description: str
    consent: str
    dates: tuple[str, str]
    unit: str  # household or person
    respondents: int | None  # main records analysed; None if below the minimum
    members: Mapping[str, int | None]  # rows per repeat (e.g. household members)
    weighted: bool
    strata: int | None
    clusters: int | None
    target_size: int | None
    by_group: tuple[GroupCount, ...]
    demo: bool
    #: people in the household roster, each counted once however many repeat sheets it spans
    #: (None: no roster, or fewer than the minimum cell); ``members`` counts rows per sheet
    people: int | None = None


@dataclass(frozen=True)
class SurveyResult:
    """Everything a report needs about one survey, already disclosure-checked.

    ``mismatches`` is the data team's full report (examples, exact counts); a public document
    shows ``mismatches.public(config.min_cell)`` instead.
    """

    config: SurveyConfig
    language: str
    tables: tuple[EstimateTable, ...]
    suppression_log: tuple[SuppressionRecord, ...]
    mismatches: MismatchReport
    dropped_columns: tuple[DroppedColumn, ...]
    sample: SampleDescription
    label_fallbacks: tuple[LabelFallback, ...]
    disability_rule: str | None
    files_read: tuple[Path, ...]

    def table(self, analysis: str, group: str = "total") -> EstimateTable:
        for item in self.tables:
            if item.analysis == analysis and item.group == group:
                return item
        raise KeyError(f"no table for analysis {analysis!r} by {group!r}")

    def groups_of(self, analysis: str) -> tuple[str, ...]:
        return tuple(t.group for t in self.tables if t.analysis == analysis)
