"""How levels are written in contracts: durations ("4 business hours", "15 mins") and numbers in words
("fifteen (15) minutes", "ninety-nine percent"), as every level reader sees them."""

from __future__ import annotations

import re

from etl.quantities import (
    GROUPED_DIGITS,
    NUMBER_WORD,
    NUMBER_WORDS,
    number_from_words,
    spelling_pattern,
    unit_spellings,
    units,
)

# each one-word spelling of a time unit (the seed `units`): "hrs" -> "hours", "workday" -> "business days"
TIME_UNITS = unit_spellings("time", one_word=True)
_TIME = (
    r"(?:\d+(?:\.\d+)?\s*(?:-|to)\s*)?(?P<{n}>\d+(?:\.\d+)?)\s*(?:(?:[A-Z][a-z]+\s+){{0,2}}(?P<{n}_biz>working|business|support|work)\s+|"
    r"(?P<{n}_cal>calendar)\s+)?(?P<{n}_unit>" + spelling_pattern(TIME_UNITS) + r")\b"
)


# What a share or count measures when less of it is better: errors, defects, abandoned calls, outages, a backlog
# ("Defect leakage 2%", "Call abandonment rate"). One vocabulary for every reader that must tell a level's
# direction without a sign; the time between failures is better longer.
LESS_IS_BETTER = re.compile(
    r"(?i)\b(?:error|defect|abandon|loss|leakage|rollback|(?<!between )failure|backlog|churn|downtime|outage|rework|"
    r"escape|latency|complaint)"
)
# ... and a time that is better longer: the mean time between failures
_LONGER_IS_BETTER = re.compile(r"(?i)\btime\s+between\b|\bmtbf\b")


def default_direction(name: str, unit: str) -> str:
    """The direction of a level written without a sign ("≥", "no more than"): a share or a score is better
    higher unless it measures what goes wrong, a time is better shorter unless it runs between failures, and a
    count is better lower when it counts what goes wrong."""
    kind = units()[unit].kind if unit in units() else None
    if kind == "time":
        return "higher" if _LONGER_IS_BETTER.search(name) else "lower"
    if kind == "count":
        return "lower" if LESS_IS_BETTER.search(name) or re.search(FAULTS, name, re.I) else "higher"
    return "lower" if LESS_IS_BETTER.search(name) else "higher"


# How a bound on a level is written before its number: the least it may be, or the most. One vocabulary for
# sentences, table cells, AQL cells and listed levels; each reader adds only what its place allows (a sign in a
# cell, "within" or "up to" before a time, a verb after a modal in a sentence).
AT_LEAST = r"(?:(?:no|not)\s+(?:less|lower)\s+than|at\s+least|(?:at\s+)?(?:a\s+)?minimum(?:\s+of|,)?|min\.|not\s+below)"
AT_MOST = (
    r"(?:(?:no|not)\s+(?:more|greater|higher|longer)\s+than|not\s+to\s+exceed|at\s+most|(?:a\s+)?maximum(?:\s+of)?"
    r"|max\.)"
)
# ... or after it: "4 hours or less", "99.5% or better"
OR_MORE = r"\s+or\s+(?:more|higher|greater|better|above)\b"
OR_LESS = r"\s+or\s+(?:less|lower|fewer|shorter|below|under)\b"
AT_LEAST_SIGN = r"(?:≥|>=|=>|>)"
AT_MOST_SIGN = r"(?:≤|<=|=<|<)"
# a bound written before a share: the least or the most, or a comparison ("at least 95% of", "fewer than 2% of")
SHARE_BOUND = r"(?:" + AT_LEAST + "|" + AT_MOST + r"|(?:fewer|less|more)\s+than)"


# What goes wrong, as a level counts it ("no more than 3 complaints a month", "zero defects", "No accidents"):
# one vocabulary for the count caps and the zero levels of tables and sentences
FAULTS = (
    r"(?:complaints?|incidents?|errors?|outages?|failures?|instances?|absences?|breaches|violations?|defects?|"
    r"deviations?|deficienc(?:y|ies)|discrepanc(?:y|ies)|accidents?|losses|mistakes?|injur(?:y|ies))"
)
# what went wrong, said of the thing it befell: "no parcels lost in transit", "no missed collections", "no late
# deliveries", "no damaged goods"; and what was done without leave, as security standards count it ("zero
# unauthorized disclosures", "no unauthorised access")
FAULTED = (
    r"(?:lost|missed|late|damaged|spoiled|unreported|unresolved"
    r"|unauthori[sz]ed\s+(?:access|disclosures?|uses?|entr(?:y|ies)|changes?|releases?))"
)
# ... of which none may happen: "no deviation" is a performance table's word for full compliance (a share of
# 100%, read elsewhere), not a count of zero
NONE_OF_FAULTS = r"(?!deviat)" + FAULTS


def time_pattern(name: str) -> str:
    return _TIME.format(n=name)


def time_unit(m: re.Match, name: str) -> str:
    base = TIME_UNITS[m.group(f"{name}_unit").lower()]
    if m.group(f"{name}_biz") and base in ("hours", "days"):
        return f"business {base}"
    return base


# A column's unit written in its header: "Target (%)", "Initial Response (in Hours)", "Fix time (working days)",
# "Expected level, hours". One grammar for every table reader; the unit by its name in the seed `units`.
_HEADER_UNITS = unit_spellings("share", "time", "score")
_HEADER_UNIT = (
    r"(?P<unit>(?:(?P<biz>business|working|support)\s+|calendar\s+)?(?:"
    + spelling_pattern(TIME_UNITS)
    + r")|"
    + spelling_pattern(_HEADER_UNITS)
    + r")"
)
_UNIT_IN_HEADER = (
    re.compile(r"(?i)\(\s*(?:in\s+)?" + _HEADER_UNIT + r"\s*\)"),
    re.compile(r"(?i),\s*(?:in\s+)?" + _HEADER_UNIT + r"\s*$"),
)


def header_unit(header: str) -> tuple[str, str] | None:
    """The unit a header gives its column, and the header without it: "Initial Response (in Hours)" ->
    ("hours", "Initial Response")."""
    for pattern in _UNIT_IN_HEADER:
        m = pattern.search(header)
        if m:
            written = " ".join(m.group("unit").lower().split())
            base = _HEADER_UNITS.get(written) or TIME_UNITS.get(written.split()[-1])
            if m.group("biz") and base in ("hours", "days"):
                base = f"business {base}"
            rest = " ".join((header[: m.start()] + " " + header[m.end() :]).split())
            return base, rest
    return None


_WORDS = "zero|" + NUMBER_WORD
# ("one half of one percent (0.5%)": the fraction's words are the number's too)
_NUMBER_TOKEN = r"(?:" + _WORDS + r"|hundred|and|point|one half|half of|half|tenths?|hundredths?|percent|per cent)"
_WORD_THEN_DIGITS = re.compile(
    r"\b"
    + _NUMBER_TOKEN
    + r"(?:[\s-]+"
    + _NUMBER_TOKEN
    + r")*\s*\(\s*(\d+(?:\.\d+)?)\s*(%?)\s*\)(\s*(?:percent|per cent))?",
    re.I,
)
# a number in words, whole: never its first words alone ("one hundred." is 100, not "1 hundred."), and before a
# letter, a bracket or the end of a clause
_WORD_NUMBER = re.compile(
    r"\b(zero|" + NUMBER_WORDS + r")\b(?![\s-]+(?:and[\s-]+)?" + NUMBER_WORD + r"\b)(?=\s*(?:\(|[A-Za-z]|[.,;:]|$))",
    re.I,
)


# A contact centre's notation of a share of contacts answered within a time: "80/20" is 80% of calls answered within
# 20 seconds, "90/24h" 90% of e-mails within 24 hours (seconds unless written). The share is 50 or more, and a time
# in seconds at least 5, so that neither "24/7" nor a fraction reads so
_ANSWERED = re.compile(
    r"(?i)(?<![\d/.])(?P<n>[5-9]\d|100)\s*/\s*(?P<t>\d{1,3})\s*(?P<u>s|secs?|seconds|m|mins?|minutes|h|hrs?|hours)?"
    r"(?![\w/])"
)
_ANSWERED_UNITS = {"s": "seconds", "m": "minutes", "h": "hours"}
# what a sentence in that notation speaks of
_CONTACTS = re.compile(r"(?i)\bservice\s+level|\banswer|\bcalls?\b|\be-?mails?\b|\bchats?\b|\bcontacts?\b")
# the times of a call, which a contact centre writes as m:ss ("Average Handle Time 6:30")
CALL_TIME = re.compile(
    r"(?i)\bhandl(?:e|ing)\s+time|\btalk\s+time|\bhold\s+time|\bwrap|after[- ]call|\bAHT\b|speed\s+of\s+answer|\bASA\b"
)
_MINUTES_SECONDS = re.compile(r"(?<![\d:.])(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?![\d:])")


def answered(text: str, whole: bool = False) -> re.Match | None:
    """The notation in the text (the whole text, where `whole`), if the share and the time pass its bounds."""
    m = _ANSWERED.fullmatch(text) if whole else _ANSWERED.search(text)
    return m if m and (m["u"] or int(m["t"]) >= 5) else None


def answered_unit(m: re.Match) -> str:
    return _ANSWERED_UNITS[(m["u"] or "s")[0].lower()]


def contact_centre_plainly(text: str) -> str:
    """A sentence's contact-centre notation as the level rules read it: "a service level of 80/20" -> "a service
    level of 80% within 20 seconds", and a call time "6:30" -> "6.5 minutes"."""
    # (the cheap tests first: most text holds neither a slash between numbers nor a clock face)
    if "/" in text and _CONTACTS.search(text):
        text = _ANSWERED.sub(
            lambda m: f"{m['n']}% within {m['t']} {answered_unit(m)}" if m["u"] or int(m["t"]) >= 5 else m[0], text
        )
    if ":" in text and CALL_TIME.search(text):
        text = minutes_and_seconds(text)
    return text


def minutes_and_seconds(text: str) -> str:
    """`text` with its clock faces read as a call's minutes and seconds: "6:30" -> "6.5 minutes"."""
    return _MINUTES_SECONDS.sub(lambda m: f"{int(m['m']) + int(m['s']) / 60:g} minutes", text)


def normalise(text: str) -> str:
    """One line, digits for numbers: 'ninety-nine percent (99%)' -> '99%', 'fifteen (15) minutes' -> '15 minutes',
    'within eight working hours' -> 'within 8 working hours', '99.7 percent' -> '99.7%'."""
    text = " ".join(text.replace("\u00a0", " ").split())

    def digits(m: re.Match) -> str:
        words = m.group(0)[: m.group(0).index("(")].lower()
        percent = m.group(2) or m.group(3) or "percent" in words or "per cent" in words
        return m.group(1) + ("%" if percent else "")

    text = _WORD_THEN_DIGITS.sub(digits, text)
    text = _WORD_NUMBER.sub(
        lambda m: str(number_from_words(m.group(1))) if number_from_words(m.group(1)) is not None else m.group(0),
        text,
    )
    text = _DECIMAL_IN_WORDS.sub(
        lambda m: m.group(1) + "." + "".join(_DIGIT.get(d.lower(), d) for d in m.group(2).split()), text
    )
    text = re.sub(r"(\d)\s*(?:percent|per cent)\b", r"\1%", text, flags=re.I)
    text = re.sub(r"(\d)\s+%", r"\1%", text)
    return contact_centre_plainly(RATIO.sub(_ratio_as_share, text))


# "ninety-nine point five": the words become "99 point 5", the decimal "99.5"; digits after the point are read
# one by one ("point zero five"), as they are spoken
_DIGIT = {
    w: str(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))
}
_DECIMAL_IN_WORDS = re.compile(r"\b(\d+)\s+point((?:\s+(?:\d|" + "|".join(_DIGIT) + r"))+)\b", re.I)
# a share written as a ratio: "99 out of every 100 runs", "1 in 200 shipments", "2 in every 1,000 transactions", "49
# of every 50 nights" ("of" only before "every" or "each": "4 of 5" is a score on its scale). The whole is 10 or
# more and things, not a time ("1 in 5 years", "Priority 1 in 4 hours" are no ratios), and a grade's number is no
# part ("Severity 1 in 24 hours")
RATIO = re.compile(
    r"(?<![\w.])(?<!Priority )(?<!Severity )(?<!Level )(?P<n>\d+(?:\.\d+)?)\s+"
    r"(?:(?:out\s+of|in)\s+(?:every\s+|each\s+)?|of\s+(?:every|each)\s+)"
    r"(?P<m>(?=[1-9])" + GROUPED_DIGITS + r"|[1-9]\d+)\s+(?!(?:" + spelling_pattern(TIME_UNITS) + r")\b)(?=[a-z])",
    re.I,
)


def _ratio_as_share(m: re.Match) -> str:
    part, whole = float(m.group("n")), float(m.group("m").replace(",", ""))
    if part > whole:
        return m.group(0)
    return f"{100 * part / whole:.6g}% of "


# "within twenty-four\n(24) hours": a number's digits wrapped onto the next line, where "(24)" would read as the
# line's enumerator
_DIGITS_OPEN_LINE = re.compile(r"\r?\n(?=[ \t]*\(\s*\d+(?:\.\d+)?\s*%?\s*\))")
_ENDS_WITH_NUMBER_WORD = re.compile(r"\b(?:" + _WORDS + r")[ \t]*$", re.I)


def join_wrapped_numbers(text: str) -> str:
    """Text with a number word and its digits in parentheses back on one line. Lines opening with digits in
    parentheses are found first (rare), then the word before each is checked: a page is scanned once, cheaply."""

    def join(m: re.Match) -> str:
        before = m.string[max(0, m.start() - 30) : m.start()]
        return " " if _ENDS_WITH_NUMBER_WORD.search(before) else m.group(0)

    return _DIGITS_OPEN_LINE.sub(join, text)


# "within two (2) hours (subject to the vendor's normal business hours)": the clock runs in business hours
_BUSINESS_CLOCK = re.compile(
    r"^\s*\(?\s*(?:subject to|during|in)\s+(?:the\s+|its\s+|their\s+)?(?:\w+['’]s\s+)?(?:normal\s+)?business\s+hours",
    re.I,
)


def clock_unit(text: str, m: re.Match) -> str:
    """The unit of the duration `m` (group "t") found in text, in business time where what follows says so."""
    unit = time_unit(m, "t")
    if unit in ("hours", "days") and _BUSINESS_CLOCK.match(text[m.end() : m.end() + 80]):
        return f"business {unit}"
    return unit


# The windows a level is measured over, as a cell or a phrase names them: "Monthly", "Annually", "per week", "each
# calendar month", "every quarter". One vocabulary for the table, line, prose and sentence readers.
_WINDOW_NAMES = {
    "day": "daily",
    "daily": "daily",
    "week": "weekly",
    "weekly": "weekly",
    "month": "monthly",
    "monthly": "monthly",
    "quarter": "quarterly",
    "quarterly": "quarterly",
    "year": "yearly",
    "annum": "yearly",
    "annual": "yearly",
    "annually": "yearly",
    "yearly": "yearly",
}
WINDOW_WORDS = (
    r"\b(?:(?P<adverb>monthly|quarterly|weekly|daily|annually|yearly)"
    r"|(?:per|each|every)\s+(?:calendar\s+)?(?P<period>day|week|month|quarter|year|annum))\b"
)


def window_named(m: re.Match) -> str:
    """The window a match of WINDOW_WORDS names."""
    return window_of_word(m.group("adverb") or m.group("period"))


def window_of_word(word: str) -> str:
    """The window a period or its adverb names: "quarter" and "quarterly" -> quarterly, "annual" -> yearly."""
    return _WINDOW_NAMES[word.lower()]
