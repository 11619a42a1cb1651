"""Charts drawn with matplotlib: explicit fonts per script, a colour-blind-safe palette.

PNG output is deterministic (no timestamps or software tag), opaque RGB on white (a PDF
then holds one image per chart, no separate alpha mask), and every character drawn is
checked against the named fonts, so a chart never shows a box for a letter.

Each chart is drawn once, after one measurement of its axes that sets the margins
`Figure.tight_layout` would set (every label inside the picture). Labels are measured and
laid out once per process (`chart_text`: charts repeat their group names and tick numbers).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import numpy as np
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox
from PIL import Image

from lnob.render.chart_text import ChartCanvas

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies. The default;
# documents use the chart palette of data/identity.yaml.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "++")
WIDTH_IN = 6.2
DPI = 225  # 204 ppi at the width a chart prints (6.84 in): "at least 200 ppi" (issue 20)
FONT_PT = 9
# the height of a line of bars: a chart of the total and 11 categories of 4 groups takes under
# half a page, so it fits after the text before it (no page left mostly white), and a 9 pt
# label has twice its height
ROW_IN = 0.28
HEADER_LINE = 0.6  # a group's name: its line, as a share of a line of bars
TIGHT_PAD = 1.08  # space round the labels, in font sizes: tight_layout's default
# zlib level of the PNG: measured on the 21 charts of three research reports, level 3
# encodes in ~2/3 of level 6's time for files ~4% larger (level 9 takes 3.5 times as long)
PNG_LEVEL = 3


def bar_chart_png(
    path: Path,
    *,
    categories: list[str],
    series: list[tuple[str, list[float | None], list[float | None], list[float | None]]],
    value_labels: list[list[str]],
    axis_label: str,
    percent: bool,
    families: list[str],
    rtl: bool = False,
    tick_format: Callable[[float], str] | None = None,
    palette: Sequence[str] = PALETTE,
    headers: Sequence[tuple[int, str]] = (),
) -> None:
    """Horizontal grouped bars with 95% intervals where given; labels already localised.

    `headers` are (index, group name): the name is set in bold on a line of its own above the
    category at that index, so each category reads under its group ("Sex", then "Female").
    Shares are drawn on the whole 0-100% scale, so no two charts of a document differ only
    in scale. `tick_format` writes the value axis's numbers as the text does (native digits,
    grouping). Right to left, the bars grow from the right and the labels sit at their left
    ends.
    """
    n_cat, n_ser = len(categories), len(series)
    starts = dict(headers)
    lines: list[tuple[str, bool]] = []  # (label, is a group's name), top to bottom
    at: list[float] = []  # the middle of each line on the axis, in lines of bars
    row_of: list[float] = []  # the middle of each category's line
    depth = 0.0  # the top of the next line, in lines of bars
    for c, label in enumerate(categories):
        if c in starts:  # a group's name takes a shorter line than a bar
            lines.append((starts[c], True))
            at.append(depth + HEADER_LINE / 2)
            depth += HEADER_LINE
        row_of.append(depth + 0.5)
        lines.append((label, False))
        at.append(depth + 0.5)
        depth += 1
    height = 0.8 / max(n_ser, 1)
    fig_h = 0.8 + ROW_IN * depth * max(1, n_ser * 0.8)
    # text.parse_math off: labels are data, and "US$2 to US$5" is no TeX formula
    with rc_context(
        {
            "font.family": families,
            "font.size": FONT_PT,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.fonttype": "path",
            "text.parse_math": False,
        }
    ):
        fig = Figure(figsize=(WIDTH_IN, fig_h), dpi=DPI, facecolor="white")
        canvas = ChartCanvas(fig)
        ax = fig.subplots()
        maxv = 0.0
        for s_i, (_name, values, lows, highs) in enumerate(series):
            ys = [row_of[c] + (n_ser - 1 - s_i) * height - 0.4 + height / 2 for c in range(n_cat)]
            vals = [v if v is not None else 0.0 for v in values]
            scale = 100.0 if percent else 1.0
            xerr = None
            if lows and highs:
                lo = [
                    max(0.0, (v - lo_) * scale) if (lo_ is not None and v is not None) else 0.0
                    for v, lo_ in zip(values, lows, strict=True)
                ]
                hi = [
                    max(0.0, (hi_ - v) * scale) if (hi_ is not None and v is not None) else 0.0
                    for v, hi_ in zip(values, highs, strict=True)
                ]
                xerr = [lo, hi]
                maxv = max([maxv] + [(h or 0) * scale for h in highs if h is not None])
            ax.barh(
                ys,
                [v * scale for v in vals],
                height=height * 0.92,
                color=palette[s_i % len(palette)],
                hatch=HATCHES[s_i % len(HATCHES)],
                edgecolor="white",
                linewidth=0.5,
                xerr=xerr,
                error_kw={"ecolor": "#333333", "elinewidth": 0.8, "capsize": 2},
                label=_name or None,
            )
            maxv = max([maxv] + [v * scale for v in vals])
            ends = [
                max(v or 0.0, h or 0.0)
                for v, h in zip(values, highs or [None] * len(values), strict=True)
            ]
            for y, v, end, lab in zip(ys, values, ends, value_labels[s_i], strict=True):
                if v is None and lab:  # a withheld figure says so where its bar would be
                    ax.text(
                        0,
                        y,
                        lab + "  " if rtl else "  " + lab,
                        va="center",
                        ha="right" if rtl else "left",
                        fontsize=7.5,
                        fontstyle="italic",
                        color="#555555",
                    )
                if v is not None:  # the label sits beyond the interval's whisker
                    ax.text(
                        end * scale,
                        y,
                        lab + "  " if rtl else "  " + lab,
                        va="center",
                        ha="right" if rtl else "left",
                        fontsize=7.5,
                        color="#222222",
                    )
        ax.set_yticks(at)
        ax.set_yticklabels([label for label, _header in lines])
        for tick, (_label, header) in zip(ax.get_yticklabels(), lines, strict=True):
            if header:
                tick.set_fontweight("bold")
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(depth + 0.1, -0.1)  # top to bottom: the first category at the top
        ax.set_xlim(0, 100 if percent and maxv <= 100 else (maxv or 1) * 1.18)
        ax.set_xlabel(axis_label)
        if tick_format is not None:  # matplotlib asks for each tick's text a dozen times
            tick_text = cache(tick_format)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: tick_text(v)))
        if rtl:
            ax.invert_xaxis()
            ax.yaxis.tick_right()
            ax.spines["left"].set_visible(False)
            ax.spines["right"].set_visible(True)
        if n_ser > 1:
            ax.legend(frameon=False, fontsize=8, loc="lower right")
        fit_labels(fig, ax, canvas.get_renderer())
        canvas.draw()
        # the figure is opaque white under everything drawn: dropping alpha loses nothing
        image = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="png", dpi=(DPI, DPI), compress_level=PNG_LEVEL)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def fit_labels(fig: Figure, ax: Axes, renderer: RendererBase) -> None:
    """Set the margins so every label, tick and value text lies inside the figure.

    The arithmetic of `Figure.tight_layout` for one axes (same padding, same margins), with
    the axes measured once where tight_layout measures twice and leaves a layout engine on
    the figure that makes `savefig` lay it out again before drawing. Then the value labels,
    which sit at data positions and so move when the axes shrink, are checked: one pushed
    past the padding by a long group label (which tight_layout left cut off) makes the
    axes measured again. When the labels leave no room for the bars, the axes keep
    matplotlib's default place, as tight_layout does.
    """
    pad_px = TIGHT_PAD * FONT_PT / 72 * fig.dpi
    for _ in range(4):  # the axes reach 18% past the longest bar: a pass leaves ~1/6 over
        if not _fit_once(fig, ax, renderer):
            return
        if not any(
            _sticks_out(t.get_window_extent(renderer), fig, pad_px - 1)
            for t in ax.texts
            if t.get_visible() and t.get_text()
        ):
            return


def _fit_once(fig: Figure, ax: Axes, renderer: RendererBase) -> bool:
    spec, drawn = ax.get_subplotspec(), ax.get_tightbbox(renderer, for_layout_only=True)
    if spec is None or drawn is None:  # an axes placed by hand, or nothing drawn: leave it
        return False
    box = spec.get_position(fig)  # where the axes sit now
    ink = fig.transFigure.inverted().transform_bbox(drawn)
    width, height = fig.get_size_inches()
    pad = TIGHT_PAD * FONT_PT / 72
    left = max(box.xmin - ink.xmin, 0) + pad / width
    right = max(ink.xmax - box.xmax, 0) + pad / width
    top = max(ink.ymax - box.ymax, 0) + pad / height
    bottom = max(box.ymin - ink.ymin, 0) + pad / height
    if left + right >= 1 or bottom + top >= 1:
        return False
    fig.subplots_adjust(left=left, right=1 - right, bottom=bottom, top=1 - top)
    return True


def _sticks_out(extent: Bbox, fig: Figure, inset: float) -> bool:
    """Whether `extent` (pixels) reaches closer than `inset` to an edge of the figure."""
    return (
        extent.x0 < inset
        or extent.y0 < inset
        or extent.x1 > fig.bbox.width - inset
        or extent.y1 > fig.bbox.height - inset
    )
