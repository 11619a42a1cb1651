"""Bengali, Nepali and Urdu text is shaped: renders compared with reference images.

The references in tests/i18n/shaping/ were made by make_shaping_references.py and looked
at (conjuncts ক্ষ and क्ष formed, vowel signs and reph in place, Urdu letters joined). A
render that differs from its reference by more than TOLERANCE of its drawn pixels fails;
the same letters with shaping broken (a ZWNJ between every two) differ by far more, which
the last test shows, so the comparison does see unshaped text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from shaping import REFERENCES, SAMPLES, chart_image, difference, ink, page_image, unshaped

TOLERANCE = 0.05  # anti-aliasing and hinting differences stay well below this
UNSHAPED = 0.30  # broken shaping moves most of the drawn pixels (measured: 0.75 to 0.88)
RENDERS = {"page": page_image, "chart": chart_image}


@pytest.mark.parametrize("kind", ["page", "chart"])
@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_render_matches_the_reference(lang: str, kind: str, tmp_path: Path) -> None:
    reference = Image.open(REFERENCES / f"{lang}-{kind}.png").convert("L")
    image = RENDERS[kind](lang, SAMPLES[lang], tmp_path)
    assert ink(image) > 0.01, "the render is blank"
    d = difference(image, reference)
    assert d <= TOLERANCE, (
        f"{lang} {kind}: {d:.1%} of the drawn pixels differ from "
        f"{REFERENCES.name}/{lang}-{kind}.png; look at the render"
    )


@pytest.mark.parametrize("kind", ["page", "chart"])
@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_unshaped_text_fails_the_comparison(lang: str, kind: str, tmp_path: Path) -> None:
    reference = Image.open(REFERENCES / f"{lang}-{kind}.png").convert("L")
    broken = RENDERS[kind](lang, unshaped(SAMPLES[lang]), tmp_path)
    assert difference(broken, reference) > UNSHAPED > TOLERANCE
