"""Renders of a few words per script, the way documents and charts draw them.

Used by `test_i18n_shaping.py` and by `make_shaping_references.py`, which wrote the
reference images in `tests/i18n/shaping/` once (each was looked at: conjuncts formed,
Urdu letters joined). Text goes through the production paths: the PDF stage
(`lnob.stages.pdf.write_pdf`, WeasyPrint with the language's fonts, glyph check on) then
`pdftoppm`, and the chart module (`lnob.render.charts.bar_chart_png`, matplotlib).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

from lnob.i18n import css_font_family, load_languages
from lnob.render import charts
from lnob.stages.pdf import write_pdf

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = Path(__file__).resolve().parent / "shaping"
ZWNJ = "\u200c"  # zero-width non-joiner: stops conjuncts and Arabic joining

# A Bengali, a Nepali and an Urdu sample: conjuncts (ক্ষ, ক্ষ, স্ব, ্য), reph, pre-base vowel
# signs, and Urdu letters joined in their initial, medial and final forms.
SAMPLES = {
    "bn": "ক্ষ শিক্ষা স্বাস্থ্য প্রাপ্তি",
    "ne": "क्ष सुरक्षा स्वास्थ्य सर्वेक्षण",
    "ur": "خواتین کی صحت تک رسائی",
}
CHART_WORDS = {"bn": ("শিক্ষা", "স্বাস্থ্য"), "ne": ("सुरक्षा", "सर्वेक्षण"), "ur": ("خواتین", "رسائی")}


def language(code: str):
    return load_languages(ROOT / "data" / "languages.yaml")[code]


def page_image(lang: str, text: str, work: Path) -> Image.Image:
    """`text` set at 24 pt on a small page by the PDF stage, rasterised at 96 dpi, in grey."""
    lng = language(lang)
    html = work / "words" / "index.html"
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(
        f'<!DOCTYPE html><html lang="{lang}" dir="{lng.direction}"><head><title>w</title>'
        f"<style>@page {{ size: 150mm 22mm; margin: 4mm; }} body {{ margin: 0; "
        f"font-family: {css_font_family(lng)}; font-size: 24pt; line-height: 1.2; }}</style>"
        f"</head><body><p>{text}</p></body></html>",
        encoding="utf-8",
    )
    pdf = work / "words.pdf"
    write_pdf(html, pdf, fonts=list(lng.fonts), where=f"shaping sample ({lang})")
    subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", "96", "-singlefile", str(pdf), str(work / "words")],
        check=True,
    )
    return Image.open(work / "words.png").convert("L")


def chart_image(lang: str, text: str, work: Path) -> Image.Image:
    """A two-bar chart labelled with two words of `text` (CHART_WORDS picks them)."""
    lng = language(lang)
    words = [w for w in text.split() if w.replace(ZWNJ, "") in CHART_WORDS[lang]]
    path = work / "chart.png"
    charts.bar_chart_png(
        path,
        categories=words,
        series=[("", [0.4, 0.3], [], [])],
        value_labels=[["", ""]],
        axis_label=words[0],
        percent=True,
        families=list(lng.fonts),
        rtl=lng.is_rtl,
    )
    return Image.open(path).convert("L")


def unshaped(text: str) -> str:
    """The same letters with shaping broken: a ZWNJ between every two characters."""
    return ZWNJ.join(text)


def difference(a: Image.Image, b: Image.Image) -> float:
    """Of the pixels drawn as text or lines in either image (grey below 40 of 255), the share
    whose grey level differs by more than 64; 1.0 if the sizes differ. Bars and background
    do not count, so a chart's labels weigh as much as a line of words."""
    if a.size != b.size:
        return 1.0
    x = np.asarray(a, dtype=np.int16)
    y = np.asarray(b, dtype=np.int16)
    drawn = (x < 40) | (y < 40)
    return float(((np.abs(x - y) > 64) & drawn).sum() / max(int(drawn.sum()), 1))


def ink(image: Image.Image) -> float:
    """Share of dark pixels: a blank render has none."""
    return float((np.asarray(image) < 128).mean())
