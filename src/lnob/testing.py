"""Blocks for the pipeline's own test project (tests/fixtures/mini): a real brief's text
and a chart and a table from one small CSV, so the stages can be tested in seconds."""

from __future__ import annotations

import pandas as pd

from lnob.doc.blocks import Chart, Column, Interval, Series, Table
from lnob.doc.text import _
from lnob.notebook import Doc
from lnob.products import brief


def meta(doc: Doc) -> list:
    text = brief.load_text(doc)
    return [brief.masthead(text), *brief.key_messages(text)]


def body(doc: Doc) -> list:
    text = brief.load_text(doc)
    df = pd.read_csv(doc.country_dir / "figures.csv")
    # Group labels in the document's language when figures.csv has them (group_<lang>).
    df["label"] = df.get(f"group_{doc.language}", df["group"])
    chart = Chart(
        title=_("Share who went without needed care"),
        categories=tuple(df["label"]),
        series=(Series(_("Share"), tuple(df["share"]), tuple(df["low"]), tuple(df["high"])),),
        source="Test survey 2026",
        provenance="community",
        decimals=1,
    )
    table = Table(
        caption=_("Share who went without needed care"),
        columns=(Column("group", _("Group")), Column("share", _("Share"), "interval")),
        rows=tuple(
            (g, Interval(s, lo, hi))
            for g, s, lo, hi in df[["label", "share", "low", "high"]].itertuples(index=False)
        ),
        source="Test survey 2026",
        provenance="community",
    )
    return [*brief.context(text), chart, table, brief.recommendations(text)]
