"""Blocks of the primary research report that the core block set does not have.

`OpenSdgDownloads` carries a survey's figures per indicator in the layout national Open SDG
platforms import (`Year`, one column per disaggregation, `Value`, with the confidence bounds
and the unweighted base in extra columns) and the metadata that goes with them. The render
stage (`lnob.render.exports`) writes one CSV and one `.meta.yml` per indicator and lists
both as downloads. Blocks hold only disclosure-checked figures: suppressed cells are not
rows at all, so they cannot reach a download.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lnob.doc.blocks import register_block
from lnob.doc.text import Text

OpenSdgUnit = Literal["percent", "mean"]


@register_block
@dataclass(frozen=True)
class OpenSdgRow:
    """One published figure: its category in each disaggregation column (None = total, which
    Open SDG writes as a blank cell), the estimate (a share 0..1 for percent indicators), its
    95% confidence bounds and the unweighted base."""

    groups: tuple[str | None, ...]
    value: float
    low: float | None
    high: float | None
    base: int


@register_block
@dataclass(frozen=True)
class OpenSdgIndicator:
    """One indicator of one survey, as an Open SDG data file plus its metadata file."""

    indicator: str  # an SDG code ("3.8.1") or the project's own key ("health_barriers")
    file: str  # file name without extension, e.g. "3-8-1"
    name: Text  # what is measured, in the document's language (the question)
    definition: Text  # how the figure is computed
    year: int  # the year of the fieldwork
    columns: tuple[str, ...]  # disaggregation columns, Open SDG names (English)
    rows: tuple[OpenSdgRow, ...]
    unit: OpenSdgUnit
    source: Text  # the survey's title
    producer: Text
    method: Text
    sample: Text
    sample_size: int | None  # None when below the disclosure minimum
    dates: tuple[str, str]  # ISO start and end of the fieldwork
    suppression: Text
    min_cell: int
    demo: bool
    # skip logic: the question was asked of some respondents only (None: of everyone); the
    # number asked who answered, and who they were, in the document's language
    asked_base: int | None = None
    asked_of: Text | None = None


@register_block
@dataclass(frozen=True)
class OpenSdgDownloads:
    """The Open SDG files of a document, shown as a list of downloads."""

    items: tuple[OpenSdgIndicator, ...]
