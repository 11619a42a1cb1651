"""Write the DEMO extract of international SDG data in data/global/un-sdg-demo/.

The layout is that of the UN Global SDG Indicators Database in Gapminder's DDF-CSV form
(docs/formats/synthesis.md); every value is invented by the formulas below, for the five
pilot countries only. Run `python data/make_demo_global.py` to write it again: the output
is the same each time. Do not cite these numbers.
"""

from __future__ import annotations

import csv
from pathlib import Path

OUT = Path(__file__).resolve().parent / "global" / "un-sdg-demo"
COUNTRIES = {"50": "Bangladesh", "356": "India", "404": "Kenya", "524": "Nepal", "704": "Viet Nam"}
# Invented primary completion rates (per cent) and the gaps the breakdowns show.
BASE = {"50": 78.4, "356": 88.2, "404": 81.6, "524": 84.9, "704": 93.1}
YEARS = {"50": 2019, "356": 2020, "404": 2022, "524": 2019, "704": 2021}


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def completion() -> list[list[object]]:
    rows = []
    for geo, base in BASE.items():
        year = YEARS[geo]
        cells = [
            ("bothsex", "allarea", "t", 0.0),
            ("female", "allarea", "t", 1.8),
            ("male", "allarea", "t", -1.7),
            ("bothsex", "rural", "t", -4.2),
            ("bothsex", "urban", "t", 6.1),
        ]
        if geo != "704":  # Viet Nam: no wealth breakdown in the demo ('no data')
            cells += [("bothsex", "allarea", "q1", -17.5), ("bothsex", "allarea", "q5", 9.4)]
        for earlier in (0, 5):
            for sex, location, quantile, gap in cells:
                value = min(base + gap - earlier * 1.3, 99.5)
                rows.append(
                    [
                        "primar",
                        geo,
                        location,
                        "c",
                        quantile,
                        sex,
                        "percent",
                        year - earlier,
                        f"{value:.5f}",
                    ]
                )
    return rows


def unemployment() -> list[list[object]]:
    # Only Kenya has figures by disability in the demo; the others have 'no data'.
    return [
        ["pd", "404", "c", "bothsex", "percent", 2019, "14.20000"],
        ["pwd", "404", "c", "bothsex", "percent", 2019, "9.80000"],
        ["t", "404", "c", "bothsex", "percent", 2019, "10.10000"],
    ]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write(
        "ddf--concepts--continuous.csv",
        ["concept", "concept_type", "description", "goal", "indicator", "name", "target"],
        [
            [
                "se_tot_cplr",
                "measure",
                "Completion rate, by sex, location, wealth quintile and education level (%)",
                "4",
                "4.1.2",
                "SE_TOT_CPLR",
                "4.1",
            ],
            [
                "sl_tlf_uemdis",
                "measure",
                "Unemployment rate, by sex and disability (%)",
                "8",
                "8.5.2",
                "SL_TLF_UEMDIS",
                "8.5",
            ],
        ],
    )
    write(
        "ddf--entities--geo_area.csv",
        ["geo_area", "name"],
        [[k, v] for k, v in sorted(COUNTRIES.items())],
    )
    for dim, codes in {
        "sex": ["bothsex", "female", "male"],
        "location": ["allarea", "rural", "urban"],
        "quantile": ["q1", "q5", "t"],
        "education_level": ["primar", "t"],
        "nature": ["c", "e", "m"],
        "units": ["percent"],
        "disability_status": ["pd", "pwd", "t"],
    }.items():
        names = {"t": "_T"}
        write(
            f"ddf--entities--{dim}.csv",
            [dim, "name"],
            [[c, names.get(c, c.upper())] for c in codes],
        )
    write(
        "ddf--datapoints--se_tot_cplr--by--education_level--geo_area--location--nature--"
        "quantile--sex--units--year.csv",
        [
            "education_level",
            "geo_area",
            "location",
            "nature",
            "quantile",
            "sex",
            "units",
            "year",
            "se_tot_cplr",
        ],
        completion(),
    )
    write(
        "ddf--datapoints--sl_tlf_uemdis--by--disability_status--geo_area--nature--sex--"
        "units--year.csv",
        ["disability_status", "geo_area", "nature", "sex", "units", "year", "sl_tlf_uemdis"],
        unemployment(),
    )


if __name__ == "__main__":
    main()
