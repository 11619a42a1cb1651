"""Turn `Text` and `Num` values into strings in one language: translation and formatting.

This is the one place the render stage gets words and numbers from. It wraps the
i18n layer (catalogue + locale formatter) and records which messages had no
translation, so a draft can mark them and a release can refuse to publish.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError

from lnob.doc.blocks import Interval
from lnob.doc.text import Msg, Name, Num, Param
from lnob.i18n import Catalogue, Formatter, Language


@dataclass
class Localizer:
    language: Language
    catalogue: Catalogue
    formatter: Formatter
    missing: set[str] = field(default_factory=set)
    foreign: set[str] = field(default_factory=set)  # "lang: text" shown in another language

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def direction(self) -> str:
        return self.language.direction

    def plain(self, t: Param | None) -> str:
        """The text as plain characters (for alt text, CSV headers, chart labels, metadata)."""
        return self._resolve(t)[0]

    def html(self, t: Param | None) -> str:
        """The text as escaped HTML; untranslated messages are marked for the reader, and a
        name or a phrase in another language is isolated (`<bdi>`, with its `lang` and
        direction) so that in a right-to-left text it keeps its own order and voice."""
        if isinstance(t, Name):
            return self._bdi(t)
        if not isinstance(t, Msg):
            return escape(self._resolve(t)[0])
        tr = self.catalogue.gettext(t.msgid)
        if tr.missing:
            self.missing.add(t.msgid)
        params = {k: self.html(v) for k, v in t.params}
        missing = tr.missing
        try:
            out = escape(self.formatter.digits(tr.text)).format(**params)
        except (KeyError, IndexError, ValueError):  # as in _resolve: the source text
            self.missing.add(t.msgid)
            out, missing = escape(t.msgid).format(**params), True
        if missing:
            out = f'<span class="untranslated" lang="en" title="Not yet translated">{out}</span>'
        return out

    def _bdi(self, name: Name) -> str:
        if name.lang is not None and name.lang != self.lang:
            self.foreign.add(f"{name.lang}: {name.text}")
        lang = f' lang="{escape(name.lang)}"' if name.lang else ""
        return f'<bdi{lang} dir="{text_direction(name)}">{escape(name.text)}</bdi>'

    def _resolve(self, t: Param | None) -> tuple[str, bool]:
        if t is None:
            return "", False
        if isinstance(t, Num):
            return self.num(t), False
        if isinstance(t, Name):  # a name or code: as it is written, in every language
            if t.lang is not None and t.lang != self.lang:
                self.foreign.add(f"{t.lang}: {t.text}")
            return t.text, False
        if isinstance(t, Msg):
            tr = self.catalogue.gettext(t.msgid)
            if tr.missing:
                self.missing.add(t.msgid)
            params = {k: self._resolve(v)[0] for k, v in t.params}
            try:  # digits of the message itself, then parameters (names keep theirs)
                return self.formatter.digits(tr.text).format(**params), tr.missing
            except (KeyError, IndexError, ValueError):
                # A catalogue placeholder error is caught when catalogues load; this is
                # the last line of defence: fall back to the source text.
                self.missing.add(t.msgid)
                return t.msgid.format(**params), True
        if isinstance(t, (int, float)):
            return self.num(Num(t, "integer" if isinstance(t, int) else "number", 1)), False
        # Authored text and data labels: digits (years, codes) in the language's numerals.
        return self.formatter.digits(str(t)), False

    def num(self, n: Num) -> str:
        f = self.formatter
        if n.value is None:
            return "—"
        if n.kind == "percent":
            return f.percent(n.value, decimals=n.decimals)
        if n.kind == "integer":
            return f.integer(int(n.value))
        if n.kind == "year":
            return f.digits(str(int(n.value)))
        return f.number(n.value, decimals=n.decimals)

    def interval(self, iv: Interval) -> str:
        return self.formatter.interval(
            iv.estimate, iv.low, iv.high, decimals=iv.decimals, percent=iv.percent
        )


def text_direction(name: Name) -> str:
    """'rtl' or 'ltr': the direction of the name's language, else of its first strong letter
    (Unicode bidirectional classes L, R, AL), else 'ltr' (codes and digits)."""
    if name.lang is not None:
        try:
            return str(Locale.parse(name.lang).text_direction)
        except (UnknownLocaleError, ValueError):
            pass
    for char in name.text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def escape(text: str) -> str:
    """HTML-escape text from data or catalogues; backticks too, so it can sit in a fenced block."""
    return html.escape(text, quote=True).replace("`", "&#96;")
