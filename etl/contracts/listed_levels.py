"""Levels stated as a list under a lead-in: the sentence names the measure and which way it must go, each item
gives one case of it and its level.

    ... shall have at least the following availability, measured monthly:
      (a) during the first quarter after go-live: 98%;
      (b) thereafter: 99.5%.

Drafters use this form whenever one measure has a level per period, service, site or tier. The lead-in is read by
what it holds: a bound ("at least", "no less than", "a minimum of" make the level a floor; "no more than", "at
most", "within" a ceiling) or a "minimum"/"maximum" before the measure, and "the following" with the measure's
words up to the colon. The items are the enumerated lines after it ("(a)", "ii)", "1.", a bullet), each a label
and one level (a share, or a duration) on either side of a colon or dash, on its line or the next. The list ends
at the first enumerated line of another shape or at the next lead-in; lines without an enumerator between items
(a page footer) are passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.contracts.level_text import (
    AT_LEAST,
    AT_MOST,
    default_direction,
    join_wrapped_numbers,
    normalise,
    time_pattern,
    time_unit,
)

_FLOOR = AT_LEAST
_CEILING = AT_MOST + r"|within"
# "... at least the following uptime, measured monthly:" / "... the following minimum availability levels:" /
# "... availability shall be no less than the following:"
_LEAD_IN = re.compile(
    r"(?i)(?:(?P<bound>" + _FLOOR + "|" + _CEILING + r")\s+)?the\s+following\b\s*(?:(?P<side>minimum|maximum|"
    r"target|guaranteed)\s+)?(?P<measure>[^:.;]{0,160}?)\s*:\s*$"
)
_ENUMERATOR = r"(?:\(?(?:[ivx]{1,4}|[a-z]|\d{1,2})[.)]|[●•▪·*–-])"
_ITEM = re.compile(r"^\s*" + _ENUMERATOR + r"\s+(?P<body>.+)$", re.I)
_PCT = r"(?P<pct>\d{1,3}(?:\.\d+)?)%"
# a label, then its level: "Months 7-12 after launch: 99.4%", "Peak season - 4 hours"
_LABEL_VALUE = re.compile(
    r"^(?P<label>[^:]{2,160}?)\s*(?::|\s[–-])\s*(?:(?:"
    + _FLOOR
    + "|"
    + _CEILING
    + r")\s+)?(?:"
    + _PCT
    + "|"
    + time_pattern("t")
    + r")\s*[.;,]?\s*(?:and|or)?\s*$",
    re.I,
)
# the level first: "99.4% for months 7 to 12"
_VALUE_LABEL = re.compile(
    r"^(?:" + _PCT + "|" + time_pattern("t") + r")\s+(?:for|during|in|at|on)\s+(?P<label>[^:;]{2,160}?)\s*[.;,]?\s*"
    r"(?:and|or)?\s*$",
    re.I,
)
# what a lead-in calls the levels themselves, naming no measure
_GENERIC = re.compile(
    r"(?i)(?:(?:service\s+)?(?:levels?|values?|times?|targets?|standards?|limits?|periods?|durations?|thresholds?|"
    r"schedule|SLAs?)(?:\s+\w+)?)?"
)
# a share of what goes wrong: the lower the better
# a lead-in of money (a credit table, a royalty or price list) lists prices, never levels
_MONEY = re.compile(
    r"(?i)\b(?:credits?|charges?|fees?|prices?|invoice\w*|payments?|pay|discounts?|rebates?|royalt\w*|"
    r"commissions?|penalt\w*|liquidated|interest|rates? of)\b"
)
# what a lead-in without a bound must measure to head a list of levels
_MEASURE = re.compile(
    r"(?i)service\s+levels?|\bSLAs?\b|performance|availab|uptime|respon|resol|restor|latency|throughput|"
    r"turnaround|accuracy|satisfaction|answer|abandon|processing\s+times?|delivery\s+times?"
)


@dataclass(frozen=True)
class ListedLevel:
    measure: str
    label: str
    value: float
    unit: str
    direction: str
    source: str  # the lead-in and the item, as written

    @property
    def name(self) -> str:
        """The item's label under its measure; the label alone where the lead-in names service levels only."""
        if _GENERIC.fullmatch(self.measure):
            return self.label
        return f"{self.measure[:1].upper()}{self.measure[1:]} - {self.label}"


def listed_levels(text: str) -> list[ListedLevel]:
    """Every level of every lead-in list in a page's text."""
    lines = [" ".join(line.split()) for line in join_wrapped_numbers(text).splitlines()]
    lines = [line for line in lines if line]
    found: list[ListedLevel] = []
    i = 0
    while i < len(lines):
        lead = _lead_in(lines, i)
        if lead is None:
            i += 1
            continue
        measure, direction, lead_text, first = lead
        items, i = _items(lines, first)
        found += [
            ListedLevel(
                measure, label, value, unit, direction or default_direction(measure, unit), f"{lead_text} {text}"
            )
            for text, (label, value, unit) in items
        ]
    return found


def _lead_in(lines: list[str], i: int) -> tuple[str, str | None, str, int] | None:
    """The lead-in ending on line i (its sentence may start on earlier lines of a wrapped paragraph): measure,
    direction (None where no bound says it), the lead-in clause, and the index of the line after it."""
    if not lines[i].endswith(":"):
        return None
    start = i
    # a wrapped paragraph's lines run near the full width; a shorter one above is a heading or a list's last line
    while start > 0 and i - start < 4 and len(lines[start - 1]) >= 50 and not re.search(r"[.;:]$", lines[start - 1]):
        if _ITEM.match(lines[start]):
            break
        start -= 1
    sentence = normalise(" ".join(lines[start : i + 1]))
    item = _ITEM.match(sentence)
    clause = re.split(r"(?<=[.;])\s+", item.group("body") if item else sentence)[-1]
    m = _LEAD_IN.search(clause)
    if not m or _MONEY.search(clause):
        return None
    bound, side = (m.group("bound") or "").lower(), (m.group("side") or "").lower()
    if not (bound or side in ("minimum", "maximum") or _MEASURE.search(clause)):
        return None
    direction = None
    if bound or side in ("minimum", "maximum"):
        direction = "higher" if re.match(_FLOOR, bound) or side == "minimum" else "lower"
    return _measure(clause, m), direction, clause, i + 1


# words after "the following" that qualify rather than name: "... the following periods after a fault is logged",
# "... the following in every month"
_QUALIFIER = re.compile(
    r"(?i)^(?:(?:levels?|values?|times?|targets?|periods?|durations?|limits?|thresholds?|schedule)\b|"
    r"(?:in|after|for|during|at|on|each|every|per|from|of|when|where)\s)"
)
_VERB_TAIL = re.compile(r"(?i)\s+(?:apply|applies|are|is|shall|will|must|as follows)\b.*$")


def _measure(clause: str, m: re.Match) -> str:
    """What the list measures: the words after "the following" when they name it ("... the following minimum
    monthly availability:"), else the clause's subject ("Availability of the platform shall be ...") or what its
    verb does ("The Contractor shall restore service within ...")."""
    after = _VERB_TAIL.sub("", m.group("measure")).strip(" ,")
    if after and not _QUALIFIER.match(after):
        return after
    before = clause[: m.start()].strip()
    predicate = re.search(
        r"(?i)\b(?:shall|will|must)\s+(?!be\b|have\b|meet\b|achieve\b|keep\b|maintain\b|remain\b)"
        r"(?P<p>(?:[\w/-]+\s+){0,4}[\w/-]+)$",
        before,
    )
    if predicate:
        return predicate.group("p")
    subject = re.search(r"(?i)(?P<s>(?:[\w/-]+\s+){0,6}?[\w/-]+)\s+(?:shall|will|must)\b", before)
    if subject:
        return re.sub(r"(?i)^(?:the|a|an)\s+", "", subject.group("s"))
    return after


def _items(lines: list[str], first: int) -> tuple[list[tuple[str, tuple[str, float, str]]], int]:
    """The list's items from line `first` on, each its text and (label, value, unit), and the index of the first
    line after the list. An item's text runs over the lines until its level; lines after that and before the next
    enumerator (a page footer) are passed over. An enumerated line that never reaches a level, or a line ending in
    a colon (the next lead-in), ends the list."""
    items: list[tuple[str, tuple[str, float, str]]] = []
    body: list[str] | None = None
    item = None  # what the item being read states, once its text reaches a level
    started = j = first
    while j < len(lines) and j - first < 40:
        m = _ITEM.match(lines[j])
        if m:
            if body is not None:
                if item is None:
                    return items, started
                items.append(item)
            body, started = [m.group("body")], j
            item = _read_item(body)
        elif body is None:
            return items, j
        elif item is None:
            body.append(lines[j])
            item = _read_item(body)
        elif lines[j].endswith(":"):  # the next lead-in
            break
        j += 1
    if item is not None:
        items.append(item)
        started = j
    return [(text, read) for text, read in items if read[0]], started


def _read_item(body: list[str]) -> tuple[str, tuple[str, float, str]] | None:
    """An item's text and its (label, value, unit), or None while its text holds no level."""
    text = normalise(" ".join(body))
    m = _LABEL_VALUE.match(text) or _VALUE_LABEL.match(text)
    if not m:
        return None
    if m.group("pct"):
        value, unit = float(m.group("pct")), "percent"
        if not 0 < value <= 100:
            return None
    else:
        value, unit = float(m.group("t")), time_unit(m, "t")
    return text, (m.group("label").strip(" ,"), value, unit)


RULE_NAME = "levels listed under a lead-in"
# examples the tests run: each positive gives its first level as (name, value, unit, direction); each negative none
POSITIVE = (
    (
        "The hosted service shall achieve no less than the following availability:\n(a) in the pilot phase: 97%;\n"
        "(b) after acceptance: 99.5%.",
        ("Availability - in the pilot phase", 97.0, "percent", "higher"),
    ),
    (
        "Provider will meet the following Service Levels:\n1. Help desk answer time: 30 seconds\n"
        "2. Network availability: 99.9%",
        ("Help desk answer time", 30.0, "seconds", "lower"),
    ),
    (
        "Restoration shall be within the following times:\n- Head office sites - 4 hours\n- Branch sites - 1 day",
        ("Restoration - Head office sites", 4.0, "hours", "lower"),
    ),
)
NEGATIVE = (
    "The Supplier shall pay the following Service Credits:\n(a) first failure: 5%;\n(b) second failure: 10%.",
    "Royalties are due at the following rates:\n(i) net sales up to one million: 6%;\n(ii) above: 4%.",
    "The parties agree the following:\n(a) the term is 3 years;\n(b) notices go to the addresses below.",
    "Each party shall deliver the following documents:\n(a) a certificate of insurance;\n(b) the plan.",
)
