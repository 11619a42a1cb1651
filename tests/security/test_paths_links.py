"""Nothing outside the project is read: a declared input, a logo, a notebook, a catalogue or
a project file that is a symbolic link, or a path that climbs out with `..`, is refused,
naming it; the outside file's text reaches no message, report, cache entry or page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.errors import InputError
from lnob.identity import load_identity
from lnob.paths import OutsideProjectError, ProjectPaths, confined
from tests.conftest import ROOT

SECRET = "LNOB-SECRET-7f3a9c root:x:0:0:root:/root:/bin/bash"
BRIEF = "bgd-brief-women-health-2026-en"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project holding a file no build may read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.csv").write_text(f"indicator,value\n{SECRET},1\n", encoding="utf-8")
    (folder / "secret.md").write_text(f"# Key messages\n\n{SECRET}\n", encoding="utf-8")
    return folder


def every_text(*folders: Path) -> str:
    """The bytes of every file under the folders, as text (what a reader or tool could see)."""
    out = []
    for folder in folders:
        for f in folder.rglob("*"):
            if f.is_file():
                out.append(f.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(out)


def assert_refused(project: ProjectPaths, name: str) -> None:
    """The English brief failed naming `name` as a link; the secret is nowhere."""
    report = build(project, BuildOptions(jobs=1), _brief())
    failed = {r.doc_id: r.error for r in report.failed}
    assert BRIEF in failed, report.results
    assert name in failed[BRIEF] and "symbolic link" in failed[BRIEF], failed[BRIEF]
    assert "Copy the file into the project" in failed[BRIEF]
    assert SECRET not in every_text(project.cache, project.site)
    assert "LNOB-SECRET" not in (project.cache / "build-report.json").read_text(encoding="utf-8")


def _brief() -> Selection:
    return Selection(ids=(BRIEF,))


def test_a_data_file_linked_to_an_outside_file_is_refused(
    project: ProjectPaths, outside: Path
) -> None:
    target = project.country_dir("BGD") / "figures.csv"
    target.unlink()
    target.symlink_to(outside / "secret.csv")
    assert_refused(project, "data/countries/BGD/figures.csv")


def test_authored_text_linked_to_an_outside_file_is_refused(
    project: ProjectPaths, outside: Path
) -> None:
    target = project.briefs / "BGD" / "women-health" / "en.md"
    target.unlink()
    target.symlink_to(outside / "secret.md")
    assert_refused(project, "briefs/BGD/women-health/en.md")


def test_a_linked_country_folder_is_refused(project: ProjectPaths, outside: Path) -> None:
    country = project.country_dir("BGD")
    shutil.move(country, outside / "BGD")
    (outside / "BGD" / "planted.csv").write_text(SECRET, encoding="utf-8")
    country.symlink_to(outside / "BGD", target_is_directory=True)
    assert_refused(project, "data/countries/BGD")


def test_etc_passwd_linked_in_reaches_no_message_report_or_cache(project: ProjectPaths) -> None:
    """The case of the issue, through the command line: stderr, build report and cache."""
    first = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    target = project.country_dir("BGD") / "figures.csv"
    target.unlink()
    target.symlink_to("/etc/passwd")
    run = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "--jobs", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stderr
    assert "data/countries/BGD/figures.csv" in run.stderr and "symbolic link" in run.stderr
    assert first not in run.stdout + run.stderr
    assert first not in every_text(project.cache, project.site)


@pytest.mark.parametrize(
    "name", ["data/coalition.yaml", "data/languages.yaml", "data/identity.yaml", "_quarto.yml"]
)
def test_a_linked_project_file_stops_the_build_before_anything_is_written(
    project: ProjectPaths, outside: Path, name: str
) -> None:
    shutil.move(project.root / name, outside / "moved")
    (project.root / name).symlink_to(outside / "moved")
    with pytest.raises(OutsideProjectError, match=name) as exc:
        build(project, BuildOptions(jobs=1))
    assert "symbolic link" in str(exc.value)
    assert list(project.site.rglob("*")) == []  # the site folder may be made, never filled


@pytest.mark.parametrize("logo", ["../../outside/logo.svg", "/etc/passwd.svg", "identity/l.svg"])
def test_a_logo_outside_the_data_folder_or_linked_is_refused(
    project: ProjectPaths, outside: Path, logo: str
) -> None:
    (outside / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (project.data / "identity" / "l.svg").symlink_to(outside / "logo.svg")
    text = project.identity_file.read_text(encoding="utf-8")
    project.identity_file.write_text(
        text.replace("logo: identity/lnob-wordmark.svg", f"logo: {logo}"), encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        load_identity(project.identity_file)
    message = str(exc.value)
    assert "identity.yaml" in message and "row" in message and "'logo'" in message
    assert ("outside" in message) or ("symbolic link" in message)


def test_official_data_folder_outside_the_project_is_refused(tmp_path: Path) -> None:
    from lnob.synthesis.config import load_synthesis_config

    demo = tmp_path / "demo"
    shutil.copytree(ROOT / "reports" / "synthesis", demo / "reports" / "synthesis")
    shutil.copytree(ROOT / "data" / "global", demo / "data" / "global")
    config = demo / "reports" / "synthesis" / "2026" / "synthesis.yaml"
    text = config.read_text(encoding="utf-8")
    for folder, why in (("../elsewhere", "outside the project"), ("data/linked", "link")):
        (demo / "data" / "linked").unlink(missing_ok=True)
        (demo / "data" / "linked").symlink_to(demo / "data" / "global" / "un-sdg-demo")
        config.write_text(
            text.replace("folder: data/global/un-sdg-demo", f"folder: {folder}"), encoding="utf-8"
        )
        with pytest.raises(InputError, match=why) as exc:
            load_synthesis_config(demo / "reports", 2026, demo)
        assert "official.folder" in str(exc.value) and folder in str(exc.value)


def test_copied_files_are_accepted_and_escapes_refused(tmp_path: Path) -> None:
    """Copying a file in (what the real-data tests do) is always the remedy."""
    root = tmp_path / "p"
    (root / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "taxonomy.yaml", root / "data" / "taxonomy.yaml")
    assert confined("data/taxonomy.yaml", root) == root / "data" / "taxonomy.yaml"
    assert confined(root / "data" / "x" / ".." / "taxonomy.yaml", root).name == "taxonomy.yaml"
    for bad in ("../p2/x.csv", "data/../../x.csv", "/etc/passwd"):
        with pytest.raises(OutsideProjectError, match="outside the project"):
            confined(bad, root)


@pytest.mark.parametrize(
    "image",
    [
        "../../../../../etc/passwd",  # climbs out of the document
        "/etc/hostname",  # an absolute path
        "../../../../data/countries/BGD/figures.csv",  # a project file, not the document's
        "figures/linked.png",  # a name inside the document's folder, but not one it wrote
    ],
)
def test_an_image_in_authored_text_is_refused_naming_the_file(
    project: ProjectPaths, image: str
) -> None:
    brief = project.briefs / "BGD" / "women-health" / "en.md"
    brief.write_text(brief.read_text(encoding="utf-8") + f"\n![a picture]({image})\n")
    report = build(project, BuildOptions(jobs=1), _brief())
    (failed,) = report.failed
    assert failed.error.startswith("render: ") and "en.md" in failed.error, failed.error
    assert "embeds a file that is not the document's own" in failed.error
    assert repr(image) in failed.error
    assert not (project.site / "bgd").exists()  # nothing of it is published
    work = project.cache / "docs" / BRIEF
    assert not (work / "render").exists() and not (work / "render.part").exists()


def test_validate_refuses_a_linked_file_without_reading_it(project: ProjectPaths) -> None:
    first = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    target = project.country_dir("BGD") / "figures.csv"
    target.unlink()
    target.symlink_to("/etc/passwd")
    run = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "validate"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 2, run.stderr
    assert "data/countries/BGD/figures.csv" in run.stderr and "symbolic link" in run.stderr
    assert first not in run.stdout + run.stderr
