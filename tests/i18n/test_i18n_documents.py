"""One document per configured language, built by the real pipeline and read back.

The `scripts` fixture project (tests/fixtures/scripts) publishes one short brief in all ten
languages of data/languages.yaml. Each PDF is read back as a reader's tools see it: the
expected words in the right script, digits as configured for the language, no missing glyph,
the language in the HTML and the PDF, the layout mirrored for Urdu and Arabic, and the
interface words (figure and table labels, the page footer) from the project's catalogues.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.i18n import Catalogue, load_languages, missing_glyphs
from lnob.paths import ProjectPaths
from lnob.site.reading import undress
from lnob.stages.pdf import visible_text
from tests.conftest import make_project
from tests.pdf_structure import figure_alts

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "bn", "hi", "sw", "ne", "vi", "fr", "es", "ur", "ar")
DOC = "pak-brief-women-health-2026"

# Words that must come out of the PDF (compared without spaces), each with a conjunct, a
# pre-base vowel sign or a diacritic where the script has them: the PDF's text layer gives
# them in logical order (lnob.stages.pdf_text; words of every script are tested in
# tests/pipeline/test_pdf_text.py). The shaping itself is checked on page images
# (test_i18n_shaping.py).
WORDS = {
    "en": ["Women'saccesstohealthcare", "Keymessages"],
    "bn": ["নারীদেরস্বাস্থ্যসেবাপ্রাপ্তি", "প্রেক্ষাপট"],
    "hi": ["स्वास्थ्यसेवातकपहुँच", "मुख्यसंदेश"],
    "ne": ["स्वास्थ्यसेवामापहुँच", "आवश्यकउपचारपाएनन्"],
    "sw": ["Upatikanajiwahudumazaafya", "Ujumbemkuu"],
    "vi": ["Phụnữtiếpcậndịchvụytế", "giáodụcvàbảovệ"],
    "fr": ["L'accèsdesfemmesauxsoinsdesanté", "éducationetprotection"],
    "es": ["Elaccesodelasmujeres", "educaciónyprotección"],
    "ur": ["خواتینکیصحتکیدیکھبھالتکرسائی", "تعلیماورتحفظ"],
    "ar": ["النساء", "الرعايةالصحية", "التعليموالحماية"],  # no lam-yeh ligature: pdftotext
}
# The Unicode block most of a document's letters are in.
SCRIPT = {
    "Latn": ("\u0041", "\u024f"),
    "Beng": ("\u0980", "\u09ff"),
    "Deva": ("\u0900", "\u097f"),
    "Arab": ("\u0600", "\u06ff"),
}
# 0.42 with one decimal as a percentage, and the year 2024 of the authored text, written as
# each language is configured to write them (native digits for bn and ne only).
SHARE = {
    "en": "42.0%",
    "bn": "৪২.০%",
    "hi": "42.0%",
    "sw": "42.0%",
    "ne": "४२.०%",
    "vi": "42,0%",
    "fr": "42,0\u00a0%",
    "es": "42,0\u00a0%",
    "ur": "42.0%",
    "ar": "42.0%",
}
YEAR = {"bn": "২০২৪", "ne": "२०२४"}
SITE = "https://leavenoonebehind.example.org/"  # data/identity.yaml's publication.site_url
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    paths = make_project(tmp_path_factory.mktemp("scripts") / "project", "scripts")
    report = build(paths, BuildOptions(jobs=2))
    assert not report.failed, [r.error for r in report.failed]
    return paths


def _files(site: ProjectPaths, lang: str) -> tuple[Path, Path]:
    folder = site.site / "pak" / DOC / lang
    return folder / f"{DOC}-{lang}.pdf", folder / "index.html"


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def body_text(pdf: Path) -> str:
    """The PDF's text without the colophon (ids and hashes), bidi controls or spaces."""
    text = BIDI_CONTROLS.sub("", pdftotext(pdf))
    return re.sub(r"\s+", "", text)


def catalogue(lang: str) -> Catalogue:
    return Catalogue.load(ROOT / "locale", load_languages(ROOT / "data" / "languages.yaml")[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_words_in_the_script_and_digits_as_configured(site: ProjectPaths, lang: str) -> None:
    pdf, _ = _files(site, lang)
    language = load_languages(ROOT / "data" / "languages.yaml")[lang]
    text = body_text(pdf)
    for word in WORDS[lang]:
        assert word in text, f"{lang}: {word!r} not in the PDF's text"
    lo, hi = SCRIPT[language.script]
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    share = sum(lo <= c <= hi for c in letters) / len(letters)
    assert share > 0.6, f"{lang}: only {share:.0%} of the letters are in {language.script}"
    raw = re.sub("[\u00a0\u202f]", " ", BIDI_CONTROLS.sub("", pdftotext(pdf)))
    assert SHARE[lang].replace("\u00a0", " ") in raw, f"{lang}: the share is not {SHARE[lang]!r}"
    year = YEAR.get(lang, "2024")
    assert year in text
    if language.native_digits:  # no ASCII digit before the imprint's addresses ("CC BY 4.0")
        main, found, _ = pdftotext(pdf).partition(SITE)  # first in the suggested citation
        assert found and not re.search(r"[0-9]", main), main


@pytest.mark.parametrize("lang", LANGS)
def test_no_missing_glyph_and_the_named_fonts_embedded(site: ProjectPaths, lang: str) -> None:
    pdf, html = _files(site, lang)
    language = load_languages(ROOT / "data" / "languages.yaml")[lang]
    # The document's own text (the site's words around it are set in the site's fonts).
    document = undress(html.read_text(encoding="utf-8"))
    assert missing_glyphs(visible_text(document), language.fonts) == []
    assert "\ufffd" not in pdftotext(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    main_font = language.fonts[0].replace(" ", "-")
    assert f"+{main_font} " in fonts or f"+{main_font}-" in fonts, fonts


@pytest.mark.parametrize("lang", LANGS)
def test_html_and_pdf_declare_the_language_and_direction(site: ProjectPaths, lang: str) -> None:
    from pypdf import PdfReader

    pdf, html = _files(site, lang)
    direction = "rtl" if lang in ("ur", "ar") else "ltr"
    assert f'<html lang="{lang}" dir="{direction}" class=' in html.read_text(encoding="utf-8")
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == lang
    xmp = reader.xmp_metadata.stream.get_data()
    assert b'pdfuaid:part="1"' in xmp


@pytest.mark.parametrize("lang", LANGS)
def test_interface_words_come_from_the_catalogue(site: ProjectPaths, lang: str) -> None:
    """Figure and table labels and the footer are the project's, in the language (the
    engine's own strings, missing in Quarto and Pandoc for several of these, are never used)."""
    pdf, _ = _files(site, lang)
    cat = catalogue(lang)
    language = load_languages(ROOT / "data" / "languages.yaml")[lang]
    from lnob.i18n import Formatter

    fmt = Formatter(language)
    raw = letters_only(pdftotext(pdf))
    translations = []
    for msgid, params in (
        ("Figure {n}", {"n": "1"}),
        ("Table {n}", {"n": "1"}),
        ("Page {page} of {pages}", {"page": "1", "pages": "1"}),
    ):
        expected = fmt.digits(cat.gettext(msgid).text.format(**params))
        translations.append(expected)
        assert letters_only(expected) in raw, f"{lang}: {expected!r}"
    if lang != "en":
        for english in ("Figure", "Table", "Page", "Contents"):
            if not any(english in t for t in translations):
                assert english not in raw, f"{lang}: English interface word {english!r}"


def letters_only(text: str) -> str:
    """Text without spaces, bidi controls and combining marks: pdftotext splits and reorders
    the vowel signs of Bengali and Devanagari clusters, but keeps their base letters."""
    return "".join(
        c
        for c in BIDI_CONTROLS.sub("", text)
        if not c.isspace() and not unicodedata.category(c).startswith("M")
    )


def _lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Words of page 1 grouped in lines: (xMin, xMax, word)."""
    xml = pdftotext(pdf, "-bbox", "-f", "1", "-l", "1")
    xml = xml[xml.index("<page") : xml.index("</page>") + 7]
    words = sorted(ET.fromstring(xml), key=lambda w: float(w.get("yMax")))
    rows: list[list] = []
    last = -100.0
    for w in words:  # one line: baselines within 4 pt (Arabic and Latin fonts differ)
        y = float(w.get("yMax"))
        if y - last > 4:
            rows.append([])
        last = y
        rows[-1].append((float(w.get("xMin")), float(w.get("xMax")), w.text))
    return rows


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_right_to_left_layout_is_mirrored(site: ProjectPaths, lang: str) -> None:
    pdf, _ = _files(site, lang)
    en_pdf, _ = _files(site, "en")
    width, margin = 595.3, 51.0
    arabic = [
        line for line in _lines(pdf) if all(re.search("[\u0600-\u06ff]", w[2] or "") for w in line)
    ]
    at_right = [line for line in arabic if width - max(x for _, x, _ in line) < margin + 20]
    at_left = [line for line in arabic if min(x for x, _, _ in line) < margin + 20]
    assert len(at_right) >= 0.6 * len(arabic) and len(at_left) <= 1, (len(arabic), at_left)
    english = _lines(en_pdf)
    starts = [line for line in english if min(x for x, _, _ in line) < margin + 20]
    assert len(starts) >= 0.6 * len(english)
    # The table: the group (first column) at the right, its share to its left.
    share = SHARE[lang]
    row = next(line for line in _lines(pdf) if any(w[2] == share for w in line))
    value_x = next(x for x, _, w in row if w == share)
    label_x = max(x for x, _, w in row if re.search("[\u0600-\u06ff]", w or ""))
    assert label_x > value_x
    # The imprint: each label at the right, its value (an address, left to right) to its left.
    row = next(line for line in _lines(pdf) if any((w[2] or "").startswith(SITE) for w in line))
    url_x = next(x for x, _, w in row if (w or "").startswith(SITE))
    assert max(x for x, _, w in row if re.search("[\u0600-\u06ff]", w or "")) > url_x


@pytest.mark.parametrize(("lang", "side"), [("en", "right"), ("ur", "left"), ("ar", "left")])
def test_the_brief_logo_sits_at_the_leading_side_of_the_top_margin(
    site: ProjectPaths, lang: str, side: str
) -> None:
    """Page 1 of a brief has only the logo in its top margin: right for a left-to-right
    language, left for a right-to-left one (an @page margin box is not mirrored by dir)."""
    from PIL import Image

    pdf, _ = _files(site, lang)
    out = pdf.parent / f"page1-{lang}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)],
        check=True,
    )
    image = Image.open(f"{out}.png").convert("L")
    band = image.crop((0, 0, image.width, int(image.height * 20 / 297)))  # the 20 mm margin
    xs = [x for x in range(band.width) for y in range(band.height) if band.getpixel((x, y)) < 200]
    assert xs, "no logo in the top margin of page 1"
    middle = (min(xs) + max(xs)) / 2
    assert (middle > band.width / 2) == (side == "right"), (lang, min(xs), max(xs), band.width)


@pytest.mark.parametrize("lang", LANGS)
def test_every_image_has_alternative_text_in_the_language(site: ProjectPaths, lang: str) -> None:
    from pypdf import PdfReader

    pdf, html = _files(site, lang)
    alts = re.findall(r'<img src="[^"]+" alt="([^"]+)"', html.read_text(encoding="utf-8"))
    figures = figure_alts(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    assert len(figures) == len(alts) == 1
    import html as htmllib

    alt = htmllib.unescape(alts[0])
    assert figures[0] == alt
    women = {"en": "Women"}.get(lang)
    if women is None:
        import csv

        with (ROOT / "tests/fixtures/scripts/data/countries/PAK/figures.csv").open() as f:
            women = next(csv.DictReader(f))[f"group_{lang}"]
    assert women in alt and SHARE[lang].replace("\u00a0", " ") in alt.replace("\u00a0", " ")
    lo, hi = SCRIPT[load_languages(ROOT / "data" / "languages.yaml")[lang].script]
    assert any(lo <= c <= hi for c in alt if c.isalpha())
