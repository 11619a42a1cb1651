"""Build the Localizer for one language from the project's languages and catalogues."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lnob.i18n import Catalogue, Formatter, Languages, load_languages
from lnob.paths import ProjectPaths
from lnob.render.localize import Localizer


@cache
def _languages(path: str, mtime: int) -> Languages:
    return load_languages(Path(path))


def make_localizer(paths: ProjectPaths, lang: str, *, release: bool) -> Localizer:
    """A fresh Localizer (its `missing` set starts empty) for one document."""
    f = paths.languages_file
    language = _languages(str(f), f.stat().st_mtime_ns)[lang]
    catalogue = Catalogue.load(paths.locale, language)
    return Localizer(language, catalogue, Formatter(language))
