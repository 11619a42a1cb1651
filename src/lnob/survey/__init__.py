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
