"""Stocktake of national secondary data: where data on groups left behind is missing.

Public face of the package. Typical use (what the stocktake notebook does):

    indicators = load_project_indicators(root / "data" / "sdg")
    taxonomy = load_taxonomy(root / "data" / "taxonomy.yaml")
    result = analyse_country(root / "data" / "countries" / "NPL", indicators, taxonomy)

Module layering, bottom up: codes, periods -> sdglist, official, taxonomy ->
inventory, opensdg, focus -> coverage -> analysis -> cache (the part of an analysis that
depends on the country's files alone, kept on disk: what the products call).
"""

from lnob.stocktake.analysis import (
    CountryStocktake,
    StocktakeResult,
    analyse_country,
    declared_inputs,
    read_country,
    stocktake_dir,
    with_citizen,
)
from lnob.stocktake.codes import CodeRef, code_sort_key, normalise_indicator, parse_code_ref
from lnob.stocktake.coverage import (
    CitizenContribution,
    Evidence,
    GapFill,
    Gaps,
    Headlines,
    Share,
    coverage_matrix,
)
from lnob.stocktake.focus import Focus, read_focus
from lnob.stocktake.inventory import Breakdown, Inventory, Source, read_inventory
from lnob.stocktake.official import (
    check_against,
    load_indicator_list,
    read_official_csv,
    read_official_xlsx,
)
from lnob.stocktake.opensdg import (
    GroupEvidence,
    IndicatorData,
    OpenSdgFolder,
    read_indicator_file,
    read_opensdg_folder,
)
from lnob.stocktake.periods import period_end_year
from lnob.stocktake.sdglist import (
    IndicatorList,
    Title,
    TitleSet,
    load_project_indicators,
    read_project_indicators,
    read_title_csv,
    read_translation_yaml,
)
from lnob.stocktake.taxonomy import ANY_DATA, Group, Taxonomy, load_taxonomy

__all__ = [
    "ANY_DATA",
    "Breakdown",
    "CitizenContribution",
    "CodeRef",
    "CountryStocktake",
    "Evidence",
    "Focus",
    "GapFill",
    "Gaps",
    "Group",
    "GroupEvidence",
    "Headlines",
    "IndicatorData",
    "IndicatorList",
    "Inventory",
    "OpenSdgFolder",
    "Share",
    "Source",
    "StocktakeResult",
    "Taxonomy",
    "Title",
    "TitleSet",
    "analyse_country",
    "check_against",
    "code_sort_key",
    "coverage_matrix",
    "declared_inputs",
    "load_indicator_list",
    "load_project_indicators",
    "load_taxonomy",
    "normalise_indicator",
    "parse_code_ref",
    "period_end_year",
    "read_focus",
    "read_indicator_file",
    "read_inventory",
    "read_official_csv",
    "read_official_xlsx",
    "read_opensdg_folder",
    "read_country",
    "read_project_indicators",
    "read_title_csv",
    "read_translation_yaml",
    "stocktake_dir",
    "with_citizen",
]
