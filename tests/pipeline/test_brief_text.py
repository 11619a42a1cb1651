"""Authored brief text: validated front matter, no raw HTML, and no figures typed in."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.products.authored import Authored, find_authored, read_authored
from lnob.products.brief import check_no_figures

FRONT = "---\ntitle: T\nkey_messages: [a]\nrecommendations: [b]\n---\n"


@pytest.mark.parametrize(
    "line, is_figure",
    [
        ("Four in ten women went without care", False),
        ("Since the 2022 census", False),
        ("SDG 3.8 and indicator 16.7.1", False),
        ("target 5.5 by 2030", False),
        ("42% of women", True),
        ("৪২ শতাংশ নারী", True),
        ("रुपये 500", True),
        ("about 12 districts", True),
        ("one in 5", True),
        ("2.5 times more likely", True),
        ("12.75 per cent", True),
        ("SDG 10.2 and 10.3", False),
        ("এসডিজি 5.6, এসডিজি 10.2", False),
        ("दिगो विकास लक्ष्य 5.1 ले ... र लक्ष्य 10.2 तथा 10.3 ले", False),
        ("x2 as many", True),
    ],
)
def test_figures_in_brief_text(tmp_path: Path, line: str, is_figure: bool) -> None:
    path = tmp_path / "en.md"
    path.write_text(FRONT + line + "\n", encoding="utf-8")
    authored = read_authored(path, "brief", "en")
    if is_figure:
        with pytest.raises(InputError) as exc:
            check_no_figures(authored)
        assert exc.value.row == 6 and "brief.yaml" in str(exc.value)
    else:
        check_no_figures(authored)


@pytest.mark.parametrize(
    "body, row",
    [
        ("Fine.\n<script>alert(1)</script>\n", 7),
        ("```{=html}\n<b>x</b>\n```\n", 6),
    ],
)
def test_raw_html_is_refused_with_its_line(tmp_path: Path, body: str, row: int) -> None:
    path = tmp_path / "en.md"
    path.write_text(FRONT + body, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_authored(path, "brief", "en")
    assert exc.value.row == row


def test_front_matter_checked_against_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_text("---\ntitle: T\nkey_messages: []\nrecommendations: [b]\ncolour: red\n---\n")
    with pytest.raises(InputError, match="front matter"):
        read_authored(path, "brief", "en")


def test_missing_language_falls_back_to_english_flagged(tmp_path: Path) -> None:
    (tmp_path / "en.md").write_text(FRONT)
    assert find_authored(tmp_path, "sw") == (tmp_path / "en.md", True)
    (tmp_path / "sw.md").write_text(FRONT)
    assert find_authored(tmp_path, "sw") == (tmp_path / "sw.md", False)
    assert isinstance(read_authored(tmp_path / "sw.md", "brief", "sw"), Authored)
