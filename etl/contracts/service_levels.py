"""Service levels as real contracts and performance work statements write them: a commitment grammar of named
rules, applied to table rows and to sentences.

A commitment is a level and how it is measured: "99% availability" (a target percent), "95% of calls answered
within 20 seconds" (a target percent of cases within a threshold), "within 4 hours" (a time that is the target
itself), "no more than 3 complaints a month" (a count), and in performance work statements an acceptable
quality level (AQL) beside the standard: "1% deviation" makes the target 100 - 1 (the convention of the
FAR-based "Seven Steps" performance requirements summaries). Each rule is data with examples the tests run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from etl.contracts.graded_levels import GradedTime, grade_rows, matrix_times, text_times
from etl.contracts.level_text import (
    FAULTS,
    NONE_OF_FAULTS,
    clock_unit,
    default_direction,
    join_wrapped_numbers,
    normalise,
    time_pattern,
    time_unit,
)
from etl.contracts.listed_levels import RULE_NAME as LISTED_RULE
from etl.contracts.listed_levels import listed_levels
from etl.pdf_document import PdfPage
from etl.quantities import GRADE, spelling_pattern, unit_spellings
from etl.records import Provenance, SlaTerm, metric_id


@dataclass(frozen=True)
class Level:
    target: float
    unit: str
    direction: str
    threshold: float | None = None
    threshold_unit: str | None = None
    allowed_deviation_pct: float | None = None
    minimum: float | None = None
    rule: str = ""


@dataclass(frozen=True)
class LevelRule:
    """One way a commitment is written. `read` gets the normalised text and the AQL text beside it (or "")."""

    name: str
    read: Callable[[str, str], Level | None]
    positive: tuple[tuple[str, str, tuple], ...] = field(default=())  # (text, aql, (target, unit, threshold))
    negative: tuple[tuple[str, str], ...] = field(default=())


_PCT = r"(?P<pct>\d{1,3}(?:\.\d+)?)%"
_MEASURE_VERB = (
    r"(?:answer|respon|resol|restor|repair|dispatch|arriv|complet|process|deliver|submit|provid|post|deploy|"
    r"report|acknowledg|notif|alert|fix|clos|return|fil|enter|available|availability|support|review|approv|"
    r"assign|initiat|issu|perform|updat|publish|conduct|solv|consider|made)"
)
# the contract's own mechanics, never a level: paying and billing, notice, termination and cure, disputes,
# indemnities, warranties, confidentiality, equity, interest. Invoices, payments, insurance, records and audits
# are also what a business process serves ("98% of supplier invoices processed within 5 days", "the claims
# payment platform available 99.9% of the time"): they count only in the clause that governs the contract
# itself (payment terms, invoicing the customer, carrying insurance, keeping records, audit rights).
_ADMIN = re.compile(
    r"(?i)\b(?:pay\b|paid|payable|notice|terminat|cure|breach|dispute|arbitrat|"
    r"indemn|warrant|confidential|shares?\b|closing|fees? (?:are|is) due|late charge|interest|fiscal|"
    r"financial statements|balance sheet)"
    r"|\b(?:issue|send|submit|render|rais)\w*\s+(?:\w+\s+){0,4}?invoices?\b|\binvoices?\s+(?:\w+\s+){0,3}?(?:due|late)\b"
    r"|\bpayments?\s+(?:terms?\b|(?:\w+\s+){0,2}?(?:due|late)\b)|\blate\s+payments?"
    r"|\b(?:maintain|carry|obtain|procure|keep)\w*\s+(?:\w+\s+){0,4}?insurance|\binsurance\s+(?:polic|cover|certificate)"
    r"|\b(?:retain|keep|maintain|kept)\w*\s+(?:\w+\s+){0,4}?records|\brecords\s+(?:\w+\s+){0,3}?(?:retained|kept|inspect)"
    r"|\baudit\w*\s+(?:rights?|findings?)|\b(?:may|right\s+to)\s+audit|\bin\s+the\s+(?:last\s+|latest\s+)?audit\b"
)
# the notice that starts a response clock is no notice period: "within four hours of receiving notice of the
# fault", "within 2 days after notice from the Customer"
_CLOCK_STARTING_NOTICE = re.compile(
    r"(?i)\b(?:of|after|following|from|upon)\s+(?:(?:receiving|receipt\s+of|being\s+given|the\s+giving\s+of)\s+)?"
    r"(?:written\s+|telephone\s+|oral\s+|such\s+)?notice\s+(?:of|from)\b"
)


def _admin(text: str) -> bool:
    """Whether a sentence is about payment, notice periods, disputes and the like rather than a level."""
    return bool(_ADMIN.search(_CLOCK_STARTING_NOTICE.sub(" ", text)))


def _aql(aql: str) -> float | None:
    """The allowed deviation an AQL cell states: '1% deviation' -> 1; 'No deviation' / 'All' -> 0. A bare share
    of at least half is the share that must meet the standard ('95%' -> 5); a bare smaller one, the deviation."""
    if not aql:
        return None
    low = aql.lower()
    share = re.fullmatch(r"\s*(?:" + _AQL_LEAD + r")?(\d{2,3}(?:\.\d+)?)\s*%(?:" + _AQL_TAIL + r")?\s*\.?\s*", low)
    if share and 50 <= float(share.group(1)) <= 100:
        return round(100 - float(share.group(1)), 6)
    m = re.search(r"(\d{1,2}(?:\.\d+)?)%\s*(?:deviation|error|defects?|of (?:the )?\w+ (?:may|are|can))?", low)
    # ("zero" is "0" once number words are digits)
    if re.search(
        r"\bno deviation|\b(?:zero|0) (?:deviations?|defects?|errors?)\b|\b100% (?:compliance|of the time|accura)", low
    ):
        return 0.0
    if m and float(m.group(1)) < 50:
        return float(m.group(1))
    return None


def _pct_within(text: str, aql: str) -> Level | None:
    within = r"(?:\bwithin|\bless than(?: or equal to)?|\bno (?:greater|more|longer) than|\bin under|\bin the)\s+"
    for pattern in (
        _PCT + r"[^.;%]{0,120}?" + within + time_pattern("t"),
        within + time_pattern("t") + r"[^.;%]{0,80}?\b" + _PCT + r"\s+of\s+the\s+time",
        # "Response: less than 2 working hours | 98% of requests solved in the time period"
        within
        + time_pattern("t")
        + r"[^%]{0,120}?\b"
        + _PCT
        + r"\s+of\s+(?:(?:the\s+)?\w+\s+)?(?:requests|calls|cases|tickets|incidents|faults)",
        # the time first, then the share: "within 4 hours, 95% of incidents", "8 hours or less for 90% of them"
        within + time_pattern("t") + r"\s*,\s*" + _PCT + r"\s+of\b",
        time_pattern("t") + _OR_LESS + r"[^.;%]{0,40}?\b(?:for|in)\s+(?:at\s+least\s+)?" + _PCT + r"\s+of\b",
        # the share first, then "in 30 seconds or less"
        _PCT + r"[^.;%]{0,120}?\bin\s+" + time_pattern("t") + _OR_LESS,
    ):
        m = re.search(pattern, text, re.I)
        if m and float(m.group("pct")) <= 100:
            # "75% within 8 hours; the remaining 25% within 24 hours": all of them within 24 hours
            remaining = re.search(r"(?i)\b(?:remaining|the other|the rest,?|the last)\s*$", text[: m.start("pct")])
            target = 100.0 if remaining else float(m.group("pct"))
            return Level(target, "percent", "higher", float(m.group("t")), time_unit(m, "t"))
    return None


# an AQL written as a comparison, often on a variable the standard defines: "X ≥ 3" (a score), "≥ 95%", "Y ≤ 3%",
# "M = 0" (a count that must be none)
_COMPARISON = re.compile(
    r"(?i)^\s*(?:score\s+)?(?:[a-z]\s*)?(?P<op>≥|>=|=>|≤|<=|=<|<|>|=)\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*$"
)


def _compared(text: str, aql: str) -> Level | None:
    """The level an AQL comparison states: its number, higher or lower by the sign (an '= 0' is a count of what
    must not happen), a share where it says %, a score where the standard speaks of one."""
    m = _COMPARISON.match(aql)
    if not m:
        return None
    op, number = m.group("op"), float(m.group("n"))
    lower = op in ("≤", "<=", "=<", "<") or (op == "=" and number == 0)
    if m.group("pct"):
        unit = "percent"
    elif re.search(r"(?i)\bscore|\bscale\b|\brating\b|\bpoints?\b", f"{text} {aql}"):
        unit = "score"
    else:
        unit = "count"
    return Level(number, unit, "lower" if lower else "higher")


def _aql_standard(text: str, aql: str) -> Level | None:
    compared = _compared(text, aql)
    if compared is not None and not (compared.unit == "percent" and compared.direction == "higher"):
        return compared
    capped = _count_cap(aql, "") if aql and not _AQL_ITEM.search(aql) else None
    if capped is not None:  # "No more than 3 valid complaints per month": the AQL counts the failures it allows
        return capped
    # a share that must comply ("≥ 95%" as "95%"): the deviation it allows
    deviation = round(100 - compared.target, 6) if compared is not None else _aql(aql)
    if deviation is None:
        return None
    if re.search(r"\b(?:x|X|__+)%|\bx (?:minutes|hours|days)", text):
        return None  # a template placeholder
    m = re.search(r"\bwithin\s+" + time_pattern("t"), text, re.I)
    threshold = (float(m.group("t")), time_unit(m, "t")) if m else (None, None)
    return Level(100 - deviation, "percent", "higher", *threshold, allowed_deviation_pct=deviation)


def _pct_level(text: str, aql: str) -> Level | None:
    for pattern in (
        _PCT + r"\s*(?:\(\s*\d+(?:\.\d+)?%\s*\)\s*)?(?:availability|available|uptime|accuracy|compatibility|compliance|"
        r"of the time|of (?:the )?days)",
        # a share of a period of time, as "of the time" is: "available 99.5% of each month" (not "of the month's fees")
        _PCT + r"\s+of\s+(?:each|every|the|any|a)\s+(?:calendar\s+)?(?:month|quarter|week|year|day|hour|"
        r"measurement\s+(?:period|window))\b(?![’'])",
        r"\b(?:availability|uptime|available|accessible|operational)\b[^.;%]{0,80}?\b(?:of|at least|minimum of|no less "
        r"than|not less than)\s+" + _PCT,
        # a label and its share: "Uptime: 99.95% per calendar month"
        r"^\s*(?:[\w-]+\s+){0,3}?(?:availability|uptime)\s*:\s*" + _PCT,
        r"\b(?:SLA|service level)\s+(?:is|shall be)\s+(?:a\s+)?(?:minimum of|at least)\s+" + _PCT,
        # "at a performance level of no less than 90% of ...", "a service level of at least 98%"
        r"\b(?:performance|service)\s+levels?\s+of\s+(?:no\s+less\s+than|not\s+less\s+than|at\s+least|a\s+minimum\s+of)\s+"
        + _PCT,
        r"\b(?:shall|will|must)\s+(?:have|achieve|maintain|meet)\s+(?:an?\s+)?(?:\w+\s+){0,3}?" + _PCT,
        _PCT + r"\s+of\s+[^.;%]{3,80}?\b(?:serviceable|meet the standard|are met|report|achieved)",
        r"\bachieved\s+in\s+" + _PCT + r"\s+of",
        r"^\s*" + _PCT + r"\s+(?:user\s+)?(?:satisfaction|compatibility|availability)",
    ):
        m = re.search(pattern, text, re.I)
        if m and 0 < float(m.group("pct")) <= 100:
            return Level(float(m.group("pct")), "percent", "higher")
    return None


# what a share of money is a share of: a price, a credit or a cap, never a service level
_MONEY = (
    r"(?:charges?|fees?|costs?|prices?|amounts?|invoices?|invoiced|payments?|revenues?|budget|savings|credits?|"
    r"compensation|dollars|shares|equity|profits?|royalt\w*|proceeds|sums?|value|rent|salar\w*|taxes|premiums?)"
)
# the outcome a standard states of its share: a participle (met, completed, identified), or a verb in the
# present (execute, pass) after its subject
_OUTCOME = (
    r"(?:\w+ed|met|done|made|kept|held|sent|given|taken|written|run|built|won|(?:are|is|were|be)\s+\w+|execute|pass)"
)


def _pct_of_class(text: str, aql: str) -> Level | None:
    """A standard that opens with its share: "90% of milestones met", "95% of the audits are passed", or the
    share and its measure alone: "95% positive rating", "5% improvement each quarter". A share of money
    (charges, fees, a credit) is a price, never a level."""
    m = re.match(
        r"\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?"
        + _PCT
        + r"\s+(?:of\s+(?!(?:the\s+|all\s+|its\s+|any\s+)?(?:\w+\s+){0,3}?"
        + _MONEY
        + r"\b)(?:[\w'\"-]+\s+){1,8}?"
        + _OUTCOME
        + r"\b|(?:positive|favou?rable|satisfaction|completion|compliance|reduction|improvement|accuracy)\b)",
        text,
        re.I,
    )
    if m and 0 < float(m.group("pct")) <= 100:
        return Level(float(m.group("pct")), "percent", "higher")
    return None


def _average_time(text: str, aql: str) -> Level | None:
    # "an average of 1.5 seconds or less", "an average speed of answer of 30 seconds or less"
    m = re.search(
        r"\baverage\s+(?:(?:[\w-]+\s+){1,4}?of\s+)?(?:of\s+)?(?:no\s+more\s+than\s+)?" + time_pattern("t") + _OR_LESS,
        text,
        re.I,
    ) or re.search(r"\baverage\s+(?:[\w-]+\s+){1,4}?of\s+no\s+more\s+than\s+" + time_pattern("t"), text, re.I)
    if m:
        return Level(float(m.group("t")), time_unit(m, "t"), "lower")
    return None


def _within_time(text: str, aql: str) -> Level | None:
    # the measure's own time ("a guaranteed response time of 3 hours") comes before any later "within" in the
    # sentence, which may belong to a goal or another step
    m = re.search(
        r"\b(?:respon|resol|restor|repair|turnaround|fix|recover|arriv)\w*\s+times?\s+(?:of|is|shall\s+be|will\s+be|"
        r"must\s+be)\s+(?:no\s+more\s+than\s+|not\s+more\s+than\s+|at\s+most\s+|within\s+)?" + time_pattern("t"),
        text,
        re.I,
    )
    if m and not _admin(text):
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    m = re.search(
        r"\b"
        + _MEASURE_VERB
        + r"\w*\b[^.;]{0,80}?\b(?:within|in under|in less than|less than|in no more than|under|<)\s*"
        + time_pattern("t"),
        text,
        re.I,
    ) or re.search(r"\b(?:within|less than|<)\s*" + time_pattern("t") + r"[^.;]{0,40}?\b" + _MEASURE_VERB, text, re.I)
    if not m and not _admin(text):
        # the state a thing must be in by then, whatever the verb: "reachable within", "re-imaged within"
        m = re.search(r"\b\w{3,}(?:ed|able|ible)\b[^.;]{0,40}?\bwithin\s+" + time_pattern("t"), text, re.I)
    if m and not re.search(r"\b(?:x|X)\s+(?:minutes|hours|days)", text):
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    m = re.search(_MODAL + r"not\s+(?:to\s+)?exceed\s+(?:more\s+than\s+)?" + time_pattern("t"), text, re.I)
    if m:  # "the mean response time shall not exceed 6 seconds": the most it may take
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    # any other bound on a time: "must stay under 250 ms", "shall be 4 hours or less", "shall be within 2 seconds"
    m = re.search(_MODAL + r"(?:" + _RATE_AT_MOST + r"|be\s+within)\s+" + time_pattern("t"), text, re.I) or re.search(
        _MODAL + r"be\s+" + time_pattern("t") + _OR_LESS, text, re.I
    )
    if m and not _admin(text):
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    # a bound on how long a thing takes: "latency shall be less than or equal to 3 seconds", "in no case shall a
    # page take more than 10 seconds"
    m = re.search(
        r"\b(?:shall|will|must)\s+(?:be|take)\s+(?:less\s+than\s+or\s+equal\s+to|(?:no|not)\s+(?:greater|more|longer)\s+"
        r"than|at\s+most)\s+" + time_pattern("t"),
        text,
        re.I,
    ) or re.search(
        r"\b(?:in\s+no\s+case|under\s+no\s+circumstances)\s+(?:shall|will|may)\b[^.;]{0,80}?\b(?:be|take)\s+(?:in\s+"
        r"excess\s+of|more\s+than|longer\s+than)\s+" + time_pattern("t"),
        text,
        re.I,
    )
    if m and not _admin(text):
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    return None


# what a cap counts: the things that go wrong in a service, as caps write them
_COUNTED = FAULTS
_AT_MOST = r"(?:(?:no|not)\s+more\s+than|not\s+to\s+exceed)"
# a number followed by a unit is a time or a share, never a count ("not to exceed 4 hours in any month")
_NOT_A_UNIT = r"(?!(?:" + spelling_pattern(unit_spellings("share", "time")) + r")\b)"


def _count_cap(text: str, aql: str) -> Level | None:
    m = re.search(r"\b" + _AT_MOST + r"\s+(?P<n>\d+)\s+(?:[\w-]+\s+){0,3}?" + _COUNTED, text, re.I)
    if m and not re.search(r"\bmay\b", text, re.I):
        return Level(float(m.group("n")), "count", "lower")
    # "fewer than 4 complaints": things counted are whole, so at most 3
    m = re.search(r"\b(?:fewer|less)\s+than\s+(?P<n>[1-9]\d*)\s+(?:[\w-]+\s+){0,3}?" + _COUNTED, text, re.I)
    if m and not re.search(r"\bmay\b", text, re.I):
        return Level(float(m.group("n")) - 1, "count", "lower")
    # the thing counted first: "complaints about the service not to exceed 2 per month"
    m = re.search(
        _COUNTED + r"\b[^.;]{0,80}?\b" + _AT_MOST + r"\s+(?:a\s+total\s+of\s+)?(?P<n>\d+)\s+(?:per|during|in|each)\s+"
        r"(?:a\s+|any\s+|each\s+|the\s+)?(?:calendar\s+)?(?:day|week|month|quarter|year|period)\b",
        text,
        re.I,
    )
    if m:
        return Level(float(m.group("n")), "count", "lower")
    # "no more than 5 <anything> per month / logged during a month": a cap on what a period brings, whatever it
    # counts; "may" makes it an allowance ("no more than 3 extensions may be requested in a year")
    m = re.search(
        r"\b"
        + _AT_MOST
        + r"\s+(?P<n>\d+)\s+"
        + _NOT_A_UNIT
        + r"(?:[\w-]+\s+){1,8}?(?:per|during|in|each|within)\s+(?:a\s+|any\s+|each\s+|the\s+)?"
        r"(?:calendar\s+)?(?:day|week|month|quarter|year|period)\b",
        text,
        re.I,
    )
    if m and not re.search(r"\bmay\b", text, re.I) and not _admin(text):
        return Level(float(m.group("n")), "count", "lower")
    # a threshold cell: "3 valid customer complaints per month" is the most a period may bring
    m = re.match(
        r"\s*(?P<n>\d+)\s+(?:\w+\s+){0,3}?"
        + FAULTS
        + r"\s+(?:per|a|each|in any)\s+(?:calendar\s+)?(?:day|week|month|quarter|year|period)\b",
        text,
        re.I,
    )
    if m:
        return Level(float(m.group("n")), "count", "lower")
    if re.search(
        # and reports: "no late reports"
        r"^\s*(?:\d\)\s*)?(?:no|zero|0)\s+(?:\w+[\s-]+){0,3}?(?:" + NONE_OF_FAULTS + r"|reports)\b",
        text,
        re.I,
    ):
        return Level(0.0, "count", "lower")
    return None


# a rate, a ratio or a score whose bound is written after "shall be": "the first-call resolution rate shall be no
# less than 75%", "packet loss shall not exceed 0.5%", "satisfaction scores shall average 4.0 or higher on a
# 5-point scale"; never a price, a fee or an interest rate
_RATE = r"\b(?:rates?|ratios?|percentages?|availability|uptime|accuracy|loss|errors?|defects?|abandon\w*|failures?)\b"
# How English bounds a level once its modal is said: the least it may be, or the most; with the number after
# the bound ("shall not fall below 99%", "must stay under 4 hours") or before it ("shall be 5% or less").
_MODAL = r"\b(?:shall|will|must|may(?=\s+not\b)|(?:is|are)\s+(?:required\s+)?to|(?:is|are)(?=\s+not\s+to\b))\s+"
_HOLD = r"(?:be\s+|remain\s+|stay\s+|be\s+kept\s+|be\s+maintained\s+)?"
_RATE_AT_LEAST = (
    r"(?:" + _HOLD + r"(?:(?:no|not)\s+(?:less|lower)\s+than|at\s+least|a\s+minimum\s+of|at\s+or\s+above|above"
    r"|(?:greater|higher)\s+than\s+or\s+equal\s+to|equal\s+to\s+or\s+(?:greater|higher)\s+than)"
    r"|not\s+be\s+(?:less|lower)\s+than|not\s+(?:fall|drop|go)\s+below|(?:meet|equal|match)\s+or\s+exceed|exceed"
    r"|(?:reach|achieve|attain|meet|maintain)\s+(?:at\s+least|a\s+minimum\s+of))"
)
_RATE_AT_MOST = (
    r"(?:not\s+(?:to\s+)?exceed|not\s+be\s+(?:more|greater|higher|longer)\s+than|not\s+be\s+in\s+excess\s+of"
    r"|" + _HOLD + r"(?:(?:no|not)\s+(?:more|greater|higher|longer)\s+than|(?:less|lower|shorter)\s+than"
    r"(?:\s+or\s+equal\s+to)?|(?:at\s+or\s+)?(?:below|under)|at\s+most))"
)
_OR_LESS = r"\s+or\s+(?:less|lower|fewer|shorter|below|under)\b"
_OR_MORE = r"\s+or\s+(?:more|higher|greater|better|above)\b"
_PRICED = re.compile(
    r"\b" + _MONEY + r"\b|\b(?:increase|discount|interest|mark-?up|margin|tax\w*|price\w*|pric\w+)", re.I
)


def _bounded_rate(text: str, aql: str) -> Level | None:
    if _PRICED.search(text):
        return None
    modal = r"[^.;%]{0,40}?" + _MODAL
    m = re.search(_RATE + modal + _RATE_AT_LEAST + r"\s+" + _PCT, text, re.I) or re.search(
        _RATE + modal + r"be\s+" + _PCT + _OR_MORE, text, re.I
    )
    if m and 0 < float(m.group("pct")) <= 100:
        return Level(float(m.group("pct")), "percent", "higher")
    m = re.search(_RATE + modal + r"be\s+" + _PCT + _OR_LESS, text, re.I)
    if m and 0 <= float(m.group("pct")) < 100:
        return Level(float(m.group("pct")), "percent", "lower")
    # (a share "above" or "over" something is a change, not a level: "rates shall not exceed 5% above last year's")
    m = re.search(
        _RATE + modal + _RATE_AT_MOST + r"\s+" + _PCT + r"(?!\s+(?:above|over|below|more|less)\b)", text, re.I
    )
    if m and 0 <= float(m.group("pct")) < 100:
        return Level(float(m.group("pct")), "percent", "lower")
    m = re.search(
        r"\b(?:scores?|ratings?|satisfaction)\b[^.;]{0,60}?"
        + _MODAL
        + r"(?:be\s+|average\s+|achieve\s+|reach\s+)?(?:"
        + _RATE_AT_LEAST
        + r"\s+)?"
        r"(?P<n>\d(?:\.\d+)?)(?:\s+or\s+(?:higher|more|better|above))?[^.;]{0,20}?\b(?:on\s+an?|out\s+of)\s+"
        r"(?P<scale>\d{1,2})(?:-point)?",
        text,
        re.I,
    )
    m = m or re.search(
        r"\b(?:scores?|ratings?|satisfaction)\s+(?:\w+\s+){0,2}?of\s+(?:"
        + _RATE_AT_LEAST
        + r"\s+)?(?P<n>\d(?:\.\d+)?)(?:\s+or\s+(?:higher|more|better|above))?[^.;]{0,20}?\b(?:on\s+an?|out\s+of)\s+"
        r"(?P<scale>\d{1,2})(?:-point)?",
        text,
        re.I,
    )
    if m and float(m.group("n")) <= float(m.group("scale")):
        return Level(float(m.group("n")), "score", "higher")
    return None


# a share of the cases a thing is done in: "accurate in 98% of cases", "complete successfully on 99% of scheduled
# nights"
_CASES = (
    r"(?:cases|instances|occasions|nights|days|weeks|months|transactions|requests|calls|incidents|tickets|orders|"
    r"items|attempts|runs|deliveries|shipments|jobs|backups|tests)"
)


def _share_of_cases(text: str, aql: str) -> Level | None:
    m = re.search(
        r"\b(?:in|on|for)\s+(?:at\s+least\s+)?" + _PCT + r"\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?" + _CASES,
        text,
        re.I,
    )
    if m and 0 < float(m.group("pct")) <= 100 and not _PRICED.search(text):
        return Level(float(m.group("pct")), "percent", "higher")
    return None


def _priority_time(text: str, aql: str) -> Level | None:
    m = re.search(
        r"\b(?:severity|priority|sev|level)\s*(?:level\s*)?\d\b[^.;\d]{0,40}?(?:every\s+|within\s+|<\s*)?"
        + time_pattern("t"),
        text,
        re.I,
    )
    if m:
        return Level(float(m.group("t")), time_unit(m, "t"), "lower")
    return None


# a measure's name, a colon or a dash, and its level: "Average speed of answer: 30 seconds or less", "First
# contact resolution rate: at least 75%", "Mean time to restore - 4 hours"; the name must name a measure
_MEASURE_NOUN = re.compile(
    r"(?i)\b(?:time|rate|availability|uptime|latency|speed|answer\w*|respon\w*|resol\w*|restor\w*|satisfaction|"
    r"accuracy|abandon\w*|backlog|throughput|turnaround|delivery|recovery)\b"
)


# a measure's name before a colon or a dash: "Mean time to restore - 4 hours"
_LABEL = r"\s*(?P<name>[A-Za-z][\w ,/'()-]{2,80}?)\s*(?::|\s[-–—]\s)"


def _labelled_level(text: str, aql: str) -> Level | None:
    m = re.match(
        _LABEL
        + r"\s*(?:(?P<least>"
        + _RATE_AT_LEAST
        + r")\s+|(?P<most>"
        + _RATE_AT_MOST
        + r")\s+)?(?:"
        + _PCT
        + r"|"
        + time_pattern("t")
        + r")(?:(?P<or_less>"
        + _OR_LESS
        + r")|(?P<or_more>"
        + _OR_MORE
        + r"))?\s*(?:per\s+(?:calendar\s+)?(?:month|quarter|week)|each\s+(?:calendar\s+)?month)?\s*[.;]?\s*$",
        text,
        re.I,
    )
    if not m or not _MEASURE_NOUN.search(m.group("name")) or _PRICED.search(text):
        return None
    if m.group("pct") is not None:
        value, unit = float(m.group("pct")), "percent"
        if not 0 < value <= 100:
            return None
    else:
        value, unit = float(m.group("t")), clock_unit(text, m)
    if m.group("least") or m.group("or_more"):
        direction = "higher"
    elif m.group("most") or m.group("or_less"):
        direction = "lower"
    else:
        direction = default_direction(m.group("name"), unit)
    return Level(value, unit, direction)


RULES: tuple[LevelRule, ...] = (
    LevelRule(
        "percent of cases within a time",
        _pct_within,
        positive=(
            ("80% of payroll queries answered within 8 working hours", "", (80, "percent", 8)),
            ("Accurate reports are delivered within 2 business days 90% of the time.", "", (90, "percent", 2)),
            ("Response: less than 2 working hours 98% of requests solved in the time period", "", (98, "percent", 2)),
            (
                "page rendering shall take no longer than 4 seconds in at least 95% of all requests",
                "",
                (95, "percent", 4),
            ),
        ),
        negative=(("All calls are answered within 20 seconds", ""), ("payment within 30 days", "")),
    ),
    LevelRule(
        "standard with an acceptable quality level",
        _aql_standard,
        positive=(
            ("All calls are answered within 20 seconds of call initiation.", "1% deviation.", (99, "percent", 20)),
            ("All entries are complete and accurate.", "No deviation.", (100, "percent", None)),
            ("Invoices processed within 1 day of receipt", "2%", (98, "percent", 1)),
            ("Work orders closed within 5 working days", "95%", (95, "percent", 5)),
            ("Mail is delivered within 4 hours of receipt", "97 percent", (97, "percent", 4)),
            ("The log is kept current", "90% compliance", (90, "percent", None)),
            # a comparison on the standard's own variable
            ("Design quality: score X on a scale of 1 to 4", "X ≥ 3", (3, "score", None)),
            ("Share of test cases passed", "≥ 95%", (95, "percent", None)),
        ),
        negative=(("Reports are delivered within x days", "(INSERT AQL)"), ("Reports are accurate", "")),
    ),
    LevelRule(
        "percent level",
        _pct_level,
        positive=(
            ("each of the Core Systems shall have 99% Availability.", "", (99, "percent", None)),
            ("the SLA is a minimum of 99.7% measured monthly", "", (99.7, "percent", None)),
            ("Loading docks are open for use 99% of the time.", "", (99, "percent", None)),
            ("The order portal is reachable 99.8% of every calendar month.", "", (99.8, "percent", None)),
            ("97% compliance required", "", (97, "percent", None)),
            (
                "deliveries are made at a performance level of not less than 92% of the booked slots",
                "",
                (92, "percent", None),
            ),
        ),
        # an at-risk share and a credit cap are money, never a level
        negative=(
            ("a discount of 10% of the fees", ""),
            ("Licensee shall pay 50% of the costs", ""),
            ("The At-Risk Amount for any month is 15% of the monthly Charges.", ""),
            ("Service credits in a month shall not exceed 10% of the monthly charge.", ""),
            ("A rebate of 4% of each month's invoiced amount applies.", ""),
        ),
    ),
    LevelRule(
        "percent of a class meeting a standard",
        _pct_of_class,
        positive=(
            ("90% of scheduled inspections completed.", "", (90, "percent", None)),
            ("97% of the inspections are passed on the first attempt", "", (97, "percent", None)),
            ("b) 85% of planned training sessions delivered", "", (85, "percent", None)),
            ("92% positive rating on the annual survey.", "", (92, "percent", None)),
            ("100% of planned regression tests execute successfully.", "", (100, "percent", None)),
        ),
        negative=(
            ("5% of the monthly charge for each missed level", ""),
            ("12% of the Charges invoiced for the month are at risk", ""),
            ("10% of the fees paid in the prior year", ""),
            ("The credit is 8% of the total amount invoiced", ""),
            ("25% of the outstanding shares held by the Company", ""),
            ("50% of the credit is earned back after three good months", ""),
        ),
    ),
    LevelRule(
        "rate or score with a bound",
        _bounded_rate,
        positive=(
            ("The first-call resolution rate shall be no less than 75%.", "", (75, "percent", None)),
            ("Packet loss shall not exceed 0.5% averaged over a month.", "", (0.5, "percent", None)),
            ("The call abandonment rate must be less than 4% in any week.", "", (4, "percent", None)),
            ("User satisfaction scores shall average 4.0 or higher on a 5-point scale.", "", (4.0, "score", None)),
        ),
        negative=(
            ("The hourly rates shall not exceed 5% above the prior year's rates.", ""),
            ("The interest rate on late amounts shall not exceed 1.5% per month.", ""),
            ("The error rate was reported at 3% in the last audit.", ""),
            ("The panel's scores shall be kept for 5 years.", ""),
        ),
    ),
    LevelRule(
        "a measure labelled with its level",
        _labelled_level,
        positive=(
            ("Average speed of answer: 30 seconds or less.", "", (30, "seconds", None)),
            ("First contact resolution rate: at least 75%", "", (75, "percent", None)),
            ("Mean time to restore - 4 hours", "", (4, "hours", None)),
            ("Order accuracy: 99.5% per month", "", (99.5, "percent", None)),
        ),
        negative=(
            ("Initial term: 3 years", ""),
            ("Late payment rate: 1.5% per month", ""),
            ("Notice period: 30 days", ""),
            ("Discount on the list price: 12%", ""),
        ),
    ),
    LevelRule(
        "share of cases",
        _share_of_cases,
        positive=(
            ("Orders shall be entered accurately in 98% of cases.", "", (98, "percent", None)),
            ("Backups shall complete successfully on 99% of scheduled nights.", "", (99, "percent", None)),
        ),
        negative=(
            ("A fee of 2% applies in 10% of cases where the invoice is late.", ""),
            ("The Supplier bears the cost in 50% of cases.", ""),
        ),
    ),
    LevelRule(
        "average time or less",
        _average_time,
        positive=(
            ("process teller transactions in an average of 1.5 seconds or less", "", (1.5, "seconds", None)),
            ("keep an average speed of answer of 30 seconds or less", "", (30, "seconds", None)),
            ("an average restore time of no more than 4 hours", "", (4, "hours", None)),
        ),
        negative=(("an average of 20 calls per day", ""), ("an average of 3 hours of training each week", "")),
    ),
    LevelRule(
        "within a time",
        _within_time,
        positive=(
            ("On-call engineer reachable within 15 minutes.", "", (15, "minutes", None)),
            ("Signed permits posted to the portal within 48 hours of approval.", "", (48, "hours", None)),
            ("Response: less than 2 South African working hours", "", (2, "business hours", None)),
            (
                "respond within three (3) hours (subject to the supplier's normal business hours)",
                "",
                (3, "business hours", None),
            ),
            ("The average page load time shall not exceed 4 seconds in any hour", "", (4, "seconds", None)),
            (
                "Support with a guaranteed response time of 4 hours and a goal of a fix within 1 day",
                "",
                (4, "hours", None),
            ),
            ("The resolution time shall be no more than 8 hours for each fault", "", (8, "hours", None)),
            ("Query latency shall be less than or equal to 2 seconds at the gateway", "", (2, "seconds", None)),
            ("in no case shall a search request be in excess of 8 seconds", "", (8, "seconds", None)),
            # the notice that starts the clock is no notice period
            (
                "Engineers shall attend a reported outage within 6 hours of receiving notice of it.",
                "",
                (6, "hours", None),
            ),
        ),
        negative=(
            ("The parties shall meet within 30 days", ""),
            ("Either side may end the arrangement upon 60 days' notice of termination.", ""),
            ("Telephonic support within x minutes", ""),
            ("Invoices are payable within 45 days of receipt.", ""),  # a payment term
            ("Any dispute not settled within 30 days is referred to arbitration.", ""),
            ("The response time of 5 business days for audit findings is set by the quality agreement", ""),
            ("The cure period shall be no more than 30 days after notice", ""),
            ("Deliveries shall be in excess of 2 days late only with consent", ""),
        ),
    ),
    LevelRule(
        "count cap",
        _count_cap,
        positive=(
            ("No more than 5 upheld grievances about the canteen are logged during a month.", "", (5, "count", None)),
            ("No security violations.", "", (0, "count", None)),
            ("4 substantiated user complaints per quarter", "", (4, "count", None)),
            ("Zero breaches of data handling rules", "", (0, "count", None)),
            ("No more than 1 missed shift absences per month", "", (1, "count", None)),
            ("0 missed pickups errors per week", "", (0, "count", None)),
            ("Not more than 2 substantiated complaints about the help line per month", "", (2, "count", None)),
            ("Missed-collection complaints from tenants not to exceed 3 per month", "", (3, "count", None)),
            ("Not to exceed 4 noted deficiencies in the quarterly fire inspection", "", (4, "count", None)),
            ("Fewer than 3 lost-baggage complaints per month", "", (2, "count", None)),
        ),
        negative=(
            ("No amendment shall be effective unless in writing", ""),
            ("2 meetings per month", ""),
            ("In 3 incidents per month the vendor pays a credit", ""),
            ("No more than 3 extensions may be requested in a year", ""),
            ("The Supplier shall issue no more than 2 invoices per month", ""),
            ("Not more than 2 change requests may be raised per month", ""),
            ("The initial term shall not exceed 3 years", ""),
        ),
    ),
    LevelRule(
        "time per severity or priority",
        _priority_time,
        positive=(
            ("Severity 1 Every 2 Hours (24x7)", "", (2, "hours", None)),
            ("Priority 3 4 hour", "", (4, "hours", None)),
        ),
        negative=(("Severity Level definitions are set out below", ""),),
    ),
)


def read_level(text: str, aql: str = "", rules: tuple[LevelRule, ...] = RULES) -> Level | None:
    """The first rule that reads a commitment in the text (normalised here), with the rule's name."""
    text, aql = normalise(text), normalise(aql)
    for rule in rules:
        level = rule.read(text, aql)
        if level is not None:
            return Level(**{**level.__dict__, "rule": rule.name})
    return None


# ---- where commitments are: pages about service levels, their tables and their sentences ----

# spaces as \s+: a text layer breaks a heading's words over lines ("Acceptable / Quality / Levels")
SLA_CUE = re.compile(
    r"(?i)service[- ]levels?\b|\bSLAs?\b|performance\s+standards?|acceptable\s+quality\s+level|\bAQLs?\b|"
    r"performance\s+requirements\s+summary|performance\s+measures?|performance\s+thresholds?|"
    r"service\s+delivery\s+summary|response\s+times?|resolution\s+times?|\bseverity\b|\bavailability\b|"
    r"performance\s+levels?|on[\s-]time\s+performance|"
    r"\buptime\b|\bdowntime\b"
)


# the same, on lower-cased text: a case-sensitive search runs about twice as fast as an (?i) one
_SLA_CUE_LOWER = re.compile(SLA_CUE.pattern.removeprefix("(?i)").lower())


@lru_cache(maxsize=4096)
def speaks_of_service_levels(text: str) -> bool:
    """Whether a page's text names service levels (SLA_CUE); asked of each page by several readers, answered once."""
    return bool(_SLA_CUE_LOWER.search(text.lower()))


_SENTENCE_CUE = re.compile(
    r"(?i)availab|uptime|respon|resol|answer|restor|service level|\bSLA\b|severity|priority|complaints|"
    r"performance standard|serviceable|meet the standard|of the time|deployed|transactions|latency|throughput|"
    r"performance level|downtime|outage|accura|\bloss\b|\brate\b|\bscores?\b|satisf|backups?|accessib|"
    r"\d%\s+of\s[^.;]{0,100}\bwithin\b|\bwithin\s+\d[^.;]{0,100}\d\s*(?:%|percent|per\s+cent)\s+of\b"
)
# a sentence that opens with a share states a standard, whatever its measure is called
_OPENS_WITH_SHARE = re.compile(r"\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?\d{1,3}(?:\.\d+)?\s*(?:%|percent\b)", re.I)
_PLACEHOLDER = re.compile(r"\b[xX]%|\b[xX]\s+(?:minutes|hours|days|per)\b|INSERT AQL|_{3,}|\bas agreed\b", re.I)


@dataclass(frozen=True)
class FoundLevel:
    name: str
    level: Level
    page: int
    source: str
    severity: str | None = None
    window: str | None = None
    in_table: bool = False  # read from a table row (else from a sentence)


def _split_items(cell: str) -> list[str]:
    """Sentences of a cell; several standards stacked in one cell come out one each."""
    parts = re.split(r"(?<=[.;])\s+(?=[A-Z0-9●•Ø·-])|\s+(?=[●•Ø·]\s)", " ".join(cell.split()))
    return [p.strip(" ●•Ø·") for p in parts if p.strip(" ●•Ø·")]


# "1% deviation", "No deviation", "2%", and "10% of the voice mail messages may be answered within 60 minutes"
_AQL_ITEM = re.compile(
    r"(?i)\d{1,2}(?:\.\d+)?%\s*deviation|\bno deviation|^\s*\d{1,3}(?:\.\d+)?%\s*$"
    r"|^\s*\d{1,2}(?:\.\d+)?%\s+of\s+[\w\s-]{0,50}?\b(?:may|are|can)\b"
)


def _header_roles(header: list[str]) -> dict[str, list[int]]:
    roles: dict[str, list[int]] = {"aql": [], "standard": [], "name": [], "window": [], "credit": []}
    for i, cell in enumerate(header):
        low = " ".join(cell.lower().split())
        if re.search(r"deduction|incentive|credit|remed|penalt|monitoring|surveillance", low):
            roles["credit"].append(i)  # what follows a miss, or how it is checked: not the level
        elif re.search(r"\baql\b|acceptable quality|acceptable level|allowable|compliance level", low) and (
            "standard" not in low
        ):
            roles["aql"].append(i)
        elif re.search(r"standard|response|resolution|target|level|liability|aql|objective and|threshold", low):
            roles["standard"].append(i)
        elif re.search(r"requirement|service|objective|outcome|metric|measure|task|severity|priority|item", low):
            roles["name"].append(i)
        elif re.search(r"\blot\b|period|window|frequency", low):
            roles["window"].append(i)
    # beside a column of standards, a "performance threshold" column is what a work statement calls the AQL: the
    # share of cases (or the count) the standard must hold to
    thresholds = [i for i in roles["standard"] if "threshold" in " ".join(header[i].lower().split())]
    if thresholds and len(roles["standard"]) > len(thresholds) and not roles["aql"]:
        roles["aql"] = thresholds
        roles["standard"] = [i for i in roles["standard"] if i not in thresholds]
    return roles


def _window(text: str) -> str | None:
    low = text.lower()
    for word, window in (
        ("per month", "monthly"),
        ("monthly", "monthly"),
        ("per week", "weekly"),
        ("per day", "daily"),
        ("per year", "yearly"),
        ("quarter", "quarterly"),
        ("30 day", "running 30 days"),
    ):
        if word in low:
            return window
    if len(low) < 30:  # a window column's own word ("Weekly", "Daily"), not a weekly report a standard names
        for word, window in (("weekly", "weekly"), ("daily", "daily"), ("annual", "yearly")):
            if word in low:
                return window
    return None


def _by_grade(text: str) -> dict[str, str]:
    """'Priority 1 on time Priority 2 1 hour Priority 3 8 hours' -> {'1': 'on time', '2': '1 hour', ...}; a
    cell holding one severity matrix, as performance tables write them."""
    marks = list(GRADE.finditer(text))
    if len(marks) < 2:
        return {}
    return {
        m.group("n"): text[m.end() : (marks[k + 1].start() if k + 1 < len(marks) else len(text))].strip(" :;,.")
        for k, m in enumerate(marks)
    }


def _grade_levels(item: str, aql: str) -> list[tuple[str, Level]]:
    """One level per severity where the standard and its AQL are both matrices: 'Priority 2 1 hour' with
    'Priority 2 95%' is 95% within 1 hour."""
    times, shares = _by_grade(normalise(item)), _by_grade(normalise(aql))
    out = []
    for grade, spec in times.items():
        t = re.search(r"^" + time_pattern("t"), spec, re.I)
        if not t:
            continue  # "on time" is not a number
        pct = re.search(r"(\d{1,3}(?:\.\d+)?)%", shares.get(grade, ""))
        if pct:
            level = Level(float(pct.group(1)), "percent", "higher", float(t.group("t")), time_unit(t, "t"))
        else:
            level = Level(float(t.group("t")), time_unit(t, "t"), "lower")
        out.append((grade, Level(**{**level.__dict__, "rule": "severity matrix"})))
    return out


def _row_levels(cells: list[str], roles: dict[str, list[int]]) -> list[tuple[str, Level, str, str | None]]:
    """(name, level, source, severity) for each commitment of one table row."""
    name_cells = [cells[i] for i in roles["name"] if i < len(cells) and cells[i]]
    context = " ".join(name_cells)
    skip = set(roles["aql"]) | set(roles["credit"]) | set(roles["window"])
    standards = roles["standard"] or [i for i in range(len(cells)) if i not in skip and i not in roles["name"]]
    out = []
    for s_index in standards:
        if s_index >= len(cells) or not cells[s_index] or _PLACEHOLDER.search(cells[s_index]):
            continue
        aql_index = next((a for a in roles["aql"] if a > s_index), None)
        aql_cell = cells[aql_index] if aql_index is not None and aql_index < len(cells) else ""
        grades = _grade_levels(cells[s_index], aql_cell)
        if grades:
            out += [
                (f"{context} priority {g}".strip(), lvl, f"{cells[s_index]} {aql_cell}", f"priority {g}")
                for g, lvl in grades
            ]
            continue
        items = _split_items(cells[s_index])
        aql_items = [a for a in _split_items(aql_cell) if _AQL_ITEM.search(a)] if aql_cell else []
        if aql_cell and len(items) == 1:
            aql_items = [aql_cell]
        shares = re.findall(r"\d{1,3}(?:\.\d+)?\s*%", aql_cell) if _SHARES.fullmatch(aql_cell or "") else []
        if len({"".join(s.split()) for s in shares}) == 1:
            # the same share printed on each line of a long standard (or of one column's every standard) is one
            aql_items = shares[:1] or aql_items
        elif len(shares) > 1:  # "100% 90% 95%": one share a standard, or none where the standards do not split so
            if len(shares) != len(items):
                continue
            aql_items = shares
        items = _standards_of_one_aql(cells[s_index], items, aql_cell, aql_items)
        found_here = 0
        for k, item in enumerate(items):
            if _PLACEHOLDER.search(item):
                continue
            # stacked standards pair with stacked AQLs in order; counts that differ pair only measurable items
            aql = aql_items[k] if len(aql_items) == len(items) else (aql_items[0] if len(aql_items) == 1 else "")
            level = _item_level(item, aql, context if len(items) == 1 else "", bool(roles["standard"] and not aql_cell))
            if level is None:
                continue
            found_here += 1
            name = f"{context}: {item}" if context and context not in item else item
            out.append((name, level, " ".join([*name_cells, item, aql]).strip(), None))
        if not found_here and aql_cell and not _PLACEHOLDER.search(aql_cell):
            # a two-column "objective and standard | AQL" table: the AQL cell states the level itself, often of
            # what the standard names ("Valid complaints" | "No more than 3 per month"; "Lost-time accidents" |
            # "Zero")
            level = next(
                (
                    lvl
                    for text in (f"{aql_cell} {cells[s_index]}", f"{cells[s_index]} {aql_cell}", aql_cell)
                    if (lvl := read_level(text, "", _PROSE_RULES)) is not None
                ),
                None,
            )
            if level is not None:
                name = f"{context}: {cells[s_index]}" if context else cells[s_index]
                out.append((name, level, f"{cells[s_index]} {aql_cell}", None))
    return out


_SHARES = re.compile(r"(?:\s*\d{1,3}(?:\.\d+)?\s*%)+\s*")
# what an AQL cell may say after its share: "95% compliance" is the share of cases that must comply
# (and before it a floor: "at least 95%", "minimum 95%"; after it what it is a share of: "95% of the time", "95% of
# tickets", "95% or better"), one grammar for the AQL column's cells and the AQL they state
_AQL_LEAD = r"(?:at\s+least|minimum(?:\s+of)?|min\.|no[t]?\s+less\s+than|≥|>=|=>)\s*"
_AQL_TAIL = (
    r"\s*(?:compliance|compliant|conformance|accura\w*|or\s+(?:better|more|higher|above|greater)|of\s+(?:the\s+)?time"
    r"|of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:cases|tickets|requests|calls|items|orders|transactions|"
    r"instances|occurrences|inspections|samples|reports))\b"
)
_AQL_WORDS = re.compile(r"(?i)" + _AQL_LEAD + r"(?=\d)|(?<=%)" + _AQL_TAIL)
# a standard every case must meet, in a standards column with no AQL beside it: "All relocations are completed in
# compliance with the order", "No equipment is damaged during the move" (100% by the convention of performance
# requirements summaries, ../shared/sla/ANNOTATION_NOTES.md); one with a time is read as the time
_EVERY_CASE = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s+)?(?:all|every|each|no)\s+(?:[\w/'’-]+\s+){1,6}?(?:is|are|shall\s+be|will\s+be|must\s+be)?\s*"
    r"(?:\w+ed|\w+en|met|kept|done|made|held|sent|provided|complete|comply|complies|conforms?|performs?|adheres?|"
    r"meets?|follows?|provides?)\b",
    re.I,
)


def _standards_of_one_aql(cell: str, items: list[str], aql_cell: str, aql_items: list[str]) -> list[str]:
    """The standards of a cell beside a single AQL (or one share printed again on its lines). A sentence that
    states its own share, or that every case must meet ("All entries are complete"), is a standard of its own;
    the other sentences (steps, deadlines, descriptions) are together one standard the AQL measures, however many
    there are. Standards stacked as bullets are each their own."""
    if len(items) < 2 or not aql_cell or len(set(aql_items)) != 1 or re.search(r"[●•Ø·]", cell):
        return items
    alone = [bool(re.search(r"\d\s*%", item)) or _every_case(item) is not None for item in items]
    rest = " ".join(item for item, own in zip(items, alone) if not own)
    out = []
    for item, own in zip(items, alone):
        if own:
            out.append(item)
        elif rest:
            out.append(rest)
            rest = ""
    return out


EVERY_CASE_RULE = "every case meets the standard"


def _item_level(item: str, aql: str, context: str, standards_alone: bool) -> Level | None:
    """One standard's level: from the item and its AQL, else with the row's name before it (a lone item), else,
    in a standards column with no AQL at all, a standard every case must meet."""
    level = read_level(item, aql)
    if level is None and context:
        level = read_level(context + " " + item)
    if level is None and standards_alone:
        level = _every_case(item)
    return level


def _every_case(item: str) -> Level | None:
    text = normalise(item)
    if (
        not _EVERY_CASE.search(text)
        or re.search(time_pattern("t"), text, re.I)
        or re.search(r"\d+(?:\.\d+)?\s*%", text)
    ):
        return None
    if _PLACEHOLDER.search(text) or _admin(text):
        return None
    return Level(100.0, "percent", "higher", allowed_deviation_pct=0.0, rule=EVERY_CASE_RULE)


def _quality_level_cell(cell: str) -> bool:
    """A cell that holds only a quality level: shares ("95%", "100% 90%", "95% compliance") or a comparison
    ("X ≥ 3", "≤ 3%")."""
    text = normalise(cell)
    return bool(_SHARES.fullmatch(_AQL_WORDS.sub("", text)) or _COMPARISON.match(text))


def _shares_by_content(roles: dict[str, list[int]], body: list[list[str]]) -> None:
    """A column whose every filled cell holds only a quality level ("95%", "100% 90%", "X ≥ 3") is the AQL column,
    whatever its header says (a header split over rows, or none)."""
    width = max((len(row) for row in body), default=0)
    for i in range(width):
        cells = [row[i] for row in body if i < len(row) and row[i].strip()]
        if len(cells) >= 2 and all(_quality_level_cell(c) for c in cells) and i not in roles["aql"]:
            _give_role(roles, i, "aql")
    roles["aql"].sort()


def _roles_to_filled_columns(roles: dict[str, list[int]], body: list[list[str]]) -> None:
    """A header cell over merged columns often lands one or two columns off the cells it heads: a role on a
    column no body row fills moves to the nearest filled column that has no role."""
    width = max((len(row) for row in body), default=0)
    filled = {i for i in range(width) if any(i < len(row) and row[i].strip() for row in body)}
    for indexes in roles.values():
        for k, i in enumerate(indexes):
            if i in filled:
                continue
            taken = {j for v in roles.values() for j in v}
            near = sorted((abs(j - i), j) for j in filled - taken if abs(j - i) <= 2)
            if near:
                indexes[k] = near[0][1]


def _give_role(roles: dict[str, list[int]], column: int, role: str) -> None:
    """The column's role is `role` alone: what its cells hold outranks what its header said."""
    for indexes in roles.values():
        if column in indexes:
            indexes.remove(column)
    roles[role].append(column)


_UNIT_IN_HEADER = re.compile(
    r"(?i)\((?:in\s+)?(?P<unit>(?:business |working |calendar )?(?:"
    + spelling_pattern(unit_spellings("time", one_word=True))
    + r")|%|percent)\)"
)
_BARE_NUMBER = re.compile(r"\s*\d+(?:\.\d+)?\s*")


def _matrix_levels(table: list[list[str]], page: int) -> list[FoundLevel]:
    """A matrix whose columns name a measure and its unit in the header ("Initial Response (in Hours)") and
    whose cells are bare numbers: one level per cell, named by its row's label and its column ("S1 - Technical
    Support Initial Response"). A cell of words ("Next Business Day") is not a number and gives none."""
    header = [" ".join(c.split()) for c in table[0]]
    units = {}
    for j, cell in enumerate(header[1:], start=1):
        m = _UNIT_IN_HEADER.search(cell)
        if m:
            units[j] = "%" if m.group("unit").lower() in ("%", "percent") else m.group("unit")
    rows = [[" ".join(c.split()) for c in row] for row in table[1:]]
    numeric = [(k, j) for k, row in enumerate(rows) for j in units if j < len(row) and _BARE_NUMBER.fullmatch(row[j])]
    if not units or len({k for k, _ in numeric}) < 2:
        return []
    found = []
    for k, j in numeric:
        label, measure = rows[k][0], _UNIT_IN_HEADER.sub("", header[j]).strip(" -:")
        # the cell's number in the header's unit, read by the grammar every level cell goes through
        read = _cell_level(f"{rows[k][j]}%" if units[j] == "%" else f"{rows[k][j]} {units[j]}")
        if read is None:
            continue
        value, unit = read
        name = f"{label} - {measure}" if label else measure
        level = Level(value, unit, default_direction(name, unit), rule="matrix with its unit in the header")
        source = f"{header[0]} {label} | {header[j]} | {rows[k][j]}"
        found.append(FoundLevel(name[:300], level, page, source, severity=label or None, in_table=True))
    return found


def _cell_level(cell: str) -> tuple[float, str] | None:
    """The one level a cell holds: a share or a duration, with nothing else numeric beside it (an item letter
    before it may stay: "b. 80 percent of goal")."""
    text = normalise(cell)
    shares = re.findall(r"(\d{1,3}(?:\.\d+)?)%", text)
    times = list(re.finditer(time_pattern("t"), text, re.I))
    if len(shares) == 1 and not times:
        return float(shares[0]), "percent"
    if len(times) == 1 and not shares:
        return float(times[0].group("t")), time_unit(times[0], "t")
    return None


_LOWER_SIDE = re.compile(r"(?i)\bmin(?:imum|\.)?\b|\bfloor\b|\bthreshold\b")


def _is_weighting(cells: list[tuple[float, str]], header: str) -> bool:
    """A column of shares that add up to a whole (or is headed as a weighting) weighs the levels; it is none."""
    shares = [v for v, unit in cells if unit == "percent"]
    return len(shares) == len(cells) and (bool(_WEIGHT_HEADER.search(header)) or abs(sum(shares) - 100) <= 1)


def _paired_levels(table: list[list[str]], page: int) -> list[FoundLevel]:
    """Two columns of levels side by side, one consistently the better of the two in every row that fills
    both (expected and minimum, target and floor): each row one level with its minimum, named by the row's
    longest text cell. Higher shares and shorter times are better; a header word (minimum, floor) settles
    which column is the floor only where the values do not."""
    width = max(len(row) for row in table)
    rows = [[" ".join(c.split()) for c in row] + [""] * (width - len(row)) for row in table]
    levels = {i: [_cell_level(row[i]) for row in rows] for i in range(width)}
    columns = [
        i
        for i, cells in levels.items()
        if sum(c is not None for c in cells) >= 2 and not _is_weighting([c for c in cells if c], rows[0][i])
    ]
    if len(columns) != 2:
        return []
    a, b = columns
    pairs = [(k, levels[a][k], levels[b][k]) for k in range(len(rows)) if levels[a][k] and levels[b][k]]
    if len(pairs) < 2 or any(x[1] != y[1] for _, x, y in pairs):
        return []
    if any(x[1] == "percent" and min(x[0], y[0]) < 50 for _, x, y in pairs):
        return []  # small shares beside each other are allowed deviations (AQLs per lot), not a level and floor
    header = " ".join(row[a] for row in rows[:3]), " ".join(row[b] for row in rows[:3])
    if any(re.search(r"(?i)\bmax", h) for h in header):
        return []  # a maximum beside a level is the outer limit of the cases that miss it, not a floor
    better_b = {(y[0] > x[0]) if x[1] == "percent" else (y[0] < x[0]) for _, x, y in pairs if x[0] != y[0]}
    if len(better_b) != 1:  # the columns cross: a header word must say which is the floor
        if not (_LOWER_SIDE.search(header[0]) or _LOWER_SIDE.search(header[1])):
            return []
        better_b = {bool(_LOWER_SIDE.search(header[0]))}
    target_col, floor_col = (b, a) if better_b.pop() else (a, b)
    found = []
    for k, *_ in pairs:
        texts = [c for i, c in enumerate(rows[k]) if i not in (a, b) and c]
        if not texts:
            continue
        name = max(texts, key=len)
        (target, unit), (floor, _) = levels[target_col][k], levels[floor_col][k]
        direction = "higher" if unit == "percent" else "lower"
        level = Level(target, unit, direction, minimum=floor, rule="level and minimum columns")
        source = f"{name} {rows[k][floor_col]} {rows[k][target_col]}"
        found.append(FoundLevel(name[:300], level, page, source, in_table=True))
    return found


# a bound written before a level cell's value: "≥ 99.9%", "<= 2%", "at least 98%", "within 15 minutes"
_BOUND = re.compile(
    r"(?i)^\s*(?P<op>≥|>=|=>|>|≤|<=|=<|<|at\s+least|minimum(?:\s+of)?|min\.?|no\s+less\s+than|not\s+less\s+than"
    r"|no\s+more\s+than|not\s+more\s+than|maximum(?:\s+of)?|max\.?|less\s+than|under|within|up\s+to)?\s*"
)
_LOWER_BOUND = re.compile(r"(?i)^(?:≤|<=|=<|<|no\s+more|not\s+more|maximum|max|less|under|within|up\s+to)")
_LEVEL_HEADER = re.compile(r"(?i)target|commit|goal|service\s+level|\bsla\b|\bkpi\b|expected|minimum|required")
_AQL_HEADER = re.compile(r"(?i)\baql\b|acceptable|allowable|threshold|deviation")
_WORK_STATEMENT_HEADER = re.compile(r"(?i)standard|\baql\b|acceptable|threshold|surveillance|deviation")
_WEIGHT_HEADER = re.compile(r"(?i)weight|allocat|\bpool\b|at[- ]risk")
_MONEY_CELL = re.compile(r"(?i)\b" + _MONEY + r"\b|\$|€|£|\bcredit")


def _bounded_cell(cell: str) -> tuple[float, str, str | None] | None:
    """A cell holding one level and nothing else: '≥ 99.9%', '15 minutes', '< 4 hours' -> (value, unit,
    direction), the direction None where no sign gives it."""
    text = normalise(cell)
    m = _BOUND.match(text)
    read = _cell_level(text[m.end() :]) if m else None
    if read is None or _MONEY_CELL.search(text) or len(text) > 40:
        return None
    value, unit = read
    direction = ("lower" if _LOWER_BOUND.match(m.group("op")) else "higher") if m.group("op") else None
    return value, unit, direction


def _level_column(table: list[list[str]], page: int) -> list[FoundLevel]:
    """A table of one level per row in a column of its own (name | definition | target | credit): the column most
    of whose cells hold one level and nothing else, each row named by its first text cell. A column of bare shares
    beside a standard headed as its quality level (AQL, threshold) is a work statement's, read with its standard
    elsewhere; one holding a time, or headed as a target or commitment, is a level column."""
    width = max(len(row) for row in table)
    rows = [[" ".join(c.split()) for c in row] + [""] * (width - len(row)) for row in table]
    header, body = rows[0], rows[1:]
    if any(_WORK_STATEMENT_HEADER.search(h) for h in header):
        return []  # standards with their quality levels: read with the standard they belong to
    # a column of unit words ("%", "hours") gives the bare numbers beside it their unit
    units = next(
        (
            u
            for u in range(width)
            if len([r for r in body if r[u]]) >= 2 and all(_UNIT_WORD.fullmatch(r[u]) for r in body if r[u])
        ),
        None,
    )
    for j in range(width):
        if _WEIGHT_HEADER.search(header[j]) or j == units:
            continue
        read = [_bounded_cell(f"{r[j]} {r[units]}" if units is not None else r[j]) if r[j] else None for r in body]
        filled = [r[j] for r in body if r[j]]
        if sum(x is not None for x in read) < 2 or sum(x is not None for x in read) < 0.8 * len(filled):
            continue
        times = any(x and x[1] != "percent" for x in read)
        if not times and (_AQL_HEADER.search(header[j]) or not _LEVEL_HEADER.search(header[j])):
            continue
        found = []
        for row, level in zip(body, read):
            name = next(
                (c for i, c in enumerate(row) if i != j and re.search(r"[A-Za-z]{3}", c) and not _MONEY_CELL.search(c)),
                "",
            )
            if level is None or not name:
                continue
            value, unit, direction = level
            direction = direction or default_direction(name, unit)
            source = f"{name} | {header[j]} | {row[j]}"
            window = next((w for c in row if (w := _window(c)) and len(c) < 30), None)  # a window column's word
            found.append(
                FoundLevel(
                    name[:300],
                    Level(value, unit, direction, rule=LEVEL_COLUMN_RULE),
                    page,
                    source,
                    window=window,
                    in_table=True,
                )
            )
        return found
    return []


LEVEL_COLUMN_RULE = "a column of levels"


# a cell that only names a unit, by the spellings of the seed `units` ("%", "hrs", "working days")
_UNIT_WORD = re.compile(
    r"(?i)\s*(?:business\s+|working\s+)?(?:" + spelling_pattern(unit_spellings("share", "time")) + r")\s*"
)


def _standards_by_content(roles: dict[str, list[int]], body: list[list[str]]) -> None:
    """A column most of whose cells read as levels ("100% compliance required", "Zero violations") holds the
    standards, even under a header that names a measure; the columns beside it name what is measured. Beside a
    column of bare shares (the quality levels) and with no such column, the standard is what the nearest column
    left of the shares states, row by row: its text differs from row to row and it is not the leftmost name."""
    if roles["standard"]:
        return
    width = max((len(row) for row in body), default=0)
    for i in range(width):
        cells = [" ".join(row[i].split()) for row in body if i < len(row) and row[i].strip()]
        if i in roles["aql"] or len(cells) < 2:
            continue
        if sum(read_level(c) is not None for c in cells) >= 0.6 * len(cells):
            _give_role(roles, i, "standard")
            return
    if not roles["aql"]:
        return
    # (a table's first page may hold one row only: there every filled column counts)
    least = 1 if len(body) == 1 else 2
    left = [
        i
        for i in range(roles["aql"][0])
        if len({" ".join(row[i].split()) for row in body if i < len(row) and row[i].strip()}) >= least
    ]
    if len(left) >= 2:
        _give_role(roles, left[-1], "standard")


def _roles_by_content(table: list[list[str]]) -> dict[str, list[int]]:
    """Roles of a table without a header row: the column of bare shares is the quality level; the nearest column
    left of it whose text differs from row to row states the standard; columns further left, the service it
    belongs to; columns right of it, how it is checked and what a miss costs."""
    roles: dict[str, list[int]] = {"aql": [], "standard": [], "name": [], "window": [], "credit": []}
    _shares_by_content(roles, table)
    if not roles["aql"]:
        return roles
    aql = roles["aql"][0]
    texts = [[" ".join((row[i] if i < len(row) else "").split()) for row in table] for i in range(aql)]
    varying = [i for i, cells in enumerate(texts) if len({c for c in cells if c}) > 1 and any(cells)]
    if not varying:
        return roles
    standard = varying[-1]
    roles["standard"] = [standard]
    roles["name"] = [i for i in range(standard) if any(texts[i])]
    width = max(len(row) for row in table)
    roles["credit"] = list(range(aql + 1, width))
    return roles


def _table_levels(page: PdfPage) -> list[FoundLevel]:
    found: list[FoundLevel] = []
    for table in page.tables:
        if not table or len(table[0]) < 2:
            continue
        matrix = _matrix_levels(table, page.number)
        if matrix:
            found += matrix
            continue
        graded = matrix_times(table)
        if graded:
            found += [_graded(g, page.number, in_table=True) for g in graded]
            continue
        paired = _paired_levels(table, page.number)
        if paired:
            found += paired
            continue
        column = _level_column(table, page.number)
        if column:
            found += column
            continue
        roles = _header_roles(table[0])
        if not (roles["standard"] or roles["aql"]) and any(_quality_level_cell(c or "") for c in table[0]):
            # a table continued from the page before, without its header: every role from what cells hold
            roles, body = _roles_by_content(table), table
        else:
            body = table[1:] if roles["standard"] or roles["aql"] else table
        _roles_to_filled_columns(roles, body)
        _shares_by_content(roles, body)
        _standards_by_content(roles, body)
        for row in body:
            cells = [" ".join(c.split()) for c in row]
            if not any(cells):
                continue
            window = next((_window(cells[i]) for i in roles["window"] if i < len(cells) and _window(cells[i])), None)
            for name, level, source, severity in _row_levels(cells, roles):
                found.append(
                    FoundLevel(name[:300], level, page.number, source, severity=severity, window=window, in_table=True)
                )
    return found


def _prose_levels(page: PdfPage, rules: tuple[LevelRule, ...]) -> list[FoundLevel]:
    found = []
    text = join_wrapped_numbers(page.text)
    # sentences left under a "Performance measures:" heading: each states a measure, whatever its words
    listed = 0
    standard: tuple[str, int | None] | None = None  # a labelled standard, and where its level went, for its AQL
    for chunk in re.split(r"(?<=[.;])\s+|\n(?=\s*(?:[●•Ø·*-]|\(?[a-z0-9]{1,3}[.)])\s)|\n\s*\n", text):
        sentence = " ".join(chunk.split())
        listed = max(listed - 1, 0)
        aql = _AQL_LABEL.match(sentence)
        if aql and standard is not None:  # "Performance Standard: ... / AQL: 5% deviation": read as one row
            body, at = standard
            level = read_level(body, aql.group("aql"))  # every rule: the AQL rule reads only beside an AQL
            if level is not None:
                item = FoundLevel(_sentence_name(body)[:300], level, page.number, f"{body} {sentence}")
                if at is None:
                    found.append(item)
                else:
                    found[at] = item
            standard = None
            continue
        label = _STANDARD_LABEL.search(chunk)  # at the start of one of the chunk's lines
        standard = (" ".join(chunk[label.end() :].split()), None) if label else None
        if ":" in sentence:  # a heading or label: the list starts at its own heading and ends at the next
            listed = _MEASURES_LIST if _MEASURES_HEADING.search(sentence) else 0
        cued = _SENTENCE_CUE.search(sentence) or _OPENS_WITH_SHARE.match(sentence) or listed
        if len(sentence) < 12 or len(sentence) > 600 or not cued:
            continue
        if _PLACEHOLDER.search(sentence) or _admin(sentence) or _NOT_THE_VENDORS.search(sentence):
            continue
        grades = _grade_levels(sentence, "")
        if len(grades) >= 2:  # "Priority 1 incidents: 2 hours * Priority 2 incidents: 4 hours": a list, one level each
            found += [
                FoundLevel(f"{sentence[:200]} (priority {g})", lvl, page.number, sentence, severity=f"priority {g}")
                for g, lvl in grades
            ]
            continue
        reading = _without_planned_work(sentence)
        parts = _clauses(reading)
        clauses = [(c, lvl) for c in parts if (lvl := read_level(c, "", rules)) is not None] if len(parts) > 1 else []
        if len(clauses) < 2:  # one commitment: read with its whole sentence
            level = read_level(reading, "", rules)
            clauses = [(reading, level)] if level is not None else []
        for clause, level in clauses:
            severity = GRADE.search(clause)
            name = _CLAUSE_OPENING.sub("", clause) if len(clauses) > 1 else _sentence_name(clause)
            found.append(
                FoundLevel(name[:300], level, page.number, sentence, severity=severity.group(0) if severity else None)
            )
        if standard is not None and len(clauses) == 1:
            standard = (standard[0], len(found) - 1)
    return found


# a bound on planned work is an exclusion from a level, not a level: "Scheduled maintenance shall not exceed 8
# hours in any month", "available 99.5% of each month, excluding scheduled maintenance, which shall not exceed 8
# hours" (the shared development set's convention: the cap qualifies the availability it leaves it out of)
_PLANNED_WORK_BOUND = re.compile(
    r"(?i)\b(?:scheduled|planned)\s+(?:maintenance|downtime|outages?)\b[^.;]{0,80}?\b(?:not\s+(?:to\s+)?exceed|"
    r"no\s+more\s+than|not\s+more\s+than|limited\s+to|at\s+most|up\s+to|a\s+maximum\s+of|within)\s+" + time_pattern("t")
)


def _without_planned_work(sentence: str) -> str:
    """The sentence with each bound on the time of planned work blanked out, for the level rules to read."""
    return _PLANNED_WORK_BOUND.sub(lambda m: " " * len(m.group(0)), sentence)


# what is no level of the vendor's: the customer's own duties ("The Customer shall respond to change requests
# within 5 business days"), the government's surveillance ("The COR will review 10% of the logs"), and the
# deadline of the report on the levels ("within 10 business days after the end of each month")
_NOT_THE_VENDORS = re.compile(
    r"(?i)\b(?:customer|client|purchaser|buyer|sponsor|government|cor|cotr|contracting\s+officer"
    r"(?:['’]s\s+representative)?)\s+(?:shall|will|must|may|agrees\s+to)\b"
    r"|\breports?\b[^.;]{0,160}\b(?:after|from|following|of)\s+the\s+end\s+of\s+(?:each|every|the|any)\s+"
    r"(?:calendar\s+)?(?:month|quarter|period|year|measurement\s+period)"
)


# a standard and its quality level written as labelled lines of text, not a table: "Performance Standard: ..."
# then "Acceptable Quality Level: 5% deviation" (or "AQL:", "Allowable deviation:")
_STANDARD_LABEL = re.compile(r"(?im)^[ \t]*(?:performance\s+|required\s+)?(?:standard|requirement)s?\s*:\s*")
_AQL_LABEL = re.compile(
    r"(?i)^\s*(?:acceptable\s+quality\s+levels?|aql|(?:maximum\s+)?allowable\s+(?:degree\s+of\s+)?(?:deviation|error"
    r"(?:\s+rate)?)|acceptable\s+deviation)\s*(?:\([^)]*\))?\s*:\s*(?P<aql>.+)$"
)


# who a sentence binds: a party by its role, its staff, or a name in capitals ("EFS")
_PARTY = re.compile(
    r"(?i:\b(?:contractor|supplier|vendor|provider|company|licensee|licensor|customer|client|agency|party|"
    r"supervisor|manager|we)\b)|^(?:the\s+)?[A-Z]{2,6}$"
)


# a heading in capitals, numbered or not, run into the sentence after it: two or more words in capitals (one of
# three letters or more, so not "A" and "I"), then a word in lower case after its capital; and a section number
# before the sentence ("13.4 The portal ...")
_SECTION_NUMBER = r"(?:(?:\d+(?:\.\d+)+\.?|\d+\.|[IVX]+\.)\s+)?"
_HEADING_LEAD = re.compile(
    r"^\s*"
    + _SECTION_NUMBER
    + r"(?:(?=(?:[A-Z][A-Z&/-]*\s+)*[A-Z]{3})(?:[A-Z][A-Z&/-]*\s+){2,6})?"
    + _SECTION_NUMBER
    + r"(?=[A-Z][a-z])"
)


def _sentence_name(sentence: str) -> str:
    """A level read from a sentence is named by what it measures, the sentence staying its source: the label
    before a colon or the subject before the modal where either names a measure ("Portal availability shall be
    at least 99.9%" -> "Portal availability"); what a party must do where the subject is the party ("The
    Supplier shall resolve 95% of P1 incidents within 4 hours" -> "resolve 95% of P1 incidents within 4
    hours"); else the whole sentence. A heading the text layer ran into the sentence ("7. SERVICE LEVELS The
    portal ...") and a section number are no part of the name."""
    sentence = _HEADING_LEAD.sub("", sentence, count=1)
    defined = re.match(r"(?i)\s*(?:the\s+)?[“\"]([^”\"]{3,80})[”\"]\s+(?:means|shall\s+mean)\b", sentence)
    if defined:  # 'The "Teller Response Time Service Level" means that ...': the term it defines
        return defined.group(1).strip()
    label = re.match(_LABEL, sentence)
    if label and _MEASURE_NOUN.search(label.group("name")) and not re.search(_MODAL, label.group("name"), re.I):
        return label.group("name").strip()
    modal = re.search(_MODAL, sentence, re.I)
    if not modal:
        return sentence
    subject = _CLAUSE_OPENING.sub("", sentence[: modal.start()]).strip(" ,")
    if 0 < len(subject) <= 80 and _MEASURE_NOUN.search(subject) and not re.match(r"\d", subject):
        return subject
    if len(subject.split()) <= 4 and _PARTY.search(subject):
        return sentence[modal.end() :].strip().rstrip(".;")  # the party's duty: "resolve 95% of ... in 4 hours"
    return sentence


# the heading of a list of measures ("Performance measures:", "Performance standards:", "Service levels:")
_MEASURES_HEADING = re.compile(
    r"(?i)\b(?:performance\s+(?:measures?|standards?|requirements|indicators?)|service\s+levels?|"
    r"acceptable\s+quality\s+levels?|quality\s+standards?)\s*:$"
)
# how many sentences after such a heading count as its list (a list of measures is short; a page of prose is not)
_MEASURES_LIST = 12


# a clause of its own inside a sentence: a comma, a conjunction, and a verb of obligation before the next comma
# ("..., except that the login latency shall be ...", "..., and in no case shall a page take ...")
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:except\s+that|provided\s+(?:however\s+)?that|but|and|while|whereas)\b[^,]{0,120}?\b(?:shall|will|must)\b)",
    re.I,
)


_CLAUSE_OPENING = re.compile(
    r"^(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:except\s+that|provided\s+(?:however\s+)?that|but|and|while|whereas)?\s*", re.I
)


def _clauses(sentence: str) -> list[str]:
    """The sentence's clauses that each bind the supplier to something, each read on its own when two or more
    state a level: one sentence often sets a general bound and its exceptions."""
    return [c.strip() for c in _CLAUSE_BREAK.split(sentence) if c.strip()]


_PROSE_RULES = tuple(r for r in RULES if r.name not in ("standard with an acceptable quality level",))


def _graded(g: GradedTime, page: int, in_table: bool) -> FoundLevel:
    level = Level(g.value, g.unit, "lower", rule=g.rule)
    return FoundLevel(f"{g.grade} - {g.measure}"[:300], level, page, g.source, severity=g.grade, in_table=in_table)


def _graded_text(page: PdfPage, found: list[FoundLevel], in_tables: str) -> list[FoundLevel]:
    """Times per grade in the page's text that no table of the page holds."""
    known = {(f.severity, f.level.target, f.level.unit) for f in found}
    return [
        _graded(g, page.number, in_table=False)
        for g in text_times(page.text)
        if (g.grade, g.value, g.unit) not in known and _plain(g.source)[:60] not in in_tables
    ]


def _listed_text(page: PdfPage, found: list[FoundLevel], in_tables: str) -> list[FoundLevel]:
    """Levels listed under a lead-in in the page's text that no table or grade reader of the page holds."""

    def read_already(item) -> bool:
        label = _plain(item.label)[:60]
        return label in in_tables or any(
            (f.level.target, f.level.unit) == (item.value, item.unit) and label in _plain(f.source) for f in found
        )

    return [
        FoundLevel(
            item.name[:300],
            Level(item.value, item.unit, item.direction, rule=LISTED_RULE),
            page.number,
            item.source,
            severity=grade.group(0) if (grade := GRADE.search(item.label)) else None,
            window=_window(item.measure),
        )
        for item in listed_levels(page.text)
        if not read_already(item)
    ]


def _listed_item(f: FoundLevel, listed: list[FoundLevel], plain: str) -> bool:
    """Whether a sentence's level is an item of a list already read with its lead-in."""
    return any(
        (g.level.target, g.level.unit) == (f.level.target, f.level.unit) and _plain(g.name) in plain for g in listed
    )


def _covered(plain: str, segments: list[str]) -> bool:
    """Whether a sentence (plain, normalised) is part of a text already read per grade (or holds one's opening)."""
    return any(plain in s or s[:40] in plain for s in segments)


def find_levels(pages: list[PdfPage]) -> list[FoundLevel]:
    """Every commitment on pages about service levels: table rows first, then sentences the tables did not hold.
    A document that never speaks of service levels, standards or AQLs gives none."""
    found: list[FoundLevel] = []
    continued = False  # a schedule that runs onto the next page carries its cue with it
    for page in pages:
        if not speaks_of_service_levels(page.text) and not continued:
            # an unruled matrix of times per grade is a schedule by its shape, whatever the page calls it
            found += [_graded(g, page.number, in_table=False) for g in grade_rows(page.text)]
            continue
        before = len(found)
        tables = _table_levels(page)
        cell_texts = [" ".join(c for row in t for c in row) for t in page.tables if t and len(t[0]) >= 2]
        # a sentence inside a table was read with its row (and its AQL); read again alone it would lose them
        in_tables = _plain(" ".join(cell_texts))
        table_texts = [_plain(normalise(text)) for text in cell_texts]
        graded = _graded_text(page, tables, " ".join(table_texts))
        listed = _listed_text(page, tables + graded, " ".join(table_texts))
        found += tables + graded + listed
        segments = [_plain(g.source) for g in graded + listed]
        in_rows = {(f.level.target, f.level.unit) for f in tables}
        # the cells a table row was read from: a sentence holding one whole is that row read again as text (a
        # heading and the header row run into the first row when no sentence ends between them)
        row_sources = " ".join(_plain(normalise(f.source)) for f in tables)
        long_cells = [c for c in _cell_texts(page) if len(c) >= 25 and re.search(r"\d", c) and c in row_sources]
        for f in _prose_levels(page, _PROSE_RULES):
            plain = _plain(normalise(f.source))
            if _plain(f.source)[:60] in in_tables or _covered(plain, segments) or _listed_item(f, listed, plain):
                continue
            # a page without sentence ends runs a table's whole text into one sentence: its levels are the rows'
            if (f.level.target, f.level.unit) in in_rows and any(t in plain for t in table_texts):
                continue
            if tables and any(c in plain for c in long_cells):
                continue
            found.append(f)
        continued = (continued or speaks_of_service_levels(page.text)) and len(found) > before
    return _without_restatements(found)


def _cell_texts(page: PdfPage) -> list[str]:
    return [_plain(normalise(" ".join(c.split()))) for t in page.tables for row in t for c in row if c]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[-–•●▪·]", " ", text).lower().split())


_SECTION_NUMBER = re.compile(r"\b[A-Z]?\.?\d+(?:\.\d+){2,}\b")


def _restates(a: FoundLevel, b: FoundLevel) -> bool:
    """b states a's level again: a summary table (a PRS, a QASP matrix) repeats the work statement's standards.
    Same level, same numbers in the name, the shorter name's words nearly all in the longer one, and another
    part of the document (rows a page or two apart are a schedule's own, like sub-items sharing one level)."""
    if abs(a.page - b.page) <= 2:
        return False
    if (a.level.target, a.level.unit, a.level.threshold, a.level.minimum, a.severity) != (
        b.level.target,
        b.level.unit,
        b.level.threshold,
        b.level.minimum,
        b.severity,
    ):
        return False
    names = [_SECTION_NUMBER.sub(" ", f.name) for f in (a, b)]
    numbers = [set(re.findall(r"\d+(?:\.\d+)?", n)) for n in names]
    words = [{w[:6] for w in re.findall(r"[a-z]{3,}", n.lower())} for n in names]
    if numbers[0] != numbers[1] or not words[0] or not words[1]:
        return False
    return len(words[0] & words[1]) >= 0.8 * min(len(words[0]), len(words[1]))


def _without_restatements(found: list[FoundLevel]) -> list[FoundLevel]:
    kept: list[FoundLevel] = []
    for f in found:
        if not any(_restates(k, f) for k in kept):
            kept.append(f)
    return kept


# a level read from a performance table is less certain than a schedule row with Expected/Minimum columns, and
# one read from a sentence less again; `review` and stg_sla_terms.confidence show which is which
_RULE_CONFIDENCE = 0.7
_PROSE_CONFIDENCE = 0.55


def service_level_terms(
    found: list[FoundLevel], engagement_id: str, sha256: str, default_window: str, ocr: bool = False
) -> list[SlaTerm]:
    terms: list[SlaTerm] = []
    seen: set[str] = set()
    for f in found:
        metric = metric_id(f.name)
        base, n = metric, 2
        while metric in seen:
            metric, n = f"{base}_{n}", n + 1
        seen.add(metric)
        level = f.level
        confidence = _RULE_CONFIDENCE if f.in_table else _PROSE_CONFIDENCE
        terms.append(
            SlaTerm(
                engagement_id=engagement_id,
                metric_id=metric,
                metric_name=f.name,
                unit=level.unit,
                direction=level.direction,
                baseline=None,
                expected=level.target,
                # one threshold and no separate floor: missing the target is the breach
                minimum=level.minimum if level.minimum is not None else level.target,
                allocation_pct=0.0,
                measurement_window=f.window or default_window,
                confidence=round(confidence * (0.8 if ocr else 1.0), 2),
                provenance=Provenance(sha256, f.page, f.source),
                threshold=level.threshold,
                threshold_unit=level.threshold_unit,
                allowed_deviation_pct=level.allowed_deviation_pct,
                severity=f.severity,
                rule=level.rule,
            )
        )
    return terms
