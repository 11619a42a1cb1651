"""SDMX out, as output formats of each research report and of each synthesis (issue 22).

Three files, each a registered format so that the site lists, checks and announces it: the
structure-specific data (SDMX-ML 2.1), the same data as SDMX-CSV, and the structure message
(concept scheme, code lists, data structure definition and dataflow) they follow, so a tool
with only what the site offers can read them. They are made by `lnob.sdmx` from the report's
survey result, read from the build's survey cache; a format reads the executed notebook, so
it is made again exactly when the survey data, its configuration or the language change.

A synthesis carries the coalition's file: every survey behind the research it draws on, all
countries in one dataflow (REF_AREA tells them apart; each survey's own series codes keep
different questions apart), so an NSO or a UN agency takes one file for the whole coalition.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lnob.atomic import write_bytes
from lnob.doc.text import _
from lnob.errors import LnobError
from lnob.registry import product_kind
from lnob.spec import DocumentSpec
from lnob.stages.formats import FormatJob, Made, OutputFormat, register

SURVEYS_DIR = "surveys"


def _applies(spec: DocumentSpec) -> bool:
    """A research report's own figures; the coalition's, all countries', with a synthesis
    (the surveys behind the research it draws on: `Coalition.synthesis_surveys`)."""
    if spec.product == "research":
        return bool(spec.surveys) and bool(spec.country)
    return product_kind(spec.product).scope == "synthesis" and bool(spec.surveys)


@lru_cache(maxsize=2)  # the three formats of one document run one after the other
def _messages(
    surveys: tuple[Path, ...], lang: str, data: Path, cache: Path, name: str, _stamp: int
) -> tuple[tuple[bytes, bytes, bytes], tuple[str, ...]]:
    from lnob.sdmx import messages
    from lnob.sdmx.data import to_csv, to_xml
    from lnob.survey.cache import cached_analysis
    from lnob.survey.formtext import catalogue_words

    names = None  # the groups' names as the report shows them (lnob.products.research)
    words = catalogue_words(data.parent / "locale")
    results, left_out = [], []
    for survey in surveys:
        try:
            results.append(cached_analysis(survey, lang, names, cache, words))
        except LnobError as exc:
            if len(surveys) == 1:  # a report's own survey: the report cannot be made
                raise
            # the synthesis leaves a survey it cannot read out, and says so; so does its file
            left_out.append(f"{survey.name}: left out of the SDMX files: {exc}")
    if not results:
        raise LnobError(f"none of the surveys could be read: {'; '.join(left_out)}")
    structure, data_msg = messages(results, name)
    files = (to_xml(structure), to_xml(data_msg), to_csv(data_msg).encode("utf-8"))
    return files, tuple(left_out)


def _survey_folders(job: FormatJob) -> tuple[Path, ...]:
    spec = job.spec
    if spec.country is not None:  # a research report
        return (job.paths.country_dir(spec.country) / SURVEYS_DIR / spec.surveys[0],)
    from lnob.coalition import load_coalition
    from lnob.synthesis.countries import country_documents

    coalition = load_coalition(job.paths.coalition_file)
    return tuple(
        job.paths.country_dir(c.code) / SURVEYS_DIR / s
        for c in country_documents(coalition, spec.year, spec.publication_date)
        for s in c.surveys
    )


def _files(job: FormatJob) -> tuple[tuple[bytes, bytes, bytes], tuple[str, ...]]:
    stamp = job.source.stat().st_mtime_ns  # a new execution: read the result again
    return _messages(  # type: ignore[no-any-return]
        _survey_folders(job),
        job.spec.language,
        job.paths.data,
        job.paths.cache,
        job.spec.id,
        stamp,
    )


def _maker(part: int):  # -> Callable[[FormatJob], Made]
    def make(job: FormatJob) -> Made:
        files, left_out = _files(job)
        write_bytes(job.out, files[part])
        return Made(warnings=left_out if part == 1 else ())

    return make


SDMX_DATA = register(
    OutputFormat(
        "sdmx",
        "execute",
        ".sdmx.xml",
        "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
        label=_("Download the SDG figures (SDMX-ML 2.1)"),
        make=_maker(1),
        tools=("sdmx1", "lxml"),
        applies=_applies,
    )
)
SDMX_CSV = register(
    OutputFormat(
        "sdmx-csv",
        "execute",
        ".sdmx.csv",
        "application/vnd.sdmx.data+csv;version=1.0.0",
        label=_("Download the SDG figures (SDMX-CSV)"),
        make=_maker(2),
        tools=("sdmx1", "lxml"),
        applies=_applies,
    )
)
SDMX_STRUCTURE = register(
    OutputFormat(
        "sdmx-structure",
        "execute",
        ".sdmx-structure.xml",
        "application/vnd.sdmx.structure+xml;version=2.1",
        label=_("Download the structure of the SDMX files (SDMX-ML 2.1)"),
        make=_maker(0),
        tools=("sdmx1", "lxml"),
        applies=_applies,
    )
)
