"""The PDF stage's check of what the printed pages say (lnob.stages.pdf_printed): a page that
prints escaped HTML or a build internal, or does not print its imprint's citation and
licence, fails its document, naming the page; the real page template passes. Real pages
(template, stylesheet, identity) through the real PDF stage and WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.errors import BuildError
from tests.pipeline.test_identity import localizer
from tests.pipeline.test_print_layout import page_pdf

SHOW_COLOPHON = "@media print { .colophon { display: block !important; } }"
HIDE_IMPRINT = "@media print { .imprint { display: none !important; } }"


@pytest.mark.parametrize("lang", ["en", "bn", "ar"])
def test_the_page_template_prints_its_imprint_and_nothing_of_the_build(
    lang: str, tmp_path: Path
) -> None:
    assert page_pdf(localizer(lang), "<p>Body</p>", tmp_path / lang).is_file()


@pytest.mark.parametrize(
    ("body", "css", "message"),
    [
        # "l'année" escaped once more than it should be: the reader sees the entity
        ("<h2>Thème de l&amp;#x27;année</h2>", "", "page 1: escaped HTML '&#x27;'"),
        ("<p>Water &amp;amp; sanitation</p>", "", "page 1: escaped HTML '&amp;'"),
        ("<p>Body</p>", SHOW_COLOPHON, "the inputs' hash"),
        ("<p>Body</p>", SHOW_COLOPHON, "the code version"),
        ("<p>Body</p>", SHOW_COLOPHON, "the renderer's name"),
        ("<p>Built with WeasyPrint.</p>", "", "page 1: the PDF engine's name (WeasyPrint)"),
        ("<p>Checksum " + "0f" * 32 + "</p>", "", "page 1: a hash"),
        ("<p>Body</p>", HIDE_IMPRINT, "no its suggested citation"),
        ("<p>Body</p>", HIDE_IMPRINT, "no its licence's address"),
    ],
)
def test_a_page_that_prints_what_it_must_not_or_not_what_it_must_fails(
    body: str, css: str, message: str, tmp_path: Path
) -> None:
    with pytest.raises(BuildError) as exc:
        page_pdf(localizer("en"), body, tmp_path / "doc", css)
    msg = str(exc.value)
    assert message in msg, msg
    assert msg.startswith("test: the printed pages say what they must not")
    assert "no print style may hide it" in msg  # what to do
    assert not (tmp_path / "doc" / "doc.pdf").exists()


def test_text_that_names_an_entity_without_being_one_prints(tmp_path: Path) -> None:
    """ "R&D;" is no HTML entity, and "AT&T" none at all."""
    assert page_pdf(localizer("en"), "<p>R&amp;D; AT&amp;T &amp; co</p>", tmp_path / "d").is_file()
