"""Survey results compared across countries, only where they are comparable.

Two countries' figures are compared when their surveys analyse the same indicator key
(`indicator:` in survey.yaml) as one figure each: a share (a proportion with `count_as`)
or a mean. Figures come from `SurveyResult`, which has passed disclosure control: a
suppressed figure stays suppressed, with no estimate and no interval.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lnob.survey import SurveyResult


@dataclass(frozen=True)
class Figure:
    """One country's figure for an indicator: the whole sample, with its 95% interval."""

    country: str
    survey: str
    analysis: str
    kind: str  # "proportion" (a share 0..1) or "mean"
    estimate: float | None  # None when suppressed
    low: float | None
    high: float | None
    base: int | None
    suppressed: bool
    asked: bool = False  # skip logic: asked of some respondents only, base = number asked


@dataclass(frozen=True)
class Compared:
    """An indicator key and the countries' figures for it; comparable with two or more."""

    indicator: str
    kind: str | None
    figures: tuple[Figure, ...]
    without: tuple[str, ...]  # countries with published research that lacks the indicator
    mixed: bool = False  # the key is a share in one survey and a mean in another

    @property
    def comparable(self) -> bool:
        return len(self.figures) >= 2 and not self.mixed


def _figure(country: str, result: SurveyResult, indicator: str) -> Figure | None:
    for analysis in result.config.analyses:
        if analysis.indicator != indicator:
            continue
        table = result.table(analysis.id)
        if len(table.rows) != 1:  # several answers shown apart: not one figure
            return None
        row = table.rows[0]
        return Figure(
            country,
            result.config.id,
            analysis.id,
            table.kind,
            row.estimate,
            row.ci_low,
            row.ci_high,
            row.base,
            row.suppressed,
            table.asked_of is not None,
        )
    return None


def compare(indicator: str, results: Mapping[str, Sequence[SurveyResult]]) -> Compared:
    """`results`: country -> the results of its published research (possibly none)."""
    figures, without = [], []
    for country, surveys in results.items():
        if not surveys:
            continue
        found = next((f for r in surveys if (f := _figure(country, r, indicator))), None)
        if found is None:
            without.append(country)
        else:
            figures.append(found)
    kinds = {f.kind for f in figures}
    return Compared(
        indicator,
        next(iter(kinds)) if len(kinds) == 1 else None,
        tuple(figures),
        tuple(without),
        mixed=len(kinds) > 1,
    )
