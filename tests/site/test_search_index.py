"""The Pagefind index holds exactly the records given: URL, language, text and metadata."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from lnob.site.search import SearchRecord, write_search_index


def _fragments(bundle: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        out[fragment["url"]] = fragment
    return out


def test_every_record_is_indexed_with_its_metadata_in_its_language(tmp_path: Path) -> None:
    records = [
        SearchRecord(
            url=f"/c{i:02d}/doc/{lang}/index.html",
            language=lang,
            title=f"Title {i}, with a comma & <angle>",
            content=f"Title {i}, with a comma & <angle>\nSummary {i}\nwater clinics {i}",
            about=f"c{i:02d}/doc/{lang}/about.html",
            info=f"Policy brief · Country {i}, region · 1 July 2026",
        )
        for i in range(25)
        for lang in ("en", "fr")
    ]
    site = tmp_path / "site"
    site.mkdir()
    assert write_search_index(site, records, tmp_path / "stamp")
    fragments = _fragments(site / "pagefind")
    assert set(fragments) == {r.url for r in records}
    for r in records:
        f = fragments[r.url]
        assert f["meta"] == {"title": r.title, "about": r.about, "info": r.info}
        words = re.findall(r"\w+", f["content"])
        assert words == re.findall(r"\w+", r.content)  # every line, in order
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert {k: v["page_count"] for k, v in entry["languages"].items()} == {"en": 25, "fr": 25}
    assert not write_search_index(site, records, tmp_path / "stamp")  # unchanged: not run again
