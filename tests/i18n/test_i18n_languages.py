"""languages.yaml: loaded into frozen values, checked against the schema, CLDR and pyphen."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from i18n_helpers import PROJECT

from lnob.errors import InputError
from lnob.i18n import Languages, load_languages
from lnob.i18n.languages import Language

ENTRY = {
    "name": "Bangla",
    "native_name": "বাংলা",
    "locale": "bn_BD",
    "script": "Beng",
    "direction": "ltr",
    "native_digits": True,
    "hyphenate": False,
    "fonts": ["Noto Sans Bengali", "Noto Sans"],
}
ENGLISH = {
    "name": "English",
    "native_name": "English",
    "locale": "en_GB",
    "script": "Latn",
    "direction": "ltr",
    "native_digits": False,
    "hyphenate": True,
    "fonts": ["Noto Sans"],
}


def write_languages(tmp_path: Path, **bn_changes: object) -> Path:
    path = tmp_path / "languages.yaml"
    path.write_text(
        yaml.safe_dump(
            {"languages": {"en": ENGLISH, "bn": {**ENTRY, **bn_changes}}},
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    return path


def test_project_file_defines_the_ten_languages(languages: Languages) -> None:
    assert list(languages) == ["en", "bn", "hi", "sw", "ne", "vi", "fr", "es", "ur", "ar"]
    bn = languages["bn"]
    assert isinstance(bn, Language)
    assert (bn.locale, bn.script, bn.direction, bn.native_digits) == ("bn_BD", "Beng", "ltr", True)
    assert bn.fonts == ("Noto Sans Bengali", "Noto Sans")
    assert bn.numbering_system == "beng"
    assert languages["ne"].numbering_system == "deva"
    assert languages["hi"].numbering_system == "latn"
    assert [c for c, lang in languages.items() if lang.is_rtl] == ["ur", "ar"]
    assert [c for c, lang in languages.items() if lang.hyphenate] == ["en", "fr", "es"]


@pytest.mark.parametrize(
    ("lang", "native"),
    [
        ("en", "English"),
        ("bn", "বাংলা"),
        ("hi", "हिन्दी"),
        ("sw", "Kiswahili"),
        ("ne", "नेपाली"),
        ("vi", "Tiếng Việt"),
        ("fr", "français"),
        ("es", "español"),
        ("ur", "اردو"),
        ("ar", "العربية"),
    ],
)
def test_native_names_agree_with_cldr(languages: Languages, lang: str, native: str) -> None:
    from babel import Locale

    assert languages[lang].native_name == native == Locale.parse(lang).get_display_name(lang)


def test_language_is_frozen(languages: Languages) -> None:
    with pytest.raises(AttributeError):
        languages["bn"].direction = "rtl"  # type: ignore[misc]


def test_unknown_code_names_the_file_and_the_known_codes(languages: Languages) -> None:
    with pytest.raises(InputError) as err:
        languages["bd"]
    assert "languages.yaml" in str(err.value) and "'bd'" in str(err.value)
    assert "bn" in str(err.value.expected)
    assert "bd" not in languages and "bn" in languages
    assert languages.get("bd") is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"direction": "sideways"}, "'languages.bn.direction' does not match the schema"),
        ({"fonts": []}, "'languages.bn.fonts' does not match the schema"),
        ({"locale": "bn_XX"}, "Babel (CLDR) has no locale 'bn_XX'"),
        ({"locale": "hi_IN"}, "the locale is for another language"),
        ({"direction": "rtl"}, "direction disagrees with CLDR"),
        ({"hyphenate": True}, "pyphen has no dictionary"),
    ],
)
def test_bad_entries_fail_with_file_and_line(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    path = write_languages(tmp_path, **changes)
    with pytest.raises(InputError) as err:
        load_languages(path)
    assert message in str(err.value)
    assert err.value.path == path
    assert err.value.row is not None and err.value.row >= 10  # the bn entry, after en's


def test_native_digits_where_the_locale_has_none(tmp_path: Path) -> None:
    path = tmp_path / "languages.yaml"
    path.write_text(
        yaml.safe_dump({"languages": {"en": {**ENGLISH, "native_digits": True}}}), encoding="utf-8"
    )
    with pytest.raises(InputError, match="native digits are ASCII"):
        load_languages(path)


def test_english_is_required(tmp_path: Path) -> None:
    path = tmp_path / "languages.yaml"
    path.write_text(
        yaml.safe_dump({"languages": {"bn": ENTRY}}, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(InputError, match="source language 'en'"):
        load_languages(path)


def test_schema_file_is_in_the_package() -> None:
    assert (PROJECT / "src" / "lnob" / "schemas" / "languages.schema.json").is_file()
