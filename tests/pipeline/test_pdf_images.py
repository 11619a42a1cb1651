"""PNG images reach the PDF with the same pixels whether WeasyPrint takes the chart's own
compressed rows (`stages.pdf_images`) or compresses them again itself."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from lnob.render.charts import bar_chart_png
from lnob.stages import pdf_images
from lnob.stages.pdf_images import png_idat
from tests.pipeline.test_identity import page_pdf


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _gradient(mode: str, size: tuple[int, int]) -> Image.Image:
    w, h = size
    x = np.linspace(0, 255, w, dtype=np.uint8)[None, :].repeat(h, axis=0)
    y = np.linspace(0, 255, h, dtype=np.uint8)[:, None].repeat(w, axis=1)
    if mode == "L":
        return Image.fromarray(x, "L")
    rgba = np.dstack([x, y, 255 - x, (x // 2 + 100).astype(np.uint8)])
    image = Image.fromarray(rgba, "RGBA")
    return image if mode == "RGBA" else image.convert(mode)


def test_the_rows_of_an_8_bit_rgb_png_are_its_idat_chunks() -> None:
    data = _png(_gradient("RGB", (37, 11)))
    rows = zlib.decompress(png_idat(data, "RGB"))
    assert len(rows) == 11 * (1 + 37 * 3)  # a filter byte, then three bytes a pixel
    assert zlib.decompress(png_idat(_png(_gradient("L", (5, 3))), "L")) != b""


@pytest.mark.parametrize("mode", ["RGBA", "P", "I;16", "LA"])
def test_other_pngs_are_left_to_weasyprint(mode: str) -> None:
    image = (
        Image.fromarray(np.arange(12, dtype=np.uint16).reshape(3, 4) * 5000)
        if mode == "I;16"
        else _gradient(mode, (4, 3))
    )
    data = _png(image)
    assert png_idat(data, "RGB") is None and png_idat(data, "L") is None
    assert png_idat(_png(_gradient("RGB", (4, 3))), "L") is None  # the mode must match too
    assert png_idat(b"GIF89a", "RGB") is None


def test_the_pinned_weasyprint_takes_the_rows_as_they_are() -> None:
    from weasyprint.images import RasterImage

    assert pdf_images.install()
    assert getattr(RasterImage._get_png_data, "passes_png_through", False)
    assert pdf_images.install()  # a second time changes nothing


def test_every_kind_of_png_keeps_its_pixels_in_the_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "page"
    folder.mkdir()
    bar_chart_png(
        folder / "chart.png",
        categories=["Urban", "Rural"],
        series=[("", [0.4, 0.25], [0.35, 0.2], [0.45, 0.3])],
        value_labels=[["40%", "25%"]],
        axis_label="Per cent",
        percent=True,
        families=["Noto Sans"],
    )
    sources = {"chart.png": Image.open(folder / "chart.png")}
    for name, mode, size in [
        ("grey.png", "L", (61, 17)),
        ("palette.png", "P", (53, 19)),
        ("alpha.png", "RGBA", (47, 23)),
    ]:
        _gradient(mode, size).save(folder / name)
        sources[name] = Image.open(folder / name)
    body = "".join(
        f'<p><img src="{name}" alt="{name}" style="width: 40mm"></p>' for name in sources
    )
    pdf = page_pdf("en", folder, body)

    reader = PdfReader(pdf)
    found = {}
    for pdf_page in reader.pages:
        xobjects = pdf_page["/Resources"].get("/XObject", {})
        for key in xobjects:
            obj = xobjects[key].get_object()
            if obj.get("/Subtype") == "/Image":
                found[(obj["/Width"], obj["/Height"])] = obj
    for name, source in sources.items():
        obj = found[source.size]
        image = next(i.image for p in reader.pages for i in p.images if i.image.size == source.size)
        expected = source.convert("RGBA" if source.mode in ("RGBA", "P") else source.mode)
        if expected.mode == "RGBA":  # the alpha goes to a soft mask: compare the colours
            expected, image = expected.convert("RGB"), image.convert("RGB")
        assert np.array_equal(np.asarray(image), np.asarray(expected)), name
        if name in ("chart.png", "grey.png"):  # the file's own rows, unchanged
            raw = (folder / name).read_bytes()
            assert obj._data == png_idat(raw, source.mode), name
