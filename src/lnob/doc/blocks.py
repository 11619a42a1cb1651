"""The blocks a notebook shows: the only things that reach a reader.

A template notebook's cells each return a block (or a `Blocks` list). In Jupyter a
block shows a quick preview; in the build, its JSON form is saved in the executed
notebook and the render stage turns it into the document. Outputs that are not
blocks (a stray `print`, a DataFrame) never reach a reader, so microdata cannot
leak through a notebook.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from lnob.doc.text import Msg, Num, Text, text_from_json, text_to_json

MIME = "application/vnd.lnob.block+json"
Provenance = Literal["official", "community", "mixed"]
Cell = Any  # str | Msg | Num | Interval | Marked | Suppressed | None


@dataclass(frozen=True)
class Interval:
    """An estimate with its 95% confidence interval; shares when `percent`."""

    estimate: float
    low: float
    high: float
    percent: bool = True
    decimals: int = 1


@dataclass(frozen=True)
class Suppressed:
    """A cell withheld by disclosure control (fewer respondents than the minimum)."""

    reason: str = "small-base"


@dataclass(frozen=True)
class Marked:
    """A figure with a mark on its own cell (e.g. a dagger: read with caution); a table's
    legend says what the mark means, and its data download has the figure alone."""

    value: Num
    mark: str


@dataclass(frozen=True)
class Meta:
    """Document metadata: title, subtitle, short title for the running header, summary."""

    title: Text
    subtitle: Text | None = None
    short_title: Text | None = None
    summary: Text | None = None
    keywords: tuple[Text, ...] = ()
    #: whether the document's own sources (survey.yaml, focus.yaml ...) say ``demo: true``;
    #: the demo banner follows it. None: no source says (authored text): the coalition's flag.
    demo: bool | None = None


@dataclass(frozen=True)
class Heading:
    text: Text
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Markdown:
    """Authored Markdown, already in the document's language (raw HTML is not allowed)."""

    text: str
    source: str = ""  # the authored file it came from, relative to the project
    fallback: bool = False  # English shown because the document's language has no text yet
    # The numbers of its figure references (`lnob.products.figure_refs`), in slot order.
    figures: tuple[Num | Msg, ...] = ()


@dataclass(frozen=True)
class Draft:
    """Marks text the package generated where authored text belongs: shown in a draft,
    refused by a release build (`source` says what is missing)."""

    source: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[Text, ...]
    ordered: bool = False


@dataclass(frozen=True)
class KeyNumber:
    value: Num | Interval
    label: Text
    source: Text = ""
    provenance: Provenance = "official"


@dataclass(frozen=True)
class KeyNumbers:
    items: tuple[KeyNumber, ...]
    title: Text | None = None


@dataclass(frozen=True)
class Series:
    name: Text
    values: tuple[float | None, ...]
    low: tuple[float | None, ...] = ()
    high: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A bar chart (horizontal by default) of one or more series over categories."""

    title: Text
    categories: tuple[Text, ...]
    series: tuple[Series, ...]
    unit: Literal["percent", "number"] = "percent"
    decimals: int = 0
    source: Text = ""
    provenance: Provenance = "official"
    note: Text | None = None
    value_label: Text | None = None
    # categories under a heading each: a group's name above its categories, as in a table
    groups: tuple[RowGroup, ...] = ()


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    kind: Literal["text", "number", "integer", "percent", "interval", "symbol"] = "text"
    decimals: int = 1


@dataclass(frozen=True)
class RowGroup:
    """A labelled run of a table's rows, from row `start` to the next group's start (or the
    end): e.g. the categories of one population group under the group's name."""

    start: int
    label: Text


@dataclass(frozen=True)
class Table:
    """Rows of cells under column headings; the first column names each row. Rows before the
    first of `row_groups` (e.g. a total) belong to no group. A table with row groups shows
    each group's label once, above its rows; its data download repeats it on every row, in a
    first column headed `group_column` (default "Group")."""

    caption: Text
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    source: Text = ""
    provenance: Provenance = "official"
    note: Text | None = None
    legend: tuple[tuple[str, Text], ...] = ()  # symbol -> meaning, for symbol columns
    row_groups: tuple[RowGroup, ...] = ()
    group_column: Text | None = None
    # False: only in the data downloads and the spreadsheet, numbered after the document's
    # printed tables (a table too wide to print whole; the printed one says where it is)
    shown: bool = True

    def __post_init__(self) -> None:
        starts = [g.start for g in self.row_groups]
        if starts != sorted(set(starts)) or any(not 0 <= s < len(self.rows) for s in starts):
            raise ValueError(
                f"table {self.caption!r}: row groups must start at increasing "
                f"rows of the table's {len(self.rows)}, not at {starts}"
            )


@dataclass(frozen=True)
class Callout:
    kind: Literal["note", "method", "warning", "recommendation"]
    title: Text
    body: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Blocks:
    """Several blocks shown by one cell."""

    items: tuple[Any, ...] = field(default=())


BLOCK_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Interval,
        Suppressed,
        Marked,
        Meta,
        Heading,
        Paragraph,
        Markdown,
        Draft,
        BulletList,
        KeyNumber,
        KeyNumbers,
        Series,
        Chart,
        Column,
        RowGroup,
        Table,
        Callout,
        Blocks,
    )
}


def to_json(value: Any) -> Any:
    if isinstance(value, (Msg, Num)):
        return text_to_json(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"type": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = to_json(getattr(value, f.name))
        return out
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def from_json(data: Any) -> Any:
    if isinstance(data, dict):
        if "type" in data and data["type"] in BLOCK_TYPES:
            cls = BLOCK_TYPES[data["type"]]
            kwargs = {
                f.name: from_json(data[f.name]) for f in dataclasses.fields(cls) if f.name in data
            }
            return cls(**kwargs)
        return text_from_json(data)
    if isinstance(data, list):
        return tuple(from_json(v) for v in data)
    return data


def flatten(block: Any) -> list[Any]:
    if isinstance(block, Blocks):
        return [b for item in block.items for b in flatten(item)]
    if isinstance(block, (list, tuple)):
        return [b for item in block for b in flatten(item)]
    return [block]


def mimebundle(block: Any, preview_html: str | None = None) -> dict[str, Any]:
    """What Jupyter stores for a block: its JSON, a plain-text line, and a preview if given."""
    blocks = flatten(block)
    bundle: dict[str, Any] = {
        MIME: {"blocks": to_json(blocks)},
        "text/plain": f"<{len(blocks)} lnob block(s): "
        f"{', '.join(type(b).__name__ for b in blocks)}>",
    }
    if preview_html is not None:
        bundle["text/html"] = preview_html
    return bundle


def blocks_from_bundle(data: dict[str, Any]) -> list[Any]:
    payload = data[MIME]
    if isinstance(payload, str):
        payload = json.loads(payload)
    return list(from_json(payload["blocks"]))


# --- Heatmap: the stocktake's coverage matrix (appended; registered below) -------------

HeatmapState = Literal["available", "gap", "none"]


@dataclass(frozen=True)
class HeatmapCell:
    """One indicator x group cell: `available` (with the latest year when known), `gap`
    (the indicator has data, but not broken down by this group) or `none` (no data at all)."""

    state: HeatmapState
    year: int | None = None


@dataclass(frozen=True)
class HeatmapRow:
    """An indicator: its code, its title in the document's language, and one cell per column."""

    code: str
    title: Text
    cells: tuple[HeatmapCell, ...]
    highlight: bool = False  # e.g. an indicator of the research focus


@dataclass(frozen=True)
class Heatmap:
    """A coverage matrix (rows x columns of HeatmapCell), rendered as an accessible table
    whose cells carry a symbol and a colour, with a legend and a CSV download."""

    caption: Text
    row_header: Text
    columns: tuple[Text, ...]
    rows: tuple[HeatmapRow, ...]
    source: Text = ""
    provenance: Provenance = "official"
    note: Text | None = None
    highlight_label: Text | None = None  # what a highlighted row means, for the legend


BLOCK_TYPES.update({cls.__name__: cls for cls in (HeatmapCell, HeatmapRow, Heatmap)})


def register_block(cls: type) -> type:
    """Add a block type defined in another module (use as a class decorator)."""
    BLOCK_TYPES[cls.__name__] = cls
    return cls
