"""The numbers of a policy brief, pulled from the country's results, never typed.

`briefs/<ISO3>/<slug>/brief.yaml` names them: headline numbers (a survey estimate
for one group, or a stocktake share), one chart and one table. They come from the
same `analyse_survey` and `analyse_country` results the country's reports show, are
formatted by the same render stage, and so read exactly as in the reports. A figure
withheld by disclosure control cannot be a headline: the brief fails and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lnob.doc.blocks import (
    Callout,
    Chart,
    Column,
    Heading,
    Interval,
    KeyNumber,
    KeyNumbers,
    Series,
    Suppressed,
    Table,
)
from lnob.doc.text import Msg, Text, _, num, pct
from lnob.errors import InputError
from lnob.notebook import Doc
from lnob.products import research_figures as rf
from lnob.products.checks import brief_file, check_document_surveys, read_brief_file, survey_folder
from lnob.products.stocktake import in_english
from lnob.survey import EstimateRow, EstimateTable, SurveyResult
from lnob.survey.answers import did_you_mean
from lnob.survey.cache import cached_analysis
from lnob.survey.formtext import catalogue_words
from lnob.yamlio import line_in, load_yaml

DECIMALS = rf.DECIMALS  # survey figures: the research report's decimals, so both read the same
STOCKTAKE_DECIMALS = 0  # stocktake shares: whole per cent, as the stocktake report's gap table
CONFIDENCE = pct(0.95, 0)  # "95%" in the document's numerals (a msgid with "% c" breaks gettext)


@dataclass(frozen=True, eq=False)
class BriefNumbers:
    spec_path: Path
    figures: dict[str, Any]
    survey: SurveyResult
    stocktake: Any  # lnob.products.stocktake.StocktakeReport
    language: str


def survey_result(doc: Doc, survey_id: str) -> SurveyResult:
    """The analysis of one of the country's surveys in the document's language (its estimates
    kept in the build cache)."""
    folders = check_document_surveys(doc.spec, doc.paths)  # coalition.yaml's, checked alike
    folder = (
        folders[doc.spec.surveys.index(survey_id)]
        if survey_id in doc.spec.surveys
        else survey_folder(
            doc.paths,
            doc.country.code,
            survey_id,
            brief_file(doc.paths, doc.spec),
            ["survey"],
            "brief.yaml",
        )
    )
    return cached_analysis(
        folder, doc.language, cache_dir=doc.paths.cache, words=catalogue_words(doc.paths.locale)
    )


def _survey_id(doc: Doc) -> tuple[Path, dict[str, Any], str]:
    return read_brief_file(doc.paths, doc.spec)


def brief_survey(doc: Doc) -> SurveyResult:
    """The survey the brief's figures (and its text's figure references) come from."""
    return survey_result(doc, _survey_id(doc)[2])


def load_numbers(doc: Doc) -> BriefNumbers:
    from lnob.products.stocktake import load_report

    path, figures, survey_id = _survey_id(doc)
    return BriefNumbers(
        path, figures, survey_result(doc, survey_id), load_report(doc), doc.language
    )


def check_categories(path: Path, survey_dir: Path) -> None:
    """brief.yaml's headline categories against the survey's choice lists, without estimating:
    a category of a group read from a select question must be one of the list's names.

    ``python build.py validate`` runs it; the build finds the same typo in
    :func:`headline_numbers` (no such row), with the same nearest value.
    """
    from lnob.survey.answers import list_of
    from lnob.survey.config import load_survey_config
    from lnob.survey.xlsform import read_xlsform

    figures = load_yaml(path, "brief_figures")
    config = load_survey_config(survey_dir)
    form = read_xlsform(config.form, config.form_language)
    groups = {g.key: g for g in config.groups}
    for i, h in enumerate(figures["headlines"]):
        group = groups.get(h.get("group", ""))
        if group is None or not group.question or group.bins:
            continue  # the build names an unknown group; age bands are not a choice list
        list_name = list_of(config, form, group.question)
        names = form.choice_names(list_name) if list_name else ()
        if names and h["category"] not in names:
            raise InputError(
                path,
                f"headlines[{i}]: category '{h['category']}' of group '{group.key}' is not an "
                f"answer of the choice list '{list_name}' of question '{group.question}'"
                f"{did_you_mean(str(h['category']), names)}",
                row=line_in(path, ["headlines", i, "category"]),
                column=f"headlines.{i}.category",
                expected=f"a choice name of list '{list_name}': {', '.join(names)}",
                found=h["category"],
                hint="Write the category's name as the survey's form has it",
            )


def _table(numbers: BriefNumbers, analysis: str, group: str, where: str):
    for t in numbers.survey.tables:
        if t.analysis == analysis and t.group == group:
            return t
    known = sorted({f"{t.analysis}/{t.group}" for t in numbers.survey.tables})
    raise InputError(
        numbers.spec_path,
        f"{where}: no analysis '{analysis}' by group '{group}'",
        expected=f"one of {', '.join(known[:12])}…",
        found=f"{analysis}/{group}",
    )


def _survey_name(numbers: BriefNumbers) -> str:
    return numbers.survey.sample.title  # already in the document's language


def headline_numbers(numbers: BriefNumbers) -> KeyNumbers:
    items = []
    for i, h in enumerate(numbers.figures["headlines"]):
        where = f"headlines[{i}]"
        if "stocktake" in h:
            items.append(_stocktake_headline(numbers, h["stocktake"], where))
            continue
        table = _table(numbers, h["analysis"], h["group"], where)
        try:
            row = table.row(h["category"])
        except KeyError:
            known = list(dict.fromkeys(r.category for r in table.rows))
            raise InputError(
                numbers.spec_path,
                f"{where}: no category '{h['category']}' in group '{h['group']}' of "
                f"analysis '{h['analysis']}'{did_you_mean(str(h['category']), known)}",
                row=line_in(numbers.spec_path, ["headlines", i, "category"]),
                column=f"headlines.{i}.category",
                expected=f"a category of the group: {', '.join(known)}",
                found=h["category"],
                hint="Write the category's name as the survey's form or survey.yaml has it",
            ) from None
        if row.suppressed or row.estimate is None:
            raise InputError(
                numbers.spec_path,
                f"{where}: {h['analysis']} for "
                f"{h['group']}={h['category']} is withheld by disclosure control "
                "(too few respondents)",
                hint="Choose another figure: a withheld number can never be a headline",
            )
        label = _authored_label(h.get("label"), numbers.language) or _generated_label(table, row)
        base = rf.asked_base(table, numbers.survey.sample.unit, row.base)
        if base is not None:  # skip logic: the headline says of how many asked
            label = _("{label} ({base})").format(label=label, base=base)
        items.append(
            KeyNumber(rf.figure(table, row.estimate), label, _survey_name(numbers), "community")
        )
    return KeyNumbers(tuple(items), title=_("In numbers"))


def _authored_label(labels: dict[str, str] | None, language: str) -> Text | None:
    """The author's words for what a headline counts, in the document's language; English,
    marked as English (a release refuses it), where that language has none yet."""
    if not labels:
        return None
    if language in labels:
        return labels[language]
    return in_english(labels["en"]) if "en" in labels else None


def _generated_label(table: EstimateTable, row: EstimateRow) -> Text:
    """The question, the answer it counts ("Yes") and the group: a draft's label."""
    if row.outcome_label:
        return _("{question} — “{answer}”, {group}").format(
            question=table.question_label, answer=row.outcome_label, group=row.category_label
        )
    return _("{question} — {group}").format(question=table.question_label, group=row.category_label)


def _stocktake_headline(numbers: BriefNumbers, key: str, where: str) -> KeyNumber:
    report = numbers.stocktake
    headlines = report.result.headlines
    if key == "any":
        value, label = headlines.with_any_data, _("of the focus indicators have any official data")
    elif key in headlines.by_group:
        value = headlines.by_group[key]
        label = _("of the focus indicators have official data broken down by {group}").format(
            group=report.group(key)
        )
    else:
        raise InputError(
            numbers.spec_path,
            f"{where}: no stocktake figure for group '{key}'",
            expected=f"'any' or one of {', '.join(sorted(headlines.by_group))}",
        )
    return KeyNumber(
        pct(value.ratio, STOCKTAKE_DECIMALS), label, _("National SDG data stocktake"), "official"
    )


def chart(numbers: BriefNumbers) -> Chart:
    spec = numbers.figures["chart"]
    table = _table(numbers, spec["analysis"], spec["group"], "chart")
    rows = [r for r in table.rows if not r.suppressed and r.estimate is not None]
    return Chart(
        title=_("{question}, by {group}").format(
            question=table.question_label, group=table.group_label
        ),
        categories=tuple(r.category_label for r in rows),
        series=(
            Series(
                _("Share"),
                tuple(r.estimate for r in rows),
                tuple(r.ci_low for r in rows),
                tuple(r.ci_high for r in rows),
            ),
        ),
        unit="percent" if table.kind == "proportion" else "number",
        decimals=DECIMALS,
        value_label=None if table.kind == "proportion" else _("Mean"),
        source=_survey_name(numbers),
        provenance="community",
        note=_with_absent(
            table,
            rf.with_skip_note(
                _(
                    "Bars show {level} confidence intervals. "
                    "Groups with too few respondents are not shown."
                ).format(level=CONFIDENCE),
                table,
                numbers.survey.sample.unit,
            ),
        ),
    )


def _with_absent(table: EstimateTable, note: Text | None) -> Text | None:
    """The note, followed by the answers the export has no column for, if any (they have no
    figure: never a 0%)."""
    absent = rf.absent_note(table)
    if absent is None:
        return note
    if note is None:
        return absent
    return rf.NOTES.format(first=note, second=absent)


def table(numbers: BriefNumbers) -> Table:
    spec = numbers.figures["table"]
    rows: list[tuple] = []
    tables = [_table(numbers, spec["analysis"], group, "table") for group in spec["groups"]]
    question = tables[-1].question_label
    percent = tables[-1].kind == "proportion"
    for t in tables:
        for r in t.rows:
            cell: Any = (
                Suppressed()
                if r.suppressed or r.estimate is None
                else Interval(r.estimate, r.ci_low, r.ci_high, t.kind == "proportion", DECIMALS)
            )
            rows.append((r.category_label, cell, None if r.suppressed else r.base))
    base = rf.asked_base(tables[-1], numbers.survey.sample.unit)
    return Table(
        caption=(
            _("{question}, by group").format(question=question)
            if base is None
            else _("{question}, by group, {base}").format(question=question, base=base)
        ),
        columns=(
            Column("category", rf.CATEGORY),
            Column("share", _("Share (95% CI)") if percent else _("Mean (95% CI)"), "interval"),
            Column("base", _("Respondents"), "integer"),
        ),
        rows=tuple(rows),
        source=_survey_name(numbers),
        provenance="community",
        row_groups=rf.row_groups(tables),
        group_column=rf.GROUP,
        note=_with_absent(tables[-1], rf.skip_note(tables[-1], numbers.survey.sample.unit)),
    )


def methodology(numbers: BriefNumbers) -> list:
    sample = numbers.survey.sample
    config = numbers.survey.config
    return [
        Callout(
            "method",
            _("About the figures"),
            (
                _(
                    "Community-generated data: a citizen-led survey of {n} respondents "
                    "by the coalition ({survey}). Shares are weighted estimates "
                    "with {level} confidence intervals."
                ).format(n=num(sample.respondents), survey=_survey_name(numbers), level=CONFIDENCE),
                _("Official statistics: the coalition's stocktake of national SDG data sources."),
                _(
                    "Figures for groups with fewer than {k} respondents are withheld to protect "
                    "respondents."
                ).format(k=num(config.min_cell)),
            ),
        )
    ]


__all__ = [
    "BriefNumbers",
    "Heading",
    "Msg",
    "chart",
    "headline_numbers",
    "load_numbers",
    "methodology",
    "table",
]
