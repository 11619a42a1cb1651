"""The PDF stage's savings change nothing a reader gets: a worker's shared font configuration
gives the same bytes whatever the worker printed before, and the cheaper layout rules of the
stylesheet (key numbers, colophon) give the same PDF as the plain rules they replace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lnob.stages import pdf
from tests.conftest import ROOT
from tests.pipeline.test_identity import localizer, page

KEY_NUMBERS = (
    '<section class="key-numbers"><h3>In numbers</h3><dl>'
    + "".join(
        f'<div class="key-number community"><dt>{i}2.5%</dt><dd>Share of households in group {i} '
        f'with a long label that wraps<span class="provenance">Community-generated data · '
        f"Survey {i}</span></dd></div>"
        for i in range(6)
    )
    + "</dl></section><p>Body text.</p>"
)

# The rules document.css had before it spared WeasyPrint the work (automatic minimum sizes of
# flex items, a `1fr` column that must know the narrowest width of every value).
PLAIN_RULES = """
.key-number { min-width: auto; min-height: auto; }
.colophon dl { grid-template-columns: max-content 1fr; }
[dir="rtl"] .colophon dl { grid-template-columns: 1fr max-content; }
"""


def _pdf(lang: str, folder: Path, body: str = KEY_NUMBERS, css: str = "") -> pdf.PdfResult:
    folder.mkdir(parents=True)
    html = page(lang, folder, body=body).replace("</style>", css + "</style>", 1)
    (folder / "index.html").write_text(html, encoding="utf-8")
    shutil.copy(ROOT / "data" / "identity" / "lnob-wordmark.svg", folder / "logo.svg")
    return pdf.write_pdf(
        folder / "index.html",
        folder / "doc.pdf",
        fonts=list(localizer(lang).language.fonts),
        where=f"test {lang}",
    )


@pytest.mark.parametrize("lang", ["en", "bn", "ar"])
def test_cheaper_layout_rules_print_the_same_pdf(lang: str, tmp_path: Path) -> None:
    ours = _pdf(lang, tmp_path / "ours")
    plain = _pdf(lang, tmp_path / "plain", css=PLAIN_RULES)
    assert ours.pages == plain.pages
    assert ours.sha256 == plain.sha256, f"{lang}: the stylesheet's layout changed the PDF"


def test_a_pdf_does_not_depend_on_what_the_worker_printed_before(tmp_path: Path) -> None:
    pdf._shared_font_config.cache_clear()  # as a worker starts: a fresh configuration
    first = _pdf("en", tmp_path / "first")
    _pdf("bn", tmp_path / "bengali")  # other scripts, fonts and sizes through the same one
    _pdf("ar", tmp_path / "arabic")
    again = _pdf("en", tmp_path / "again")
    assert pdf._shared_font_config.cache_info().currsize == 1
    assert again.sha256 == first.sha256


def test_a_page_with_its_own_fonts_gets_its_own_configuration() -> None:
    shared = pdf.font_config_for("<style>p { color: red }</style>")
    assert pdf.font_config_for("<p>text</p>") is shared
    own = pdf.font_config_for("<style>@font-face { font-family: X; src: url(x.woff2) }</style>")
    assert own is not shared
    assert pdf.font_config_for("<p>text</p>") is shared


def test_key_numbers_and_colophon_need_no_narrowest_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the cheaper rules save: WeasyPrint's flex and grid layouts no longer measure the
    narrowest width (min-content) of each key number and each colophon value; the plain rules
    do, so the count shows the saving is in effect (0.05 s of a brief, 0.5 s of the synthesis)."""
    import weasyprint.layout.flex as flex
    import weasyprint.layout.grid as grid

    calls: list[str] = []
    for module in (flex, grid):
        measure = module.min_content_width

        def counted(*args, _measure=measure, _name=module.__name__, **kwargs):
            calls.append(_name)
            return _measure(*args, **kwargs)

        monkeypatch.setattr(module, "min_content_width", counted)
    _pdf("en", tmp_path / "plain", css=PLAIN_RULES)
    assert calls, "the plain rules should measure (else this test cannot fail)"
    calls.clear()
    _pdf("en", tmp_path / "ours")
    assert calls == []
