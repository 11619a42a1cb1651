"""Write the DEMO citizen-led surveys: XLSForms, synthetic exports and survey.yaml files.

Everything written here is synthetic demonstration data (``demo: true``). The forms are real
XLSForms in English and each pilot country's language; the exports imitate what KoboToolbox and
ODK Central produce (Kobo CSV with ';' or ',', Kobo XLSX with a repeat sheet, ODK Central CSV
with a repeat file), including the problems met in practice: identifying columns (names, phone
numbers, GPS, enumerator and device ids), a sentinel code 999, values outside a choice list, an
answer breaking a constraint and a column the form does not know.

Deterministic: a fixed seed per survey, fixed workbook properties and fixed zip timestamps, so
running it twice gives byte-identical files.

    .venv/bin/python data/make_demo_surveys.py [output_root]   # default: data/countries
"""

from __future__ import annotations

import csv
import io
import re
import sys
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import yaml

FIXED_TIME = (2024, 6, 1, 0, 0, 0)
FIXED_ISO = "2024-06-01T00:00:00Z"


# --------------------------------------------------------------------------- texts
# Question and choice labels in English and each pilot language (bn, hi, sw, ne, vi).
# The Washington Group questions follow the WG Short Set wording.
# fmt: off

LANGUAGE_HEADERS = {
    "en": "English (en)", "bn": "Bangla (bn)", "hi": "Hindi (hi)", "sw": "Swahili (sw)",
    "ne": "Nepali (ne)", "vi": "Vietnamese (vi)",
}


def _t(
    en: str, bn: str = "", hi: str = "", sw: str = "", ne: str = "", vi: str = "",
    fr: str = "", es: str = "", ar: str = "",
) -> dict[str, str]:
    texts = {"en": en, "bn": bn, "hi": hi, "sw": sw, "ne": ne, "vi": vi, "fr": fr, "es": es,
             "ar": ar}
    return {k: v for k, v in texts.items() if v}


TEXT: dict[str, dict[str, str]] = {
    "consent": _t(
        "Do you agree to take part in this survey?",
        bn="আপনি কি এই জরিপে অংশ নিতে রাজি?",
        hi="क्या आप इस सर्वेक्षण में भाग लेने के लिए सहमत हैं?",
        sw="Je, unakubali kushiriki katika utafiti huu?",
        ne="के तपाईं यो सर्वेक्षणमा भाग लिन सहमत हुनुहुन्छ?",
        vi="Anh/chị có đồng ý tham gia khảo sát này không?"),
    "g_interview": _t("Interview", bn="সাক্ষাৎকার", hi="साक्षात्कार", sw="Mahojiano",
                      ne="अन्तर्वार्ता", vi="Phỏng vấn"),
    "enumerator_id": _t("Enumerator ID", bn="তথ্য সংগ্রহকারীর আইডি", hi="प्रगणक आईडी",
                        sw="Namba ya mdadisi", ne="गणकको परिचय नम्बर", vi="Mã điều tra viên"),
    "cluster_id": _t("Cluster (enumeration area) number", bn="ক্লাস্টার (গণনা এলাকা) নম্বর",
                     hi="क्लस्टर (गणना क्षेत्र) संख्या", sw="Namba ya eneo la kuhesabia (klasta)",
                     ne="क्लस्टर (गणना क्षेत्र) नम्बर", vi="Số cụm (địa bàn điều tra)"),
    "respondent_name": _t("Respondent's name", bn="উত্তরদাতার নাম", hi="उत्तरदाता का नाम",
                          sw="Jina la mhojiwa", ne="उत्तरदाताको नाम", vi="Tên người trả lời"),
    "respondent_phone": _t(
        "Respondent's phone number (for follow-up)",
        bn="উত্তরদাতার ফোন নম্বর (পরবর্তী যোগাযোগের জন্য)",
        hi="उत्तरदाता का फ़ोन नंबर (आगे संपर्क के लिए)",
        sw="Namba ya simu ya mhojiwa (kwa ufuatiliaji)",
        ne="उत्तरदाताको फोन नम्बर (पछि सम्पर्कका लागि)",
        vi="Số điện thoại của người trả lời (để liên hệ lại)"),
    "gps": _t("Record the location of the household", bn="খানার অবস্থান রেকর্ড করুন",
              hi="परिवार का स्थान दर्ज करें", sw="Rekodi mahali ilipo kaya",
              ne="घरपरिवारको स्थान रेकर्ड गर्नुहोस्", vi="Ghi lại vị trí của hộ gia đình"),
    "area": _t("Is this area urban or rural?", bn="এই এলাকা শহর না গ্রাম?",
               hi="यह क्षेत्र शहरी है या ग्रामीण?", sw="Je, eneo hili ni la mjini au vijijini?",
               ne="यो क्षेत्र सहरी हो कि ग्रामीण?", vi="Khu vực này là thành thị hay nông thôn?"),
    "g_respondent": _t("About the respondent", bn="উত্তরদাতা সম্পর্কে", hi="उत्तरदाता के बारे में",
                       sw="Kuhusu mhojiwa", ne="उत्तरदाताको बारेमा", vi="Thông tin người trả lời"),
    "resp_sex": _t("Sex of the respondent", bn="উত্তরদাতার লিঙ্গ", hi="उत्तरदाता का लिंग",
                   sw="Jinsia ya mhojiwa", ne="उत्तरदाताको लिङ्ग", vi="Giới tính của người trả lời"),
    "resp_age": _t("How old are you (in completed years)?", bn="আপনার বয়স কত (পূর্ণ বছরে)?",
                   hi="आपकी उम्र कितनी है (पूरे वर्षों में)?",
                   sw="Una umri wa miaka mingapi (iliyotimia)?",
                   ne="तपाईंको उमेर कति हो (पूरा भएका वर्षमा)?",
                   vi="Anh/chị bao nhiêu tuổi (tính theo năm tròn)?"),
    "religion": _t("What is your religion?", bn="আপনার ধর্ম কী?", hi="आपका धर्म क्या है?"),
    "social_group": _t("Which social group do you belong to?", hi="आप किस सामाजिक वर्ग से हैं?"),
    "caste": _t("What is your caste or ethnic group?", ne="तपाईंको जातजाति के हो?"),
    "ethnicity_vn": _t("What is your ethnic group?", vi="Anh/chị thuộc dân tộc nào?"),
    "origin": _t("Where were you born?", sw="Ulizaliwa wapi?"),
    "income": _t("How would you describe your household's income?",
                 bn="আপনার পরিবারের আয়কে আপনি কীভাবে বর্ণনা করবেন?",
                 hi="आप अपने परिवार की आय को कैसे बताएँगे?",
                 sw="Ungeelezaje kipato cha kaya yako?",
                 ne="तपाईं आफ्नो परिवारको आम्दानीलाई कसरी वर्णन गर्नुहुन्छ?",
                 vi="Anh/chị đánh giá thu nhập của hộ gia đình mình như thế nào?"),
    "education": _t("What is the highest level of education you have completed?",
                    bn="আপনি সর্বোচ্চ কোন স্তর পর্যন্ত লেখাপড়া শেষ করেছেন?",
                    hi="आपने किस स्तर तक की शिक्षा पूरी की है?",
                    sw="Ni kiwango gani cha juu zaidi cha elimu ulichohitimu?",
                    ne="तपाईंले पूरा गरेको सबैभन्दा माथिल्लो तहको शिक्षा कुन हो?",
                    vi="Trình độ học vấn cao nhất anh/chị đã hoàn thành là gì?"),
    "wg_vision": _t("Do you have difficulty seeing, even if wearing glasses?",
                    bn="চশমা পরা অবস্থায়ও কি আপনার দেখতে অসুবিধা হয়?",
                    hi="क्या आपको चश्मा पहनने पर भी देखने में कठिनाई होती है?",
                    sw="Je, una ugumu wa kuona, hata ukivaa miwani?",
                    ne="के तपाईंलाई चस्मा लगाउँदा पनि हेर्न कठिनाइ हुन्छ?",
                    vi="Anh/chị có gặp khó khăn khi nhìn, ngay cả khi đeo kính không?"),
    "wg_hearing": _t("Do you have difficulty hearing, even if using a hearing aid?",
                     bn="শ্রবণযন্ত্র ব্যবহার করা অবস্থায়ও কি আপনার শুনতে অসুবিধা হয়?",
                     hi="क्या आपको श्रवण यंत्र लगाने पर भी सुनने में कठिनाई होती है?",
                     sw="Je, una ugumu wa kusikia, hata ukitumia kifaa cha kusaidia kusikia?",
                     ne="के तपाईंलाई श्रवण यन्त्र प्रयोग गर्दा पनि सुन्न कठिनाइ हुन्छ?",
                     vi="Anh/chị có gặp khó khăn khi nghe, ngay cả khi dùng máy trợ thính không?"),
    "wg_mobility": _t("Do you have difficulty walking or climbing steps?",
                      bn="আপনার কি হাঁটতে বা সিঁড়ি বেয়ে উঠতে অসুবিধা হয়?",
                      hi="क्या आपको चलने या सीढ़ियाँ चढ़ने में कठिनाई होती है?",
                      sw="Je, una ugumu wa kutembea au kupanda ngazi?",
                      ne="के तपाईंलाई हिँड्न वा भर्याङ चढ्न कठिनाइ हुन्छ?",
                      vi="Anh/chị có gặp khó khăn khi đi bộ hoặc leo bậc thang không?"),
    "wg_cognition": _t("Do you have difficulty remembering or concentrating?",
                       bn="আপনার কি মনে রাখতে বা মনোযোগ দিতে অসুবিধা হয়?",
                       hi="क्या आपको याद रखने या ध्यान केंद्रित करने में कठिनाई होती है?",
                       sw="Je, una ugumu wa kukumbuka au kuzingatia?",
                       ne="के तपाईंलाई सम्झन वा ध्यान केन्द्रित गर्न कठिनाइ हुन्छ?",
                       vi="Anh/chị có gặp khó khăn khi ghi nhớ hoặc tập trung không?"),
    "wg_self_care": _t(
        "Do you have difficulty with self-care, such as washing all over or dressing?",
        bn="আপনার কি নিজের যত্ন নিতে, যেমন পুরো শরীর ধোয়া বা কাপড় পরতে অসুবিধা হয়?",
        hi="क्या आपको अपनी देखभाल करने, जैसे पूरा शरीर धोने या कपड़े पहनने में कठिनाई होती है?",
        sw="Je, una ugumu wa kujihudumia, kama vile kuoga mwili mzima au kuvaa nguo?",
        ne="के तपाईंलाई आफ्नो हेरचाह गर्न, जस्तै पूरै शरीर धुन वा लुगा लगाउन कठिनाइ हुन्छ?",
        vi="Anh/chị có gặp khó khăn trong việc tự chăm sóc, như tắm rửa toàn thân hoặc "
           "mặc quần áo không?"),
    "wg_communication": _t(
        "Using your usual language, do you have difficulty communicating, for example "
        "understanding or being understood?",
        bn="নিজের স্বাভাবিক ভাষায় যোগাযোগ করতে, যেমন অন্যকে বুঝতে বা অন্যদের কাছে নিজেকে "
           "বোঝাতে, কি আপনার অসুবিধা হয়?",
        hi="अपनी सामान्य भाषा में, क्या आपको बातचीत करने में, जैसे दूसरों को समझने या अपनी बात "
           "समझाने में कठिनाई होती है?",
        sw="Ukitumia lugha yako ya kawaida, je, una ugumu wa kuwasiliana, kwa mfano kuelewa au "
           "kueleweka?",
        ne="आफ्नो सामान्य भाषामा, के तपाईंलाई कुराकानी गर्न, जस्तै अरूलाई बुझ्न वा आफ्नो कुरा "
           "बुझाउन कठिनाइ हुन्छ?",
        vi="Khi dùng ngôn ngữ thường ngày, anh/chị có gặp khó khăn trong giao tiếp, ví dụ hiểu "
           "người khác hoặc được người khác hiểu không?"),
    "hh_roster": _t("Household members", sw="Wanakaya", ne="घरपरिवारका सदस्यहरू"),
    "member_name": _t("First name of the household member", sw="Jina la kwanza la mwanakaya",
                      ne="परिवारको सदस्यको पहिलो नाम"),
    "member_relation": _t("Relationship to the head of household", sw="Uhusiano na mkuu wa kaya",
                          ne="घरमूलीसँगको नाता"),
    "member_sex": _t("Sex of this member", sw="Jinsia ya mwanakaya huyu", ne="यस सदस्यको लिङ्ग"),
    "member_age": _t("Age of this member (completed years)",
                     sw="Umri wa mwanakaya huyu (miaka iliyotimia)",
                     ne="यस सदस्यको उमेर (पूरा भएका वर्ष)"),
    "member_wg_vision": _t("Does this person have difficulty seeing, even if wearing glasses?",
                           sw="Je, mtu huyu ana ugumu wa kuona, hata akivaa miwani?",
                           ne="के यो व्यक्तिलाई चस्मा लगाउँदा पनि हेर्न कठिनाइ हुन्छ?"),
    "member_wg_hearing": _t(
        "Does this person have difficulty hearing, even if using a hearing aid?",
        sw="Je, mtu huyu ana ugumu wa kusikia, hata akitumia kifaa cha kusaidia kusikia?",
        ne="के यो व्यक्तिलाई श्रवण यन्त्र प्रयोग गर्दा पनि सुन्न कठिनाइ हुन्छ?"),
    "member_wg_mobility": _t("Does this person have difficulty walking or climbing steps?",
                             sw="Je, mtu huyu ana ugumu wa kutembea au kupanda ngazi?",
                             ne="के यो व्यक्तिलाई हिँड्न वा भर्याङ चढ्न कठिनाइ हुन्छ?"),
    "member_wg_cognition": _t("Does this person have difficulty remembering or concentrating?",
                              sw="Je, mtu huyu ana ugumu wa kukumbuka au kuzingatia?",
                              ne="के यो व्यक्तिलाई सम्झन वा ध्यान केन्द्रित गर्न कठिनाइ हुन्छ?"),
    "member_wg_self_care": _t(
        "Does this person have difficulty with self-care, such as washing all over or dressing?",
        sw="Je, mtu huyu ana ugumu wa kujihudumia, kama vile kuoga mwili mzima au kuvaa nguo?",
        ne="के यो व्यक्तिलाई आफ्नो हेरचाह गर्न, जस्तै पूरै शरीर धुन वा लुगा लगाउन कठिनाइ हुन्छ?"),
    "member_wg_communication": _t(
        "Using their usual language, does this person have difficulty communicating, for "
        "example understanding or being understood?",
        sw="Akitumia lugha yake ya kawaida, je, mtu huyu ana ugumu wa kuwasiliana, kwa mfano "
           "kuelewa au kueleweka?",
        ne="आफ्नो सामान्य भाषामा, के यो व्यक्तिलाई कुराकानी गर्न, जस्तै अरूलाई बुझ्न वा आफ्नो "
           "कुरा बुझाउन कठिनाइ हुन्छ?"),
    "member_needed_care": _t("In the past 12 months, did this person need health care?",
                             sw="Katika miezi 12 iliyopita, je, mtu huyu alihitaji huduma ya afya?",
                             ne="विगत १२ महिनामा यो व्यक्तिलाई स्वास्थ्य सेवा आवश्यक पर्‍यो?"),
    "member_received_care": _t(
        "Was this person able to get the health care they needed?",
        sw="Je, mtu huyu aliweza kupata huduma ya afya aliyohitaji?",
        ne="के यो व्यक्तिले आवश्यक स्वास्थ्य सेवा पाउन सक्नुभयो?"),
    "member_in_school": _t("Is this person currently attending school?",
                           ne="के यो व्यक्ति हाल विद्यालय गइरहेको छ?"),
    "g_health": _t("Health care", bn="স্বাস্থ্যসেবা", hi="स्वास्थ्य सेवा", sw="Huduma za afya",
                   ne="स्वास्थ्य सेवा", vi="Chăm sóc sức khỏe"),
    "needed_care": _t("In the past 12 months, did you need health care?",
                      bn="গত ১২ মাসে আপনার কি স্বাস্থ্যসেবার প্রয়োজন হয়েছিল?",
                      hi="पिछले 12 महीनों में क्या आपको स्वास्थ्य सेवा की ज़रूरत पड़ी?",
                      sw="Katika miezi 12 iliyopita, je, ulihitaji huduma ya afya?",
                      ne="विगत १२ महिनामा तपाईंलाई स्वास्थ्य सेवा आवश्यक पर्‍यो?",
                      vi="Trong 12 tháng qua, anh/chị có cần được chăm sóc y tế không?"),
    "received_care": _t("Were you able to get the health care you needed?",
                        bn="আপনি কি প্রয়োজনীয় স্বাস্থ্যসেবা পেয়েছিলেন?",
                        hi="क्या आपको ज़रूरी स्वास्थ्य सेवा मिल पाई?",
                        sw="Je, uliweza kupata huduma ya afya uliyohitaji?",
                        ne="के तपाईंले आवश्यक स्वास्थ्य सेवा पाउन सक्नुभयो?",
                        vi="Anh/chị có nhận được dịch vụ chăm sóc y tế cần thiết không?"),
    "barriers": _t(
        "What stopped you from getting the care you needed? (select all that apply)",
        bn="প্রয়োজনীয় সেবা পেতে কী বাধা ছিল? (প্রযোজ্য সবগুলো বাছাই করুন)",
        hi="ज़रूरी इलाज पाने में क्या रुकावट आई? (सभी लागू विकल्प चुनें)",
        sw="Ni nini kilikuzuia kupata huduma uliyohitaji? (chagua zote zinazohusika)",
        ne="आवश्यक सेवा पाउन केले रोक्यो? (लागू हुने सबै छान्नुहोस्)",
        vi="Điều gì đã cản trở anh/chị nhận được dịch vụ cần thiết? (chọn tất cả các đáp án "
           "phù hợp)"),
    "barriers_household": _t(
        "In the past 12 months, what made it hard for your household to get health care? "
        "(select all that apply)",
        sw="Katika miezi 12 iliyopita, ni nini kilifanya iwe vigumu kwa kaya yako kupata huduma "
           "ya afya? (chagua zote zinazohusika)"),
    "travel_minutes": _t("How many minutes does it take to reach the nearest health facility?",
                         bn="নিকটতম স্বাস্থ্যকেন্দ্রে পৌঁছাতে কত মিনিট লাগে?",
                         hi="नज़दीकी स्वास्थ्य केंद्र तक पहुँचने में कितने मिनट लगते हैं?",
                         sw="Inachukua dakika ngapi kufika kituo cha afya kilicho karibu zaidi?",
                         ne="नजिकको स्वास्थ्य संस्थासम्म पुग्न कति मिनेट लाग्छ?",
                         vi="Mất bao nhiêu phút để đến cơ sở y tế gần nhất?"),
    "health_insurance": _t("Is anyone in your household covered by health insurance?",
                           bn="আপনার পরিবারের কেউ কি স্বাস্থ্যবিমার আওতায় আছেন?",
                           hi="क्या आपके परिवार का कोई सदस्य स्वास्थ्य बीमा के दायरे में है?",
                           sw="Je, kuna mtu yeyote katika kaya yako aliye na bima ya afya?",
                           ne="तपाईंको परिवारमा कसैको स्वास्थ्य बीमा छ?",
                           vi="Có ai trong hộ gia đình anh/chị có bảo hiểm y tế không?"),
    "g_wash": _t("Water and sanitation", bn="পানি ও স্যানিটেশন", hi="पानी और स्वच्छता",
                 sw="Maji na usafi wa mazingira", ne="खानेपानी र सरसफाइ", vi="Nước và vệ sinh"),
    "water_source": _t("What is the main source of drinking water for your household?",
                       bn="আপনার পরিবারের খাবার পানির প্রধান উৎস কী?",
                       hi="आपके परिवार के पीने के पानी का मुख्य स्रोत क्या है?",
                       sw="Chanzo kikuu cha maji ya kunywa cha kaya yako ni kipi?",
                       ne="तपाईंको परिवारको पिउने पानीको मुख्य स्रोत के हो?",
                       vi="Nguồn nước uống chính của hộ gia đình anh/chị là gì?"),
    "toilet": _t("What kind of toilet facility do members of your household usually use?",
                 bn="আপনার পরিবারের সদস্যরা সাধারণত কোন ধরনের টয়লেট ব্যবহার করেন?",
                 hi="आपके परिवार के सदस्य आमतौर पर किस प्रकार का शौचालय इस्तेमाल करते हैं?",
                 sw="Wanakaya wako kwa kawaida hutumia choo cha aina gani?",
                 ne="तपाईंको परिवारका सदस्यहरूले सामान्यतया कस्तो प्रकारको चर्पी प्रयोग गर्नुहुन्छ?",
                 vi="Các thành viên trong hộ gia đình anh/chị thường sử dụng loại nhà vệ sinh "
                    "nào?"),
    "g_civic": _t("Participation", sw="Ushiriki", vi="Sự tham gia", ne="सहभागिता", hi="भागीदारी"),
    "voted": _t("Did you vote in the last general election (2022)?",
                sw="Je, ulipiga kura katika uchaguzi mkuu uliopita (2022)?"),
    "attended_meeting": _t(
        "In the past 12 months, have you attended a public participation forum or county meeting?",
        sw="Katika miezi 12 iliyopita, je, umehudhuria baraza la ushirikishwaji wa umma au "
           "mkutano wa kaunti?"),
    "decision_inclusive": _t(
        "How much do you agree: people like me have a say in what the county government does?",
        sw="Unakubali kwa kiasi gani: watu kama mimi wana sauti katika kile serikali ya kaunti "
           "inachofanya?"),
    "civic_activities": _t(
        "In the past 12 months, which of these have you done? (select all that apply)",
        sw="Katika miezi 12 iliyopita, umefanya lipi kati ya haya? (chagua yote yanayohusika)"),
    "discrimination": _t(
        "In the past 12 months, have you personally felt discriminated against or harassed?",
        sw="Katika miezi 12 iliyopita, je, wewe binafsi umehisi kubaguliwa au kunyanyaswa?",
        vi="Trong 12 tháng qua, anh/chị có từng cảm thấy bản thân bị phân biệt đối xử hoặc "
           "quấy rối không?",
        ne="विगत १२ महिनामा, के तपाईंले व्यक्तिगत रूपमा भेदभाव वा दुर्व्यवहार भोगेको महसुस "
           "गर्नुभएको छ?",
        hi="पिछले 12 महीनों में, क्या आपने स्वयं भेदभाव या उत्पीड़न महसूस किया है?"),
}

CHOICES: dict[str, list[tuple[str, dict[str, str]]]] = {
    "yes_no": [
        ("yes", _t("Yes", "হ্যাঁ", "हाँ", "Ndiyo", "हो", "Có")),
        ("no", _t("No", "না", "नहीं", "Hapana", "होइन", "Không")),
        ("dont_know", _t("Don't know", "জানি না", "पता नहीं", "Sijui", "थाहा छैन", "Không biết")),
    ],
    "sex": [
        ("female", _t("Female", "নারী", "महिला", "Mwanamke", "महिला", "Nữ")),
        ("male", _t("Male", "পুরুষ", "पुरुष", "Mwanamume", "पुरुष", "Nam")),
        ("other", _t("Third gender or another gender", "তৃতীয় লিঙ্গ বা অন্য লিঙ্গ",
                     "तृतीय लिंग या अन्य लिंग", "Jinsia nyingine", "तेस्रो लिङ्गी वा अन्य लिङ्ग",
                     "Giới tính khác")),
    ],
    "area": [
        ("urban", _t("Urban", "শহর", "शहरी", "Mjini", "सहरी", "Thành thị")),
        ("rural", _t("Rural", "গ্রাম", "ग्रामीण", "Vijijini", "ग्रामीण", "Nông thôn")),
    ],
    "wg_difficulty": [
        ("no_difficulty", _t("No difficulty", "কোনো অসুবিধা নেই", "कोई कठिनाई नहीं",
                             "Hakuna ugumu", "कुनै कठिनाइ छैन", "Không khó khăn")),
        ("some_difficulty", _t("Some difficulty", "কিছুটা অসুবিধা", "कुछ कठिनाई", "Ugumu kiasi",
                               "केही कठिनाइ", "Có chút khó khăn")),
        ("a_lot_of_difficulty", _t("A lot of difficulty", "অনেক অসুবিধা", "बहुत कठिनाई",
                                   "Ugumu mwingi", "धेरै कठिनाइ", "Rất khó khăn")),
        ("cannot_do", _t("Cannot do at all", "একেবারেই পারি না", "बिल्कुल नहीं कर सकते",
                         "Siwezi kabisa", "पटक्कै गर्न सक्दिनँ", "Hoàn toàn không thể làm được")),
        ("refused", _t("Refused", "উত্তর দিতে অস্বীকৃতি", "उत्तर देने से इनकार",
                       "Amekataa kujibu", "जवाफ दिन अस्वीकार", "Từ chối trả lời")),
    ],
    "relation": [
        ("head", _t("Head of household", sw="Mkuu wa kaya", ne="घरमूली")),
        ("spouse", _t("Spouse or partner", sw="Mke, mume au mwenzi",
                      ne="श्रीमान्/श्रीमती वा जीवनसाथी")),
        ("child", _t("Son or daughter", sw="Mwana au binti", ne="छोरा वा छोरी")),
        ("other_relative", _t("Other relative", sw="Ndugu mwingine", ne="अन्य नातेदार")),
        ("not_related", _t("Not related", sw="Hana uhusiano", ne="नाता नभएको")),
    ],
    "income": [
        ("not_enough", _t("Not enough for basic needs", "মৌলিক চাহিদার জন্য যথেষ্ট নয়",
                          "बुनियादी ज़रूरतों के लिए पर्याप्त नहीं", "Haitoshi mahitaji ya msingi",
                          "आधारभूत आवश्यकताका लागि पुग्दैन", "Không đủ cho nhu cầu thiết yếu")),
        ("just_enough", _t("Just enough for basic needs", "মৌলিক চাহিদার জন্য কোনোমতে যথেষ্ট",
                           "बुनियादी ज़रूरतों के लिए बस पर्याप्त", "Inatosha tu mahitaji ya msingi",
                           "आधारभूत आवश्यकताका लागि मात्र पुग्छ", "Vừa đủ cho nhu cầu thiết yếu")),
        ("more_than_enough", _t("More than enough", "প্রয়োজনের চেয়ে বেশি", "ज़रूरत से अधिक",
                                "Inazidi mahitaji", "आवश्यकताभन्दा बढी", "Dư dả")),
    ],
    "education": [
        ("none", _t("No formal education", "কোনো প্রাতিষ্ঠানিক শিক্ষা নেই", "कोई औपचारिक शिक्षा नहीं",
                    "Hakuna elimu rasmi", "औपचारिक शिक्षा छैन", "Không đi học")),
        ("primary", _t("Primary", "প্রাথমিক", "प्राथमिक", "Msingi", "प्राथमिक", "Tiểu học")),
        ("secondary", _t("Secondary", "মাধ্যমিক", "माध्यमिक", "Sekondari", "माध्यमिक", "Trung học")),
        ("higher", _t("Higher education", "উচ্চশিক্ষা", "उच्च शिक्षा", "Elimu ya juu",
                      "उच्च शिक्षा", "Cao đẳng hoặc đại học")),
    ],
    "religion_bd": [
        ("islam", _t("Islam", bn="ইসলাম")), ("hinduism", _t("Hinduism", bn="হিন্দু")),
        ("buddhism", _t("Buddhism", bn="বৌদ্ধ")), ("christianity", _t("Christianity", bn="খ্রিস্টান")),
        ("other", _t("Other", bn="অন্যান্য")),
    ],
    "religion_in": [
        ("hinduism", _t("Hinduism", hi="हिंदू")), ("islam", _t("Islam", hi="इस्लाम")),
        ("christianity", _t("Christianity", hi="ईसाई")), ("sikhism", _t("Sikhism", hi="सिख")),
        ("buddhism", _t("Buddhism", hi="बौद्ध")), ("other", _t("Other", hi="अन्य")),
    ],
    "social_group": [
        ("sc", _t("Scheduled Caste", hi="अनुसूचित जाति")),
        ("st", _t("Scheduled Tribe", hi="अनुसूचित जनजाति")),
        ("obc", _t("Other Backward Class", hi="अन्य पिछड़ा वर्ग")),
        ("general", _t("General", hi="सामान्य")),
    ],
    "caste_np": [
        ("dalit", _t("Dalit", ne="दलित")),
        ("janajati", _t("Adivasi Janajati", ne="आदिवासी जनजाति")),
        ("madhesi", _t("Madhesi", ne="मधेसी")), ("brahmin_chhetri", _t("Brahmin or Chhetri",
                                                                     ne="ब्राह्मण वा क्षेत्री")),
        ("muslim", _t("Muslim", ne="मुस्लिम")), ("other", _t("Other", ne="अन्य")),
    ],
    "ethnicity_vn": [
        ("kinh", _t("Kinh", vi="Kinh")),
        ("ethnic_minority", _t("Ethnic minority", vi="Dân tộc thiểu số")),
    ],
    "origin": [
        ("same_county", _t("Born in this county", sw="Alizaliwa katika kaunti hii")),
        ("other_county", _t("Born in another county", sw="Alizaliwa katika kaunti nyingine")),
        ("other_country", _t("Born in another country", sw="Alizaliwa katika nchi nyingine")),
    ],
    "barriers": [
        ("cost", _t("Cost of treatment or medicines", "চিকিৎসা বা ওষুধের খরচ",
                    "इलाज या दवाइयों का खर्च", "Gharama ya matibabu au dawa",
                    "उपचार वा औषधिको खर्च", "Chi phí khám chữa bệnh hoặc thuốc")),
        ("distance", _t("Health facility too far away", "স্বাস্থ্যকেন্দ্র অনেক দূরে",
                        "स्वास्थ्य केंद्र बहुत दूर", "Kituo cha afya kiko mbali mno",
                        "स्वास्थ्य संस्था धेरै टाढा", "Cơ sở y tế quá xa")),
        ("no_staff", _t("No health worker or medicines available",
                        "স্বাস্থ্যকর্মী বা ওষুধ পাওয়া যায়নি", "स्वास्थ्यकर्मी या दवाइयाँ उपलब्ध नहीं",
                        "Hakuna mhudumu wa afya au dawa", "स्वास्थ्यकर्मी वा औषधि उपलब्ध नभएको",
                        "Không có nhân viên y tế hoặc thuốc")),
        ("waiting", _t("Waiting time too long", "অপেক্ষার সময় খুব বেশি", "प्रतीक्षा का समय बहुत लंबा",
                       "Muda mrefu wa kusubiri", "पर्खने समय धेरै लामो", "Thời gian chờ đợi quá lâu")),
        ("discrimination", _t("Treated badly or discriminated against",
                              "খারাপ আচরণ বা বৈষম্যের শিকার", "बुरा व्यवहार या भेदभाव",
                              "Kutendewa vibaya au kubaguliwa", "नराम्रो व्यवहार वा भेदभाव",
                              "Bị đối xử tệ hoặc bị phân biệt đối xử")),
        ("no_documents", _t("Lacked documents or an identity card", "কাগজপত্র বা পরিচয়পত্র ছিল না",
                            "दस्तावेज़ या पहचान पत्र नहीं था", "Kukosa nyaraka au kitambulisho",
                            "कागजात वा परिचयपत्र नभएको", "Thiếu giấy tờ hoặc căn cước")),
    ],
    "water_source": [
        ("piped_dwelling", _t("Piped into dwelling", "বাসার ভেতরে পাইপের পানি",
                              "घर के अंदर नल का पानी", "Bomba ndani ya nyumba", "घरभित्र धारा",
                              "Nước máy trong nhà")),
        ("piped_yard", _t("Piped to yard or plot", "উঠান বা প্লটে পাইপের পানি",
                          "आँगन या प्लॉट में नल का पानी", "Bomba uwanjani au kiwanjani",
                          "आँगन वा जग्गामा धारा", "Nước máy ngoài sân hoặc trong khuôn viên")),
        ("public_tap", _t("Public tap or standpipe", "সরকারি কল বা স্ট্যান্ডপাইপ",
                          "सार्वजनिक नल या स्टैंडपाइप", "Bomba la umma au kioski cha maji",
                          "सार्वजनिक धारा", "Vòi nước công cộng")),
        ("tube_well", _t("Tube well or borehole", "টিউবওয়েল বা নলকূপ", "ट्यूबवेल या बोरवेल",
                         "Kisima cha pampu au kisima kirefu", "ट्युबवेल वा बोरिङ", "Giếng khoan")),
        ("protected_well", _t("Protected dug well", "সুরক্ষিত কুয়া", "सुरक्षित कुआँ",
                              "Kisima kilichohifadhiwa", "सुरक्षित इनार", "Giếng đào được bảo vệ")),
        ("unprotected_well", _t("Unprotected dug well or spring", "অরক্ষিত কুয়া বা ঝরনা",
                                "असुरक्षित कुआँ या झरना", "Kisima kisichohifadhiwa au chemchemi",
                                "असुरक्षित इनार वा मूल",
                                "Giếng đào hoặc mạch nước không được bảo vệ")),
        ("surface_water", _t("Surface water (river, pond, canal)",
                             "ভূ-উপরিস্থ পানি (নদী, পুকুর, খাল)", "सतही जल (नदी, तालाब, नहर)",
                             "Maji ya juu (mto, bwawa, mfereji)", "सतहको पानी (नदी, पोखरी, कुलो)",
                             "Nước mặt (sông, ao, kênh)")),
        ("vendor", _t("Tanker truck or cart vendor", "ট্যাংকার বা ভ্যানের বিক্রেতা",
                      "टैंकर या ठेला विक्रेता", "Lori la maji au muuzaji wa mkokoteni",
                      "ट्याङ्कर वा गाडा विक्रेता", "Xe bồn hoặc xe đẩy bán nước")),
        ("bottled", _t("Bottled water", "বোতলজাত পানি", "बोतलबंद पानी", "Maji ya chupa",
                       "बोतलको पानी", "Nước đóng chai")),
    ],
    "toilet": [
        ("flush_sewer", _t("Flush to piped sewer", "পাইপলাইনের পয়ঃনিষ্কাশনে ফ্ল্যাশ",
                           "पाइप सीवर से जुड़ा फ्लश",
                           "Choo cha kuvuta maji kwenye mfumo wa maji taka",
                           "ढल लाइनमा जोडिएको फ्लस", "Bồn cầu dội nước nối cống")),
        ("flush_septic", _t("Flush to septic tank", "সেপটিক ট্যাংকে ফ্ল্যাশ",
                            "सेप्टिक टैंक से जुड़ा फ्लश",
                            "Choo cha kuvuta maji kwenye tangi la maji taka",
                            "सेप्टिक ट्याङ्कीमा जोडिएको फ्लस", "Bồn cầu dội nước vào bể tự hoại")),
        ("pit_with_slab", _t("Pit latrine with slab", "স্ল্যাবসহ পিট ল্যাট্রিন",
                             "स्लैब वाला गड्ढा शौचालय", "Choo cha shimo chenye sakafu",
                             "स्ल्याब भएको खाल्डे चर्पी", "Hố xí có bệ")),
        ("pit_without_slab", _t("Pit latrine without slab or open pit",
                                "স্ল্যাব ছাড়া পিট ল্যাট্রিন বা খোলা গর্ত",
                                "बिना स्लैब का गड्ढा शौचालय या खुला गड्ढा",
                                "Choo cha shimo bila sakafu au shimo wazi",
                                "स्ल्याब नभएको खाल्डे चर्पी वा खुला खाल्डो",
                                "Hố xí không có bệ hoặc hố hở")),
        ("hanging", _t("Hanging toilet or bucket", "ঝুলন্ত ল্যাট্রিন বা বালতি",
                       "लटकता शौचालय या बाल्टी", "Choo cha kuning'inia au ndoo",
                       "झुन्डिएको चर्पी वा बाल्टिन", "Nhà vệ sinh treo hoặc dùng xô")),
        ("open_defecation", _t("No facility (bush or field)", "কোনো ব্যবস্থা নেই (ঝোপ বা মাঠ)",
                               "कोई सुविधा नहीं (झाड़ी या खेत)", "Hakuna choo (vichakani au shambani)",
                               "कुनै सुविधा छैन (झाडी वा खेत)",
                               "Không có nhà vệ sinh (bụi cây hoặc ngoài đồng)")),
    ],
    "agree4": [
        ("strongly_disagree", _t("Strongly disagree", sw="Sikubali kabisa")),
        ("disagree", _t("Disagree", sw="Sikubali")),
        ("agree", _t("Agree", sw="Nakubali")),
        ("strongly_agree", _t("Strongly agree", sw="Nakubali kabisa")),
    ],
    "civic_activities": [
        ("baraza", _t("Attended a baraza or village meeting",
                      sw="Nilihudhuria baraza au mkutano wa kijiji")),
        ("contacted_official", _t("Contacted a local leader or official",
                                  sw="Niliwasiliana na kiongozi au afisa wa eneo")),
        ("community_group", _t("Took part in a community or self-help group",
                               sw="Nilishiriki katika kikundi cha jamii au cha kujisaidia")),
        ("petition", _t("Signed a petition or memorandum", sw="Nilitia sahihi ombi au memoranda")),
        ("none", _t("None of these", sw="Hakuna kati ya haya")),
    ],
}

SURVEY_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "bgd-health-access-2024": {
        "title": _t("Access to health care and basic services (DEMO)",
                    bn="স্বাস্থ্যসেবা ও মৌলিক সেবায় প্রবেশাধিকার (ডেমো)",
                    fr="Accès aux soins de santé et aux services de base (DÉMO)",
                    es="Acceso a la atención de salud y a los servicios básicos (DEMO)",
                    ar="الحصول على الرعاية الصحية والخدمات الأساسية (تجريبي)"),
        "description": _t("Adults in a two-stage sample of households: 22 clusters in 4 strata "
                          "(two regions, urban and rural).",
                          bn="দুই ধাপের নমুনায় খানার প্রাপ্তবয়স্ক সদস্য: ৪টি স্তরে ২২টি ক্লাস্টার "
                             "(দুটি অঞ্চল, শহর ও গ্রাম)।"),
        "consent": _t("Verbal informed consent was asked before the interview; only those who "
                      "agreed were interviewed.",
                      bn="সাক্ষাৎকারের আগে মৌখিক অবহিত সম্মতি নেওয়া হয়েছে; যাঁরা রাজি হয়েছেন শুধু "
                         "তাঁদেরই সাক্ষাৎকার নেওয়া হয়েছে।"),
    },
    "ind-services-access-2024": {
        "title": _t("Access to health, water and sanitation (DEMO)",
                    hi="स्वास्थ्य, पानी और स्वच्छता तक पहुँच (डेमो)",
                    fr="Accès à la santé, à l'eau et à l'assainissement (DÉMO)",
                    es="Acceso a la salud, el agua y el saneamiento (DEMO)",
                    ar="الحصول على الصحة والمياه والصرف الصحي (تجريبي)"),
        "description": _t("Adults in a two-stage sample of households: 22 clusters in 4 strata.",
                          hi="परिवारों का दो-चरणीय नमूना, वयस्क उत्तरदाता: 4 स्तरों में 22 क्लस्टर।"),
        "consent": _t("Verbal informed consent was recorded before each interview.",
                      hi="हर साक्षात्कार से पहले मौखिक सूचित सहमति दर्ज की गई।"),
    },
    "ken-health-access-2024": {
        "title": _t("Household access to health care (DEMO)",
                    sw="Upatikanaji wa huduma za afya kwa kaya (ONYESHO)",
                    fr="Accès des ménages aux soins de santé (DÉMO)",
                    es="Acceso de los hogares a la atención de salud (DEMO)",
                    ar="حصول الأسر المعيشية على الرعاية الصحية (تجريبي)"),
        "description": _t("Households and all their members: 22 clusters in 4 strata; the "
                          "roster records every member.",
                          sw="Kaya na wanakaya wote: klasta 22 katika matabaka 4; orodha ya "
                             "wanakaya inarekodi kila mwanakaya."),
        "consent": _t("The head of household or another adult gave verbal informed consent.",
                      sw="Mkuu wa kaya au mtu mzima mwingine alitoa idhini ya mdomo baada ya "
                         "kuelezwa."),
    },
    "ken-civic-participation-2024": {
        "title": _t("Civic participation and inclusion (DEMO)",
                    sw="Ushiriki wa kiraia na ujumuishaji (ONYESHO)",
                    fr="Participation civique et inclusion (DÉMO)",
                    es="Participación cívica e inclusión (DEMO)",
                    ar="المشاركة المدنية والإدماج (تجريبي)"),
        "description": _t("Adults in a two-stage sample: 22 clusters in 4 strata.",
                          sw="Watu wazima katika sampuli ya hatua mbili: klasta 22 katika "
                             "matabaka 4."),
        "consent": _t("Verbal informed consent; respondents could skip any question.",
                      sw="Idhini ya mdomo baada ya kuelezwa; wahojiwa wangeweza kuruka swali "
                         "lolote."),
    },
    "npl-basic-services-2024": {
        "title": _t("Basic services and schooling (DEMO)",
                    ne="आधारभूत सेवा र विद्यालय शिक्षा (डेमो)",
                    fr="Services de base et scolarisation (DÉMO)",
                    es="Servicios básicos y escolarización (DEMO)",
                    ar="الخدمات الأساسية والتعليم المدرسي (تجريبي)"),
        "description": _t("Households and all their members: 22 clusters in 4 strata.",
                          ne="घरपरिवार र तिनका सबै सदस्यहरू: ४ तहमा २२ क्लस्टर।"),
        "consent": _t("The head of household or another adult gave verbal informed consent.",
                      ne="घरमूली वा अर्को वयस्क सदस्यले मौखिक सुसूचित सहमति दिनुभयो।"),
    },
    "vnm-inclusion-2024": {
        "title": _t("Inclusion in health and basic services (DEMO)",
                    vi="Hòa nhập trong y tế và dịch vụ cơ bản (MINH HỌA)",
                    fr="Inclusion dans la santé et les services de base (DÉMO)",
                    es="Inclusión en la salud y los servicios básicos (DEMO)",
                    ar="الإدماج في الصحة والخدمات الأساسية (تجريبي)"),
        "description": _t("Adults in a two-stage sample of households: 22 clusters in 4 strata.",
                          vi="Người trưởng thành trong mẫu hộ gia đình hai giai đoạn: 22 cụm "
                             "thuộc 4 tầng."),
        "consent": _t("Verbal informed consent was recorded before each interview.",
                      vi="Sự đồng ý miệng sau khi được thông tin đã được ghi nhận trước mỗi cuộc "
                         "phỏng vấn."),
    },
}
# fmt: on


# --------------------------------------------------------------------------- forms


@dataclass
class FormBuilder:
    """Rows of an XLSForm whose labels come from the text bank in the form's languages."""

    languages: tuple[str, ...]
    survey: list[dict[str, str]] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)

    def _labels(self, key: str | None) -> dict[str, str]:
        if key is None:
            return {}
        return {LANGUAGE_HEADERS[lang]: TEXT[key][lang] for lang in self.languages}

    def add(self, kind: str, name: str, key: str | None = None, **extra: str) -> None:
        row = {"type": kind, "name": name, **extra}
        row.update({f"label::{h}": t for h, t in self._labels(key).items()})
        self.survey.append(row)
        for prefix in ("select_one ", "select_multiple "):
            if kind.startswith(prefix) and kind[len(prefix) :] not in self.lists:
                self.lists.append(kind[len(prefix) :])

    def begin(self, kind: str, name: str, key: str, **extra: str) -> None:
        self.add(f"begin_{kind}", name, key, **extra)

    def end(self, kind: str) -> None:
        self.survey.append({"type": f"end_{kind}"})

    def workbook(self, form_id: str, title: str) -> openpyxl.Workbook:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "survey"
        headers = [
            "type",
            "name",
            *(f"label::{LANGUAGE_HEADERS[x]}" for x in self.languages),
            "relevant",
            "constraint",
            "calculation",
            "required",
        ]
        sheet.append(headers)
        for row in self.survey:
            sheet.append([row.get(h, "") or None for h in headers])
        choices = book.create_sheet("choices")
        choice_headers = [
            "list_name",
            "name",
            *(f"label::{LANGUAGE_HEADERS[x]}" for x in self.languages),
        ]
        choices.append(choice_headers)
        for list_name in self.lists:
            for name, labels in CHOICES[list_name]:
                choices.append([list_name, name, *(labels[x] for x in self.languages)])
        settings = book.create_sheet("settings")
        settings.append(["form_title", "form_id", "version", "default_language"])
        settings.append([title, form_id, "2024030101", LANGUAGE_HEADERS["en"]])
        return book


def save_workbook(book: openpyxl.Workbook, path: Path) -> None:
    """Save with fixed document properties and zip timestamps (byte-identical reruns)."""
    book.properties.creator = "LNOB demo generator"
    book.properties.created = datetime(2024, 6, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rf"\g<1>{FIXED_ISO}\g<3>",
                    text,
                )
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


# --------------------------------------------------------------------------- survey plans

WG = ("vision", "hearing", "mobility", "cognition", "self_care", "communication")


@dataclass(frozen=True)
class Plan:
    """One demo survey: where it lives, its language, export flavour and content."""

    iso3: str
    survey_id: str
    lang: str
    flavour: str  # kobo_csv, kobo_xlsx, odk_csv
    delimiter: str
    bom: bool
    households: int
    seed: int
    roster: bool
    group_keys: tuple[str, ...]  # main-level breakdown questions present in the form
    topics: tuple[str, ...]  # health, wash, civic, school
    split_only: bool = False  # select_multiple as split 0/1 columns only
    labels_as_values: bool = False


PLANS = (
    Plan(
        "BGD",
        "bgd-health-access-2024",
        "bn",
        "kobo_csv",
        ";",
        True,
        420,
        11,
        False,
        ("religion", "income", "education"),
        ("health", "wash"),
    ),
    Plan(
        "IND",
        "ind-services-access-2024",
        "hi",
        "kobo_xlsx",
        ",",
        False,
        480,
        12,
        False,
        ("religion", "social_group", "income"),
        ("health", "wash", "civic_short"),  # discrimination: the caste brief's question
        labels_as_values=True,
    ),
    Plan(
        "KEN",
        "ken-health-access-2024",
        "sw",
        "odk_csv",
        ",",
        False,
        360,
        13,
        True,
        ("income",),
        ("health", "wash"),
    ),
    Plan(
        "KEN",
        "ken-civic-participation-2024",
        "sw",
        "kobo_csv",
        ",",
        True,
        450,
        14,
        False,
        ("origin", "education"),
        ("civic",),
        split_only=True,
    ),
    Plan(
        "NPL",
        "npl-basic-services-2024",
        "ne",
        "kobo_xlsx",
        ",",
        False,
        380,
        15,
        True,
        ("caste", "income"),
        ("wash", "school", "civic_short"),  # discrimination: the Dalit brief's question
    ),
    Plan(
        "VNM",
        "vnm-inclusion-2024",
        "vi",
        "odk_csv",
        ",",
        False,
        400,
        16,
        False,
        ("ethnicity_vn", "income", "education"),
        ("health", "wash", "civic_short"),
    ),
)

GROUP_QUESTIONS = {  # form question name -> (choice list, text key)
    "religion": ("religion_bd", "religion"),
    "social_group": ("social_group", "social_group"),
    "income": ("income", "income"),
    "education": ("education", "education"),
    "origin": ("origin", "origin"),
    "caste": ("caste_np", "caste"),
    "ethnicity_vn": ("ethnicity_vn", "ethnicity_vn"),
}


def build_form(plan: Plan) -> FormBuilder:
    form = FormBuilder(("en", plan.lang))
    form.add("start", "start")
    form.add("end", "end")
    form.add("deviceid", "deviceid")
    form.add("select_one yes_no", "consent", "consent", required="yes")
    form.begin("group", "interview", "g_interview", relevant="${consent} = 'yes'")
    form.add("text", "enumerator_id", "enumerator_id")
    form.add("integer", "cluster_id", "cluster_id", constraint=". >= 1 and . <= 200")
    form.add("text", "respondent_name", "respondent_name")
    form.add("text", "respondent_phone", "respondent_phone")
    form.add("geopoint", "gps", "gps")
    form.add("select_one area", "area", "area")
    form.end("group")
    form.begin("group", "respondent", "g_respondent", relevant="${consent} = 'yes'")
    if not plan.roster:
        form.add("select_one sex", "resp_sex", "resp_sex")
        form.add("integer", "resp_age", "resp_age", constraint=". >= 18 and . <= 110")
    for key in plan.group_keys:
        list_name, text_key = GROUP_QUESTIONS[key]
        if key == "religion" and plan.iso3 == "IND":
            list_name = "religion_in"
        form.add(f"select_one {list_name}", key, text_key)
    if not plan.roster:
        for domain in WG:
            form.add("select_one wg_difficulty", f"wg_{domain}", f"wg_{domain}")
    form.end("group")
    if plan.roster:
        form.begin("repeat", "hh_roster", "hh_roster")
        form.add("text", "member_name", "member_name")
        form.add("select_one relation", "member_relation", "member_relation")
        form.add("select_one sex", "member_sex", "member_sex")
        form.add("integer", "member_age", "member_age", constraint=". >= 0 and . <= 110")
        for domain in WG:
            form.add(
                "select_one wg_difficulty",
                f"member_wg_{domain}",
                f"member_wg_{domain}",
                relevant="${member_age} >= 5",
            )
        if "health" in plan.topics:
            form.add("select_one yes_no", "member_needed_care", "member_needed_care")
            form.add(
                "select_one yes_no",
                "member_received_care",
                "member_received_care",
                relevant="${member_needed_care} = 'yes'",
            )
        if "school" in plan.topics:
            form.add(
                "select_one yes_no",
                "member_in_school",
                "member_in_school",
                relevant="${member_age} >= 5 and ${member_age} <= 17",
            )
        form.end("repeat")
        form.add("calculate", "hh_size", calculation="count(${member_name})")
    if "health" in plan.topics:
        form.begin("group", "health", "g_health")
        if not plan.roster:
            form.add("select_one yes_no", "needed_care", "needed_care")
            form.add(
                "select_one yes_no",
                "received_care",
                "received_care",
                relevant="${needed_care} = 'yes'",
            )
            form.add(
                "select_multiple barriers",
                "barriers",
                "barriers",
                relevant="${received_care} = 'no'",
            )
        else:
            form.add("select_multiple barriers", "barriers", "barriers_household")
        form.add(
            "integer",
            "travel_minutes",
            "travel_minutes",
            constraint=". >= 0 and . <= 600 or . = 999",
        )
        form.add("select_one yes_no", "health_insurance", "health_insurance")
        form.end("group")
    if "wash" in plan.topics:
        form.begin("group", "wash", "g_wash")
        form.add("select_one water_source", "water_source", "water_source")
        form.add("select_one toilet", "toilet", "toilet")
        form.end("group")
    if "civic" in plan.topics or "civic_short" in plan.topics:
        form.begin("group", "civic", "g_civic")
        if "civic" in plan.topics:
            form.add("select_one yes_no", "voted", "voted")
            form.add("select_one yes_no", "attended_meeting", "attended_meeting")
            form.add("select_one agree4", "decision_inclusive", "decision_inclusive")
            form.add("select_multiple civic_activities", "civic_activities", "civic_activities")
        form.add("select_one yes_no", "discrimination", "discrimination")
        form.end("group")
    return form


# --------------------------------------------------------------------------- synthetic answers

FIRST_NAMES = {
    "BGD": [
        "Rahima",
        "Karim",
        "Fatema",
        "Nusrat",
        "Abdul",
        "Shahana",
        "Rafiq",
        "Salma",
        "Jamal",
        "Ayesha",
    ],
    "IND": [
        "Sunita",
        "Ramesh",
        "Priya",
        "Anil",
        "Lakshmi",
        "Imran",
        "Kavita",
        "Suresh",
        "Pooja",
        "Rajesh",
    ],
    "KEN": [
        "Wanjiru",
        "Otieno",
        "Akinyi",
        "Kamau",
        "Chebet",
        "Mwangi",
        "Achieng",
        "Kiprop",
        "Njeri",
        "Omondi",
    ],
    "NPL": ["Sita", "Ram", "Gita", "Bishnu", "Laxmi", "Hari", "Sarita", "Krishna", "Maya", "Dipak"],
    "VNM": ["Lan", "Hung", "Mai", "Tuan", "Huong", "Minh", "Thao", "Dung", "Linh", "Quang"],
}
FAMILY_NAMES = {
    "BGD": ["Begum", "Hossain", "Akter", "Rahman", "Khatun", "Islam"],
    "IND": ["Devi", "Kumar", "Sharma", "Khan", "Yadav", "Singh"],
    "KEN": ["Mutua", "Odhiambo", "Wambui", "Kiptoo", "Njoroge", "Adhiambo"],
    "NPL": ["Tamang", "Sharma", "Yadav", "Gurung", "Bishwakarma", "Thapa"],
    "VNM": ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"],
}
PHONE = {"BGD": "+8801", "IND": "+91 9", "KEN": "+2547", "NPL": "+9779", "VNM": "+849"}
CENTRE = {
    "BGD": (23.81, 90.41),
    "IND": (25.59, 85.14),
    "KEN": (-1.29, 36.82),
    "NPL": (27.70, 85.32),
    "VNM": (21.03, 105.85),
}


def _choose(rng: np.random.Generator, names: list[str], weights: list[float]) -> str:
    p = np.asarray(weights, float)
    return str(rng.choice(names, p=p / p.sum()))


def _yes(rng: np.random.Generator, probability: float) -> str:
    return "yes" if rng.random() < min(max(probability, 0.01), 0.99) else "no"


def _wg_answers(rng: np.random.Generator, age: int) -> dict[str, str]:
    risk = 0.04 + 0.004 * max(age - 40, 0)
    out = {}
    for domain in WG:
        roll = rng.random()
        if roll < risk * 0.35:
            out[domain] = "cannot_do"
        elif roll < risk:
            out[domain] = "a_lot_of_difficulty"
        elif roll < risk + 0.15:
            out[domain] = "some_difficulty"
        elif roll > 0.995:
            out[domain] = "refused"
        else:
            out[domain] = "no_difficulty"
    return out


def _disabled(answers: dict[str, str]) -> bool:
    return any(v in ("a_lot_of_difficulty", "cannot_do") for v in answers.values())


def _uuid(rng: np.random.Generator) -> str:
    return str(uuid.UUID(bytes=rng.bytes(16), version=4))


def simulate(plan: Plan) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Households (or respondents) and roster members, as text answers keyed by question."""
    rng = np.random.default_rng(plan.seed)
    clusters = []
    for region in ("r1", "r2"):
        for area in ("urban", "rural"):
            for _ in range(6 if area == "rural" else 5):
                clusters.append((f"{region}-{area}", area, len(clusters) + 1))
    per_cluster = np.full(len(clusters), plan.households // len(clusters))
    per_cluster[: plan.households - per_cluster.sum()] += 1
    stratum_weight = {"r1-urban": 0.8, "r1-rural": 1.4, "r2-urban": 0.9, "r2-rural": 1.7}
    mains, members = [], []
    lat0, lon0 = CENTRE[plan.iso3]
    for (stratum, area, cluster_id), size in zip(clusters, per_cluster, strict=True):
        for _ in range(size):
            index = len(mains)
            rural = area == "rural"
            poor = rng.random() < (0.45 if rural else 0.3)
            row: dict[str, str] = {
                "consent": "yes",
                "area": area,
                "cluster_id": str(cluster_id),
                "stratum": stratum,
                "weight": f"{stratum_weight[stratum] * rng.uniform(0.85, 1.15):.4f}",
                "enumerator_id": f"{plan.iso3}-ENUM-{int(rng.integers(1, 25)):02d}",
                "respondent_name": f"{rng.choice(FIRST_NAMES[plan.iso3])} "
                f"{rng.choice(FAMILY_NAMES[plan.iso3])}",
                "respondent_phone": PHONE[plan.iso3]
                + "".join(str(d) for d in rng.integers(0, 10, 8)),
                "gps": f"{lat0 + rng.normal(0, 0.3):.6f} {lon0 + rng.normal(0, 0.3):.6f} "
                f"{rng.uniform(5, 900):.1f} {rng.uniform(3, 15):.1f}",
                "deviceid": f"collect:{rng.bytes(8).hex()}",
                "start": f"2024-03-{1 + index % 28:02d}T09:{index % 60:02d}:00.000+00:00",
                "end": f"2024-03-{1 + index % 28:02d}T09:{(index + 25) % 60:02d}:00.000+00:00",
                "income": _choose(
                    rng,
                    ["not_enough", "just_enough", "more_than_enough"],
                    [0.7, 0.25, 0.05] if poor else [0.2, 0.55, 0.25],
                ),
                "education": _choose(
                    rng,
                    ["none", "primary", "secondary", "higher"],
                    [0.3, 0.4, 0.25, 0.05] if poor else [0.1, 0.3, 0.4, 0.2],
                ),
                "religion": _choose(
                    rng,
                    ["islam", "hinduism", "buddhism", "christianity", "other"],
                    [0.88, 0.09, 0.015, 0.01, 0.005],
                ),
                "social_group": _choose(
                    rng, ["sc", "st", "obc", "general"], [0.2, 0.1, 0.42, 0.28]
                ),
                "caste": _choose(
                    rng,
                    ["dalit", "janajati", "madhesi", "brahmin_chhetri", "muslim", "other"],
                    [0.13, 0.33, 0.15, 0.3, 0.05, 0.04],
                ),
                "ethnicity_vn": _choose(rng, ["kinh", "ethnic_minority"], [0.82, 0.18]),
                "origin": _choose(
                    rng, ["same_county", "other_county", "other_country"], [0.55, 0.4, 0.05]
                ),
                "uuid": _uuid(rng),
                "index": str(index + 1),
            }
            if plan.iso3 == "IND":
                row["religion"] = _choose(
                    rng,
                    ["hinduism", "islam", "christianity", "sikhism", "buddhism", "other"],
                    [0.79, 0.15, 0.025, 0.02, 0.01, 0.005],
                )
            disabled = False
            if plan.roster:
                count = int(rng.integers(1, 8))
                for position in range(count):
                    age = int(rng.integers(25, 80)) if position == 0 else int(rng.integers(0, 70))
                    wg = _wg_answers(rng, age) if age >= 5 else {}
                    member = {
                        "__parent": str(index),
                        "member_name": str(rng.choice(FIRST_NAMES[plan.iso3])),
                        "member_relation": "head"
                        if position == 0
                        else _choose(
                            rng,
                            ["spouse", "child", "other_relative", "not_related"],
                            [0.3, 0.5, 0.15, 0.05],
                        ),
                        "member_sex": _choose(rng, ["female", "male"], [0.505, 0.495]),
                        "member_age": str(age),
                        **{f"member_wg_{d}": v for d, v in wg.items()},
                    }
                    needed = _yes(rng, 0.35 + 0.3 * _disabled(wg))
                    member["member_needed_care"] = needed
                    if needed == "yes":
                        member["member_received_care"] = _yes(
                            rng, 0.8 - 0.25 * _disabled(wg) - 0.15 * poor - 0.1 * rural
                        )
                    if 5 <= age <= 17:
                        member["member_in_school"] = _yes(
                            rng, 0.92 - 0.3 * _disabled(wg) - 0.1 * poor
                        )
                    members.append(member)
                row["hh_size"] = str(count)
            else:
                age = int(rng.integers(18, 85))
                wg = _wg_answers(rng, age)
                disabled = _disabled(wg)
                other = 0.035 if plan.iso3 == "BGD" else 0.0  # BGD shows a small, suppressed group
                row.update(
                    {
                        "resp_sex": _choose(
                            rng, ["female", "male", "other"], [0.52, 0.48 - other, other]
                        ),
                        "resp_age": str(age),
                        **{f"wg_{d}": v for d, v in wg.items()},
                    }
                )
                row["needed_care"] = _yes(rng, 0.45 + 0.3 * disabled)
                if row["needed_care"] == "yes":
                    row["received_care"] = _yes(
                        rng, 0.8 - 0.25 * disabled - 0.15 * poor - 0.1 * rural
                    )
                    if row["received_care"] == "no":
                        chosen = [
                            b
                            for b, p in zip(
                                [
                                    "cost",
                                    "distance",
                                    "no_staff",
                                    "waiting",
                                    "discrimination",
                                    "no_documents",
                                ],
                                [0.6, 0.45 + 0.2 * rural, 0.3, 0.25, 0.1 + 0.25 * disabled, 0.08],
                                strict=True,
                            )
                            if rng.random() < p
                        ]
                        row["barriers"] = " ".join(chosen or ["cost"])
            if plan.roster:
                row["barriers"] = " ".join(
                    b
                    for b, p in zip(
                        [
                            "cost",
                            "distance",
                            "no_staff",
                            "waiting",
                            "discrimination",
                            "no_documents",
                        ],
                        [0.4, 0.3 + 0.2 * rural, 0.2, 0.2, 0.05, 0.05],
                        strict=True,
                    )
                    if rng.random() < p
                )
            row["travel_minutes"] = str(int(rng.gamma(2.0, 22 if rural else 9)))
            row["health_insurance"] = _yes(rng, 0.45 - 0.2 * poor - 0.1 * disabled)
            row["water_source"] = _choose(
                rng,
                [
                    "piped_dwelling",
                    "piped_yard",
                    "public_tap",
                    "tube_well",
                    "protected_well",
                    "unprotected_well",
                    "surface_water",
                    "vendor",
                    "bottled",
                ],
                [0.1, 0.1, 0.15, 0.35, 0.08, 0.1, 0.07, 0.03, 0.02]
                if rural
                else [0.35, 0.2, 0.2, 0.1, 0.03, 0.02, 0.0, 0.05, 0.05],
            )
            row["toilet"] = _choose(
                rng,
                [
                    "flush_sewer",
                    "flush_septic",
                    "pit_with_slab",
                    "pit_without_slab",
                    "hanging",
                    "open_defecation",
                ],
                [0.02, 0.15, 0.4, 0.25, 0.08, 0.1] if rural else [0.3, 0.35, 0.2, 0.1, 0.03, 0.02],
            )
            row["voted"] = _yes(rng, 0.7 - 0.15 * disabled)
            row["attended_meeting"] = _yes(rng, 0.3 - 0.12 * disabled + 0.1 * rural)
            row["decision_inclusive"] = _choose(
                rng,
                ["strongly_disagree", "disagree", "agree", "strongly_agree"],
                [0.3, 0.35, 0.25, 0.1] if disabled or poor else [0.15, 0.35, 0.35, 0.15],
            )
            row["civic_activities"] = (
                " ".join(
                    a
                    for a, p in zip(
                        ["baraza", "contacted_official", "community_group", "petition"],
                        [0.3, 0.15, 0.35, 0.08],
                        strict=True,
                    )
                    if rng.random() < p
                )
                or "none"
            )
            # one draw whatever the odds, so the other surveys' answers stay as they were
            dalit = 0.2 if plan.iso3 == "NPL" and row["caste"] == "dalit" else 0.0
            if plan.iso3 == "IND":
                dalit = {"sc": 0.22, "st": 0.16}.get(row["social_group"], 0.0)
            row["discrimination"] = _yes(rng, 0.18 + 0.2 * disabled + 0.05 * poor + dalit)
            mains.append(row)
    _plant_problems(rng, mains, plan)
    return mains, members


def _plant_problems(rng: np.random.Generator, mains: list[dict[str, str]], plan: Plan) -> None:
    """Plant what real exports have: sentinel 999, a code outside the list, a broken constraint."""
    picks = rng.choice(len(mains), size=9, replace=False)
    for i in picks[:4]:
        mains[i]["travel_minutes"] = "999"
    for i in picks[4:7]:
        mains[i]["water_source"] = "98"
    if not plan.roster:
        for i in picks[7:9]:
            mains[i]["resp_age"] = "130"
    for row in mains:
        row["supervisor_checked"] = _yes(rng, 0.3)


# --------------------------------------------------------------------------- exports

KOBO_META = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
)
ODK_META = (
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
)
ANALYST_COLUMNS = ("stratum", "weight", "supervisor_checked")


def _fields(form: FormBuilder, in_repeat: bool) -> list[tuple[str, str, tuple[str, ...]]]:
    """(type, name, group path) of data-carrying rows, main level or roster level."""
    out, stack = [], []
    for row in form.survey:
        kind = row["type"]
        if kind.startswith("begin_"):
            stack.append((kind, row["name"]))
            continue
        if kind.startswith("end_"):
            stack.pop()
            continue
        inside = any(k == "begin_repeat" for k, _ in stack)
        if inside == in_repeat and kind != "note":
            path = tuple(n for k, n in stack if k == "begin_group")
            out.append((kind, row["name"], path))
    return out


def _columns(
    plan: Plan, fields: list[tuple[str, str, tuple[str, ...]]], sep: str, split_only: bool
) -> list[tuple[str, str, str | None]]:
    """(header, field name, option or GPS part) for every column a server writes."""
    columns: list[tuple[str, str, str | None]] = []
    for kind, name, path in fields:
        header = sep.join([*path, name])
        if kind == "geopoint" and sep == "-":
            columns += [
                (f"{header}-{p}", name, p)
                for p in ("Latitude", "Longitude", "Altitude", "Accuracy")
            ]
            continue
        if kind.startswith("select_multiple ") and split_only:
            columns += [(f"{header}/{o}", name, o) for o, _ in CHOICES[kind.split()[1]]]
            continue
        columns.append((header, name, None))
        if kind == "geopoint":
            columns += [
                (sep.join([*path, f"_{name}_{p}"]), name, p)
                for p in ("latitude", "longitude", "altitude", "precision")
            ]
        if kind.startswith("select_multiple ") and sep == "/" and plan.flavour != "odk_csv":
            columns += [(f"{header}/{o}", name, o) for o, _ in CHOICES[kind.split()[1]]]
    return columns


def _value(
    row: dict[str, str], name: str, part: str | None, kind_of: dict[str, str], plan: Plan
) -> str:
    value = row.get(name, "")
    kind = kind_of.get(name, "")
    if part is not None and kind == "geopoint":
        pieces = value.split()
        index = {"latitude": 0, "longitude": 1, "altitude": 2, "precision": 3}[
            part.lower().replace("accuracy", "precision")
        ]
        return pieces[index] if pieces else ""
    if part is not None:  # split select_multiple option
        return "" if value == "" else ("1" if part in value.split() else "0")
    if plan.labels_as_values and kind.startswith("select_one ") and value:
        labels = dict(CHOICES[kind.split()[1]])
        return labels[value]["en"] if value in labels else value
    return value


def _kobo_meta(rng: np.random.Generator, row: dict[str, str], plan: Plan) -> dict[str, str]:
    return {
        "_id": str(184_520_000 + int(row["index"])),
        "_uuid": row["uuid"],
        "_submission_time": row["end"][:19],
        "_validation_status": "",
        "_notes": "",
        "_status": "submitted_via_web",
        "_submitted_by": f"{plan.iso3.lower()}_enum{int(rng.integers(1, 25)):02d}",
        "__version__": "vW7qkq3bDemo",
        "_tags": "",
        "_index": row["index"],
    }


def _odk_meta(row: dict[str, str]) -> dict[str, str]:
    key = f"uuid:{row['uuid']}"
    return {
        "meta-instanceID": key,
        "KEY": key,
        "SubmitterID": "17",
        "SubmitterName": "demo-collector",
        "AttachmentsPresent": "0",
        "AttachmentsExpected": "0",
        "Status": "",
        "ReviewState": "",
        "DeviceID": row["deviceid"],
        "Edits": "0",
        "FormVersion": "2024030101",
    }


def _write_csv(
    path: Path, header: list[str], rows: list[list[str]], delimiter: str, bom: bool, newline: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes((("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8"))


def write_export(
    plan: Plan,
    form: FormBuilder,
    mains: list[dict[str, str]],
    members: list[dict[str, str]],
    folder: Path,
) -> dict[str, str]:
    """Write the export files; return survey.yaml's ``export`` entry."""
    rng = np.random.default_rng(plan.seed + 1000)
    kind_of = {row["name"]: row["type"] for row in form.survey if "name" in row}
    sep = "-" if plan.flavour == "odk_csv" else "/"
    main_columns = _columns(plan, _fields(form, False), sep, plan.split_only)
    header = [c[0] for c in main_columns] + list(ANALYST_COLUMNS)
    rows = []
    for row in mains:
        cells = [_value(row, name, part, kind_of, plan) for _, name, part in main_columns]
        cells += [row[c] for c in ANALYST_COLUMNS]
        meta = _odk_meta(row) if plan.flavour == "odk_csv" else _kobo_meta(rng, row, plan)
        rows.append(cells + list(meta.values()))
        meta_names = list(meta)
    header += meta_names
    if plan.flavour == "odk_csv":
        header = ["SubmissionDate", *header]
        rows = [[f"2024-03-{1 + i % 28:02d}T18:00:00.000Z", *r] for i, r in enumerate(rows)]
    roster_columns = (
        _columns(plan, _fields(form, True), sep, plan.split_only) if plan.roster else []
    )
    roster_header = [("hh_roster/" if sep == "/" else "") + c[0] for c in roster_columns]
    roster_rows = []
    counters: dict[str, int] = {}
    for number, member in enumerate(members, start=1):
        parent = mains[int(member["__parent"])]
        counters[parent["uuid"]] = counters.get(parent["uuid"], 0) + 1
        cells = [_value(member, name, part, kind_of, plan) for _, name, part in roster_columns]
        if plan.flavour == "odk_csv":
            key = f"uuid:{parent['uuid']}"
            cells += [key, f"{key}/hh_roster[{counters[parent['uuid']]}]"]
        else:
            cells += [
                str(number),
                "main",
                parent["index"],
                str(184_520_000 + int(parent["index"])),
                parent["uuid"],
            ]
        roster_rows.append(cells)
    if plan.flavour == "odk_csv":
        roster_header += ["PARENT_KEY", "KEY"]
    else:
        roster_header += [
            "_index",
            "_parent_table_name",
            "_parent_index",
            "_submission__id",
            "_submission__uuid",
        ]
    entry: dict[str, object] = {}
    if plan.flavour == "kobo_xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "main"
        sheet.append(header)
        numeric = {
            h
            for h, name, part in main_columns
            if part is None and kind_of.get(name) in ("integer", "calculate")
        } | {"weight", "_id", "_index"}
        for cells in rows:
            sheet.append([_cell(v, h in numeric) for h, v in zip(header, cells, strict=True)])
        if plan.roster:
            roster = book.create_sheet("hh_roster")
            roster.append(roster_header)
            for cells in roster_rows:
                roster.append(
                    [
                        _cell(v, h.endswith(("member_age", "_index", "_parent_index")))
                        for h, v in zip(roster_header, cells, strict=True)
                    ]
                )
        save_workbook(book, folder / "export.xlsx")
        entry["file"] = "export.xlsx"
    else:
        newline = "\n" if plan.flavour == "odk_csv" else "\r\n"
        _write_csv(folder / "export.csv", header, rows, plan.delimiter, plan.bom, newline)
        entry["file"] = "export.csv"
        if plan.delimiter != ",":
            entry["delimiter"] = plan.delimiter
        if plan.roster:
            _write_csv(
                folder / "export-hh_roster.csv",
                roster_header,
                roster_rows,
                plan.delimiter,
                plan.bom,
                newline,
            )
            entry["repeats"] = {"hh_roster": {"file": "export-hh_roster.csv"}}
    return entry  # type: ignore[return-value]


def _cell(value: str, numeric: bool) -> object:
    if numeric and value not in ("",):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value or None


# --------------------------------------------------------------------------- survey.yaml

HEADER = (
    "# DEMO DATA: synthetic answers written by data/make_demo_surveys.py (seeded).\n"
    "# The form is real; the respondents are not. Do not cite these numbers.\n"
)


def survey_config(plan: Plan, export: dict[str, str]) -> dict[str, object]:
    texts = SURVEY_TEXTS[plan.survey_id]
    groups: dict[str, object] = {"location": {"question": "area"}}
    if plan.roster:
        groups.update(
            {
                "sex": {"question": "member_sex"},
                "age": {"question": "member_age", "bins": [0, 5, 18, 60]},
            }
        )
    else:
        groups.update(
            {
                "sex": {"question": "resp_sex"},
                "age": {"question": "resp_age", "bins": [18, 30, 45, 60]},
            }
        )
    groups["disability"] = {"washington_group": "auto"}
    taxonomy = {
        "religion": "religion",
        "social_group": "ethnicity",
        "income": "income",
        "education": "education",
        "origin": "origin",
        "caste": "ethnicity",
        "ethnicity_vn": "ethnicity",
    }
    for question in plan.group_keys:
        groups[taxonomy[question]] = {"question": question}
    analyses: list[dict[str, object]] = []
    if "health" in plan.topics:
        if plan.roster:
            analyses.append(
                {
                    "id": "received_care",
                    "question": "member_received_care",
                    "indicator": "3.8.1",
                    "count_as": ["yes"],
                }
            )
        else:
            analyses.append(
                {
                    "id": "received_care",
                    "question": "received_care",
                    "indicator": "3.8.1",
                    "count_as": ["yes"],
                }
            )
        analyses += [
            {"id": "health_barriers", "question": "barriers", "indicator": "health_barriers"},
            {
                "id": "travel_minutes",
                "question": "travel_minutes",
                "indicator": "health_travel_minutes",
            },
            {
                "id": "health_insurance",
                "question": "health_insurance",
                "indicator": "health_insurance",
                "count_as": ["yes"],
            },
        ]
    if "wash" in plan.topics:
        analyses += [
            {
                "id": "piped_water",
                "question": "water_source",
                "indicator": "6.1.1",
                "count_as": ["piped_dwelling", "piped_yard"],
            },
            {
                "id": "basic_sanitation",
                "question": "toilet",
                "indicator": "6.2.1",
                "count_as": ["flush_sewer", "flush_septic", "pit_with_slab"],
            },
            {"id": "water_source", "question": "water_source", "indicator": "water_source"},
        ]
    if "school" in plan.topics:
        analyses.append(
            {
                "id": "school_attendance",
                "question": "member_in_school",
                "indicator": "school_attendance",
                "count_as": ["yes"],
            }
        )
    if "civic" in plan.topics:
        analyses += [
            {
                "id": "voted",
                "question": "voted",
                "indicator": "voted_last_election",
                "count_as": ["yes"],
            },
            {
                "id": "public_participation",
                "question": "attended_meeting",
                "indicator": "public_participation",
                "count_as": ["yes"],
            },
            {
                "id": "inclusive_decisions",
                "question": "decision_inclusive",
                "indicator": "16.7.2",
                "count_as": ["agree", "strongly_agree"],
            },
            {
                "id": "civic_activities",
                "question": "civic_activities",
                "indicator": "civic_activities",
            },
        ]
    if "civic" in plan.topics or "civic_short" in plan.topics:
        analyses.append(
            {
                "id": "discrimination",
                "question": "discrimination",
                "indicator": "10.3.1",
                "count_as": ["yes"],
                # the UN's survey question of the series; grounds are not asked (total only)
                "sdg_series": "VC_VOV_GDSD",
            }
        )
    return {
        "id": plan.survey_id,
        "demo": True,
        "country": plan.iso3,
        "title": texts["title"],
        "organisation": {"en": f"Leave No One Behind coalition, {plan.iso3} (demo)"},
        "dates": {"start": "2024-03-01", "end": "2024-03-28"},
        "sample": {
            "description": texts["description"],
            "unit": "household" if plan.roster else "person",
            "target_size": plan.households + 20,
        },
        "consent": texts["consent"],
        "form": "form.xlsx",
        "export": export,
        "design": {"weight": "weight", "strata": "stratum", "cluster": "cluster_id"},
        "missing_codes": {"travel_minutes": [999]} if "health" in plan.topics else {},
        "privacy": {
            "identifying_text": [
                "respondent_name",
                "respondent_phone",
                "enumerator_id",
                *(["member_name"] if plan.roster else []),
            ]
        },
        "disclosure": {"min_cell": 10},
        "reliability": {"min_base": 30, "max_cv": 0.3},
        "groups": groups,
        "analyses": analyses,
    }


def write_survey(plan: Plan, root: Path) -> Path:
    folder = root / plan.iso3 / "surveys" / plan.survey_id
    folder.mkdir(parents=True, exist_ok=True)
    form = build_form(plan)
    title = SURVEY_TEXTS[plan.survey_id]["title"]["en"]
    save_workbook(form.workbook(plan.survey_id.replace("-", "_"), title), folder / "form.xlsx")
    mains, members = simulate(plan)
    export = write_export(plan, form, mains, members, folder)
    config = survey_config(plan, export)
    if not config["missing_codes"]:
        del config["missing_codes"]
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    (folder / "survey.yaml").write_text(HEADER + text, encoding="utf-8")
    (folder / "README.md").write_text(
        f"# {title}\n\n**Demo data.** Everything in this folder except the form's wording is "
        "synthetic, written by `data/make_demo_surveys.py` with a fixed seed. The export "
        "deliberately contains identifying columns (names, phone numbers, GPS, enumerator "
        "and device ids), a sentinel code 999, values outside a choice list and a column the "
        "form does not define, so that the survey reader's protections are exercised.\n",
        encoding="utf-8",
    )
    return folder


def main(argv: list[str]) -> None:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "countries"
    for plan in PLANS:
        print(write_survey(plan, root))


if __name__ == "__main__":
    main(sys.argv)
