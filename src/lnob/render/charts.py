"""Charts drawn with matplotlib: explicit fonts per script, a colour-blind-safe palette.

PNG output is deterministic (no timestamps or software tag), and every character
drawn is checked against the named fonts, so a chart never shows a box for a letter.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from lnob.errors import BuildError  # noqa: E402

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies. The default;
# documents use the chart palette of data/identity.yaml.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "++")


def bar_chart_png(path: Path, *, categories: list[str], series: list[tuple[str, list[float | None],
                  list[float | None], list[float | None]]], value_labels: list[list[str]],
                  axis_label: str, percent: bool, families: list[str], rtl: bool = False,
                  tick_format: Callable[[float], str] | None = None,
                  palette: Sequence[str] = PALETTE) -> None:
    """Horizontal grouped bars with 95% intervals where given; labels already localised.

    `tick_format` writes the value axis's numbers as the text does (native digits, grouping).
    Right to left, the bars grow from the right and the labels sit at their left ends.
    """
    n_cat, n_ser = len(categories), len(series)
    height = 0.8 / max(n_ser, 1)
    fig_h = 0.9 + 0.42 * n_cat * max(1, n_ser * 0.8)
    with plt.rc_context({"font.family": families, "font.size": 9, "axes.spines.top": False,
                         "axes.spines.right": False, "svg.fonttype": "path"}):
        fig, ax = plt.subplots(figsize=(6.2, fig_h), dpi=150)
        maxv = 0.0
        for s_i, (_name, values, lows, highs) in enumerate(series):
            ys = [c + (n_ser - 1 - s_i) * height - 0.4 + height / 2 for c in range(n_cat)]
            vals = [v if v is not None else 0.0 for v in values]
            scale = 100.0 if percent else 1.0
            xerr = None
            if lows and highs:
                lo = [max(0.0, (v - lo_) * scale) if (lo_ is not None and v is not None) else 0.0
                      for v, lo_ in zip(values, lows, strict=True)]
                hi = [max(0.0, (hi_ - v) * scale) if (hi_ is not None and v is not None) else 0.0
                      for v, hi_ in zip(values, highs, strict=True)]
                xerr = [lo, hi]
                maxv = max([maxv] + [(h or 0) * scale for h in highs if h is not None])
            ax.barh(ys, [v * scale for v in vals], height=height * 0.92,
                    color=palette[s_i % len(palette)], hatch=HATCHES[s_i % len(HATCHES)],
                    edgecolor="white", linewidth=0.5, xerr=xerr,
                    error_kw={"ecolor": "#333333", "elinewidth": 0.8, "capsize": 2},
                    label=_name or None)
            maxv = max([maxv] + [v * scale for v in vals])
            ends = [max(v or 0.0, h or 0.0) for v, h in
                    zip(values, highs or [None] * len(values), strict=True)]
            for y, v, end, lab in zip(ys, values, ends, value_labels[s_i], strict=True):
                if v is not None:  # the label sits beyond the interval's whisker
                    ax.text(end * scale, y, lab + "  " if rtl else "  " + lab, va="center",
                            ha="right" if rtl else "left", fontsize=7.5, color="#222222")
        ax.set_yticks(range(n_cat))
        ax.set_yticklabels(categories)
        ax.invert_yaxis()
        ax.set_xlim(0, (maxv or 1) * 1.18)
        ax.set_xlabel(axis_label)
        if tick_format is not None:
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: tick_format(v)))
        if rtl:
            ax.invert_xaxis()
            ax.yaxis.tick_right()
            ax.spines["left"].set_visible(False)
            ax.spines["right"].set_visible(True)
        if n_ser > 1:
            ax.legend(frameon=False, fontsize=8, loc="lower right")
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        plt.close(fig)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def check_chart_text(texts: list[str], families: list[str], where: str) -> None:
    """Fail when a chart label has a character none of the chart fonts can draw."""
    from lnob.i18n import missing_glyphs

    missing = sorted({ch for t in texts for ch in missing_glyphs(t, families)})
    if missing:
        chars = ", ".join(f"U+{ord(c):04X} '{c}'" for c in missing)
        raise BuildError(f"{where}: chart text has characters no chart font can draw: {chars} "
                         f"(fonts: {', '.join(families)}). Install a font that covers them and "
                         f"name it for the language in data/languages.yaml")
