"""A generated coalition at scale, made from the demo data in a temporary folder.

Country i is a copy of pilot country i mod 5 (its stocktake folder, surveys, and
brief texts) under a real ISO 3166 alpha-3 code from pycountry, with its survey ids
renamed to the new code. Each country publishes one document of each country
product (stocktake, research, brief: the first of each in the pilot's list) in three
languages: English, the pilot's national language and French (authored text that
does not exist in French shows in English, marked, as the build does for any missing
translation). The synthesis keeps its years and languages; coalition-wide guides and
evaluations are left out (the issue's scale is the four products).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pycountry

from benchkit.project import (
    copy_project,
    load_coalition_yaml,
    remove_products,
    save_coalition_yaml,
)

EXTRA_LANGUAGE = "fr"


def new_codes(n: int, taken: set[str]) -> list[str]:
    """`n` real alpha-3 codes, in alphabetical order, none already in the coalition."""
    codes = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in taken)
    if n > len(codes):
        raise ValueError(f"only {len(codes)} free country codes")
    return codes[:n]


def _first_of_each(documents: list[dict[str, Any]], products: set[str]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for d in documents:
        if d["product"] in products and d["product"] not in seen:
            seen.add(d["product"])
            out.append(dict(d))
    return out


def _clone_country(
    root: Path, pilot: dict[str, Any], code: str, docs: list[dict[str, Any]]
) -> None:
    old, new = pilot["code"], code
    src, dest = root / "data" / "countries" / old, root / "data" / "countries" / new
    shutil.copytree(src, dest)
    rename = {}
    for folder in sorted((dest / "surveys").glob("*")) if (dest / "surveys").is_dir() else []:
        new_id = re.sub(rf"^{old.lower()}-", f"{new.lower()}-", folder.name)
        rename[folder.name] = new_id
        folder.rename(folder.with_name(new_id))
    for path in [*dest.rglob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"^country: {old}$", f"country: {new}", text, flags=re.M)
        for a, b in rename.items():
            text = re.sub(rf"^id: {re.escape(a)}$", f"id: {b}", text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    for d in docs:
        if d.get("survey"):
            d["survey"] = rename.get(d["survey"], d["survey"])
        if d["product"] == "brief":
            brief_src = root / "briefs" / old / d["slug"]
            brief_dest = root / "briefs" / new / d["slug"]
            shutil.copytree(brief_src, brief_dest)
            spec = brief_dest / "brief.yaml"
            text = spec.read_text(encoding="utf-8")
            for a, b in rename.items():
                text = re.sub(rf"^survey: {re.escape(a)}$", f"survey: {b}", text, flags=re.M)
            spec.write_text(text, encoding="utf-8")


def generate(dest: Path, n_countries: int, keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Write a project with `n_countries` countries at `dest`; say what it holds."""
    skipped = copy_project(dest, keep=keep)
    data = load_coalition_yaml(dest)
    pilots = data["countries"]
    products = {p for p in data["products"] if p in ("stocktake", "research", "brief")}
    codes = new_codes(n_countries, {c["code"] for c in pilots})
    countries = []
    for i, code in enumerate(codes):
        pilot = pilots[i % len(pilots)]
        docs = _first_of_each(pilot["documents"], products)
        _clone_country(dest, pilot, code, docs)
        national = [lang for lang in pilot["languages"] if lang != "en"][:1]
        countries.append(
            {
                **{k: v for k, v in pilot.items() if k not in ("code", "documents", "languages")},
                "code": code,
                "languages": ["en", *national, EXTRA_LANGUAGE],
                "documents": docs,
            }
        )
    for pilot in pilots:  # the pilots' own folders are not part of the generated coalition
        shutil.rmtree(dest / "data" / "countries" / pilot["code"])
        shutil.rmtree(dest / "briefs" / pilot["code"], ignore_errors=True)
    data["countries"] = countries
    data.pop("publications", None)
    remove_products(data, {"guide", "evaluation"})
    save_coalition_yaml(dest, data)
    return {
        "countries": n_countries,
        "skipped_products": skipped,
        "products": sorted(data["products"]),
    }
