"""Non-answers: "don't know", "refused", "prefer not to say", "no answer", "unknown".

A choice that is a non-answer is not a group anyone belongs to nor an answer to report: on
reading (:mod:`lnob.survey.harmonise`) it becomes "not stated" (missing), so it is never a
category of a breakdown, a bar of a chart or a level of a table, and the respondents who gave
it are counted once, in the "not stated" line of the table of respondents.

A choice is a non-answer by its name (``dk``, ``dnk``, ``pnta``, ``refused``, ``NA`` ...) or by
its label in any language of the form matching one of the phrases below (compared whole, case
and punctuation ignored, or as the start of the label: "Does not know / prefers not to answer").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from lnob.survey.xlsform import Choice, FormDefinition

NAMES = frozenset(
    {
        "dk",
        "dnk",
        "dont_know",
        "do_not_know",
        "don_t_know",
        "pnta",
        "prefer_not",
        "prefer_not_to_answer",
        "prefer_not_to_say",
        "refused",
        "refuse",
        "refusal",
        "no_answer",
        "na",
        "nr",
        "unknown",
        "not_stated",
    }
)

PHRASES = (
    "don't know",
    "dont know",
    "do not know",
    "does not know",
    "doesn't know",
    "not known",
    "refused",
    "refuses",
    "refuse to answer",
    "prefer not",
    "prefers not",
    "no answer",
    "did not answer",
    "unknown",
    "not stated",
    "ne sait pas",
    "ne veut pas",
    "préfère ne pas",
    "refus",
    "no sabe",
    "prefiere no",
    "sijui",
    "hajui",
)


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(folded.replace("/", " / ").split())


def is_non_answer(choice: Choice) -> bool:
    if choice.name.strip().casefold() in NAMES:
        return True
    for label in choice.labels.values():
        plain = _plain(label).strip(" .:;!?()[]")
        if any(plain == p or plain.startswith(p + " ") for p in PHRASES):
            return True
    return False


def non_answers(form: FormDefinition, list_name: str | None) -> frozenset[str]:
    """The names of the non-answer choices of one list."""
    if not list_name:
        return frozenset()
    return frozenset(c.name for c in form.choices.get(list_name, ()) if is_non_answer(c))


def answers(form: FormDefinition, list_name: str | None) -> tuple[str, ...]:
    """The list's choice names that are answers, in the form's order."""
    skip = non_answers(form, list_name)
    return tuple(n for n in form.choice_names(list_name or "") if n not in skip)


def drop(names: Iterable[str], form: FormDefinition, list_name: str | None) -> list[str]:
    skip = non_answers(form, list_name)
    return [n for n in names if n not in skip]
