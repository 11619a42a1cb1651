"""What the SDMX tests check of every file, read with sdmx1: each observation against the
structure it was read with, and the published files' entries in the site's catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sdmx.model import common

from lnob.paths import ProjectPaths


def attribute(obs: Any, name: str) -> str | None:
    """An observation's attribute as written: a code's id, or the text."""
    value = obs.attached_attribute.get(name)
    if value is None:
        return None
    return value.value.id if isinstance(value.value, common.Code) else str(value.value)


def check_against_structure(structure: Any, dsd: Any, observations: Any) -> None:
    """Every key value and coded attribute is in its code list; mandatory attributes are there."""
    for obs in observations:
        for dim_id, kv in obs.key.values.items():
            dimension = dsd.dimensions.get(dim_id)
            if dimension.local_representation is None:  # TIME_PERIOD
                assert kv.value.isdigit() and len(kv.value) == 4, kv.value
                continue
            codelist = structure.codelist[dimension.local_representation.enumerated.id]
            assert kv.value in codelist, f"{dim_id}={kv.value} not in {codelist.id}"
        for attr in dsd.attributes:
            value = attribute(obs, attr.id)
            if attr.usage_status == common.UsageStatus.mandatory:
                assert value is not None, (attr.id, obs.key)
            if value is not None and attr.local_representation is not None:
                codelist = structure.codelist[attr.local_representation.enumerated.id]
                assert value in codelist, f"{attr.id}={value}"


def catalogue_entry(paths: ProjectPaths, doc_id: str) -> dict:
    catalogue = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    return next(d for d in catalogue["documents"] if d["id"] == doc_id)


def outputs(paths: ProjectPaths, doc_id: str) -> dict[str, dict]:
    """A document's published formats by name, as the catalogue lists them."""
    return {o["format"]: o for o in catalogue_entry(paths, doc_id)["outputs"]}


SDMX_FORMATS = {"sdmx", "sdmx-csv", "sdmx-structure"}


def built_demo(folder: Path, ids: tuple[str, ...], jobs: int = 1) -> ProjectPaths:
    """A copy of the demo in `folder` with the documents `ids` built; none may fail."""
    from lnob.build.plan import BuildOptions
    from lnob.build.run import Selection, build
    from tests.conftest import copy_demo

    paths = copy_demo(folder / "demo")
    report = build(paths, BuildOptions(jobs=jobs), Selection(ids=ids))
    assert not report.failed, [r.error for r in report.failed]
    return paths
