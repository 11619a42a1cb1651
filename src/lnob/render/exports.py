"""Open SDG downloads: a research report's figures in the layout national SDG platforms import.

For each `OpenSdgIndicator` the handler writes `data/opensdg/<file>.csv` with the columns
`Year`, one per disaggregation (blank = total, the Open SDG convention), `Value` (per cent
for shares), `Lower bound`, `Upper bound`, `Base` (unweighted respondents),
`Observation status` ("Community-generated") and `Unit measure`, and
`data/opensdg/<file>.meta.yml` saying source, producer, method, sample, dates, the
suppression rule and that the data is community-generated. Numbers are written with ASCII
digits and a dot, rounded half away from zero, whatever the document's language; labels are
the data's own, in the document's language. Both files are listed as downloads.
Imported by `lnob.render.extensions`, which registers the handler.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from lnob.doc.research_blocks import OpenSdgDownloads, OpenSdgIndicator
from lnob.doc.text import Text, _
from lnob.render.csvcells import csv_text
from lnob.render.html import Download, Part, RenderState, register_handler
from lnob.render.localize import Localizer, escape
from lnob.stocktake.codes import is_indicator_code

FOLDER = "data/opensdg"
VALUE_DECIMALS = 2
OBSERVATION_STATUS = "Community-generated"
UNIT_MEASURE = {"percent": "Percent", "mean": "Mean"}
FIXED_COLUMNS = (
    "Value",
    "Lower bound",
    "Upper bound",
    "Base",
    "Observation status",
    "Unit measure",
)
DATA_CSV = _("Data (CSV)")
METADATA_YAML = _("Metadata (YAML)")
METADATA_OF = _("Metadata: {title}")
SDG_CODE = _("SDG {code}:")


def decimal_text(value: float, percent: bool, decimals: int = VALUE_DECIMALS) -> str:
    """`value` (a share when `percent`) as ASCII text with `decimals` decimals, half up."""
    number = Decimal(repr(float(value))) * (100 if percent else 1)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return str(rounded + 0)  # "+ 0" turns -0.00 into 0.00


def _label(text: Text | None, loc: Localizer) -> str:
    """A data label as the data has it (no native digits); a message translated."""
    if text is None:
        return ""
    return text if isinstance(text, str) else loc.plain(text)


def opensdg_csv(item: OpenSdgIndicator) -> str:
    """The CSV text of one indicator (rows in the block's order)."""
    percent = item.unit == "percent"
    rows: list[tuple[str, ...]] = [("Year", *item.columns, *FIXED_COLUMNS)]
    for row in item.rows:
        if len(row.groups) != len(item.columns):
            raise ValueError(
                f"Open SDG row for {item.indicator} has {len(row.groups)} group "
                f"values for {len(item.columns)} columns"
            )
        bounds = ["" if x is None else decimal_text(x, percent) for x in (row.low, row.high)]
        rows.append(
            (
                str(item.year),
                *(g or "" for g in row.groups),
                decimal_text(row.value, percent),
                *bounds,
                str(row.base),
                OBSERVATION_STATUS,
                UNIT_MEASURE[item.unit],
            )
        )
    return csv_text(rows)


def opensdg_metadata(item: OpenSdgIndicator, loc: Localizer) -> dict[str, Any]:
    """The metadata of one indicator: Open SDG field names where they exist, and ours."""
    plain = loc.plain
    return {
        "indicator_number": item.indicator,
        "indicator_name": plain(item.name),
        "language": loc.lang,
        "data_nature": "community-generated",
        "observation_status": OBSERVATION_STATUS,
        "reporting_status": "complete",
        "data_non_statistical": False,
        "computation_units": UNIT_MEASURE[item.unit],
        "computation_definitions": plain(item.definition),
        "source_active_1": True,
        "source_title_1": plain(item.source),
        "source_organisation_1": plain(item.producer),
        "method": plain(item.method),
        "sample": plain(item.sample),
        "sample_size": item.sample_size,
        "dates": {"start": item.dates[0], "end": item.dates[1]},
        "year": item.year,
        "confidence_level": 0.95,
        "suppression_rule": plain(item.suppression),
        "min_cell": item.min_cell,
        "disaggregations": list(item.columns),
        "demo": item.demo,
        **(
            {"asked_base": item.asked_base, "asked_of": _label(item.asked_of, loc)}
            if item.asked_base is not None
            else {}
        ),
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _opensdg_downloads(block: OpenSdgDownloads, state: RenderState) -> Part:
    loc = state.loc
    items = []
    seen: set[str] = set()
    for item in block.items:
        if item.file in seen:
            raise ValueError(f"{state.where}: two Open SDG files named {item.file}")
        seen.add(item.file)
        csv_path, meta_path = f"{FOLDER}/{item.file}.csv", f"{FOLDER}/{item.file}.meta.yml"
        _write(state.out_dir / csv_path, opensdg_csv(item))
        _write(
            state.out_dir / meta_path,
            yaml.safe_dump(
                opensdg_metadata(item, loc), allow_unicode=True, sort_keys=False, width=100
            ),
        )
        # an SDG code helps a platform's editor; an analysis name (`water_source`) is no title
        title = (
            f"{item.indicator} · {loc.plain(item.name)}"
            if is_indicator_code(item.indicator)
            else loc.plain(item.name)
        )
        state.downloads.append(Download(csv_path, title, "opensdg"))
        state.downloads.append(
            Download(meta_path, loc.plain(METADATA_OF.format(title=title)), "opensdg-metadata")
        )
        code = (
            f'<span class="opensdg-code">{loc.html(SDG_CODE.format(code=item.indicator))}</span> '
            if is_indicator_code(item.indicator)
            else ""
        )
        items.append(
            f"<li>{code}{loc.html(item.name)} "
            f'<span class="opensdg-files">(<a href="{escape(csv_path)}">'
            f"{loc.html(DATA_CSV)}: {escape(item.file)}.csv</a>, "
            f'<a href="{escape(meta_path)}">'
            f"{loc.html(METADATA_YAML)}: {escape(item.file)}.meta.yml</a>)</span></li>"
        )
    return Part("html", f'<ul class="opensdg-downloads">{"".join(items)}</ul>')


register_handler(OpenSdgDownloads, _opensdg_downloads)
