"""A matplotlib Agg canvas that shapes and rasterises each chart label once per process.

Matplotlib shapes a string (HarfBuzz through FreeType, with font fallback) once to measure
it and again to draw it, reads the font's line metrics on each of the four or so layouts a
label goes through, and has FreeType draw every glyph afresh; every new figure starts with
empty caches. The charts of one document, and the documents one worker builds, repeat most
of their labels (group names, tick numbers, the axis title), so the renderer here
remembers, per process: a string's extent, its glyphs and their positions, a font's line
metrics, and each glyph's picture (FreeType draws a glyph moved by whole pixels as the same
picture moved: the key holds where it lands to 1/64 pixel, the whole pixels place it).
Each is keyed by all it depends on (the string or glyph, the font, its size, the dpi, the
angle, smoothing, and the text and font settings in force), so a chart comes out as the
same pixels as with matplotlib's own renderer: tests/pipeline/test_chart_text.py compares.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import FT2Font, RenderMode
from matplotlib.typing import RcKeyType

# settings that change which font a family name finds, or how its glyphs are placed
_RC_KEYS: tuple[RcKeyType, ...] = (
    "text.hinting",
    "text.hinting_factor",
    "text.kerning_factor",
    "font.enable_last_resort",
    "font.family",
    "font.sans-serif",
    "font.serif",
    "font.cursive",
    "font.fantasy",
    "font.monospace",
)
_CACHED = 4096  # strings per cache: a worker's documents repeat a few hundred labels
Glyph = tuple[Any, int, float, float]  # (FT2Font, glyph index, x, y in pixels)
Key = tuple[Any, ...]
V = TypeVar("V")


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class ChartRenderer(RendererAgg):
    """RendererAgg whose text extents, glyph layouts and glyph pictures are remembered."""

    def __init__(self, width: float, height: float, dpi: float) -> None:
        super().__init__(width, height, dpi)
        self._settings = (dpi,) + tuple(_frozen(mpl.rcParams[k]) for k in _RC_KEYS)

    def _font_key(self, prop: FontProperties) -> Key:
        return (
            tuple(prop.get_family()),
            prop.get_style(),
            prop.get_variant(),
            prop.get_weight(),
            prop.get_stretch(),
            prop.get_size_in_points(),
            prop.get_file(),
            self._settings,
        )

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: Any
    ) -> tuple[float, float, float]:
        if ismath is not False:  # mathtext and TeX as matplotlib does them
            return super().get_text_width_height_descent(s, prop, ismath)
        return _extent(s, self._font_key(prop), self, prop)

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        if ismath or not _CAN_LAYOUT or not _hashable(features, language):
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        glyphs = _layout(s, self._font_key(prop), features, language, self, prop)
        self._draw_glyphs(gc, x, y, angle, prop.get_size_in_points(), glyphs)

    def _draw_glyphs(
        self, gc: Any, x: float, y: float, angle: float, size: float, glyphs: tuple[Glyph, ...]
    ) -> None:
        """What RendererAgg._draw_text_glyphs_and_boxes does for a text, with each glyph's
        picture remembered: FreeType draws a glyph moved by whole pixels as the same picture
        moved, so the key holds the position's 1/64-pixel fraction; the whole pixels place it."""
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        antialiased = bool(gc.get_antialiased())
        how = (self.dpi, size, get_hinting_flag(), antialiased, matrix.tobytes())
        for font, index, dx, dy in glyphs:  # y is downwards, dy upwards (FreeType's y)
            px = round(0x40 * (x + dx * cos - dy * sin))
            py = round(0x40 * (self.height - y + dx * sin + dy * cos))
            fx, fy = px & 63, py & 63
            bitmap, left, top = _PICTURES.get(
                (font, index, fx, fy, how),
                _picture,
                font,
                index,
                size,
                self.dpi,
                matrix,
                (fx, fy),
                antialiased,
            )
            self._renderer.draw_text_image(
                bitmap,
                left + (px >> 6),
                int(self.height) - top - (py >> 6) + bitmap.shape[0],
                0,
                gc,
            )

    def _get_font_height_metrics(self, prop: FontProperties) -> tuple[float | None, ...]:
        """The line metrics `Text._get_layout` reads from the font's tables (matplotlib
        asks the renderer first; its own reading opens the font on every layout)."""
        return _height_metrics(self._font_key(prop), prop, self.dpi)


# matplotlib >= 3.11 lays text out in FT2Font._layout and draws glyph by glyph; older ones
# draw text differently, and then drawing is left to them
_CAN_LAYOUT = all(hasattr(FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform"))


def _hashable(*values: Any) -> bool:
    try:
        hash(values)
    except TypeError:
        return False
    return True


class _Memo(Generic[V]):
    """Values by key, the oldest dropped past `size` (insertion order)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.values: dict[Key, V] = {}

    def get(self, key: Key, compute: Callable[..., V], *args: Any) -> V:
        try:
            return self.values[key]
        except KeyError:
            pass
        value = compute(*args)
        if len(self.values) >= self.size:
            del self.values[next(iter(self.values))]
        self.values[key] = value
        return value


_EXTENTS: _Memo[tuple[float, float, float]] = _Memo(_CACHED)
_PICTURES: _Memo[tuple[np.ndarray, int, int]] = _Memo(4 * _CACHED)
_GLYPHS: _Memo[tuple[Glyph, ...]] = _Memo(_CACHED)
_LINES: _Memo[tuple[float | None, ...]] = _Memo(256)


def _extent(
    s: str, key: Key, renderer: RendererAgg, prop: FontProperties
) -> tuple[float, float, float]:
    return _EXTENTS.get(
        (s, key), lambda: RendererAgg.get_text_width_height_descent(renderer, s, prop, False)
    )


def _layout(
    s: str, key: Key, features: Any, language: Any, renderer: RendererAgg, prop: FontProperties
) -> tuple[Glyph, ...]:
    def compute() -> tuple[Glyph, ...]:  # as RendererAgg.draw_text lays a string out
        font = renderer._prepare_font(prop)
        items = font._layout(s, flags=get_hinting_flag(), features=features, language=language)
        return tuple((item.ft_object, item.glyph_index, item.x, item.y) for item in items)

    return _GLYPHS.get((s, key, features, language), compute)


def _picture(
    font: FT2Font,
    index: int,
    size: float,
    dpi: float,
    matrix: np.ndarray,
    fraction: tuple[int, int],
    antialiased: bool,
) -> tuple[np.ndarray, int, int]:
    """A glyph drawn by FreeType at a 1/64-pixel `fraction` past the origin, as
    RendererAgg draws it: its grey levels and the pixel its top left corner falls on."""
    font.set_size(size, dpi)
    # FT2Font's private drawing calls, as RendererAgg makes them (not in matplotlib's stubs)
    font._set_transform(matrix, list(fraction))  # type: ignore[attr-defined]
    bitmap = font._render_glyph(  # type: ignore[attr-defined]
        index, get_hinting_flag(), RenderMode.NORMAL if antialiased else RenderMode.MONO
    )
    buffer = bitmap.buffer if antialiased else bitmap.buffer * 0xFF
    return buffer, bitmap.left, bitmap.top


def _height_metrics(key: Key, prop: FontProperties, dpi: float) -> tuple[float | None, ...]:
    def compute() -> tuple[float | None, ...]:  # as Text._get_layout reads them
        font = get_font(fontManager._find_fonts_by_props(prop))
        os2, hhea, head = (
            font.get_sfnt_table("OS/2"),
            font.get_sfnt_table("hhea"),
            font.get_sfnt_table("head"),
        )
        if os2 is not None:
            ascent, descent, gap = os2["sTypoAscender"], os2["sTypoDescender"], os2["sTypoLineGap"]
        elif hhea is not None:
            ascent, descent, gap = hhea["ascent"], hhea["descent"], hhea["lineGap"]
        else:
            return (None, None, None)
        assert head is not None, "a font with OS/2 or hhea has a head table"
        # the same operations in the same order: the same floating-point result
        scale = 1 / head["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return (ascent * scale, -descent * scale, gap * scale)

    return _LINES.get(key, compute)


class ChartCanvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with a `ChartRenderer`."""

    _size: tuple[int, int, float] | None = None

    def get_renderer(self) -> RendererAgg:
        w, h = self.get_width_height(physical=True)
        key = (w, h, self.figure.dpi)
        if self._size != key:  # as FigureCanvasAgg: one renderer per size
            self.renderer = ChartRenderer(w, h, self.figure.dpi)
            self._size = key
        return self.renderer


def forget() -> None:
    """Empty the caches (tests and benchmarks start from nothing known)."""
    for memo in (_EXTENTS, _GLYPHS, _LINES, _PICTURES):
        memo.values.clear()
