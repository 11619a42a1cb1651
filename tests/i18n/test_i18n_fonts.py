"""Fonts per language and the glyph check (fontTools cmap of the fonts fontconfig finds)."""

from __future__ import annotations

import pytest
import yaml
from i18n_helpers import REALDATA

from lnob.errors import BuildError
from lnob.i18n import (
    FontNotFoundError,
    Languages,
    MissingGlyphsError,
    css_font_family,
    family_files,
    matplotlib_families,
    missing_glyphs,
    require_glyphs,
)
from lnob.i18n.fonts import font_file

SAMPLES = {
    "en": "Leave No One Behind: 42.1% (38.0–46.2)",
    "bn": "কাউকে পিছনে ফেলে নয়: ক্ষুদ্র নৃগোষ্ঠী, স্বাস্থ্য ও শিক্ষা। ৪২.১% (৩৮.০–৪৬.২)",
    "hi": "कोई पीछे न छूटे: स्वास्थ्य, शिक्षा और क्षेत्र। 42.1% (38.0–46.2)",
    "ne": "कोही पनि पछाडि नछुटोस्: स्वास्थ्य र शिक्षा। ४२.१% (३८.०–४६.२)",
    "sw": "Bila kumwacha mtu nyuma: afya na elimu. 42.1% (38.0–46.2)",
    "vi": "Không để ai bị bỏ lại phía sau: y tế, giáo dục, người dân tộc thiểu số.",
    "fr": "Ne laisser personne de côté\u00a0: 42,1\u00a0% (38,0–46,2), 12\u202f345",
    "es": "No dejar a nadie atrás: niñas y niños, 42,1\u00a0%",
    "ur": "کسی کو پیچھے نہ چھوڑیں: صحت اور تعلیم۔ 42.1% (38.0–46.2)",
    "ar": "عدم ترك أي أحد خلف الركب: الصحة والتعليم. 42.1% (38.0–46.2)",
}


@pytest.mark.parametrize("lang", list(SAMPLES))
def test_each_language_font_list_draws_its_own_text(languages: Languages, lang: str) -> None:
    assert missing_glyphs(SAMPLES[lang], languages[lang].fonts) == []
    require_glyphs(SAMPLES[lang], languages[lang].fonts, where=f"sample [{lang}]")


def test_bengali_needs_a_bengali_font(languages: Languages) -> None:
    text = "খানা ১২৩"
    assert missing_glyphs(text, ["Noto Sans"]) == ["খ", "া", "ন", "১", "২", "৩"]
    assert missing_glyphs(text, languages["bn"].fonts) == []


def test_a_character_no_font_has_is_named_with_its_code_point(languages: Languages) -> None:
    text = "পানি 😀 ok ⠁"  # an emoji and a Braille letter: no Noto font here has them
    with pytest.raises(MissingGlyphsError) as err:
        require_glyphs(text, languages["bn"].fonts, where="brief bgd-water-2025 [bn], heading 2")
    message = str(err.value)
    assert isinstance(err.value, BuildError)
    assert err.value.characters == ["😀", "⠁"]
    assert "U+1F600 '😀'" in message and "U+2801 '⠁'" in message
    assert "Noto Sans Bengali, Noto Sans" in message
    assert message.startswith("brief bgd-water-2025 [bn], heading 2:")


def test_invisible_format_characters_are_not_checked(languages: Languages) -> None:
    # ZWNJ, ZWJ, right-to-left mark, Arabic letter mark
    assert missing_glyphs("ক্\u200dষ \u200c \u200f \u061c", languages["bn"].fonts) == []


def test_css_stack_names_fonts_explicitly(languages: Languages) -> None:
    assert css_font_family(languages["bn"]) == '"Noto Sans Bengali", "Noto Sans"'
    assert (
        css_font_family(languages["ne"], generic="sans-serif")
        == '"Noto Sans Devanagari", "Noto Sans", sans-serif'
    )
    assert css_font_family(languages["vi"]) == '"Noto Sans"'


def test_matplotlib_families_are_known_to_matplotlib(languages: Languages) -> None:
    assert matplotlib_families(languages["hi"]) == ["Noto Sans Devanagari", "Noto Sans"]


def test_every_configured_font_is_installed(languages: Languages) -> None:
    families = sorted({f for lang in languages.values() for f in lang.fonts})
    files = [font_file(f) for f in families]
    assert all(p.is_file() and p.suffix in (".ttf", ".otf", ".ttc") for p in files)
    assert files[families.index("Noto Sans Bengali")].name == "NotoSansBengali-Regular.ttf"
    for family in families:  # every face, as the build's keys hash them
        faces = family_files(family)
        assert font_file(family) in faces and all(p.is_file() for p in faces)


def test_unknown_family_fails_clearly() -> None:
    with pytest.raises(FontNotFoundError, match="no font family 'Noto Sans Klingon'"):
        missing_glyphs("a", ["Noto Sans Klingon"])


@pytest.mark.realdata
@pytest.mark.parametrize("lang", ["ne", "sw"])
def test_real_sdg_titles_can_be_drawn(languages: Languages, lang: str) -> None:
    source = REALDATA / "sdg-translations" / lang / "global_indicators.yml"
    if not source.is_file():
        pytest.skip(f"real data not found: {source} (../shared/realdata is absent)")
    titles = yaml.safe_load(source.read_text(encoding="utf-8-sig"))
    text = "\n".join(str(v) for v in titles.values())
    # Nepali titles carry Latin fragments inside Devanagari ('अपा persons्गता'): both fonts
    assert len(text) > 10_000
    assert missing_glyphs(text, languages[lang].fonts) == []
    if lang == "ne":  # and the check can fail: Noto Sans alone has no Devanagari
        assert "न" in missing_glyphs(text, ["Noto Sans"])
