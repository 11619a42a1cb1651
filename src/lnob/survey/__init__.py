"""Citizen-led survey research: read XLSForms and Kobo/ODK exports, protect respondents, estimate.

The report notebook needs two names: :func:`analyse_survey` (one survey folder, one language ->
a disclosure-checked :class:`SurveyResult`) and :func:`declared_inputs` (the files it reads).
The rest is here for tests and for other parts of the project.

Layering, bottom up: ``languages``, ``constraints``, ``mismatches``, ``disclosure``,
``estimates`` import nothing of the project (its own words are in ``lnob.i18n.wording``);
``xlsform`` and ``config`` read inputs; ``columns``, ``privacy``, ``harmonise``, ``submissions``
and ``dataset`` turn an export into de-identified typed tables; ``washington`` and ``groups``
build breakdowns;
``estimation`` estimates every analysis (numbers and codes, the same in every language);
``analysis`` labels them in one language and returns the values of ``results``; ``cache``
keeps the estimates in the build cache, shared by every build worker and language
(``lnob.survey.cache.cached_analysis``, what the products call).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lnob.survey.analysis import analyse_survey, declared_inputs
    from lnob.survey.config import SurveyConfig, load_survey_config
    from lnob.survey.dataset import SurveyData, identifying_values, read_survey_data
    from lnob.survey.disclosure import SuppressionRecord, suppress_breakdown
    from lnob.survey.estimates import (
        Estimate,
        Reliability,
        SampleDesign,
        estimate_mean,
        estimate_proportions,
    )
    from lnob.survey.languages import language_tag
    from lnob.survey.mismatches import Mismatch, MismatchReport
    from lnob.survey.results import (
        AskedOf,
        EstimateRow,
        EstimateTable,
        GroupCount,
        LabelFallback,
        SampleDescription,
        SurveyResult,
    )
    from lnob.survey.washington import (
        DISABILITY_RULE,
        WashingtonGroupSet,
        disability_status,
        find_washington_group,
    )
    from lnob.survey.xlsform import FormDefinition, read_xlsform, validation_messages

# Each name is imported from its module when first used (PEP 562), so that importing one light
# module of the package (`lnob.survey.formtext`, which the build's plan reads) does not load
# pandas, pyxform and the estimators with it.
_WHERE = {
    "analyse_survey": "lnob.survey.analysis",
    "AskedOf": "lnob.survey.results",
    "declared_inputs": "lnob.survey.analysis",
    "DISABILITY_RULE": "lnob.survey.washington",
    "disability_status": "lnob.survey.washington",
    "Estimate": "lnob.survey.estimates",
    "estimate_mean": "lnob.survey.estimates",
    "estimate_proportions": "lnob.survey.estimates",
    "EstimateRow": "lnob.survey.results",
    "EstimateTable": "lnob.survey.results",
    "find_washington_group": "lnob.survey.washington",
    "FormDefinition": "lnob.survey.xlsform",
    "GroupCount": "lnob.survey.results",
    "identifying_values": "lnob.survey.dataset",
    "LabelFallback": "lnob.survey.results",
    "language_tag": "lnob.survey.languages",
    "load_survey_config": "lnob.survey.config",
    "Mismatch": "lnob.survey.mismatches",
    "MismatchReport": "lnob.survey.mismatches",
    "read_survey_data": "lnob.survey.dataset",
    "read_xlsform": "lnob.survey.xlsform",
    "Reliability": "lnob.survey.estimates",
    "SampleDescription": "lnob.survey.results",
    "SampleDesign": "lnob.survey.estimates",
    "suppress_breakdown": "lnob.survey.disclosure",
    "SuppressionRecord": "lnob.survey.disclosure",
    "SurveyConfig": "lnob.survey.config",
    "SurveyData": "lnob.survey.dataset",
    "SurveyResult": "lnob.survey.results",
    "validation_messages": "lnob.survey.xlsform",
    "WashingtonGroupSet": "lnob.survey.washington",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'lnob.survey' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AskedOf",
    "DISABILITY_RULE",
    "Estimate",
    "EstimateRow",
    "EstimateTable",
    "FormDefinition",
    "GroupCount",
    "LabelFallback",
    "Mismatch",
    "MismatchReport",
    "Reliability",
    "SampleDescription",
    "SampleDesign",
    "SuppressionRecord",
    "SurveyConfig",
    "SurveyData",
    "SurveyResult",
    "WashingtonGroupSet",
    "analyse_survey",
    "declared_inputs",
    "disability_status",
    "estimate_mean",
    "estimate_proportions",
    "find_washington_group",
    "identifying_values",
    "language_tag",
    "load_survey_config",
    "read_survey_data",
    "read_xlsform",
    "suppress_breakdown",
    "validation_messages",
]
