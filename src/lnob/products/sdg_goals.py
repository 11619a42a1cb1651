"""The research focus in words: the goals' short names, and each focus item named as what it is.

`focus.yaml` lists goals (`5`), targets (`4.1`) and indicators (`1.3.1`); a reader is told
"Goal 5 “Gender equality”", "target 4.1 of Goal 4 “Quality education”", never a bare list of
codes. The names are the UN's short titles of the 17 goals, translated in the catalogue like
every other message of the documents.
"""

from __future__ import annotations

from lnob.doc.text import Msg, Text, _

GOAL_NAMES: dict[str, Msg] = {
    "1": _("No poverty"),
    "2": _("Zero hunger"),
    "3": _("Good health and well-being"),
    "4": _("Quality education"),
    "5": _("Gender equality"),
    "6": _("Clean water and sanitation"),
    "7": _("Affordable and clean energy"),
    "8": _("Decent work and economic growth"),
    "9": _("Industry, innovation and infrastructure"),
    "10": _("Reduced inequalities"),
    "11": _("Sustainable cities and communities"),
    "12": _("Responsible consumption and production"),
    "13": _("Climate action"),
    "14": _("Life below water"),
    "15": _("Life on land"),
    "16": _("Peace, justice and strong institutions"),
    "17": _("Partnerships for the goals"),
}

# {name} is the goal's name in quotation marks (“Gender equality”): no brackets, so the items
# read well inside a sentence's own brackets.
GOAL = _("Goal {goal} {name}")
TARGET = _("target {target} of Goal {goal} {name}")
INDICATOR = _("indicator {indicator} of Goal {goal} {name}")
QUOTED = _("“{name}”")  # the same message as the stocktake's quoted names


def focus_item(item: str) -> Text:
    """One item of a research focus as written in focus.yaml (`5`, `4.1`, `1.3.1`), in words.

    Items are checked against the indicator list when focus.yaml is read, so the goal is one
    of the 17; an item this cannot place is shown as written."""
    goal, *rest = item.split(".")
    if goal not in GOAL_NAMES:
        return item
    name = QUOTED.format(name=GOAL_NAMES[goal])
    if not rest:
        return GOAL.format(goal=goal, name=name)
    words = TARGET if len(rest) == 1 else INDICATOR
    key = "target" if len(rest) == 1 else "indicator"
    return words.format(goal=goal, name=name, **{key: item})
