"""Chart pictures as readers get them: opaque RGB on white (a PDF holds one image per chart,
no alpha mask), every label inside the picture left to right and right to left, the same
bytes from the same input, and the margins of matplotlib's tight_layout, measured once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from pypdf import PdfReader

from lnob.render import charts
from lnob.stages.pdf import write_pdf

# longer than any group label the products write so far ("Location (urban/rural and
# sub-national): Urban"): at 9 pt it needs more than half of the chart's width
LONG = "Location (urban/rural and sub-national): a group whose name runs on and on"
URDU_LONG = "مقام (شہری/دیہی اور ذیلی قومی): ایک گروہ جس کا نام بہت لمبا ہے اور چلتا رہتا ہے"
FONTS = {"en": ["Noto Sans"], "ur": ["Noto Naskh Arabic", "Noto Sans"]}
PAD_PX = charts.TIGHT_PAD * charts.FONT_PT / 72 * charts.DPI  # 20 px of white round the ink


def draw(path: Path, categories: list[str], *, lang: str = "en", rtl: bool = False) -> Image.Image:
    """A two-series chart whose widest value label ends past the last tick (100.0%)."""
    n = len(categories)
    values, lows = [0.62] + [0.35] * (n - 1), [0.5] + [0.2] * (n - 1)
    highs = [1.0] + [0.5] * (n - 1)
    charts.bar_chart_png(
        path,
        categories=categories,
        series=[("Women", values, lows, highs), ("Men", [0.4] * n, [], [])],
        value_labels=[["62.0%"] + ["35.0%"] * (n - 1), ["40.0%"] * n],
        axis_label="Per cent",
        percent=True,
        families=FONTS[lang],
        rtl=rtl,
    )
    return Image.open(path)


def ink_columns(image: Image.Image) -> np.ndarray:
    """Indices of the columns with anything darker than mid grey (text, bars, axis lines)."""
    grey = np.asarray(image.convert("L"))
    return np.flatnonzero((grey < 128).any(axis=0))


def axis_column(image: Image.Image) -> int:
    """The column of the category axis line: the one with most near-black pixels (bars are
    coloured, whiskers and labels short)."""
    return int((np.asarray(image.convert("L")) < 60).sum(axis=0).argmax())


def test_png_is_opaque_rgb_on_white_and_the_same_bytes_each_time(tmp_path: Path) -> None:
    image = draw(tmp_path / "a.png", ["Total", "Rural", "Urban"])
    assert image.mode == "RGB"  # no alpha channel for the PDF stage to split off
    pixels = np.asarray(image)
    edge = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    assert (edge == 255).all(), "the background is white and nothing is drawn on the edge"
    assert image.size == (round(charts.WIDTH_IN * charts.DPI), image.size[1])
    draw(tmp_path / "b.png", ["Total", "Rural", "Urban"])
    data = (tmp_path / "a.png").read_bytes()
    assert data == (tmp_path / "b.png").read_bytes()
    assert not any(chunk in data for chunk in (b"tIME", b"tEXt", b"iTXt", b"zTXt"))


@pytest.mark.parametrize(
    ("lang", "rtl", "label"), [("en", False, LONG), ("en", True, LONG), ("ur", True, URDU_LONG)]
)
def test_a_long_group_label_stays_inside_the_picture(
    tmp_path: Path, lang: str, rtl: bool, label: str
) -> None:
    image = draw(tmp_path / "long.png", [label, "Total"], lang=lang, rtl=rtl)
    short = draw(tmp_path / "short.png", ["A", "Total"], lang=lang, rtl=rtl)
    cols, width = ink_columns(image), image.size[0]
    # nothing is cut off: a white margin of about the padding on both sides; with the axes
    # where matplotlib puts them by default, the label would run off the picture's edge
    assert cols.min() >= PAD_PX - 2 and cols.max() <= width - 1 - (PAD_PX - 2), (
        cols.min(),
        cols.max(),
    )
    # the axis line (the longest dark column) moved over to make room for the label
    shift = axis_column(image) - axis_column(short)
    assert (shift < -200) if rtl else (shift > 200), shift


def tight_layout_twin(
    value_label: bool,
) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, float]]:
    """Margins of the same figure laid out by `fit_labels` and by `Figure.tight_layout`, and
    how far past the picture's right edge each left the value label (pixels)."""

    def figure() -> Figure:
        fig = Figure(figsize=(charts.WIDTH_IN, 2.5), dpi=charts.DPI)
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        ax.barh([0, 1], [40, 90])
        ax.set_yticks([0, 1], [LONG, "Total"])
        ax.set_xlim(0, 106)
        ax.set_xlabel("Per cent")
        if value_label:  # at the bar's end: fits at matplotlib's default axes width
            ax.text(90, 1, "  90.0%", va="center")
        return fig

    def margins(fig: Figure) -> tuple[float, ...]:
        return tuple(getattr(fig.subplotpars, k) for k in ("left", "right", "bottom", "top"))

    with rc_context({"font.family": ["Noto Sans"], "font.size": charts.FONT_PT}):
        ours, theirs = figure(), figure()
        charts.fit_labels(ours, ours.axes[0], ours.canvas.get_renderer())
        theirs.tight_layout()
        past = tuple(
            max(
                (
                    t.get_window_extent(f.canvas.get_renderer()).x1 - f.bbox.width
                    for t in f.axes[0].texts
                ),
                default=0.0,
            )
            for f in (ours, theirs)
        )
    return margins(ours), margins(theirs), past


def test_margins_are_those_tight_layout_sets() -> None:
    ours, theirs, _ = tight_layout_twin(value_label=False)
    assert ours == pytest.approx(theirs, abs=1e-9)
    assert ours[0] > 0.5  # the long label did move the axes


def test_a_value_label_moved_out_by_a_long_label_is_brought_back() -> None:
    ours, theirs, (our_past, their_past) = tight_layout_twin(value_label=True)
    assert their_past > 0, "tight_layout measures once, before the axes shrink: label cut"
    assert our_past <= -(PAD_PX - 1)  # inside, with the padding
    assert ours[1] < theirs[1] - 0.01  # by a wider right margin
    assert ours[0] == pytest.approx(theirs[0], abs=1e-9)


def test_a_chart_is_one_image_without_a_mask_in_the_pdf(tmp_path: Path) -> None:
    draw(tmp_path / "fig.png", ["Total", "Rural"])
    html = tmp_path / "index.html"
    html.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>c</title></head><body>'
        '<img src="fig.png" alt="Bar chart" style="width: 100%"></body></html>',
        encoding="utf-8",
    )
    write_pdf(html, tmp_path / "c.pdf", fonts=FONTS["en"], where="chart test")
    resources = PdfReader(tmp_path / "c.pdf").pages[0]["/Resources"]["/XObject"]
    images = [x.get_object() for x in resources.values()]
    assert [x["/Subtype"] for x in images] == ["/Image"]
    assert "/SMask" not in images[0] and images[0]["/ColorSpace"] == "/DeviceRGB"


def test_dollar_signs_in_a_label_are_text_not_a_formula(tmp_path: Path) -> None:
    # matplotlib reads "$...$" as TeX: "US$5 to US$10" became "US5toUS10" in italics, its
    # spaces gone; drawn as text it is as wide as the same label with S for each $
    dollars = draw(tmp_path / "d.png", ["Income US$5 to US$10 a day", "Total"])
    esses = draw(tmp_path / "s.png", ["Income USS5 to USS10 a day", "Total"])
    assert abs(axis_column(dollars) - axis_column(esses)) <= 4


def test_a_withheld_group_is_marked_in_the_graphic(tmp_path: Path) -> None:
    """A group withheld by disclosure control keeps its row, and the row says why
    ("withheld: too few respondents") where the bar would be, instead of standing empty."""

    def withheld_row_ink(label: str, name: str) -> int:
        path = tmp_path / name
        charts.bar_chart_png(
            path,
            categories=["Dalit", "Others"],
            series=[("Share", [None, 0.4], [None, 0.3], [None, 0.5])],
            value_labels=[[label, "40.0%"]],
            axis_label="Per cent",
            percent=True,
            families=FONTS["en"],
        )
        image = Image.open(path)
        grey = np.asarray(image.convert("L"))
        axis = axis_column(image)
        top = grey[: int(grey.shape[0] * 0.35), axis + 8 :]  # the first category's row
        return int((top < 128).sum())

    assert withheld_row_ink("", "empty.png") == 0  # what an unmarked withheld row looked like
    assert withheld_row_ink("withheld: too few respondents", "marked.png") > 50


def _bar_length(path: Path) -> int:
    """The pixels of the first bar's colour on its row (the palette's first blue)."""
    rgb = np.asarray(Image.open(path).convert("RGB")).astype(int)
    blue = (abs(rgb[..., 0] - 0x00) < 30) & (abs(rgb[..., 1] - 0x72) < 30) & (rgb[..., 2] > 150)
    return int(blue.sum(axis=1).max())


def test_shares_are_drawn_on_the_whole_0_to_100_scale(tmp_path: Path) -> None:
    """Two charts whose longest shares are 50% and 25%: on one scale the second's bar is half
    the first's (scaled to its own maximum, both would fill the axes alike)."""

    def draw(name: str, share: float) -> Path:
        path = tmp_path / name
        charts.bar_chart_png(
            path,
            categories=["Total"],
            series=[("Share", [share], [share], [share])],
            value_labels=[["x"]],
            axis_label="Per cent",
            percent=True,
            families=FONTS["en"],
        )
        return path

    half, quarter = _bar_length(draw("half.png", 0.5)), _bar_length(draw("quarter.png", 0.25))
    assert quarter == pytest.approx(half / 2, abs=3)


def test_each_group_name_stands_on_a_line_of_its_own_above_its_categories(tmp_path: Path) -> None:
    """`headers` add a line per group, in bold, with no bar: the chart grows by one row per
    group, and the categories are drawn without the group's name beside them."""

    def draw(name: str, headers: list[tuple[int, str]]) -> Image.Image:
        path = tmp_path / name
        charts.bar_chart_png(
            path,
            categories=["Total", "Female", "Male"],
            series=[("Share", [0.4, 0.5, 0.3], [0.3, 0.4, 0.2], [0.5, 0.6, 0.4])],
            value_labels=[["40%", "50%", "30%"]],
            axis_label="Per cent",
            percent=True,
            families=FONTS["en"],
            headers=headers,
        )
        return Image.open(path)

    plain, grouped = draw("plain.png", []), draw("grouped.png", [(1, "Sex")])
    assert grouped.height > plain.height  # one more line
    rgb = np.asarray(grouped.convert("RGB")).astype(int)
    blue = (rgb[..., 2] > 150) & (rgb[..., 0] < 40)
    rows_with_bars = np.flatnonzero(blue.sum(axis=1) > 20)
    runs = np.split(rows_with_bars, np.flatnonzero(np.diff(rows_with_bars) > 1) + 1)
    assert len(runs) == 3  # three bars; the group's line has none
    gaps = [b[0] - a[-1] for a, b in zip(runs, runs[1:], strict=False)]
    assert gaps[0] > 1.5 * gaps[1]  # the line with the group's name lies between Total and Female
