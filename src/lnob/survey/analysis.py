"""The entry point for reports: analyse one survey folder in one language.

:func:`analyse_survey` estimates the survey (:func:`lnob.survey.estimation.estimate_survey`:
reading, groups, samplics estimates, disclosure control; the same in every language) and
labels everything in the report language from the form (:func:`label_estimates`).
:func:`declared_inputs` lists the files the result depends on, for the build cache;
:func:`lnob.survey.cache.cached_analysis` keeps the estimates on disk for every language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from lnob.errors import InputError
from lnob.i18n import wording
from lnob.survey.config import load_survey_config
from lnob.survey.estimates import TOTAL, Estimate
from lnob.survey.estimation import (
    NOT_STATED,
    AnalysisEstimates,
    Breakdown,
    SurveyEstimates,
    estimate_survey,
)
from lnob.survey.formtext import Words, english_words
from lnob.survey.groups import GroupDefinition, group_name
from lnob.survey.languages import LocalText, pick_text
from lnob.survey.mismatches import MismatchReport
from lnob.survey.relevance import condition_of
from lnob.survey.results import (
    AskedOf,
    EstimateRow,
    EstimateTable,
    GroupCount,
    LabelFallback,
    SampleDescription,
    SurveyResult,
)
from lnob.survey.washington import DISABILITY_RULE

GroupNames = Mapping[str, Mapping[str, str]]


class _Labeller:
    """Labels in the report language; remembers every fallback to the default language."""

    def __init__(self, estimates: SurveyEstimates, lang: str, words: Words) -> None:
        self.form, self.lang, self.words = estimates.form, lang, words
        self.extra = {c.name: c for c in estimates.config.extra_columns}
        self.config_path = estimates.config.path
        self.defaults = [estimates.form.default_language, "en", "und"]
        self.fallbacks: dict[tuple[str, str], LabelFallback] = {}

    def _note(self, what: str, name: str, text: LocalText) -> str:
        if text.fallback:
            self.fallbacks.setdefault(
                (what, name), LabelFallback(what, name, self.lang, text.language)
            )
        return text.text

    def text(self, what: str, name: str, texts: Mapping[str, str], otherwise: str = "") -> str:
        return self._note(what, name, pick_text(texts, self.lang, self.defaults, otherwise or name))

    def question(self, name: str, configured: Mapping[str, str]) -> str:
        if configured:
            return self.text("question", name, configured)
        if name in self.extra:
            if not any(self.extra[name].labels.values()):
                raise InputError(
                    self.config_path,
                    f"the analysed column '{name}' of extra_columns has no label",
                    column=f"extra_columns.{name}.label",
                    expected="a label per language (or one string)",
                    hint="Give it a 'label', or the analysis one: a column name is never "
                    "shown to readers",
                )
            return self.text("question", name, self.extra[name].labels)
        label = self.form.question_label(name, self.lang, self.words)
        if not label.text:
            question = self.form.question(name)
            raise InputError(
                self.form.path,
                f"the analysed question '{name}' has no label a reader can see",
                sheet="survey",
                row=question.row if question else None,
                column="label",
                expected="a label in some language of the form, not only references to other "
                "answers or instructions to the enumerator",
                found=dict(question.labels) if question else None,
                hint="Give the question a label in the form, or a 'label' to the analysis in "
                "survey.yaml; a column name is never shown to readers",
            )
        return self._note("question", name, label)

    def choice(self, list_name: str | None, name: str) -> str:
        if not list_name:
            return name
        return self._note(
            "choice",
            f"{list_name}/{name}",
            self.form.choice_label(list_name, name, self.lang, self.words),
        )

    def category(self, group: GroupDefinition, code: str) -> str:
        if code == NOT_STATED:
            return self.text("text", "not_stated", wording.NOT_STATED)
        if code in group.static_labels:
            return self.text("group", f"{group.key}/{code}", group.static_labels[code], code)
        return self.choice(group.list_name, code)


def declared_inputs(survey_dir: Path) -> list[Path]:
    """survey.yaml, the form and the export files: everything analyse_survey reads."""
    return list(load_survey_config(Path(survey_dir)).files())


def _row(
    category: str, category_label: str, code: str | None, label: str | None, cell: Estimate | None
) -> EstimateRow:
    if cell is None:  # withheld by disclosure control, or no respondent
        return EstimateRow(
            category, category_label, code, label, None, None, None, None, None, suppressed=True
        )
    return EstimateRow(
        category,
        category_label,
        code,
        label,
        cell.estimate,
        cell.ci_low,
        cell.ci_high,
        cell.base,
        cell.reliable,
        suppressed=False,
    )


def _asked_of(
    analysis: AnalysisEstimates, estimates: SurveyEstimates, labels: _Labeller
) -> AskedOf | None:
    """Who the analysed question was asked of, when the form gives it a ``relevant``."""
    question = estimates.form.question(analysis.spec.question)
    if question is None or not question.relevant:
        return None
    total = next(b for b in analysis.breakdowns if b.group == TOTAL)
    base = next((c.base for c in total.cells[0] if c is not None), None)
    condition = condition_of(question.relevant)
    if condition is None:
        return AskedOf(question.relevant, base, None, "", (), False)
    on = estimates.form.question(condition.question)
    list_name = on.list_name if on else None
    return AskedOf(
        relevant=question.relevant,
        base=base,
        question=condition.question,
        question_label=labels.question(condition.question, {}),
        answers=tuple(labels.choice(list_name, v) for v in condition.values),
        negated=condition.negated,
    )


def _tables(
    analysis: AnalysisEstimates,
    groups: Mapping[str, GroupDefinition],
    labels: _Labeller,
    asked_of: AskedOf | None = None,
) -> list[EstimateTable]:
    """One analysis's tables, labelled in the order the fallbacks are to be listed."""
    spec = analysis.spec
    levels = [
        (
            level.code,
            " / ".join(labels.choice(analysis.list_name, o) for o in level.options)
            if level.options
            else None,
        )
        for level in analysis.levels
    ]
    question_label = labels.question(spec.question, spec.labels)
    absent = tuple((o, labels.choice(analysis.list_name, o)) for o in analysis.absent)
    return [
        dataclasses.replace(
            _table(analysis, question_label, breakdown, groups, levels, labels),
            absent=absent,
            asked_of=asked_of,
        )
        for breakdown in analysis.breakdowns
    ]


def _table(
    analysis: AnalysisEstimates,
    question_label: str,
    breakdown: Breakdown,
    groups: Mapping[str, GroupDefinition],
    levels: list[tuple[str | None, str | None]],
    labels: _Labeller,
) -> EstimateTable:
    if breakdown.group == TOTAL:
        group_label = labels.text("text", "total", wording.TOTAL)
        categories = [(TOTAL, group_label)]
    else:
        group = groups[breakdown.group]
        group_label = labels.text("group", group.key, group.name)
        categories = [(c, labels.category(group, c)) for c in breakdown.categories]
    rows = tuple(
        _row(category, category_label, code, label, cell)
        for (category, category_label), cells in zip(categories, breakdown.cells, strict=True)
        for (code, label), cell in zip(levels, cells, strict=True)
    )
    spec = analysis.spec
    return EstimateTable(
        analysis=spec.id,
        indicator=spec.indicator,
        question=spec.question,
        question_label=question_label,
        kind=analysis.kind,
        unit=analysis.unit,
        group=breakdown.group,
        group_label=group_label,
        rows=rows,
    )


def _sample(
    estimates: SurveyEstimates, groups: Mapping[str, GroupDefinition], labels: _Labeller
) -> SampleDescription:
    config = estimates.config
    counts: list[GroupCount] = []
    for group in groups.values():
        name = labels.text("group", group.key, group.name)
        counts += [
            GroupCount(
                group.key,
                name,
                size.category,
                labels.category(group, size.category),
                size.count,
                size.suppressed,
            )
            for size in estimates.group_sizes
            if size.group == group.key
        ]
    return SampleDescription(
        title=labels.text("text", "title", config.title),
        description=labels.text("text", "sample.description", config.sample_description),
        consent=labels.text("text", "consent", config.consent),
        dates=estimates.fieldwork,  # the export's interview days, not what was declared
        unit=config.sample_unit,
        respondents=estimates.respondents,
        members=MappingProxyType(dict(estimates.members)),
        weighted=config.design.weight is not None,
        strata=estimates.strata,
        clusters=estimates.clusters,
        target_size=config.target_size,
        by_group=tuple(counts),
        demo=config.demo,
        people=estimates.people,
    )


def label_estimates(
    estimates: SurveyEstimates,
    lang: str,
    group_names: GroupNames | None = None,
    words: Words = english_words,
) -> SurveyResult:
    """The estimates with every label in ``lang`` (fallbacks listed in the result); form text
    as readers may see it (:mod:`lnob.survey.formtext`), its neutral words from ``words``."""
    specs = {spec.key: spec for spec in estimates.config.groups}
    groups = {
        g.key: dataclasses.replace(g, name=group_name(specs[g.key], group_names))
        for g in estimates.groups
    }
    labels = _Labeller(estimates, lang, words)
    tables = [
        t
        for analysis in estimates.analyses
        for t in _tables(analysis, groups, labels, _asked_of(analysis, estimates, labels))
    ]
    has_wg = any(g.key == "disability" and g.static_labels for g in groups.values())
    sample = _sample(estimates, groups, labels)
    return SurveyResult(
        config=estimates.config,
        language=lang,
        tables=tuple(tables),
        suppression_log=estimates.suppression_log,
        mismatches=MismatchReport(estimates.mismatches),
        dropped_columns=estimates.dropped,
        sample=sample,
        label_fallbacks=tuple(labels.fallbacks.values()),
        disability_rule=labels.text("text", "disability_rule", DISABILITY_RULE) if has_wg else None,
        files_read=estimates.files,
    )


def analyse_survey(
    survey_dir: Path,
    lang: str,
    group_names: GroupNames | None = None,
    words: Words = english_words,
) -> SurveyResult:
    """Analyse one survey folder; every label in ``lang`` (fallbacks listed in the result).

    ``group_names`` (group key -> text per language, e.g. the labels of data/taxonomy.yaml)
    names the breakdowns that survey.yaml does not label itself.
    """
    return label_estimates(estimate_survey(Path(survey_dir)), lang, group_names, words)
