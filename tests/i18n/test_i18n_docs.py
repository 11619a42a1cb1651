"""The documentation names every command and option the i18n command line has."""

from __future__ import annotations

import argparse

import pytest
from i18n_helpers import PROJECT

from lnob.i18n.__main__ import _parser

DOC = PROJECT / "docs" / "formats" / "i18n.md"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_and_option_is_documented(command: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"python -m lnob.i18n {command}" in text
    for action in subcommands()[command]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in text, f"{option} of '{command}' is not in {DOC.name}"


def test_global_options_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for option in ("--root", "--locale-dir", "--languages"):
        assert option in text
