"""SDMX out, as output formats of each research report (issue 22).

Three files, each a registered format so that the site lists, checks and announces it: the
structure-specific data (SDMX-ML 2.1), the same data as SDMX-CSV, and the structure message
(concept scheme, code lists, data structure definition and dataflow) they follow, so a tool
with only what the site offers can read them. They are made by `lnob.sdmx` from the report's
survey result, read from the build's survey cache; a format reads the executed notebook, so
it is made again exactly when the survey data, its configuration or the language change.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lnob.atomic import write_bytes
from lnob.doc.text import _
from lnob.spec import DocumentSpec
from lnob.stages.formats import FormatJob, Made, OutputFormat, register

SURVEYS_DIR = "surveys"


def _applies(spec: DocumentSpec) -> bool:
    return spec.product == "research" and bool(spec.surveys) and bool(spec.country)


@lru_cache(maxsize=2)  # the three formats of one document run one after the other
def _messages(survey: Path, lang: str, data: Path, cache: Path, name: str, _stamp: int) -> tuple:
    from lnob.sdmx import messages
    from lnob.sdmx.data import to_csv, to_xml
    from lnob.stocktake import load_taxonomy
    from lnob.survey.cache import cached_analysis
    from lnob.survey.formtext import catalogue_words

    taxonomy = load_taxonomy(data / "taxonomy.yaml")
    names = {g.key: dict(g.labels) for g in taxonomy.groups}
    result = cached_analysis(survey, lang, names, cache, catalogue_words(data.parent / "locale"))
    structure, data_msg = messages([result], name)
    return to_xml(structure), to_xml(data_msg), to_csv(data_msg).encode("utf-8")


def _files(job: FormatJob) -> tuple[bytes, bytes, bytes]:
    spec = job.spec
    assert spec.country is not None  # _applies
    survey = job.paths.country_dir(spec.country) / SURVEYS_DIR / spec.surveys[0]
    stamp = job.source.stat().st_mtime_ns  # a new execution: read the result again
    return _messages(  # type: ignore[no-any-return]
        survey, spec.language, job.paths.data, job.paths.cache, spec.id, stamp
    )


def _maker(part: int):  # -> Callable[[FormatJob], Made]
    def make(job: FormatJob) -> Made:
        content = _files(job)[part]
        write_bytes(job.out, content)
        return Made()

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
