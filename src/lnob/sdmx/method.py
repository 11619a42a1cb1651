"""How the SDMX files are made and what their status codes mean, in the reader's language."""

from __future__ import annotations

from lnob.doc.text import Msg, _

SDMX_METHOD = _(
    "SDMX files: the figures coded to SDG indicators are also given as SDMX-ML 2.1 and "
    "SDMX-CSV, with the structure they follow (the codes of the UN's SDG data structure; "
    "_T means total). Each figure is marked citizen-generated, with the survey it comes from, "
    "its 95 per cent bounds and its unweighted base. A withheld figure has no value, only a "
    "status that says why: Q with A, too few respondents; Q with D, withheld so that another "
    "figure cannot be worked out. Status U: to be read with caution."
)


def sdmx_methodology() -> Msg:
    """The paragraph a research report's methodology shows about its SDMX files."""
    return SDMX_METHOD
