"""The configuration of one year's synthesis: `reports/synthesis/<year>/synthesis.yaml`.

It names the theme of the year, the analyses shown after the theme (in order), the survey
indicators to compare across countries, and the official international series to show
from a DDF extract. The words of the theme are authored Markdown beside it (`<lang>.md`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from lnob.errors import InputError
from lnob.paths import OutsideProjectError, confined
from lnob.stocktake.codes import is_indicator_code
from lnob.yamlio import load_yaml

CONFIG_FILE = "synthesis.yaml"
BREAKDOWNS = ("sex", "location", "quantile", "disability_status")


@dataclass(frozen=True)
class Comparison:
    """A survey indicator key to compare across countries; `label` per language for keys
    that are not SDG indicator codes (an SDG code is titled from the indicator list)."""

    indicator: str
    label: Mapping[str, str]


@dataclass(frozen=True)
class OfficialSeries:
    """A series of the DDF extract: the codes fixed for its other dimensions, and the
    dimensions it is broken down by (each shown against its total)."""

    series: str
    fixed: Mapping[str, str]
    breakdowns: tuple[str, ...]
    # the series' name per language, where the authors translated it; otherwise the table is
    # titled from the extract's own description of the series, in English
    label: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Official:
    folder: Path
    demo: bool
    series: tuple[OfficialSeries, ...]


@dataclass(frozen=True)
class SynthesisConfig:
    path: Path
    year: int
    theme: str
    sections: tuple[str, ...]
    comparisons: tuple[Comparison, ...]
    official: Official | None


def config_dir(reports: Path, year: int) -> Path:
    return reports / "synthesis" / str(year)


def load_synthesis_config(reports: Path, year: int, root: Path) -> SynthesisConfig:
    """Read and check `reports/synthesis/<year>/synthesis.yaml`; `root` is the project folder
    against which the official data folder is resolved (it must lie inside it)."""
    path = config_dir(reports, year) / CONFIG_FILE
    raw = load_yaml(path, "synthesis")
    if raw["year"] != year:
        raise InputError(
            path,
            "the file is filed under another year",
            column="year",
            expected=str(year),
            found=str(raw["year"]),
            hint=f"Move it to reports/synthesis/{raw['year']}/ or fix 'year'",
        )
    comparisons = []
    for i, c in enumerate(raw.get("comparison", ())):
        indicator = str(c["indicator"])
        if not is_indicator_code(indicator) and "label" not in c:
            raise InputError(
                path,
                f"comparison[{i}] '{indicator}' has no label",
                column="label",
                expected="a label per language (at least 'en')",
                found="nothing",
                hint="Only SDG indicator codes are titled from the indicator list",
            )
        comparisons.append(Comparison(indicator, MappingProxyType(dict(c.get("label", {})))))
    official = None
    if "official" in raw:
        o = raw["official"]
        try:  # inside the project, and neither a link nor under one
            folder = confined(o["folder"], root, "official data folder")
        except OutsideProjectError as exc:
            raise InputError(
                path,
                exc.problem,
                column="official.folder",
                expected="a folder such as data/global/…, copied into the project",
                found=o["folder"],
            ) from None
        official = Official(
            folder,
            bool(o.get("demo", False)),
            tuple(
                OfficialSeries(
                    s["series"],
                    MappingProxyType(dict(s.get("fixed", {}))),
                    tuple(s["breakdowns"]),
                    MappingProxyType(dict(s.get("label", {}))),
                )
                for s in o["series"]
            ),
        )
    return SynthesisConfig(
        path, year, raw["theme"], tuple(raw["sections"]), tuple(comparisons), official
    )
