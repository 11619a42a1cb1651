"""Table headers keep their words whole (issue 21): WeasyPrint lays out real headers, and the
check finds each break inside a word and each word wider than its column, while breaks at
spaces, after the text's own hyphens and slashes, and in other scripts pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML

from lnob.errors import BuildError
from lnob.stages import pdf
from lnob.stages.pdf_headers import broken_headers


def _table(*headers: tuple[str, str], lang: str = "en") -> str:
    """A table of the given (style, text) headers, and one more column taking the rest."""
    headers = (*headers, ("", "Notes"))
    cells = "".join(f"<th{style}>{text}</th>" for style, text in headers)
    body = "".join("<td>1</td>" for _ in headers)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>T</title><style>"
        "body { font-family: 'Noto Sans', 'Noto Sans Bengali'; font-size: 12pt; }"
        "table { table-layout: fixed; width: 16cm; }</style></head><body><table><thead><tr>"
        f"{cells}</tr></thead><tbody><tr>{body}</tr></tbody></table></body></html>"
    )


def _breaks(html: str) -> list[str]:
    return [b.where for b in broken_headers(HTML(string=html).render())]


def test_a_hyphenated_or_cut_header_is_found() -> None:
    html = _table(
        (" style='width: 1.4cm; hyphens: auto'", "Disability"),
        (" style='width: 1.4cm; overflow-wrap: anywhere'", "Education"),
    )
    found = _breaks(html)
    assert any(w.startswith("Dis") and w.endswith("ity") or "abil" in w for w in found)
    assert any(w.replace("|", "") == "Education" for w in found)


def test_a_word_wider_than_its_column_is_found() -> None:
    assert _breaks(_table((" style='width: 1.2cm'", "Extraordinarily"))) == ["Extraordinarily"]


def test_breaks_between_words_and_after_the_texts_own_hyphens_pass() -> None:
    html = _table(
        (" style='width: 2.2cm'", "Income or wealth"),
        (" style='width: 2.6cm'", "Location (urban/rural and sub-national)"),
        (" style='width: 3cm'", "উত্তরদাতাদের শিক্ষাগত যোগ্যতা ও আয়"),
    )
    assert _breaks(html) == []


def test_the_pdf_stage_refuses_a_header_broken_inside_a_word(tmp_path: Path) -> None:
    html = tmp_path / "doc" / "index.html"
    html.parent.mkdir()
    html.write_text(_table((" style='width: 1.4cm; hyphens: auto'", "Disability")), "utf-8")
    refused = r"a table header breaks inside a word .page 1: header \"Disab"
    with pytest.raises(BuildError, match=refused):
        pdf.write_pdf(html, tmp_path / "t.pdf", fonts=["Noto Sans"], where="table")
    assert not (tmp_path / "t.pdf").exists()
