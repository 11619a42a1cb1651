"""The catalogues kept in the repository: readable, current with the code, drawable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from i18n_helpers import PROJECT

from lnob.i18n import Catalogue, Languages, missing_glyphs
from lnob.i18n.workflow import extract

LOCALE = PROJECT / "locale"
PO_LANGUAGES = ["bn", "hi", "sw", "ne", "vi", "fr", "es", "ur"]


def ids(path: Path) -> set[tuple[object, object]]:
    with path.open("rb") as fh:
        return {(m.id, m.context) for m in read_po(fh) if m.id}


def test_template_is_current_with_the_code(tmp_path: Path) -> None:
    shutil.copy(LOCALE / "babel.cfg", tmp_path / "babel.cfg")
    extract(PROJECT, tmp_path)  # reads the source tree, writes only into tmp_path
    fresh, kept = ids(tmp_path / "messages.pot"), ids(LOCALE / "messages.pot")
    assert fresh == kept, (
        f"locale/messages.pot is out of date (new: {sorted(map(str, fresh - kept))}, gone: "
        f"{sorted(map(str, kept - fresh))}); run `python -m lnob.i18n extract` and `update`"
    )


@pytest.mark.parametrize("lang", PO_LANGUAGES)
def test_po_file_reads_and_its_translations_can_be_drawn(languages: Languages, lang: str) -> None:
    language = languages[lang]
    catalogue = Catalogue.load(LOCALE, language)  # strict: syntax and placeholders
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        entries = [m for m in read_po(fh) if m.id and m.string and not m.fuzzy]
    assert len(entries) >= 30
    for entry in entries:
        text = entry.string if isinstance(entry.string, str) else " ".join(entry.string)
        assert missing_glyphs(text, language.fonts) == [], (lang, entry.id)
    assert not catalogue.gettext("Contents").missing


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("bn", "সূচিপত্র"),
        ("hi", "विषय-सूची"),
        ("ne", "विषयसूची"),
        ("sw", "Yaliyomo"),
        ("vi", "Mục lục"),
        ("fr", "Sommaire"),
        ("es", "Índice"),
        ("ur", "فہرستِ مضامین"),
    ],
)
def test_a_translation_per_language(languages: Languages, lang: str, expected: str) -> None:
    assert Catalogue.load(LOCALE, languages[lang]).gettext("Contents").text == expected


def test_no_compiled_catalogue_is_kept_in_the_repository() -> None:
    assert not list(LOCALE.rglob("*.mo"))
