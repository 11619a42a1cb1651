"""Completeness per language: strings (translated, fuzzy, missing) and authored documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from i18n_helpers import write_po, write_pot

from lnob.errors import InputError
from lnob.i18n import (
    LanguageReport,
    Languages,
    completeness,
    scan_authored,
)

TEMPLATE = """\
    msgid "Contents"
    msgstr ""

    msgid "Policy brief"
    msgstr ""

    msgid "Unit"
    msgstr ""

    msgctxt "table header"
    msgid "Total"
    msgstr ""
    """


@pytest.fixture
def project(tmp_path: Path) -> Path:
    locale = tmp_path / "locale"
    write_pot(locale, TEMPLATE)
    write_po(
        locale,
        "bn",
        """\
        msgid "Contents"
        msgstr "সূচিপত্র"

        #, fuzzy
        msgid "Policy brief"
        msgstr "নীতি"

        msgctxt "table header"
        msgid "Total"
        msgstr "মোট"

        msgid "Obsolete in the template"
        msgstr "পুরোনো"
        """,
    )
    write_po(
        locale,
        "ne",
        """\
        msgid "Contents"
        msgstr "विषयसूची"

        msgid "Policy brief"
        msgstr "नीति सारांश"

        msgid "Unit"
        msgstr "एकाइ"

        msgctxt "table header"
        msgid "Total"
        msgstr "जम्मा"
        """,
    )
    for path, text in {
        "briefs/BGD/water/en.md": "# Water\n",
        "briefs/BGD/water/bn.md": "# পানি\n",
        "briefs/BGD/health/en.md": "# Health\n",
        "briefs/README.md": "How to\n",
        "briefs/BGD/health/bd.md": "a typo in the code\n",
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


EXPECTED = {"briefs/BGD/water": ("en", "bn"), "briefs/BGD/health": ("en", "bn")}


def reports(project: Path, languages: Languages, *codes: str) -> dict[str, LanguageReport]:
    found = completeness(
        project / "locale", [project / "reports", project / "briefs"], languages, codes, EXPECTED
    )
    return {r.lang: r for r in found}


def test_strings_are_counted_against_the_template(project: Path, languages: Languages) -> None:
    bn = reports(project, languages, "bn")["bn"]
    assert (bn.strings_total, bn.strings_translated) == (4, 2)
    assert bn.fuzzy == ("Policy brief",)
    assert bn.missing == ("Unit",)
    assert bn.po_file == project / "locale" / "bn" / "LC_MESSAGES" / "messages.po"
    assert not bn.complete


def test_authored_documents_per_language(project: Path, languages: Languages) -> None:
    found = reports(project, languages, "en", "bn", "ne")
    assert found["en"].documents_present == ("briefs/BGD/health", "briefs/BGD/water")
    assert found["bn"].documents_present == ("briefs/BGD/water",)
    assert found["bn"].documents_missing == ("briefs/BGD/health",)
    # Bangladesh publishes in en and bn: Nepali is not expected to have these briefs
    assert found["ne"].documents_present == found["ne"].documents_missing == ()
    assert found["ne"].complete and found["en"].complete


def test_english_is_complete_in_strings(project: Path, languages: Languages) -> None:
    en = reports(project, languages, "en")["en"]
    assert (en.strings_translated, en.fuzzy, en.missing, en.po_file) == (4, (), (), None)


def test_language_without_po_file_misses_everything(project: Path, languages: Languages) -> None:
    vi = reports(project, languages, "vi")["vi"]
    assert vi.missing == ("Contents", "Policy brief", "Unit", "table header|Total")
    assert vi.po_file is None


def test_an_incomplete_language_says_what_is_missing(project: Path, languages: Languages) -> None:
    bn = reports(project, languages, "bn")["bn"]
    assert bn.missing == ("Unit",) and bn.fuzzy == ("Policy brief",)
    assert bn.documents_missing == ("briefs/BGD/health",)
    assert not bn.strings_complete and not bn.complete


def test_a_complete_language_is_complete(project: Path, languages: Languages) -> None:
    ne = reports(project, languages, "ne")["ne"]
    assert ne.complete and not ne.missing and not ne.fuzzy and not ne.documents_missing


def test_unrecognised_files_are_reported(project: Path, languages: Languages) -> None:
    scan = scan_authored([project / "briefs"], languages)
    assert scan.unrecognised == (project / "briefs" / "BGD" / "health" / "bd.md",)
    assert [d.name for d in scan.documents] == ["briefs/BGD/health", "briefs/BGD/water"]
    assert len(scan.files) == 3


def test_documents_not_listed_are_expected_in_every_language(
    project: Path, languages: Languages
) -> None:
    [vi] = completeness(project / "locale", [project / "briefs"], languages, ["vi"])
    assert vi.documents_missing == ("briefs/BGD/health", "briefs/BGD/water")


def test_missing_template_says_to_extract(tmp_path: Path, languages: Languages) -> None:
    with pytest.raises(InputError, match="lnob.i18n extract"):
        completeness(tmp_path / "locale", [], languages, ["bn"])
