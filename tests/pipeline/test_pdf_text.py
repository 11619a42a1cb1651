"""The PDF's text layer says what the page shows, in every script (`stages.pdf_text`), and the
build reads every PDF back (`stages.pdf_readback`).

Each script is tested with words whose text WeasyPrint's own drawing gets wrong: the same page
drawn WeasyPrint's way fails the read-back check naming them, drawn with the ActualText spans
it gives them back to poppler's `pdftotext` (the reader of copy, search and screen readers on
poppler; pypdf ignores /ActualText, so it is not used to read text here)."""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from lnob.errors import BuildError
from lnob.stages import pdf_readback, pdf_text
from tests.pdf_structure import kids
from tests.pipeline.test_identity import page_pdf

# Words that break with WeasyPrint's own text layer (measured with the pinned WeasyPrint 70 and
# Noto fonts): pre-base vowel signs (ি, ि), conjuncts, reph, nukta, Arabic harakat and the
# lam-alef ligature, a mark on a letter with no precomposed form.
WORDS = {
    "bn": "নারীরা প্রদর্শনী শিক্ষা কিন্তু স্বাস্থ্য বিদ্যালয় কর্মসংস্থান রাষ্ট্র",
    "hi": "महिलाएँ स्वास्थ्य शिक्षा किसान सुविधाओं विद्यालय प्रतिशत राष्ट्रीय",
    "ne": "महिलाहरू स्वास्थ्य शिक्षा किसान सुविधा विद्यालय प्रतिशत राष्ट्रिय",
    "ar": "النساء والفتيات لا أُعدّت المدخلات للمساواة الصحة",
    # Vietnamese as typed on a keyboard that sends combining marks (NFD), and a dot below on a
    # letter Unicode has no precomposed form for (q̣, in names).
    "vi": unicodedata.normalize("NFD", "Phụ nữ được hưởng Nguyễn thiểu số") + " Quạ q̣uyền",
}
# Of those, the ones WeasyPrint's own drawing loses (the rest must come back too).
BROKEN_TODAY = {
    "bn": ["প্রদর্শনী", "শিক্ষা"],
    "hi": ["महिलाएँ", "शिक्षा", "किसान", "सुविधाओं"],
    "ne": ["महिलाहरू", "शिक्षा", "किसान", "सुविधा"],
    "ar": ["لا", "أُعدّت"],
    "vi": ["q̣uyền"],
}


def _weasyprints_way(monkeypatch: pytest.MonkeyPatch, check: bool = False) -> None:
    """WeasyPrint draws text its own way (the text layer before `pdf_text`); the read-back
    check is left out unless `check`."""
    from weasyprint.draw import text

    pdf_text.install()
    monkeypatch.setattr(text, "draw_first_line", text.draw_first_line.__wrapped__)
    monkeypatch.setattr(pdf_text, "install", lambda: False)
    if not check:
        unchecked = pdf_readback.Readback((), ())
        monkeypatch.setattr(pdf_readback, "read_back", lambda document, pdf, where: unchecked)


@pytest.fixture
def weasyprints_own_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint draws text its own way, and the build reads it back."""
    _weasyprints_way(monkeypatch, check=True)


def read(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-q", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def pdf_words(pdf: Path) -> set[str]:
    return set(pdf_readback.words(read(pdf)))


def test_the_pinned_weasyprint_has_the_function_the_text_layer_wraps() -> None:
    from weasyprint.draw import text

    assert pdf_text.install()
    assert getattr(text.draw_first_line, "writes_actual_text", False)
    wrapped = text.draw_first_line
    assert pdf_text.install() and text.draw_first_line is wrapped  # once only


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_words_that_break_today_come_back_from_pdftotext(lang: str, tmp_path: Path) -> None:
    words = WORDS[lang]
    body = f"<h2>{words}</h2><p>{words}</p><table><tr><td>{words}</td></tr></table>"
    pdf = page_pdf(lang, tmp_path / "page", body)  # the build's own read-back check passes
    found = pdf_words(pdf)
    for word in pdf_readback.words(WORDS[lang]):
        assert word in found, (word, read(pdf))


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_weasyprints_own_text_layer_fails_the_read_back_naming_the_words(
    lang: str, tmp_path: Path, weasyprints_own_text: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    results: list[pdf_readback.Readback] = []
    check = pdf_readback.read_back

    def recorded(document, pdf, where):  # noqa: ANN001, ANN202
        results.append(check(document, pdf, where))
        return results[-1]

    monkeypatch.setattr(pdf_readback, "read_back", recorded)
    with pytest.raises(BuildError) as exc:
        page_pdf(lang, tmp_path / "page", f"<p>{WORDS[lang]}</p>")
    msg = str(exc.value)
    assert "do not come back from pdftotext" in msg and "--draft" in msg
    (result,) = results
    for word in BROKEN_TODAY[lang]:
        assert unicodedata.normalize("NFC", word) in result.missing, (word, result.missing)
    first = ", ".join(f"'{w}'" for w in result.missing[:8])
    assert f"{len(result.missing)} of {len(result.shown)} words" in msg and first in msg


def test_a_draft_publishes_the_pdf_with_a_warning(tmp_path: Path, weasyprints_own_text: None):
    import shutil

    from lnob.stages import pdf
    from tests.pipeline.test_identity import ROOT, localizer, page

    folder = tmp_path / "page"
    folder.mkdir()
    (folder / "index.html").write_text(page("hi", folder, body=f"<p>{WORDS['hi']}</p>"))
    shutil.copy(ROOT / "data" / "identity" / "lnob-wordmark.svg", folder / "logo.svg")
    result = pdf.write_pdf(
        folder / "index.html",
        folder / "doc.pdf",
        fonts=list(localizer("hi").language.fonts),
        where="draft hi",
        draft=True,
    )
    assert (folder / "doc.pdf").is_file()
    (warning,) = result.warnings
    assert warning.startswith("draft hi: the PDF's text does not say what its pages show")
    assert "'शिक्षा'" in warning


def test_the_quick_look_at_a_run_agrees_with_the_glyph_by_glyph_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run the quick look passes is one whose every cluster the walk finds plain; and the
    quick look does pass most Latin runs (else it would save nothing)."""
    quick = pdf_text._one_glyph_a_letter
    seen = {"passed": 0, "runs": 0}

    def checked(font, glyph_item, utf8):  # noqa: ANN001, ANN202
        passed = quick(font, glyph_item, utf8)
        seen["runs"] += 1
        if passed:
            seen["passed"] += 1
            clusters = pdf_text._clusters(font, glyph_item, utf8)
            assert all(c.plain for c in clusters), utf8.decode()
        return passed

    monkeypatch.setattr(pdf_text, "_one_glyph_a_letter", checked)
    latin = "<p>Women and girls in rural areas, 2025. Phụ nữ ở nông thôn; ﬁnal office.</p>" * 3
    for lang in sorted(WORDS):
        page_pdf(lang, tmp_path / lang, f"<p>{WORDS[lang]}</p><p>{WORDS[lang]}</p>{latin}")
    assert seen["passed"] > seen["runs"] / 3, seen


def test_a_ligature_first_met_as_its_own_character_reads_back(tmp_path: Path) -> None:
    # The font's map holds one text per glyph: 'ﬁ' first, so every later 'fi' would read 'ﬁ'.
    pdf = page_pdf("en", tmp_path / "page", "<p>ﬁnal ﬂow, then fifty officers fly</p>")
    assert {"fifty", "officers", "fly"} <= pdf_words(pdf)


def test_an_arabic_and_before_a_latin_name_or_a_number_reads_back(tmp_path: Path) -> None:
    # As the Arabic synthesis writes its byline and its SDG targets: pdftotext puts the
    # pieces of opposite direction apart ("و ActionAid"); the build's check passes.
    body = (
        '<p>التحالف و<bdi dir="ltr">ActionAid</bdi> و<bdi dir="ltr">BRAC</bdi>: 5، 4.1 و1.3.1.</p>'
    )
    pdf = page_pdf("ar", tmp_path / "page", body)
    assert {"ActionAid", "BRAC", "التحالف"} <= pdf_words(pdf)


def _operations(pdf: Path) -> Iterator[tuple[int, list, bytes]]:
    reader = PdfReader(pdf)
    for number, page in enumerate(reader.pages):
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            yield number, operands, operator


def _marked_content(pdf: Path) -> tuple[list[tuple[int, int]], int]:
    """Every MCID on the pages (page, mcid) and the number of ActualText spans, checking that
    each span is inside a text object and inside a sequence with an MCID."""
    mcids: list[tuple[int, int]] = []
    spans = 0
    stack: list[dict] = []
    in_text = False
    for number, operands, operator in _operations(pdf):
        if operator == b"BT":
            in_text = True
        elif operator == b"ET":
            in_text = False
        elif operator == b"BMC":
            stack.append({})
        elif operator == b"BDC":
            properties = operands[1] if isinstance(operands[1], dict) else {}
            if "/MCID" in properties:
                mcids.append((number, int(properties["/MCID"])))
            if "/ActualText" in properties:
                spans += 1
                assert operands[0] == "/Span" and in_text
                assert any("/MCID" in outer for outer in stack), "an ActualText outside a tag"
                assert "/MCID" not in properties
            stack.append(properties)
        elif operator == b"EMC":
            stack.pop()
    assert not stack and not in_text
    return mcids, spans


def _tree(node, out: list) -> list:  # noqa: ANN001
    """The structure tree as (tag, [MCIDs]) in document order; a marked-content reference
    (/MCR, a dictionary with an /MCID) counts for the element holding it."""
    for kid in kids(node):
        if "/MCID" in kid:
            out[-1][1].append(int(kid["/MCID"]))
            continue
        own = kid.get("/K")
        own = own if isinstance(own, list) else [own]
        out.append((str(kid.get("/S")), [int(k) for k in own if isinstance(k, int)]))
        _tree(kid, out)
    return out


@pytest.mark.parametrize("lang", ["bn", "ar"])
def test_the_spans_nest_in_the_tagging_and_leave_the_structure_as_it_was(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = f"<h2>{WORDS[lang]}</h2><ul><li>{WORDS[lang]}</li></ul>"
    with_spans = page_pdf(lang, tmp_path / "with", body)
    mcids, spans = _marked_content(with_spans)
    assert spans >= 2  # the heading and the item
    tree = _tree(PdfReader(with_spans).trailer["/Root"]["/StructTreeRoot"], [])
    assert sorted(mcids) == sorted(set(mcids))  # each MCID marks one sequence
    assert set(m for _tag, ids in tree for m in ids) <= {m for _page, m in mcids}
    # every MCID of the page has its element in the parent tree, and the element holds it
    reader = PdfReader(with_spans)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    parents = dict(zip(nums[::2], nums[1::2], strict=True))
    struct_parents = reader.pages[0]["/StructParents"]
    row = parents[struct_parents].get_object()
    for _page, mcid in mcids:
        element = row[mcid].get_object()
        held = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
        assert mcid in [int(k) for k in held if isinstance(k, int)], mcid

    _weasyprints_way(monkeypatch)
    without = page_pdf(lang, tmp_path / "without", body)
    assert _marked_content(without) == (mcids, 0)
    assert _tree(PdfReader(without).trailer["/Root"]["/StructTreeRoot"], []) == tree


def _pixels(pdf: Path) -> np.ndarray:
    prefix = str(pdf.parent / "page")
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), prefix], check=True)
    pages = sorted(pdf.parent.glob("page*.png"))
    return np.stack([np.asarray(Image.open(p).convert("RGB")) for p in pages])


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_the_page_looks_the_same_with_the_spans(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = f"<h2>{WORDS[lang]}</h2><p>{WORDS[lang]} {WORDS[lang]}</p>"
    with_spans = page_pdf(lang, tmp_path / "with", body)
    assert _marked_content(with_spans)[1] > 0
    _weasyprints_way(monkeypatch)
    without = page_pdf(lang, tmp_path / "without", body)
    shown, drawn = _pixels(with_spans), _pixels(without)
    assert shown.shape == drawn.shape and np.array_equal(shown, drawn)


def test_a_line_that_reads_back_is_drawn_byte_for_byte_as_weasyprint_draws_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    latin = "<p>Phụ nữ ở nông thôn, 2025: «final» — Women and girls in rural areas.</p>"
    with_spans = page_pdf("vi", tmp_path / "with", latin)
    assert _marked_content(with_spans)[1] == 0
    _weasyprints_way(monkeypatch)
    without = page_pdf("vi", tmp_path / "without", latin)
    assert [p.get_contents().get_data() for p in PdfReader(with_spans).pages] == [
        p.get_contents().get_data() for p in PdfReader(without).pages
    ]


def test_words_are_cut_the_same_on_both_sides() -> None:
    assert pdf_readback.words("well-being, 2025 … 12% নারী\u200cরা") == ["well", "being", "নারীরা"]
    # pdftotext's embedding marks around a right-to-left line are not part of a word
    assert pdf_readback.words("\u202bالنساء والفتيات\u202c") == ["النساء", "والفتيات"]
    # a change of direction inside a word parts it: pdftotext gives the pieces apart
    assert pdf_readback.words("وActionAid و1.3.1 abc2025") == ["و", "ActionAid", "و", "abc2025"]
    # the same letters composed or not are the same word
    nfd = unicodedata.normalize("NFD", "Nguyễn")
    assert pdf_readback.words(nfd) == ["Nguyễn"]


def test_a_missing_pdftotext_is_named_with_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_readback.shutil, "which", lambda name: None)
    with pytest.raises(BuildError, match="Install poppler-utils"):
        pdf_readback.pdftotext(tmp_path / "doc.pdf", "where")


def test_no_data_is_never_a_dotted_circle(tmp_path: Path) -> None:
    """U+25CC is what a shaper draws for a broken Bengali or Devanagari cluster: a reader
    would take a "no data" mark of that shape for a broken letter. The project's mark is the
    dash, in every language, and no authored or configured text uses the circle."""
    from lnob.doc import blocks as b
    from lnob.doc.text import num, pct
    from lnob.render.html import RenderState, render_blocks
    from tests.pipeline.test_identity import ROOT, localizer

    for lang in ("bn", "hi", "ne"):
        assert localizer(lang).num(pct(None)) == "—"
        table = b.Table("T", (b.Column("c", "C"), b.Column("v", "V", "integer")), ((num(1), None),))
        html = render_blocks([table], RenderState(localizer(lang), tmp_path, "t"))[0].text
        assert "—" in html and "\u25cc" not in html
    sources = [ROOT / name for name in ("src", "data", "locale", "briefs", "reports", "notebooks")]
    for folder in sources:
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix not in (".png", ".mo", ".xlsx", ".parquet"):
                text = path.read_bytes().decode("utf-8", errors="ignore")
                assert "\u25cc" not in text, f"{path}: a dotted circle (U+25CC)"
                assert "\\u25cc" not in text.lower(), f"{path}: a dotted circle, escaped"
    from lnob.render.html import HEATMAP_SYMBOLS

    assert "\u25cc" not in "".join(HEATMAP_SYMBOLS.values())  # the heatmap's marks too


@given(st.text(alphabet=st.sampled_from("ab Z9-.\u00ad\u200d\u202bিনরاو1\u0301 \n\t"), max_size=40))
def test_the_quick_cut_of_plain_words_is_the_character_by_character_cut(text: str) -> None:
    found: list[str] = []
    pdf_readback._split(
        unicodedata.normalize("NFC", text.translate(pdf_readback._INVISIBLE)), found
    )
    assert pdf_readback.words(text) == found
