"""Disability status by the Washington Group Short Set (WG-SS), and finding its questions.

Rule: a person has a disability when at least one of the six domains (seeing, hearing,
walking, remembering, self-care, communicating) is answered "a lot of difficulty" or "cannot do
at all". A person with no such answer is counted without disability only when all six domains
have a valid answer ("no difficulty" or "some difficulty"); otherwise the status is unknown and
the person is left out of the disability breakdown (never counted as without disability).

The questions are found in a form by name (``wgq_vision``, ``wg_seeing``, ``dis_walk`` ...) or
by English label, among select_one questions whose choice list has a "a lot" and a "cannot"
level, or named in survey.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from lnob.survey.config import WG_DOMAINS
from lnob.survey.xlsform import FormDefinition, Question

WITH = "disability"
WITHOUT = "no_disability"

DISABILITY_RULE: Mapping[str, str] = MappingProxyType(
    {
        "en": "A person is counted as having a disability when at least one of the six Washington "
        "Group Short Set domains (seeing, hearing, walking or climbing steps, remembering or "
        "concentrating, self-care, communicating) is answered 'a lot of difficulty' or "
        "'cannot do at all'. People with no such answer but a missing, 'don't know' or "
        "refused answer in any domain are left out of the disability breakdown.",
        "fr": "Une personne est comptée comme étant en situation de handicap lorsqu'elle répond "
        "« beaucoup de difficultés » ou « ne peut pas du tout » pour au moins l'un des six "
        "domaines du questionnaire court du Groupe de Washington (voir, entendre, marcher ou "
        "monter des marches, se souvenir ou se concentrer, prendre soin de soi, communiquer).",
        "es": "Se considera que una persona tiene discapacidad cuando responde «mucha dificultad» "
        "o «no puede hacerlo en absoluto» en al menos uno de los seis dominios del Conjunto "
        "Breve de Preguntas del Grupo de Washington (ver, oír, caminar o subir escalones, "
        "recordar o concentrarse, autocuidado, comunicarse).",
        "sw": "Mtu huhesabiwa kuwa na ulemavu anapojibu 'ugumu mwingi' au 'hawezi kabisa' katika "
        "angalau kimoja kati ya vipengele sita vya Maswali Mafupi ya Kundi la Washington "
        "(kuona, kusikia, kutembea au kupanda ngazi, kukumbuka au kuzingatia, kujihudumia, "
        "kuwasiliana).",
        "bn": "ওয়াশিংটন গ্রুপের সংক্ষিপ্ত প্রশ্নমালার ছয়টি ক্ষেত্রের (দেখা, শোনা, হাঁটা বা সিঁড়ি "
        "বেয়ে ওঠা, মনে রাখা বা মনোযোগ দেওয়া, নিজের যত্ন নেওয়া, যোগাযোগ করা) অন্তত একটিতে "
        "'অনেক অসুবিধা' বা 'একেবারেই পারেন না' উত্তর দিলে ব্যক্তিকে প্রতিবন্ধী হিসেবে গণ্য "
        "করা হয়।",
        "hi": "वाशिंगटन समूह की संक्षिप्त प्रश्नावली के छह क्षेत्रों (देखना, सुनना, चलना या सीढ़ियाँ "
        "चढ़ना, याद रखना या ध्यान केंद्रित करना, अपनी देखभाल करना, संवाद करना) में से कम से "
        "कम एक में 'बहुत कठिनाई' या 'बिल्कुल नहीं कर सकते' उत्तर देने पर व्यक्ति को दिव्यांग "
        "माना जाता है।",
        "ne": "वासिङ्टन समूहको छोटो प्रश्नावलीका छवटा क्षेत्रहरू (देख्ने, सुन्ने, हिँड्ने वा भर्याङ "
        "चढ्ने, सम्झने वा ध्यान केन्द्रित गर्ने, आफ्नो हेरचाह गर्ने, सञ्चार गर्ने) मध्ये "
        "कम्तीमा एउटामा 'धेरै कठिनाइ' वा 'पटक्कै गर्न सक्दैन' भन्ने उत्तर दिएमा व्यक्तिलाई "
        "अपाङ्गता भएको मानिन्छ।",
        "vi": "Một người được tính là có khuyết tật khi trả lời 'rất khó khăn' hoặc 'hoàn toàn "
        "không thể làm được' ở ít nhất một trong sáu lĩnh vực của Bộ câu hỏi ngắn của Nhóm "
        "Washington (nhìn, nghe, đi lại hoặc leo bậc thang, ghi nhớ hoặc tập trung, tự chăm "
        "sóc, giao tiếp).",
    }
)

_DOMAIN_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "vision": r"see|seeing|vision|visual|sight|glasses",
        "hearing": r"hear|hearing",
        "mobility": r"walk|walking|mobility|climb|steps",
        "cognition": r"remember|cognition|cognitive|concentrat|memory",
        "self_care": r"self.?care|selfcare|washing all over|dressing",
        "communication": r"communicat|understood|understanding",
    }
)
_A_LOT = re.compile(r"a[\s_]*lot|lot[\s_]*of|alot|much", re.IGNORECASE)
_CANNOT = re.compile(r"cannot|can[\s_]*not|can't|unable|not at all", re.IGNORECASE)
_VALID_OTHER = re.compile(r"^(no|none|some)|no[\s_]*difficulty|some[\s_]*difficulty", re.IGNORECASE)


@dataclass(frozen=True)
class WashingtonGroupSet:
    """The six WG-SS questions and which choice names mean a lot / cannot / a valid answer."""

    questions: Mapping[str, str]  # domain -> question name
    severe: frozenset[str]  # choice names: "a lot of difficulty", "cannot do at all"
    valid: frozenset[str]  # choice names: "no difficulty", "some difficulty"


def _choice_levels(form: FormDefinition, list_name: str) -> tuple[set[str], set[str]]:
    severe, valid = set(), set()
    for choice in form.choices.get(list_name, ()):
        texts = [choice.name, *(v for k, v in choice.labels.items() if k.startswith("en"))]
        if any(_CANNOT.search(t) or _A_LOT.search(t) for t in texts):
            severe.add(choice.name)
        elif any(_VALID_OTHER.search(t) for t in texts):
            valid.add(choice.name)
    return severe, valid


def _is_wg_scale(form: FormDefinition, question: Question) -> bool:
    if question.type != "select_one" or not question.list_name:
        return False
    names = form.choices.get(question.list_name, ())
    joined = [" ".join([c.name, *c.labels.values()]) for c in names]
    return any(_A_LOT.search(t) for t in joined) and any(_CANNOT.search(t) for t in joined)


def find_washington_group(
    form: FormDefinition, named: Mapping[str, str] | None = None
) -> WashingtonGroupSet | None:
    """The form's WG-SS questions (``named`` overrides detection), or ``None`` if incomplete."""
    candidates = [q for q in form.fields if _is_wg_scale(form, q)]
    chosen: dict[str, str] = dict(named or {})
    for domain in WG_DOMAINS:
        if domain in chosen:
            continue
        words = re.compile(_DOMAIN_WORDS[domain], re.IGNORECASE)
        by_name = [q for q in candidates if words.search(q.name)]
        by_label = [
            q
            for q in candidates
            if any(words.search(v) for k, v in q.labels.items() if k.startswith("en"))
        ]
        found = sorted(by_name or by_label, key=lambda q: ("wg" not in q.name.lower(), q.row))
        taken = set(chosen.values())
        found = [q for q in found if q.name not in taken]
        if found:
            chosen[domain] = found[0].name
    if any(d not in chosen for d in WG_DOMAINS):
        return None
    severe: set[str] = set()
    valid: set[str] = set()
    for name in chosen.values():
        question = form.question(name)
        if question is not None and question.list_name:
            more_severe, more_valid = _choice_levels(form, question.list_name)
            severe |= more_severe
            valid |= more_valid
    return WashingtonGroupSet(MappingProxyType(chosen), frozenset(severe), frozenset(valid))


def disability_status(frame: pd.DataFrame, wg: WashingtonGroupSet) -> pd.Series:
    """``disability``, ``no_disability`` or missing, per row, by the rule in the module doc."""
    answers = frame[[wg.questions[d] for d in WG_DOMAINS]]
    severe = answers.isin(wg.severe).any(axis=1)
    all_valid = answers.isin(wg.valid).all(axis=1)
    status = pd.Series(None, index=frame.index, dtype=object)
    status[all_valid] = WITHOUT
    status[severe] = WITH
    return status
