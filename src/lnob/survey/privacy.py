"""Drop the columns that identify respondents as soon as an export is read.

A column is identifying when its question has an identifying form type (geopoint, deviceid,
phonenumber, ...), when it is server metadata that carries an instance or submitter id
(``_uuid``, ``KEY``, ``SubmitterName`` ...), when survey.yaml names it (``privacy.drop_names``,
``privacy.identifying_text``, ``privacy.drop_types``), or when it is a free-text question whose
name says it holds a name, phone number, address or enumerator
(``respondent_name``, ``Enum_Name``, ``phone``). Those columns never leave :func:`split_columns`
in the data; :func:`identifying_values` returns their raw values so a test can scan every output
for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lnob.survey.columns import ColumnRef, resolve_column
from lnob.survey.config import PrivacySpec
from lnob.survey.xlsform import FormDefinition

#: Form types whose answers identify a person, a place or a device.
IDENTIFYING_TYPES = frozenset(
    {
        "geopoint",
        "geotrace",
        "geoshape",
        "start-geopoint",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "image",
        "audio",
        "video",
        "file",
        "background-audio",
        "barcode",
    }
)
#: Form metadata types that carry no answer (timestamps); dropped, not identifying.
METADATA_TYPES = frozenset(
    {"start", "end", "today", "calculate_here", "xml-external", "csv-external"}
)
#: Server metadata columns that carry instance, device or submitter ids (lower case).
IDENTIFYING_META = frozenset(
    c.lower()
    for c in (
        "_id",
        "_uuid",
        "uuid",
        "KEY",
        "PARENT_KEY",
        "instanceID",
        "meta/instanceID",
        "meta-instanceID",
        "instanceName",
        "meta/instanceName",
        "meta-instanceName",
        "meta/rootUuid",
        "meta-rootUuid",
        "meta/deprecatedID",
        "meta-deprecatedID",
        "formhub/uuid",
        "formhub-uuid",
        "_geolocation",
        "_submitted_by",
        "_attachments",
        "SubmitterID",
        "SubmitterName",
        "DeviceID",
        "_submission__id",
        "_submission__uuid",
        "_submission__submitted_by",
        "_xform_id_string",
    )
)
#: Words in a text question's name that mark it as identifying.
_IDENTIFYING_WORDS = frozenset(
    {
        "name",
        "names",
        "phone",
        "mobile",
        "telephone",
        "tel",
        "contact",
        "address",
        "email",
        "enumerator",
        "enum",
        "interviewer",
        "surveyor",
        "gps",
        "nid",
        "passport",
    }
)
_TEXT_TYPES = frozenset({"text", "calculate", "integer", "string"})


@dataclass(frozen=True)
class DroppedColumn:
    where: str
    column: str
    reason: str
    identifying: bool


def _words(name: str) -> set[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return {w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w}


def drop_reason(
    ref: ColumnRef, form: FormDefinition, privacy: PrivacySpec
) -> tuple[str, bool] | None:
    """Why a column must be dropped and whether it identifies people; ``None`` to keep it."""
    header = ref.header
    named = {n.lower() for n in (*privacy.drop_names, *privacy.identifying_text)}
    if header.lower() in named or (ref.question and ref.question.lower() in named):
        return "named in survey.yaml privacy", True
    if ref.kind == "meta":
        if header.lower() in IDENTIFYING_META or "uuid" in header.lower():
            return "server metadata carrying an instance, device or submitter id", True
        return "server metadata", False
    question = form.question(ref.question) if ref.question else None
    if question is None:
        return None
    types = IDENTIFYING_TYPES | set(privacy.drop_types)
    if question.type in types or ref.kind == "geo_part":
        return f"identifying form type '{question.type}'", True
    if question.type in METADATA_TYPES:
        return f"form metadata '{question.type}'", False
    if question.type in _TEXT_TYPES and _words(question.name) & _IDENTIFYING_WORDS:
        return "text question whose name marks it as identifying", True
    return None


def split_columns(
    frame: pd.DataFrame,
    where: str,
    form: FormDefinition,
    privacy: PrivacySpec,
    extra: frozenset[str],
    keep: Iterable[str] = (),
) -> tuple[pd.DataFrame, list[DroppedColumn], dict[str, ColumnRef]]:
    """Drop identifying and metadata columns; return the rest and what each remaining header is.

    ``keep`` names internal columns (link and design columns) that are never dropped here.
    """
    kept_names = set(keep)
    dropped: list[DroppedColumn] = []
    refs: dict[str, ColumnRef] = {}
    for header in frame.columns:
        if header in kept_names:
            continue
        ref = resolve_column(header, form, extra)
        reason = drop_reason(ref, form, privacy)
        if reason is not None:
            dropped.append(DroppedColumn(where, header, reason[0], reason[1]))
        else:
            refs[header] = ref
    remaining = frame.drop(columns=[d.column for d in dropped])
    return remaining, dropped, refs


def identifying_columns(
    frame: pd.DataFrame, form: FormDefinition, privacy: PrivacySpec, extra: frozenset[str]
) -> list[str]:
    """Headers of ``frame`` whose values identify people."""
    out = []
    for header in frame.columns:
        reason = drop_reason(resolve_column(header, form, extra), form, privacy)
        if reason is not None and reason[1]:
            out.append(header)
    return out


_GPS_EXTRA_PART = re.compile(r"(altitude|precision|accuracy)$", re.IGNORECASE)


def planted_values(frame: pd.DataFrame, columns: Iterable[str], min_length: int) -> set[str]:
    """Distinct values of identifying columns, with latitude and longitude of GPS values.

    A GPS point's altitude and precision (``_gps_altitude``, ``gps-Accuracy`` and the last two
    parts of ``lat lon alt acc``) are dropped from the data with it but are not listed: short
    numbers such as 12.0 identify nobody and would be found by chance in any output.
    """
    values: set[str] = set()
    for column in columns:
        if _GPS_EXTRA_PART.search(column):
            continue
        for raw in frame[column].astype(str):
            value = raw.strip()
            if len(value) < min_length:
                continue
            parts = value.split()
            if len(parts) == 4 and all(_is_number(x) for x in parts):
                values.update(x for x in parts[:2] if len(x) >= min_length)
            values.add(value)
    return values


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
