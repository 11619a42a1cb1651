"""The PDF's text layer says what the page shows: `/ActualText` where glyphs are not letters.

WeasyPrint 70 tells a reader of the PDF which characters a glyph stands for through one map
per font (`ToUnicode`), filled the first time it draws each glyph. That is right for most Latin
text and wrong wherever a glyph cluster is not one glyph per character in reading order: a
Bengali or Devanagari vowel sign drawn before its consonant (নি is drawn ি then ন), a conjunct
made of several glyphs or one, an Arabic ligature, or a glyph met first in another word (an
`fi` ligature first seen as `ﬁ`). `pdftotext`, copy and paste and screen readers then get
"নারিীরিা" for "নারীরা".

`install` lets WeasyPrint draw such a line here instead. Each cluster whose glyphs, read
through the font's map, do not give back its characters is drawn inside a marked-content
sequence `/Span <</ActualText <FEFF…>>> BDC … EMC` (PDF 32000-1, 14.9.4) holding its
characters; neighbouring clusters of one run share one sequence. The sequence sits inside the
text object and inside the `/Span <</MCID n>>` sequence WeasyPrint tags the text box with, so
the structure tree (PDF/UA-1) is unchanged. A line whose clusters all read back, a line cut
with an ellipsis and a line in a colour or bitmap font go WeasyPrint's own way, byte for byte.
The glyphs, their positions and the fonts' maps are the ones WeasyPrint would write: the page
looks the same (tests/pipeline/test_pdf_text.py compares the pixels).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_MARK = "writes_actual_text"


class _DrawnByWeasyPrint(Exception):
    """A run this module leaves to WeasyPrint (a missing glyph, which it draws and reports)."""


@dataclass(frozen=True)
class Segment:
    """Glyphs `start`..`stop` (indexes in the run) and, when they need one, their ActualText."""

    start: int
    stop: int
    actual_text: str | None


def _glyph_text(font: Any, glyph_item: Any, i: int, utf8: bytes) -> str:
    """The characters WeasyPrint maps glyph `i` of the run to (the same computation as
    `weasyprint.draw.text.draw_first_line`), entered in the font's map if it is not there."""
    glyph_id = glyph_item.glyphs.glyphs[i].glyph
    known = font.to_unicode.get(glyph_id)
    if known is not None:
        return known
    clusters = glyph_item.glyphs.log_clusters
    num_glyphs = glyph_item.glyphs.num_glyphs
    offset, length = glyph_item.item.offset, glyph_item.item.length
    t1 = clusters[i]
    if glyph_item.item.analysis.level % 2:  # right to left
        t2 = length if i == 0 else clusters[i - 1]
    else:
        t2 = length if i == num_glyphs - 1 else clusters[i + 1]
    text = font.to_unicode[glyph_id] = utf8[offset + t1 : offset + t2].decode()
    return text


@dataclass(frozen=True)
class _Cluster:
    start: int  # first glyph
    stop: int  # after the last glyph
    text: str  # its characters, in the order the glyphs are drawn
    plain: bool  # its glyphs read back as its characters


def _clusters(font: Any, glyph_item: Any, utf8: bytes) -> list[_Cluster]:
    from weasyprint.text.ffi import pango

    glyphs = glyph_item.glyphs
    num_glyphs = glyphs.num_glyphs
    clusters = glyphs.log_clusters
    offset, length = glyph_item.item.offset, glyph_item.item.length
    rtl = bool(glyph_item.item.analysis.level % 2)
    starts = sorted({clusters[i] for i in range(num_glyphs)})
    ends = dict(zip(starts, [*starts[1:], length], strict=True))
    found: list[_Cluster] = []
    i = 0
    while i < num_glyphs:
        cluster = clusters[i]
        j = i
        read: list[str] = []
        placed = True  # drawn where a reader expects the next letter of a word
        while j < num_glyphs and clusters[j] == cluster:
            info = glyphs.glyphs[j]
            if info.glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                raise _DrawnByWeasyPrint
            if info.glyph != pango.PANGO_GLYPH_EMPTY:
                read.append(_glyph_text(font, glyph_item, j, utf8))
                geometry = info.geometry
                placed = placed and geometry.width > 0 and not geometry.x_offset
                placed = placed and not geometry.y_offset
            j += 1
        text = utf8[offset + cluster : offset + ends[cluster]].decode()
        # One glyph for one character, or for several left to right (a Latin ligature whose
        # map says its letters), that moves the pen on; nothing drawn (a joiner) needs nothing
        # either. A glyph of no width or moved off the pen (a virama, a vowel sign or mark put
        # on its base) would break its word in two for pdftotext, even where its map is right.
        plain = not read or (read == [text] and placed and (not rtl or len(text) == 1))
        # pdftotext reads the characters of one glyph, or of one ActualText, in a right-to-left
        # run in the order the glyphs are drawn (it does the same with a ligature's map), so
        # they are given in that order: reversed.
        found.append(_Cluster(i, j, text[::-1] if rtl else text, plain))
        i = j
    return found


def _one_glyph_a_letter(font: Any, glyph_item: Any, utf8: bytes) -> bool:
    """The common run, seen without walking its glyphs one by one: as many glyphs as
    characters, in reading order, each moving the pen on with nothing offset, and each in the
    font's map as its own character. Such a run reads back (`_clusters` would find every
    cluster plain); any other goes the long way. Most Latin lines, and a fifth of the PDF
    stage's text drawing time they cost, stop here."""
    from weasyprint.text.ffi import ffi

    glyphs = glyph_item.glyphs
    count = glyphs.num_glyphs
    offset, length = glyph_item.item.offset, glyph_item.item.length
    chars = utf8[offset : offset + length].decode()
    if count != len(chars) or not count:
        return False
    clusters = ffi.unpack(glyphs.log_clusters, count)
    if glyph_item.item.analysis.level % 2:  # right to left: glyphs in drawing order
        clusters.reverse()
    if clusters != sorted(set(clusters)):  # not strictly increasing
        return False
    info = ffi.buffer(glyphs.glyphs, count * ffi.sizeof("PangoGlyphInfo"))
    fields = memoryview(info).cast("i")  # glyph, width, x offset, y offset, attributes
    if min(fields[1::5]) <= 0 or any(fields[2::5]) or any(fields[3::5]):
        return False
    ids = memoryview(info).cast("I")[0::5]
    if glyph_item.item.analysis.level % 2:
        ids = ids[::-1]
    to_unicode = font.to_unicode
    return all(to_unicode.get(glyph) == char for glyph, char in zip(ids, chars, strict=True))


def run_segments(font: Any, glyph_item: Any, utf8: bytes) -> list[Segment] | None:
    """The run's glyphs cut into segments that read back as they are and words that need an
    ActualText; None when every cluster reads back. A word (clusters between spaces) with one
    cluster that does not read back gets one ActualText for all of it: a reader then takes it
    as one word, where a glyph of it read on its own would break the word in two. A run with
    a missing glyph raises `_DrawnByWeasyPrint`: WeasyPrint draws it and reports the glyph."""
    if _one_glyph_a_letter(font, glyph_item, utf8):
        return None
    clusters = _clusters(font, glyph_item, utf8)
    if all(c.plain for c in clusters):
        return None
    segments: list[Segment] = []
    word: list[_Cluster] = []

    def end_word() -> None:
        if word:
            text = None if all(c.plain for c in word) else "".join(c.text for c in word)
            segments.append(Segment(word[0].start, word[-1].stop, text))
            word.clear()

    for cluster in clusters:
        if cluster.text.isspace():
            end_word()
            segments.append(Segment(cluster.start, cluster.stop, None))
        else:
            word.append(cluster)
    end_word()
    merged: list[Segment] = []
    for segment in segments:  # neighbouring glyphs that read back go in one TJ
        if merged and segment.actual_text is None and merged[-1].actual_text is None:
            merged[-1] = Segment(merged[-1].start, segment.stop, None)
        else:
            merged.append(segment)
    return merged


def _close(string: str) -> str:
    return string[:-1] if string.endswith("<") else string + ">"


def _draw_line(stream: Any, textbox: Any, runs: list[tuple[Any, Any, list[Segment]]], matrix: Any):
    """The line as WeasyPrint draws it, with each segment that needs one in its ActualText."""
    import pydyf
    from weasyprint.text.ffi import FROM_UNITS, pango

    stream.set_text_matrix(*matrix.values)
    previous_pango_font = None
    font_size = 1.0
    string = ""
    for glyph_item, font, segments in runs:
        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style["font_size"]
            if string:
                stream.show_text(string)
            string = ""
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
        string += "<"
        glyphs_info = glyph_item.glyphs.glyphs
        for segment in segments:
            if segment.actual_text is not None:
                string = _close(string)
                if string:
                    stream.show_text(string)
                properties = pydyf.Dictionary({"ActualText": pydyf.String(segment.actual_text)})
                stream.begin_marked_content("Span", properties)
                string = "<"
            for i in range(segment.start, segment.stop):
                info = glyphs_info[i]
                glyph_id, width = info.glyph, info.geometry.width
                if glyph_id == pango.PANGO_GLYPH_EMPTY:
                    string += f">{-width / font_size}<"
                    continue
                hex_id = f"{glyph_id:02x}" if font.bitmap else f"{glyph_id:04x}"
                offset = info.geometry.x_offset / font_size
                rise = info.geometry.y_offset / 1000
                if rise:
                    string = _close(string)
                    if string:
                        stream.show_text(string)
                    stream.set_text_rise(-rise)
                    stream.show_text((f"{-offset}" if offset else "") + f"<{hex_id}>")
                    stream.set_text_rise(0)
                    string = "<"
                else:
                    if offset:
                        string += f">{-offset}<"
                    string += hex_id
                if glyph_id in font.widths:
                    logical_width = font.widths[glyph_id]
                else:
                    pango.pango_font_get_glyph_extents(
                        pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                    )
                    logical_width = font.widths[glyph_id] = round(
                        stream.logical_rect.width * 1000 * FROM_UNITS / font_size
                    )
                kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
                if kerning:
                    string += f">{int(kerning)}<"
            if segment.actual_text is not None:
                string = _close(string)
                if string:
                    stream.show_text(string)
                stream.end_marked_content()
                string = "<"
        string = _close(string)
    if string:
        stream.show_text(string)


def _with_actual_text(original: Callable[..., list]) -> Callable[..., list]:
    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):  # noqa: ANN001
        from weasyprint.text.ffi import ffi, pango

        if (
            text_overflow == "ellipsis"
            or block_ellipsis != "none"
            or not textbox.text.strip()
            or textbox.style["font_size"] < 1e-6
        ):
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        layout = textbox.pango_layout
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        first_line, _index = layout.get_first_line()
        utf8 = layout.text.encode()
        runs, needed = [], False
        run = first_line.runs[0]
        while run != ffi.NULL:
            glyph_item = run.data
            run = run.next
            font, _size = stream.add_font(glyph_item.item.analysis.font)
            if font.svg or font.png or font.colr:  # emoji: WeasyPrint draws those pictures
                return original(stream, textbox, text_overflow, block_ellipsis, matrix)
            try:
                segments = run_segments(font, glyph_item, utf8)
            except _DrawnByWeasyPrint:
                return original(stream, textbox, text_overflow, block_ellipsis, matrix)
            needed = needed or segments is not None
            runs.append(
                (glyph_item, font, segments or [Segment(0, glyph_item.glyphs.num_glyphs, None)])
            )
        if not needed:
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        _draw_line(stream, textbox, runs, matrix)
        return []

    setattr(draw_first_line, _MARK, True)
    draw_first_line.__wrapped__ = original  # type: ignore[attr-defined]
    return draw_first_line


def install() -> bool:
    """Let WeasyPrint draw with ActualText where it is needed; True once it does. A WeasyPrint
    without the function this wraps keeps its own way (and the test that checks the pinned
    version fails, so that an upgrade is looked at)."""
    from weasyprint.draw import text

    current = getattr(text, "draw_first_line", None)
    if current is None:
        return False
    if not getattr(current, _MARK, False):
        text.draw_first_line = _with_actual_text(current)
    return True


__all__ = ["Segment", "install", "run_segments"]
