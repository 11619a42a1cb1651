"""Tell what an export column header refers to: a question, an option, a GPS part, or metadata.

Kobo writes ``group/question``, ``question/option`` (``question.option`` with "." as its
group separator) for split select_multiple answers and
``_question_latitude`` for GPS parts; ODK Central writes ``group-question``,
``question-Latitude`` and ``meta-instanceID``. Both add server metadata (``_uuid``,
``_submission_time``, ``KEY``, ``SubmissionDate`` ...). This module resolves each header
against the form's field names; it neither reads nor changes data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lnob.survey.xlsform import FormDefinition

#: Server metadata written by KoboToolbox and ODK Central (matched case-insensitively).
META_COLUMNS = frozenset(
    c.lower()
    for c in (
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
        "_parent_index",
        "_parent_table_name",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_version_",
        "_tags",
        "_xform_id_string",
        "_attachments",
        "_geolocation",
        "_duration",
        "_media_count",
        "_total_media",
        "_media_all_received",
        "_submission__id",
        "_submission__uuid",
        "_submission__submission_time",
        "_submission__validation_status",
        "_submission__notes",
        "_submission__status",
        "_submission__submitted_by",
        "_submission___version__",
        "_submission__tags",
        "KEY",
        "PARENT_KEY",
        "SubmissionDate",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
        "instanceID",
        "instanceName",
        "meta/instanceID",
        "meta-instanceID",
        "meta/instanceName",
        "meta-instanceName",
        "meta/rootUuid",
        "meta-rootUuid",
        "meta/deprecatedID",
        "meta-deprecatedID",
        "meta/audit",
        "meta-audit",
        "formhub/uuid",
        "formhub-uuid",
        "uuid",
        "index",
        "row_id",
    )
)
_KOBO_GEO = re.compile(r"^_(?P<q>.+)_(?:latitude|longitude|altitude|precision)$", re.IGNORECASE)
_ODK_GEO = re.compile(r"^(?P<q>.+)[-/](?:latitude|longitude|altitude|accuracy)$", re.IGNORECASE)


@dataclass(frozen=True)
class ColumnRef:
    """What a header refers to. ``kind``: field, option, geo_part, meta or unknown."""

    header: str
    kind: str
    question: str | None = None
    option: str | None = None


def _field_suffix(header: str, names: set[str]) -> str | None:
    """The form field a (possibly group-prefixed) header names, if any."""
    if header in names:
        return header
    for separator in ("/", "-", "."):
        parts = header.split(separator)
        for start in range(1, len(parts)):
            candidate = separator.join(parts[start:])
            if candidate in names:
                return candidate
    return None


def _exact(header: str, form: FormDefinition) -> ColumnRef | None:
    """What a header names when it spells a field's whole group path (`civic/discrimination`)
    or a select_multiple option's (`health/barriers/discrimination`): read by its tail alone,
    the option's column would be taken for the field `discrimination` of another group."""
    for separator in ("/", "-", "."):
        for q in form.fields:
            full = separator.join((*q.path, q.name))
            if header == full:
                return ColumnRef(header, "field", q.name)
            if (
                q.type == "select_multiple"
                and q.list_name
                and header.startswith(full + separator)
                and header[len(full) + 1 :] in form.choice_names(q.list_name)
            ):
                return ColumnRef(header, "option", q.name, header[len(full) + 1 :])
    return None


def resolve_column(
    header: str, form: FormDefinition, extra: frozenset[str] = frozenset()
) -> ColumnRef:
    """Resolve one export header against the form's fields (and extra declared columns)."""
    names = {q.name for q in form.fields} | set(extra)
    if header.lower() in META_COLUMNS or header.lower().startswith(
        ("_submission_", "meta/", "meta-")
    ):
        name = _field_suffix(header, names)
        if name is None or header.lower() in META_COLUMNS:
            return ColumnRef(header, "meta")
    exact = _exact(header, form)  # the header is a field's or an option's full path
    if exact is not None:
        return exact
    field = _field_suffix(header, names)
    if field is not None:
        return ColumnRef(header, "field", field)
    for separator in ("/", "-", "."):  # Kobo's group separator may be "." (q.opt)
        head, sep, option = header.rpartition(separator)
        if not sep:
            continue
        question = _field_suffix(head, names)
        if question is None:
            continue
        definition = form.question(question)
        if definition is None:
            continue
        is_option = option in form.choice_names(definition.list_name or "") or separator == "/"
        if definition.type == "select_multiple" and definition.list_name and is_option:
            return ColumnRef(header, "option", question, option)
        if definition.type in ("geopoint", "start-geopoint") and _ODK_GEO.match(header):
            return ColumnRef(header, "geo_part", question)
    kobo_geo = _KOBO_GEO.match(header.rsplit("/", 1)[-1])
    if kobo_geo:
        question = _field_suffix(kobo_geo.group("q"), names)
        if question is not None:
            return ColumnRef(header, "geo_part", question)
    return ColumnRef(header, "unknown")
