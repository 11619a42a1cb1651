"""`--site DIR` deletes only what the build wrote there, and a document removed from
coalition.yaml is withdrawn from the site: its files gone, the catalogue and feed saying so."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.build.sitefiles import SiteManifest
from lnob.paths import ProjectPaths
from lnob.site.feed import ATOM, TOMBSTONES, stable_id
from tests.conftest import ROOT

FOREIGN = {  # what a user keeps in the folder they name with --site
    "notes.old": b"my notes",
    "drafts.part/keep.txt": b"a draft",
    "bgd/mine.txt": b"mine",
    "bgd/women-health/en/.photo.jpg.a1b2c3d4.part": b"not the build's",
    ".backup.tar.old": b"backup",
}


def cli(project: ProjectPaths, site: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "--jobs", "1"]
        + ["--site", str(site), *more],
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_site_dir_keeps_every_file_the_build_did_not_write(
    project: ProjectPaths, tmp_path: Path
) -> None:
    site = tmp_path / "my-folder"
    for rel, data in FOREIGN.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    first = cli(project, site)
    assert first.returncode == 0, first.stderr
    # a part file a killed build left beside a file it writes is the build's own: removed
    pdf = next(site.glob("bgd/*/en/*.pdf"))
    leftover = pdf.with_name(f".{pdf.name}.zz9x8w7v.part")
    leftover.write_bytes(b"half a pdf")
    mine = pdf.with_name("my-notes.txt")  # in the document's own folder, not the build's
    mine.write_bytes(b"notes")
    # a file the build wrote for the document before and no longer makes (a dropped chart)
    manifest = SiteManifest.load(ProjectPaths.at(project.root, site=site))
    doc_id = pdf.stem
    dropped = pdf.with_name("figure-dropped.csv")
    dropped.write_bytes(b"old,chart\n")
    record = manifest.documents[doc_id]
    record["files"].append(dropped.relative_to(site).as_posix())
    manifest.save()
    second = cli(project, site, "--force")  # published again: its stale files are removed
    assert second.returncode == 0, second.stderr
    for rel, data in FOREIGN.items():
        assert (site / rel).read_bytes() == data, rel
    assert not leftover.exists() and mine.read_bytes() == b"notes"
    assert not dropped.exists()
    assert (site / "catalogue.json").is_file() and pdf.is_file()


def test_a_document_removed_from_coalition_yaml_is_withdrawn(project: ProjectPaths) -> None:
    assert not build(project, BuildOptions(jobs=1)).failed
    doc = "bgd-brief-women-health-2026-bn"
    before = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    entry = next(e for e in before["documents"] if e["id"] == doc)
    old_files = [entry["html"], entry["pdf"], *(d["path"] for d in entry["downloads"])]
    assert all((project.site / f).is_file() for f in old_files) and entry["downloads"]
    folder = (project.site / entry["html"]).parent
    about = folder / "about.html"
    assert about.is_file()

    coalition = project.coalition_file.read_text(encoding="utf-8")
    project.coalition_file.write_text(
        coalition.replace("languages: [en, bn]", "languages: [en]"), encoding="utf-8"
    )
    report = build(project, BuildOptions(jobs=1))

    assert not report.failed and report.withdrawn == [doc]
    assert not folder.exists(), sorted(folder.rglob("*"))  # pages, PDF and downloads
    assert not any(doc in p.name for p in project.site.rglob("*"))
    after = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in after["documents"]] == ["bgd-brief-women-health-2026-en"]
    (gone,) = after["withdrawn"]
    assert (gone["id"], gone["html"], gone["title"]) == (doc, entry["html"], entry["title"])
    feed = ET.parse(project.site / "feed.xml").getroot()
    (tomb,) = feed.findall(f"{{{TOMBSTONES}}}deleted-entry")
    assert tomb.get("ref") == stable_id(before["coalition"], doc)
    assert tomb.get("when", "").startswith(gone["withdrawn"])
    refs = [e.findtext(f"{{{ATOM}}}id") for e in feed.findall(f"{{{ATOM}}}entry")]
    assert stable_id(before["coalition"], doc) not in refs
    html_pages = "".join(p.read_text(encoding="utf-8") for p in project.site.rglob("*.html"))
    assert entry["html"].rsplit("/", 1)[0] not in html_pages  # no page links to it

    # Listed again, it is published again and no longer withdrawn.
    project.coalition_file.write_text(coalition, encoding="utf-8")
    assert not build(project, BuildOptions(jobs=1)).failed
    again = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    assert again["withdrawn"] == [] and (project.site / entry["pdf"]).is_file()
