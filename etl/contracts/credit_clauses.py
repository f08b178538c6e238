"""What a missed service level costs, read from the contract's credit clauses (../shared/DOMAIN.md).

Besides the at-risk pool (a share of the charges at risk, spread over the levels by their weightings, read by
`at_risk_pct.stated` and the schedule's weightings), contracts price a miss in three more ways, and cap and
trigger the credits:

- a flat share of the month's charges for each failure ("4% of the Monthly Charges for each Service Level
  Failure");
- a share for each step the result falls short ("2% of the Monthly Charges for each 0.1% (or part thereof) by
  which Availability falls below the Service Level");
- an amount for each failure ("a service credit of USD 2,500 for every missed Service Level");
- a share for each hour the service is out, whatever its level (a fraction of the monthly fee per hour of
  unavailability, one of the credits ../shared/DOMAIN.md lists);
- a cap in any month and over any twelve months ("Service Credits in any month shall not exceed 12% of the
  Monthly Charges");
- a trigger: a miss earns a credit only as the n-th in m months ("missed three (3) times in any six (6)
  consecutive months").

A clause is found by what its sentence does, not by its exact words: it speaks of a credit (or a reduction,
rebate or deduction) and of a failure (missed, not met, default, breach), and a cap clause limits it. Each
rule is data with examples it must and must not read (`tests/contracts/test_credit_clauses.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from etl.contracts.level_text import normalise
from etl.cues import Cue
from etl.quantities import ORDINALS, number_from_words, parse_money, spelling_pattern, unit_spellings, units
from etl.records import SlaTerm

_CREDIT = re.compile(r"(?i)\bcredit|\breduc|\brebate|\bdeduct|\brefund|\bper default\b")
# what a cap limits, as a noun: "deductions in any month", not "reduce costs"
_CREDIT_NOUN = re.compile(r"(?i)\b(?:credit|rebate|deduction|reduction|refund)s?\b")
_FAILURE = re.compile(
    r"(?i)\bfail|\bmiss|\bnot (?:be )?(?:met|achieved|attained|answered|resolved|restored)\b|\bdefault|\bbreach"
    r"|\bincident|\blate\b"
)
# the levels a ticket's clock measures, as int_ticket_service_levels picks them by name (resolving, responding,
# restoring, acknowledging): only these can count their incidents
TICKET_CLOCK = re.compile(r"(?i)resol|respon|restor|acknowledg")
# what a credit per incident counts: each ticket, call or request (an incident) that misses its time, as the
# ticket exports hold them, not each missed level ("each Incident Resolution Service Level" is a level)
PER_INCIDENT = re.compile(
    r"(?i)\b(?:each|every|per)\s+(?:[\w-]+\s+){0,3}?(?:incidents?|tickets?|calls?|(?:service\s+)?requests?)\b"
    r"(?!\s+(?:(?:resolution|response|restoration)\s+)?(?:service\s+levels?|slas?|targets?|standards?)\b"
    # "each incident in which a Service Level is missed": the incident is the level's miss
    r"|\s+(?:in\s+which|where|when)\s+(?:a|the|any)\s+(?:service\s+level|sla)\b)"
)
_CAP = re.compile(
    r"(?i)\bexceed|\bcapped\b|\bcap\b|\blimited to\b|\bmaximum\b|\bno more than\b|\bnot (?:be )?more than\b|\bat most\b"
    r"|\bup to\b|\bceiling\b"
)
_YEAR = re.compile(
    r"(?i)\b(?:twelve|12)[\s(–-]*(?:\(12\)\s*)?[–-]?\s*(?:consecutive\s+|rolling\s+)?months?\b|\byears?\b|\bannual"
)
# a "Service Period" is the month a schedule's levels are measured and credited over (as model services contracts
# define it)
_MONTH = re.compile(r"(?i)\bmonth|\bmonthly|\bservice period")
# the charges a credit is a share of: "the Monthly Charges", "that month's fees", "its total service charges"
_THE_CHARGES = r"(?:the\s+|that\s+|its\s+)?(?:month'?s\s+)?(?:total\s+|monthly\s+|annual\s+)?(?:service\s+)?(?:charges?|fees?|invoice)\b"
# a share of the charges: "4% of the Monthly Charges", "3 per cent of that month's Service Charges", or the charges
# "reduced by 3%"
_SHARE_OF_CHARGES = re.compile(
    r"(?i)(?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|per\s?cent)\)?\s+(?:of|in|off|from)\s+"
    + _THE_CHARGES
    + r"|(?:charges?|fees?)(?:\s+for\s+(?:the|that|each)\s+month)?\s+(?:shall|will|is|are)\s+(?:be\s+)?reduced\s+by\s+(?P<by>\d{1,2}(?:\.\d+)?)\s*(?:%|per\s?cent)"
)
# a cap with no base named ("shall not exceed: 10%"): credits are shares of the charges, so the share is of the
# period's charges (as the open template in ../shared/credits writes it)
_BARE_CAP = re.compile(
    r"(?i)(?:exceed|capped at|limited to|maximum of|no more than|up to)\W{0,3}(?P<pct>\d{1,2}(?:\.\d+)?)\s*%(?!\s*of\b)"
)
_NUMBER = r"(?P<{0}>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# a trigger's count as an ordinal ("the third failure"): the second to the sixth
_ORDINALS = {word: n for word, n in ORDINALS.items() if 2 <= n <= 6}
_ORDINAL = "(?P<ord>" + "|".join(_ORDINALS) + ")"
_TRIGGER = re.compile(
    r"(?i)(?:" + _NUMBER.format("n") + r"\s*(?:\(\d+\)\s*)?(?:or more\s+)?(?:times|failures|misses|occasions)?"
    r"|" + _ORDINAL + r"\s+(?:failure|miss|time))"
    r"[^.]{0,80}?\b(?:in|within|of)\s+(?:any\s+|a\s+)?(?:rolling\s+)?"
    + _NUMBER.format("m")
    + r"\s*(?:\(\d+\)\s*)?[- ]?(?:consecutive\s+)?-?\s*months?"
)


_IN_CONSECUTIVE = re.compile(
    r"(?i)\b(?:missed|failed|not\s+(?:be\s+)?met|fails?|misse?s?)\s+(?:\w+\s+){0,2}?in\s+(?:each\s+of\s+)?"
    + _NUMBER.format("n")
    + r"\s*(?:\(\d+\)\s*)?(?:or\s+more\s+)?consecutive\s+months?"
    # "on the second consecutive monthly failure": as many months as misses, counted by an ordinal
    r"|\b" + _ORDINAL + r"\s+consecutive\s+(?:monthly\s+|month(?:'s)?\s+)?(?:failure|miss)"
)


# a step of shortfall: "for each 0.1%", "for every full percentage point", "per additional hour", "per 0.5%
# shortfall", then (within the clause) the words that say the result falls short or runs over
_STEP_UNITS = {**unit_spellings("time", one_word=True), **unit_spellings("share")}
_PER_STEP = re.compile(
    r"(?i)\b(?:(?:for|per)\s+(?:each|every)?|each|every)\s*(?:(?:full|whole|complete|entire|additional|further)\s+)*"
    r"(?P<step>\d+(?:\.\d+)?|one|an?)?\s*(?:(?P<point>percentage\s+points?|%\s*points?)|(?P<unit>"
    + spelling_pattern(_STEP_UNITS)
    + r")(?![a-z]))"
    r"(?P<clause>[^.;]{0,100}?)\b(?:below|under|short|less\s+than|lower|exceed|excess|beyond|over|above|more\s+than"
    r"|higher|longer|late|shortfall)"
)
# "or part thereof", "(or any part of an hour)", "or fraction thereof": a part step earns a whole one
_PART_STEP = re.compile(r"(?i)\bor\s+(?:any\s+)?(?:part|fraction|portion)\b")

# a fraction of the month's charges written as one: "1/30 of", "1/24th of", "one thirtieth of", "one-twentieth
# (1/20) of" (numbers in words are digits by now: "1 thirtieth")
_DENOMINATORS = {
    "half": 2,
    "third": 3,
    "quarter": 4,
    **{word: n for word, n in ORDINALS.items() if n >= 5},
    "twentieth": 20,
    "twenty-fourth": 24,
    "thirtieth": 30,
    "thirty-first": 31,
    "sixtieth": 60,
    "hundredth": 100,
}
_FRACTION_OF_CHARGES = re.compile(
    r"(?i)(?:\b(?P<num>\d+)\s*/\s*(?P<den>\d+)(?:st|nd|rd|th)?|\b(?:1|one|an?)[\s-]+(?P<word>"
    + "|".join(sorted(_DENOMINATORS, key=len, reverse=True))
    + r")s?)(?:\s*\(\s*\d+\s*/\s*\d+(?:st|nd|rd|th)?\s*\))?\s+(?:part\s+)?of\s+"
    + _THE_CHARGES
)
# each hour the service is out: "for each hour the Service is unavailable", "per hour of Downtime", "for every
# full hour of outage"; the words after "hour" say it is out
_PER_HOUR = re.compile(r"(?i)\b(?:each|every|per)\s+(?:(?:full|whole|complete|entire)\s+)?hour\b(?P<after>[^.;]{0,90})")
_OUT_OF_SERVICE = re.compile(
    r"(?i)\bunavailab|\bnot\s+(?:be\s+)?available|\boutages?\b|\bdowntime|\bdown\b|\binterrupt|\bout\s+of\s+service"
)
# hours past an allowance or a level are steps short of it (`per_step_share`), not hours out from the first
_PAST_A_LEVEL = re.compile(r"(?i)\bexce|\bbeyond\b|\bover\b|\babove\b|\bmore\s+than\b|\bbelow\b|\bshort")
# a cap of the whole month's charges: "shall not exceed the Monthly Charges for that month", "capped at one
# month's charges"
_WHOLE_MONTH = re.compile(
    r"(?i)(?:exceed|up\s+to|capped\s+at|limited\s+to|more\s+than)\s+(?:the|1|one|a)\s+(?:month'?s|monthly)\s+"
    r"(?:total\s+)?(?:service\s+)?(?:charges?|fees?)\b"
)


@dataclass(frozen=True)
class CreditRule:
    name: str
    convention: str
    positive: tuple[tuple[str, object], ...]  # (sentence, what it reads)
    negative: tuple[str, ...]


def _is_credit(sentence: str) -> bool:
    return bool(_CREDIT.search(sentence) and (_FAILURE.search(sentence) or "service credit" in sentence.lower()))


def _share(m: re.Match) -> float:
    """The share a match of the charges' share or of a bare cap holds, whichever way it was written."""
    return float(m.group("pct") or m.group("by"))  # a bare cap always has its pct


# interest on overdue amounts, whose rate a sentence may cap "per month" beside "business credit": no credit cap
_INTEREST = re.compile(r"(?i)\binterest\b")


def monthly_cap(sentence: str) -> float | None:
    """The most credits may come to in one month, as a share of that month's charges."""
    if not _CREDIT_NOUN.search(sentence) or not _CAP.search(sentence):
        return None
    if _INTEREST.search(sentence):
        return None
    m = _SHARE_OF_CHARGES.search(sentence) or _BARE_CAP.search(sentence)
    if m and _MONTH.search(sentence) and not _YEAR.search(sentence):
        return _share(m)
    if not m and _WHOLE_MONTH.search(sentence) and not _YEAR.search(sentence):
        return 100.0
    return None


def yearly_cap(sentence: str) -> float | None:
    """The most credits may come to over twelve months (or a contract year), as a share of their charges."""
    if not _CREDIT_NOUN.search(sentence) or not _CAP.search(sentence) or _INTEREST.search(sentence):
        return None
    m = _SHARE_OF_CHARGES.search(sentence) or _BARE_CAP.search(sentence)
    return _share(m) if m and _YEAR.search(sentence) else None


def flat_share(sentence: str) -> float | None:
    """A share of the month's charges credited for each failure."""
    if not _is_credit(sentence) or _CAP.search(sentence) or re.search(r"(?i)at[- ]risk", sentence):
        return None
    if per_step_share(sentence) is not None or per_hour_of_outage(sentence) is not None:
        return None  # a share for each step short or each hour out is not one for each failure
    m = _SHARE_OF_CHARGES.search(sentence)
    return _share(m) if m else None


def per_step_share(sentence: str) -> tuple[float, float, str, bool] | None:
    """(share, step, step's unit, whether a part step counts): a share of the month's charges for each step by
    which the result falls short of its level."""
    if not _CREDIT.search(sentence):  # the step's own words ("falls below") say it is a failure
        return None
    share = _SHARE_OF_CHARGES.search(sentence)
    step = _PER_STEP.search(sentence)
    if not share or not step or _CAP.search(step.group("clause")) or per_hour_of_outage(sentence) is not None:
        return None
    size = step.group("step") or "1"
    size_value = float(size) if size[0].isdigit() else 1.0
    unit = "percent" if step.group("point") or not step.group("unit") else _STEP_UNITS[step.group("unit").lower()]
    if size_value <= 0:
        return None
    return _share(share), size_value, unit, bool(_PART_STEP.search(sentence, step.start()))


def per_hour_of_outage(sentence: str) -> tuple[float, bool] | None:
    """(share, whether a part hour counts): a share of the month's charges for each hour the service is out,
    counted from the first hour, not past its level."""
    hour = _PER_HOUR.search(sentence)
    if not hour or not _CREDIT.search(sentence):
        return None
    # the words that say it is out may come before the hour ("where the Service is down, ... for every hour")
    if not _OUT_OF_SERVICE.search(sentence) or _PAST_A_LEVEL.search(hour.group("after")):
        return None
    fraction = _FRACTION_OF_CHARGES.search(sentence)
    if fraction and "annual" in fraction.group(0).lower():
        return None  # a fraction of a year's charges is no share of the month's
    if fraction:
        num, den = (int(fraction.group("num")), int(fraction.group("den"))) if fraction.group("num") else (1, 0)
        den = den or _DENOMINATORS[fraction.group("word").lower()]
        share = 100 * num / den if den else None
    else:
        m = _SHARE_OF_CHARGES.search(sentence)
        share = _share(m) if m else None
    if share is None or not 0 < share <= 100:
        return None
    return share, bool(_PART_STEP.search(sentence, hour.start()))


def amount_per_failure(sentence: str) -> Decimal | None:
    """An amount of money credited for each failure."""
    if PER_INCIDENT.search(sentence):
        return None
    return _amount_credited(sentence)


def amount_per_incident(sentence: str) -> Decimal | None:
    """An amount of money credited for each incident that misses its time."""
    return _amount_credited(sentence) if PER_INCIDENT.search(sentence) else None


def _amount_credited(sentence: str) -> Decimal | None:
    if not _is_credit(sentence) or _CAP.search(sentence) or _SHARE_OF_CHARGES.search(sentence):
        return None
    money = parse_money(sentence)
    return money[1] if money else None


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else number_from_words(word)


def _misses(m: re.Match) -> int | None:
    """How many misses a trigger counts, written as an ordinal ("the third failure") or a number."""
    return _ORDINALS[m.group("ord").lower()] if m.group("ord") else _count(m.group("n"))


def trigger(sentence: str) -> tuple[int, int] | None:
    """(n, m): a credit only for the n-th miss in m months, or later."""
    if not re.search(r"(?i)credit|fail|miss", sentence):
        return None
    # "missed in two (2) consecutive months": as many misses as months
    consecutive = _IN_CONSECUTIVE.search(sentence)
    if consecutive:
        n = _misses(consecutive)
        return (n, n) if n and 1 < n <= 24 else None
    m = _TRIGGER.search(sentence)
    if not m:
        return None
    n = _misses(m)
    months = _count(m.group("m"))
    return (n, months) if n and months and 1 < n <= months <= 24 else None


RULES = (
    CreditRule(
        "credit.flat_share_per_failure",
        "a share of the month's charges for each failure",
        (
            ("For each Service Level Failure, the Supplier shall credit the Customer 4% of the Monthly Charges.", 4.0),
            (
                "Each failure to meet a Service Level earns the Customer a credit of 3.5 percent of the monthly fees.",
                3.5,
            ),
            ("The monthly fees shall be reduced by 2% for each standard not attained.", 2.0),
        ),
        (
            "The At-Risk Amount is 12% of the Monthly Charges.",
            "Service Credits in any month shall not exceed 10% of the Monthly Charges.",
            "The Customer shall pay 2% of the fees as a late payment charge.",
        ),
    ),
    CreditRule(
        "credit.per_step_short",
        "a share of the month's charges for each step the result falls short of its level",
        (
            (
                "The Supplier shall credit 2% of the Monthly Charges for each 0.1% (or part thereof) by which "
                "Availability falls below the Service Level.",
                (2.0, 0.1, "percent", True),
            ),
            (
                "For every full percentage point below the Minimum Service Level, the monthly fees shall be "
                "reduced by 1%.",
                (1.0, 1.0, "percent", False),
            ),
            (
                "A credit of 3% of the monthly fees is due for each hour or part of an hour by which the "
                "Resolution Time exceeds its level.",
                (3.0, 1.0, "hours", True),
            ),
            (
                "A service credit of 1 per cent of the monthly fee applies per 0.5% shortfall.",
                (1.0, 0.5, "percent", False),
            ),
        ),
        (
            "For each Service Level Failure, the Supplier shall credit the Customer 4% of the Monthly Charges.",
            # hours of outage, not a shortfall of the level: another model
            "The Supplier shall credit one thirtieth of the monthly fee for each hour the service is unavailable.",
            "Service Credits shall not exceed 10% of the Monthly Charges for each month in which a level is missed.",
        ),
    ),
    CreditRule(
        "credit.amount_per_failure",
        "an amount of money for each failure",
        (
            ("The Customer shall receive a credit of $2,500 for every missed Service Level.", Decimal(2500)),
            ("The Provider shall refund USD 750 for each standard not achieved.", Decimal(750)),
        ),
        (
            "The Customer shall pay the Supplier $2,500 per month for the help desk.",
            "The Supplier shall refund any overpayment of USD 750 within 30 days.",
            "Total Service Credits shall not exceed $50,000 in any year.",
            "The Provider shall credit USD 100 for each incident resolved late.",  # per incident
        ),
    ),
    CreditRule(
        "credit.amount_per_incident",
        "an amount of money for each incident (ticket, call, request) that misses its time",
        (
            ("The Vendor shall credit USD 300 for each Priority 2 Incident not resolved in time.", Decimal(300)),
            ("A service credit of EUR 40 is due for every ticket answered late.", Decimal(40)),
        ),
        (
            "The Customer shall receive a credit of $2,500 for every missed Service Level.",
            "For each Incident Response Service Level missed in a month the Vendor shall credit USD 900.",
            "The Customer shall pay USD 15 per ticket handled.",
        ),
    ),
    CreditRule(
        "credit.per_hour_of_outage",
        "a share of the month's charges for each hour the service is out, counted from the first hour",
        (
            (
                "The Provider credits one thirtieth of the Monthly Charges for each hour in which the Hosted "
                "Platform is unavailable, capped at one month's charges.",
                (100 / 30, False),
            ),
            ("A credit of 1.5% of the Monthly Charges applies per hour of Downtime or part thereof.", (1.5, True)),
        ),
        (
            # hours past an allowance are steps short of it
            "For each hour of Downtime beyond the 2 hours allowed, a credit of 1% of the monthly fees applies.",
            "A credit of 3% of the monthly fees is due for each hour by which the Resolution Time exceeds its level.",
            "The Customer shall pay USD 150 per hour for on-site support outside business hours.",
        ),
    ),
    CreditRule(
        "credit_monthly_cap_pct.stated",
        "credits in a month limited to a share of that month's charges",
        (
            ("Service Credits in any month shall not exceed 12% of the Monthly Charges.", 12.0),
            ("Credits for all failures in a single month shall not exceed: 15%.", 15.0),
            ("Deductions in a Service Period are subject to a ceiling of 9 per cent of the Service Charges.", 9.0),
            ("Outage credits in a month shall not exceed the Monthly Charges for that month.", 100.0),
        ),
        (
            "Service Credits in any twelve (12) month period shall not exceed 8% of the Charges for that period.",
            "The Supplier shall credit 4% of the Monthly Charges for each Service Level Failure.",
            # interest on overdue sums, capped per month beside "business credit"
            "Overdue sums carry interest at the trade credit rate, capped at 1.5% a month.",
            # a saving the parties aim for is no limit on credits
            "The parties shall work to reduce costs each month by a maximum of 5% of the charges.",
        ),
    ),
    CreditRule(
        "credit_yearly_cap_pct.stated",
        "credits over twelve months limited to a share of their charges",
        (
            (
                "Service Credits in any twelve (12) month period shall not exceed 8% of the Charges for that period.",
                8.0,
            ),
            ("Credits for all failures in any 12\u2013month period shall not exceed: 7%.", 7.0),
        ),
        ("Service Credits in any month shall not exceed 12% of the Monthly Charges.",),
    ),
    CreditRule(
        "credit.tiered_bands",
        "bands of levels the result falls below, each earning a larger share of the month's charges",
        (
            (
                "Credits: Availability below 99.5%: 3% of the Monthly Charges; below 97%: 6% of the Monthly Charges.",
                "99.5:3; 97:6",
            ),
            ("Uptime 99.9% or above 0% 99.0% - 99.89% 5% Less than 99.0% 10% (service credit)", "99.9:5; 99:10"),
            (
                "If availability is less than 99.5% but at least 98%, a credit of 3% of that month's fees applies, "
                "and if it is less than 98%, 8%.",
                "99.5:3; 98:8",
            ),
        ),
        (
            "Service credits: Availability 99.9% weighting 10%; Accuracy 98% weighting 20%.",
            "Availability below 99.5% earns a credit of 3% of the Monthly Charges.",
        ),
    ),
    CreditRule(
        "credit.trigger",
        "a credit only for the n-th miss of a level in m months",
        (
            (
                "A Service Credit is payable only where a Service Level is missed three (3) times in any six (6) "
                "consecutive months.",
                (3, 6),
            ),
            ("Credits are due from the third consecutive monthly miss of a standard.", (3, 3)),
        ),
        (
            "The Supplier shall report every month within six (6) business days.",
            "Credits are due within 3 months.",
            "The second consecutive monthly report shall include a trend analysis.",
        ),
    ),
)
# a tiered credit: bands of a level the month's result falls below and the share of the month's charges that
# then earns, the worse the level the larger the share ("below 99.8%: 2%; below 98%: 5%", a table of "less than
# 99.8% | 2% of the Monthly Charges" rows, "99.0% - 99.79% | 2%"). Levels and shares are told apart by size, as
# in schedules: a level of a percent measure is 50 or more, a credit less
# a share, or the start of a range of shares whose "%" is written once, at its end ("99.0 - 99.7%")
_PERCENT = re.compile(
    r"(?P<v>\d{1,3}(?:\.\d+)?)(?:\s*(?:%|percent\b)|(?=\s*(?:-|–|to)\s*\d{1,3}(?:\.\d+)?\s*(?:%|percent\b)))"
)
# the start of a range: a level whatever its size ("0 - 97.9%")
_RANGE_START = re.compile(r"\s*(?:-|–|to)\s*\d")
_BELOW_CUE = re.compile(r"(?i)(?:below|less than|under|lower than|short of|<)\s*$")
_RANGE_CUE = re.compile(r"(?i)^\s*(?:-|–|to|and)\s*$")
_BAND_GAP = 200  # the most text between one band and the next
# what may stand between one band and the next: the words that introduce a band and name the charges, and the
# small words a sentence joins them with ("... 2% of that month's fees, and if it is less than ..."). A word else
# (another measure's name) ends the run, so a schedule of levels and weightings is no tier table
_BETWEEN_BANDS = set(
    "below less than under lower short of if it its is was falls fall the and but at least or above more a an for "
    "credit credits service level result then where when in to be shall will month monthly charges charge fees "
    "fee invoice percent that s this applies apply due payable earns".split()
)


def _next_up(value: str) -> float:
    """The boundary a range's upper end stops short of: 99.79 -> 99.8, 98.9 -> 99."""
    decimals = len(value.split(".")[1]) if "." in value else 0
    return round(float(value) + 10**-decimals, decimals)


def tiered_bands(text: str) -> str | None:
    """'level:share; level:share' for a run of two or more bands in the text, levels falling as shares rise."""
    found = _tier_run(_bands_down(text))
    return found[0] if found else None


# bands set across a table's columns: a row of bands, the credit's label, a row of as many shares
_BAND = r"(?:(?:[<>≥≤]=?|below|less\s+than|under|at\s+least)\s*)?(?:\d{1,3}(?:\.\d+)?\s*%?\s*(?:-|–|to)\s*)?\d{1,3}(?:\.\d+)?\s*%"
_SHARE = r"\d{1,3}(?:\.\d+)?\s*%"
_BANDS_ACROSS = re.compile(
    rf"(?i)(?P<bands>(?:{_BAND}\s+){{1,7}}{_BAND})\s+(?P<label>[a-z][a-z ()%]{{0,40}}?)\s+"
    rf"(?P<shares>(?:{_SHARE}\s+){{1,7}}{_SHARE})"
)


def _bands_down(text: str) -> str:
    """Bands set across the columns, written band by band with each share after its band, as rows write them:
    "≥ 99.8% 99.0% - 99.79% < 99.0% Service Credit 0% 2% 5%" -> "Service Credit ≥ 99.8% 0% 99.0% - 99.79% 2% ..."."""

    def down(m: re.Match) -> str:
        bands, shares = re.findall(_BAND, m.group("bands")), re.findall(_SHARE, m.group("shares"))
        if len(bands) != len(shares) or not _CREDIT.search(m.group("label")):
            return m.group(0)
        return m.group("label") + " " + " ".join(f"{b} {c}" for b, c in zip(bands, shares, strict=True))

    return _BANDS_ACROSS.sub(down, text)


def _tier_run(text: str) -> tuple[str, int] | None:
    """The first run of bands in a credit's context, and where its first band starts."""
    bands: list[tuple[float, float, int, int]] = []  # (level, share, start, end)
    levels: list[re.Match] = []
    runs = []
    for m in _PERCENT.finditer(text):
        value = float(m.group("v"))
        # a share of the charges is below 50, a level above; but the worst bands may credit half or all of the
        # month ("less than 98% | 50%", "below 95% | 100%"): a share right after its level, with nothing between,
        # where the level is one the month falls below or the share is larger than it
        last = levels[-1] if levels else None
        share_of_band = (
            last is not None
            and not text[last.end() : m.start()].strip(" |:")
            and (
                value > float(last.group("v"))
                or bool(_BELOW_CUE.search(text[max(0, last.start() - 15) : last.start()]))
            )
        )
        if (value >= 50 and not share_of_band) or _RANGE_START.match(text, m.end()):
            levels.append(m)
            continue
        if not levels or value == 0:
            levels = []  # a share with no level before it, or a band that earns nothing
            continue
        level = _band_level(text, levels)
        if bands and not _continues(text, bands[-1], levels[0].start(), level, value):
            runs.append(bands)
            bands = []
        bands.append((level, value, levels[0].start(), m.end()))
        levels = []
    runs.append(bands)
    for run in runs:
        if len(run) >= 2 and _CREDIT.search(text[max(0, run[0][2] - 400) : run[-1][3] + 100]):
            return "; ".join(f"{level:g}:{share:g}" for level, share, _, _ in run), run[0][2]
    return None


def _continues(text: str, last: tuple[float, float, int, int], start: int, level: float, share: float) -> bool:
    """Whether a band starting at `start` continues the run: near the last band, worse and dearer, and only
    band words (or the words the run opened with) between them."""
    last_level, last_share, _, end = last
    if start - end > _BAND_GAP or not (level < last_level and share > last_share):
        return False
    opening = set(re.findall(r"[a-z]+", text[max(0, end - 150) : end].lower()))
    return set(re.findall(r"[a-z]+", text[end:start].lower())) <= _BETWEEN_BANDS | opening


def _band_level(text: str, levels: list[re.Match]) -> float:
    """A band's level from the levels written before its share: the one it falls below, the end a range stops
    short of, or the one level written."""
    for m in levels:
        if _BELOW_CUE.search(text[max(0, m.start() - 15) : m.start()]):
            return float(m.group("v"))
    if len(levels) >= 2 and _RANGE_CUE.match(text[levels[-2].end() : levels[-1].start()]):
        return _next_up(levels[-1].group("v"))
    return float(levels[-1].group("v"))


# the rules read one sentence at a time
_SENTENCE_READERS = {
    "credit.flat_share_per_failure": flat_share,
    "credit.per_step_short": per_step_share,
    "credit.amount_per_failure": amount_per_failure,
    "credit.amount_per_incident": amount_per_incident,
    "credit.per_hour_of_outage": per_hour_of_outage,
    "credit_monthly_cap_pct.stated": monthly_cap,
    "credit_yearly_cap_pct.stated": yearly_cap,
    "credit.trigger": trigger,
}
# and every rule's reader; bands run over several sentences (a table's rows), so they are read on the whole text
READERS = {**_SENTENCE_READERS, "credit.tiered_bands": tiered_bands}


# the rules that price a failure, of which a contract-wide model takes one
_PRICES = (
    "credit.flat_share_per_failure",
    "credit.amount_per_failure",
    "credit.amount_per_incident",
    "credit.per_step_short",
    "credit.per_hour_of_outage",
)

# a word every reader needs one of
_ANY_CLAUSE = Cue(r"credit|rebate|deduct|reduc|refund|default|fail|miss")


@dataclass(frozen=True)
class CreditTerms:
    # "flat % per failure" | "amount per failure" | "amount per incident" | "% per step short" | "% per hour of
    # outage"; None: as the schedule says
    model: str | None = None
    pct: float | None = None
    # per step short or hour out: (size, unit, whether a part step counts); an hour out is a step of (1, "hours")
    step: tuple[float, str, bool] | None = None
    amount: float | None = None
    monthly_cap_pct: float | None = None
    yearly_cap_pct: float | None = None
    trigger: tuple[int, int] | None = None
    tiers: str | None = None  # "level:share; ..." of a tiered credit
    tiers_context: str = ""  # the words before the bands, which name the level they price
    sources: tuple[tuple[str, str], ...] = ()  # (rule, sentence) behind each value


def _read_tiers(sentences: list[str]) -> tuple[str | None, str]:
    """A tiered credit's bands over the whole text (a table's rows are sentences of their own), and the words
    before them."""
    # (bands across hold four shares or more: a sentence with fewer is left as it is, which spares the search)
    text = " ".join(_bands_down(s) if s.count("%") >= 4 else s for s in sentences)
    run = _tier_run(text)
    return (run[0], text[max(0, run[1] - 150) : run[1]]) if run else (None, "")


def _flat_unless_a_band(
    flat: float | None, tiers: str | None, context: str, sources: list[tuple[str, str]]
) -> tuple[float | None, list[tuple[str, str]]]:
    """'below 99.8%, a credit of 2% of the Monthly Charges' reads as a flat price too: where it is a band's
    share, the bands price the level and the flat price goes."""
    if not tiers:
        return flat, sources
    sources = [*sources, ("credit.tiered_bands", context)]
    if flat is not None and any(float(band.split(":")[1]) == flat for band in tiers.split("; ")):
        return None, [(n, t) for n, t in sources if n != "credit.flat_share_per_failure"]
    return flat, sources


def _first_reads(sentences: list[str]) -> tuple[dict[str, object], set[tuple[str, object]], list[tuple[str, str]]]:
    """What each rule reads first, every per-failure price the contract states, and the (rule, sentence) behind
    each first reading."""
    found: dict[str, object] = {}
    prices: set[tuple[str, object]] = set()
    sources = []
    for sentence in sentences:
        if not _ANY_CLAUSE.search(sentence):
            continue  # most of a contract: one search instead of every reader's
        # numbers in words as digits, as the level readers see them: "five percent of the monthly fee" is 5%
        digits = normalise(sentence)
        for name, read in _SENTENCE_READERS.items():
            value = read(digits)
            if value is None:
                continue
            if name in _PRICES:
                prices.add((name, value))
            if name not in found:
                found[name] = value
                sources.append((name, sentence))
    return found, prices, sources


def read_credit_terms(sentences: list[str]) -> CreditTerms:
    """The first sentence each rule reads, over the contract's sentences in order."""
    found, prices, sources = _first_reads(sentences)
    flat, amount = found.get("credit.flat_share_per_failure"), found.get("credit.amount_per_failure")
    per_step, per_incident = found.get("credit.per_step_short"), found.get("credit.amount_per_incident")
    per_hour = found.get("credit.per_hour_of_outage")
    if len(prices) > 1:
        # several prices ("20% of the invoice" for one standard, "$100" for another): each belongs to its own
        # level, which a contract-wide model would get wrong; left to review
        flat = amount = per_step = per_incident = per_hour = None
        sources = [(n, t) for n, t in sources if n not in _PRICES]
    tiers, context = _read_tiers(sentences)
    flat, sources = _flat_unless_a_band(flat, tiers, context, sources)
    if per_hour is not None:  # an hour out is one step of an hour, counted from the first
        per_step = (per_hour[0], 1.0, "hours", per_hour[1])
    if per_step is not None:  # a share per step short prices the levels, whatever bands stand beside it
        model = "% per hour of outage" if per_hour is not None else "% per step short"
        pct, amount, tiers, context = per_step[0], None, None, ""
    elif per_incident is not None:
        model, pct, amount = "amount per incident", None, float(per_incident)
    else:
        model = "flat % per failure" if flat is not None else "amount per failure" if amount is not None else None
        pct, amount = flat, float(amount) if amount is not None and flat is None else None
    return CreditTerms(
        tiers=tiers,
        tiers_context=context,
        model=model,
        pct=pct,
        step=per_step[1:] if per_step is not None else None,
        amount=amount,
        monthly_cap_pct=found.get("credit_monthly_cap_pct.stated"),
        yearly_cap_pct=found.get("credit_yearly_cap_pct.stated"),
        trigger=found.get("credit.trigger"),
        sources=tuple(sources),
    )


def priced(rows: list[SlaTerm], credit: CreditTerms) -> list[SlaTerm]:
    """Schedule rows with the contract's credit model, where the schedule does not price them itself (no
    weightings of an at-risk pool, no credit model of their own)."""
    if credit.model is None and credit.trigger is None and credit.tiers is None:
        return rows
    if any(r.allocation_pct for r in rows):
        return rows  # the pool's weightings price the levels
    if credit.tiers and credit.model is None:
        return _tiered(rows, credit)
    return [r if r.credit_model is not None else _row_priced(r, credit) for r in rows]


def _row_priced(row: SlaTerm, credit: CreditTerms) -> SlaTerm:
    """One unpriced row with the contract's model, or as it was where the model cannot price it."""
    changes: dict = {}
    if credit.model == "% per hour of outage":
        if not _counts_hours_out(row):
            return row  # hours out price a level of availability or downtime only: the others are left
        changes.update(credit_step=1.0, credit_part_step_counts=credit.step[2])
    elif credit.step is not None:
        step = _step_in(credit.step, row.unit)
        if step is None:
            return row  # a step in hours does not measure a percent level: left to review
        changes.update(credit_step=step, credit_part_step_counts=credit.step[2])
    if credit.model == "amount per incident" and not TICKET_CLOCK.search(row.metric_name):
        return row  # incidents are tickets that miss a time: a level no ticket's clock measures is left
    if credit.model is not None:
        changes.update(credit_model=credit.model, credit_pct=credit.pct, credit_amount=credit.amount)
    if credit.trigger is not None:
        changes.update(credit_trigger_count=credit.trigger[0], credit_trigger_months=credit.trigger[1])
    return replace(row, **changes)


# a level whose result tells the hours the service was out: its availability (or unavailability) as a share of
# the month, or its downtime as a time; fct_service_credit_events counts the hours the same way
_AVAILABILITY = re.compile(r"(?i)availab|uptime|downtime|outage")


def _counts_hours_out(row: SlaTerm) -> bool:
    return bool(_AVAILABILITY.search(row.metric_name)) and tells_hours_out(row.unit)


def tells_hours_out(unit: str) -> bool:
    """Whether a result in this unit gives the hours out: a share of the month, or a time of fixed length."""
    known = units()
    return unit == "percent" or (unit in known and known[unit].kind == "time" and bool(known[unit].seconds))


def _step_in(step: tuple[float, str, bool], unit: str) -> float | None:
    """A step of shortfall in the level's own unit: 30 minutes of an hours level is 0.5; None where the step
    cannot measure the level (hours of a percent level)."""
    size, step_unit, _ = step
    if step_unit == unit:
        return size
    known = units()
    seconds, level_seconds = known[step_unit].seconds, known[unit].seconds if unit in known else None
    return round(size * seconds / level_seconds, 9) if seconds and level_seconds else None


def _named_at(context: str, name: str) -> int:
    """Where the context last names a level by one of its own words (-1: nowhere)."""
    words = set(re.findall(r"[a-z]{5,}", name.lower())) - {"service", "level", "levels", "credit"}
    return max((m.start() for w in words for m in re.finditer(rf"\b{w}\b", context)), default=-1)


def _tiered(rows: list[SlaTerm], credit: CreditTerms) -> list[SlaTerm]:
    """A tiered credit on the level it prices: the schedule's one percent level where a higher result is better,
    or those the words before the bands name last (the nearest before the bands: an earlier level's name may
    still be in reach); any other row is left for review."""
    candidates = [r for r in rows if r.unit == "percent" and r.direction == "higher" and r.credit_model is None]
    if len(candidates) > 1:
        context = credit.tiers_context.lower()
        where = {id(r): _named_at(context, r.metric_name) for r in candidates}
        last = max(where.values())
        candidates = [r for r in candidates if last >= 0 and where[id(r)] == last]
    chosen = {id(r) for r in candidates}
    return [
        replace(r, credit_model="tiered by attainment", credit_tiers=credit.tiers) if id(r) in chosen else r
        for r in rows
    ]
