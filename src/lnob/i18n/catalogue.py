"""Translated strings for one language, read in memory from `locale/<lang>/LC_MESSAGES/messages.po`.

No `.mo` file is needed: the `.po` file is read (strictly, see `pofiles`) when a
build starts. English is the source language: its "translation" is the msgid, never
missing. Fuzzy and empty entries count as missing.

Draft and release builds differ only in what a missing string does:

- draft: `gettext` returns the English text with `missing=True` (and `lang="en"`, so
  the renderer can set `lang` on it), optionally passed through the caller's
  `mark_missing` function to make it visible; `.missing` collects what was looked up.
- release: `gettext` of a missing string raises `MissingTranslationError`. A `--release`
  build refuses a document that shows an untranslated string (`lnob.stages.render`);
  `python -m lnob.i18n report` lists everything a whole language misses at once.
"""

from __future__ import annotations

import gettext as stdlib_gettext
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.messages.catalog import Catalog

from lnob.errors import BuildError
from lnob.i18n.languages import SOURCE_LANGUAGE, Language
from lnob.i18n.pofiles import read_checked_po

DOMAIN = "messages"


def po_path(locale_dir: Path, lang: str) -> Path:
    """Where the `.po` file of `lang` lives: `<locale_dir>/<lang>/LC_MESSAGES/messages.po`."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Translation:
    """The text to show for a msgid, and whether it is the English fallback."""

    text: str
    missing: bool
    lang: str  # the language `text` is in: the document's, or "en" for a fallback
    msgid: str

    def __str__(self) -> str:
        return self.text

    def fill(self, **values: str) -> Translation:
        """The text with its `{name}` placeholders filled by already formatted strings."""
        return replace(self, text=self.text.format(**values))


class MissingTranslationError(BuildError):
    """A release build looked up a string that has no translation."""

    def __init__(self, lang: str, msgid: str, path: Path) -> None:
        self.lang, self.msgid, self.path = lang, msgid, path
        super().__init__(
            f"{path}: no translation of {msgid!r} into '{lang}'; a release build does not "
            f"publish untranslated strings. Translate it (or run `python -m lnob.i18n extract` "
            f"and `update` if the msgid is new), and see `python -m lnob.i18n report --lang "
            f"{lang} --details` for everything missing"
        )


@dataclass
class Catalogue:
    """Look-ups of translated strings for one language."""

    language: Language
    path: Path | None  # the .po file read; None for English, the source language
    release: bool = False
    mark_missing: Callable[[str], str] | None = None
    _catalog: Catalog | None = field(default=None, repr=False)
    missing: set[str] = field(default_factory=set)  # msgids looked up without a translation

    @classmethod
    def load(
        cls,
        locale_dir: Path,
        language: Language,
        *,
        release: bool = False,
        mark_missing: Callable[[str], str] | None = None,
    ) -> Catalogue:
        """The catalogue of `language`; `InputError` if its `.po` file is broken.

        A language without a `.po` file yet has every string missing (draft builds show
        English; release builds refuse).
        """
        if language.is_source:
            return cls(language, None, release, mark_missing)
        path = po_path(locale_dir, language.code)
        catalog = read_checked_po(path, language.code) if path.exists() else None
        return cls(language, path, release, mark_missing, catalog)

    @property
    def inputs(self) -> tuple[Path, ...]:
        """The files this catalogue was read from, for build-cache keys."""
        return (self.path,) if self.path is not None and self.path.exists() else ()

    def gettext(self, msgid: str) -> Translation:
        """The translation of `msgid`."""
        return self._lookup(msgid, None, msgid, None)

    def pgettext(self, context: str, msgid: str) -> Translation:
        """The translation of `msgid` in `context` (same English, different translations)."""
        return self._lookup(msgid, context, msgid, None)

    def ngettext(self, singular: str, plural: str, n: int) -> Translation:
        """The translation of the form for count `n`, by the language's plural rule."""
        english = singular if n == 1 else plural
        return self._lookup(singular, None, english, n)

    def _lookup(self, msgid: str, context: str | None, english: str, n: int | None) -> Translation:
        code = self.language.code
        if self.language.is_source:
            return Translation(english, False, code, msgid)
        text = self._translated(msgid, context, n)
        if text is not None:
            return Translation(text, False, code, msgid)
        key = f"{context}|{msgid}" if context else msgid
        if self.release:
            raise MissingTranslationError(code, key, self.path or Path(code))
        self.missing.add(key)
        shown = self.mark_missing(english) if self.mark_missing else english
        return Translation(shown, True, SOURCE_LANGUAGE, msgid)

    def _translated(self, msgid: str, context: str | None, n: int | None) -> str | None:
        if self._catalog is None:
            return None
        message = self._catalog.get(msgid, context=context)
        if message is None or message.fuzzy:
            return None
        if n is None:
            text = message.string[0] if isinstance(message.string, tuple) else message.string
        else:
            if not isinstance(message.string, tuple):
                return None
            index = stdlib_gettext.c2py(self._catalog.plural_expr)(n)
            text = message.string[index] if index < len(message.string) else ""
        return str(text) if text else None
