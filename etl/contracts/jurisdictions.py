"""Names of the jurisdictions whose law contracts choose, to read 'the laws of the State of New York'."""

from __future__ import annotations

import re

US_STATES = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "District of Columbia",
]
PROVINCES = [
    "British Columbia",
    "Ontario",
    "Quebec",
    "Alberta",
    "Manitoba",
    "Nova Scotia",
    "New South Wales",
    "Victoria",
    "Queensland",
]
COUNTRIES = [
    "England and Wales",
    "England",
    "Scotland",
    "Northern Ireland",
    "Ireland",
    "Germany",
    "France",
    "Spain",
    "Italy",
    "Netherlands",
    "Belgium",
    "Luxembourg",
    "Switzerland",
    "Austria",
    "Sweden",
    "Norway",
    "Denmark",
    "Finland",
    "Poland",
    "Portugal",
    "Israel",
    "India",
    "Singapore",
    "Hong Kong",
    "China",
    "People's Republic of China",
    "Japan",
    "Korea",
    "Taiwan",
    "Australia",
    "New Zealand",
    "Canada",
    "Mexico",
    "Brazil",
    "Cayman Islands",
    "Bermuda",
    "British Virgin Islands",
    "South Africa",
    "United Arab Emirates",
    "Malaysia",
    "Philippines",
    "Thailand",
    "Indonesia",
    "Vietnam",
    "Turkey",
    "Russia",
    "United Kingdom",
    "United States",
]
# other ways contracts name a jurisdiction: the usual abbreviation, the typographic apostrophe PDFs carry, and
# the adjective form ("governed by English law")
ALIASES = {
    "PRC": "People's Republic of China",
    "P.R.C.": "People's Republic of China",
    "People’s Republic of China": "People's Republic of China",
    "English law": "England",
    "laws of England": "England",
}
# longest first, so "West Virginia" wins over "Virginia" and "England and Wales" over "England"
_NAMES = sorted(US_STATES + PROVINCES + COUNTRIES + list(ALIASES), key=len, reverse=True)
_RX = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in _NAMES) + r")(?!\w)", re.I)
_CANONICAL = {n.lower(): ALIASES.get(n, n) for n in _NAMES}


def find_jurisdiction(text: str) -> str | None:
    """The first jurisdiction named in text, in its usual spelling; country-level names only when no state,
    province or sub-national name comes first."""
    m = _RX.search(text)
    return _CANONICAL[m.group(1).lower()] if m else None


def find_jurisdictions(text: str) -> list[str]:
    """Every jurisdiction named in text, in order."""
    return [_CANONICAL[m.group(1).lower()] for m in _RX.finditer(text)]
