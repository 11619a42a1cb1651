"""Checks of one country's inputs for `python build.py validate`.

Each reads the inputs exactly as a document's notebook does (the same loaders), so
`validate` reports the same InputError, with file, row and column, that the build would,
without building anything.
"""

from __future__ import annotations

from pathlib import Path

from lnob.paths import ProjectPaths

SURVEY_FILE = "survey.yaml"
BRIEF_FILE = "brief.yaml"


def check_stocktake(paths: ProjectPaths, iso3: str) -> None:
    """The country's stocktake folder (sources.csv, focus.yaml, opensdg/), if it has one."""
    from lnob.stocktake import analyse_country, load_project_indicators, load_taxonomy

    country = paths.country_dir(iso3)
    if not (country / "stocktake").is_dir():
        return
    indicators = load_project_indicators(paths.data / "sdg")
    analyse_country(country, indicators, load_taxonomy(paths.data / "taxonomy.yaml"))


def survey_folders(paths: ProjectPaths, iso3: str) -> list[Path]:
    surveys = paths.country_dir(iso3) / "surveys"
    if not surveys.is_dir():
        return []
    return sorted(p.parent for p in surveys.glob(f"*/{SURVEY_FILE}"))


def check_surveys(paths: ProjectPaths, iso3: str) -> None:
    """Every survey of the country: survey.yaml, its XLSForm and its export, read together."""
    from lnob.survey.estimation import check_survey

    for folder in survey_folders(paths, iso3):
        check_survey(folder)  # what estimating checks first, without estimating
    _check_brief_categories(paths, iso3)


def _check_brief_categories(paths: ProjectPaths, iso3: str) -> None:
    """Each brief.yaml of the country names categories its survey's choice lists have."""
    from lnob.products.brief_figures import check_categories
    from lnob.yamlio import load_yaml

    for spec_path in sorted((paths.briefs / iso3).glob(f"*/{BRIEF_FILE}")):
        survey_id = load_yaml(spec_path, "brief_figures").get("survey")
        folder = paths.country_dir(iso3) / "surveys" / str(survey_id)
        if survey_id and (folder / SURVEY_FILE).is_file():
            check_categories(spec_path, folder)
