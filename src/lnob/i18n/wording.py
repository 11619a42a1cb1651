"""The few words the survey library writes itself, in every report language.

Group names (the shared taxonomy keys), "Total", and the two disability categories. Labels of
questions and answers always come from the form; these are only for what the form cannot say.
Languages: the coalition's en, fr, es, ar, the pilot languages bn, hi, ne, sw, vi, and ur.

Bottom layer: imports nothing of the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

Text = Mapping[str, str]


def _text(**by_language: str) -> Text:
    return MappingProxyType(by_language)


TOTAL: Text = _text(
    en="Total",
    fr="Total",
    es="Total",
    bn="মোট",
    hi="कुल",
    ne="जम्मा",
    sw="Jumla",
    vi="Tổng",
    ar="المجموع",
    ur="کل",
)

NOT_STATED: Text = _text(
    en="Not stated (no answer, don't know, refused)",
    fr="Non déclaré (sans réponse, ne sait pas, refus)",
    es="No declarado (sin respuesta, no sabe, se niega)",
    bn="উল্লেখ নেই (উত্তর নেই, জানা নেই, অস্বীকার)",
    hi="उल्लेख नहीं (उत्तर नहीं, पता नहीं, इनकार)",
    ne="उल्लेख नगरिएको (उत्तर छैन, थाहा छैन, अस्वीकार)",
    sw="Haikuelezwa (hakuna jibu, hajui, alikataa)",
    vi="Không nêu (không trả lời, không biết, từ chối)",
    ar="غير مذكور (لا إجابة، لا يعرف، رفض)",
    ur="بیان نہیں کیا گیا (کوئی جواب نہیں، معلوم نہیں، انکار)",
)

GROUP_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "sex": _text(
            en="Sex",
            fr="Sexe",
            es="Sexo",
            bn="লিঙ্গ",
            hi="लिंग",
            ne="लिङ्ग",
            sw="Jinsia",
            vi="Giới tính",
            ar="الجنس",
            ur="جنس",
        ),
        "age": _text(
            en="Age group",
            fr="Groupe d'âge",
            es="Grupo de edad",
            bn="বয়সগোষ্ঠী",
            hi="आयु वर्ग",
            ne="उमेर समूह",
            sw="Kundi la umri",
            vi="Nhóm tuổi",
            ar="الفئة العمرية",
            ur="عمر کا گروپ",
        ),
        "disability": _text(
            en="Disability status",
            fr="Situation de handicap",
            es="Situación de discapacidad",
            bn="প্রতিবন্ধিতার অবস্থা",
            hi="दिव्यांगता की स्थिति",
            ne="अपाङ्गताको अवस्था",
            sw="Hali ya ulemavu",
            vi="Tình trạng khuyết tật",
            ar="وضع الإعاقة",
            ur="معذوری کی حیثیت",
        ),
        "location": _text(
            en="Place of residence",
            fr="Milieu de résidence",
            es="Lugar de residencia",
            bn="বসবাসের এলাকা",
            hi="निवास स्थान",
            ne="बसोबास क्षेत्र",
            sw="Mahali pa kuishi",
            vi="Nơi cư trú",
            ar="مكان الإقامة",
            ur="رہائش کی جگہ",
        ),
        "income": _text(
            en="Income group",
            fr="Groupe de revenu",
            es="Grupo de ingresos",
            bn="আয়ের গোষ্ঠী",
            hi="आय वर्ग",
            ne="आय समूह",
            sw="Kundi la kipato",
            vi="Nhóm thu nhập",
            ar="فئة الدخل",
            ur="آمدنی کا گروپ",
        ),
        "religion": _text(
            en="Religion",
            fr="Religion",
            es="Religión",
            bn="ধর্ম",
            hi="धर्म",
            ne="धर्म",
            sw="Dini",
            vi="Tôn giáo",
            ar="الدين",
            ur="مذہب",
        ),
        "ethnicity": _text(
            en="Ethnicity or caste",
            fr="Ethnie ou caste",
            es="Etnia o casta",
            bn="নৃগোষ্ঠী বা বর্ণ",
            hi="जातीयता या जाति",
            ne="जातजाति",
            sw="Kabila au tabaka",
            vi="Dân tộc",
            ar="الإثنية أو الطائفة",
            ur="نسلی گروہ یا ذات",
        ),
        "origin": _text(
            en="Origin",
            fr="Origine",
            es="Origen",
            bn="উৎস",
            hi="मूल",
            ne="उद्गम",
            sw="Asili",
            vi="Nguồn gốc",
            ar="الأصل",
            ur="اصل",
        ),
        "education": _text(
            en="Education",
            fr="Niveau d'instruction",
            es="Nivel educativo",
            bn="শিক্ষা",
            hi="शिक्षा",
            ne="शिक्षा",
            sw="Elimu",
            vi="Trình độ học vấn",
            ar="التعليم",
            ur="تعلیم",
        ),
        "other": _text(
            en="Other status",
            fr="Autre situation",
            es="Otra condición",
            bn="অন্যান্য অবস্থা",
            hi="अन्य स्थिति",
            ne="अन्य अवस्था",
            sw="Hali nyingine",
            vi="Tình trạng khác",
            ar="أوضاع أخرى",
            ur="دیگر حیثیت",
        ),
    }
)

WITH_DISABILITY: Text = _text(
    en="With disability",
    fr="En situation de handicap",
    es="Con discapacidad",
    bn="প্রতিবন্ধিতা আছে",
    hi="दिव्यांगता सहित",
    ne="अपाङ्गता भएका",
    sw="Wenye ulemavu",
    vi="Có khuyết tật",
    ar="ذوو الإعاقة",
    ur="معذوری کے ساتھ",
)
WITHOUT_DISABILITY: Text = _text(
    en="Without disability",
    fr="Sans handicap",
    es="Sin discapacidad",
    bn="প্রতিবন্ধিতা নেই",
    hi="दिव्यांगता रहित",
    ne="अपाङ्गता नभएका",
    sw="Wasio na ulemavu",
    vi="Không có khuyết tật",
    ar="من دون إعاقة",
    ur="معذوری کے بغیر",
)
