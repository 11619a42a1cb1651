"""The changes the benchmark makes to a built copy, and what each must rebuild."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchkit.project import BuildRun, load_coalition_yaml


@dataclass
class Check:
    """What a rebuild did against what it should have done."""

    rebuilt: dict[str, list[str]]
    expected: set[str]
    unexpected: list[str]
    missing: list[str]
    executed: list[str]  # documents whose notebook ran again

    @property
    def ok(self) -> bool:
        return not self.unexpected and not self.missing


def pick_country(root: Path, prefer: str = "KEN") -> dict[str, Any]:
    countries = load_coalition_yaml(root)["countries"]
    return next((c for c in countries if c["code"] == prefer), countries[0])


def change_country_data(root: Path, code: str) -> Path:
    """Change one data file of the country (a line appended to its source inventory)."""
    folder = root / "data" / "countries" / code
    target = folder / "stocktake" / "sources.csv"
    if not target.is_file():
        target = sorted(folder.rglob("*.csv"))[0]
    with target.open("a", encoding="utf-8") as fh:
        fh.write("\n")
    return target


def check_country(run: BuildRun, doc_ids: list[str], code: str) -> Check:
    """Only the country's documents and the synthesis may rebuild; all of the country's must."""
    rebuilt = run.rebuilt()
    own = {d for d in doc_ids if d.startswith(f"{code.lower()}-")}
    synthesis = {d for d in doc_ids if d.startswith("global-synthesis-")}
    return Check(
        rebuilt,
        own | synthesis,
        sorted(set(rebuilt) - own - synthesis),
        sorted(own - set(rebuilt)),
        sorted(d for d, s in rebuilt.items() if "execute" in s),
    )


def fix_translation(root: Path, lang: str, msgid: str = "About this document") -> str:
    """Change one translated string of `lang`'s catalogue, as a translator's fix would."""
    from babel.messages.pofile import read_po, write_po

    path = root / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    message = catalog.get(msgid)
    if message is None or not message.string:
        message = next(m for m in catalog if m.id and m.string and not m.fuzzy)
    message.string = f"{message.string} ({lang})"
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0)
    return str(message.id)


def check_translation(run: BuildRun, doc_ids: list[str], lang: str) -> Check:
    """Documents in `lang` re-render and re-make their PDF; no notebook runs again."""
    rebuilt = run.rebuilt()
    in_lang = {d for d in doc_ids if d.endswith(f"-{lang}")}
    executed = sorted(d for d, s in rebuilt.items() if "execute" in s)
    return Check(
        rebuilt,
        in_lang,
        sorted(set(rebuilt) - in_lang) + executed,
        sorted(in_lang - set(rebuilt)),
        executed,
    )
