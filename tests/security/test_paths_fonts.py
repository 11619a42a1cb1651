"""A font is read only as a real font file: one that fontconfig finds as a symbolic link
(to a file anywhere) is refused, naming the family and the path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lnob.i18n import fonts

NOTO = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


def only_fonts_in(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point fontconfig (fc-list) at `folder` alone."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{folder}</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))


@pytest.mark.skipif(not NOTO.is_file(), reason=f"{NOTO} is not installed (fonts-noto-core)")
def test_a_linked_font_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(NOTO, outside / "NotoSans-Regular.ttf")
    (folder / "NotoSans-Regular.ttf").symlink_to(outside / "NotoSans-Regular.ttf")
    only_fonts_in(folder, tmp_path, monkeypatch)
    with pytest.raises(fonts.FontNotFoundError) as exc:
        fonts._font_file.__wrapped__("Noto Sans")
    assert "'Noto Sans'" in str(exc.value) and "symbolic link" in str(exc.value)
    assert str(folder / "NotoSans-Regular.ttf") in str(exc.value)


@pytest.mark.skipif(not NOTO.is_file(), reason=f"{NOTO} is not installed (fonts-noto-core)")
def test_a_copied_font_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(NOTO, folder / "NotoSans-Regular.ttf")
    only_fonts_in(folder, tmp_path, monkeypatch)
    assert fonts._font_file.__wrapped__("Noto Sans") == folder / "NotoSans-Regular.ttf"
