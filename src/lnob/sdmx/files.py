"""The three SDMX files of one report (or of the coalition), written into a folder.

`<name>.structure.xml` (SDMX-ML 2.1 structure message), `<name>.xml` (structure-specific data)
and `<name>.csv` (SDMX-CSV), each written aside and renamed into place (`lnob.atomic`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sdmx import message

from lnob import atomic
from lnob.sdmx.codes import SdgCodes, load_codes
from lnob.sdmx.data import data_message, to_csv, to_xml
from lnob.sdmx.observations import SdmxContent, combined, observations
from lnob.sdmx.structure import structure
from lnob.survey import SurveyResult


@dataclass(frozen=True)
class SdmxFiles:
    structure: Path
    data: Path
    csv: Path


def flow_id(name: str) -> str:
    """An SDMX id from a file name: `bgd-health-access-2024` -> `LNOB_BGD_HEALTH_ACCESS_2024`."""
    return "LNOB_" + re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()


def messages(
    results: Sequence[SurveyResult], name: str, codes: SdgCodes | None = None
) -> tuple[message.StructureMessage, message.DataMessage]:
    """The structure and data messages of one or more analysed surveys."""
    codes = codes or load_codes()
    content: SdmxContent = combined([observations(r, codes) for r in results])
    flow = flow_id(name)
    structure_msg = structure(codes, content, flow)
    data_msg = data_message(structure_msg, content)
    # the fieldwork's last day, not the clock: two builds of the same data give the same bytes
    last = max(r.sample.dates[1] for r in results)
    for msg in (structure_msg, data_msg):
        msg.header.prepared = datetime.fromisoformat(last)
    return structure_msg, data_msg


def write_sdmx(results: Sequence[SurveyResult], folder: Path, name: str) -> SdmxFiles:
    """Write the structure, the data and the SDMX-CSV of `results` into `folder`."""
    structure_msg, data_msg = messages(results, name)
    files = SdmxFiles(
        folder / f"{name}.structure.xml", folder / f"{name}.xml", folder / f"{name}.csv"
    )
    folder.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(files.structure, to_xml(structure_msg))
    atomic.write_bytes(files.data, to_xml(data_msg))
    atomic.write_text(files.csv, to_csv(data_msg))
    return files
