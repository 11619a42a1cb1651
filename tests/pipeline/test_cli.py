"""The command line: --list, --explain, narrowing, exit codes, and the docs that describe it."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lnob.cli import COMMANDS, _parser, main
from lnob.paths import PACKAGE_DIR

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_prints_the_matrix(project, capsys) -> None:
    code, out, _ = run(capsys, "--root", str(project.root), "--list")
    assert code == 0
    assert "bgd-brief-women-health-2026-bn" in out and "2 document(s)" in out


def test_list_narrows_by_language(project, capsys) -> None:
    code, out, _ = run(capsys, "--root", str(project.root), "--list", "--lang", "bn")
    assert code == 0 and "1 document(s)" in out and "-en " not in out


def test_unknown_selection_is_a_clear_error(project, capsys) -> None:
    code, _, err = run(capsys, "--root", str(project.root), "--list", "--country", "NPL")
    assert code == 2 and "No document matches" in err and "--list" in err


def test_explain_before_any_build(project, capsys) -> None:
    code, out, _ = run(capsys, "--root", str(project.root), "--explain")
    assert code == 0 and out.count("never built") == 2


def test_bad_coalition_exits_2_with_the_file(project, capsys) -> None:
    project.coalition_file.write_text(project.coalition_file.read_text().replace("BGD", "XXX"))
    code, _, err = run(capsys, "--root", str(project.root), "--list")
    assert code == 2 and "coalition.yaml" in err and "XXX" in err


def test_failed_document_exits_1_and_names_what_to_look_at(project, capsys) -> None:
    (project.briefs / "BGD" / "women-health" / "bn.md").write_text("no front matter\n")
    code, out, err = run(capsys, "--root", str(project.root), "--jobs", "2", "--lang", "bn")
    assert code == 1
    assert "FAILED bgd-brief-women-health-2026-bn" in err and "look at:" in err
    assert "failed 1" in out


def test_every_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = {
        o
        for a in _parser()._actions
        for o in a.option_strings
        if o.startswith("--") and a.help != "==SUPPRESS==" and o != "--help"
    }
    missing = sorted(o for o in options if o not in readme)
    assert not missing, f"README.md does not mention {missing}"
    for command in COMMANDS:
        assert re.search(rf"build\.py {command}\b", readme) or command == "build", command
    for target in (
        "make build",
        "make test",
        "make i18n-extract",
        "make i18n-update",
        "make serve",
    ):
        assert target in readme, target


@pytest.mark.parametrize("nb", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_template_notebooks_are_presentation_only(nb: Path) -> None:
    """House style: one parameters cell, no def/class, no file paths, no outputs committed."""
    import json

    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert sum("parameters" in c["metadata"].get("tags", []) for c in code) == 1
    for c in code:
        src = "".join(c["source"])
        assert not re.search(r"^\s*(def|class)\s", src, re.M), f"{nb.name}: logic in a notebook"
        assert not re.search(r"""["'][^"']*(/|\.csv|\.xlsx|\.yaml)["']""", src), (
            f"{nb.name}: a file path in a notebook"
        )
        assert not c.get("outputs"), f"{nb.name} is committed with outputs"


def test_verify_says_current_then_stale(tmp_path, capsys) -> None:
    import shutil

    from lnob.build.plan import BuildOptions
    from lnob.build.run import build
    from tests.conftest import make_project

    paths = make_project(tmp_path / "p")
    build(
        paths,
        BuildOptions(jobs=2),
    )
    pdf = next(paths.site.rglob("*-en.pdf"))
    code, out, _ = run(capsys, "--root", str(paths.root), "verify", str(pdf))
    assert code == 0 and "verified" in out and "bgd-brief-women-health-2026-en" in out

    csv = paths.country_dir("BGD") / "figures.csv"
    csv.write_text(csv.read_text().replace("0.42", "0.43"))
    code, out, _ = run(capsys, "--root", str(paths.root), "verify", str(pdf))
    assert code == 1 and "NOT current" in out and "data/countries/BGD/figures.csv changed" in out

    tampered = tmp_path / "copy.pdf"
    shutil.copy(pdf, tampered)
    tampered.write_bytes(tampered.read_bytes() + b"\n%tampered")
    code, out, _ = run(capsys, "--root", str(paths.root), "verify", str(tampered))
    assert code == 1 and "NOT in the catalogue" in out


def test_preview_builds_one_document_into_its_own_folder_never_the_site(project, capsys) -> None:
    code, out, _ = run(
        capsys,
        "--root",
        str(project.root),
        "preview",
        "--country",
        "BGD",
        "--lang",
        "bn",
        "--product",
        "brief",
    )
    assert code == 0
    good = project.cache / "preview" / "bgd-brief-women-health-2026-bn" / "good"
    assert str(good / "index.html") in out and (good / "index.html").is_file()
    assert (good / "bgd-brief-women-health-2026-bn.pdf").read_bytes().startswith(b"%PDF")
    assert not project.site.exists() or not any(project.site.iterdir())
    # a draft is never the document's last good version: no published record, no catalogue
    assert not (
        project.cache / "docs" / "bgd-brief-women-health-2026-bn" / "published.json"
    ).exists()


def test_a_build_after_a_preview_publishes_a_final_pdf_not_the_draft(project, capsys) -> None:
    args = ("--root", str(project.root), "--country", "BGD", "--lang", "en", "--jobs", "1")
    assert run(capsys, *args[:2], "preview", *args[2:])[0] == 0
    draft = project.cache / "preview" / "bgd-brief-women-health-2026-en" / "good"
    code, out, _ = run(capsys, *args)
    assert code == 0 and "built 1" in out, out
    site_pdf = project.site / "bgd" / "bgd-brief-women-health-2026" / "en"
    site_pdf = site_pdf / "bgd-brief-women-health-2026-en.pdf"
    record = project.cache / "docs" / "bgd-brief-women-health-2026-en" / "published.json"
    assert (
        json.loads(record.read_text())["entry"]["pdf_sha256"]
        == hashlib.sha256(site_pdf.read_bytes()).hexdigest()
    )
    # the build ran the PDF stage again without the draft flag (its key differs)
    report = json.loads((project.cache / "build-report.json").read_text())
    assert report["documents"][0]["stages"] == ["pdf"], report
    assert (draft / "index.html").is_file()


def test_a_failed_preview_keeps_the_last_good_one_and_names_the_line(project, capsys) -> None:
    args = ("--root", str(project.root), "preview", "--country", "BGD", "--lang", "en")
    assert run(capsys, *args)[0] == 0
    md = project.briefs / "BGD" / "women-health" / "en.md"
    md.write_text(md.read_text() + "\n<script>alert(1)</script>\n", encoding="utf-8")
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "look at: briefs/BGD/women-health/en.md, line 10" in err, err
    folder = project.cache / "preview" / "bgd-brief-women-health-2026-en"
    status = json.loads((folder / "status.json").read_text())
    assert status["ok"] is False and status["good"] is True and status["line"] == 10
    assert status["fix"].startswith("Write it as Markdown")
    assert "Context written by the authors" in (folder / "good" / "index.html").read_text()


def test_build_py_builds_its_own_checkout_from_any_folder(tmp_path: Path) -> None:
    """The project is the folder of build.py, not the folder the command is run from."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--list", "--country", "BGD"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "bgd-brief-women-health-2026-bn" in done.stdout


def test_another_checkouts_build_py_refuses_this_environment(tmp_path: Path) -> None:
    """A second clone run with this clone's virtualenv would build its files with this
    clone's code; it stops and says so instead."""
    other = tmp_path / "other-clone"
    other.mkdir()
    for name in ("build.py", "_quarto.yml"):
        shutil.copy(ROOT / name, other / name)
    for name in ("src", "data", "notebooks", "briefs", "reports", "locale"):
        shutil.copytree(ROOT / name, other / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, str(other / "build.py"), "--list"],
        cwd=other,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert str(other / "src" / "lnob") in done.stderr
    assert str(PACKAGE_DIR) in done.stderr and "another checkout" in done.stderr
    assert "document(s)" not in done.stdout
    assert not (other / "_site").exists() and not (other / ".lnob-cache").exists()


def test_root_names_another_project(project, tmp_path: Path) -> None:
    """--root builds the project it names (one without src/ uses the installed package)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "--list"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "2 document(s)" in done.stdout
