"""The entry point for reports: analyse one survey folder in one language.

:func:`analyse_survey` reads the survey (identifying columns dropped on reading), builds the
breakdown groups, estimates every analysis of survey.yaml in total and by each group with
samplics, applies disclosure control, and labels everything in the report language from the
form. :func:`declared_inputs` lists the files the result depends on, for the build cache.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from lnob.errors import InputError
from lnob.survey import wording
from lnob.survey.config import AnalysisSpec, SurveyConfig, load_survey_config
from lnob.survey.dataset import MAIN_ROW, SurveyData, read_survey_data
from lnob.survey.disclosure import SuppressionRecord, suppress_breakdown
from lnob.survey.estimates import (
    TOTAL,
    Estimate,
    Reliability,
    SampleDesign,
    encode_design,
    estimate_mean,
    estimate_proportions,
    single_cluster_strata,
)
from lnob.survey.groups import GroupDefinition, build_groups
from lnob.survey.languages import LocalText, pick_text
from lnob.survey.mismatches import MismatchReport
from lnob.survey.results import (
    EstimateRow,
    EstimateTable,
    GroupCount,
    LabelFallback,
    SampleDescription,
    SurveyResult,
)
from lnob.survey.submissions import MAIN
from lnob.survey.washington import DISABILITY_RULE

Estimator = Callable[[pd.DataFrame, str | None], list[Estimate]]


class _Labeller:
    """Labels in the report language; remembers every fallback to the default language."""

    def __init__(self, data: SurveyData, lang: str) -> None:
        self.form, self.lang = data.form, lang
        self.extra = {c.name: c for c in data.config.extra_columns}
        self.defaults = [data.form.default_language, "en", "und"]
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
            return self.text("question", name, self.extra[name].labels)
        return self._note("question", name, self.form.question_label(name, self.lang))

    def choice(self, list_name: str | None, name: str) -> str:
        if not list_name:
            return name
        return self._note(
            "choice", f"{list_name}/{name}", self.form.choice_label(list_name, name, self.lang)
        )

    def category(self, group: GroupDefinition, code: str) -> str:
        if code in group.static_labels:
            return self.text("group", f"{group.key}/{code}", group.static_labels[code], code)
        return self.choice(group.list_name, code)


def declared_inputs(survey_dir: Path) -> list[Path]:
    """survey.yaml, the form and the export files: everything analyse_survey reads."""
    return list(load_survey_config(Path(survey_dir)).files())


def _design(config: SurveyConfig, unit: str) -> SampleDesign:
    """The declared design; below the main record the household is the cluster if none is."""
    design = config.design
    cluster = design.cluster or (MAIN_ROW if unit != MAIN else None)
    return SampleDesign(weight=design.weight, strata=design.strata, cluster=cluster)


def _check_design(data: SurveyData) -> None:
    design = data.config.design
    lonely = single_cluster_strata(
        data.tables[MAIN], SampleDesign(design.weight, design.strata, design.cluster)
    )
    if lonely:
        raise InputError(
            data.config.export.file,
            "strata with a single cluster: no variance can be estimated",
            column=design.strata,
            expected="at least two clusters in every stratum",
            found=lonely[:5],
            hint="Merge such strata with a neighbour in the weighting step",
        )


@dataclass(frozen=True)
class _Outcome:
    """One estimator call and the outcomes it yields: (estimator level, outcome code, label)."""

    estimator: Estimator
    levels: tuple[tuple[str | None, str | None, str | None], ...]


def _outcomes(
    data: SurveyData,
    spec: AnalysisSpec,
    frame: pd.DataFrame,
    design: SampleDesign,
    labels: _Labeller,
) -> tuple[str, list[_Outcome]]:
    """The analysis kind ("proportion" or "mean") and the estimator calls it needs."""
    config = data.config
    question = data.form.question(spec.question)
    extra = {c.name: c for c in config.extra_columns}
    kind = (
        extra[spec.question].type if spec.question in extra else (question.type if question else "")
    )
    list_name = (
        extra[spec.question].list_name
        if spec.question in extra
        else (question.list_name if question else None)
    )
    reliability = Reliability(config.min_base, config.max_cv)

    def proportion(column: str, levels: Sequence[str]) -> Estimator:
        return lambda f, d: estimate_proportions(f, column, design, d, levels, reliability)

    if kind in ("integer", "decimal", "range") and not spec.count_as:
        mean: Estimator = lambda f, d: estimate_mean(f, spec.question, design, d, reliability)  # noqa: E731
        return "mean", [_Outcome(mean, ((None, None, None),))]
    if kind == "select_one" and spec.count_as:
        column = f"__counted_{spec.id}"
        values = frame[spec.question]
        frame[column] = (
            values.isin(spec.count_as).map({True: "1", False: "0"}).where(values.notna(), None)
        )
        label = " / ".join(labels.choice(list_name, c) for c in spec.count_as)
        return "proportion", [
            _Outcome(proportion(column, ["1"]), (("1", "+".join(spec.count_as), label),))
        ]
    if kind == "select_one":
        levels = list(data.form.choice_names(list_name or "")) or sorted(
            frame[spec.question].dropna().unique()
        )
        return "proportion", [
            _Outcome(
                proportion(spec.question, levels),
                tuple((level, level, labels.choice(list_name, level)) for level in levels),
            )
        ]
    if kind == "select_multiple":
        answered = frame[spec.question].notna()
        chosen = frame[spec.question].fillna("").str.split()
        wanted = [[o] for o in data.form.choice_names(list_name or "")]
        if spec.count_as:  # one share: respondents who chose any of these options
            wanted = [list(spec.count_as)]
        out = []
        for options in wanted:
            code = "+".join(options)
            column = f"__option_{spec.id}_{code}"
            frame[column] = chosen.map(
                lambda row, these=frozenset(options): "1" if these & set(row) else "0"
            ).where(answered, None)
            label = " / ".join(labels.choice(list_name, o) for o in options)
            out.append(_Outcome(proportion(column, ["1"]), (("1", code, label),)))
        return "proportion", out
    raise InputError(
        config.path,
        f"question '{spec.question}' cannot be analysed",
        column="analyses",
        expected="select_one, select_multiple, integer or decimal",
        found=kind or "not in the form",
    )


def _rows(
    found: list[tuple[_Outcome, list[Estimate]]],
    categories: Sequence[tuple[str, str]],
    suppressed: Mapping[str, str],
) -> tuple[EstimateRow, ...]:
    rows = []
    for category, category_label in categories:
        for outcome, estimates in found:
            for level, code, label in outcome.levels:
                match = next(
                    (e for e in estimates if e.domain == category and e.outcome == level), None
                )
                if category in suppressed or match is None:
                    rows.append(
                        EstimateRow(
                            category,
                            category_label,
                            code,
                            label,
                            None,
                            None,
                            None,
                            None,
                            None,
                            suppressed=True,
                        )
                    )
                    continue
                rows.append(
                    EstimateRow(
                        category=category,
                        category_label=category_label,
                        outcome=code,
                        outcome_label=label,
                        estimate=match.estimate,
                        ci_low=match.ci_low,
                        ci_high=match.ci_high,
                        base=match.base,
                        reliable=match.reliable,
                        suppressed=False,
                    )
                )
    return tuple(rows)


def _analyse(
    data: SurveyData,
    spec: AnalysisSpec,
    groups: tuple[GroupDefinition, ...],
    frames: dict[str, tuple[pd.DataFrame, SampleDesign]],
    labels: _Labeller,
) -> tuple[list[EstimateTable], list[SuppressionRecord]]:
    unit = data.unit_of(spec.question)
    if unit is None:
        raise InputError(
            data.config.path,
            f"analysed question '{spec.question}' is not in the export",
            column="analyses",
            found=spec.question,
            hint="Check the question name against the form and the export",
        )
    if unit not in frames:
        frames[unit] = encode_design(data.unit_frame(unit), _design(data.config, unit))
    frame, design = frames[unit]
    kind, outcomes = _outcomes(data, spec, frame, design, labels)
    question_label = labels.question(spec.question, spec.labels)
    min_cell = data.config.min_cell
    scope = {unit, *data.ancestors(unit)}
    breakdowns: list[tuple[str, str, str | None, list[tuple[str, str]]]] = [
        (
            TOTAL,
            labels.text("text", "total", wording.TOTAL),
            None,
            [(TOTAL, labels.text("text", "total", wording.TOTAL))],
        )
    ]
    for group in groups:
        if group.unit in scope:
            breakdowns.append(
                (
                    group.key,
                    labels.text("group", group.key, group.name),
                    group.column,
                    [(c, labels.category(group, c)) for c in group.categories],
                )
            )
    tables, log = [], []
    total_base = 0
    for key, group_label, column, categories in breakdowns:
        found = [(outcome, outcome.estimator(frame, column)) for outcome in outcomes]
        bases = {c: next((e.base for e in found[0][1] if e.domain == c), 0) for c, _ in categories}
        if key == TOTAL:
            total_base = bases[TOTAL]
        suppressed = suppress_breakdown(bases, total_base, min_cell)
        log += [SuppressionRecord(spec.id, key, c, reason) for c, reason in suppressed.items()]
        tables.append(
            EstimateTable(
                analysis=spec.id,
                indicator=spec.indicator,
                question=spec.question,
                question_label=question_label,
                kind=kind,
                unit=unit,
                group=key,
                group_label=group_label,
                rows=_rows(found, categories, suppressed),
            )
        )
    return tables, log


def _sample(
    data: SurveyData, groups: tuple[GroupDefinition, ...], labels: _Labeller
) -> SampleDescription:
    config, min_cell = data.config, data.config.min_cell
    counts: list[GroupCount] = []
    for group in groups:
        table = data.tables[group.unit]
        bases = {c: int((table[group.column] == c).sum()) for c in group.categories}
        suppressed = suppress_breakdown(bases, len(table), min_cell)
        name = labels.text("group", group.key, group.name)
        counts += [
            GroupCount(
                group.key,
                name,
                c,
                labels.category(group, c),
                None if c in suppressed else bases[c],
                c in suppressed,
            )
            for c in group.categories
        ]
    main = data.tables[MAIN]
    design = config.design
    return SampleDescription(
        title=labels.text("text", "title", config.title),
        description=labels.text("text", "sample.description", config.sample_description),
        consent=labels.text("text", "consent", config.consent),
        dates=config.dates,
        unit=config.sample_unit,
        respondents=len(main) if len(main) >= min_cell else None,
        members=MappingProxyType(
            {
                u: (len(t) if len(t) >= min_cell else None)
                for u, t in data.tables.items()
                if u != MAIN
            }
        ),
        weighted=design.weight is not None,
        strata=int(main[design.strata].nunique()) if design.strata else None,
        clusters=int(main[design.cluster].nunique()) if design.cluster else None,
        target_size=config.target_size,
        by_group=tuple(counts),
        demo=config.demo,
    )


def analyse_survey(
    survey_dir: Path, lang: str, group_names: Mapping[str, Mapping[str, str]] | None = None
) -> SurveyResult:
    """Analyse one survey folder; every label in ``lang`` (fallbacks listed in the result).

    ``group_names`` (group key -> text per language, e.g. the labels of data/taxonomy.yaml)
    names the breakdowns that survey.yaml does not label itself.
    """
    data, groups = build_groups(read_survey_data(Path(survey_dir)), group_names)
    _check_design(data)
    labels = _Labeller(data, lang)
    frames: dict[str, tuple[pd.DataFrame, SampleDesign]] = {}
    tables: list[EstimateTable] = []
    log: list[SuppressionRecord] = []
    for spec in data.config.analyses:
        more_tables, more_log = _analyse(data, spec, groups, frames, labels)
        tables += more_tables
        log += more_log
    has_wg = any(g.key == "disability" and g.static_labels for g in groups)
    sample = _sample(data, groups, labels)
    return SurveyResult(
        config=data.config,
        language=lang,
        tables=tuple(tables),
        suppression_log=tuple(log),
        mismatches=MismatchReport(data.mismatches),
        dropped_columns=data.dropped,
        sample=sample,
        label_fallbacks=tuple(labels.fallbacks.values()),
        disability_rule=labels.text("text", "disability_rule", DISABILITY_RULE) if has_wg else None,
        files_read=data.files,
    )
