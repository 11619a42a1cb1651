"""How a primary research report's survey was made, and what the checks of its data found.

`methodology` states the sample, the fieldwork dates, the weighting and design, consent, the
Washington Group disability rule (in the report's language, from `lnob.survey`), the
reliability flag, the suppression rule, what identifying data was removed and which labels
of the form fell back to its default language. `data_checks` summarises the mismatches
between the form and the submissions from the survey library's *public* report: kinds,
columns and counts, never examples, and no count below the disclosure minimum.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lnob.doc.blocks import Callout, Column, Heading, Paragraph, Table
from lnob.doc.text import Msg, Num, Text, _, num, pct
from lnob.products import research_figures as rf
from lnob.products.research_figures import CONFIDENCE
from lnob.products.stocktake import QUOTED, joined
from lnob.sdmx import sdmx_methodology

if TYPE_CHECKING:
    from lnob.products.research import ResearchReport


MISMATCH_KINDS: dict[str, Msg] = {
    "unknown_column": _("Column the form does not define: not read"),
    "missing_column": _("Question of the form missing from the export: no answers"),
    "missing_option": _(
        "Answer of a multiple-choice question without a column in the export: no figure, "
        "marked as not in the export"
    ),
    "value_not_in_choices": _("Value outside the question's list of answers: read as missing"),
    "labels_as_values": _("Answer labels instead of answer codes: mapped to the codes"),
    "not_a_number": _("Text in a numeric question: read as missing"),
    "constraint_violation": _("Answer breaking the question's constraint: read as missing"),
    "constraint_not_checked": _("Constraint too complex to check: not checked"),
    "sentinel_code": _("Declared missing-value code: read as missing"),
    "possible_sentinel": _("Value that looks like a missing-value code but is not declared: kept"),
    "undeclared_code": _("Undeclared missing-value code, in a question not analysed: not used"),
    "orphan_rows": _("Roster rows without their household: not read"),
    "duplicate_key": _("Several records with the same key"),
    "unused_sheet": _("Sheet of the export that matches no part of the form: not read"),
    "missing_repeat": _("Repeated section of the form without data: not analysed"),
    "outside_subset": _("Records outside the survey's scope: not read"),
    "form_defect": _("Problem in the form itself"),
}


def suppression_rule(min_cell: int) -> Msg:
    """The disclosure rule, worded the same in the methodology, notes and metadata."""
    return _(
        "Figures resting on fewer than {k} respondents are withheld, with other figures "
        "that would let them be worked out from a total (secondary suppression)."
    ).format(k=num(min_cell))


def _design(report: ResearchReport) -> list[Text]:
    s = report.result.sample
    parts: list[Text] = []
    if s.strata:
        parts.append(_("{n} strata").format(n=num(s.strata)))
    if s.clusters:
        parts.append(_("{n} clusters").format(n=num(s.clusters)))
    out: list[Text] = [
        _("Weighting: estimates are weighted with the survey's sampling weights.")
        if s.weighted
        else _(
            "Weighting: the survey has no sampling weights, so every respondent counts the same."
        )
    ]
    out.append(
        _(
            "Confidence intervals ({level}) take the sampling design into account "
            "({design}) and are computed by Taylor linearisation with the samplics "
            "library."
        ).format(level=CONFIDENCE, design=joined(parts))
        if parts
        else _(
            "Confidence intervals ({level}) are computed by Taylor linearisation with the "
            "samplics library."
        ).format(level=CONFIDENCE)
    )
    if any(n is not None for n in s.members.values()):
        out.append(_("Figures about household members count each household as a cluster."))
    return out


def methodology(report: ResearchReport) -> Callout:
    result, s = report.result, report.result.sample
    config = result.config
    body: list[Text] = [
        _("Sample: {description}").format(description=s.description),
        _("Fieldwork: from {start} to {end}.").format(start=report.start, end=report.end),
        *_design(report),
        _("Consent: {consent}").format(consent=s.consent),
    ]
    if result.disability_rule:
        body.append(
            _("Disability (Washington Group Short Set): {rule}").format(rule=result.disability_rule)
        )
    body += [
        _(
            "Reliability: a figure marked {mark} is to be read with caution: it rests on fewer "
            "than {base} respondents, or its coefficient of variation is above {cv}."
        ).format(mark=rf.UNRELIABLE, base=num(config.min_base), cv=pct(config.max_cv, 0)),
        _(
            "Protecting respondents: {rule} This applies to every table, chart, sentence and "
            "download of this report; {n} figures are withheld."
        ).format(
            rule=suppression_rule(config.min_cell),
            n=num(sum(1 for r in result.suppression_log if r.reason != "empty")),
        ),
        _(
            "Names, phone numbers, GPS locations, device and interviewer ids and other "
            "identifying answers ({n} columns of the export) were removed when the data was read; "
            "none of them reaches this report or its downloads."
        ).format(n=num(sum(1 for d in result.dropped_columns if d.identifying))),
        *sdmx_methodology(),  # the SDMX downloads (lnob.stages.sdmx_formats)
    ]
    asked = [t.question_label for t in result.tables if t.group == "total" and t.asked_of]
    if asked:
        body.append(
            _(
                "Skip logic: some questions were asked of some respondents only ({questions}); "
                "their figures are of the respondents asked, and each says of how many."
            ).format(questions=joined([QUOTED.format(name=q) for q in asked]))
        )
    if result.label_fallbacks:
        used = sorted({f.used for f in result.label_fallbacks})
        # Counted, never listed by name: the names are the form's column and choice names,
        # which readers never see (lnob.survey.formtext).
        body.append(
            _(
                "{n} labels of the form have no translation into this language and are "
                "shown in {language}."
            ).format(
                n=num(len(result.label_fallbacks)),
                language=joined([_language(report, code) for code in used]),
            )
        )
    return Callout("method", _("How this survey was made"), tuple(body))


def _language(report: ResearchReport, code: str) -> str:
    try:
        return report.formatter.language(code.split("-")[0])
    except ValueError:
        return code


def data_checks(report: ResearchReport) -> list:
    """What did not fit between the form and the submissions, and how it was treated."""
    config = report.result.config
    public = report.result.mismatches.public(config.min_cell)
    blocks: list = [Heading(_("Checks of the data against the form"))]
    if not public:
        return [*blocks, Paragraph(_("Every answer fitted the form."))]
    rows = tuple(
        (
            MISMATCH_KINDS[m.kind],
            m.column or m.where,
            Num(m.count, "integer")
            if m.count is not None
            else _("fewer than {k}").format(k=num(config.min_cell)),
        )
        for m in public
    )
    return [
        *blocks,
        Paragraph(
            _(
                "The answers were checked against the form before the analysis. Nothing "
                "was dropped or kept silently: this table lists what did not fit and "
                "how it was treated."
            )
        ),
        Table(
            _("Answers that did not fit the form"),
            (
                Column("kind", _("What was found")),
                Column("column", _("Column")),
                Column("count", _("Answers"), "integer"),
            ),
            rows,
            source=report.context.source,
            provenance="community",
            note=_(
                "Counts below {k} are not shown, so that no answer can be traced to a respondent."
            ).format(k=num(config.min_cell)),
        ),
    ]
