"""Shared fixtures: a small real project in a temporary folder, built once per session.

The mini project (tests/fixtures/mini) has one country, one brief and two
languages; the project's own languages.yaml, catalogues and _quarto.yml are copied
beside it, so the tests exercise the real configuration.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from lnob.build.environment import TOOL_DIRS
from lnob.build.plan import BuildOptions
from lnob.build.run import BuildReport, Selection, build, load_project
from lnob.paths import ProjectPaths
from lnob.spec import DocumentSpec

# CI (CI=true) runs every property test on the same examples, so a submission's result does
# not depend on the draw; on a developer's machine each run explores new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]


# The suite writes nothing under the home folder either: what the tests run in this process
# (matplotlib, IPython, Jupyter) keeps its settings in a temporary folder, set before any test
# module is imported and removed when the session ends (a build sets its own, in its cache).
_TOOLS = Path(tempfile.mkdtemp(prefix="lnob-test-tools-"))
for _name, _sub in TOOL_DIRS.items():
    os.environ[_name] = str(_TOOLS / _sub)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_TOOLS, ignore_errors=True)


REALDATA = ROOT.parent / "shared" / "realdata"


def make_project(dest: Path, fixture: str = "mini") -> ProjectPaths:
    """Copy a fixture project to `dest` with the real languages, identity, catalogues, Quarto."""
    shutil.copytree(ROOT / "tests" / "fixtures" / fixture, dest)
    shutil.copy(ROOT / "data" / "languages.yaml", dest / "data" / "languages.yaml")
    shutil.copy(ROOT / "data" / "identity.yaml", dest / "data" / "identity.yaml")
    shutil.copytree(ROOT / "data" / "identity", dest / "data" / "identity")
    shutil.copy(ROOT / "_quarto.yml", dest / "_quarto.yml")
    shutil.copytree(ROOT / "locale", dest / "locale")
    return ProjectPaths.at(dest)


DEMO_PARTS = ("_quarto.yml", "data", "notebooks", "briefs", "reports", "locale")


def copy_demo(dest: Path) -> ProjectPaths:
    """Copy the project's real demo (data, notebooks, authored text, catalogues) to `dest`."""
    dest.mkdir(parents=True)
    for name in DEMO_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy(src, dest / name)
    return ProjectPaths.at(dest)


@pytest.fixture
def demo(tmp_path: Path) -> ProjectPaths:
    """A fresh, unbuilt copy of the real demo project."""
    return copy_demo(tmp_path / "demo")


@pytest.fixture
def project(tmp_path: Path) -> ProjectPaths:
    """A fresh, unbuilt copy of the mini project."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProjectPaths, BuildReport]:
    """The mini project built once (2 documents: en and bn); do not modify it in a test."""
    paths = make_project(tmp_path_factory.mktemp("built") / "project")
    report = build(paths, BuildOptions(jobs=2))
    assert not report.failed, [r.error for r in report.failed]
    return paths, report


def reads_a_survey(spec: DocumentSpec) -> bool:
    """A document built from survey results: one that names a survey, and the synthesis,
    which draws on every country's published research."""
    return bool(spec.surveys) or spec.product == "synthesis"


@pytest.fixture(scope="session")
def survey_documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProjectPaths, BuildReport]:
    """Every demo document that reads a survey, in every language, built once (jobs=2);
    found from data/coalition.yaml. Do not modify it in a test."""
    paths = copy_demo(tmp_path_factory.mktemp("survey-documents") / "demo")
    coalition, _languages = load_project(paths)
    ids = tuple(spec.id for spec in coalition.documents() if reads_a_survey(spec))
    report = build(paths, BuildOptions(jobs=2), Selection(ids=ids))
    assert not report.failed, [r.error for r in report.failed]
    return paths, report


@pytest.fixture(scope="session")
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real data not found at {REALDATA} (../shared/realdata beside the project)")
    return REALDATA
