"""Figures in authored prose, by reference:
`{{ figure received_care.yes by=disability group=disability }}`.

Authors write the story; the data writes the numbers. A reference names an analysis of the
document's survey (survey.yaml's `analyses`), optionally the answer it counts after a dot,
the group it is broken down by (`by=`, default the total) and the group's category
(`group=`, default `total`); `value=base` gives the number of respondents instead of the
estimate. It is looked up in the same analysis the document's tables show, with disclosure
control applied, and written at render time in the document's language, digits and number
format (`lnob.render.html`), exactly as the tables write it.

A reference to a figure that is withheld (too few respondents) or that does not exist is an
`InputError` naming the authored file, the line and the reference, with what exists.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from lnob.doc.blocks import Markdown
from lnob.doc.figure_slots import slot
from lnob.doc.text import Msg, Num, _, num
from lnob.errors import InputError
from lnob.products import research_figures as rf
from lnob.survey import EstimateRow, EstimateTable, SurveyResult

# `{{ figure ... }}`: the braces and the word are the syntax; what is inside is read by shlex.
REFERENCE = re.compile(r"\{\{\s*figure\b(?P<args>[^{}]*)\}\}")
OPTIONS = ("by", "group", "value")
# A figure of a question with skip logic, with whom it is among ("of the 226 households asked").
ASKED_FIGURE = _("{figure} ({asked})")
VALUES = ("estimate", "base")


@dataclass(frozen=True)
class FigureRef:
    analysis: str
    answer: str | None
    by: str
    category: str
    value: str

    def describe(self) -> str:
        answer = f".{self.answer}" if self.answer else ""
        return f"{self.analysis}{answer} by={self.by} group={self.category}"


def parse_reference(args: str, path: Path, line: int) -> FigureRef:
    """The words between `{{ figure` and `}}`: `analysis[.answer]` then `key=value` options."""

    def bad(message: str, found: str) -> InputError:
        return InputError(
            path,
            f"figure reference: {message}",
            row=line,
            found=found,
            expected="{{ figure ANALYSIS[.ANSWER] [by=GROUP group=CATEGORY] [value=base] }}",
            hint="See docs/formats/briefs.md, 'Figures in the text'",
        )

    try:
        words = shlex.split(args)
    except ValueError as exc:
        raise bad(str(exc), args.strip()) from None
    if not words or "=" in words[0]:
        raise bad("no analysis named", args.strip())
    analysis, _, answer = words[0].partition(".")
    options: dict[str, str] = {}
    for word in words[1:]:
        key, eq, value = word.partition("=")
        if not eq or key not in OPTIONS or not value:
            raise bad(f"'{word}' is not one of {', '.join(o + '=' for o in OPTIONS)}", word)
        options[key] = value
    value = options.get("value", "estimate")
    if value not in VALUES:
        raise bad(f"value={value} is not one of {', '.join(VALUES)}", value)
    by = options.get("by", "total")
    category = options.get("group", "total" if by == "total" else "")
    if not category:
        raise bad(f"by={by} needs the group's category (group=...)", args.strip())
    return FigureRef(analysis, answer or None, by, category, value)


def _table(survey: SurveyResult, ref: FigureRef, path: Path, line: int) -> EstimateTable:
    for t in survey.tables:
        if t.analysis == ref.analysis and t.group == ref.by:
            return t
    analyses = rf.analyses(survey)
    if ref.analysis not in analyses:
        expected = f"one of the survey's analyses: {', '.join(analyses)}"
    else:
        expected = f"by= one of {', '.join(survey.groups_of(ref.analysis))}"
    raise InputError(
        path,
        f"figure reference '{ref.describe()}': the survey has no such figure",
        row=line,
        found=ref.describe(),
        expected=expected,
    )


def _row(table: EstimateTable, ref: FigureRef, path: Path, line: int) -> EstimateRow:
    answers = list(dict.fromkeys(r.outcome for r in table.rows if r.outcome is not None))
    answer = ref.answer
    if answer is None and len(answers) > 1 and ref.value != "base":  # one base for all answers
        raise InputError(
            path,
            f"figure reference '{ref.describe()}': the question has {len(answers)} answers; "
            "name the one the figure counts",
            row=line,
            expected=f"{ref.analysis}.ANSWER, ANSWER one of {', '.join(answers)}",
            found=ref.describe(),
        )
    for r in table.rows:
        if r.category == ref.category and (answer is None or r.outcome == answer):
            return r
    if answer in {code for code, _label in table.absent}:
        raise InputError(
            path,
            f"figure reference '{ref.describe()}': answer '{answer}' has no column in the "
            "survey's export, so nobody's choice of it can be seen and it has no figure",
            row=line,
            found=ref.describe(),
            expected=f"answer one of {', '.join(answers)}",
            hint="Leave this answer out of the text, or export the survey again with a "
            "column for every option",
        )
    categories = list(dict.fromkeys(r.category for r in table.rows))
    raise InputError(
        path,
        f"figure reference '{ref.describe()}': the survey has no such figure",
        row=line,
        found=ref.describe(),
        expected=f"group= one of {', '.join(categories)}"
        + (f"; answer one of {', '.join(answers)}" if answers else ""),
    )


def resolve(
    survey: SurveyResult, ref: FigureRef, path: Path, line: int, *, base_named: bool = False
) -> Num | Msg:
    """The figure as a number to be formatted at render time; withheld is an error.

    An estimate of a question with skip logic (asked of some respondents only) says among
    whom it is: "42% (of the 226 households asked)", unless its paragraph says how many were
    asked itself, with a `value=base` reference to the analysis (``base_named``)."""
    table = _table(survey, ref, path, line)
    row = _row(table, ref, path, line)
    if row.suppressed or row.estimate is None or (ref.value == "base" and row.base is None):
        raise InputError(
            path,
            f"figure reference '{ref.describe()}' is withheld by disclosure control "
            f"(fewer than {survey.config.min_cell} respondents, or too few to be reliable)",
            row=line,
            found=ref.describe(),
            hint="Name another figure: a withheld number never appears in a publication",
        )
    if ref.value == "base":
        return num(row.base)
    figure = rf.figure(table, row.estimate)
    asked = None if base_named else rf.asked_base(table, survey.sample.unit, row.base)
    return figure if asked is None else ASKED_FIGURE.format(figure=figure, asked=asked)


def references(text: str) -> list[tuple[int, re.Match[str]]]:
    """Every `{{ figure ... }}` in `text`, with its 1-based line."""
    found = []
    for i, line in enumerate(text.split("\n"), start=1):
        found += [(i, m) for m in REFERENCE.finditer(line)]
    return found


def cited_groups(text: str, path: Path, first_line: int = 1) -> dict[str, tuple[str, ...]]:
    """Per analysis, the groups the text gives figures of (`by=`), in the order it cites
    them: the chart and table of the analysis make room for these first."""
    out: dict[str, list[str]] = {}
    for line, match in references(text):
        ref = parse_reference(match.group("args"), path, first_line + line - 1)
        if ref.by != "total" and ref.by not in out.setdefault(ref.analysis, []):
            out[ref.analysis].append(ref.by)
    return {analysis: tuple(groups) for analysis, groups in out.items()}


def without_references(line: str) -> str:
    """The line with its figure references taken out (for checks of typed numbers)."""
    return REFERENCE.sub(" ", line)


def _bases_named(lines: list[str], parsed: list[list[FigureRef]]) -> list[set[str]]:
    """Per line, the analyses whose base (a `value=base` reference) its paragraph names: the
    paragraph has said how many were asked, so its figures of that analysis need not."""
    out: list[set[str]] = []
    paragraph: set[str] = set()
    start = 0
    for k, line in enumerate([*lines, ""]):
        if line.strip():
            paragraph |= {r.analysis for r in parsed[k] if r.value == "base"}
            continue
        out += [paragraph] * (k - start) + ([set()] if k < len(lines) else [])
        paragraph, start = set(), k + 1
    return out


def with_figures(
    body: str, survey: SurveyResult | None, path: Path, first_line: int, **block: object
) -> Markdown:
    """A Markdown block of `body` (which starts at line `first_line` of `path`) with each figure
    reference resolved: the text keeps a slot, the block the numbers, and the render
    stage writes each number in the document's language."""
    figures: list[Num | Msg] = []
    out: list[str] = []
    lines = body.split("\n")
    parsed = [
        [parse_reference(m.group("args"), path, i) for m in REFERENCE.finditer(line)]
        for i, line in enumerate(lines, start=first_line)
    ]
    bases = _bases_named(lines, parsed)
    for i, line in enumerate(lines, start=first_line):
        pieces, last = [], 0
        refs = parsed[i - first_line]
        for m, ref in zip(REFERENCE.finditer(line), refs, strict=True):
            if survey is None:
                raise InputError(
                    path,
                    "a figure reference, but the document has no survey to take it from",
                    row=i,
                    found=m.group(0),
                    hint="Give the document a survey in data/coalition.yaml (or brief.yaml)",
                )
            named = ref.analysis in bases[i - first_line]
            figures.append(resolve(survey, ref, path, i, base_named=named))
            pieces += [line[last : m.start()], slot(len(figures) - 1)]
            last = m.end()
        out.append("".join(pieces) + line[last:])
    return Markdown("\n".join(out), figures=tuple(figures), **block)  # type: ignore[arg-type]
