"""The commitment grammar: how real contracts and performance work statements write a service level, as named
rules with examples, each reading one sentence (or a standard beside its AQL) into a `Level`.

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

from etl.contracts.graded_levels import GradedTime
from etl.contracts.level_text import (
    AT_LEAST,
    AT_LEAST_SIGN,
    AT_MOST,
    FAULTED,
    FAULTS,
    NONE_OF_FAULTS,
    OR_LESS,
    OR_MORE,
    SHARE_BOUND,
    WINDOW_WORDS,
    clock_unit,
    default_direction,
    normalise,
    time_pattern,
    time_unit,
    window_named,
    window_of_word,
)
from etl.quantities import (
    GROUPED_DIGITS,
    NUMBER_WORDS,
    ORDINALS,
    number_from_words,
    spelling_pattern,
    unit_spellings,
)


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
    r"(?:answer|respon|repl(?:y|ie)|resol|restor|repair|dispatch|arriv|complet|process|deliver|submit|provid|post|deploy|"
    r"report|acknowledg|notif|alert|fix|clos|return|fil|enter|available|availability|support|review|approv|"
    r"assign|initiat|issu|perform|updat|publish|conduct|solv|consider|made)"
)
# paying, not payroll's own events: "pay date", "pay run" name when a payroll service's work falls due
_PAY = r"pay\b(?!\s+(?:dates?|days?|periods?|runs?|slips?|cycles?)\b)"
# what a time or a deadline of the contract's own mechanics is about (notice, term and renewal, cure, warranty,
# licence, paying and billing), which is never a level: one list for the rules that read a bare time or deadline
_MECHANICS = (
    r"(?:notice|notif\w*|terminat\w*|renew\w*|expir\w*|term|cure|warrant\w*|licen[cs]\w*|"
    + _PAY
    + r"|paid|paying|payable|payments?|invoice\w*|fees?|charges?|rent|royalt\w*|interest)\b"
)
# the contract's own mechanics, never a level: paying and billing, notice, termination and cure, disputes,
# indemnities, warranties, confidentiality, equity, interest. Invoices, payments, insurance, records and audits
# are also what a business process serves ("98% of supplier invoices processed within 5 days", "the claims
# payment platform available 99.9% of the time"): they count only in the clause that governs the contract
# itself (payment terms, invoicing the customer, carrying insurance, keeping records, audit rights).
_ADMIN = re.compile(
    r"(?i)\b(?:" + _PAY + r"|paid|payable|notice|terminat|cure|breach|dispute|arbitrat|"
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


# the countable paperwork a back office processes for the client: a share of it states a level of that process
# ("95% of supplier invoices paid within 30 days"), never a payment term, which states no share of invoices
_PAPERWORK_NOUNS = "invoice|payment|bill|claim|remittance"
PAPERWORK = rf"(?:(?:{_PAPERWORK_NOUNS})s)"
# a deadline a share of work is done by: "within 5 days", "on time", "by the due date", "on the agreed date"
BY_A_DEADLINE = r"(?:within|on time|on or before|no later than|(?:by|on) (?:the|their|its) (?:due|agreed|scheduled|required) dates?)"
_SHARE_OF_PAPERWORK = re.compile(
    r"(?i)\b\d{1,3}(?:\.\d+)?%\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?" + PAPERWORK + r"\b"
)


def administrative(text: str) -> bool:
    """Whether a sentence is about payment, notice periods, disputes and the like rather than a level."""
    text = _CLOCK_STARTING_NOTICE.sub(" ", text)
    if _SHARE_OF_PAPERWORK.search(text):
        text = re.sub(r"(?i)\b(?:paid|pay)\b", " ", text)
    return bool(_ADMIN.search(text))


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
        within + time_pattern("t") + r"[^%]{0,120}?\b" + _PCT + r"\s+of\s+(?:(?:the\s+)?\w+\s+)?" + _CASES,
        # the time first, then the share: "within 4 hours, 95% of incidents", "8 hours or less for 90% of them"
        within + time_pattern("t") + r"\s*,\s*" + _PCT + r"\s+of\b",
        # the time, a colon, comma or dash, and the share with its bound: "closed within 5 days: 95% or better"
        within + time_pattern("t") + r"\s*[:,–-]\s*" + AT_LEAST + r"\s+" + _PCT,
        within + time_pattern("t") + r"\s*[:,–-]\s*" + _PCT + OR_MORE,
        time_pattern("t") + OR_LESS + r"[^.;%]{0,40}?\b(?:for|in)\s+(?:at\s+least\s+)?" + _PCT + r"\s+of\b",
        # the share first, then "in 30 seconds or less"
        _PCT + r"[^.;%]{0,120}?\bin\s+" + time_pattern("t") + OR_LESS,
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
COMPARISON = re.compile(
    r"(?i)^\s*(?:score\s+)?(?:[a-z]\s*)?(?P<op>≥|>=|=>|≤|<=|=<|<|>|=)\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*$"
)


def _compared(text: str, aql: str) -> Level | None:
    """The level an AQL comparison states: its number, higher or lower by the sign (an '= 0' is a count of what
    must not happen), a share where it says %, a score where the standard speaks of one."""
    m = COMPARISON.match(aql)
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
    capped = _count_cap(aql, "") if aql and not AQL_ITEM.search(aql) else None
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
        _PCT + r"\s*(?:\(\s*\d+(?:\.\d+)?%\s*\)\s*)?(?:(?:monthly|quarterly|weekly|annual|yearly|daily)\s+)?"
        r"(?:availability|available|uptime|accuracy|compatibility|compliance|of the time|of (?:the )?days)",
        # a share of a period of time, as "of the time" is: "available 99.5% of each month" (not "of the month's fees")
        _PCT + r"\s+of\s+(?:each|every|the|any|a)\s+(?:calendar\s+)?(?:month|quarter|week|year|day|hour|"
        r"measurement\s+(?:period|window))\b(?![’'])",
        # ... or of the hours it is due: "available 99.9% of Scheduled Hours", "99.5% of the Service Window"
        _PCT + r"\s+of\s+(?:the\s+)?(?:scheduled|service|business|core|support(?:ed)?|agreed|operating|production|"
        r"online|prime)\s+(?:hours|time|window|period)\b",
        r"\b(?:availability|uptime|available|accessible|operational)\b[^.;%]{0,80}?\b(?:of|at least|minimum of|no less "
        r"than|not less than)\s+" + _PCT,
        # "shall be available 99.5% at branch offices"
        r"\b(?:available|accessible|operational)\s+"
        + _PCT
        + r"(?!\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?"
        + MONEY
        + r"\b)",
        # a label and its share: "Uptime: 99.95% per calendar month"
        r"^\s*(?:[\w-]+\s+){0,3}?(?:availability|uptime)\s*:\s*" + _PCT,
        r"\b(?:SLA|service level)\s+(?:is|shall be)\s+(?:a\s+)?(?:minimum of|at least)\s+" + _PCT,
        # "at a performance level of no less than 90% of ...", "a service level of at least 98%"
        r"\b(?:performance|service)\s+levels?\s+of\s+(?:no\s+less\s+than|not\s+less\s+than|at\s+least|a\s+minimum\s+of)\s+"
        + _PCT,
        r"\b(?:shall|will|must)\s+(?:have|achieve|maintain|meet|reach|attain)\s+(?:an?\s+)?(?:\w+\s+){0,3}?" + _PCT,
        # a measure named between the verb and its bound: "achieve a Data Accuracy Rate of not less than 99.5%",
        # "maintain first-pass yield of at least 97%"
        r"\b(?:shall|will|must)\s+(?:have|achieve|maintain|meet|attain|sustain|deliver)\s+(?:an?\s+)?(?:[\w-]+\s+){1,4}?"
        r"(?:of\s+)?"
        + AT_LEAST
        + r"\s+"
        + _PCT
        + r"(?!\s+of\s+(?:the\s+|all\s+|its\s+|any\s+)?(?:\w+\s+){0,2}?"
        + MONEY
        + r"\b)",
        _PCT + r"\s+of\s+[^.;%]{3,80}?\b(?:serviceable|meet the standard|are met|report|achieved)",
        r"\bachieved\s+in\s+" + _PCT + r"\s+of",
        r"^\s*" + _PCT + r"\s+(?:user\s+)?(?:satisfaction|compatibility|availability)",
    ):
        m = re.search(pattern, text, re.I)
        if m and 0 < float(m.group("pct")) <= 100:
            return Level(float(m.group("pct")), "percent", "higher")
    return None


# what a share of money is a share of: a price, a credit or a cap, never a service level
MONEY = (
    r"(?:charges?|fees?|costs?|prices?|amounts?|invoices?|invoiced|payments?|revenues?|budget|savings|credits?|"
    r"compensation|dollars|shares|equity|profits?|royalt\w*|proceeds|sums?|value|rent|salar\w*|taxes|premiums?)"
)
# the outcome a standard states of its share: a participle (met, completed, identified), or a verb in the
# present (execute, pass) after its subject
_OUTCOME = (
    r"(?:\w+ed|met|done|made|kept|held|sent|given|taken|written|run|built|won|(?:are|is|were|be)\s+\w+|execute|pass"
    # what the class shall or may do: "99% of batch runs shall complete", "0.2% of entries may contain an error"
    r"|(?:shall|will|must|should|may)\s+(?:not\s+)?(?!be\b|have\b)\w+)"
)


# paperwork processed by a deadline: "98% of vendor payments shall be processed by the due date"
_PROCESSED_ON_TIME = (
    PAPERWORK
    + r"\s+(?:(?:shall|will|must)\s+be|are|is)\s+(?:\w+ly\s+)?(?:processed|paid|posted|reconciled|issued|recorded"
    r"|entered|approved|matched|handled|submitted|released|made|sent)\b[^.;]{0,40}?\b" + BY_A_DEADLINE + r"\b"
)


def _pct_of_class(text: str, aql: str) -> Level | None:
    """A standard that opens with its share: "90% of milestones met", "95% of the audits are passed", or the
    share and its measure alone: "95% positive rating", "5% improvement each quarter". A share of money
    (charges, fees, a credit) is a price, never a level; a share of paperwork processed by a deadline is one."""
    m = re.match(
        r"\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:(?:target|goal|service\s+level|sla|kpi|standard|measure)\s*[:=-]\s*)?"
        + r"(?:(?P<least>"
        + AT_LEAST
        + r"|more\s+than)\s+|(?P<most>"
        + AT_MOST
        + r"|(?:fewer|less)\s+than)\s+)?"
        + _PCT
        + r"\s+(?:of\s+(?!(?:the\s+|all\s+|its\s+|any\s+)?(?:\w+\s+){0,3}?(?!"
        + _PROCESSED_ON_TIME
        + r")"
        + MONEY
        + r"\b)(?:[\w'\"-]+\s+){1,8}?"
        + _OUTCOME
        + r"\b|(?:positive|favou?rable|satisfaction|completion|compliance|reduction|improvement|accuracy)\b)",
        text,
        re.I,
    )
    if m and 0 < float(m.group("pct")) <= 100:
        # "no more than 2% of claims returned for rework": at most that share may fail
        return Level(float(m.group("pct")), "percent", "lower" if m.group("most") else "higher")
    return None


def _average_time(text: str, aql: str) -> Level | None:
    # "an average of 1.5 seconds or less", "an average speed of answer of 30 seconds or less"
    m = re.search(
        r"\baverage\s+(?:(?:[\w-]+\s+){1,4}?of\s+)?(?:of\s+)?(?:no\s+more\s+than\s+)?" + time_pattern("t") + OR_LESS,
        text,
        re.I,
    ) or re.search(r"\baverage\s+(?:[\w-]+\s+){1,4}?of\s+no\s+more\s+than\s+" + time_pattern("t"), text, re.I)
    if m:
        return Level(float(m.group("t")), time_unit(m, "t"), "lower")
    return None


# "Two hours is the maximum time to restore ...", "4 business hours is the longest a ticket may wait": the time comes
# first and the bound after it; a notice, a term or a payment so stated is no level
_TIME_AS_BOUND = re.compile(
    r"^\W*"
    + time_pattern("t")
    + r"\s+(?:is|are|shall\s+be|will\s+be)\s+the\s+(?P<b>maximum|longest|most|minimum|shortest|least)\b"
    r"(?![^.;]*\b" + _MECHANICS + r")",
    re.I,
)
# a time that must be long: "mean time between failures ... at least 2,000 hours"
_TIME_BETWEEN = re.compile(
    r"\btime\s+between\s+(?:failures|faults|outages|incidents|breakdowns)\b[^.;]{0,60}?(?:"
    + AT_LEAST
    + r")\s+(?P<t>"
    + GROUPED_DIGITS
    + r"|\d+(?:\.\d+)?)\s*(?P<u>hours|days)\b",
    re.I,
)


def _time_as_bound(text: str, aql: str) -> Level | None:
    m = _TIME_AS_BOUND.match(text)
    if m:
        longest = m.group("b").lower() in ("maximum", "longest", "most")
        return Level(float(m.group("t")), time_unit(m, "t"), "lower" if longest else "higher")
    m = _TIME_BETWEEN.search(text)
    if m:
        return Level(float(m.group("t").replace(",", "")), m.group("u").lower(), "higher")
    return None


# a time stated before its bound, as written (its number in digits or in words): "Thirty minutes is the longest a
# caller may be kept on hold"; the sentence cue and a level's name read it so, the rule above on the normalised text
TIME_BEFORE_BOUND = (
    r"^\W*(?:\d+(?:\.\d+)?|"
    + NUMBER_WORDS
    + r")(?:\s+\(\d+\))?\s+(?:business\s+|working\s+)?(?:seconds|minutes|hours|days)\s+(?:is|are)\s+the\s+"
    r"(?:maximum|longest|minimum|shortest|most|least)\b"
)


# a lead time the work must keep before an event: "transmitted at least 2 business days before each pay date", "no
# fewer than 5 working days ahead of every release"; notice, a term's end and money due so are no levels
_BEFORE_EVENT = r"\s+(?:before|ahead\s+of|in\s+advance\s+of|prior\s+to)\s+(?:each|every|the|a|an|any|its|their)\b"
_LEAD_TIME = re.compile(
    r"^(?!.*\b" + _MECHANICS + r")"
    r".*?\b(?:shall|will|must|is\s+to|are\s+to)\b[^.;]*?(?:"
    + AT_LEAST
    + r"|no\s+fewer\s+than|not\s+fewer\s+than)\s+"
    + time_pattern("t")
    + _BEFORE_EVENT,
    re.I,
)


def _lead_time(text: str, aql: str) -> Level | None:
    m = _LEAD_TIME.search(text)
    return Level(float(m.group("t")), time_unit(m, "t"), "higher") if m else None


# the same as a sentence's cue sees it, before it is normalised ("at least two (2) business days before each ...")
_LEAD_TIME_CUE = re.compile(
    r"(?i)\b(?:at\s+least|(?:no|not)\s+(?:fewer|less)\s+than|a\s+minimum\s+of)\s+(?:[a-z-]+\s+)?\(?\d+\)?\s+"
    r"(?:business\s+|working\s+|calendar\s+)?(?:minutes|hours|days)" + _BEFORE_EVENT
)


def states_lead_time(sentence: str) -> bool:
    """Whether a sentence states a lead time the rule reads: only then is it cued as a level, so that no other
    rule reads its time as one to be short."""
    return bool(_LEAD_TIME_CUE.search(sentence)) and _LEAD_TIME.search(normalise(sentence)) is not None


# "after month end", "after the end of each month"
AFTER_MONTH_END = r"after\s+(?:the\s+)?(?:month[\s-]end|end\s+of\s+(?:each|every|the)\s+(?:calendar\s+)?month)\b"
# the ordinals a day within the month is written with, the first fortnight in words (later days in digits)
_ORDINALS = {word: n for word, n in ORDINALS.items() if n <= 15}
# a deadline within the month: "no later than the fifth business day of the following month", "by the 10th working
# day of each month"; money falling due so is a payment term, no level
_DAY_OF_MONTH = re.compile(
    r"^(?!.*\b" + _MECHANICS + r").*?"
    r"\b(?:no\s+later\s+than|by|on\s+or\s+before)\s+the\s+(?P<d>\d{1,2}(?:st|nd|rd|th)|"
    + "|".join(_ORDINALS)
    + r")\s+(?P<biz>business\s+|working\s+|calendar\s+)?day\s+(?:of\s+(?:each|every|the\s+following|the\s+next)"
    r"\s+(?:calendar\s+)?month\b|" + AFTER_MONTH_END + ")",
    re.I,
)


def _day_of_month(text: str, aql: str) -> Level | None:
    m = _DAY_OF_MONTH.search(text)
    if not m:
        return None
    day = m.group("d").lower()
    number = _ORDINALS.get(day) or int(day[:-2])
    business = (m.group("biz") or "").strip().lower() in ("business", "working")
    return Level(float(number), "business days" if business else "days", "lower")


def _within_time(text: str, aql: str) -> Level | None:
    # the measure's own time ("a guaranteed response time of 3 hours") comes before any later "within" in the
    # sentence, which may belong to a goal or another step
    m = re.search(
        r"\b(?:respon|resol|restor|repair|turnaround|fix|recover|arriv)\w*\s+times?\s+(?:of|is|shall\s+be|will\s+be|"
        r"must\s+be)\s+(?:no\s+more\s+than\s+|not\s+more\s+than\s+|at\s+most\s+|within\s+)?" + time_pattern("t"),
        text,
        re.I,
    )
    # any other time named and stated: "the lead time from receipt of an order shall always be ten (10) days"
    m = m or re.search(
        r"\b(?:lead|cycle|turnaround|processing|delivery|dispatch|handling|wait(?:ing)?|transit)\s+times?\b[^.;]{0,60}?"
        r"\b(?:is|are|(?:shall|will|must)\s+(?:always\s+)?be)\s+(?:no\s+more\s+than\s+|not\s+more\s+than\s+|at\s+most\s+"
        r"|within\s+)?" + time_pattern("t"),
        text,
        re.I,
    )
    if m and not administrative(text):
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    m = re.search(
        r"\b"
        + _MEASURE_VERB
        + r"\w*\b[^.;]{0,80}?\b(?:within|in under|in less than|less than|in no more than|under|<)\s*"
        + time_pattern("t"),
        text,
        re.I,
    ) or re.search(r"\b(?:within|less than|<)\s*" + time_pattern("t") + r"[^.;]{0,40}?\b" + _MEASURE_VERB, text, re.I)
    # "restored in 4 hours or less"
    m = m or re.search(r"\b" + _MEASURE_VERB + r"\w*\b[^.;]{0,80}?\bin\s+" + time_pattern("t") + OR_LESS, text, re.I)
    if not m and not administrative(text):
        # the state a thing must be in by then, whatever the verb: "reachable within", "re-imaged within"
        m = re.search(r"\b\w{3,}(?:ed|able|ible)\b[^.;]{0,40}?\bwithin\s+" + time_pattern("t"), text, re.I)
    if m and not re.search(r"\b(?:x|X)\s+(?:minutes|hours|days)", text):
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    m = re.search(MODAL + r"not\s+(?:to\s+)?exceed\s+(?:more\s+than\s+)?" + time_pattern("t"), text, re.I)
    if m:  # "the mean response time shall not exceed 6 seconds": the most it may take
        return Level(float(m.group("t")), clock_unit(text, m), "lower")
    # any other bound on a time: "must stay under 250 ms", "shall be 4 hours or less", "shall be within 2 seconds"
    m = (
        re.search(MODAL + r"(?:" + _RATE_AT_MOST + r"|be\s+within)\s+" + time_pattern("t"), text, re.I)
        or re.search(MODAL + r"be\s+" + time_pattern("t") + OR_LESS, text, re.I)
        # whatever is done, in no more than a time: "must pick up calls in no more than 20 seconds"
        or re.search(
            MODAL + r"(?:[\w-]+\s+){1,5}?(?:in|within)\s+(?:no\s+more\s+than|not\s+more\s+than|under|less\s+than"
            r"|at\s+most)\s+" + time_pattern("t"),
            text,
            re.I,
        )
        # a delay named with its bound: "a network latency not exceeding 40 ms"
        or re.search(
            r"\b(?:latency|delay|jitter|round[- ]trip\s+time|response\s+time)\s+(?:of\s+)?not\s+exceeding\s+"
            + time_pattern("t"),
            text,
            re.I,
        )
    )
    if m and not administrative(text):
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
    if m and not administrative(text):
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
        + r"(?:[\w/-]+\s+){1,20}?(?:(?:per|during|in|each|within)\s+(?:a\s+|any\s+|each\s+|the\s+)?"
        r"(?:calendar\s+)?(?:day|week|month|quarter|year|period)\b"
        r"|on\s+an?\s+(?:daily|weekly|monthly|quarterly|annual|yearly)\s+basis)",
        text,
        re.I,
    )
    if m and not re.search(r"\bmay\b", text, re.I) and not administrative(text):
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
        # and reports: "no late reports"; a fault said of its thing as a phrase, "no parcels lost" (with a verb it
        # is a sentence a share reads: "no equipment is damaged during the move")
        r"^\s*(?:\d\)\s*)?(?:no|zero|0)\s+(?:(?!(?:is|are|was|were|be|been)\b)\w+[\s-]+){0,3}?(?:"
        + NONE_OF_FAULTS
        + "|"
        + FAULTED
        + r"|reports)\b",
        text,
        re.I,
    ):
        return Level(0.0, "count", "lower")
    return None


# a rate, a ratio or a score whose bound is written after "shall be": "the first-call resolution rate shall be no
# less than 75%", "packet loss shall not exceed 0.5%", "satisfaction scores shall average 4.0 or higher on a
# 5-point scale"; never a price, a fee or an interest rate
_RATE = (
    r"\b(?:rates?|ratios?|percentages?|availability|uptime|accuracy|loss|errors?|defects?|abandon\w*|failures?"
    r"|performance|compliance)\b"
)
# How English bounds a level once its modal is said: the least it may be, or the most; with the number after
# the bound ("shall not fall below 99%", "must stay under 4 hours") or before it ("shall be 5% or less").
MODAL_VERB = r"(?:shall|will|must|should|may(?=\s+not\b)|(?:is|are)\s+(?:required\s+)?to|(?:is|are)(?=\s+not\s+to\b))"
MODAL = r"\b" + MODAL_VERB + r"\s+"
_HOLD = r"(?:be\s+|remain\s+|stay\s+|be\s+kept\s+|be\s+maintained\s+)?"
_RATE_AT_LEAST = (
    r"(?:" + _HOLD + r"(?:" + AT_LEAST + r"|at\s+or\s+above|above"
    r"|(?:greater|higher)\s+than\s+or\s+equal\s+to|equal\s+to\s+or\s+(?:greater|higher)\s+than)"
    r"|not\s+be\s+(?:less|lower)\s+than|not\s+(?:fall|drop|go)\s+below|(?:meet|equal|match)\s+or\s+exceed|exceed"
    r"|(?:reach|achieve|attain|meet|maintain)\s+(?:at\s+least|a\s+minimum\s+of))"
)
_RATE_AT_MOST = (
    r"(?:not\s+(?:to\s+)?exceed|not\s+be\s+(?:more|greater|higher|longer)\s+than|not\s+be\s+in\s+excess\s+of"
    r"|"
    + _HOLD
    + r"(?:"
    + AT_MOST
    + r"|(?:less|lower|shorter)\s+than(?:\s+or\s+equal\s+to)?|(?:at\s+or\s+)?(?:below|under)))"
)
_PRICED = re.compile(
    r"\b" + MONEY + r"\b|\b(?:increase|discount|interest|mark-?up|margin|tax\w*|price\w*|pric\w+)", re.I
)


# paperwork as the work a back office does, not as money: "invoice processing accuracy", "invoices must be
# processed with an accuracy of", "the matching of payments"
_PAPERWORK_ITEM = rf"(?:(?:{_PAPERWORK_NOUNS})s?)"
_PAPERWORK_PROCESSED = re.compile(
    rf"(?i)\b{_PAPERWORK_ITEM}\s+(?:(?:are|is|(?:shall|will|must)\s+be)\s+)?"
    r"(?:process|post|match|enter|handl|reconcil|approv|captur|key)\w*"
    r"|\b(?:process|post|match|enter|handl|reconcil|approv|captur|key)\w*\s+(?:of\s+)?(?:all\s+|the\s+)?"
    rf"(?:supplier\s+|vendor\s+|customer\s+)?{_PAPERWORK_ITEM}\b"
    # the quality of the paperwork the back office turns out: "invoice accuracy", "payment error rate"
    rf"|\b{_PAPERWORK_ITEM}\s+(?:accuracy|errors?|error\s+rate|quality|completeness|timeliness)\b"
)


def _bounded_rate(text: str, aql: str) -> Level | None:
    if _PRICED.search(_PAPERWORK_PROCESSED.sub(" ", text)):
        return None
    modal = r"[^.;%]{0,40}?" + MODAL
    m = (
        re.search(_RATE + modal + _RATE_AT_LEAST + r"\s+" + _PCT, text, re.I)
        or re.search(_RATE + modal + r"be\s+(?:(?:maintained|kept|held)\s+at\s+)?" + _PCT + OR_MORE, text, re.I)
        or re.search(_RATE + modal + r"(?:be\s+)?no\s+worse\s+than\s+" + _PCT, text, re.I)
    )
    if m and 0 < float(m.group("pct")) <= 100:
        # "or better" and "no worse than" are the measure's own better side: an error rate "of 0.3% or better"
        # is at most 0.3%
        better = m.group(0).lower().endswith("better") or "worse" in m.group(0).lower()
        return Level(float(m.group("pct")), "percent", default_direction(m.group(0), "percent") if better else "higher")
    # a target or goal stated for a measure, or a level guaranteed: "the target for order accuracy is 99.5% or
    # better", "a first-visit fix goal of 90% or more", "availability is guaranteed at 99.9%"
    m = re.search(
        r"\b(?:targets?|goals?|objectives?)\b[^.;%]{0,60}?\b(?:is|are|of|(?:shall|will|must)\s+be)\s+(?:"
        + AT_LEAST
        + r"\s+)?"
        + _PCT
        + r"(?P<tail>"
        + OR_MORE
        + r"|\s+or\s+better\b|"
        + OR_LESS
        + r")?",
        text,
        re.I,
    ) or re.search(
        _RATE
        + r"[^.;%]{0,40}?\b(?:is|are)\s+guaranteed\s+(?:at|to\s+be)\s+(?:"
        + AT_LEAST
        + r"\s+)?"
        + _PCT
        + r"(?P<tail>)",
        text,
        re.I,
    )
    if m and 0 < float(m.group("pct")) <= 100:
        lower = bool(m.group("tail")) and re.match(OR_LESS, m.group("tail"), re.I)
        return Level(float(m.group("pct")), "percent", "lower" if lower else "higher")
    # the rate named with its bound and no modal of its own: "maintains a first-call resolution rate of at least
    # 80%", "achieve availability of 99.5% or more", "an error rate of no more than 2%"
    of = _RATE + r"\s+of\s+"
    m = (
        re.search(of + AT_LEAST + r"\s+" + _PCT, text, re.I)
        or re.search(of + _PCT + OR_MORE, text, re.I)
        # "a patching compliance of 98% must be achieved every month"
        or re.search(of + _PCT + r"\s+" + MODAL + r"be\s+(?:achieved|attained|met|maintained|reached)\b", text, re.I)
    )
    if m and 0 < float(m.group("pct")) <= 100:
        return Level(float(m.group("pct")), "percent", "higher")
    m = (
        re.search(of + r"(?:" + AT_MOST + r"|(?:less|lower)\s+than)\s+" + _PCT, text, re.I)
        or re.search(of + _PCT + OR_LESS, text, re.I)
        # "an error rate below 0.2% of records", "a defect rate under 1%"
        or re.search(_RATE + r"\s+(?:at\s+or\s+)?(?:below|under)\s+" + _PCT, text, re.I)
    )
    if m and 0 <= float(m.group("pct")) < 100:
        return Level(float(m.group("pct")), "percent", "lower")
    m = re.search(_RATE + modal + r"be\s+" + _PCT + OR_LESS, text, re.I)
    if m and 0 <= float(m.group("pct")) < 100:
        return Level(float(m.group("pct")), "percent", "lower")
    # (a share "above" or "over" something is a change, not a level: "rates shall not exceed 5% above last year's")
    m = re.search(
        _RATE + modal + _RATE_AT_MOST + r"\s+" + _PCT + r"(?!\s+(?:above|over|below|more|less)\b)", text, re.I
    )
    if m and 0 <= float(m.group("pct")) < 100:
        return Level(float(m.group("pct")), "percent", "lower")
    # the share stated bare, its direction the measure's own: "availability shall be 99.9%", "the error rate will
    # be 0.5%" (not a change: "5% above", "10% more than")
    m = re.search(
        _RATE + modal + r"be\s+" + _PCT + r"(?!\s*(?:of\b|above|below|over|under|more|less|higher|lower))", text, re.I
    )
    if m and 0 < float(m.group("pct")) <= 100:
        return Level(float(m.group("pct")), "percent", default_direction(m.group(0), "percent"))
    m = re.search(
        r"\b(?:scores?|ratings?|satisfaction)\b[^.;]{0,60}?"
        + MODAL
        + r"(?:be\s+|average\s+|achieve\s+|reach\s+)?(?:"
        + _RATE_AT_LEAST
        + r"\s+)?"
        + _SCORE_ON_SCALE,
        text,
        re.I,
    )
    m = m or re.search(
        r"\b(?:scores?|ratings?|satisfaction)\s+(?:\w+\s+){0,2}?of\s+(?:" + _RATE_AT_LEAST + r"\s+)?" + _SCORE_ON_SCALE,
        text,
        re.I,
    )
    scale = m and (m.group("scale") or m.group("top"))
    top = scale and (float(scale) if scale.isdigit() else number_from_words(scale))
    if top and float(m.group("n")) <= top:
        return Level(float(m.group("n")), "score", "higher")
    return None


# a score and the scale it is on: "4.2 out of 5", "4 or higher on a 5-point scale", "4.3 on a five-point scale",
# "at least 4 on a scale of 1 to 5"
_SCORE_ON_SCALE = (
    r"(?P<n>(?<![\d.])\d{1,3}(?:\.\d+)?)(?:\s+or\s+(?:higher|more|better|above))?[^.;]{0,20}?\b(?:"
    r"(?:on\s+an?|out\s+of)\s+(?P<scale>\d{1,3}(?!\d)|" + NUMBER_WORDS + r")(?:-point)?"
    r"|on\s+an?\s+scale\s+(?:of|from)\s+(?:[01]\s+(?:to|-|–)\s+)?(?P<top>\d{1,3})\b)"
)


# a share of the cases a thing is done in: "accurate in 98% of cases", "complete successfully on 99% of scheduled
# nights"; or of the people a service serves, each a case of it: "paid correctly for 99.9% of employees"
_CASES = (
    r"(?:cases|instances|occasions|nights|days|weeks|months|transactions|requests|calls|incidents|tickets|orders|"
    r"items|attempts|runs|deliveries|shipments|jobs|backups|tests|employees|users|patients|students|" + PAPERWORK + r")"
)
# "... of all the scheduled nights": what a share of cases is a share of
_OF_CASES = r"\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?" + _CASES


# the work a level counts, before its modal: in back-office work often money's paperwork ("Invoices shall be
# processed ...", "Payments will be posted ..."), which names what is done, not a price
_WORK_ITEM = re.compile(
    r"\s*(?:[\w'-]+\s+){0,5}?[\w'-]+\s+"
    + MODAL
    + r"(?:be\s+)?(?!(?:charg|bill|invoic|refund|credit|deduct|withh|levi|reimburs|award|grant)\w*\b)(?:\w+ed|paid|sent)\b",
    re.I,
)


# paying or charging a share of something is a price, whatever the share is of: "shall pay 50% of the invoices"
_MONEY_VERB = re.compile(r"(?i)\b(?:pay|charge|bill|invoice|refund|credit|deduct|withhold|reimburse)\b")


def _share_of_cases(text: str, aql: str) -> Level | None:
    """A share of the cases a commitment must hold in: "entered accurately in 98% of cases", "shall resolve 85% of
    incidents at first contact". A sentence that prices something (a fee, a cost borne) is no level."""
    m = (
        re.search(r"\b(?:in|on|for)\s+(?:" + AT_LEAST + r"\s+)?" + _PCT + _OF_CASES, text, re.I)
        or re.search(MODAL + r"(?:[a-z]+\s+){1,2}?(?:at\s+least\s+)?" + _PCT + _OF_CASES, text, re.I)
        # the work named in the present, no modal: "the desk resolves 80% of tickets at first contact"
        or re.search(r"\b" + _MEASURE_VERB + r"\w*\s+(?:" + AT_LEAST + r"\s+)?" + _PCT + _OF_CASES + r"\b", text, re.I)
    )
    # the most that may fail, whatever the cases are called: "no more than 2% of calls are abandoned", "no more
    # than 4% of parcels are delivered late"
    most = re.search(
        r"\b" + AT_MOST + r"\s+" + _PCT + r"\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){1,3}?(?:are|is|get|go)\s+\w+",
        text,
        re.I,
    )
    work_item = _WORK_ITEM.match(text)
    rest = text[work_item.end() if work_item else 0 :]
    if m and work_item is None and not _MONEY_VERB.search(text[: m.start("pct")]):
        # the cases counted are no price even when they are payments: "ensure that 98% of payments are ..."
        rest = text[: m.start()] + " " + text[m.end() :]
    if _PRICED.search(rest):
        return None
    if m and 0 < float(m.group("pct")) <= 100:
        return Level(float(m.group("pct")), "percent", "higher")
    if most and float(most.group("pct")) < 100:
        return Level(float(most.group("pct")), "percent", "lower")
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
MEASURE_NOUN = re.compile(
    r"(?i)\b(?:time|rate|availability|uptime|latency|speed|answer\w*|respon\w*|resol\w*|restor\w*|satisfaction|"
    r"accuracy|abandon\w*|backlog|throughput|turnaround|delivery|recovery)\b"
)


# a measure's name before a colon or a dash: "Mean time to restore - 4 hours"
LABEL = r"\s*(?P<name>[A-Za-z][\w ,/'()-]{2,80}?)\s*(?::|\s[-–—]\s)"


def _labelled_level(text: str, aql: str) -> Level | None:
    m = re.match(
        LABEL
        + r"\s*(?:(?P<least>"
        + _RATE_AT_LEAST
        + r")\s+|(?P<most>"
        + _RATE_AT_MOST
        + r")\s+)?(?:"
        + _PCT
        + r"|"
        + time_pattern("t")
        + r")(?:(?P<or_less>"
        + OR_LESS
        + r"|\s+(?:maximum|max\.?|at\s+most)\b)|(?P<or_more>"
        + OR_MORE
        + r"|\s+(?:minimum|min\.?|at\s+least)\b))?\s*(?:per\s+(?:calendar\s+)?(?:month|quarter|week)|each\s+(?:calendar\s+)?month)?"
        r"\s*[.;]?\s*$",
        text,
        re.I,
    )
    if not m or not MEASURE_NOUN.search(m.group("name")) or _PRICED.search(text):
        return None
    if m.group("pct") is not None:
        value, unit = float(m.group("pct")), "percent"
        if not 0 < value <= 100:
            return None
    else:
        value, unit = float(m.group("t")), clock_unit(text, m)
    return Level(value, unit, _bound_direction(m, unit))


def _bound_direction(m: re.Match, unit: str) -> str:
    """The side a measure's bound keeps it on, from the groups `least`, `most`, `or_more` and `or_less` of a match
    that names it (`name`): "or better" is the measure's own better side (an error rate "0.5% or better" is at
    most 0.5%), as is no bound at all."""
    if m.group("least") or m.group("or_more"):
        better = (m.group("or_more") or "").lower().endswith("better")
        return default_direction(m.group("name"), unit) if better else "higher"
    if m.group("most") or m.group("or_less"):
        return "lower"
    return default_direction(m.group("name"), unit)


# a measure and its bound with no verb between, as a standards cell sets it: "Schedule slippage no more than 3%",
# "Keying errors not to exceed 0.5%", "Rework 2% or less"
_BOUNDED_MEASURE = re.compile(
    r"\s*(?P<name>[A-Za-z][\w ,/'()-]{2,60}?)\s+(?:of\s+)?(?:(?:(?P<least>"
    + AT_LEAST
    + r")|(?P<most>"
    + AT_MOST
    + r"))\s+"
    + _PCT
    + r"|(?P<bare>\d{1,3}(?:\.\d+)?)%(?:(?P<or_less>"
    + OR_LESS
    + r")|(?P<or_more>"
    + OR_MORE
    + r")))\s*[.;]?\s*$",
    re.I,
)
_VERB_IN_NAME = re.compile(r"(?i)\b(?:shall|will|must|should|may|is|are|be|was|were)\b")


def _bounded_measure(text: str, aql: str) -> Level | None:
    m = _BOUNDED_MEASURE.match(text)
    if not m or _VERB_IN_NAME.search(m.group("name")) or _PRICED.search(text) or administrative(text):
        return None
    value = float(m.group("pct") or m.group("bare"))
    if not 0 < value <= 100:
        return None
    return Level(value, "percent", _bound_direction(m, "percent"))


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
            ("Permits issued within 10 working days: 90% or more", "", (90, "percent", 10)),
            ("Faults cleared within 6 hours - at least 97%", "", (97, "percent", 6)),
        ),
        negative=(
            ("All calls are answered within 20 seconds", ""),
            ("payment within 30 days", ""),
            # a share after the time with no bound is no share of the cases: a credit, a fee
            ("Critical faults within 4 hours, 10% credit", ""),
        ),
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
            # the share straight after the state: "available 99.5% at every site"
            ("The archive shall be available 99.5% at every site.", "", (99.5, "percent", None)),
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
            ("Service credits are available 10% of the monthly fees.", ""),
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
            ("97% of supplier payments shall be released on the scheduled date.", "", (97, "percent", None)),
            # the deadline as the items' own
            ("96% of grant claims are paid on their agreed dates.", "", (96, "percent", None)),
            # the share opened by its bound, the least or the most
            ("At least 96% of parcels leave the depot on the day they are booked.", "", (96, "percent", None)),
            ("No more than 3% of parcels are returned damaged in a month.", "", (3, "percent", None)),
            # what the class shall or may do, opened by a bound in other words
            ("At least 98% of nightly jobs shall finish unattended.", "", (98, "percent", None)),
            ("Fewer than 1% of orders may arrive incomplete.", "", (1, "percent", None)),
        ),
        negative=(
            ("5% of the monthly charge for each missed level", ""),
            ("20% of the payments shall be released upon signature", ""),
            ("12% of the Charges invoiced for the month are at risk", ""),
            ("10% of the fees paid in the prior year", ""),
            ("The credit is 8% of the total amount invoiced", ""),
            ("25% of the outstanding shares held by the Company", ""),
            ("50% of the credit is earned back after three good months", ""),
            ("25% of the fees shall fall due on signature", ""),
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
            # the scale in words, or as its range
            ("Trainee ratings shall be at least 3.5 on a four-point scale.", "", (3.5, "score", None)),
            ("Caller satisfaction must reach 8 on a scale of 0 to 10.", "", (8, "score", None)),
            # a comparison for the bound
            ("Repeat failures shall stay under 2% of repairs each month.", "", (2, "percent", None)),
            # "should" commits as "shall" does
            ("The rework rate should not exceed 3% of cases closed.", "", (3, "percent", None)),
            # the bound named with the rate, no modal of its own
            ("The Provider keeps a first-time fix rate of at least 85% in every quarter.", "", (85, "percent", None)),
            ("The platform delivers availability of 99.8% or more each month.", "", (99.8, "percent", None)),
            ("Agents work to an error rate of no more than 1.5% of orders keyed.", "", (1.5, "percent", None)),
            # a target or goal, or a guarantee, stated for the measure
            ("The target for billing accuracy is 99.2% or better.", "", (99.2, "percent", None)),
            ("Our goal is a first-visit fix share of 90% or more.", "", (90, "percent", None)),
            ("Portal availability is guaranteed at 99.7% in office hours.", "", (99.7, "percent", None)),
            # held at a share, and paperwork as the work processed rather than money
            ("Web uptime shall be maintained at 99.8% or better.", "", (99.8, "percent", None)),
            ("Invoice matching accuracy shall be at least 98.5% each month.", "", (98.5, "percent", None)),
            # the share stated bare, its direction the measure's own
            ("Core network availability will be 99.95% in each month.", "", (99.95, "percent", None)),
            ("The keying error rate will be 0.3% in each month.", "", (0.3, "percent", None)),
            # the measure's own better side, in words
            ("Order entry accuracy must be no worse than 99.2%.", "", (99.2, "percent", None)),
            ("The rework rate will be no worse than 1.5% in any month.", "", (1.5, "percent", None)),
            # a scale of a hundred points: the score is the whole number, never its last digits
            ("Mystery-shopper scores shall average 82 points or higher out of 100.", "", (82, "score", None)),
        ),
        negative=(
            ("The hourly rates shall not exceed 5% above the prior year's rates.", ""),
            ("Late amounts carry an interest rate of at least 2% a month.", ""),
            ("The price target is 5% below the list price.", ""),
            ("The interest rate on late amounts shall not exceed 1.5% per month.", ""),
            ("The error rate was reported at 3% in the last audit.", ""),
            ("The panel's scores shall be kept for 5 years.", ""),
            ("The performance bonus shall be 5% of the annual fee.", ""),
            ("The increase in rates shall be 3% above the index.", ""),
            ("The rating shall be at least 6 on a five-point scale.", ""),
        ),
    ),
    LevelRule(
        "a measure with its bound, no verb",
        _bounded_measure,
        positive=(
            ("Schedule slippage no more than 3%", "", (3, "percent", None)),
            ("Keying errors not to exceed 0.5%", "", (0.5, "percent", None)),
            ("First-pass yield of at least 97%", "", (97, "percent", None)),
            ("Rework 2% or less", "", (2, "percent", None)),
        ),
        negative=(
            ("Annual price increase no more than 3%", ""),
            ("Late payment interest no more than 1.5%", ""),
            ("The Supplier is liable for no more than 10%", ""),
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
            # the bound after the level
            ("Pick accuracy: 98% minimum", "", (98, "percent", None)),
            ("Time to first reply: 3 hours maximum", "", (3, "hours", None)),
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
            ("Supplier invoices shall be matched to receipts in at least 98% of cases.", "", (98, "percent", None)),
            ("The desk will close 80% of tickets at first contact.", "", (80, "percent", None)),
            # the people a service serves, each a case of it
            ("Pension statements shall be issued correctly for 99.5% of users.", "", (99.5, "percent", None)),
            ("The help desk resolves 75 percent of calls at first contact.", "", (75, "percent", None)),
            ("The Supplier shall ensure that no more than 3% of orders are shipped late.", "", (3, "percent", None)),
            ("The bureau shall ensure that 96% of remittances are posted on time.", "", (96, "percent", None)),
        ),
        negative=(
            ("A fee of 2% applies in 10% of cases where the invoice is late.", ""),
            ("The Supplier bears the cost in 50% of cases.", ""),
            ("The Customer shall pay 50% of the invoices on signature.", ""),
            ("Fees shall be charged in 20% of cases.", ""),
            ("The Supplier shall ensure that no more than 5% of the fees are paid in advance.", ""),
            ("The Supplier shall ensure that 90% of the charges are paid on time.", ""),
            ("The Client pays at least 30% of the invoices issued in advance.", ""),
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
        "deadline in the month",
        _day_of_month,
        positive=(
            (
                "The service report is issued no later than the third business day of each month.",
                "",
                (3, "business days", None),
            ),
            (
                "Asset registers are updated by the 12th working day of the following month.",
                "",
                (12, "business days", None),
            ),
            # a payroll service's own deadline is a level; paying the contract's charges is not
            ("Payroll is processed no later than the 5th business day of each month.", "", (5, "business days", None)),
        ),
        negative=(
            ("Invoices are payable by the tenth day of the following month.", ""),
            ("Amounts owed are payable no later than the 10th day of each month.", ""),
            ("The Customer pays the fees no later than the 15th day of each month.", ""),
            ("The steering group meets on the first Monday of each month.", ""),
        ),
    ),
    LevelRule(
        "time stated as its bound",
        _time_as_bound,
        positive=(
            ("Thirty minutes is the maximum time a caller waits in the queue.", "", (30, "minutes", None)),
            ("8 working hours is the longest any change request may stay unassigned.", "", (8, "business hours", None)),
            ("The mean time between failures of each server shall be at least 5,000 hours.", "", (5000, "hours", None)),
        ),
        negative=(
            ("60 days is the maximum notice period for termination.", ""),
            ("Five years is the maximum term of the licence.", ""),
            ("Meetings shall be held at least 30 days apart.", ""),
        ),
    ),
    LevelRule(
        "lead time before an event",
        _lead_time,
        positive=(
            (
                "Change schedules must be circulated at least three business days before each maintenance window.",
                "",
                (3, "business days", None),
            ),
            ("Rosters are to be issued no fewer than 48 hours ahead of every shift.", "", (48, "hours", None)),
        ),
        negative=(
            ("The Customer shall give at least 30 days' notice before any change of site.", ""),
            ("Either party may end the renewal by writing at least 60 days prior to the end of the term.", ""),
            ("The deposit shall be paid at least 10 days before the delivery date.", ""),
        ),
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
            ("Priority 1 faults are repaired in 6 hours or less.", "", (6, "hours", None)),
            ("The dispatch time for stock items shall always be two (2) days from the order.", "", (2, "days", None)),
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
            ("Zero unauthorised changes to the payroll master file", "", (0, "count", None)),
            ("No more than 1 missed shift absences per month", "", (1, "count", None)),
            ("0 missed pickups errors per week", "", (0, "count", None)),
            ("Not more than 2 substantiated complaints about the help line per month", "", (2, "count", None)),
            ("Missed-collection complaints from tenants not to exceed 3 per month", "", (3, "count", None)),
            ("Not to exceed 4 noted deficiencies in the quarterly fire inspection", "", (4, "count", None)),
            ("Fewer than 3 lost-baggage complaints per month", "", (2, "count", None)),
            # what is counted described at length, the period as a basis
            (
                "No more than 4 substantiated reports from shoppers of stale or mislabelled goods on the shelves "
                "and/or in the chillers on a monthly basis.",
                "",
                (4, "count", None),
            ),
        ),
        negative=(
            ("No amendment shall be effective unless in writing", ""),
            ("2 meetings per month", ""),
            ("In 3 incidents per month the vendor pays a credit", ""),
            ("No more than 3 extensions may be requested in a year", ""),
            ("The Supplier shall issue no more than 2 invoices per month", ""),
            ("Not more than 2 change requests may be raised per month", ""),
            ("The initial term shall not exceed 3 years", ""),
            # who may not do a thing is no count of it
            ("No unauthorized person may enter the plant room", ""),
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


# a measure kept within its bound by the party: "shall maintain availability at or above 99.9%", "will keep the
# abandonment rate below 5%" say what "availability shall be at or above 99.9%" says; the measure is made the
# subject so that every rule reads it as it reads the plain form
_KEPT_WITHIN = re.compile(
    r"(?i)\b(?P<modal>shall|will|must)\s+(?:keep|maintain|hold)\s+(?P<measure>(?:[\w-]+\s+){1,6}?)"
    r"(?P<bound>at\s+or\s+(?:above|below)\b|below\b|under\b|above\b|"
    r"(?:no|not)\s+(?:more|less|greater|higher|lower|longer|shorter)\s+than\b|at\s+(?:least|most)\b)"
)


# the period a standard holds in, said before it: "Each month, at least 97% of payments ...", "In every quarter, ..."
_PERIOD_FIRST = re.compile(
    r"(?i)^\s*(?:in\s+)?(?:each|every|any)\s+(?:calendar\s+)?(?:day|week|month|quarter|year|period)\s*,\s*"
)


def read_level(text: str, aql: str = "", rules: tuple[LevelRule, ...] = RULES) -> Level | None:
    """The first rule that reads a commitment in the text (normalised here), with the rule's name."""
    text, aql = normalise(text), normalise(aql)
    text = _PERIOD_FIRST.sub("", text)
    text = _KEPT_WITHIN.sub(lambda m: f"{m['measure']}{m['modal']} be {m['bound']}", text)
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


SENTENCE_CUE = re.compile(
    r"(?i)availab|uptime|respon|repl(?:y|ie)|resol|answer|restor|service level|\bSLA\b|severity|priority|complaints|"
    r"performance standard|serviceable|meet the standard|of the time|deployed|transactions|latency|throughput|"
    r"performance level|downtime|outage|accura|\bloss\b|\brate\b|\bscores?\b|satisf|backups?|accessib|"
    # a time measured as an average: "Average handling time ... below 6 minutes", "mean time to repair"
    r"\b(?:average|mean)\s+(?:[\w-]+\s+){0,3}?time\b|"
    # a deadline within the month: "... no later than the fifth business day of the following month"
    r"\bday\s+(?:of\s+(?:each|every|the\s+following|the\s+next)\s+(?:calendar\s+)?month\b|" + AFTER_MONTH_END + r")|"
    # a share done by a time or a date: "98% of payments are processed by the due date"
    r"\d%\s+of\s[^.;]{0,100}\b" + BY_A_DEADLINE + r"\b|\bwithin\s+\d[^.;]{0,100}\d\s*(?:%|percent|per\s+cent)\s+of\b|"
    r"\b(?:in|on|for)\s+(?:"
    + AT_LEAST
    + r"\s+)?\d{1,3}(?:\.\d+)?\s*%"
    + _OF_CASES
    # a bound on a share, whatever it measures: "first-time-right output of at least 96%", "no more than 4% of ..."
    + r"|\b(?:"
    + AT_LEAST
    + "|"
    + AT_MOST
    + r")\s+\d{1,3}(?:\.\d+)?\s*%"
    # a share a measure must stay on one side of: "abandonment shall be kept below 5%", "less than 2% of calls"
    + r"|\b(?:below|under|above|(?:less|lower|fewer|greater|higher)\s+than)\s+\d{1,3}(?:\.\d+)?\s*%"
    # a bound on a time, whatever is timed: "mean time to repair must not exceed 6 hours", "lead time shall not be
    # longer than ten (10) business days", "4 hours or less"
    + r"|\b(?:not\s+(?:to\s+)?exceed|(?:not|no)\s+(?:be\s+)?(?:longer|more|greater)\s+than)\s+(?:[a-z-]+\s+)?\(?\d+"
    r"(?:\.\d+)?\)?\s+(?:business\s+|working\s+|calendar\s+)?(?:seconds?|minutes?|hours?|days?)\b"
    r"|\b\d+(?:\.\d+)?\s+(?:business\s+|working\s+)?(?:seconds|minutes|hours|days)\s+(?:or\s+(?:less|fewer|shorter)"
    r"|maximum|max\b)"
    # a share to exceed or better: "the percentage of first-time-right documents shall exceed 96%", "a delivery
    # performance of 97% or higher", "a compliance of 98% must be achieved"
    # (a share written "97 percent" too: the cue reads the sentence before it is normalised)
    r"|\bexceed\w*\s+\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent\b)"
    r"|\d\s*(?:%|per\s*cent\b)\s+or\s+(?:more|higher|greater|better|above)\b"
    r"|\b(?:performance|compliance)\s+of\s+\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent\b)"
    # a thing to be done within a time: "password resets shall be completed within 30 minutes"
    r"|\b(?:shall|will|must|(?:is|are)\s+to)\s+be\s+[a-z]+ed\s+within\s+(?:\(?\d|(?:" + NUMBER_WORDS + r")\b)"
    # a measure the party keeps within a bound: "shall hold average handle time under 6 minutes"
    r"|\b(?:keep|maintain|hold)\s+(?:[\w-]+\s+){1,6}?(?:at\s+or\s+)?(?:below|under|above)\s+\(?\d"
    # a target or guarantee with its share: "the target for order accuracy is 99.5%", "guaranteed at 99.9%"
    + r"|\b(?:targets?|goals?|objectives?|guaranteed)\b[^.;%]{0,60}?\d{1,3}(?:\.\d+)?\s*%"
    # a time a thing takes, stated: "lead time shall be ten (10) days", "the cycle time is 4 hours"
    + r"|\btimes?\b[^.;]{0,60}?\b(?:is|are|be)\s+(?:[a-z-]+\s+)?\(?\d+(?:\.\d+)?\)?\s+(?:business\s+|working\s+)?"
    r"(?:seconds|minutes|hours|days)\b"
    # a time stated before its bound: "Thirty minutes is the longest a caller may be kept on hold"
    + r"|"
    + TIME_BEFORE_BOUND
    # a cap on what a period may bring, whatever it counts: "no more than 3 substantiated reports ... each month"
    + rf"|\b(?:no|not)\s+more\s+than\s+(?:\d+|{NUMBER_WORDS})\s[^.;]{{0,150}}\b(?:(?:per|each|during|in)\s+"
    r"(?:a\s+|any\s+|the\s+)?"
    r"(?:calendar\s+)?(?:week|month|quarter|year|period)|on\s+an?\s+(?:weekly|monthly|quarterly)\s+basis)\b"
)
# a sentence that opens with a share, or with the share's bound ("At least 96% of ...", "Fewer than 0.2% of ..."),
# states a standard, whatever its measure is called
OPENS_WITH_SHARE = re.compile(
    r"\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:" + SHARE_BOUND + r"\s+)?\d{1,3}(?:\.\d+)?\s*(?:%|percent\b)",
    re.I,
)
PLACEHOLDER = re.compile(r"\b[xX]%|\b[xX]\s+(?:minutes|hours|days|per)\b|INSERT AQL|_{3,}|\bas agreed\b", re.I)


@dataclass(frozen=True)
class FoundLevel:
    name: str
    level: Level
    page: int
    source: str
    severity: str | None = None
    window: str | None = None
    in_table: bool = False  # read from a table row (else from a sentence)


# "1% deviation", "No deviation", "2%", and "10% of the voice mail messages may be answered within 60 minutes"
AQL_ITEM = re.compile(
    r"(?i)\d{1,2}(?:\.\d+)?%\s*deviation|\bno deviation|^\s*\d{1,3}(?:\.\d+)?%\s*$"
    r"|^\s*\d{1,2}(?:\.\d+)?%\s+of\s+[\w\s-]{0,50}?\b(?:may|are|can)\b"
)
SHARES = re.compile(r"(?:\s*\d{1,3}(?:\.\d+)?\s*%)+\s*")
# what an AQL cell may say after its share: "95% compliance" is the share of cases that must comply
# (and before it a floor: "at least 95%", "minimum 95%"; after it what it is a share of: "95% of the time", "95% of
# tickets", "95% or better"), one grammar for the AQL column's cells and the AQL they state
_AQL_LEAD = r"(?:" + AT_LEAST + "|" + AT_LEAST_SIGN + r")\s*"
_AQL_TAIL = (
    r"\s*(?:compliance|compliant|conformance|accura\w*|or\s+(?:better|more|higher|above|greater)|of\s+(?:the\s+)?time"
    r"|of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:cases|tickets|requests|calls|items|orders|transactions|"
    r"instances|occurrences|inspections|samples|reports))\b"
)
AQL_WORDS = re.compile(r"(?i)" + _AQL_LEAD + r"(?=\d)|(?<=%)" + _AQL_TAIL)


# the period a sentence says its level is measured over: a window's own words, as a word of their own after a space
# or a comma ("in each calendar quarter", "measured weekly", not "bi-weekly"), a rolling twelve- or three-month
# period, "on a daily basis", or an annual survey or review; a "monthly report" is the report's (_REPORT_AFTER)
_STATED_WINDOW = re.compile(r"(?i)(?:^|[\s,])(?P<w>" + WINDOW_WORDS.removeprefix(r"\b") + r")")
_ROLLING = re.compile(
    r"(?i)\b(?:in|over|during)\s+(?:each|every|any|a)\s+(?:rolling\s+)?(?P<months>twelve|12|three|3)[\s-]month\s+period\b"
    r"|\bon\s+an?\s+(?P<basis>daily|weekly|monthly|quarterly|annual)\s+basis\b"
    r"|\b(?:each|every|the)\s+annual\s+(?:survey|review|assessment|audit)\b"
)


def stated_window(text: str) -> str | None:
    """The window a sentence states for its level, or None where it states none."""
    m = _ROLLING.search(text)
    if m:
        if m.group("months"):
            return "yearly" if m.group("months").lower() in ("twelve", "12") else "quarterly"
        return window_of_word(m.group("basis") or "annual")
    m = _STATED_WINDOW.search(text)
    return window_named(m) if m and not _REPORT_AFTER.match(text, m.end()) else None


# "a monthly report", "quarterly reviews": the report's frequency, not the level's window
_REPORT_AFTER = re.compile(r"(?i)\s+(?:performance\s+|service\s+)?(?:reports?|reviews?|meetings?|invoices?)\b")


def measurement_window(text: str) -> str | None:
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


PROSE_RULES = tuple(r for r in RULES if r.name not in ("standard with an acceptable quality level",))


def graded_level(g: GradedTime, page: int, in_table: bool) -> FoundLevel:
    level = Level(g.value, g.unit, "lower", rule=g.rule)
    return FoundLevel(f"{g.grade} - {g.measure}"[:300], level, page, g.source, severity=g.grade, in_table=in_table)


def plain_text(text: str) -> str:
    return " ".join(re.sub(r"[-–•●▪·]", " ", text).lower().split())
