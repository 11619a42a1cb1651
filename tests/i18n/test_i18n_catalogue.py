"""Catalogues read in memory from .po files: fallback, release refusal, strict .po checks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po as babel_write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from i18n_helpers import write_po

from lnob.errors import BuildError, InputError
from lnob.i18n import Catalogue, Languages, MissingTranslationError, Translation

FRENCH = """\
    msgid "Contents"
    msgstr "Sommaire"

    msgid "Page {page} of {pages}"
    msgstr "Page {page} sur {pages}"

    #, fuzzy
    msgid "Policy brief"
    msgstr "Note politique"

    msgid "Unit"
    msgstr ""

    msgctxt "table header"
    msgid "Total"
    msgstr "Ensemble"

    msgid "{n} respondent"
    msgid_plural "{n} respondents"
    msgstr[0] "{n} répondant"
    msgstr[1] "{n} répondants"
    """


@pytest.fixture
def french(tmp_path: Path, languages: Languages) -> Catalogue:
    write_po(tmp_path, "fr", FRENCH, plural="nplurals=2; plural=(n > 1);")
    return Catalogue.load(tmp_path, languages["fr"])


@pytest.mark.parametrize(
    ("msgid", "text", "missing"),
    [
        ("Contents", "Sommaire", False),
        ("Page {page} of {pages}", "Page {page} sur {pages}", False),
        ("Policy brief", "Policy brief", True),  # fuzzy: not used
        ("Unit", "Unit", True),  # empty msgstr
        ("Not in the catalogue", "Not in the catalogue", True),
    ],
)
def test_draft_falls_back_to_english(
    french: Catalogue, msgid: str, text: str, missing: bool
) -> None:
    result = french.gettext(msgid)
    assert (result.text, result.missing) == (text, missing)
    assert result.lang == ("en" if missing else "fr")


def test_missing_strings_are_collected(french: Catalogue) -> None:
    for msgid in ("Contents", "Unit", "Policy brief", "Unit"):
        french.gettext(msgid)
    assert french.missing == {"Unit", "Policy brief"}


def test_draft_can_mark_missing_strings_visibly(tmp_path: Path, languages: Languages) -> None:
    write_po(tmp_path, "fr", FRENCH, plural="nplurals=2; plural=(n > 1);")
    catalogue = Catalogue.load(tmp_path, languages["fr"], mark_missing=lambda s: f"⟦{s}⟧")
    assert catalogue.gettext("Unit").text == "⟦Unit⟧"
    assert catalogue.gettext("Contents").text == "Sommaire"


def test_release_refuses_a_missing_string(tmp_path: Path, languages: Languages) -> None:
    path = write_po(tmp_path, "fr", FRENCH, plural="nplurals=2; plural=(n > 1);")
    catalogue = Catalogue.load(tmp_path, languages["fr"], release=True)
    assert catalogue.gettext("Contents").text == "Sommaire"
    with pytest.raises(MissingTranslationError) as err:
        catalogue.gettext("Unit")
    assert isinstance(err.value, BuildError)
    assert str(path) in str(err.value) and "'Unit'" in str(err.value) and "'fr'" in str(err.value)
    with pytest.raises(MissingTranslationError, match="'Policy brief'"):
        catalogue.gettext("Policy brief")


def test_english_is_the_source_and_never_missing(tmp_path: Path, languages: Languages) -> None:
    catalogue = Catalogue.load(tmp_path, languages["en"], release=True)
    assert catalogue.gettext("Anything at all") == Translation(
        "Anything at all", False, "en", "Anything at all"
    )
    assert catalogue.ngettext("{n} file", "{n} files", 2).text == "{n} files"
    assert catalogue.inputs == ()


def test_language_without_po_file_has_everything_missing(
    tmp_path: Path, languages: Languages
) -> None:
    catalogue = Catalogue.load(tmp_path, languages["ar"])
    assert catalogue.gettext("Contents") == Translation("Contents", True, "en", "Contents")
    with pytest.raises(MissingTranslationError):
        Catalogue.load(tmp_path, languages["ar"], release=True).gettext("Contents")


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "{n} répondant"), (1, "{n} répondant"), (2, "{n} répondants")]
)
def test_plural_forms_follow_the_po_rule(french: Catalogue, n: int, expected: str) -> None:
    assert french.ngettext("{n} respondent", "{n} respondents", n).text == expected


def test_context(french: Catalogue) -> None:
    assert french.pgettext("table header", "Total").text == "Ensemble"
    assert french.gettext("Total").missing
    assert "Total" in french.missing


def test_fill_takes_formatted_values(french: Catalogue) -> None:
    page = french.gettext("Page {page} of {pages}").fill(page="3", pages="12")
    assert str(page) == "Page 3 sur 12"


def test_inputs_name_the_po_file(tmp_path: Path, french: Catalogue) -> None:
    assert french.inputs == (tmp_path / "fr" / "LC_MESSAGES" / "messages.po",)


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        # the header written by write_po takes lines 1-8; the body starts on line 9
        ('msgid "Contents"\nmsgstr "Sommaire\n', 10, "broken PO syntax"),  # unterminated quote
        ('msgid Contents\nmsgstr "Sommaire"\n', 9, "broken PO syntax"),  # no quotes
        ('msgid "Contents"\nmsgtsr "Sommaire"\n', 10, "broken PO syntax"),  # misspelt keyword
        (
            'msgid "A"\nmsgstr "B"\n\nmsgid "Contents"\n\nmsgid "Unit"\nmsgstr "Unité"\n',
            12,
            "missing msgstr",
        ),
    ],
)
def test_po_syntax_error_names_file_and_line(
    tmp_path: Path, languages: Languages, body: str, line: int, problem: str
) -> None:
    path = write_po(tmp_path, "fr", body)
    with pytest.raises(InputError) as err:
        Catalogue.load(tmp_path, languages["fr"])
    assert err.value.path == path
    assert err.value.row == line
    assert problem in str(err.value)
    assert f"{path}, row {line}:" in str(err.value)


@pytest.mark.parametrize(
    ("msgid", "msgstr", "found"),
    [
        ("Page {page} of {pages}", "Page {page}", "{page}"),  # drops one
        ("Page {page} of {pages}", "Page {page} sur {total}", "{page}, {total}"),  # renames one
        ("Page {page} of {pages}", "Page {page} sur {pages", "Page {page} sur {pages"),  # broken
        ("Share of {group}", "Part de {groupe}", "{groupe}"),
    ],
)
def test_wrong_placeholder_names_file_line_and_msgid(
    tmp_path: Path, languages: Languages, msgid: str, msgstr: str, found: str
) -> None:
    path = write_po(
        tmp_path,
        "fr",
        f'msgid "Contents"\nmsgstr "Sommaire"\n\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n',
    )
    with pytest.raises(InputError) as err:
        Catalogue.load(tmp_path, languages["fr"])
    assert err.value.path == path
    assert err.value.row == 12  # the msgid line
    assert repr(msgid) in str(err.value)
    assert "placeholders" in err.value.problem
    assert err.value.found == found


def test_fuzzy_entries_are_not_checked_for_placeholders(
    tmp_path: Path, languages: Languages
) -> None:
    write_po(tmp_path, "fr", '#, fuzzy\nmsgid "Page {page} of {pages}"\nmsgstr "Page {n}"\n')
    assert Catalogue.load(tmp_path, languages["fr"]).gettext("Page {page} of {pages}").missing


def test_plural_singular_may_drop_the_count(tmp_path: Path, languages: Languages) -> None:
    write_po(
        tmp_path,
        "fr",
        'msgid "{n} file"\nmsgid_plural "{n} files"\n'
        'msgstr[0] "un fichier"\nmsgstr[1] "{n} fichiers"\n',
    )
    assert (
        Catalogue.load(tmp_path, languages["fr"]).ngettext("{n} file", "{n} files", 1).text
        == "un fichier"
    )


def test_plural_other_form_must_keep_the_count(tmp_path: Path, languages: Languages) -> None:
    write_po(
        tmp_path,
        "fr",
        'msgid "{n} file"\nmsgid_plural "{n} files"\n'
        'msgstr[0] "{n} fichier"\nmsgstr[1] "des fichiers"\n',
    )
    with pytest.raises(InputError, match=r"msgstr\[1\] does not keep the placeholders"):
        Catalogue.load(tmp_path, languages["fr"])


def test_po_of_another_language_is_refused(tmp_path: Path, languages: Languages) -> None:
    path = write_po(tmp_path, "fr", 'msgid "Contents"\nmsgstr "Inhalt"\n')
    path.write_text(
        path.read_text(encoding="utf-8").replace("Language: fr", "Language: de"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="another language"):
        Catalogue.load(tmp_path, languages["fr"])


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="{}"), min_size=1
).filter(str.strip)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(
    msgstr=st.one_of(
        TEXT, st.sampled_from(['say "hi"', "back\\slash", "tab\there", "two\nlines", "ক্ষ ৳ ﷺ"])
    )
)
def test_any_text_a_po_editor_writes_reads_back(
    tmp_path: Path, languages: Languages, msgstr: str
) -> None:
    catalog = Catalog(locale="fr")
    catalog.add("Contents", msgstr)
    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, width=40)  # wrapped over several quoted lines
    path = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    assert Catalogue.load(tmp_path, languages["fr"]).gettext("Contents").text == msgstr
