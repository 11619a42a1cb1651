"""Fonts per language: CSS and matplotlib family lists, and a check for undrawable text.

Families are named explicitly (data/languages.yaml), never a generic 'sans-serif'
alone: which font a generic family means changes when a font package is installed,
and with it the output. Font files are found through fontconfig (`fc-list`), the same
way WeasyPrint finds them; a family's coverage is the character map (cmap) of its
Regular face, read with fontTools. Bold faces of the Noto families cover the same
characters.

Characters that are never drawn as glyphs (controls, format characters such as
ZWJ/ZWNJ and bidi marks, line and paragraph separators) are not checked.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from lnob.errors import BuildError
from lnob.i18n.languages import Language

_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp"}
FONT_TYPES = (".ttf", ".otf", ".ttc")


class FontNotFoundError(BuildError):
    """A font family named in languages.yaml is not installed."""


class MissingGlyphsError(BuildError):
    """A text has characters that none of the named fonts can draw."""

    def __init__(self, where: str, characters: list[str], families: tuple[str, ...]) -> None:
        self.where, self.characters, self.families = where, characters, families
        listed = ", ".join(f"U+{ord(c):04X} {c!r}" for c in characters)
        super().__init__(
            f"{where}: {len(characters)} character(s) that none of the fonts "
            f"{', '.join(families)} can draw: {listed}. Remove them from the text, or add a "
            f"font that has them to the language's 'fonts' in data/languages.yaml"
        )


def css_font_family(language: Language, generic: str | None = None) -> str:
    """The CSS `font-family` value for a language: '"Noto Sans Bengali", "Noto Sans"'.

    Pass `generic="sans-serif"` for web pages read on machines without these fonts; leave
    it out for PDFs, so a missing glyph fails the check instead of changing the output.
    """
    names = [_css_string(f) for f in language.fonts]
    if generic:
        names.append(generic)
    return ", ".join(names)


def matplotlib_families(language: Language, verify: bool = True) -> list[str]:
    """The `font.family` list for matplotlib (it falls back glyph by glyph along it).

    With `verify`, each family must be known to matplotlib's font manager; matplotlib
    caches its font list, so fonts installed after its first run need the cache
    (`~/.cache/matplotlib/fontlist-*.json` or `$MPLCONFIGDIR`) cleared.
    """
    families = list(language.fonts)
    if verify:
        from matplotlib import font_manager  # heavy import: only when asked

        for family in families:
            try:
                font_manager.fontManager.findfont(
                    font_manager.FontProperties(family=family), fallback_to_default=False
                )
            except ValueError:
                raise FontNotFoundError(
                    f"matplotlib does not know the font family '{family}' (language "
                    f"'{language.code}'). Install it (Debian: fonts-noto-core) and clear "
                    f"matplotlib's font cache (~/.cache/matplotlib/fontlist-*.json)"
                ) from None
    return families


def font_file(family: str) -> Path:
    """The Regular face of `family`, as fontconfig finds it; `FontNotFoundError` if none."""
    return _font_file(family)


@cache
def family_files(family: str) -> tuple[Path, ...]:
    """Every file of `family` (all its faces) as fontconfig finds them, for the build's keys,
    so a font update rebuilds; none when fontconfig is missing (`font_file` says why)."""
    try:
        out = subprocess.run(
            ["fc-list", f"{family}:", "file"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return ()
    return tuple(
        Path(p)
        for p in sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    )


def missing_glyphs(text: str, families: Iterable[str]) -> list[str]:
    """The characters of `text` that none of `families` has, each once, in text order."""
    maps = [_coverage(f) for f in families]
    missing: list[str] = []
    for ch in dict.fromkeys(text):
        if unicodedata.category(ch) in _NOT_DRAWN:
            continue
        if not any(ord(ch) in cmap for cmap in maps):
            missing.append(ch)
    return missing


def require_glyphs(text: str, families: Iterable[str], where: str) -> None:
    """Raise `MissingGlyphsError` naming `where`, the characters and the fonts, if any
    character of `text` cannot be drawn by `families`."""
    families = tuple(families)
    missing = missing_glyphs(text, families)
    if missing:
        raise MissingGlyphsError(where, missing, families)


@cache
def _font_file(family: str) -> Path:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FontNotFoundError(
            "fontconfig's fc-list is not installed (Debian: fontconfig); fonts cannot be located"
        )
    result = subprocess.run(
        [fc_list, "--format", "%{file}\t%{style}\n", f":family={family}"],
        capture_output=True,
        text=True,
        check=False,
    )
    faces = [line.split("\t", 1) for line in sorted(result.stdout.splitlines()) if "\t" in line]
    if not faces:
        raise FontNotFoundError(
            f"no font family '{family}' is installed (fc-list finds none). Install it "
            f"(Debian: fonts-noto-core) or fix the name in data/languages.yaml"
        )
    regular = [path for path, style in faces if "Regular" in style.split(",")]
    found = Path(regular[0] if regular else faces[0][0])
    if found.is_symlink() or found.suffix.lower() not in FONT_TYPES or not found.is_file():
        raise FontNotFoundError(
            f"the font family '{family}' is installed as {found}, which is a symbolic link or "
            f"not a font file (expected a {', '.join(FONT_TYPES)} file); only real font files "
            "are read. Reinstall the font from its package (Debian: fonts-noto-core)"
        )
    return found


@cache
def _coverage(family: str) -> frozenset[int]:
    path = _font_file(family)
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


def _css_string(family: str) -> str:
    escaped = family.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
