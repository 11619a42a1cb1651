"""Text that is translated and formatted at render time, not when the notebook runs.

`_("Share of {group}")` marks a string for the gettext catalogue (Babel extracts
`_` calls) and returns a `Msg`; `.format(group=...)` attaches parameters. Numbers
are `Num` values, formatted by the render stage for the document's language, so a
fixed translation re-renders a document without re-executing its notebook, and a
figure reads the same in text, tables, charts and downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

NumKind = Literal["number", "integer", "percent", "year"]


@dataclass(frozen=True)
class Num:
    """A number to be formatted for the reader's locale. Percent values are shares (0..1)."""

    value: float | int | None
    kind: NumKind = "number"
    decimals: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"num": self.value, "kind": self.kind, "decimals": self.decimals}


@dataclass(frozen=True)
class Msg:
    """A translatable message with named parameters (str, Num, Msg or Name)."""

    msgid: str
    params: tuple[tuple[str, Param], ...] = ()

    def format(self, **params: Param) -> Msg:
        return Msg(self.msgid, tuple(sorted({**dict(self.params), **params}.items())))

    def to_json(self) -> dict[str, Any]:
        return {"msgid": self.msgid, "params": {k: text_to_json(v) for k, v in self.params}}


@dataclass(frozen=True)
class Name:
    """A proper name or code that reads the same in every language: never translated, and its
    digits never written in the language's numerals (SHA-256, PDF/UA-1, ISO 3166). Pass it as a
    message parameter: `_("Inputs ({algorithm})").format(algorithm=Name("SHA-256"))`."""

    text: str
    lang: str | None = None  # the language it is written in, when it is a phrase of one
    # (an English title shown because no translation exists): tagged and isolated in HTML

    def to_json(self) -> dict[str, Any]:
        return {"name": self.text} if self.lang is None else {"name": self.text, "lang": self.lang}


Param = str | int | float | Num | Msg | Name
Text = str | Msg  # str: already in the document's language (authored text, data labels)


def _(msgid: str) -> Msg:  # noqa: N802 - the gettext convention
    """Mark `msgid` for translation; it is translated when the document is rendered."""
    return Msg(msgid)


def pct(value: float | None, decimals: int = 1) -> Num:
    return Num(value, "percent", decimals)


def num(value: float | int | None, decimals: int = 0) -> Num:
    return Num(value, "integer" if isinstance(value, int) and decimals == 0 else "number", decimals)


def text_to_json(t: Param) -> Any:
    if isinstance(t, (Msg, Num, Name)):
        return t.to_json()
    return t


def text_from_json(d: Any) -> Param:
    if isinstance(d, dict) and "msgid" in d:
        params = d["params"].items()
        return Msg(d["msgid"], tuple(sorted((k, text_from_json(v)) for k, v in params)))
    if isinstance(d, dict) and "num" in d:
        return Num(d["num"], d["kind"], d["decimals"])
    if isinstance(d, dict) and set(d) in ({"name"}, {"name", "lang"}):
        return Name(d["name"], d.get("lang"))
    return d
