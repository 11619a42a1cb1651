"""Check simple numeric XLSForm constraints (``. >= 0 and . < 96 or . = 999``) against answers.

Only constraints made of ``.``, numbers, comparisons, ``and``, ``or``, ``not(...)`` and
parentheses are checked; anything else (``regex``, ``selected``, ``${other}``) is reported by
the caller as not checked. The parser is a small recursive descent over tokens, evaluated on
numpy arrays, so a whole column is checked at once and nothing is ever passed to ``eval``.

Bottom layer: imports nothing of the project.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Predicate = Callable[[FloatArray], BoolArray]

_TOKEN = re.compile(
    r"\s*(?:(?P<number>-?\d+(?:\.\d+)?)|(?P<op><=|>=|!=|=|<|>)|(?P<word>and|or|not)\b"
    r"|(?P<dot>\.)(?![\d\w])|(?P<paren>[()]))",
)
_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class UnsupportedConstraint(ValueError):
    """The constraint uses more than numbers, comparisons and and/or/not."""


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


def _tokens(expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    text = expression.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise UnsupportedConstraint(expression)
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = _tokens(expression)
        self.position = 0

    def _peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self, text: str | None = None) -> _Token:
        token = self._peek()
        if token is None or (text is not None and token.text != text):
            raise UnsupportedConstraint(self.expression)
        self.position += 1
        return token

    def parse(self) -> Predicate:
        predicate = self._or()
        if self._peek() is not None:
            raise UnsupportedConstraint(self.expression)
        return predicate

    def _or(self) -> Predicate:
        left = self._and()
        while (token := self._peek()) is not None and token.text == "or":
            self._take()
            right = self._and()
            left = (lambda a, b: lambda v: a(v) | b(v))(left, right)
        return left

    def _and(self) -> Predicate:
        left = self._unary()
        while (token := self._peek()) is not None and token.text == "and":
            self._take()
            right = self._unary()
            left = (lambda a, b: lambda v: a(v) & b(v))(left, right)
        return left

    def _unary(self) -> Predicate:
        token = self._peek()
        if token is not None and token.text == "not":
            self._take()
            self._take("(")
            inner = self._or()
            self._take(")")
            return lambda v: ~inner(v)
        if token is not None and token.text == "(":
            self._take()
            inner = self._or()
            self._take(")")
            return inner
        return self._comparison()

    def _operand(self) -> Callable[[FloatArray], FloatArray | float]:
        token = self._take()
        if token.kind == "dot":
            return lambda v: v
        if token.kind == "number":
            number = float(token.text)
            return lambda v: number
        raise UnsupportedConstraint(self.expression)

    def _comparison(self) -> Predicate:
        left = self._operand()
        op = self._take()
        if op.kind != "op":
            raise UnsupportedConstraint(self.expression)
        right = self._operand()
        compare = _COMPARE[op.text]
        return lambda v: (
            np.asarray(compare(left(v), right(v)), dtype=bool) & np.ones_like(v, dtype=bool)
        )


def numeric_constraint(expression: str) -> Predicate:
    """Compile a simple numeric constraint into a function of a float array -> bool array.

    Raises :class:`UnsupportedConstraint` for anything that is not a simple numeric constraint.

    >>> check = numeric_constraint("(. >= 0 and . < 92) or (. = 999)")
    >>> check(np.array([5.0, 95.0, 999.0])).tolist()
    [True, False, True]
    """
    return _Parser(expression).parse()
