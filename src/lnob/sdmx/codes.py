"""The code lists and concept names the SDMX files use, read from `sdg_codes.yaml` (shipped
beside this module, which names its source: the UN's SDG data structure definition).

`SdgCodes.dimension_code` turns one category of a survey group into the UN dimension and code
it stands for (`sex`/`female` -> `SEX`/`F`); a group the file does not map, or a category it
does not know, goes to `CUST_BREAKDOWN` with the coalition's own code (`RELIGION_ISLAM`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from lnob.errors import InputError
from lnob.yamlio import load_yaml

CODES_FILE = Path(__file__).with_name("sdg_codes.yaml")
CUSTOM = "CUST_BREAKDOWN"
TOTAL = "_T"
_BAND = re.compile(r"(\d+)-(\d+)|(\d+)\+")


@dataclass(frozen=True)
class UnSeries:
    """One series of the UN's SDG code list: its English name and the indicators it reports."""

    code: str
    name: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class SdgCodes:
    source: str
    concepts: Mapping[str, str]
    codelists: Mapping[str, Mapping[str, str]]
    groups: Mapping[str, tuple[str, Mapping[str, str]]]  # group -> (dimension, category -> code)
    un_age_codes: frozenset[str]
    series: Mapping[str, UnSeries]  # the UN series an analysis may declare (`sdg_series:`)

    def dimension_code(self, group: str, category: str) -> tuple[str, str]:
        """The dimension and code of one category of one group (never the total)."""
        dimension, codes = self.groups.get(group, (CUSTOM, {}))
        if dimension == "AGE":
            band = age_code(category)
            if band is not None:
                return dimension, band
        elif category in codes:
            return dimension, codes[category]
        return CUSTOM, custom_code(group, category)

    def maps_group(self, group: str, categories: list[str]) -> bool:
        """Whether every category of `group` has a code in its UN dimension."""
        return all(self.dimension_code(group, c)[0] != CUSTOM for c in categories)


def custom_code(group: str, category: str) -> str:
    """The coalition's code for a category with no UN code: `RELIGION_ISLAM`."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", f"{group}_{category}").upper()


def age_code(category: str) -> str | None:
    """UN CL_AGE spelling of a survey's age band: `18-29` -> `Y18T29`, `60+` -> `Y_GE60`."""
    match = _BAND.fullmatch(category)
    if match is None:
        return None
    low, high, open_low = match.groups()
    return f"Y_GE{open_low}" if open_low else f"Y{low}T{high}"


def age_name(code: str) -> str:
    """The UN's English name of an age code: `Y18T29` -> `18 to 29 years old`."""
    if code.startswith("Y_GE"):
        return f"{code[4:]} years old and over"
    low, high = code[1:].split("T")
    return f"{low} to {high} years old"


def _fail(problem: str, key: str) -> InputError:
    return InputError(
        CODES_FILE,
        problem,
        column=key,
        hint="Restore the file from the repository; it is part of the package",
    )


@cache
def _m49_countries() -> dict[str, str]:
    """Every country's M49 code (ISO 3166 numeric, written as the UN database writes it: '50',
    not '050') and name, so a coalition of any of its countries can publish SDMX."""
    import pycountry

    return {str(int(c.numeric)): c.name for c in pycountry.countries}


def load_codes(path: Path = CODES_FILE) -> SdgCodes:
    """The shipped code lists, checked for the shape the writer needs."""
    raw = load_yaml(path)
    for key in ("source", "concepts", "codelists", "groups", "un_age_codes", "series"):
        if key not in raw:
            raise _fail(f"no '{key}' section", key)
    lists = {
        name: {str(k): str(v) for k, v in codes.items()} for name, codes in raw["codelists"].items()
    }
    lists["CL_AREA"] = {**_m49_countries(), **lists.get("CL_AREA", {})}  # the file's UN names win
    codelists = {name: MappingProxyType(codes) for name, codes in lists.items()}
    groups = {}
    for group, spec in raw["groups"].items():
        dimension = spec["dimension"]
        if dimension not in raw["concepts"]:
            raise _fail(f"group '{group}' maps to an unknown dimension '{dimension}'", "groups")
        groups[group] = (dimension, MappingProxyType(dict(spec.get("codes") or {})))
    series = {}
    for code, spec in raw["series"].items():
        if not isinstance(spec, dict) or not spec.get("name") or not spec.get("indicators"):
            raise _fail(f"series '{code}' needs a name and its indicators", "series")
        indicators = tuple(str(i) for i in spec["indicators"])
        series[str(code)] = UnSeries(str(code), " ".join(str(spec["name"]).split()), indicators)
    return SdgCodes(
        source=" ".join(str(raw["source"]).split()),
        concepts=MappingProxyType(dict(raw["concepts"])),
        codelists=MappingProxyType(codelists),
        groups=MappingProxyType(groups),
        un_age_codes=frozenset(raw["un_age_codes"]),
        series=MappingProxyType(series),
    )
