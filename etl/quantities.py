"""Parse the quantities contracts and reports write in words: numbers, percentages, money, durations, dates."""

from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from dateutil import parser as dateutil_parser
from text_to_num import text2num

from etl.settings import DBT_PROJECT_DIR

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "CHF", "INR", "SGD", "AUD", "CAD", "JPY")
_CURRENCY = "(?:" + "|".join([*CURRENCY_CODES, r"US\$", *map(re.escape, CURRENCY_SYMBOLS)]) + ")"
# an amount as contracts write it: grouped by commas, dots, apostrophes or spaces, or not at all ("1,200,000",
# "1.234.567,50", "1'200'000", "1 234 567,50", "50,00,000"); what the separators mean is decided by Babel
_AMOUNT = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?|\d[\d.,'’]*\d|\d"
_SCALE = r"(?:\s*(?P<{n}>billion|bn|million|mn|m|thousand|k|lakhs?|crores?)\b)?"
MONEY_RE = re.compile(
    rf"(?P<cur>{_CURRENCY})\s?(?P<amt>{_AMOUNT}){_SCALE.format(n='mult')}"
    rf"|(?P<amt2>{_AMOUNT}){_SCALE.format(n='mult2')}\s?(?P<cur2>{_CURRENCY})(?![A-Za-z])",
    re.IGNORECASE,
)
_SCALES = {
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "lakh": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7,
}
# the grouping conventions an amount may be written in: US/UK, continental, Swiss, Indian, French/SI
_AMOUNT_LOCALES = ("en_US", "de_DE", "de_CH", "en_IN", "fr_FR")

# Number words ("forty-five", "one hundred and twenty"): matched by this grammar, valued by text2num, so any
# number a contract spells out is read, not only those someone listed
_ONES = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = rf"(?:{_TENS}|{_ONES}|hundred|thousand)"
NUMBER_WORDS = rf"(?:{_TENS}|{_ONES})(?:[\s-]+(?:and[\s-]+)?{NUMBER_WORD}\b)*"


# ordinals in words, as contracts write a day or an anniversary ("the fifth")
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
    "twenty-fifth": 25,
    "thirtieth": 30,
}


def number_from_words(words: str) -> int | None:
    """'forty-five' -> 45, 'one hundred and twenty' -> 120; None where the words are not one number."""
    try:
        return int(text2num(" ".join(words.lower().replace("-", " ").split()), "en"))
    except ValueError:
        return None


# "five (5) years", "36 months", "ninety (90) days", "one year"
_WHICH = r"(?:(?:calendar|business|full|consecutive|contract|agreement|fiscal|lease)\s+)*"
DURATION_RE = re.compile(
    # the words before "(5)" are a number in words: at most four, or the match would swallow a phrase before
    # it ("on a month to month basis until ... fifteen (15) days")
    # ("ten (10) Contract Years", "five full calendar years": a word that names which years is part of the unit)
    r"(?:(?P<word>[a-z]+(?:[\- ]+[a-z]+){0,3}?)\s*\(\s*)?(?P<num>\d+)\s*\)?[\s-]*"
    + _WHICH
    + r"(?P<unit>year|month|day|week)s?\b"
    r"|\b(?P<word_only>"
    + NUMBER_WORDS
    + r")[\s-]+(?:\(\s*[\dIl]+\s*\)[\s-]*)?"
    + _WHICH
    + r"(?P<unit2>year|month|day|week)s?\b"
    r"|\b(?P<annual>annual(?:ly)?|yearly|each year|every year|year[- ]to[- ]year|monthly|each month|month[- ]to[- ]month)\b",
    re.IGNORECASE,
)

_MONTH_NAMES = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<d>\d{1,2})\s?(?:s\s?t|n\s?d|r\s?d|t\s?h)?"
DATE_RES = [
    # 15 November 2024 / 15th day of November, 2024 / 1s t day of March 2018
    re.compile(r"\b" + _DAY + r"\s+(?:day\s+of\s+)?" + _MONTH_NAMES + r",?\s+(?P<y>\d{4})\b", re.I),
    # November 15, 2024 / Nov. 02, 2019 / December 3rd, 2018
    re.compile(r"\b" + _MONTH_NAMES + r"\s+" + _DAY + r"(?:,\s*|\s+)(?P<y>\d{4})\b", re.I),
    # 2024-11-15
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    # 12-23-2019, 3/14/2018, 3-14-18 (US order)
    re.compile(r"(?<![\d/-])(?P<m>\d{1,2})[-/](?P<d>\d{1,2})[-/](?P<y>\d{4}|\d{2})(?![\d/-])"),
]
_MONTH_WORD = _MONTH_NAMES.replace("?P<m>", "?:")
# Forms the strict patterns miss, found loosely here and parsed by dateutil (measured in
# evaluation/contracts/compare_date_parsers.py): "1st of March, 2003", "(1st) day of January, 1996",
# "20th day of Friday, March 2020", "October 1,1996", a day-first date that cannot be read month-first
# ("29/3/18") and the dotted day-first form ("01.03.2021"; four-digit years only, so "3.1.12" stays a section).
_LOOSE_DATES = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\)?\s+(?:day\s+)?of\s+(?:[a-z]+day,?\s+)?" + _MONTH_WORD + r"\s*,?\s*\d{4}\b"
    r"|\b" + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?\s*,\s*\d{4}\b"
    r"|(?<![\d/.-])\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})(?![\d/.-])"
    r"|(?<![\d/.-])\d{1,2}\.\d{1,2}\.\d{4}(?![\d/.-])",
    re.I,
)
_NO_DAY, _OTHER_DAY = datetime(1, 1, 1), datetime(2, 2, 2)

# An incident grade as contracts and ITSM tools write it: "Priority 1", "Severity Level 2", "Sev-3", "P1", "S2",
# "Problem Class 4", its number (1-5) in group n. P and S alone only as capitals, so "p1" in running text and "s2"
# in a reference are no grade. The one definition every reader of grades uses.
GRADE = re.compile(
    r"\b(?:(?i:severity|priority|sev|incident|problem|fault)[\s-]*(?i:level|class|code)?[\s-]*|(?:[PS]|SEV)-?)"
    r"(?P<n>[1-5])\b"
)


# digits grouped in thousands by commas, as English writes them: "1,000", "2,500,000"
GROUPED_DIGITS = r"\d{1,3}(?:,\d{3})+"

# a share written with a decimal comma, as continental European drafting does ("99,5 %", "2,75%"): one to three
# digits, a comma, one or two digits, then the sign. Thousands are grouped in threes, so no grouping is read so.
_DECIMAL_COMMA_SHARE = re.compile(r"(?<![\d.,])\d{1,3},\d{1,2}(?=\s?%)")


# a footnote's mark set right after a value and its unit: "99.9%*", "4 hours†", "95%(1)", "98%¹", "2%[3]"
_FOOTNOTE_MARK = re.compile(
    r"(?<=\d)(\s?(?:%|[A-Za-z]{1,12}))([*†‡§]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,2}\)|\[\d{1,2}\])(?=\s|$|[.,;:)])"
)


def values_written_plainly(text: str) -> str:
    """`text` with each decimal-comma share written with a point ("99,5 %" -> "99.5 %") and each footnote mark
    after a value blanked ("99.9%*" -> "99.9% "); the same length, so offsets into the text still hold."""
    if "," in text and "%" in text:
        text = _DECIMAL_COMMA_SHARE.sub(lambda m: m.group(0).replace(",", "."), text)
    if any(mark in text for mark in "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰(["):
        text = _FOOTNOTE_MARK.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    return text


def parse_number(text: str) -> float | None:
    """'1,234.5' -> 1234.5, '99.9%' -> 99.9, '12 hours' -> 12.0; None when there is no number."""
    m = re.search(rf"-?{GROUPED_DIGITS}(?:\.\d+)?|-?\d+(?:\.\d+)?", text or "")
    return float(m.group(0).replace(",", "")) if m else None


def parse_amount(text: str) -> Decimal | None:
    """An amount's value, whichever convention groups it; None where the conventions disagree or none reads it.

    Each convention is tried strictly (Babel's parse_decimal); money has at most two decimals, so "800.000" is
    800,000 and "1,200" is 1,200, while "1.5" and "12,50" keep their decimals. An amount two conventions read
    differently is not guessed: it goes to review."""
    from babel.numbers import NumberFormatError, parse_decimal

    values = set()
    for locale in _AMOUNT_LOCALES:
        written = text.replace("'", "’") if locale == "de_CH" else text
        if locale == "fr_FR":
            written = re.sub(r"[ \u00a0]", "\u202f", written)
        try:
            value = parse_decimal(written, locale=locale, strict=True)
        except NumberFormatError:
            continue
        if -value.as_tuple().exponent <= 2:
            values.add(value.normalize())
    return values.pop() if len(values) == 1 else None


def parse_money(text: str) -> tuple[str, Decimal] | None:
    """The first amount with its currency, before or after it: 'USD 1,200,000', '1.234.567,50 EUR', 'CHF
    1'200'000', 'INR 50,00,000', 'USD 1.2 billion'. None where there is none, or where the amount cannot be
    read without a guess."""
    m = MONEY_RE.search(text or "")
    amount = parse_amount(m.group("amt") or m.group("amt2")) if m else None
    if amount is None:
        return None
    cur = (m.group("cur") or m.group("cur2")).upper().replace("US$", "USD")
    scale = (m.group("mult") or m.group("mult2") or "").lower().removesuffix("s")  # lakhs, crores
    return CURRENCY_SYMBOLS.get(cur, cur), amount * _SCALES.get(scale, Decimal(1))


def find_durations(text: str) -> list[tuple[int, str, int]]:
    """Every duration in text as (amount, unit, offset); unit is 'year' | 'month' | 'week' | 'day'."""
    out = []
    for m in DURATION_RE.finditer(text):
        if m.group("num"):
            out.append((int(m.group("num")), m.group("unit").lower(), m.start("num")))
        elif m.group("word_only"):
            amount = number_from_words(m.group("word_only"))
            if amount:
                out.append((amount, m.group("unit2").lower(), m.start()))
        else:
            out.append((1, "month" if "month" in m.group("annual").lower() else "year", m.start()))
    return out


def to_months(amount: int, unit: str) -> int | None:
    return {"year": amount * 12, "month": amount}.get(unit)


def to_days(amount: int, unit: str) -> int:
    return {"year": amount * 365, "month": amount * 30, "week": amount * 7, "day": amount}[unit]


def find_dates(text: str) -> list[tuple[date, int]]:
    """Every calendar date in text as (date, offset), in order of appearance."""
    found = []
    for rx in DATE_RES:
        for m in rx.finditer(text):
            month = m.group("m")
            mo = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
            if mo is None:
                mo = next((i for name, i in MONTHS.items() if name.startswith(month.lower()[:3])), None)
            if not mo:
                continue
            year = int(m.group("y"))
            year += 2000 if year < 50 else 1900 if year < 100 else 0
            try:
                found.append((date(year, mo, int(m.group("d"))), m.start()))
            except ValueError:
                continue
    taken = {offset for _, offset in found}
    for m in _LOOSE_DATES.finditer(text):
        if not taken.intersection(range(m.start(), m.end())):
            loose = _loose_date(m.group(0))
            if loose:
                found.append((loose, m.start()))
    return sorted(found, key=lambda x: x[1])


def _loose_date(text: str) -> date | None:
    """A date dateutil reads whole from `text`: day, month and year all written (two defaults that differ in
    each part must give the same answer). Numbers are month-first unless the first cannot be a month or the
    separators are dots."""
    first = re.match(r"\s*(\d{1,2})[./-]", text)
    day_first = bool(first) and ("." in text or int(first.group(1)) > 12)
    try:
        a = dateutil_parser.parse(text, fuzzy=True, dayfirst=day_first, default=_NO_DAY)
        b = dateutil_parser.parse(text, fuzzy=True, dayfirst=day_first, default=_OTHER_DAY)
    except (ValueError, OverflowError):
        return None
    return a.date() if a == b else None


_PARTIAL_DATE = re.compile(
    r"\b" + _MONTH_NAMES + r"\s+_*\[?_*\]?_*\s*,?\s+(?P<y>\d{4})\b|\[_+\],?\s+(?P<y2>\d{4})\b", re.I
)


# the formal opening with the day left blank: "this ____ day of June, 2020", the month too ("this ___ day of
# _______, 2013"), or both blanks lost in the text ("made this day of , 2009")
_BLANK_DAY_OF = re.compile(
    r"(?:_{2,}\s*(?:st|nd|rd|th)?\s*|\bthis\s+)day\s+of\s+(?:" + _MONTH_NAMES + r"|_{2,}|(?=,))\s*,?\s+(?P<y>\d{4})\b",
    re.I,
)
# a blank for the whole day and month: "___________, 2015", "[ · ], 2019" (a placeholder in brackets)
_BLANK_DAY_AND_MONTH = re.compile(r"(?:(?<![\w\]])_{3,}|\[[^\]\w]{1,6}\]),?\s+(?P<y>\d{4})\b")


def find_partial_date(text: str) -> str | None:
    """A date left partly blank for signing ('August __, 2019' -> '2019-08', 'this __ day of June, 2020' ->
    '2020-06', '[___], 2020' or '__________, 2015' -> '2020', '2015')."""
    m = _PARTIAL_DATE.search(text) or _BLANK_DAY_OF.search(text) or _BLANK_DAY_AND_MONTH.search(text)
    if not m:
        return None
    if m.groupdict().get("y2"):
        return m.group("y2")
    if not m.groupdict().get("m"):
        return m.group("y")
    month = m.group("m").lower().rstrip(".")
    mo = MONTHS.get(month) or next((i for name, i in MONTHS.items() if name.startswith(month[:3])), None)
    return f"{m.group('y')}-{mo:02d}" if mo else m.group("y")


def parse_period(text: str, day_first: bool | None = None) -> str | None:
    """A reporting period key: a month 'YYYY-MM' from '2025-03', 'March 2025', 'Mar-25', '03/2025';
    a quarter 'YYYY-Qn' from '2025-Q3' or 'Q3 2025'; an ISO week 'YYYY-Wnn' from '2025-W07'."""
    text = text or ""
    m = re.search(r"\b(20\d{2})[-\s]?Q([1-4])\b|\bQ([1-4])[-\s/]*(20\d{2})\b", text, re.I)
    if m:
        return f"{m.group(1) or m.group(4)}-Q{m.group(2) or m.group(3)}"
    m = re.search(r"\b(20\d{2})-?W(0[1-9]|[1-4]\d|5[0-3])\b", text, re.I)
    if m:
        return f"{m.group(1)}-W{m.group(2)}"
    m = re.search(r"\b(20\d{2})[-/](0[1-9]|1[0-2])\b", text)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    # a full date "31/03/2025", "03/31/2025", "31.03.2025": the month is whichever part can be one; where both
    # can, `day_first` (decided from the whole column, see day_first_in) says which, else day-first
    m = re.search(r"\b(\d{1,2})[./-](\d{1,2})[./-](20\d{2})\b", text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        month = b if a > 12 else a if b > 12 else (b if day_first is not False else a)
        if 1 <= month <= 12:
            return f"{m.group(3)}-{month:02d}"
    for m in re.finditer(r"\b([A-Za-z]{3,9})\.?[\s\-]+(20\d{2}|\d{2})\b", text):
        if m.group(1).lower() in MONTHS:
            year = m.group(2) if len(m.group(2)) == 4 else "20" + m.group(2)
            return f"{year}-{MONTHS[m.group(1).lower()]:02d}"
    m = re.search(r"\b(0?[1-9]|1[0-2])/(20\d{2})\b", text)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    return None


def day_first_in(cells: list[str]) -> bool | None:
    """Whether a column's full dates are day-first: True if some first part is above 12, False if some second
    part is, None when the column never decides (then each date reads day-first, the common export form)."""
    firsts, seconds = [], []
    for c in cells:
        m = re.search(r"\b(\d{1,2})[./-](\d{1,2})[./-](20\d{2})\b", c or "")
        if m:
            firsts.append(int(m.group(1)))
            seconds.append(int(m.group(2)))
    if any(f > 12 for f in firsts) and not any(s > 12 for s in seconds):
        return True
    if any(s > 12 for s in seconds) and not any(f > 12 for f in firsts):
        return False
    return None


def period_grain(key: str) -> str:
    """'month', 'quarter' or 'week' for a period key from parse_period."""
    return "quarter" if "-Q" in key else "week" if "-W" in key else "month"


def period_start(key: str) -> str | None:
    """The first day of a period key as an ISO date ('2025-Q3' -> '2025-07-01', '2025-W01' -> '2024-12-30')."""
    if not key:
        return None
    year = int(key[:4])
    if "-Q" in key:
        return f"{year}-{3 * (int(key[-1]) - 1) + 1:02d}-01"
    if "-W" in key:
        return date.fromisocalendar(year, int(key[-2:]), 1).isoformat()
    return f"{key}-01"


@dataclass(frozen=True)
class Unit:
    """A measurement unit as the dbt seed `units` defines it, once for the readers, validation and the marts."""

    name: str
    kind: str  # share, time, score, count or money
    seconds: float | None  # a time unit's length; None for business days, whose length is the covered day's
    min_value: float
    max_value: float
    spellings: tuple[str, ...]  # how a contract or report writes it in words ("hrs", "per cent")
    symbols: tuple[str, ...]  # one-letter forms only a value cell uses ("4h 30m"), too short to trust in prose


@cache
def units() -> dict[str, Unit]:
    with (DBT_PROJECT_DIR / "seeds" / "units.csv").open() as f:
        return {
            r["unit"]: Unit(
                r["unit"],
                r["kind"],
                float(r["seconds"]) if r["seconds"] else None,
                float(r["min_value"]),
                float(r["max_value"]),
                tuple(s for s in r["spellings"].split("|") if s),
                tuple(s for s in r["symbols"].split("|") if s),
            )
            for r in csv.DictReader(f)
        }


def unit_ranges() -> dict[str, tuple[float, float]]:
    """The one definition of each unit's valid range: the dbt seed, shared with validation and the marts."""
    return {u.name: (u.min_value, u.max_value) for u in units().values()}


def unit_spellings(*kinds: str, one_word: bool = False) -> dict[str, str]:
    """Each written form (lower case) of the units of these kinds -> the unit's name: {"hrs": "hours", ...}."""
    return {s: u.name for u in units().values() if u.kind in kinds for s in u.spellings if not (one_word and " " in s)}


def spelling_pattern(spellings) -> str:
    """A regex alternation of written forms, longest first so that "minutes" is never read as "min"."""
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(spellings, key=len, reverse=True))


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = r"(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?"
_UNTIL = r"\s*(?:to|until|till|through|thru|-|–|—)\s*"
# "Monday to Friday, 8:00 to 18:00", "8am-6pm Monday through Friday", "24x7", "24 hours a day, 7 days a week"
COVERAGE = re.compile(
    rf"\b{_DAY}{_UNTIL}{_DAY}\b[^.;]{{0,40}}?\b{_CLOCK}{_UNTIL}{_CLOCK}"
    rf"|\b{_CLOCK}{_UNTIL}{_CLOCK}[^.;]{{0,30}}?\b{_DAY}{_UNTIL}{_DAY}\b"
    r"|\b24\s*[x×/]\s*7\b|24 hours a day,? (?:7|seven) days a week",
    re.I,
)


def _hour(h: str, m: str | None, meridiem: str | None) -> float | None:
    hour = int(h) % 12 + (12 if meridiem and meridiem.lower().startswith("p") else 0) if meridiem else int(h)
    value = hour + int(m or 0) / 60
    return value if 0 <= value <= 24 else None


def parse_coverage(text: str) -> str | None:
    """The hours a service is covered, normalised: 'Monday to Friday, 8:00 a.m. to 6:00 p.m.' ->
    'mon-fri 08:00-18:00'; '24x7' -> 'mon-sun 00:00-24:00'. None where the text states no window."""
    m = COVERAGE.search(text or "")
    if not m:
        return None
    g = m.groups()
    if g[0]:  # days first
        first, last, (h1, m1, p1, h2, m2, p2) = g[0], g[1], g[2:8]
    elif g[8]:  # hours first
        (h1, m1, p1, h2, m2, p2), first, last = g[8:14], g[14], g[15]
    else:
        return "mon-sun 00:00-24:00"
    # "1 to 5 pm": the morning hour takes the afternoon's marker; "9-5": office hours, the end is afternoon
    start_marker = p1 or (p2 if int(h1) < int(h2) else None)
    start, end = _hour(h1, m1, start_marker), _hour(h2, m2, p2)
    if start is not None and end is not None and not (p1 or p2) and end <= start and end < 12:
        end += 12
    if start is None or end is None or end <= start:
        return None
    days = [DAY_NAMES.index(d.lower()[:3]) for d in (first, last)]
    if days[1] < days[0]:
        return None

    def clock(v: float) -> str:
        return f"{int(v):02d}:{round(v % 1 * 60):02d}"

    window = f"{DAY_NAMES[days[0]]}-{DAY_NAMES[days[1]]} {clock(start)}-{clock(end)}"
    region = holiday_region(text)
    window = f"{window} holidays {region}" if region else window
    written = _WRITTEN_ZONE.search(text)  # a window as this function writes it, entered by hand
    if written:
        zone = written.group(1) if valid_zone(written.group(1)) else None
    else:
        # the zone is written inside the window or right after its hours ("8:00 to 16:30 EST/EDT", ", Eastern Time")
        after = re.match(r"[\s,(]*[^\s,(.;][^.;\n]{0,24}", text[m.end() :])
        zone = time_zone_of(m.group(0)) or (time_zone_of(after.group(0), at_start=True) if after else None)
    return f"{window} tz {zone}" if zone else window


_WRITTEN_ZONE = re.compile(r"\btz\s+([A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*)")


def valid_zone(name: str) -> bool:
    """Whether the time-zone database knows `name` ('Europe/London', 'UTC')."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@cache
def _zone_words() -> tuple[re.Pattern, dict[str, str]]:
    """The dbt seed time_zone_words: its words as one pattern, longest first, and the zone of each."""
    with (DBT_PROJECT_DIR / "seeds" / "time_zone_words.csv").open() as f:
        zones = {row["word"]: row["zone"] for row in csv.DictReader(f)}
    words = sorted(zones, key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w/])(" + "|".join(map(re.escape, words)) + r")\b"), zones


def time_zone_of(window_text: str, at_start: bool = False) -> str | None:
    """The IANA zone a service window names with its hours ("from 0800 to 1630 EST/EDT" -> America/New_York);
    None where it names none ("local time" names no zone). at_start: only a zone the text opens with."""
    pattern, zones = _zone_words()
    m = pattern.search(window_text or "")
    if not m or (at_start and window_text[: m.start()].strip(" ,(")):
        return None
    return zones[m.group(1).lower()]


# "excluding public holidays in England and Wales", "U.S. federal holidays", "bank holidays in Scotland", or a
# window already written with its calendar ("mon-fri 08:00-18:00 holidays GB-ENG")
_HOLIDAY_PHRASE = re.compile(
    r"(?i)(?P<before>(?:[A-Z][\w.]*\s+){0,3}?)(?:public|bank|national|federal|statutory|legal)\s+holidays?"
    r"(?:\s+(?:in|of|observed in|applicable in)\s+(?:the\s+)?(?P<after>(?:[A-Z][\w.]*(?:\s+|$)){1,3}))?"
)
_HOLIDAY_CODE = re.compile(r"\bholidays\s+(?P<code>[A-Z]{2}(?:-[A-Z0-9]{1,3})?)\b")


def holiday_region(text: str) -> str | None:
    """The public-holiday calendar a service window names, as the holidays library codes it ('GB-ENG', 'US',
    'US-NY'); None where it names no place (a window "excluding public holidays" of nowhere in particular)."""
    m = _HOLIDAY_CODE.search(text or "")
    if m:
        return m.group("code")
    for m in _HOLIDAY_PHRASE.finditer(text or ""):
        if re.search(r"(?i)\bfederal\s+holidays?", m.group(0)) and not m.group("after"):
            return "US"  # federal holidays, unqualified, are the United States' (5 U.S.C. 6103)
        for place in (m.group("after"), m.group("before")):
            code = _place_code(place or "")
            if code:
                return code
    return None


def _place_code(words: str) -> str | None:
    """The longest run of the words that names a country or a region of one ('England and Wales' -> England)."""
    tokens = [t.strip(".,;:()") for t in words.split()]
    places = _holiday_places()
    for size in range(len(tokens), 0, -1):
        for i in range(len(tokens) - size + 1):
            code = places.get(" ".join(tokens[i : i + size]).lower().replace(".", ""))
            if code:
                return code
    return None


@cache
def _holiday_places() -> dict[str, str]:
    """Country and region names -> holiday calendar codes, from the holidays library's own registry: the class
    name ("UnitedKingdom" -> united kingdom), the codes, and each country's named subdivisions."""
    import holidays
    from holidays.registry import COUNTRIES

    places: dict[str, str] = {"us": "US", "usa": "US", "uk": "GB", "united states of america": "US"}
    subdivisions: dict[str, str] = {}
    for class_name, code, *_ in COUNTRIES.values():
        places.setdefault(re.sub(r"(?<!^)(?=[A-Z])", " ", class_name).lower(), code)
        for name, sub in getattr(getattr(holidays, class_name, None), "subdivisions_aliases", {}).items():
            subdivisions.setdefault(name.lower(), f"{code}-{sub}")
    return {**subdivisions, **places}  # a country's name wins over a region of another of the same name
