"""Service levels in sentences: the grammar in `level_rules` applied to each sentence (or clause) of a page, a
level named by what it measures, and the texts read per grade or as a list of measures."""

from __future__ import annotations

import re
from dataclasses import replace

from etl.contracts.graded_levels import text_times
from etl.contracts.level_rules import (
    LABEL,
    MEASURE_NOUN,
    MODAL,
    MODAL_VERB,
    OPENS_WITH_SHARE,
    PLACEHOLDER,
    SENTENCE_CUE,
    TIME_BEFORE_BOUND,
    FoundLevel,
    Level,
    LevelRule,
    administrative,
    graded_level,
    measurement_window,
    plain_text,
    read_level,
    stated_window,
    states_lead_time,
)
from etl.contracts.level_tables import grade_levels
from etl.contracts.level_text import (
    AT_LEAST,
    AT_MOST,
    RATIO,
    SHARE_BOUND,
    TIME_UNITS,
    contact_centre_plainly,
    join_wrapped_numbers,
    normalise,
    time_pattern,
)
from etl.contracts.listed_levels import RULE_NAME as LISTED_RULE
from etl.contracts.listed_levels import listed_levels
from etl.pdf_document import PdfPage
from etl.quantities import GRADE, NUMBER_WORDS

_PERCENT_IN_WORDS = re.compile(r"(?i)(?:\b" + NUMBER_WORDS + r"[\s-]+|\d\s*)per\s?cent\b")
# a ratio whose numbers are in words: "one (1) in every fifty (50) orders"
_RATIO_IN_WORDS = re.compile(r"(?i)\b(?:out\s+of|in|of)\s+(?:every|each)\s+" + NUMBER_WORDS + r"\b")


def prose_levels(page: PdfPage, rules: tuple[LevelRule, ...]) -> list[FoundLevel]:
    found = []
    text = join_wrapped_numbers(page.text)
    # sentences left under a "Performance measures:" heading: each states a measure, whatever its words
    listed = 0
    standard: tuple[str, int | None] | None = None  # a labelled standard, and where its level went, for its AQL
    alone = False  # whether the last sentence stated one level, which a floor in the next may belong to
    for chunk in _SENTENCE_BREAK.split(text):
        sentence = " ".join(chunk.split())
        listed = max(listed - 1, 0)
        if alone and _FLOOR_ALONE.match(sentence):  # "...within 8 hours; the Minimum Service Level is 85%."
            found[-1] = replace(found[-1], level=with_floor(found[-1].level, sentence))
            alone = False
            continue
        alone = False
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
        # a share in words, with its sign in words or as a ratio is a share: "Ninety-eight percent of ...", "98
        # percent of ..." and "98 out of 100 ..." are cued and judged as "98% of ..." is
        in_words = _PERCENT_IN_WORDS.search(sentence) or _RATIO_IN_WORDS.search(sentence)
        digits = normalise(sentence) if in_words or RATIO.search(sentence) else contact_centre_plainly(sentence)
        cued = listed or SENTENCE_CUE.search(digits) or OPENS_WITH_SHARE.match(digits) or states_lead_time(sentence)
        if len(sentence) < 12 or len(sentence) > 600 or not cued:
            continue
        if PLACEHOLDER.search(sentence) or administrative(digits) or _NOT_THE_VENDORS.search(sentence):
            continue
        # a heading the text layer ran into the sentence is no part of it: "SERVICE LEVELS Target: 95% of ..."
        # a list item's bullet is no part of what it says ("• Availability: 99.5%" names "Availability")
        levels = _sentence_levels(
            _BULLET.sub("", _HEADING_LEAD.sub("", sentence, count=1), count=1), page.number, rules
        )
        found += levels
        alone = len(levels) == 1
        if standard is not None and len(levels) == 1:
            standard = (standard[0], len(found) - 1)
    return found


def _sentence_levels(sentence: str, page: int, rules: tuple[LevelRule, ...]) -> list[FoundLevel]:
    """The commitments of one sentence: one per grade it lists, one per clause where its clauses each state one,
    else the one the whole sentence states."""
    grades = grade_levels(sentence, "")
    if len(grades) >= 2:  # "Priority 1 incidents: 2 hours * Priority 2 incidents: 4 hours": a list, one level each
        return [
            FoundLevel(f"{sentence[:200]} (priority {g})", lvl, page, sentence, severity=f"priority {g}")
            for g, lvl in grades
        ]
    reading = _without_planned_work(sentence)
    parts = _clauses(reading)
    clauses = [(c, lvl) for c in parts if (lvl := read_level(c, "", rules)) is not None] if len(parts) > 1 else []
    names = [_CLAUSE_OPENING.sub("", c) for c, _ in clauses]
    if len(clauses) < 2 and (coordinated := _coordinated(reading)):
        # every level the sentence coordinates must read, or it is one commitment after all
        clauses = [(c, lvl) for c in coordinated if (lvl := read_level(c, "", rules)) is not None]
        clauses = clauses if len(clauses) == len(coordinated) else []
        names = [_sentence_name(c) for c, _ in clauses]
        if len(set(names)) < len(names):  # one measure in two places or windows: each named by where or when
            names = [f"{n} {_where(c)}".strip() for n, (c, _) in zip(names, clauses, strict=True)]
    if len(clauses) < 2:  # one commitment: read with its whole sentence, and the floor it may state beside it
        level = read_level(reading, "", rules)
        clauses = [(reading, with_floor(level, reading))] if level is not None else []
        names = [_sentence_name(reading)] if level is not None else []
    found = []
    for (clause, level), name in zip(clauses, names, strict=True):
        severity = GRADE.search(clause)
        found.append(
            FoundLevel(
                name[:300],
                level,
                page,
                sentence,
                severity=severity.group(0) if severity else None,
                window=stated_window(clause),
            )
        )
    return found


# a floor stated beside a commitment's level: labelled ("the Minimum Service Level is 97%", "97% (Minimum)"), or
# a bound no result may pass ("and in no event less than 99.5%", "it must never exceed 8%"), whose words say which
# way the level runs
_FLOOR_VALUE = r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%|per\s?cent\b|(?:" + "|".join(TIME_UNITS) + r")\b)?"
_FLOOR_LABELLED = re.compile(
    r"(?i)\bminimum(?:\s+service)?(?:\s+level)?(?:\s+(?:is|of|being|shall\s+be|will\s+be))?\s*:?\s*"
    + _FLOOR_VALUE
    + r"|"
    + _FLOOR_VALUE.replace("?P<v>", "?P<v2>").replace("?P<u>", "?P<u2>")
    + r"\s*\(\s*minimum\b"
)
# a sentence that states a floor and nothing else
_FLOOR_ALONE = re.compile(
    r"(?i)^\W*(?:and\s+)?(?:the\s+)?minimum(?:\s+service)?(?:\s+level)?\s+(?:is|of|shall\s+be|will\s+be|:)\s*"
    + _FLOOR_VALUE
    + r"\W*$"
)
_NEVER = r"\b(?:in\s+no\s+(?:event|case|circumstances?|month|period)|never|at\s+no\s+time|not|no)\b[^.;%\d]{0,30}?"
_FLOOR_BELOW = re.compile(r"(?i)" + _NEVER + r"\b(?:less\s+than|below|lower\s+than|under)\s+" + _FLOOR_VALUE)
_FLOOR_ABOVE = re.compile(
    r"(?i)" + _NEVER + r"\b(?:exceed|more\s+than|above|greater\s+than|longer\s+than|higher\s+than)\s+" + _FLOOR_VALUE
)


def with_floor(level: Level, sentence: str) -> Level:
    """The level with the minimum its sentence states beside the target, where it states one on the level's
    worse side and in its unit; else as read (a single threshold, its own minimum)."""
    if level.minimum is not None:
        return level
    bound = _FLOOR_BELOW if level.direction == "higher" else _FLOOR_ABOVE
    for m in [*_FLOOR_LABELLED.finditer(sentence), *bound.finditer(sentence)]:
        value, unit = (m.group("v"), m.group("u")) if m.group("v") else (m.group("v2"), m.group("u2"))
        if unit is not None and _floor_unit(unit) != level.unit:
            continue
        floor = float(value)
        if floor != level.target and (floor < level.target) == (level.direction == "higher"):
            return replace(level, minimum=floor)
    return level


def _floor_unit(written: str) -> str:
    low = written.lower()
    return "percent" if low == "%" or low.startswith("per") else TIME_UNITS.get(low, low)


# "and" between two levels, where both sides hold a number: not inside "between 8:00 and 18:00" or "4 hours and 30
# minutes"
_AND = re.compile(
    r"(?i)(?<!\bbetween\s\d)(?<!\bbetween\s\d\d)(?:\s*,\s*|\s+)and\s+(?!\(?\d[\d.]*\s*(?:"
    + "|".join(TIME_UNITS)
    + r")\b)(?![^,;]*\bbetween\b)"
)
# where a level's value starts: its bound or its number
_LEVEL_START = re.compile(
    r"(?i)\b(?:" + AT_LEAST + "|" + AT_MOST + r"|within|in\s+under|under|below|above)\s+(?=\(?\d)|(?<![\w.:])\d"
)
# the class a share is of, before the modal: "95% of calls shall ..."
_OF_CLASS = re.compile(r"(?i)%\s+(?P<of>of\s+[^,;%]{1,60}?)\s+" + MODAL)


# what follows a level's value in its clause: "... 99.5% during business hours" -> "during business hours"
_AFTER_VALUE = re.compile(
    r"(?i)(?:%|\b(?:" + "|".join(TIME_UNITS) + r")\b)\s*(?:of\s+the\s+time\s*)?(?P<where>[^%,;]*?)\s*$"
)


def _where(clause: str) -> str:
    m = _AFTER_VALUE.search(clause)
    return m.group("where") if m else ""


def _coordinated(sentence: str) -> list[str]:
    """The levels of a sentence that states a second one by leaving out what it shares with the first, each as a
    clause of its own with what was left out put back: "Availability shall be at least 99.5% in business hours
    and at least 98% outside them" -> "... at least 98% outside them"; "Email shall receive a reply within 4
    hours, and letters within 5 days" -> "letters shall receive a reply within 5 days"; "95% of calls shall be
    answered within 20 seconds and no more than 3% shall be abandoned" -> "no more than 3% of calls shall be
    abandoned". [] where the sentence coordinates no second level."""
    cuts = [m for m in _AND.finditer(sentence) if re.search(r"\d", sentence[: m.start()])]
    cuts = [m for m in cuts if re.search(r"\d", sentence[m.end() :])]
    if not cuts:
        return []
    first = sentence[: cuts[0].start()]
    modal = re.search(MODAL, first)
    start = modal and _LEVEL_START.search(first, modal.end())
    if not start:
        return []
    subject, predicate = first[: modal.start()].strip(), first[modal.start() : start.start()].strip()
    of_class = _OF_CLASS.search(first)
    out = [first]
    ends = [m.start() for m in cuts[1:]] + [len(sentence)]
    for cut, end in zip(cuts, ends, strict=True):
        part = sentence[cut.end() : end].strip(" .;")
        if re.search(MODAL, part):
            # its own verb; a share of the same class as the first: "no more than 3% shall be abandoned"
            share = re.search(r"\d%(?!\s+of\b)", part)
            if share and of_class:
                part = f"{part[: share.end()]} {of_class.group('of')}{part[share.end() :]}"
            out.append(part)
            continue
        level = _LEVEL_START.search(part)
        if not level:
            return []
        own_subject = part[: level.start()].strip()
        out.append(f"{own_subject or subject} {predicate} {part[level.start() :]}")
    return out


# a bound on planned work is an exclusion from a level, not a level: "Scheduled maintenance shall not exceed 8
# hours in any month", "available 99.5% of each month, excluding scheduled maintenance, which shall not exceed 8
# hours" (the shared development set's convention: the cap qualifies the availability it leaves it out of)
_PLANNED_WORK_BOUND = re.compile(
    r"(?i)\b(?:scheduled|planned)\s+(?:maintenance|downtime|outages?)\b[^.;]{0,80}?\b(?:"
    + AT_MOST
    + r"|not\s+exceed|limited\s+to|up\s+to|within)\s+"
    + time_pattern("t")
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
# the marks a list item opens with, as text layers keep them
_BULLETS = "●•Ø·*▪◦‣"
# where a sentence or a list item ends; "a.m." and "p.m." end one only before a capital ("by 6:00 a.m. each day")
_SENTENCE_BREAK = re.compile(
    r"(?<=[.;])(?<![ap]\.m\.)\s+|(?<=[ap]\.m\.)\s+(?=[A-Z])"
    r"|\n(?=\s*(?:[" + _BULLETS + r"-]|\(?[a-z0-9]{1,3}[.)])\s)|\n\s*\n"
)
_BULLET = re.compile(r"^\s*[" + _BULLETS + r"]\s*")
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
    sentence = contact_centre_plainly(_HEADING_LEAD.sub("", sentence, count=1))
    # (a text layer may close the term with an opening quote)
    defined = re.match(r"(?i)\s*(?:the\s+)?[“\"]([^”“\"]{3,80})[”“\"]\s+(?:means|shall\s+mean)\b", sentence)
    if defined:  # 'The "Teller Response Time Service Level" means that ...': the term it defines
        return defined.group(1).strip()
    label = re.match(LABEL, sentence)
    if label and MEASURE_NOUN.search(label.group("name")) and not re.search(MODAL, label.group("name"), re.I):
        return label.group("name").strip()
    share = _SHARE_OF_CLASS.match(normalise(sentence))
    if share:  # "At least 92% of new starters shall receive ...": the class and what must happen to it
        return f"{share.group('cls')} {share.group('what')}"
    bound_first = _TIME_FIRST.match(sentence)
    if bound_first:  # "Two hours is the maximum time allowed to restore ...": the time it bounds
        return "time " + bound_first.group("what")
    modal = re.search(MODAL, sentence, re.I) or _REQUIRED.search(sentence)
    if not modal:
        return sentence
    subject = _CLAUSE_OPENING.sub("", sentence[: modal.start()]).strip(" ,")
    if not subject or re.match(r"\d", subject):  # a share of items names neither a measure nor a party
        return sentence
    if len(subject) <= 80 and MEASURE_NOUN.search(subject):
        return _OF_LEVEL.sub("", subject)  # "Billing accuracy of at least 99%": the level is no part of the name
    duty = sentence[modal.end() :].strip().rstrip(".;")
    # the party as the subject ends it: "The Service Provider", not "Vendor invoices"
    if len(subject.split()) <= 4 and _PARTY.search(subject.split()[-1]):
        return _duty_name(duty)
    done = _done_to(duty)
    return f"{subject} {done}" if len(subject) <= 80 and done else sentence


def _duty_name(duty: str) -> str:
    """A level named by the duty of the party that is a sentence's subject: the measure it keeps, what it ensures,
    else its duty up to the level's own words ("resolve 95% of P1 incidents within 4 hours")."""
    kept = _KEPT_MEASURE.match(duty)
    if kept and MEASURE_NOUN.search(kept.group("measure")):
        return kept.group("measure")  # "achieve a data accuracy rate of at least 99.5%": the rate it keeps
    ensured = _ENSURED.match(duty)
    if ensured:  # "ensure that the portal is available for ...": what the party ensures, named as a sentence
        what = ensured.group("what")
        named, state = _sentence_name(what), _IN_STATE.match(what)
        if named != what:
            return named
        if state:
            return f"{state['subject']} {state['state']}"
    return _NAME_TAIL.sub("", duty)


# what a party ensures: "ensure that the Hosted Platform is available ...", "procure that ..."
_ENSURED = re.compile(r"(?i)(?:ensure|procure|warrant)\s+that\s+(?P<what>.+)$")
# ... in a state: "the Hosted Platform is Available for ...", "all servers remain patched ..."
_IN_STATE = re.compile(
    r"(?i)(?:the\s+|all\s+)?(?P<subject>[^,;]{3,60}?)\s+(?:is|are|remains?|stays?)\s+(?P<state>[a-z]\w+)"
)
# a duty's own words end before a parenthesis or a second clause: "... each month (Minimum Service Level: 97%)",
# "... at or below 5% in each month, and it must never exceed 8%"
# (a number in parentheses is part of it: "within fifteen (15) minutes"; so is a list of things done, "cause,
# corrective action, and actions to prevent ...")
_NAME_TAIL = re.compile(
    r"(?i)\s*(?:\((?!\s*\d+(?:\.\d+)?\s*\))|,\s*(?:and|but)\s+(?=[^,]{0,40}?\b(?:shall|must|will|never|may)\b)|;).*$"
)
# a level written into the subject: "... of at least 99%"
_OF_LEVEL = re.compile(r"(?i)\s+of\s+(?:" + SHARE_BOUND + r"\s+)?\d{1,3}(?:\.\d+)?\s*%$")
# a time stated before its bound: "Four business hours is the longest a Priority 2 ticket may wait for ..."
_TIME_FIRST = re.compile(r"(?i)" + TIME_BEFORE_BOUND + r"\s+(?:time\s+)?(?P<what>[^.;]{3,120}?)\s*\.?$")
# "is required within": what is required is the subject, as before a modal
_REQUIRED = re.compile(r"(?i)\b(?:is|are)\s+required\s+(?=(?:within|by|in)\b)")
# a share of a class opening the sentence: "At least 92% of new starters shall receive ...", "No more than 1.5% of
# payslips may contain an error in any pay period" (read on the sentence with its numbers as digits); besides the
# modals a share's verb may be a plain "may" or "is": the share itself is the bound
_SHARE_OF_CLASS = re.compile(
    r"(?i)^\s*(?:" + SHARE_BOUND + r"\s+)?\d{1,3}(?:\.\d+)?%\s+of\s+"
    r"(?:the\s+|all\s+)?(?P<cls>[^.;%]{2,80}?)\s+(?:" + MODAL_VERB + r"|may|is|are)"
    r"\s+(?:not\s+)?(?:be\s+)?(?P<what>[^.;%]{2,120}?)\s*[.;]?\s*$"
)
# where the level itself begins in what must be done: its share ("... within 3 days for 95% of invoices"), else its
# bound or its time ("... within 24 hours of a request", "... no later than the fifth day")
_SHARE_BEGINS = re.compile(r"(?i)\s+(?:for|in|on)\s+(?:(?:" + AT_LEAST + r"|no\s+fewer\s+than)\s+)?\d{1,3}(?:\.\d+)?%")
_BOUND_BEGINS = re.compile(r"(?i)\s+(?:" + AT_LEAST + "|" + AT_MOST + r"|no\s+(?:later|fewer)\s+than|within|by)\s")


# the share right after what is done: "be available 99.9% of the time"
_SHARE_AFTER = re.compile(r"\s+(?=\d{1,3}(?:\.\d+)?\s*%)")


def _done_to(duty: str) -> str:
    """What must happen to the subject, without its "be" and without the level: "be adjudicated within 10 days in
    90% of cases" -> "adjudicated within 10 days"; "be shipped within 24 hours of a request" -> "shipped"."""
    duty = re.sub(r"(?i)^be\s+", "", duty)
    end = _SHARE_BEGINS.search(duty) or _BOUND_BEGINS.search(duty) or _SHARE_AFTER.search(duty)
    done = duty[: end.start()] if end else ""
    # a preposition the level's bound followed ("... banners in no more than 2 days") goes with it, and so does a
    # share before the bound ("answered to a service level of 80% within 20 seconds")
    done = re.sub(r"(?i)\s+(?:of\s+)?\d{1,3}(?:\.\d+)?%$", "", done)
    done = re.sub(r"(?i)(?:\s+(?:in|on|at|by|for|to|within|of|a|an|the))+\s*$", "", done).strip(" ,")
    return done if 0 < len(done.split()) <= 12 else ""


# a measure the party must keep at a level: "achieve a data accuracy rate of ...", "maintain an average speed of
# answer of ..." (the measure's own "of" stays in it: the last "of" before the level is the bound's)
_KEPT_MEASURE = re.compile(
    r"(?i)(?:achieve|maintain|attain|sustain|meet|deliver|keep)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?P<measure>[\w-]+(?:\s+[\w-]+){0,7}?)\s+(?:of|at\s+or\s+(?:below|above|under)|below|under|within)\s+"
    r"(?:(?:" + AT_LEAST + "|" + AT_MOST + r")\s+)?\d"
)


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


def graded_text(page: PdfPage, found: list[FoundLevel], in_tables: str) -> list[FoundLevel]:
    """Times per grade in the page's text that no table of the page holds: a grade is known by its number, as a
    table's grade cell ("P1") and the text's run of that row ("P1 Critical outage 15 min") name it differently."""
    known = {(_grade_number(f.severity), f.level.target, f.level.unit) for f in found}
    return [
        graded_level(g, page.number, in_table=False)
        for g in text_times(page.text)
        if (_grade_number(g.grade), g.value, g.unit) not in known and plain_text(g.source)[:60] not in in_tables
    ]


def _grade_number(grade: str | None) -> str | None:
    m = GRADE.search(grade or "")
    return m.group("n") if m else grade


def listed_text(page: PdfPage, found: list[FoundLevel], in_tables: str) -> list[FoundLevel]:
    """Levels listed under a lead-in in the page's text that no table or grade reader of the page holds."""

    def read_already(item) -> bool:
        label = plain_text(item.label)[:60]
        return label in in_tables or any(
            (f.level.target, f.level.unit) == (item.value, item.unit) and label in plain_text(f.source) for f in found
        )

    return [
        FoundLevel(
            item.name[:300],
            Level(item.value, item.unit, item.direction, rule=LISTED_RULE),
            page.number,
            item.source,
            severity=grade.group(0) if (grade := GRADE.search(item.label)) else None,
            window=measurement_window(item.measure),
        )
        for item in listed_levels(page.text)
        if not read_already(item)
    ]


def listed_item(f: FoundLevel, listed: list[FoundLevel], plain: str) -> bool:
    """Whether a sentence's level is an item of a list already read with its lead-in."""
    return any(
        (g.level.target, g.level.unit) == (f.level.target, f.level.unit) and plain_text(g.name) in plain for g in listed
    )


def covered(plain: str, segments: list[str]) -> bool:
    """Whether a sentence (plain, normalised) is part of a text already read per grade (or holds one's opening)."""
    return any(plain in s or s[:40] in plain for s in segments)
