"""The data: an SDMX-ML 2.1 structure-specific data message and SDMX-CSV, made with sdmx1.

Observations are flat (dimension at the observation: all dimensions). A withheld observation
has no `OBS_VALUE` attribute at all in the XML and an empty `OBS_VALUE` cell in the CSV.
"""

from __future__ import annotations

import pandas as pd
import sdmx
from sdmx import message
from sdmx.model import common, v21

from lnob.sdmx.observations import SdmxContent


def data_message(structure: message.StructureMessage, content: SdmxContent) -> message.DataMessage:
    """The observations as a structure-specific data set of the structure's dataflow."""
    flow = next(iter(structure.dataflow.values()))
    dsd = flow.structure
    codelists = {
        d.id: d.local_representation.enumerated
        for d in dsd.dimensions
        if d.local_representation is not None
    }
    measure = dsd.measures.get("OBS_VALUE")
    dataset = v21.StructureSpecificDataSet(described_by=flow, structured_by=dsd)
    obs = []
    for item in content.observations:
        key = dsd.make_key(
            common.Key, {d: codelists[d][v] if d in codelists else v for d, v in item.key.items()}
        )
        attached = {}
        for attribute_id, value in item.attributes.items():
            attribute = dsd.attributes.get(attribute_id)
            representation = attribute.local_representation
            coded = representation.enumerated[value] if representation else value
            attached[attribute_id] = common.AttributeValue(value=coded, value_for=attribute)
        obs.append(
            v21.Observation(
                dimension=key, value=item.value, value_for=measure, attached_attribute=attached
            )
        )
    dataset.add_obs(obs)
    return message.DataMessage(
        header=message.Header(id=f"{flow.id}_DATA"),
        dataflow=flow,
        data=[dataset],
        observation_dimension=common.AllDimensions,
    )


def to_xml(msg: message.Message) -> bytes:
    return bytes(sdmx.to_xml(msg, pretty_print=True))


def to_csv(msg: message.DataMessage) -> str:
    """SDMX-CSV 1.0 (`DATAFLOW` first) of the data set, with every attribute."""
    from sdmx.format.csv.common import Attributes
    from sdmx.format.csv.v1 import FormatOptions

    frame = sdmx.to_csv(
        msg.data[0],
        rtype=pd.DataFrame,
        attributes=Attributes.observation,
        format_options=FormatOptions(),
    )
    assert isinstance(frame, pd.DataFrame)
    return str(frame.to_csv(index=False, lineterminator="\n"))
