"""A research report's SDG-coded estimates as SDMX observations (plain values, no sdmx1 yet).

Only analyses whose indicator is an SDG code (`3.8.1`) are exported. Each row of each of their
tables is one observation: the total with every breakdown dimension `_T`, a group's category
with its UN code in its dimension (`SEX=F`) or, when the UN has no code for the group,
`CUST_BREAKDOWN=<GROUP>_<CATEGORY>`. A published row carries its value (per cent for shares),
its 95% bounds and unweighted base; a withheld row carries no value, no bounds and no base,
only the status that says why (`OBS_STATUS=Q`, `CONFIDENTIALITY=A` small count, `D`
secondary suppression).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lnob.errors import InputError
from lnob.sdmx.codes import CUSTOM, TOTAL, SdgCodes, custom_code
from lnob.sdmx.series import check_series, series_code
from lnob.stocktake.codes import is_indicator_code
from lnob.survey import AskedOf, EstimateRow, EstimateTable, SurveyResult
from lnob.survey.disclosure import EMPTY, PRIMARY, SECONDARY, TOTAL_TOO_SMALL

BREAKDOWNS = (
    "SEX",
    "AGE",
    "URBANISATION",
    "INCOME_WEALTH_QUANTILE",
    "EDUCATION_LEV",
    "DISABILITY_STATUS",
    CUSTOM,
)
DIMENSIONS = ("FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", *BREAKDOWNS, "TIME_PERIOD")
DECIMALS = 4
CITIZEN_GENERATED = "citizen-generated"
# why a cell is withheld -> (OBS_STATUS, CONFIDENTIALITY)
WITHHELD = {
    PRIMARY: ("Q", "A"),
    TOTAL_TOO_SMALL: ("Q", "A"),
    SECONDARY: ("Q", "D"),
    EMPTY: ("O", "F"),
}


@dataclass(frozen=True)
class SdmxObservation:
    key: Mapping[str, str]  # every dimension of DIMENSIONS
    value: str | None  # OBS_VALUE as written (None: withheld)
    attributes: Mapping[str, str]  # observation-level attributes that have a value


@dataclass(frozen=True)
class SdmxSeries:
    code: str  # the UN's (VC_VOV_GDSD) or LNOB_<SURVEY>_<ANALYSIS>[_<ANSWER>]
    name: str  # the UN's English name, or the question (and answer) in the report's language
    indicator: str
    un: bool = False  # a UN series: its name is the UN's, in English


@dataclass(frozen=True)
class SdmxContent:
    """What one or more reports put in SDMX: observations and the codes they need."""

    observations: tuple[SdmxObservation, ...]
    series: tuple[SdmxSeries, ...]
    custom: Mapping[str, str]  # CUST_BREAKDOWN code -> name (report's language)
    ages: tuple[str, ...]  # AGE codes used (UN pattern)
    language: str


def asked_comment(asked: AskedOf) -> str:
    """The observation comment of a question asked of some respondents only (English, as
    every free-text attribute of the files; the form's own condition, as written)."""
    return (
        f"Asked of some respondents only (XLSForm relevant: {asked.relevant}); "
        "BASE is the number asked who answered"
    )


def number_text(value: float, percent: bool) -> str:
    """ASCII decimal, half away from zero: a share 0.54141 -> "54.1414" (per cent)."""
    number = Decimal(repr(float(value))) * (100 if percent else 1)
    return str(number.quantize(Decimal(1).scaleb(-DECIMALS), rounding=ROUND_HALF_UP) + 0)


def sdg_tables(result: SurveyResult) -> list[EstimateTable]:
    return [t for t in result.tables if is_indicator_code(t.indicator)]


def _area(result: SurveyResult, codes: SdgCodes) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=result.config.country)
    area = str(int(country.numeric)) if country else None
    if area is None or area not in codes.codelists["CL_AREA"]:
        raise InputError(
            "src/lnob/sdmx/sdg_codes.yaml",
            f"no M49 code for {result.config.country} in CL_AREA",
            column="codelists.CL_AREA",
            expected="the country's M49 code, e.g. '50': Bangladesh",
            found=area,
            hint="Add the country's M49 code and UN name to CL_AREA",
        )
    return area


def _series(
    result: SurveyResult, table: EstimateTable, row: EstimateRow, single: bool, codes: SdgCodes
) -> SdmxSeries:
    analysis = next((a for a in result.config.analyses if a.id == table.analysis), None)
    code = series_code(result.config, analysis, table.analysis)
    if code in codes.series:  # the UN's series, with the UN's name (check_series: one share)
        return SdmxSeries(code, codes.series[code].name, table.indicator, un=True)
    name = f"{table.question_label} [{table.indicator}]"
    if not single and row.outcome is not None:
        code = custom_code(code, row.outcome)
        name = f"{table.question_label}: {row.outcome_label} [{table.indicator}]"
    return SdmxSeries(code, name, table.indicator)


def _breakdown(table: EstimateTable, codes: SdgCodes, category: str) -> tuple[str, str] | None:
    if table.group == "total":
        return None
    categories = [r.category for r in table.rows]
    if codes.maps_group(table.group, categories):
        return codes.dimension_code(table.group, category)
    return CUSTOM, custom_code(table.group, category)


def observations(result: SurveyResult, codes: SdgCodes) -> SdmxContent:
    """Every row of every SDG-coded table of one report, published or withheld."""
    check_series(result.config, codes)
    area = _area(result, codes)
    year = result.sample.dates[0][:4]
    reasons = {(s.table, s.group, s.category): s.reason for s in result.suppression_log}
    names = result.config.organisation
    producer = names.get("en") or next(iter(names.values()), "")
    source = f"{CITIZEN_GENERATED}; survey {result.config.id}; {producer}"
    out: list[SdmxObservation] = []
    series: dict[str, SdmxSeries] = {}
    custom: dict[str, str] = {}
    ages: list[str] = []
    for table in sdg_tables(result):
        single = len({r.outcome for r in table.rows}) == 1
        percent = table.kind == "proportion"
        for row in table.rows:
            item = _series(result, table, row, single, codes)
            series.setdefault(item.code, item)
            key = {d: TOTAL for d in BREAKDOWNS}
            key |= {"FREQ": "A", "REPORTING_TYPE": "N", "SERIES": item.code}
            key |= {"REF_AREA": area, "TIME_PERIOD": year}
            place = _breakdown(table, codes, row.category)
            if place is not None:
                key[place[0]] = place[1]
                if place[0] == CUSTOM:
                    custom.setdefault(place[1], f"{table.group_label}: {row.category_label}")
                if place[0] == "AGE" and place[1] not in ages:
                    ages.append(place[1])
            attributes = {
                "UNIT_MEASURE": "PT" if percent else "NUMBER",
                "UNIT_MULT": "0",
                "NATURE": "E",
                "SOURCE_DETAIL": source,
                "DATA_SOURCE": CITIZEN_GENERATED,
            }
            if row.suppressed or row.estimate is None:
                reason = reasons.get((table.analysis, table.group, row.category), PRIMARY)
                status, confidentiality = WITHHELD.get(reason, WITHHELD[PRIMARY])
                attributes |= {"OBS_STATUS": status, "CONFIDENTIALITY": confidentiality}
                out.append(SdmxObservation(key, None, attributes))
                continue
            attributes |= {
                "OBS_STATUS": "A" if row.reliable is not False else "U",
                "CONFIDENTIALITY": "F",
            }
            if row.ci_low is not None and row.ci_high is not None:
                attributes |= {
                    "LOWER_BOUND": number_text(row.ci_low, percent),
                    "UPPER_BOUND": number_text(row.ci_high, percent),
                }
            if row.base is not None:
                attributes["BASE"] = str(row.base)
            if table.asked_of is not None:  # skip logic: BASE is the number asked
                attributes["COMMENT_OBS"] = asked_comment(table.asked_of)
            out.append(SdmxObservation(key, number_text(row.estimate, percent), attributes))
    return SdmxContent(tuple(out), tuple(series.values()), custom, tuple(ages), result.language)


def combined(contents: Sequence[SdmxContent]) -> SdmxContent:
    """Several reports' observations as one (the coalition's file)."""
    series: dict[str, SdmxSeries] = {}
    custom: dict[str, str] = {}
    ages: list[str] = []
    for content in contents:
        for item in content.series:
            series.setdefault(item.code, item)
        for code, name in content.custom.items():
            custom.setdefault(code, name)
        ages += [a for a in content.ages if a not in ages]
    return SdmxContent(
        tuple(o for c in contents for o in c.observations),
        tuple(series.values()),
        custom,
        tuple(ages),
        contents[0].language if contents else "en",
    )
