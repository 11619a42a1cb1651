"""Undeclared missing-value codes stop the reading: they would be averaged in as answers.

:func:`lnob.survey.harmonise.code_like` finds values written like a code (99, 999, 8888, -1 ...)
that break the form's constraint or sit far beyond every other answer; each becomes an
``undeclared_code`` mismatch. :func:`check_codes` turns those of a question survey.yaml
analyses or groups by into an :class:`~lnob.errors.InputError` that names the file, the column,
the values, how many rows, and the line to add to survey.yaml. In a question nothing reads
they are only reported (``possible_sentinel``). :func:`lnob.survey.read_survey_data` calls it,
so ``python build.py validate`` and the build stop on the same files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from lnob.errors import InputError
from lnob.survey.config import KEEP, SurveyConfig
from lnob.survey.mismatches import Mismatch


def used_questions(config: SurveyConfig) -> set[str]:
    """The questions whose values reach a figure: analyses and breakdown groups."""
    names = {a.question for a in config.analyses}
    for group in config.groups:
        names |= {group.question} if group.question else set()
        names |= set(group.where) | set((group.washington_group or {}).values())
    return names


def check_codes(
    config: SurveyConfig, found: Iterable[Mismatch], sources: dict[str, tuple[Path, str | None]]
) -> list[Mismatch]:
    """``found`` with undeclared codes of unused questions kept as ``possible_sentinel``;
    raises InputError when an analysed or grouped question has one.

    ``sources`` maps a mismatch's ``where`` (file name [sheet]) to the file and sheet.
    """
    used = used_questions(config)
    kept: list[Mismatch] = []
    errors: list[Mismatch] = []
    for mismatch in found:
        if mismatch.kind != "undeclared_code":
            kept.append(mismatch)
        elif mismatch.column in used:
            errors.append(mismatch)
        else:
            kept.append(dataclasses.replace(mismatch, kind="possible_sentinel"))
    if not errors:
        return kept
    first = errors[0]
    path, sheet = sources.get(first.where, (Path(first.where), None))
    values = ", ".join(first.examples)
    others = "; ".join(
        f"{m.where} column '{m.column}': {', '.join(m.examples)} ({m.count} rows)"
        for m in errors[1:]
    )
    raise InputError(
        path,
        f"values {values} of '{first.column}' ({first.count} rows) look like missing-value "
        "codes that survey.yaml does not declare; as answers they would be averaged into "
        "the figures" + (f" (also: {others})" if others else ""),
        sheet=sheet,
        column=first.column,
        expected="answers, or codes declared under missing_codes",
        found=list(first.examples),
        hint=f"Add `missing_codes: {{{first.column}: [{values}]}}` to {config.path} if they "
        f"mean 'not known' or 'refused', or `missing_codes: {{{first.column}: {KEEP}}}` if "
        "they are real answers",
    )
