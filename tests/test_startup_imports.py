"""What a command loads before it does anything: a no-op build is mostly interpreter start-up,
so the modules every command imports stay light (bench/RESULTS.md has the seconds).

Each check runs a fresh interpreter and reads `sys.modules`; none measures time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_the_build_plan_loads_no_estimator() -> None:
    """The plan reads the words survey labels get (`lnob.survey.formtext`); that must not
    load pandas, pyxform and the estimators, which only a document's notebook needs."""
    loaded = _loaded_after("import lnob.build.plan")
    assert not {"pandas", "pyxform", "samplics", "lnob.survey.estimation"} & loaded


def test_the_survey_package_still_gives_its_names() -> None:
    loaded = _loaded_after("from lnob.survey import analyse_survey, SurveyResult")
    assert "lnob.survey.analysis" in loaded
    with pytest.raises(ImportError):
        exec("from lnob.survey import no_such_name")  # noqa: S102 - a name the package lacks


def test_jsonschema_is_imported_without_the_iri_grammar() -> None:
    """rfc3987_syntax compiles its grammars at import (about a second); the project's
    schemas use no `format`, so jsonschema is imported without it, and it stays importable."""
    pytest.importorskip("rfc3987_syntax", reason="installed with the author extra; not here")
    loaded = _loaded_after("import lnob.yamlio, jsonschema")
    assert "jsonschema" in loaded and "rfc3987_syntax" not in loaded
    both = _loaded_after("import lnob.yamlio\nimport rfc3987_syntax")
    assert "rfc3987_syntax" in both
    from lnob.yamlio import validator

    assert not validator({"type": "object", "required": ["a"]}).is_valid({})
