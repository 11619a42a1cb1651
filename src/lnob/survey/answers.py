"""Answers survey.yaml names must exist: a typo in ``count_as`` would silently lower a share.

:func:`check_named_answers` checks every ``count_as`` value of an analysis and every value of a
group's ``where`` against the question's choice list (the form's, or an extra column's
``list_name``), and raises an :class:`~lnob.errors.InputError` naming survey.yaml's line, the
list and the nearest real value. :func:`nearest` is also used for brief.yaml's categories.
:func:`lnob.survey.read_survey_data` calls it, so validate and the build stop alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from lnob.errors import InputError
from lnob.survey.config import SurveyConfig
from lnob.survey.xlsform import FormDefinition
from lnob.yamlio import line_in


def nearest(value: str, known: Iterable[str]) -> str | None:
    """The known value closest to ``value`` (by spelling, case ignored), if any is close."""
    names = list(known)
    folded = {n.casefold(): n for n in names}
    if value.casefold() in folded:
        return folded[value.casefold()]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.5)
    return folded[close[0]] if close else None


def did_you_mean(value: str, known: Sequence[str]) -> str:
    """', nearest: 'x'' when a known value is close, else ''."""
    best = nearest(value, known)
    return f" (the nearest is '{best}')" if best else ""


def list_of(config: SurveyConfig, form: FormDefinition, question: str) -> str | None:
    for extra in config.extra_columns:
        if extra.name == question:
            return extra.list_name
    found = form.question(question)
    return found.list_name if found is not None else None


def _check(
    config: SurveyConfig,
    form: FormDefinition,
    question: str,
    value: str,
    location: list[str | int],
    what: str,
) -> None:
    list_name = list_of(config, form, question)
    if not list_name:
        return  # a text or numeric question: no list to check against
    names = form.choice_names(list_name)
    if not names or value in names:
        return
    raise InputError(
        config.path,
        f"{what} '{value}' of question '{question}' is not an answer of its choice list "
        f"'{list_name}'{did_you_mean(value, names)}; no respondent could have chosen it",
        row=line_in(config.path, location),
        column=".".join(str(k) for k in location),
        expected=f"a choice name of list '{list_name}': {', '.join(names[:15])}"
        + ("…" if len(names) > 15 else ""),
        found=value,
        hint="Write the choice's name as the form's choices sheet has it",
    )


def check_named_answers(config: SurveyConfig, form: FormDefinition) -> None:
    """InputError when survey.yaml names an answer the question's choice list does not have."""
    for index, analysis in enumerate(config.analyses):
        for k, value in enumerate(analysis.count_as):
            _check(
                config,
                form,
                analysis.question,
                value,
                ["analyses", index, "count_as", k],
                "count_as value",
            )
    for group in config.groups:
        for column, value in group.where.items():
            _check(
                config, form, column, value, ["groups", group.key, "where", column], "where value"
            )
