"""Chart images go into the PDF as the chart module compressed them.

A PDF can hold a PNG's compressed pixel rows unchanged: its Flate filter with the PNG
predictor reads exactly what a PNG's IDAT chunks hold (PDF 32000-1, 7.4.4.4). WeasyPrint
nevertheless decodes every PNG and compresses it again before it takes those chunks from the
result. For the build's charts (8-bit RGB, not interlaced, see `render.charts`) that was 7%
of a research report's PDF time. `install` lets WeasyPrint take the chunks of the original
file instead; any other PNG (interlaced, 16-bit, with a palette or transparency) goes the
way WeasyPrint takes it. The pixels in the PDF are the same either way (tests/pipeline/
test_pdf_images.py); only the compressed bytes differ.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOUR_TYPES = {"L": 0, "RGB": 2}  # Pillow's mode -> the PNG colour type that stores it


def png_idat(data: bytes, mode: str) -> bytes | None:
    """The compressed rows of an 8-bit, non-interlaced PNG of this Pillow mode ("RGB" or
    "L"), or None when the file is anything else."""
    colour = _COLOUR_TYPES.get(mode)
    if colour is None or not data.startswith(PNG_SIGNATURE):
        return None
    chunks: list[bytes] = []
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            _w, _h, depth, colour_type, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, colour_type, interlace) != (8, colour, 0):
                return None
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length  # length, type, data, CRC
    return b"".join(chunks) or None


def _passing_through(original: Callable[[object], bytes]) -> Callable[[object], bytes]:
    def png_data(pillow_image: object) -> bytes:
        # WeasyPrint hands over a PNG it has just opened (not decoded) from the file's bytes
        source = getattr(pillow_image, "fp", None)
        if getattr(pillow_image, "format", None) == "PNG" and isinstance(source, io.BytesIO):
            idat = png_idat(source.getvalue(), getattr(pillow_image, "mode", ""))
            if idat is not None:
                return idat
        return original(pillow_image)

    png_data.passes_png_through = True  # type: ignore[attr-defined]
    return png_data


def install() -> bool:
    """Let WeasyPrint's `RasterImage` take PNG rows as they are; True once it does. A
    WeasyPrint without the method this replaces keeps its own way (and the test that checks
    the pinned version fails, so that an upgrade is looked at)."""
    from weasyprint.images import RasterImage

    current = getattr(RasterImage, "_get_png_data", None)
    if current is None:
        return False
    if not getattr(current, "passes_png_through", False):
        RasterImage._get_png_data = staticmethod(_passing_through(current))
    return True


__all__ = ["install", "png_idat"]
