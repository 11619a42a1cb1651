"""Verify a published PDF: is it the one the catalogue lists, and is it current?

Current means that building its document now, from the sources as they are,
would give the same stage keys as the ones it was built with.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from lnob.build.plan import BuildOptions
from lnob.errors import InputError
from lnob.paths import ProjectPaths


@dataclass(frozen=True)
class Verdict:
    pdf: Path
    doc_id: str | None
    in_catalogue: bool
    current: bool
    reasons: tuple[str, ...]

    def describe(self) -> str:
        if not self.in_catalogue:
            return (
                f"{self.pdf}: NOT in the catalogue: no published document has this SHA-256; "
                "it was changed after publication or comes from another build"
            )
        if self.current:
            return (
                f"{self.pdf}: verified: it is {self.doc_id} as published, and current "
                "(the sources and code give the same build keys today)"
            )
        return f"{self.pdf}: {self.doc_id} as published, but NOT current: " + "; ".join(
            self.reasons
        )


def verify_pdf(paths: ProjectPaths, pdf: Path, options: BuildOptions | None = None) -> Verdict:
    from lnob.build.run import Selection, plan

    catalogue_path = paths.site / "catalogue.json"
    if not catalogue_path.is_file():
        raise InputError(
            catalogue_path,
            "no catalogue to verify against",
            hint="Build the site first, or pass --site with the published folder",
        )
    if not pdf.is_file():
        raise InputError(pdf, "file not found")
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    catalogue = json.loads(catalogue_path.read_text(encoding="utf-8"))
    entry = next((d for d in catalogue["documents"] if d["pdf_sha256"] == digest), None)
    if entry is None:
        return Verdict(pdf, None, False, False, ())
    tasks, unplanned = plan(paths, options or BuildOptions(), Selection(ids=(entry["id"],)))
    if unplanned:
        return Verdict(pdf, entry["id"], True, False, (unplanned[0].error,))
    if not tasks:
        return Verdict(
            pdf, entry["id"], True, False, ("the document is no longer in data/coalition.yaml",)
        )
    task = tasks[0]
    published = entry["inputs"]
    reasons: list[str] = []
    if task.keys["execute"].digest != published["execute_key"]:
        from lnob.build.plan import changed_files

        changed = [f"{n} changed" for n in task.keys["execute"].changes_from(published["parts"])]
        if "inputs changed" in changed:
            changed.remove("inputs changed")
            changed[:0] = changed_files(published.get("files", {}), task.input_files)
        reasons += changed or ["its inputs changed"]
    elif task.keys["render"].digest != published["render_key"]:
        reasons.append("translations, templates, fonts or the render engine changed")
    elif task.keys["pdf"].digest != published["pdf_key"]:
        reasons.append("the PDF settings or WeasyPrint changed")
    return Verdict(pdf, entry["id"], True, not reasons, tuple(reasons))
