"""The SDMX-ML 2.1 structure the data follows: concept scheme, code lists, DSD and dataflow,
built with sdmx1's information model from the shipped codes (`sdg_codes.yaml`) plus the
report's own series, age bands and custom breakdowns."""

from __future__ import annotations

from typing import Any

from sdmx import message
from sdmx.model import common, v21

from lnob.sdmx.codes import CUSTOM, SdgCodes, age_name
from lnob.sdmx.observations import DIMENSIONS, SdmxContent

AGENCY = "LNOB"
VERSION = "1.0"
DSD_ID = "LNOB_SDG"
# dimension or attribute -> its code list in sdg_codes.yaml (None: free text)
CODELIST = {
    "FREQ": "CL_FREQ",
    "REPORTING_TYPE": "CL_REPORTING_TYPE",
    "SERIES": "CL_SERIES",
    "REF_AREA": "CL_AREA",
    "SEX": "CL_SEX",
    "AGE": "CL_AGE",
    "URBANISATION": "CL_URBANISATION",
    "INCOME_WEALTH_QUANTILE": "CL_QUANTILE",
    "EDUCATION_LEV": "CL_EDUCATION_LEV",
    "DISABILITY_STATUS": "CL_DISABILITY",
    CUSTOM: "CL_CUST_BREAKDOWN",
    "OBS_STATUS": "CL_OBS_STATUS",
    "CONFIDENTIALITY": "CL_CONF_STATUS",
    "UNIT_MEASURE": "CL_UNIT_MEASURE",
    "UNIT_MULT": "CL_UNIT_MULT",
    "NATURE": "CL_NATURE",
}
ATTRIBUTES = (
    "OBS_STATUS",
    "CONFIDENTIALITY",
    "UNIT_MEASURE",
    "UNIT_MULT",
    "NATURE",
    "LOWER_BOUND",
    "UPPER_BOUND",
    "BASE",
    "COMMENT_OBS",
    "SOURCE_DETAIL",
    "DATA_SOURCE",
)
MANDATORY = {"OBS_STATUS", "CONFIDENTIALITY", "UNIT_MEASURE"}


def _codes(codes: SdgCodes, content: SdmxContent) -> dict[str, dict[str, str]]:
    lists = {name: dict(items) for name, items in codes.codelists.items()}
    lists["CL_SERIES"] = {s.code: s.name for s in content.series}
    lists["CL_AGE"] |= {a: age_name(a) for a in content.ages}
    lists["CL_CUST_BREAKDOWN"] = {"_T": "No breakdown"} | dict(content.custom)
    return lists


def _describe_series(codelist: common.Codelist, content: SdmxContent) -> None:
    """Each series names the SDG indicator it reports or informs, as the UN's code list does
    (an `Indicator` annotation); a UN series keeps the UN's English name."""
    for series in content.series:
        code = codelist[series.code]
        if series.un:
            code.name = common.InternationalString(en=series.name)
        code.annotations.append(
            v21.Annotation(
                id="Indicator",
                type="Indicator",
                title=series.indicator,
                text="UN SDG series" if series.un else "Coalition series (citizen-generated)",
            )
        )


def structure(codes: SdgCodes, content: SdmxContent, flow_id: str) -> message.StructureMessage:
    """The structure message: everything a reader needs to decode and check the data."""
    agency = common.Agency(id=AGENCY, name="Leave No One Behind coalition")
    args: Any = {"maintainer": agency, "version": VERSION, "is_final": True}
    msg = message.StructureMessage(header=message.Header(id=f"{flow_id}_STRUCTURE"))
    scheme = common.ConceptScheme(id="CS_LNOB_SDG", name="SDG concepts", **args)
    for concept, name in codes.concepts.items():
        scheme.setdefault(id=concept, name=name)
    msg.concept_scheme[scheme.id] = scheme
    lists = {}
    for name, items in _codes(codes, content).items():
        codelist = common.Codelist(id=name, name=name, description=codes.source, **args)
        for code, label in items.items():
            codelist.setdefault(
                id=code,
                name={content.language: label}
                if name in ("CL_SERIES", "CL_CUST_BREAKDOWN") and content.language != "en"
                else label,
            )
        lists[name] = msg.codelist[name] = codelist
    _describe_series(lists["CL_SERIES"], content)
    dsd = v21.DataStructureDefinition(id=DSD_ID, name="SDG data of the coalition", **args)
    for position, dimension in enumerate(DIMENSIONS):
        if dimension == "TIME_PERIOD":
            dsd.dimensions.getdefault(
                id=dimension,
                cls=v21.TimeDimension,
                concept_identity=scheme[dimension],
                order=position,
            )
            continue
        dsd.dimensions.getdefault(
            id=dimension,
            concept_identity=scheme[dimension],
            local_representation=common.Representation(enumerated=lists[CODELIST[dimension]]),
            order=position,
        )
    dsd.measures.getdefault(id="OBS_VALUE", concept_identity=scheme["OBS_VALUE"])
    for attribute in ATTRIBUTES:
        coded = CODELIST.get(attribute)
        dsd.attributes.getdefault(
            id=attribute,
            concept_identity=scheme[attribute],
            local_representation=common.Representation(enumerated=lists[coded]) if coded else None,
            related_to=v21.PrimaryMeasureRelationship(),
            usage_status=common.UsageStatus.mandatory
            if attribute in MANDATORY
            else common.UsageStatus.conditional,
        )
    msg.structure[dsd.id] = dsd
    flow = v21.DataflowDefinition(id=flow_id, name=flow_id, structure=dsd, **args)
    msg.dataflow[flow.id] = flow
    return msg
