"""Load and validate a survey's ``survey.yaml`` into a frozen :class:`SurveyConfig`.

The file is checked against ``lnob/schemas/survey.schema.json``; a violation becomes an
:class:`~lnob.errors.InputError` naming the line of survey.yaml and the offending key. Paths in
the file are relative to the survey folder. Dates stay ISO strings (YAML timestamps are not
resolved), so what is validated is what was written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from lnob.errors import InputError, read_input_text
from lnob.yamlio import check_date, safe_load_text, schema_message, unknown_key, validator

SURVEY_FILE = "survey.yaml"
GROUP_KEYS = (
    "sex",
    "age",
    "disability",
    "location",
    "income",
    "religion",
    "ethnicity",
    "origin",
    "education",
    "other",
)
WG_DOMAINS = ("vision", "hearing", "mobility", "cognition", "self_care", "communication")
Text = Mapping[str, str]


@dataclass(frozen=True)
class RepeatSource:
    repeat: str
    file: Path
    sheet: str | None
    parent_key: str | None


@dataclass(frozen=True)
class ExportSpec:
    file: Path
    sheet: str | None
    delimiter: str | None
    key: str | None
    repeats: tuple[RepeatSource, ...]


@dataclass(frozen=True)
class DesignSpec:
    weight: str | None = None
    strata: str | None = None
    cluster: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c for c in (self.weight, self.strata, self.cluster) if c)


@dataclass(frozen=True)
class ExtraColumn:
    name: str
    labels: Text
    type: str
    list_name: str | None
    repeat: str | None


@dataclass(frozen=True)
class GroupSpec:
    key: str
    question: str | None
    bins: tuple[float, ...]
    where: Mapping[str, str]
    washington_group: Mapping[str, str] | None  # domain -> question; empty mapping = "auto"
    labels: Text


@dataclass(frozen=True)
class AnalysisSpec:
    id: str
    question: str
    indicator: str
    count_as: tuple[str, ...]
    labels: Text
    sdg_series: str | None = None  # the UN SDG series it measures, as the UN defines it


@dataclass(frozen=True)
class PrivacySpec:
    drop_types: tuple[str, ...] = ()
    drop_names: tuple[str, ...] = ()
    identifying_text: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyConfig:
    """Everything survey.yaml says, validated, with paths resolved against its folder."""

    path: Path
    id: str
    demo: bool
    country: str
    title: Text
    organisation: Text
    dates: tuple[str, str] | None  # declared fieldwork; the period shown: lnob.survey.fieldwork
    sample_description: Text
    sample_unit: str
    target_size: int | None
    consent: Text
    form: Path
    form_language: str | None
    export: ExportSpec
    subset: Mapping[str, tuple[str, ...]]
    design: DesignSpec
    extra_columns: tuple[ExtraColumn, ...]
    missing_codes: Mapping[str, tuple[str, ...]]
    privacy: PrivacySpec
    min_cell: int
    min_base: int
    max_cv: float
    groups: tuple[GroupSpec, ...]
    analyses: tuple[AnalysisSpec, ...]
    #: numeric questions whose code-like values are real answers (``missing_codes: {q: keep}``)
    real_values: frozenset[str] = frozenset()

    @property
    def directory(self) -> Path:
        return self.path.parent

    def files(self) -> tuple[Path, ...]:
        """survey.yaml, the form and every export file, in a stable order."""
        repeat_files = [r.file for r in self.export.repeats if r.file != self.export.file]
        return tuple(dict.fromkeys([self.path, self.form, self.export.file, *repeat_files]))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader (libyaml's where available: ~8x faster) that keeps dates as the strings
    that were written."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def survey_schema() -> dict[str, Any]:
    text = resources.files("lnob").joinpath("schemas", "survey.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _line_of(text: str, location: list[str | int]) -> int | None:
    """1-based line of the YAML node at ``location`` (keys and list indexes)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    for step in location:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == step]
            if not match:
                break
            node = match[0]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


def line_of_key(config: SurveyConfig, location: list[str | int]) -> int | None:
    """The line of survey.yaml that holds ``location`` (keys and list indexes), for messages."""
    return _line_of(read_input_text(config.path, "yaml"), location)


def _text(value: Any, default_key: str = "und") -> Text:
    if value is None:
        return MappingProxyType({})
    if isinstance(value, str):
        return MappingProxyType({default_key: value})
    return MappingProxyType(dict(value))


#: ``missing_codes: {question: keep}``: the question's code-like values are real answers.
KEEP = "keep"


def _code(value: Any) -> str:
    """Missing codes compare as text: 999 and 999.0 and "999" are all "999"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def load_survey_config(survey_dir: Path) -> SurveyConfig:
    """Read ``survey_dir/survey.yaml``; raise :class:`InputError` on anything invalid."""
    path = Path(survey_dir) / SURVEY_FILE
    if not path.is_file():
        raise InputError(path, "survey.yaml not found", hint="Every survey folder needs one")
    text = read_input_text(path, "yaml")
    data = safe_load_text(text, path, loader=_Loader)
    dates = data.get("dates") if isinstance(data, dict) else None
    for key in ("start", "end"):
        if isinstance(dates, dict) and key in dates:
            check_date(path, dates[key], ["dates", key])
    checker = validator(survey_schema())
    errors = sorted(
        checker.iter_errors(data),
        key=lambda e: (list(e.absolute_path), e.validator != "additionalProperties"),
    )
    if errors:
        first = errors[0]
        location = list(first.absolute_path)
        unknown = unknown_key(first)
        raise InputError(
            path,
            f"invalid survey.yaml: {schema_message(first)}",
            row=_line_of(text, location if unknown is None else [*location, unknown]),
            column=".".join(str(p) for p in location) or None,
            expected="one of the known keys"
            if unknown is not None
            else first.schema.get("description") or json.dumps(first.validator_value)[:120],
            found=None
            if isinstance(first.instance, dict) or len(repr(first.instance)) > 60
            else first.instance,
            hint="See docs/formats/survey.md for every key survey.yaml accepts",
        )
    return _build(path, text, data)


def _existing(path: Path, text: str, location: list[str | int], name: str) -> Path:
    target = (path.parent / name).resolve()
    if not target.is_file():
        raise InputError(
            path,
            f"file named in survey.yaml does not exist: {target}",
            row=_line_of(text, location),
            column=".".join(map(str, location)),
            hint="Paths are relative to the folder of survey.yaml",
        )
    return target


def _build(path: Path, text: str, data: dict[str, Any]) -> SurveyConfig:
    export = data["export"]
    main_file = _existing(path, text, ["export", "file"], export["file"])
    repeats = tuple(
        RepeatSource(
            repeat=name,
            file=_existing(path, text, ["export", "repeats", name, "file"], spec["file"])
            if "file" in spec
            else main_file,
            sheet=spec.get("sheet"),
            parent_key=spec.get("parent_key"),
        )
        for name, spec in (export.get("repeats") or {}).items()
    )
    groups = tuple(
        GroupSpec(
            key=key,
            question=spec.get("question"),
            bins=tuple(float(b) for b in spec.get("bins", ())),
            where=MappingProxyType({k: str(v) for k, v in spec.get("where", {}).items()}),
            washington_group=None
            if "washington_group" not in spec
            else MappingProxyType(
                {} if spec["washington_group"] == "auto" else dict(spec["washington_group"])
            ),
            labels=_text(spec.get("label")),
        )
        for key, spec in (data.get("groups") or {}).items()
    )
    analyses = tuple(
        AnalysisSpec(
            id=item.get("id", item["question"]),
            question=item["question"],
            indicator=item["indicator"],
            count_as=tuple(str(c) for c in item.get("count_as", ())),
            labels=_text(item.get("label")),
            sdg_series=item.get("sdg_series"),
        )
        for item in data["analyses"]
    )
    seen: set[str] = set()
    for index, analysis in enumerate(analyses):
        if analysis.id in seen:
            raise InputError(
                path,
                f"two analyses have the id '{analysis.id}'",
                row=_line_of(text, ["analyses", index]),
                column=f"analyses.{index}.id",
                hint="Give the second one its own 'id'",
            )
        seen.add(analysis.id)
    privacy = data.get("privacy") or {}
    sample = data["sample"]
    return SurveyConfig(
        path=path.resolve(),
        id=data["id"],
        demo=data["demo"],
        country=data["country"],
        title=_text(data["title"]),
        organisation=_text(data.get("organisation")),
        dates=(data["dates"]["start"], data["dates"]["end"]) if "dates" in data else None,
        sample_description=_text(sample["description"]),
        sample_unit=sample.get("unit", "household"),
        target_size=sample.get("target_size"),
        consent=_text(data["consent"]),
        form=_existing(path, text, ["form"], data["form"]),
        form_language=data.get("form_language"),
        export=ExportSpec(
            file=main_file,
            sheet=export.get("sheet"),
            delimiter=export.get("delimiter"),
            key=export.get("key"),
            repeats=repeats,
        ),
        subset=MappingProxyType({k: tuple(v) for k, v in (data.get("subset") or {}).items()}),
        design=DesignSpec(**(data.get("design") or {})),
        extra_columns=tuple(
            ExtraColumn(
                name=name,
                labels=_text(spec.get("label")),
                type=spec.get("type", "select_one" if "list_name" in spec else "text"),
                list_name=spec.get("list_name"),
                repeat=spec.get("repeat"),
            )
            for name, spec in (data.get("extra_columns") or {}).items()
        ),
        missing_codes=MappingProxyType(
            {
                k: tuple(_code(c) for c in v)
                for k, v in (data.get("missing_codes") or {}).items()
                if v != KEEP
            }
        ),
        real_values=frozenset(k for k, v in (data.get("missing_codes") or {}).items() if v == KEEP),
        privacy=PrivacySpec(
            drop_types=tuple(privacy.get("drop_types", ())),
            drop_names=tuple(privacy.get("drop_names", ())),
            identifying_text=tuple(privacy.get("identifying_text", ())),
        ),
        min_cell=(data.get("disclosure") or {}).get("min_cell", 10),
        min_base=(data.get("reliability") or {}).get("min_base", 30),
        max_cv=float((data.get("reliability") or {}).get("max_cv", 0.3)),
        groups=groups,
        analyses=analyses,
    )
