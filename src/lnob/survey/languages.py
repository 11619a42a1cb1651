"""Language names and codes as they appear in XLSForm headers, mapped to BCP 47 tags.

XLSForm label columns name their language in many ways: ``English (en)``, ``English(en)``,
``english(en)``, ``Swahili(swa)``, ``english`` (no code) or a bare code. This module turns
any of these into a short BCP 47 tag (``en``, ``sw``, ``bn`` ...), using the code when one is
given and otherwise the language name (CLDR names from babel, ISO 639 names from pycountry,
and each language's own name, e.g. ``Kiswahili`` or ``বাংলা``).

Bottom layer: imports nothing of the project.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale
from babel.core import UnknownLocaleError

#: Languages whose own names (autonyms) are recognised, besides English names.
NO_LANGUAGE = "zxx"  #: BCP 47 tag for text without linguistic content
_AUTONYM_LOCALES = ("bn", "hi", "sw", "ne", "vi", "fr", "es", "en", "ar", "pt", "am", "so")

_HEADER_LANGUAGE = re.compile(r"^\s*(?P<name>[^()]*?)\s*(?:\(\s*(?P<code>[^()]+?)\s*\))?\s*$")


@cache
def _names_to_tags() -> dict[str, str]:
    """Lower-cased language names (English CLDR names and autonyms) -> two-letter tag."""
    names: dict[str, str] = {}
    for code, name in Locale("en").languages.items():
        if "_" not in code:
            names.setdefault(name.lower(), code)
    for code in _AUTONYM_LOCALES:
        try:
            autonym = Locale.parse(code).get_language_name(code)
        except UnknownLocaleError:  # pragma: no cover - babel ships all of these
            continue
        if autonym:
            names.setdefault(autonym.lower(), code)
    return names


def _tag_from_code(code: str) -> str | None:
    """A two- or three-letter ISO 639 code (optionally with a region) -> BCP 47 tag."""
    primary, _, region = code.strip().replace("_", "-").partition("-")
    primary = primary.lower()
    language = None
    if len(primary) == 2:
        language = pycountry.languages.get(alpha_2=primary)
    elif len(primary) == 3:
        language = pycountry.languages.get(alpha_3=primary)
    if language is None:
        return None
    tag = getattr(language, "alpha_2", None) or language.alpha_3
    return f"{tag}-{region.upper()}" if region else tag


def _tag_from_name(name: str) -> str | None:
    key = name.strip().lower()
    if not key:
        return None
    found = _names_to_tags().get(key)
    if found:
        return found
    for candidate in (key, f"{key} (macrolanguage)"):
        try:
            language = pycountry.languages.lookup(candidate)
        except LookupError:
            continue
        if language.name.lower().removesuffix(" (macrolanguage)") == key:
            return getattr(language, "alpha_2", None) or language.alpha_3
    return None


@cache
def language_tag(text: str) -> str | None:
    """BCP 47 tag for a language as written in an XLSForm header, or ``None`` if unknown.

    >>> [language_tag(t) for t in ("English (en)", "Swahili(swa)", "english", "Bangla", "ne")]
    ['en', 'sw', 'en', 'bn', 'ne']
    """
    match = _HEADER_LANGUAGE.match(text)
    if not match:
        return None
    code, name = match.group("code"), match.group("name")
    if code:
        tag = _tag_from_code(code)
        if tag:
            return tag
    if name and not code and re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", name):
        tag = _tag_from_code(name)
        if tag:
            return tag
    return _tag_from_name(name) if name else None


def language_key(text: str) -> str:
    """Key under which labels in this language are stored: the tag, or the cleaned name.

    An unrecognised language (e.g. ``label::Local dialect``) is kept under its lower-cased name
    so that its labels are not lost; it simply never matches a report language.
    """
    return language_tag(text) or text.strip().lower()


def primary_subtag(tag: str) -> str:
    """``sw-KE`` -> ``sw``: report languages are compared on their primary subtag."""
    return tag.split("-", 1)[0].lower()


@dataclass(frozen=True)
class LocalText:
    """A text in the requested language, or in a default language when missing (``fallback``)."""

    text: str
    language: str
    fallback: bool


def pick_text(
    texts: Mapping[str, str], lang: str, defaults: Iterable[str], otherwise: str
) -> LocalText:
    """The text in ``lang``; else the first of ``defaults`` present (flagged); else ``otherwise``.

    A text stored under ``zxx`` (no linguistic content, e.g. "18–29") suits every language.

    Languages are compared on their primary subtag, so ``sw`` finds a ``sw-KE`` text.
    """
    wanted = primary_subtag(lang)
    for key, text in texts.items():
        if primary_subtag(key) in (wanted, NO_LANGUAGE) and text:
            return LocalText(text, key, fallback=False)
    for key in [*defaults, *texts]:
        found = texts.get(key)
        if found:
            return LocalText(found, key, fallback=True)
    return LocalText(otherwise, "und", fallback=True)
