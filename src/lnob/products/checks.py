"""Checks of one country's inputs for `python build.py validate`.

Each reads the inputs exactly as a document's notebook does (the same loaders), so
`validate` reports the same InputError, with file, row and column, that the build would,
without building anything.
"""

from __future__ import annotations

from pathlib import Path

from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.spec import DocumentSpec
from lnob.yamlio import did_you_mean, line_in, load_yaml

SURVEY_FILE = "survey.yaml"
BRIEF_FILE = "brief.yaml"


def check_stocktake(paths: ProjectPaths, iso3: str) -> None:
    """The country's stocktake folder (sources.csv, focus.yaml, opensdg/), if it has one."""
    from lnob.coalition import load_coalition
    from lnob.stocktake import analyse_country, load_project_indicators, load_taxonomy

    country = paths.country_dir(iso3)
    if not (country / "stocktake").is_dir():
        return
    official = load_coalition(paths.coalition_file).indicator_list
    indicators = load_project_indicators(paths.data / "sdg", official)
    analyse_country(country, indicators, load_taxonomy(paths.data / "taxonomy.yaml"))


def survey_folders(paths: ProjectPaths, iso3: str) -> list[Path]:
    surveys = paths.country_dir(iso3) / "surveys"
    if not surveys.is_dir():
        return []
    return sorted(p.parent for p in surveys.glob(f"*/{SURVEY_FILE}"))


def check_surveys(paths: ProjectPaths, iso3: str) -> list[str]:
    """Every survey of the country: survey.yaml, its XLSForm and its export, read together,
    with every check estimating makes first (lnob.survey.estimation.check_survey).

    Returns warnings: answers of a select_multiple with no column in the export (split 0/1
    columns), which the documents show as not in the export, never as 0%.
    """
    from lnob.sdmx.codes import load_codes
    from lnob.sdmx.series import check_series
    from lnob.survey.estimation import check_survey

    warnings = []
    for folder in survey_folders(paths, iso3):
        data = check_survey(folder)  # what estimating checks first, without estimating
        check_series(data.config, load_codes())  # what every SDMX file checks first
        warnings += [
            f"{folder / SURVEY_FILE}: {m.where}, question '{m.column}': option(s) "
            f"{', '.join(data.absent_options.get(m.column or '', m.examples))} have no "
            "column in the export; nobody's choice of them can be seen, so documents show "
            "them as not in the export (export again with every option's column to get "
            "their figures)"
            for m in data.mismatches
            if m.kind == "missing_option"
        ]
    _check_brief_categories(paths, iso3)
    return warnings


def _check_brief_categories(paths: ProjectPaths, iso3: str) -> None:
    """Each brief.yaml of the country names categories its survey's choice lists have."""
    from lnob.products.brief_figures import check_categories

    for spec_path in sorted((paths.briefs / iso3).glob(f"*/{BRIEF_FILE}")):
        survey_id = load_yaml(spec_path, "brief_figures").get("survey")
        folder = paths.country_dir(iso3) / "surveys" / str(survey_id)
        if survey_id and (folder / SURVEY_FILE).is_file():
            check_categories(spec_path, folder)


def brief_file(paths: ProjectPaths, spec: DocumentSpec) -> Path:
    """`briefs/<ISO3>/<slug>/brief.yaml`: the figures a brief shows."""
    assert spec.country is not None
    return paths.briefs / spec.country / spec.slug / BRIEF_FILE


def read_brief_file(paths: ProjectPaths, spec: DocumentSpec) -> tuple[Path, dict, str]:
    """A brief's brief.yaml checked against its survey before anything is estimated: the file
    exists and follows its schema, the survey it names exists, and every analysis, group and
    category it names is one the survey has. The brief's build reads it through this, and
    `python build.py validate` runs it: both name the same problem."""
    path = brief_file(paths, spec)
    shown = path.relative_to(paths.root).as_posix()
    if not path.is_file():
        raise InputError(
            path,
            f"the {spec.country} brief '{spec.slug}' has no brief.yaml: the file that says "
            "which survey figures it shows",
            expected=f"{shown}, beside the brief's text",
            found="nothing",
            hint=f"Create {shown} with 'survey', 'headlines', 'chart' and 'table' "
            "(docs/formats/briefs.md, 'brief.yaml'); briefs/KEN/health-access/brief.yaml "
            "is an example",
        )
    figures = load_yaml(path, "brief_figures")
    folders = check_document_surveys(spec, paths)
    survey_id = figures.get("survey") or (spec.surveys[0] if spec.surveys else None)
    if survey_id is None:
        raise InputError(
            path,
            "no survey for the brief's figures",
            expected="'survey: <id>' in brief.yaml or in the brief's entry of coalition.yaml",
            found="neither",
            hint="Name it under 'survey', or give the brief a survey in coalition.yaml",
        )
    folder = (
        folders[spec.surveys.index(survey_id)]
        if survey_id in spec.surveys
        else survey_folder(paths, spec.country or "", survey_id, path, ["survey"], "brief.yaml")
    )
    check_brief_names(path, figures, folder)
    from lnob.products.brief_figures import check_categories

    check_categories(path, folder)
    return path, figures, survey_id


def check_brief_names(path: Path, figures: dict, survey_dir: Path) -> None:
    """Every analysis and group brief.yaml names is an `id` under 'analyses' and a key under
    'groups' of the survey's survey.yaml."""
    from lnob.survey.config import load_survey_config

    config = load_survey_config(survey_dir)
    analyses = [a.id for a in config.analyses]
    groups = [g.key for g in config.groups]
    named: list[tuple[list[str | int], str, list[str]]] = []
    for i, h in enumerate(figures.get("headlines", ())):
        if "analysis" in h:
            named.append((["headlines", i, "analysis"], h["analysis"], analyses))
        if "group" in h:
            named.append((["headlines", i, "group"], h["group"], groups))
    for part in ("chart", "table"):
        spec = figures.get(part) or {}
        if "analysis" in spec:
            named.append(([part, "analysis"], spec["analysis"], analyses))
        if "group" in spec:
            named.append(([part, "group"], spec["group"], groups))
        for k, group in enumerate(spec.get("groups", ())):
            named.append(([part, "groups", k], group, groups))
    survey = f"{survey_dir.name}/{SURVEY_FILE}"
    for keys, value, known in named:
        if value in known:
            continue
        what = "analysis" if known is analyses else "group"
        key = ".".join(str(k) for k in keys)
        raise InputError(
            path,
            f"{key}: no {what} '{value}' in the survey {survey_dir.name}"
            f"{did_you_mean(str(value), known)}",
            row=line_in(path, keys),
            column=key,
            expected=f"an {what} of {survey} ({', '.join(known)})"
            if what == "analysis"
            else f"a group of {survey} ({', '.join(known)})",
            found=value,
            hint=f"Write the {what}'s name as survey.yaml has it "
            f"({'its id under analyses' if what == 'analysis' else 'its key under groups'})",
        )


def survey_folder(
    paths: ProjectPaths, iso3: str, survey_id: str, named_in: Path, keys: list[str | int], who: str
) -> Path:
    """The folder of the country's survey `survey_id`, which `who` names at `keys` of the
    file `named_in` (coalition.yaml or a brief.yaml): an InputError there if it has none,
    with the ids that exist and the nearest one."""
    surveys = paths.country_dir(iso3) / "surveys"
    folder = surveys / str(survey_id)
    if (folder / SURVEY_FILE).is_file():
        return folder
    known = [p.name for p in survey_folders(paths, iso3)]
    where = surveys.relative_to(paths.root).as_posix()
    key = ".".join(str(k) for k in keys)
    raise InputError(
        named_in,
        f"{who} names survey '{survey_id}', which has no folder in {where}/"
        f"{did_you_mean(str(survey_id), known)}",
        row=line_in(named_in, keys),
        column=key,
        expected=f"the id of a survey folder of {where}/ ({', '.join(known) or 'none yet'})",
        found=survey_id,
        hint=f"Fix '{keys[-1] if isinstance(keys[-1], str) else keys[-2]}' in "
        f"{named_in.relative_to(paths.root).as_posix()}, or add the survey's folder "
        "with its survey.yaml",
    )


def _document_keys(path: Path, spec: DocumentSpec) -> tuple[list[str | int], dict]:
    """Where a country's document is in coalition.yaml (its keys), and its entry."""
    raw = load_yaml(path)
    for i, c in enumerate(raw["countries"]):
        if c["code"] != spec.country:
            continue
        for j, d in enumerate(c["documents"]):
            if (d["product"], d.get("slug", d["product"]), d["year"]) == (
                spec.product,
                spec.slug,
                spec.year,
            ):
                return ["countries", i, "documents", j], d
    raise KeyError(spec.id)  # a spec comes from coalition.yaml: never reached


def check_document_surveys(spec: DocumentSpec, paths: ProjectPaths) -> list[Path]:
    """The folders of the surveys a document names in coalition.yaml (`survey:` or
    `surveys:`): the build's products read them through this, `validate` checks them alike."""
    if spec.country is None or not spec.surveys:
        return []
    keys, entry = _document_keys(paths.coalition_file, spec)
    who = f"{spec.country} {spec.product} '{spec.slug}'"
    folders = []
    for k, survey_id in enumerate(spec.surveys):
        at = [*keys, "survey"] if entry.get("survey") == survey_id else [*keys, "surveys", k]
        folders.append(survey_folder(paths, spec.country, survey_id, paths.coalition_file, at, who))
    return folders
