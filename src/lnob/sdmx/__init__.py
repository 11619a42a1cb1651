"""SDMX out: a research report's SDG-coded estimates as official statistics can take them in.

`write_sdmx(results, folder, name)` writes three files: the SDMX-ML 2.1 structure message
(concept scheme, code lists, data structure definition, dataflow), the structure-specific data
message and SDMX-CSV, all made with sdmx1 from the codes shipped in `sdg_codes.yaml`.
`sdmx_methodology()` is the paragraph the report's methodology shows about them.

Layering, bottom up: `codes` (the shipped code lists), `observations` (estimates -> plain
observations), `structure` and `data` (sdmx1 messages), `files` (written via `lnob.atomic`).
"""

from lnob.sdmx.codes import SdgCodes, load_codes
from lnob.sdmx.files import SdmxFiles, messages, write_sdmx
from lnob.sdmx.method import sdmx_coalition_methodology, sdmx_methodology
from lnob.sdmx.observations import SdmxContent, observations

__all__ = [
    "SdgCodes",
    "SdmxContent",
    "SdmxFiles",
    "load_codes",
    "messages",
    "observations",
    "sdmx_coalition_methodology",
    "sdmx_methodology",
    "write_sdmx",
]
