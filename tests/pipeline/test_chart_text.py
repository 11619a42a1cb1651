"""The chart renderer that remembers text per process (lnob.render.chart_text) gives what
matplotlib's own Agg renderer gives: the same text extents, the same line metrics, the same
chart bytes and glyph pictures, in Latin, Bengali and Urdu script, the first time and from
its caches."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from lnob.render import chart_text, charts
from tests.pipeline.test_charts import LONG, URDU_LONG

FONTS = {
    "en": ["Noto Sans"],
    "bn": ["Noto Sans Bengali", "Noto Sans"],
    "ur": ["Noto Naskh Arabic", "Noto Sans"],
}
WORDS = {
    "en": [LONG, "Total", "Sex: Female"],
    "bn": ["অবস্থান (শহর/গ্রাম): শহর", "মোট", "লিঙ্গ: নারী"],
    "ur": [URDU_LONG, "کل", "جنس: خواتین"],
}
VALUES = {"en": "62.0%", "bn": "৬২.০%", "ur": "۶۲.۰٪"}


def chart_bytes(path: Path, lang: str) -> bytes:
    """A two-series chart with intervals, value labels, a legend and tick numbers."""
    n = len(WORDS[lang])
    charts.bar_chart_png(
        path,
        categories=WORDS[lang],
        series=[
            ("Women", [0.62, 0.35, 0.5], [0.5, 0.2, 0.4], [0.7, 0.5, 0.6]),
            ("Men", [0.4] * n, [], []),
        ],
        value_labels=[[VALUES[lang]] * n, [VALUES[lang]] * n],
        axis_label="Per cent",
        percent=True,
        families=FONTS[lang],
        rtl=lang == "ur",
        tick_format=lambda v: f"{v:.0f}",
    )
    return path.read_bytes()


def shaped() -> tuple[int, int, int]:
    return tuple(
        len(m.values) for m in (chart_text._EXTENTS, chart_text._GLYPHS, chart_text._LINES)
    )


@pytest.mark.parametrize("lang", sorted(FONTS))
def test_a_chart_has_the_bytes_matplotlibs_renderer_gives(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart_text.forget()
    cold = chart_bytes(tmp_path / "cold.png", lang)
    after_one = shaped()
    assert min(after_one) > 0, "the labels were measured, laid out and their font's lines read"
    warm = chart_bytes(tmp_path / "warm.png", lang)
    assert shaped() == after_one, "the same chart again shapes nothing new"
    monkeypatch.setattr(charts, "ChartCanvas", FigureCanvasAgg)  # matplotlib's own renderer
    stock = chart_bytes(tmp_path / "stock.png", lang)
    assert cold == stock and warm == stock


def test_extents_and_line_metrics_are_matplotlibs() -> None:
    chart_text.forget()
    for hinting in ("force_autohint", "no_hinting"):  # a setting in the key, not only the font
        with rc_context({"text.hinting": hinting}):
            ours, theirs = chart_text.ChartRenderer(50, 50, 150), RendererAgg(50, 50, 150)
            for lang, words in WORDS.items():
                for size in (9, 7.5):  # the same strings at another size: other extents
                    prop = FontProperties(family=FONTS[lang], size=size)
                    for s in [*words, VALUES[lang]]:
                        expected = theirs.get_text_width_height_descent(s, prop, False)
                        for _ in range(2):  # measured, then from the cache
                            assert ours.get_text_width_height_descent(s, prop, False) == expected
    assert len(chart_text._EXTENTS.values) == 2 * 2 * sum(len(w) + 1 for w in WORDS.values())
    # what matplotlib places a text by (line metrics read from the font's tables, via the
    # renderer here): one line and two, each script, and DejaVu Sans (matplotlib's own),
    # whose line gap is not 0 as the Noto fonts' is
    for families, words in [(FONTS[lang], WORDS[lang]) for lang in FONTS] + [
        (["DejaVu Sans"], WORDS["en"])
    ]:
        boxes = []
        for canvas in (chart_text.ChartCanvas, FigureCanvasAgg):
            fig = Figure(figsize=(4, 2), dpi=150)
            renderer = canvas(fig).get_renderer()
            texts = [fig.text(0.1, 0.5, s, family=families) for s in (words[0], "\n".join(words))]
            boxes.append([tuple(t.get_window_extent(renderer).bounds) for t in texts])
        assert boxes[0] == boxes[1], families


def test_turned_and_unsmoothed_text_is_drawn_as_matplotlib_draws_it() -> None:
    """Glyph pictures are kept per angle and smoothing: the same words at the same point at
    0, 90 and 30 degrees, with and without anti-aliasing, one after the other (a picture
    kept for one would be wrong for the next), then all again from the cache."""
    chart_text.forget()
    for _ in range(2):
        for lang in ("en", "ur"):
            prop = FontProperties(family=FONTS[lang], size=9)
            for angle in (0, 90, 30):
                for smooth in (True, False):
                    pictures = []
                    for renderer in (
                        chart_text.ChartRenderer(300, 300, 150),
                        RendererAgg(300, 300, 150),
                    ):
                        gc = renderer.new_gc()
                        gc.set_antialiased(smooth)
                        renderer.draw_text(gc, 150.3, 150.6, WORDS[lang][2], prop, angle)
                        pictures.append(np.asarray(renderer.buffer_rgba()).copy())
                    assert (pictures[0] == pictures[1]).all(), (lang, angle, smooth)
                    assert pictures[1][..., 3].any()  # something was drawn


def test_the_caches_keep_at_most_their_size() -> None:
    memo: chart_text._Memo[str] = chart_text._Memo(2)
    computed: list[str] = []

    def value(key: str) -> str:
        return memo.get((key,), lambda: computed.append(key) or key.upper())

    assert [value(k) for k in ("a", "b", "a", "c", "a")] == ["A", "B", "A", "C", "A"]
    assert computed == ["a", "b", "c", "a"]  # "a", the oldest, made room for "c"
    assert len(memo.values) == 2
