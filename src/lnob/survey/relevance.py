"""Skip logic: which respondents a question with ``relevant`` in the XLSForm was asked of.

A question asked of some respondents only is estimated among those asked: a row where it was
not asked is blank in the export, and a blank is out of every base (never a "no"). What a
reader needs besides the number asked is who they were; :func:`condition_of` recognises the
simple conditions a reader can be told in words (one question equal, or not equal, to one or
several answers: ``${a} = 'x'``, ``selected(${a}, 'x') or selected(${a}, 'y')``,
``not(selected(${a}, 'x'))``) and returns None for anything else (``${age} >= 5``, several
questions), which is then described by its number only.

Bottom layer: imports nothing of the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VALUE = r"""\s*(?:'([^']*)'|"([^"]*)")\s*"""
_EQUALS = re.compile(r"^\s*\$\{(\w+)\}\s*(!?=)" + _VALUE + "$")
_SELECTED = re.compile(r"^\s*selected\(\s*\$\{(\w+)\}\s*," + _VALUE + r"\)\s*$")
_NOT = re.compile(r"^\s*not\s*\((.*)\)\s*$", re.S)


@dataclass(frozen=True)
class Condition:
    """``question`` is (``negated``: is not) one of ``values`` (choice names)."""

    question: str
    values: tuple[str, ...]
    negated: bool


def _term(text: str) -> tuple[str, str, bool] | None:
    found = _EQUALS.match(text)
    if found:
        return found[1], found[3] if found[3] is not None else found[4], found[2] == "!="
    found = _SELECTED.match(text)
    if found:
        return found[1], found[2] if found[2] is not None else found[3], False
    return None


def condition_of(expression: str | None) -> Condition | None:
    """The simple condition of a ``relevant`` expression, or None when it is not simple."""
    text = (expression or "").strip()
    negated = False
    outer = _NOT.match(text)
    if outer and outer[1].count("(") == outer[1].count(")"):
        text, negated = outer[1], True
    terms = [_term(part) for part in re.split(r"\s+or\s+", text)]
    if not terms or any(t is None for t in terms):
        return None
    found = [t for t in terms if t is not None]
    questions = {q for q, _, _ in found}
    inner = {n for _, _, n in found}
    if len(questions) != 1 or len(inner) != 1:
        return None
    if inner == {True} and len(found) > 1:  # a != x or a != y: true for everyone
        return None
    values = tuple(dict.fromkeys(v for _, v, _ in found))
    return Condition(found[0][0], values, negated != inner.pop())
