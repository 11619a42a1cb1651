"""Which SDMX series each SDG-coded analysis is published under.

An analysis whose question measures a UN SDG series as the UN defines it says so in
survey.yaml (`sdg_series: VC_VOV_GDSD`); its figures go out under the UN's code, with the UN's
name, so an NSO can set them beside its own. Every other SDG-coded figure goes out under the
coalition's own code, which names the survey so that two countries' questions never share
one (`LNOB_KEN_CIVIC_PARTICIPATION_2024_INCLUSIVE_DECISIONS`), marked with the indicator it
informs. `check_series` is the one check of the declarations: `validate` runs it, and so does
every SDMX file before it is written.
"""

from __future__ import annotations

from lnob.errors import InputError
from lnob.sdmx.codes import SdgCodes, custom_code
from lnob.stocktake.codes import is_indicator_code
from lnob.survey.config import AnalysisSpec, SurveyConfig
from lnob.yamlio import line_in


def custom_series(survey: str, analysis: str) -> str:
    """The coalition's series code of one analysis of one survey."""
    return custom_code(f"LNOB_{survey}", analysis)


def _error(config: SurveyConfig, index: int, problem: str, **detail: str) -> InputError:
    return InputError(
        config.path,
        problem,
        row=line_in(config.path, ["analyses", index, "sdg_series"]),
        column=f"analyses.{index}.sdg_series",
        **detail,  # type: ignore[arg-type]
    )


def check_series(config: SurveyConfig, codes: SdgCodes) -> None:
    """Each declared `sdg_series` is a UN series of the analysis's indicator, for a share
    (`count_as`), declared once in the survey."""
    seen: dict[str, str] = {}
    for index, analysis in enumerate(config.analyses):
        code = analysis.sdg_series
        if code is None:
            continue
        series = codes.series.get(code)
        if series is None:
            raise _error(
                config,
                index,
                f"analysis '{analysis.id}' declares sdg_series '{code}', which is not a UN "
                "SDG series the project knows",
                expected=", ".join(sorted(codes.series)),
                found=code,
                hint="Use the UN's series code only where the question measures that series "
                "as the UN defines it; otherwise leave sdg_series out (the figure is published "
                "under the coalition's own code). A series missing here goes into "
                "src/lnob/sdmx/sdg_codes.yaml, from the UN's list",
            )
        if not is_indicator_code(analysis.indicator) or analysis.indicator not in (
            series.indicators
        ):
            raise _error(
                config,
                index,
                f"analysis '{analysis.id}' has indicator '{analysis.indicator}', but UN series "
                f"'{code}' reports {' and '.join(series.indicators)}",
                expected=f"indicator {' or '.join(series.indicators)}",
                found=analysis.indicator,
                hint="Give the analysis the indicator its series reports, or leave sdg_series out",
            )
        if not analysis.count_as:
            raise _error(
                config,
                index,
                f"analysis '{analysis.id}' declares sdg_series '{code}' but gives no count_as: "
                "a UN series is one share, and this analysis publishes one per answer",
                expected="count_as: the answers the share counts",
                hint="Add count_as, or leave sdg_series out",
            )
        if code in seen:
            raise _error(
                config,
                index,
                f"analyses '{seen[code]}' and '{analysis.id}' both declare sdg_series '{code}'",
                expected="each UN series declared by one analysis of the survey",
                found=code,
                hint="Keep sdg_series on the analysis that measures it as the UN defines it",
            )
        seen[code] = analysis.id


def series_code(config: SurveyConfig, analysis: AnalysisSpec | None, name: str) -> str:
    """The series an analysis's figures go out under: the UN's it declares, or the coalition's
    (`name` is the analysis id, for a table whose analysis is not in the config)."""
    if analysis is not None and analysis.sdg_series:
        return analysis.sdg_series
    return custom_series(config.id, name)
