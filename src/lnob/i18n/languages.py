"""The languages the coalition publishes in, read from `data/languages.yaml`.

A `Language` is a frozen value: code, names, the CLDR locale that formats for it,
script, direction, digit and hyphenation settings and its font families. The file
is checked against `src/lnob/schemas/languages.schema.json` and against what Babel
(CLDR) and pyphen actually know, so a typo fails at load with the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyphen
import yaml
from babel import Locale, UnknownLocaleError

from lnob.errors import InputError
from lnob.yamlio import load_yaml

SOURCE_LANGUAGE = "en"
"""Msgids are English; English is never 'missing' a translation."""


@dataclass(frozen=True)
class Language:
    """One publishing language, as `data/languages.yaml` describes it."""

    code: str  # BCP 47 primary language subtag: the `lang` attribute and the .po folder name
    name: str  # in English
    native_name: str
    locale: str  # Babel/CLDR locale id, e.g. "bn_BD"
    script: str  # ISO 15924, e.g. "Beng"
    direction: str  # "ltr" or "rtl"
    native_digits: bool
    hyphenate: bool
    fonts: tuple[str, ...]

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def is_source(self) -> bool:
        """True for English, the language msgids are written in."""
        return self.code == SOURCE_LANGUAGE

    @property
    def numbering_system(self) -> str:
        """The CLDR numbering system numbers are written in: 'latn' or the native one."""
        if not self.native_digits:
            return "latn"
        return str(Locale.parse(self.locale).other_numbering_systems["native"])


class Languages(Mapping[str, Language]):
    """The languages of one `languages.yaml`, by code; an unknown code fails clearly."""

    def __init__(self, languages: Mapping[str, Language], source: Path) -> None:
        self._languages = dict(languages)
        self.source = source

    def __getitem__(self, code: str) -> Language:
        try:
            return self._languages[code]
        except KeyError:
            raise InputError(
                self.source,
                f"no language '{code}'",
                expected=f"one of {', '.join(self._languages)}",
                found=code,
                hint="Add the language to this file or fix the code",
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self._languages

    def get(self, code: str, default: Language | None = None) -> Language | None:  # type: ignore[override]
        return self._languages.get(code, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._languages)

    def __len__(self) -> int:
        return len(self._languages)

    def __repr__(self) -> str:
        return f"Languages({list(self._languages)}, source={str(self.source)!r})"


def load_languages(path: Path) -> Languages:
    """Read and check `languages.yaml`; raise `InputError` naming the file and line."""
    raw = load_yaml(path, "languages")
    lines = _entry_lines(path)
    languages: dict[str, Language] = {}
    for code, entry in raw["languages"].items():
        lang = Language(
            code=code,
            name=entry["name"],
            native_name=entry["native_name"],
            locale=entry["locale"],
            script=entry["script"],
            direction=entry["direction"],
            native_digits=entry["native_digits"],
            hyphenate=entry["hyphenate"],
            fonts=tuple(entry["fonts"]),
        )
        _check_against_cldr(lang, path, lines.get(code))
        languages[code] = lang
    if SOURCE_LANGUAGE not in languages:
        raise InputError(
            path,
            f"the source language '{SOURCE_LANGUAGE}' is not defined",
            expected=f"an entry '{SOURCE_LANGUAGE}' under 'languages'",
            hint="Msgids are English; keep the English entry",
        )
    return Languages(languages, path)


def _check_against_cldr(lang: Language, path: Path, line: int | None) -> None:
    """What the schema cannot say: the locale exists and agrees with the other fields."""

    def error(problem: str, expected: str, found: object, hint: str | None = None) -> InputError:
        return InputError(
            path, problem, row=line, column=lang.code, expected=expected, found=found, hint=hint
        )

    try:
        locale = Locale.parse(lang.locale)
    except (UnknownLocaleError, ValueError):
        raise error(
            f"Babel (CLDR) has no locale '{lang.locale}'",
            "a CLDR locale such as bn_BD",
            lang.locale,
            "See babel.localedata.locale_identifiers()",
        ) from None
    if locale.language != lang.code:
        raise error("the locale is for another language", f"a locale of '{lang.code}'", lang.locale)
    if locale.text_direction != lang.direction:
        raise error("direction disagrees with CLDR", locale.text_direction, lang.direction)
    if lang.native_digits and locale.other_numbering_systems.get("native", "latn") == "latn":
        raise error(
            "native_digits is true but the locale's native digits are ASCII",
            "native_digits: false",
            True,
        )
    if lang.hyphenate and not any(
        key == lang.code or key.startswith(f"{lang.code}_") for key in pyphen.LANGUAGES
    ):
        raise error(
            "hyphenate is true but pyphen has no dictionary for it",
            "hyphenate: false",
            True,
            "WeasyPrint hyphenates with pyphen only",
        )


def _entry_lines(path: Path) -> dict[str, int]:
    """The 1-based line of each language entry, for error messages."""
    root = yaml.compose(
        path.read_text(encoding="utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    if not isinstance(root, yaml.MappingNode):
        return {}
    for key, value in root.value:
        if key.value == "languages" and isinstance(value, yaml.MappingNode):
            return {k.value: k.start_mark.line + 1 for k, _ in value.value}
    return {}
