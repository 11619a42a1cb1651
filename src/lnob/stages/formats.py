"""Output formats: each one a declared stage, registered here, after execute and render.

A format says what it reads (the rendered HTML folder, or the executed notebook's blocks),
what its key is made of besides that input (its tools' versions and its own settings), the
file it writes, and how the site shows it (media type, link text, facts). The plan keys each
format's stage on these (`lnob.build.plan`), the worker runs the dirty ones in order
(`lnob.build.worker`), publish copies each one's file into the site and lists it in the
catalogue (`lnob.build.publish`, `lnob.site.model.CatalogueEntry.outputs`), and the site
links it from the document's page, the feed and SHA256SUMS. Adding a format is one
`register(OutputFormat(...))` and its module (README, "Adding a format").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lnob.doc.text import Msg, _
from lnob.paths import ProjectPaths
from lnob.spec import DocumentSpec

Reads = Literal["render", "execute"]
# render: the rendered folder (`render/index.html`, its charts and data files);
# execute: the executed notebook (`executed.ipynb`), whose blocks `read_blocks` gives.
READ_PATHS: dict[str, str] = {"render": "render/index.html", "execute": "executed.ipynb"}


@dataclass(frozen=True)
class KeyInputs:
    """What the plan knows of a document that a format's key may use."""

    spec: DocumentSpec
    fonts: str  # digest of the language's font files
    page_budget: int | None
    draft: bool
    release: bool


@dataclass(frozen=True)
class FormatJob:
    """What a format's stage is given in the worker."""

    spec: DocumentSpec
    source: Path  # what it reads: the rendered index.html or the executed notebook
    out: Path  # the file to write (in the document's work folder); write it aside
    fonts: tuple[str, ...]  # the language's font families
    page_budget: int | None
    draft: bool
    page_size: str
    authored: str | None  # the document's authored text (project-relative), if any
    paths: ProjectPaths  # the project (its catalogues and languages, for a format's words)
    build_date: str  # ISO date the document is dated by (SOURCE_DATE_EPOCH's, or publication)


@dataclass(frozen=True)
class Made:
    """What a format's stage reports besides its file."""

    warnings: tuple[str, ...] = ()
    facts: Mapping[str, int] = field(default_factory=dict)  # kept with its state: pages, …


@dataclass(frozen=True)
class OutputFormat:
    name: str  # the stage's name: in keys, state.json, --explain and the catalogue
    reads: Reads
    suffix: str  # the file: `document<suffix>` in the cache, `<document id><suffix>` published
    media_type: str
    label: Msg  # the link on the document's page ("Download the PDF")
    make: Callable[[FormatJob], Made]
    tools: tuple[str, ...] = ()  # distributions whose versions are part of its key
    key_parts: Callable[[KeyInputs], dict[str, str]] = field(default=lambda _inputs: {})
    # the text beside the link; placeholders {size} (formatted) and {pages} (the PDF's)
    facts: Msg | None = None
    # the documents it is made for (every one unless it says): SDMX only for research reports
    applies: Callable[[DocumentSpec], bool] = field(default=lambda _spec: True)

    @property
    def work_file(self) -> str:
        return f"document{self.suffix}"

    def site_file(self, spec: DocumentSpec) -> str:
        """Its published file, relative to the site root."""
        return f"{spec.site_dir}/{spec.id}{self.suffix}"


_FORMATS: dict[str, OutputFormat] = {}
RESERVED = ("plan", "execute", "render", "publish")


def register(fmt: OutputFormat) -> OutputFormat:
    """Add a format; a name registered twice (or a stage's name) is refused."""
    if fmt.name in RESERVED:
        raise ValueError(f"'{fmt.name}' is a stage of every document, not a format's name")
    if fmt.name in _FORMATS and _FORMATS[fmt.name] != fmt:
        raise ValueError(f"output format '{fmt.name}' is registered twice")
    if any(f.suffix == fmt.suffix and f.name != fmt.name for f in _FORMATS.values()):
        raise ValueError(f"output format '{fmt.name}': another format writes '{fmt.suffix}'")
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    """Remove a format (tests that add a toy one take it away again)."""
    _FORMATS.pop(name, None)


def output_formats() -> tuple[OutputFormat, ...]:
    """Every registered format, in the order they run (registration order)."""
    return tuple(_FORMATS.values())


def formats_for(spec: DocumentSpec) -> tuple[OutputFormat, ...]:
    """The formats made for `spec`, in the order they run."""
    return tuple(f for f in _FORMATS.values() if f.applies(spec))


def output_format(name: str) -> OutputFormat | None:
    return _FORMATS.get(name)


# The PDF ------------------------------------------------------------------------------------


def _pdf_key(inputs: KeyInputs) -> dict[str, str]:
    return {
        "fonts": inputs.fonts,
        "page_budget": str(inputs.page_budget),
        "draft": str(inputs.draft),
    }


def _make_pdf(job: FormatJob) -> Made:
    from lnob.stages.pdf import write_pdf  # WeasyPrint loads only where PDFs are made

    out = write_pdf(
        job.source,
        job.out,
        fonts=list(job.fonts),
        where=job.spec.describe(),
        page_budget=job.page_budget,
        draft=job.draft,
        page_size=job.page_size,
        authored=job.authored,
    )
    return Made(warnings=out.warnings, facts={"pages": out.pages})


PDF = register(
    OutputFormat(
        "pdf",
        "render",
        ".pdf",
        "application/pdf",
        label=_("Download the PDF"),
        make=_make_pdf,
        tools=("weasyprint", "pydyf", "fonttools"),
        key_parts=_pdf_key,
        facts=_("PDF, {size}, pages: {pages}"),
    )
)


# registered after the PDF, in the order they run
from lnob.stages import spreadsheet  # noqa: E402, F401, I001
from lnob.stages import spreadsheet_ods  # noqa: E402, F401, I001
from lnob.stages import sdmx_formats  # noqa: E402, F401, I001
