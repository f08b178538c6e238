"""A contract's dates: when it was made (the opening, a date line, the last signature), when it takes effect and
when it expires, each by the drafting conventions in etl/contracts/term_rules.py.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from etl.contracts.contract_sentences import FoundTerms, Sentence
from etl.contracts.term_rules import RULES, TermRule
from etl.cues import Cue
from etl.pdf_document import PdfPage
from etl.quantities import (
    find_dates,
    find_partial_date,
)

_SIGNATURE_SECTION = RULES["agreement_date.last_signature"].pattern
_DATE_LINE = re.compile(
    r"^\s*(?:dated:?\s*)?(?P<date>[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\s*$", re.M | re.I
)


# the sentence is about how long the contract runs, not a covenant that lasts a while (confidentiality,
# non-solicitation, payment default); a term of something else ("the term of exclusivity", "the term of the
# licence") is not the contract's
ABOUT_THE_TERM = re.compile(
    r"(?i)\b(?:agreement|contract|term\b(?!\s+of\s+(?!(?:this|the|such)\s+(?:[\w-]+\s+)?(?:agreement|contract)\b)))\b"
    # an amendment or addendum speaks of itself so: "This Second Amendment shall expire on ..."
    r"|\bthis\s+(?:[\w-]+\s+)?(?:amendment|addendum)\b"
)


def _date_without_opening(pages: list[PdfPage]) -> tuple[str, Sentence, TermRule] | None:
    """Where the opening paragraph gives no date: the date of the last signature ('as of the date last written
    below'), else a date standing alone on its own line in the first page's heading (a letter agreement)."""
    signed = _signature_date(pages)
    if signed:
        return *signed, RULES["agreement_date.last_signature"]
    heading = pages[0].text[:1500]
    m = _DATE_LINE.search(heading)
    dates = find_dates(m.group("date")) if m else []
    if dates:
        sentence = Sentence(m.group(0).strip(), pages[0].number, m.start())
        return dates[0][0].isoformat(), sentence, RULES["agreement_date.heading_line"]
    return None


def _signature_date(pages: list[PdfPage]) -> tuple[str, Sentence] | None:
    """The latest date written in the signature block (a month and year where the day is left blank)."""
    for page in pages:
        marker = _SIGNATURE_SECTION.search(page.text)
        if not marker:
            continue
        block = page.text[marker.start() : marker.start() + 2500]
        dates = find_dates(block)
        if dates:
            latest, offset = max(dates)
            return latest.isoformat(), Sentence(
                " ".join(block[: offset + 20].split()[-30:]), page.number, marker.start() + offset
            )
        partial = find_partial_date(block)
        if partial:
            return partial, Sentence(" ".join(block[:300].split()), page.number, marker.start())
    return None


# a date that belongs to another agreement than this one: told in a recital ("WHEREAS, the parties entered into a
# Supply Agreement dated as of ..."), or the one an amendment amends ("the First Amendment to the Development
# Agreement entered into on ...")
_OF_ANOTHER = re.compile(
    r"(?i)\bwhereas\b|\b(?:the|a|an|that\s+certain)\s+(?:[\w-]+\s+){0,6}?agreement\b(?:\s*\([^)]{0,60}\))?,?\s*"
    r"(?:(?:originally\s+)?(?:dated|entered\s+into|executed|signed)(?:\s+(?:on|as\s+of))?\s*)?$"
)


_TWO_WORDS = re.compile(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}")


def _last_clause(text: str) -> str:
    """What leads up to a date since the last mention of this contract ('this Agreement', 'this Amendment')."""
    this = list(re.finditer(r"(?i)\bthis\b", text))
    return text[this[-1].end() :] if this else text


def _agreement_date(sentences: list[Sentence], pages: list[PdfPage], terms: FoundTerms) -> date | None:
    """The date the opening paragraph gives (a month and year when the day is left blank), else the last
    signature's or a letter heading's."""
    # the opening paragraph is among the first sentences of words: a table of contents' dot leaders split into
    # hundreds of "sentences" that hold none
    opening = [s for s in sentences if _TWO_WORDS.search(s.text)][:25]
    for rule in (RULES["agreement_date.opening_paragraph"], RULES["agreement_date.day_of"]):
        for s in opening:
            if not rule.search(s.text) or re.search(r"(?i)\bfiled\b|securities and exchange", s.text):
                continue  # a filing's cover ('filed with the Securities and Exchange Commission on ...')
            written = find_dates(s.text)
            dates = [(d, o) for d, o in written if not _OF_ANOTHER.search(_last_clause(s.text[:o]))]
            if dates:
                terms.add(rule, dates[0][0].isoformat(), s)
                return dates[0][0]
            if written:
                continue  # only other agreements' dates: this one's may follow
            partial = find_partial_date(s.text)
            if partial:
                terms.add(RULES["agreement_date.day_left_blank"], partial, s)
                return None
    fallback = _date_without_opening(pages)
    if fallback:
        value, s, rule = fallback
        terms.add(rule, value, s)
        return date.fromisoformat(value) if len(value) == 10 else None
    return None


def read_dates(sentences: list[Sentence], pages: list[PdfPage], terms: FoundTerms) -> dict[str, date]:
    """Agreement date; effective date: a defined Effective Date, one a sentence ties to 'effective' or
    'commence', or the agreement date when the contract takes effect on signing; expiry: one tied to 'expire'
    or 'until'."""
    found: dict[str, date] = {}
    agreed = _agreement_date(sentences, pages, terms)
    if agreed:
        found["agreement_date"] = agreed
    defined = _defined_effective_date(sentences, terms)
    if defined:
        found["effective_date"] = defined
    _read_written_end(sentences, found, terms)
    _read_cued_start(sentences, pages, found, terms)
    _read_cued_end(sentences, found, terms)
    return found


def _defined_effective_date(sentences: list[Sentence], terms: FoundTerms) -> date | None:
    """A defined Effective Date, which wins: '"Effective Date" means October 31, 2019' or 'as of May 1, 2016
    (the "Effective Date")'."""
    defined_rule, alias_rule = RULES["effective_date.defined_term"], RULES["effective_date.defined_alias"]
    for s in sentences:
        defined, alias = defined_rule.search(s.text), alias_rule.search(s.text)
        dates = []
        if defined:
            dates = find_dates(s.text[defined.end() : defined.end() + 60])
        elif alias:
            dates = [(d, 0) for d, _ in find_dates(s.text[max(0, alias.start() - 60) : alias.start()])][-1:]
        if dates:
            terms.add(defined_rule if defined else alias_rule, dates[0][0].isoformat(), s)
            return dates[0][0]
    return None


def _read_cued_start(sentences: list[Sentence], pages: list[PdfPage], found: dict[str, date], terms: FoundTerms):
    """The first sentence that says when the contract takes effect: a date after its cue, or the day the last
    party signed, or the agreement date where it takes effect on signing."""
    rule = RULES["effective_date.effective_cue"]
    on_last_signature, on_signing = RULES["effective_date.on_last_signature"], RULES["effective_date.on_signing"]
    for s in sentences:
        if not rule.search(s.text) or _defines_another_term(s.text):
            continue
        dates = _start_date(rule, s.text)
        if dates:
            found.setdefault(rule.field, dates[0][0])
            terms.add(rule, dates[0][0].isoformat(), s)
            return
        if on_last_signature.search(s.text) and re.search(r"(?i)signature|signed|execution|executed", s.text):
            signed = _signature_date(pages)
            if signed and len(signed[0]) == 10:  # effective on signing: the day the last party signed
                found.setdefault(rule.field, date.fromisoformat(signed[0]))
                terms.add(on_last_signature, signed[0], signed[1])
                return
        if terms.has("agreement_date") and on_signing.search(s.text) and not _CONDITION.search(s.text):
            if "agreement_date" in found:
                found.setdefault(rule.field, found["agreement_date"])
            terms.add(on_signing, terms.items["agreement_date"].value, s)
            return


def _defines_another_term(text: str) -> bool:
    """The definition of some other term ('"Bill of Sale" means ..., effective as of ...')."""
    return bool(
        re.match(r"[^\w]*[“\"][^”\"]{2,60}[”\"]\s+(?:shall )?means?\b", text)
        and not re.match(r"[^\w]*[“\"](?:Effective|Commencement) Date", text)
    )


def _read_cued_end(sentences: list[Sentence], found: dict[str, date], terms: FoundTerms) -> None:
    """An end date: one written right after the word that ends the term, not any date in the sentence."""
    rule = RULES["expiry_date.end_word"]
    for s in sentences:
        if not rule.search(s.text):
            continue
        dates = _end_date(rule, s.text)
        if dates:
            found.setdefault(rule.field, dates[0][0])
            terms.add(rule, dates[0][0].isoformat(), s)
            return


def _read_written_end(sentences: list[Sentence], found: dict[str, date], terms: FoundTerms) -> None:
    """An end date the contract defines ('"Expiration Date" means ...'), else the end of a span of two dates."""
    for rule, read in (
        (RULES["expiry_date.defined_term"], _defined_expiry),
        (RULES["expiry_date.date_range"], _term_span),
    ):
        end = read(sentences)
        if end:
            found["expiry_date"] = end[0]
            terms.add(rule, end[0].isoformat(), end[1])
            return


# the term tied to a defined end date: "shall expire on the Expiration Date", "until the Expiry Date"
_ENDS_ON_DEFINED = Cue(
    r"(?:expire|end|terminate|until|through)\w*\s+(?:on\s+)?(?:the\s+)?(?-i:Expiration|Expiry) Date\b"
)


def _defined_expiry(sentences: list[Sentence]) -> tuple[date, Sentence] | None:
    """The date a contract defines as its Expiration Date, where the term is said to end on that date."""
    if not any(_ENDS_ON_DEFINED.search(s.text) for s in sentences):
        return None
    rule = RULES["expiry_date.defined_term"]
    for s in sentences:
        for m in rule.pattern.finditer(s.text):
            dates = find_dates(s.text[m.end() : m.end() + 40])
            if dates and dates[0][1] < 5:
                return dates[0][0], s
    return None


# what a term's span is said of: the contract by its name or its kind ("the Joint Venture shall commence ...")
_TERM_SUBJECT = re.compile(r"(?i)\b(?:agreement|term|contract|venture|cooperation|collaboration|alliance)\b")
# the term named only as when something else happens ("During the Term of this Agreement, the Buyer shall buy ...
# from July 1, 2018 to June 30, 2019"): not what the span is of
_DURING_THE_TERM = re.compile(
    r"(?i)\b(?:during|throughout|under|of|in)\s+(?:the|this)\s+(?:[\w-]+\s+){0,2}?(?:term|agreement|contract)\b"
)
# what joins a span's two dates: "to", "through", "until", "and concluding", "and shall be effective until"
_SPAN_LINK = re.compile(
    r"(?i)^[^.;]{0,60}?\b(?:to|through|thru|until|till|(?:and\s+)?(?:ending|concluding|expiring|terminating))"
    r"(?:\s+on)?(?:\s+and\s+including)?\s+(?:the\s+)?$"
)


_YEAR = re.compile(r"\b(?:1[89]|2[01])\d{2}\b")


def _term_span(sentences: list[Sentence]) -> tuple[date, Sentence] | None:
    """The end of a term written as a span of two dates, the first after a word that starts it ('from',
    'commencing', 'effective') and the second after one that ends it."""
    rule = RULES["expiry_date.date_range"]
    for s in sentences:
        if len(_YEAR.findall(s.text)) < 2:
            continue  # a span writes two dates, each with its year (and find_dates costs more than this)
        dates = find_dates(s.text)
        for (start, o1), (end, o2) in zip(dates, dates[1:]):
            before = s.text[max(0, o1 - 40) : o1]
            starts = rule.pattern.search(before)
            if (
                end > start
                and starts
                and re.fullmatch(r"\s+(?:on\s+|as\s+of\s+|from\s+)?(?:the\s+)?", before[starts.end() :])
                and _TERM_SUBJECT.search(_DURING_THE_TERM.sub("", s.text[:o1]))
                and _SPAN_LINK.search(_after_date(s.text[o1:o2]))
            ):
                return end, s
    return None


def _after_date(text: str) -> str:
    """What follows the date a text starts with."""
    m = re.match(r"(?i)[^,]*?\d{4}|(?:\w+\W+){0,4}?\d{4}", text)
    return text[m.end() :] if m else text


# words that end a term: a date after one of them is an end, not a start ("shall commence as of the date first
# above written and shall continue through December 31, 2004")
_ENDS = re.compile(r"(?i)\b(?:expir\w*|through|until|end(?:s|ing)?|terminat\w*|conclud\w*)\b")
# effective only on a condition, or something other than the contract ("No amendment shall be effective unless
# it is in writing and signed", "shall not become effective unless and until ... is executed")
_CONDITION = re.compile(
    r"(?i)effective\s+(?:\w+\s+){0,2}?(?:unless|only if|only when)|\bnot\s+(?:become\s+|be\s+)?effective"
    r"|\b(?:no|any)\s+(?:amendment|modification|waiver|variation)"
    # a counterparts clause says how copies are signed, not when the contract starts
    r"|\bcounterparts?\b|\bfacsimile\b"
)
# what may commence on the contract's first day: the contract, its term, the venture or licence it sets up, or a
# defined Commencement Date (not a year "that commenced on", nor a bid one "undertakes to commence")
_COMMENCING = re.compile(r"(?i)\b(?:agreement|contract|term|venture|licen[cs]e)\b|\bcommencement date\b")
# "begin" says less than "commence": only with the contract, its term or venture right before it ("the term of
# this agreement will begin on", "this Venture (the Term) shall begin on"), not a sales cycle or a bid period
_BEGINS = re.compile(
    r"(?i)\b(?:agreement|contract|term|venture)\W{0,3}(?:\([^)]{0,40}\)\s*)?(?:(?:shall|will|is to)\s+)?begins?$"
)
# the recitals tell of other agreements ("WHEREAS, the parties entered into a Selling Agreement effective as of
# ...", "that certain agreement dated ...")
_OTHER_AGREEMENT = re.compile(r"(?i)\bwhereas\b|\bthat certain\b|\bpreviously\b")


def _start_date(rule: TermRule, text: str) -> list[tuple[date, int]]:
    """The date that follows a word that starts the contract ('effective', 'commences'), close to it and with
    no word that ends a term between them."""
    cues = [
        c
        for c in rule.pattern.finditer(text)
        if not _OTHER_AGREEMENT.search(text[: c.start()])
        and (
            not c.group(0).lower().startswith("commenc")
            or _COMMENCING.search(text[max(0, c.start() - 80) : c.end() + 10])
        )
        and (not c.group(0).lower().startswith("begin") or _BEGINS.search(text[max(0, c.start() - 80) : c.end()]))
    ]
    for cue in cues:
        window = text[cue.end() : cue.end() + 100]
        dates = find_dates(window)
        if dates and not _ENDS.search(window[: dates[0][1]]):
            return [(d, cue.end() + o) for d, o in dates]
    for cue in cues:
        # "is made December 3rd, 2018 (the Effective Date)": a date the parenthesis after it names
        if re.search(r"\(\W{0,2}(?:the\s+)?\W{0,2}$", text[max(0, cue.start() - 8) : cue.start()]):
            dates = find_dates(text[max(0, cue.start() - 50) : cue.start()])
            if dates:
                return dates[-1:]
    return []


def _end_date(rule: TermRule, text: str) -> list[tuple[date, int]]:
    """The date right after a word that ends the term. Every such word counts, not only the first: the end
    date often follows an 'unless sooner terminated' ('..., unless terminated as provided herein, shall
    continue through November 30, 1998')."""
    for cue in rule.pattern.finditer(text):
        before = text[: cue.start()]
        if not (ABOUT_THE_TERM.search(before[-80:]) or ABOUT_THE_TERM.search(before[:50])):
            continue  # "compensation shall expire on ...", "prohibited ... until ...": not the contract's end
        dates = find_dates(text[cue.end() : cue.end() + 40])
        if dates:
            return dates
    return []


def add_months(start: date, months: int) -> date:
    y, m = divmod(start.month - 1 + months, 12)
    return date(start.year + y, m + 1, min(start.day, calendar.monthrange(start.year + y, m + 1)[1]))
