"""Disclosure control end to end: random small surveys through analyse_survey, checked against
the truth we generated.

tests/survey/test_disclosure.py checks :func:`suppress_breakdown` on its own; here a form and an
export are written to disk, with group sizes drawn around the minimum cell and some respondents
whose group or answer is not stated, and every published value of the :class:`SurveyResult`
(estimate rows and sample counts) is compared with the counts we know. The guarantee tested is
the one disclosure.py states:

- every published cell rests on at least the minimum, and its base is the true count;
- once a non-empty cell of a breakdown is withheld, what a reader can work out (the published
  total minus the published cells) holds at least the minimum, so no withheld cell is known;
- when every respondent's group is stated, that remainder is exactly the withheld cells, so a
  single non-empty withheld cell would be given away: there are then none or at least two;
- a cell withheld as empty really has no one; the whole breakdown is withheld when its total is
  below the minimum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lnob.survey import analyse_survey
from lnob.survey.estimation import NOT_STATED
from lnob.survey.results import SurveyResult

from .conftest import SMALL_CHOICES, SMALL_SURVEY, small_config, write_workbook

AGE_BINS = [0, 18, 40, 60]


@dataclass(frozen=True)
class Member:
    sex: str  # "" = not stated
    age: str
    sick: str


@dataclass(frozen=True)
class Household:
    area: str  # "" = not stated
    insured: str  # "" = no answer
    minutes: str
    members: tuple[Member, ...]


def _rare(common: str, other: str) -> st.SearchStrategy[str]:
    """Mostly one of two answers, sometimes the other or none, so cells sit near the minimum."""
    return st.sampled_from([common, common, common, other, other, ""])


members = st.builds(
    Member,
    sex=st.sampled_from(["female", "male", "female", "male", ""]),
    age=st.one_of(st.integers(0, 95).map(str), st.just("")),
    sick=st.sampled_from(["yes", "no", ""]),
)
households = st.builds(
    Household,
    area=_rare("urban", "rural"),
    insured=st.sampled_from(["yes", "no", "yes", ""]),
    minutes=st.one_of(st.integers(0, 300).map(str), st.just("")),
    members=st.lists(members, min_size=1, max_size=3).map(tuple),
)


def _csv(households_: list[Household]) -> tuple[str, str]:
    """A Kobo-style main CSV and roster CSV (the columns of the small test form)."""
    main = [
        "start,deviceid,hh/area,hh/insured,hh/minutes,hh/barriers,hh/barriers/cost,"
        "hh/barriers/far,resp_name,gps,_gps_latitude,size,_uuid,_index"
    ]
    roster = ["roster/sex,roster/age,roster/sick,_index,_parent_index"]
    member_index = 0
    for i, hh in enumerate(households_):
        main.append(
            f"2024-01-02,dev{i:04d},{hh.area},{hh.insured},{hh.minutes},cost,1,0,"
            f"Person Number{i:04d},-1.{i:05d} 36.8 1 2,-1.{i:05d},{len(hh.members)},"
            f"uuid-{i:05d}-abcdef,{i + 1}"
        )
        for m in hh.members:
            member_index += 1
            roster.append(f"{m.sex},{m.age},{m.sick},{member_index},{i + 1}")
    return "\n".join(main) + "\n", "\n".join(roster) + "\n"


def _age_bin(age: str) -> str | None:
    if not age:
        return None
    low = max(edge for edge in AGE_BINS if edge <= int(age))
    following = [edge for edge in AGE_BINS if edge > low]
    return f"{low}-{following[0] - 1}" if following else f"{low}+"


@dataclass(frozen=True)
class Unit:
    """One analysed unit (a household or a member): its answers and its group categories."""

    answers: dict[str, str]
    groups: dict[str, str | None]


def _units(data: list[Household]) -> dict[str, list[Unit]]:
    main = [
        Unit({"insured": h.insured, "minutes": h.minutes}, {"location": h.area or None})
        for h in data
    ]
    roster = [
        Unit(
            {"sick": m.sick},
            {"location": h.area or None, "sex": m.sex or None, "age": _age_bin(m.age)},
        )
        for h in data
        for m in h.members
    ]
    return {"main": main, "roster": roster}


def _true_bases(units: Iterable[Unit], question: str, group: str) -> tuple[int, Counter[str]]:
    """Respondents who answered `question`: in all, and per category of `group`."""
    answered = [u for u in units if u.answers[question]]
    if group == "total":
        return len(answered), Counter({"total": len(answered)})
    return len(answered), Counter(u.groups[group] for u in answered if u.groups[group])


def _check_breakdown(
    where: str,
    published: dict[str, int],
    withheld: set[str],
    truth: Counter[str],
    total: int,
    total_published: bool,
    minimum: int,
) -> None:
    """The guarantee of disclosure.py for one breakdown, from what a reader sees."""
    for category, base in published.items():
        assert base == truth[category], (where, category)
        assert base >= minimum, (where, category, base)
    if not total_published:
        assert not published, where  # a total below the minimum withholds every cell
        return
    hidden_small = [c for c in withheld if truth[c] > 0]
    remainder = total - sum(published.values())
    not_stated = total - sum(truth.values())
    if hidden_small:
        assert remainder >= minimum, (where, remainder)
        if not_stated == 0:
            assert len(hidden_small) >= 2, (where, hidden_small)
    else:
        assert remainder == not_stated, where  # only empty cells and unstated respondents


def _check_result(result: SurveyResult, data: list[Household]) -> None:
    minimum = result.config.min_cell
    units = _units(data)
    reasons = {(s.table, s.group, s.category): s.reason for s in result.suppression_log}
    for table in result.tables:
        where = f"{table.analysis} by {table.group}"
        total, truth = _true_bases(units[table.unit], table.question, table.group)
        total_row = result.table(table.analysis).rows[0]
        published: dict[str, int] = {}
        withheld: set[str] = set()
        for row in table.rows:
            if row.suppressed:
                assert (row.estimate, row.ci_low, row.ci_high, row.base) == (None,) * 4, where
                withheld.add(row.category)
            else:
                assert row.base is not None and row.estimate is not None, where
                assert published.setdefault(row.category, row.base) == row.base, where
        assert not published.keys() & withheld, where
        for category in withheld:
            reason = reasons[(table.analysis, table.group, category)]
            count = truth[category]
            assert {
                "empty": count == 0,
                "primary": 0 < count < minimum,
                "secondary": count >= minimum,
                "total": total < minimum,
            }[reason], (where, category, reason, count)
        _check_breakdown(
            where, published, withheld, truth, total, not total_row.suppressed, minimum
        )
    sizes = {"main": len(units["main"]), "roster": len(units["roster"])}
    shown = {"main": result.sample.respondents, **result.sample.members}
    for unit, size in sizes.items():
        assert shown[unit] == (size if size >= minimum else None), unit
    for group in {g.group for g in result.sample.by_group}:
        counts = [g for g in result.sample.by_group if g.group == group]
        unit = "main" if group == "location" else "roster"
        truth = Counter(u.groups[group] for u in units[unit] if u.groups[group])
        if unstated := sizes[unit] - sum(truth.values()):
            truth[NOT_STATED] = unstated  # its own line, suppressed like any cell
        published = {g.category: g.count for g in counts if not g.suppressed}
        assert all(g.count is None for g in counts if g.suppressed)
        assert all(n is not None for n in published.values())
        withheld = {g.category for g in counts if g.suppressed}
        _check_breakdown(
            f"sample by {group}",
            published,
            withheld,
            truth,
            sizes[unit],
            sizes[unit] >= minimum,
            minimum,
        )


ANALYSES = [
    {"question": "insured", "indicator": "3.8.1", "count_as": ["yes"]},
    {"question": "minutes", "indicator": "travel"},
    {"question": "sick", "indicator": "sick_two_weeks"},
]
GROUPS = {
    "location": {"question": "area"},
    "sex": {"question": "sex"},
    "age": {"question": "age", "bins": AGE_BINS},
}


@pytest.fixture(scope="module")
def survey_folder(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    folder = tmp_path_factory.mktemp("disclosure-e2e")
    write_workbook(
        folder / "form.xlsx",
        {
            "survey": SMALL_SURVEY,
            "choices": SMALL_CHOICES,
            "settings": [["form_id", "default_language"], ["small", "English (en)"]],
        },
    )

    def write(data: list[Household], min_cell: int) -> Path:
        config = small_config(analyses=ANALYSES, groups=GROUPS, disclosure={"min_cell": min_cell})
        (folder / "survey.yaml").write_text(yaml.safe_dump(config), "utf-8")
        main, roster = _csv(data)
        (folder / "export.csv").write_text(main, "utf-8")
        (folder / "roster.csv").write_text(roster, "utf-8")
        return folder

    return write


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.lists(households, min_size=12, max_size=45),
    min_cell=st.sampled_from([10, 10, 10, 5, 3]),
)
def test_no_published_cell_is_small_and_no_withheld_cell_can_be_worked_out(
    survey_folder: Callable[..., Path], data: list[Household], min_cell: int
) -> None:
    result = analyse_survey(survey_folder(data, min_cell), "en")
    assert result.config.min_cell == min_cell
    _check_result(result, data)
    for reason in sorted({s.reason for s in result.suppression_log}):
        event(f"withheld as {reason}")  # --hypothesis-show-statistics: the rules are reached


def test_the_check_fails_on_a_result_that_gives_a_cell_away(
    survey_folder: Callable[..., Path],
) -> None:
    """The checker is not vacuous: publishing a secondary-suppressed cell breaks it."""
    import dataclasses

    data = [Household("urban", "yes", "10", (Member("female", "30", "no"),))] * 35 + [
        Household("rural", "no", "20", (Member("male", "70", "yes"),))
    ] * 5
    result = analyse_survey(survey_folder(data, 10), "en")
    _check_result(result, data)
    table = result.table("insured", "location")
    urban = table.row("urban")
    assert urban.suppressed  # 40 - 35 would give rural away
    given_away = dataclasses.replace(
        urban, suppressed=False, base=35, estimate=1.0, ci_low=0.9, ci_high=1.0
    )
    leaky = dataclasses.replace(
        table, rows=tuple(given_away if r is urban else r for r in table.rows)
    )
    tables = tuple(leaky if t is table else t for t in result.tables)
    with pytest.raises(AssertionError):
        _check_result(dataclasses.replace(result, tables=tables), data)
