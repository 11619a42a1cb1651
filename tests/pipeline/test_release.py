"""Draft and release builds: what is untranslated is marked in a draft, refused in a release."""

from __future__ import annotations

import re

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.paths import ProjectPaths

pytestmark = pytest.mark.slow
BN = "bgd-brief-women-health-2026-bn"


def _untranslate(paths: ProjectPaths, msgid: str) -> None:
    po = paths.locale / "bn" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    new, n = re.subn(rf'(msgid "{re.escape(msgid)}"\nmsgstr )"[^\n]*"', r'\1""', text)
    assert n == 1, f"{msgid!r} not found once in {po}"
    po.write_text(new, encoding="utf-8")


def test_release_refuses_a_missing_string_and_names_it(project: ProjectPaths) -> None:
    _untranslate(project, "Key messages")
    report = build(project, BuildOptions(jobs=1, release=True))
    failed = {r.doc_id: r.error for r in report.failed}
    assert set(failed) == {BN}
    assert "Key messages" in failed[BN] and "locale/bn/LC_MESSAGES/messages.po" in failed[BN]


def test_draft_marks_the_missing_string_in_english(project: ProjectPaths) -> None:
    _untranslate(project, "Key messages")
    report = build(project, BuildOptions(jobs=1))
    assert not report.failed
    html = next(project.site.rglob(f"{BN[:-3]}/bn/index.html")).read_text(encoding="utf-8")
    assert (
        '<span class="untranslated" lang="en" title="Not yet translated">Key messages</span>'
    ) in html


def test_release_refuses_a_brief_shown_in_english(project: ProjectPaths) -> None:
    (project.briefs / "BGD" / "women-health" / "bn.md").unlink()
    report = build(project, BuildOptions(jobs=1, release=True))
    failed = {r.doc_id: r.error for r in report.failed}
    assert set(failed) == {BN} and "not yet written in 'bn'" in failed[BN] and "en.md" in failed[BN]
    draft = build(project, BuildOptions(jobs=1))
    assert not draft.failed
