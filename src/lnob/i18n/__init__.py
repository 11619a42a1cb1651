"""The multilingual layer: languages, locale formatting, gettext catalogues, fonts.

Public face; the command line is `python -m lnob.i18n` (extract, update, init,
compile, report). Formats and workflow: docs/formats/i18n.md.
"""

from lnob.i18n.authored import AuthoredDocument, AuthoredScan, scan_authored
from lnob.i18n.catalogue import Catalogue, MissingTranslationError, Translation, po_path
from lnob.i18n.completeness import LanguageReport, completeness
from lnob.i18n.digits import to_ascii_digits, to_native_digits
from lnob.i18n.fonts import (
    FontNotFoundError,
    MissingGlyphsError,
    css_font_family,
    family_files,
    matplotlib_families,
    missing_glyphs,
    require_glyphs,
)
from lnob.i18n.formatting import Formatter
from lnob.i18n.languages import SOURCE_LANGUAGE, Language, Languages, load_languages
from lnob.i18n.markers import N_

__all__ = [
    "SOURCE_LANGUAGE",
    "AuthoredDocument",
    "AuthoredScan",
    "Catalogue",
    "FontNotFoundError",
    "Formatter",
    "Language",
    "LanguageReport",
    "Languages",
    "MissingGlyphsError",
    "MissingTranslationError",
    "N_",
    "Translation",
    "completeness",
    "css_font_family",
    "family_files",
    "load_languages",
    "matplotlib_families",
    "missing_glyphs",
    "po_path",
    "require_glyphs",
    "scan_authored",
    "to_ascii_digits",
    "to_native_digits",
]
