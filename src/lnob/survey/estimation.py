"""The language-independent pass of a survey analysis: every estimate, base and suppression.

:func:`estimate_survey` reads the survey (identifying columns dropped on reading), builds the
breakdown groups, estimates every analysis of survey.yaml in total and by each group with
samplics, and applies disclosure control. What it returns holds numbers and codes, no words:
:func:`lnob.survey.analysis.label_estimates` puts the labels of one language on it, so one
estimation serves every language of a survey (and :mod:`lnob.survey.cache` keeps it on disk).
A withheld cell holds no number here either: disclosure control is applied before anything
leaves this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from lnob.errors import InputError
from lnob.survey.config import AnalysisSpec, SurveyConfig
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
from lnob.survey.groups import GroupDefinition, build_groups, question_not_read
from lnob.survey.languages import NO_LANGUAGE
from lnob.survey.mismatches import Mismatch
from lnob.survey.nonanswers import answers
from lnob.survey.privacy import DroppedColumn
from lnob.survey.submissions import MAIN, PARENT
from lnob.survey.xlsform import FormDefinition
from lnob.yamlio import line_in

Estimator = Callable[[pd.DataFrame, str | None], list[Estimate]]
#: The name groups get here; the labelling pass names them (survey.yaml, taxonomy, wording).
UNNAMED: Mapping[str, str] = MappingProxyType({NO_LANGUAGE: ""})


@dataclass(frozen=True)
class Level:
    """One outcome row of an analysis: the code shown, and the choices its label is made of
    (labelled ``a / b``; none for a mean)."""

    code: str | None
    options: tuple[str, ...]


@dataclass(frozen=True)
class Breakdown:
    """One analysis in total (``group == TOTAL``) or by one group: an estimate per category
    and level, ``None`` where disclosure control withholds it or there is none."""

    group: str
    categories: tuple[str, ...]
    cells: tuple[tuple[Estimate | None, ...], ...]  # [category][level]


@dataclass(frozen=True)
class AnalysisEstimates:
    spec: AnalysisSpec
    kind: str  # "proportion" or "mean"
    unit: str
    list_name: str | None  # choice list of the outcome labels
    levels: tuple[Level, ...]
    breakdowns: tuple[Breakdown, ...]
    #: options of a select_multiple with no column in the export: not estimated, not levels
    absent: tuple[str, ...] = ()


#: The category code of the respondents whose group is not stated (table of respondents only).
NOT_STATED = "__not_stated"


@dataclass(frozen=True)
class GroupSize:
    group: str
    category: str
    count: int | None  # None when suppressed
    suppressed: bool


@dataclass(frozen=True)
class SurveyEstimates:
    """Everything :class:`~lnob.survey.results.SurveyResult` holds except its words."""

    config: SurveyConfig
    form: FormDefinition
    groups: tuple[GroupDefinition, ...]  # named UNNAMED unless survey.yaml labels them
    analyses: tuple[AnalysisEstimates, ...]
    suppression_log: tuple[SuppressionRecord, ...]
    group_sizes: tuple[GroupSize, ...]
    respondents: int | None  # None below the minimum cell
    members: Mapping[str, int | None]
    people: int | None  # the roster's people, each once (None: no roster, or below the minimum)
    strata: int | None
    clusters: int | None
    mismatches: tuple[Mismatch, ...]
    dropped: tuple[DroppedColumn, ...]
    files: tuple[Path, ...]
    fieldwork: tuple[str, str] = ("", "")  # first and last interview day, ISO


@dataclass(frozen=True)
class _Outcome:
    """One estimator call and the levels it yields: (estimator level, the row's level)."""

    estimator: Estimator
    levels: tuple[tuple[str | None, Level], ...]


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


def question_type(data: SurveyData, question: str) -> tuple[str, str | None]:
    """A question's type and choice list: an extra column's, else the form's."""
    extra = {c.name: c for c in data.config.extra_columns}
    if question in extra:
        return extra[question].type, extra[question].list_name
    found = data.form.question(question)
    return (found.type, found.list_name) if found else ("", None)


def _outcomes(
    data: SurveyData, spec: AnalysisSpec, frame: pd.DataFrame, design: SampleDesign
) -> tuple[str, str | None, list[_Outcome]]:
    """The analysis kind, its choice list and the estimator calls it needs."""
    kind, list_name = question_type(data, spec.question)
    reliability = Reliability(data.config.min_base, data.config.max_cv)

    def proportion(column: str, levels: Sequence[str]) -> Estimator:
        return lambda f, d: estimate_proportions(f, column, design, d, levels, reliability)

    if kind in ("integer", "decimal", "range") and not spec.count_as:
        mean: Estimator = lambda f, d: estimate_mean(f, spec.question, design, d, reliability)  # noqa: E731
        return "mean", list_name, [_Outcome(mean, ((None, Level(None, ())),))]
    if kind == "select_one" and spec.count_as:
        column = f"__counted_{spec.id}"
        values = frame[spec.question]
        frame[column] = (
            values.isin(spec.count_as).map({True: "1", False: "0"}).where(values.notna(), None)
        )
        level = Level("+".join(spec.count_as), spec.count_as)
        return "proportion", list_name, [_Outcome(proportion(column, ["1"]), (("1", level),))]
    if kind == "select_one":
        levels = list(answers(data.form, list_name)) or sorted(
            frame[spec.question].dropna().unique()
        )
        return (
            "proportion",
            list_name,
            [
                _Outcome(
                    proportion(spec.question, levels), tuple((v, Level(v, (v,))) for v in levels)
                )
            ],
        )
    if kind == "select_multiple":
        answered = frame[spec.question].notna()
        chosen = frame[spec.question].fillna("").str.split()
        absent = data.absent_options.get(spec.question, ())
        wanted: list[tuple[str, ...]] = [
            (o,) for o in answers(data.form, list_name) if o not in absent
        ]
        if spec.count_as:  # one share: respondents who chose any of these options
            wanted = [spec.count_as]
        out = []
        for options in wanted:
            code = "+".join(options)
            column = f"__option_{spec.id}_{code}"
            frame[column] = chosen.map(
                lambda row, these=frozenset(options): "1" if these & set(row) else "0"
            ).where(answered, None)
            out.append(_Outcome(proportion(column, ["1"]), (("1", Level(code, options)),)))
        return "proportion", list_name, out
    raise _cannot_analyse(data, spec, kind)


def _cannot_analyse(data: SurveyData, spec: AnalysisSpec, kind: str) -> InputError:
    i = data.config.analyses.index(spec)
    return InputError(
        data.config.path,
        f"question '{spec.question}' cannot be analysed"
        + (" with count_as" if spec.count_as else ""),
        row=line_in(data.config.path, ["analyses", i, "question"]),
        column=f"analyses.{i}.question",
        expected="select_one, select_multiple, integer or decimal (count_as: not for numbers)",
        found=kind or "not in the form",
    )


def _check_counted(data: SurveyData, spec: AnalysisSpec, absent: Sequence[str]) -> None:
    """A share counting an option whose column the export lacks would count nobody who chose
    it: a wrong number, so an error naming the option and the file."""
    unseen = [o for o in spec.count_as if o in absent]
    if unseen:
        raise InputError(
            data.config.path,
            f"analysis '{spec.id}' counts option(s) {', '.join(unseen)} of "
            f"'{spec.question}', which have no column in the export "
            f"{data.config.export.file.name}: nobody's choice of them can be seen",
            column="analyses",
            expected=f"options of '{spec.question}' with a split column in the export",
            found=list(unseen),
            hint="Export again with every option's column (KoboToolbox: include all "
            "versions and split select_multiple answers), or leave the option out of count_as",
        )


def check_analysis(data: SurveyData, spec: AnalysisSpec) -> str:
    """The unit (table) of an analysed question, or the InputError naming why it cannot be
    analysed: what the build checks before estimating, and `build.py validate` without it."""
    unit = data.unit_of(spec.question)
    if unit is None:
        i = data.config.analyses.index(spec)
        raise question_not_read(data, spec.question, ["analyses", i, "question"])
    kind, list_name = question_type(data, spec.question)
    numeric = kind in ("integer", "decimal", "range")
    if not ((numeric and not spec.count_as) or kind in ("select_one", "select_multiple")):
        raise _cannot_analyse(data, spec, kind)
    if list_name:  # every answer a table or chart shows has a label, never its code
        data.form.require_choice_labels(list_name, spec.count_as or answers(data.form, list_name))
    if kind == "select_multiple" and spec.count_as:
        _check_counted(data, spec, data.absent_options.get(spec.question, ()))
    return unit


def _check_group_labels(data: SurveyData, groups: Sequence[GroupDefinition]) -> None:
    """Every category of a breakdown labelled from the form has a label a reader can see."""
    for group in groups:
        if group.list_name:
            shown = [c for c in group.categories if c not in group.static_labels]
            data.form.require_choice_labels(group.list_name, shown)


def check_survey(survey_dir: Path) -> SurveyData:
    """Every check `estimate_survey` makes of a survey's files, without estimating: the files
    read together, the groups built, the design, each analysis's question."""
    data = read_survey_data(Path(survey_dir))
    data, groups = build_groups(data, {spec.key: UNNAMED for spec in data.config.groups})
    _check_design(data)
    _check_group_labels(data, groups)
    for spec in data.config.analyses:
        check_analysis(data, spec)
    return data


def _cells(
    found: list[tuple[_Outcome, list[Estimate]]],
    categories: Sequence[str],
    suppressed: Mapping[str, str],
) -> tuple[tuple[Estimate | None, ...], ...]:
    def cell(category: str, level: str | None, estimates: list[Estimate]) -> Estimate | None:
        if category in suppressed:
            return None
        return next((e for e in estimates if e.domain == category and e.outcome == level), None)

    return tuple(
        tuple(
            cell(c, level, estimates)
            for outcome, estimates in found
            for level, _row in outcome.levels
        )
        for c in categories
    )


def _analyse(
    data: SurveyData,
    spec: AnalysisSpec,
    groups: tuple[GroupDefinition, ...],
    frames: dict[str, tuple[pd.DataFrame, SampleDesign]],
) -> tuple[AnalysisEstimates, list[SuppressionRecord]]:
    unit = check_analysis(data, spec)
    if unit not in frames:
        frames[unit] = encode_design(data.unit_frame(unit), _design(data.config, unit))
    frame, design = frames[unit]
    kind, list_name, outcomes = _outcomes(data, spec, frame, design)
    scope = {unit, *data.ancestors(unit)}
    breakdowns = [(TOTAL, None, (TOTAL,))] + [
        (g.key, g.column, g.categories) for g in groups if g.unit in scope
    ]
    out, log = [], []
    total_base = 0
    for key, column, categories in breakdowns:
        found = [(outcome, outcome.estimator(frame, column)) for outcome in outcomes]
        bases = {c: next((e.base for e in found[0][1] if e.domain == c), 0) for c in categories}
        if key == TOTAL:
            total_base = bases[TOTAL]
        suppressed = suppress_breakdown(bases, total_base, data.config.min_cell)
        log += [SuppressionRecord(spec.id, key, c, reason) for c, reason in suppressed.items()]
        out.append(Breakdown(key, tuple(categories), _cells(found, categories, suppressed)))
    levels = tuple(level for outcome in outcomes for _estimator, level in outcome.levels)
    unseen = () if spec.count_as else data.absent_options.get(spec.question, ())
    absent = tuple(o for o in answers(data.form, list_name) if o in unseen)
    estimates = AnalysisEstimates(spec, kind, unit, list_name, levels, tuple(out), absent)
    return estimates, log


def _at_least(n: int, min_cell: int) -> int | None:
    return n if n >= min_cell else None


def _group_sizes(data: SurveyData, groups: tuple[GroupDefinition, ...]) -> list[GroupSize]:
    sizes: list[GroupSize] = []
    for group in groups:
        table = data.tables[group.unit]
        bases = {c: int((table[group.column] == c).sum()) for c in group.categories}
        # blanks, "don't know", "refused": counted once, never a category of the breakdown;
        # but a published "not stated" count is a cell a reader can subtract, so it is
        # suppressed with the others (else total - shown - not stated reveals a small cell)
        unstated = len(table) - sum(bases.values())
        cells = {**bases, NOT_STATED: unstated} if unstated else bases
        suppressed = suppress_breakdown(cells, len(table), data.config.min_cell)
        sizes += [
            GroupSize(group.key, c, None if c in suppressed else n, c in suppressed)
            for c, n in cells.items()
        ]
    return sizes


def roster_units(data: SurveyData) -> tuple[str, ...]:
    """The repeat tables that hold the household roster: the form's first repeat under the main
    record that was exported, with every other repeat under the main record that the form
    repeats the same number of times (``repeat_count``): the same people, asked other
    questions in another sheet (Kobo puts each repeat group in its own sheet)."""
    top = [
        r
        for r in data.form.repeats.values()
        if (r.parent or MAIN) == MAIN and r.name in data.tables
    ]
    if not top:
        return ()
    first = top[0]
    same = [r.name for r in top[1:] if first.count is not None and r.count == first.count]
    return (first.name, *same)


def count_people(data: SurveyData) -> int:
    """People in the roster, each once: per household the most rows any of the roster's
    sheets gives it (never their sum; a sheet asked of some members only has fewer)."""
    units = roster_units(data)
    if not units:
        return 0
    per_household = pd.concat(
        [data.tables[u].groupby(PARENT).size() for u in units], axis=1
    ).fillna(0)
    return int(per_household.max(axis=1).sum())


def estimate_survey(survey_dir: Path) -> SurveyEstimates:
    """Read and estimate one survey folder: the numbers of every language's report."""
    data = read_survey_data(Path(survey_dir))
    data, groups = build_groups(data, {spec.key: UNNAMED for spec in data.config.groups})
    _check_design(data)
    _check_group_labels(data, groups)
    frames: dict[str, tuple[pd.DataFrame, SampleDesign]] = {}
    analyses: list[AnalysisEstimates] = []
    log: list[SuppressionRecord] = []
    for spec in data.config.analyses:
        analysis, more_log = _analyse(data, spec, groups, frames)
        analyses.append(analysis)
        log += more_log
    main, design, min_cell = data.tables[MAIN], data.config.design, data.config.min_cell
    return SurveyEstimates(
        config=data.config,
        form=data.form,
        groups=groups,
        analyses=tuple(analyses),
        suppression_log=tuple(log),
        group_sizes=tuple(_group_sizes(data, groups)),
        respondents=len(main) if len(main) >= min_cell else None,
        members=MappingProxyType(
            {
                u: (len(t) if len(t) >= min_cell else None)
                for u, t in data.tables.items()
                if u != MAIN
            }
        ),
        people=_at_least(count_people(data), min_cell) if roster_units(data) else None,
        strata=int(main[design.strata].nunique()) if design.strata else None,
        clusters=int(main[design.cluster].nunique()) if design.cluster else None,
        mismatches=data.mismatches,
        dropped=data.dropped,
        files=data.files,
        fieldwork=(data.fieldwork.start, data.fieldwork.end),
    )
