"""Plan a build: the documents to make, their stage keys, and which stages are dirty.

Everything is computed in the main process from hashes, so a no-op build starts
no worker and no kernel. Build-wide parts (package, tools, fonts, catalogues) are
hashed once; per-document parts are the notebook's code, the parameters, the
declared inputs and the document's part of coalition.yaml.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from lnob.atomic import write_text
from lnob.coalition import Coalition
from lnob.i18n.fonts import family_files
from lnob.i18n.formatting import Formatter
from lnob.i18n.languages import Languages
from lnob.identity import load_identity
from lnob.inputs import declared_inputs
from lnob.paths import PACKAGE_DIR, ProjectPaths, confined
from lnob.registry import parameters
from lnob.spec import DocumentSpec
from lnob.stages.formats import KeyInputs, formats_for, output_formats
from lnob.store.keys import (
    Digests,
    StageKey,
    canonical_json,
    notebook_code_digest,
    package_files,
    sha256_text,
    tool_versions,
    tree_digest,
)
from lnob.survey.formtext import form_words

CORE_STAGES = ("execute", "render")  # every document's; then each output format's stage
EXECUTE_TOOLS = (
    "papermill",
    "nbclient",
    "ipykernel",
    "pandas",
    "numpy",
    "samplics",
    "openpyxl",
    "xlrd",
    "pyxform",
    "jsonschema",
    "pyyaml",
    "pycountry",
    "babel",  # country and language names and dates are formatted when a notebook runs
)
RENDER_TOOLS = ("matplotlib", "babel", "jinja2", "pypandoc-binary")


def stages() -> tuple[str, ...]:
    """Every stage a document goes through, in order: execute, render, each output format."""
    return (*CORE_STAGES, *(f.name for f in output_formats()))


def upstream_of(stage: str) -> str | None:
    """The stage whose output `stage` reads (None for execute)."""
    if stage == "execute":
        return None
    if stage == "render":
        return "execute"
    return next(f.reads for f in output_formats() if f.name == stage)


@dataclass(frozen=True)
class BuildOptions:
    engine: str = "auto"
    executor: str = "inprocess"
    jobs: int = max(os.cpu_count() or 1, 1)
    force: bool = False
    release: bool = False
    draft: bool = False


@dataclass(frozen=True)
class DocTask:
    spec: DocumentSpec
    notebook: Path
    parameters: dict[str, Any]
    keys: dict[str, StageKey]
    dirty: dict[str, list[str]]  # stage -> reasons (empty list: clean)
    work: Path
    page_budget: int | None
    input_files: dict[str, str]  # relative path -> digest, kept to explain rebuilds
    build_date: str
    data_hash: str
    code_version: str
    options: BuildOptions = field(default_factory=BuildOptions)

    @property
    def needs_work(self) -> bool:
        return any(self.dirty.values())


def build_date(spec: DocumentSpec) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return spec.publication_date


def coalition_part(coalition: Coalition, spec: DocumentSpec) -> str:
    """The part of coalition.yaml a document depends on (not other countries' entries)."""
    c = None if spec.country is None else coalition.country(spec.country)
    return canonical_json(
        {
            "name": coalition.name,
            "demo": coalition.demo,
            "members": coalition.members,
            "page_size": coalition.page_size,
            "product": coalition.products[spec.product].__dict__,
            "country": None
            if c is None
            else {
                "code": c.code,
                "languages": c.languages,
                "partners": c.partners,
                "documents": [d.id for d in c.documents],
            },
            "countries": [x.code for x in coalition.countries]
            if spec.product == "synthesis"
            else [],
            "spec": spec.__dict__,
        }
    )


class Planner:
    def __init__(
        self,
        paths: ProjectPaths,
        coalition: Coalition,
        options: BuildOptions,
        engine_version: str,
        languages: Languages,
    ) -> None:
        self.paths = paths
        self.coalition = coalition
        self.options = options
        self.digests = Digests(paths.cache / "digests.json")
        self.languages = languages
        self.package = self.digests.tree(package_files(PACKAGE_DIR), PACKAGE_DIR)
        self.tools = {
            s: sha256_text(tool_versions(t))
            for s, t in (
                ("execute", EXECUTE_TOOLS),
                ("render", RENDER_TOOLS),
                *((f.name, f.tools) for f in output_formats()),
            )
        }
        self.engine_version = engine_version
        self.languages_digest = self.digests.file(paths.languages_file)
        # colours, chart palette and logo: checked here, so a bad identity stops the build
        self.identity = self.digests.tree(load_identity(paths.identity_file).files(), paths.root)

    @cache  # noqa: B019
    def _notebook(self, path: Path) -> str:
        return notebook_code_digest(path)

    @cache  # noqa: B019
    def _catalogue(self, lang: str) -> str:
        po = confined(self.paths.locale / lang / "LC_MESSAGES" / "messages.po", self.paths.root)
        return self.digests.file(po) if po.is_file() else "none"

    @cache  # noqa: B019
    def _form_words(self, lang: str) -> str:
        po = self.paths.locale / lang / "LC_MESSAGES" / "messages.po"
        if po.exists() or po.is_symlink():
            confined(po, self.paths.root, "catalogue")
        return sha256_text(canonical_json(form_words(self.paths.locale, lang)))

    @cache  # noqa: B019
    def _formatting(self, lang: str) -> str:
        """The language's locale and digits as the notebook's formatter reads them (country
        names, dates); the rest of languages.yaml (fonts, direction) is the render key's."""
        return sha256_text(canonical_json(Formatter(self.languages[lang]).settings))

    @cache  # noqa: B019
    def _fonts(self, lang: str) -> str:
        files = [f for fam in self.languages[lang].fonts for f in family_files(fam)]
        return sha256_text(
            canonical_json({str(f): self.digests.file(f) for f in files if f.is_file()})
        )

    def task(self, spec: DocumentSpec) -> DocTask:
        product = self.coalition.products[spec.product]
        notebook = confined(self.paths.notebooks / product.notebook, self.paths.root, "notebook")
        params = parameters(spec)
        input_files = self.digests.files(declared_inputs(spec, self.paths), self.paths.root)
        data_hash = tree_digest(input_files)
        execute = StageKey(
            "execute",
            {
                "notebook": self._notebook(notebook),
                "parameters": sha256_text(canonical_json({**params, "preview": False})),
                "inputs": data_hash,
                "coalition": sha256_text(coalition_part(self.coalition, spec)),
                "package": self.package,
                "tools": self.tools["execute"],
                "executor": self.options.executor,
                "language": self._formatting(spec.language),
                # neutral words survey labels get when the notebook runs (not the catalogue:
                # any other translation fix only re-renders)
                "form_words": self._form_words(spec.language),
            },
        )
        date = build_date(spec)
        render = StageKey(
            "render",
            {
                "execute": execute.digest,
                "catalogue": self._catalogue(spec.language),
                "languages": self.languages_digest,
                "package": self.package,
                "engine": sha256_text(self.engine_version),
                "fonts": self._fonts(spec.language),
                "identity": self.identity,
                "tools": self.tools["render"],
                "build_date": date,
                "release": str(self.options.release),
            },
        )
        keys = {"execute": execute, "render": render}
        inputs = KeyInputs(
            spec,
            self._fonts(spec.language),
            product.page_budget,
            self.options.draft,
            self.options.release,
        )
        for fmt in formats_for(spec):
            keys[fmt.name] = StageKey(
                fmt.name,
                {
                    fmt.reads: keys[fmt.reads].digest,
                    "tools": self.tools[fmt.name],
                    **fmt.key_parts(inputs),
                },
            )
        work = self.paths.cache / "docs" / spec.id
        dirty = self._dirty(keys, work, input_files)
        return DocTask(
            spec,
            notebook,
            params,
            keys,
            dirty,
            work,
            product.page_budget,
            input_files,
            date,
            data_hash,
            f"lnob {self.package[:12]}",
            self.options,
        )

    def _dirty(
        self, keys: dict[str, StageKey], work: Path, input_files: dict[str, str]
    ) -> dict[str, list[str]]:
        state = read_state(work)
        artifacts = {
            "execute": work / "executed.ipynb",
            "render": work / "render" / "index.html",
            **{f.name: work / f.work_file for f in output_formats()},
        }
        dirty: dict[str, list[str]] = {}
        for stage in keys:  # the core stages and the formats made for this document, in order
            old = state.get(stage)
            upstream = upstream_of(stage)
            if self.options.force:
                reasons = ["--force"]
            elif upstream is not None and dirty[upstream]:
                reasons = [f"{upstream} is rebuilt"]
            elif old is None or not artifacts[stage].exists():
                reasons = ["never built" if old is None else "output missing"]
            elif old.get("key") != keys[stage].digest:
                reasons = [f"{name} changed" for name in keys[stage].changes_from(old.get("parts"))]
                if stage == "execute" and "inputs changed" in reasons:
                    reasons.remove("inputs changed")
                    reasons[:0] = changed_files(old.get("files", {}), input_files)
                reasons = reasons or ["key changed"]
            else:
                reasons = []
            dirty[stage] = reasons
        return dirty


def changed_files(old: dict[str, str], new: dict[str, str], limit: int = 5) -> list[str]:
    names = sorted(set(old) | set(new))
    out = []
    for n in names:
        if n not in old:
            out.append(f"{n} added")
        elif n not in new:
            out.append(f"{n} removed")
        elif old[n] != new[n]:
            out.append(f"{n} changed")
    if len(out) > limit:
        out = out[:limit] + [f"and {len(out) - limit} more file(s)"]
    return out or ["inputs changed"]


def read_state(work: Path) -> dict[str, Any]:
    try:
        return json.loads((work / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_state(work: Path, stage: str, key: StageKey, extra: dict[str, Any] | None = None) -> None:
    state = read_state(work)
    state[stage] = {"key": key.digest, "parts": key.parts, **(extra or {})}
    # a rebuilt stage invalidates the ones that read it until they are rebuilt too
    for later in downstream_of(stage):
        state.pop(later, None)
    write_text(work / "state.json", json.dumps(state, indent=1, sort_keys=True))


def downstream_of(stage: str) -> list[str]:
    """The stages that read `stage`'s output, directly or through another."""
    out: list[str] = []
    for later in stages():
        up = upstream_of(later)
        if up == stage or up in out:
            out.append(later)
    return out
