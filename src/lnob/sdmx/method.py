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


SDMX_SERIES = _(
    "A figure whose question is the one the UN asks for an SDG series goes out under the UN's "
    "series code (for example VC_VOV_GDSD, felt discriminated against); every other figure "
    "goes out under a code of the coalition's own, which names the survey and the question, "
    "with the SDG indicator it informs."
)
SDMX_COALITION = _(
    "The SDMX files of this synthesis hold, in one file, every figure coded to an SDG "
    "indicator from the surveys of the research it draws on, each country under its UN M49 "
    "area code."
)


def sdmx_methodology() -> tuple[Msg, Msg]:
    """The paragraphs a research report's methodology shows about its SDMX files."""
    return SDMX_METHOD, SDMX_SERIES


def sdmx_coalition_methodology() -> tuple[Msg, Msg, Msg]:
    """The paragraphs a synthesis's method shows about the coalition's SDMX files."""
    return SDMX_COALITION, SDMX_METHOD, SDMX_SERIES
