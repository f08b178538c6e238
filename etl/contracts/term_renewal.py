"""A contract's term and renewal: the initial term as a period from an event, whether it renews by itself and for
how long, and the notice to stop it.
"""

from __future__ import annotations

import re
from datetime import date

from etl.contracts.contract_dates import add_months
from etl.contracts.contract_sentences import FoundTerms, Sentence
from etl.contracts.term_rules import RULES, TermRule
from etl.cues import Cue
from etl.quantities import (
    ORDINALS,
    find_dates,
    find_durations,
    number_from_words,
    to_days,
    to_months,
)


def _years(word: str) -> int:
    """An anniversary's count: 'fifth', '5th', 'five' (of 'five-year anniversary') or '5'."""
    return ORDINALS.get(word) or number_from_words(word) or int(re.match(r"\d+", word).group(0))


# a covenant that lasts a while (confidentiality, non-solicitation, payment default), not the contract's term;
# nor is severability's "the other provisions shall remain in full force and effect"
_COVENANT = re.compile(
    r"(?i)confiden|solicit|compet|prohibit|(?:during|throughout) the (?:initial )?term|(?:any|other) terms? of|surviv"
    r"|retain|records|[“\"](?!(?:initial )?term)[^”\"]{2,40}[”\"]\s+(?:shall )?means?\b"
    r"|\b(?:invalid|illegal|unenforceable|incapable of being enforced|severab)"
)
# weaker signs, counted only near the cue: a long term sentence may mention a licence or a payment later on
_COVENANT_NEAR = re.compile(r"(?i)disclos|default|payment|warrant|indemn|licen[cs]e|assign")
# another agreement's name ("the Development and License Agreement"): its words are no covenant of this one
_AGREEMENT_NAME = re.compile(r"(?:[A-Z][\w-]*\s+)*(?:and\s+)?(?:[A-Z][\w-]*\s+)+Agreement\b")
_FROM_OTHER_EVENT = re.compile(
    r"[^.]{0,25}?\b(?:from|after|following)\s+(?!(?:the\s+|such\s+)?(?:effective(?!\s+date\s+of\s+(?!(?:the\s+)?(?:this|"
    r"agreement)\b))|commencement|"
    r"date (?:hereof|of (?:this|the) (?:agreement|document)|of (?:execution|signing))|execution|signing|this|its|"
    r"date first))",
    re.I,
)
_TERM_CUE = RULES["initial_term_months.term_period"].pattern
# the subject of a verb of lasting in the term cue: the agreement or its term, in the same clause ("This Agreement
# shall take effect on signing and, subject to clause 9.2, shall continue for ..."); U+037E is a semicolon some
# PDFs' text holds
_SUBJECT_BEFORE = re.compile(r"(?i)\b(?:agreement|contract|term)\b(?:[^.;\u037e]|\.(?=\d)){0,160}$")
_FROM_SIGNING = re.compile(
    r"(?i)\bdate (?:hereof|of (?:this|the) agreement)|date first (?:above |set forth above )?"
    r"written|date of (?:execution|signing)|execution date"
)
_RENEWAL_CUE = RULES["auto_renewal.renewal_sentence"].pattern
# a word every match of the renewal cue holds (one per alternative): a sentence without one is skipped before the
# cue's costlier pattern runs; tests/contracts/test_contract_rules.py checks it against the cue's alternatives
RENEWAL_WORDS = r"renew|extend|successive|[- ]to[- ](?:year|month)|automatic|thereafter|after that|indefinitely"
_RENEWAL_WORDS = Cue(RENEWAL_WORDS)
# "shall extend for a period of fifty (50) years", "shall extend until the fourth anniversary", "no delay shall
# extend beyond three (3) months": how long something lasts, not a renewal, unless the sentence also says the
# period comes again ("shall automatically extend for successive one-year periods")
_DURATION_ONLY = re.compile(
    r"(?is)^(?!.*(?:renew|extended|extension|additional|successive|further|automatic|thereafter|year[- ]to[- ]year))"
    r".*\bextend\s+(?:for|until|beyond|to|through|any|into)\b"
)
_RENEWAL_WORD = re.compile(r"renew|extend|extension|renewal|thereafter", re.I)
_FOR_PERIOD = re.compile(r"\bfor\s+[\w\s()-]{0,30}$", re.I)  # "for additional one (" before "1) year terms"


def _add_initial_term(terms: FoundTerms, dates: dict[str, date], months: int, rule: TermRule, s: Sentence) -> None:
    """The initial term, and the end date it implies when the contract states no end date of its own."""
    terms.add(rule, months, s)
    start = dates.get("effective_date") or dates.get("agreement_date")
    if _FROM_SIGNING.search(s.text) and not re.search(r"(?i)effective date|commencement date", s.text):
        # "the seventh anniversary of the date hereof": counted from signing, not from a later effective date
        start = dates.get("agreement_date") or start
    if start and "expiry_date" not in dates:
        terms.add(RULES["expiry_date.from_initial_term"], add_months(start, months).isoformat(), s)
    elif not start and terms.has("agreement_date") and months % 12 == 0:
        # a date left blank for signing ("[___], 2020"): the end is known to the year (or month) only
        partial = terms.items["agreement_date"].value
        if re.fullmatch(r"\d{4}(?:-\d{2})?", partial):
            terms.add(RULES["expiry_date.year_of_blank_date"], f"{int(partial[:4]) + months // 12}{partial[4:]}", s)


# a notice against renewal, wherever its period stands ("notice of non-renewal", "intention not to renew")
_NON_RENEWAL = re.compile(
    r"(?i)non-?renewal|not\s+to\s+(?:renew|extend)|(?:does|do|not)\s+(?:wish|intend|elect)\s+to\s+(?:renew|extend)"
)
# a notice that exercises a renewal rather than stops one ("if either party wishes to extend the Initial Term it
# shall give notice ...", "may, by written notice ..., extend the term", "may be renewed ... by notice given at the
# expiry"): an option to renew, whose notice is not the notice to terminate a renewal
_OPT_IN = re.compile(
    r"(?i)(?<!not )\b(?:wish(?:es)?|desires?|elects?|intends?|option|right)\s+to\s+(?:renew|extend|exercise)"
    r"|\bnotice\b(?:(?!\bnot\b|unless|terminat|cancel)[^.]){0,160}?\b(?:extend|renew)\s+(?:the|this)\s+(?:[\w-]+\s+)?"
    r"(?:term|agreement)\b"
    r"|\b(?:renew|extend)\w*\b(?:(?!\bnot\b|unless|terminat|cancel)[^.]){0,60}?\bby\s+(?:written\s+)?notice"
)
# a period given ahead of something ("sixty (60) days prior", "90 days' notice"), not one that runs after an
# event ("thirty (30) days after receipt of written notice" is a cure period)
_NOTICE_AHEAD = re.compile(
    r"(?i)(?:(?!\bafter\b|\bfollowing\b|\breceipt\b)[^.]){0,40}?(?:prior|before|notice|notification|in advance|preceding)"
)
# a date counted back from another ("until the date that is thirty (30) days prior to ..."), not a notice
_DATE_COUNTED = re.compile(r"(?i)\b(?:date|day)\s+(?:that|which)\s+is\s+(?:[a-z-]+\s+\(?)?$")
# the contract's own term ("the then-current term", "this Agreement", "the Initial Term"), and its end, not the end
# of anything else ("the expiration of the advance notice period", "the expiry of two (2) years after ...")
_TERM = r"(?:the|this|such|any|each|its|that)\s+(?:[\w-]+\s+){0,2}?(?:term|agreement|contract)\b"
_TERM_END = rf"(?:end|expiration|expiry|conclusion|renewal|anniversary)(?:\s+date)?(?:\s+of\s+{_TERM}|(?!\s+of\b))"
# a period given against the end of the term: "sixty (60) days prior to the end of the then-current term", "at
# least 90 days before expiration", "nine (9) months before this Agreement expires", "upon thirty days prior
# written notice, may cancel this Agreement at the end of the Initial Term", "notice to expire on or after the
# expiry date of the initial term"
_BEFORE_TERM_ENDS = re.compile(
    rf"(?i)[^.]{{0,120}}?(?:(?:prior\s+to|before|in\s+advance\s+of|preceding|at|on|as\s+of)\s+(?:the\s+)?{_TERM_END}"
    rf"|(?:before|prior\s+to)\s+{_TERM}\s+(?:expires|ends|renews|terminates)"
    rf"|(?:expire|expiring|end|ending)\s+on\s+(?:or\s+after\s+)?(?:the\s+)?{_TERM_END})"
)


def read_term_and_renewal(sentences: list[Sentence], terms: FoundTerms, dates: dict[str, date]) -> None:
    """The initial term (and the expiry it gives), an end by event or none, the renewal and the notice that stops
    it."""
    _read_initial_term(sentences, terms, dates)
    if not terms.has("initial_term_months"):
        _read_anniversary_term(sentences, terms, dates)
    if not terms.has("expiry_date"):
        _read_end_by_event(sentences, terms)
    if not terms.has("expiry_date"):
        _read_no_fixed_end(sentences, terms)
    renewals = [
        s
        for s in sentences
        if _RENEWAL_WORDS.search(s.text) and _RENEWAL_CUE.search(s.text) and not _DURATION_ONLY.search(s.text)
    ]
    _read_renewal(renewals, terms)
    _read_notice_period(sentences, renewals, terms)


def _read_initial_term(sentences: list[Sentence], terms: FoundTerms, dates: dict[str, date]) -> None:
    """The first period a sentence about the contract's own term gives."""
    for s in sentences:
        m = _TERM_CUE.search(s.text)
        if not m or _COVENANT.search(s.text) or _COVENANT_NEAR.search(s.text[: m.end() + 80]):
            continue
        if (m.group("lasting") or m.group("ending")) and not _SUBJECT_BEFORE.search(s.text[: m.start()]):
            continue  # a quotation that remains valid, a purchase period ending on a date: not the agreement
        after = s.text[m.start() :]
        # renewal periods come after the initial term ("continue thereafter for 12 months" is the term itself;
        # "shall continue following the Initial Term for an additional period of three years" is a renewal)
        cut = re.search(r"(?i)renew|extend|(?<!continue )thereafter|\b(?:additional|successive|further)\b", after)
        # a period counted from some other event ("six months following the date of actual termination")
        # is not the contract's own term
        months = next(
            (
                to_months(n, u)
                for n, u, o in find_durations(after[: cut.start()] if cut else after)
                if to_months(n, u) and not _FROM_OTHER_EVENT.match(after[o : o + 90])
            ),
            None,
        )
        if months is None:
            continue
        _add_initial_term(terms, dates, months, RULES["initial_term_months.term_period"], s)
        break


def _read_anniversary_term(sentences: list[Sentence], terms: FoundTerms, dates: dict[str, date]) -> None:
    """A term that ends on an anniversary ("the term shall end on the seventh anniversary of the Effective
    Date")."""
    anniversary = RULES["initial_term_months.anniversary"]
    for s in sentences:
        m = anniversary.search(s.text)
        if m and not re.search(r"(?i)\b(?:longer|later) of\b", s.text):
            word = re.search(
                r"(\w+(?:-(?!year\b)\w+)?)(?:\s+\(\d{1,2}(?:st|nd|rd|th)?\))?(?:[- ]year)?\s+anniversary", m.group(0)
            )
            years = _years(word.group(1).lower())
            _add_initial_term(terms, dates, years * 12, anniversary, s)
            break


def _read_end_by_event(sentences: list[Sentence], terms: FoundTerms) -> None:
    """An end by event, not by date: "shall remain in effect until the expiration of the Royalty Term", "for so
    long as X remains a shareholder", "through the completion of the services"."""
    by_event = RULES["expiry_date.until_event"].pattern
    s = next(
        (
            s
            for s in sentences
            if by_event.search(s.text)
            and not _COVENANT.search(s.text)
            and not _COVENANT_NEAR.search(_AGREEMENT_NAME.sub(" ", s.text))
            and not find_dates(s.text)
            and not _RENEWAL_CUE.search(s.text)
            and not find_durations(s.text[by_event.search(s.text).end() :])
        ),
        None,
    )
    if s:
        terms.add(RULES["expiry_date.until_event"], "perpetual", s)


def _read_no_fixed_end(sentences: list[Sentence], terms: FoundTerms) -> None:
    """A term with no fixed end."""
    no_end = RULES["expiry_date.no_fixed_end"].pattern
    s = next(
        (
            s
            for s in sentences
            if no_end.search(s.text)
            and not _COVENANT.search(s.text)
            and not _COVENANT_NEAR.search(s.text)
            and not _RENEWAL_CUE.search(s.text)
        ),
        None,
    )
    if s:
        terms.add(RULES["expiry_date.no_fixed_end"], "perpetual", s)


def _read_renewal(renewals: list[Sentence], terms: FoundTerms) -> None:
    """Whether the contract renews by itself, and for how long each renewal runs."""
    with_period = []
    for s in renewals:
        cue = _RENEWAL_CUE.search(s.text)
        # an evergreen cue opens with the first period, which is not the renewal's: it counts from "thereafter"
        starts = [
            m.start("evergreen") if m is cue and m.group("evergreen") else m.start()
            for m in (_RENEWAL_WORD.search(s.text), cue)
            if m
        ]
        tail = s.text[min(starts) :]
        durations = [
            (n, u, o)
            for n, u, o in find_durations(tail)
            if to_months(n, u) and not re.match(r"[^.]{0,30}?(?:prior|before|notice|in advance)", tail[o:], re.I)
        ]
        # "renew ... for one (1) twelve-month period": the period the renewal is for, before any other duration
        for_period = [d for d in durations if _FOR_PERIOD.search(tail[max(0, d[2] - 40) : d[2]])]
        if durations:
            with_period.append((s, (for_period or durations)[0][:2], bool(for_period)))
    # a sentence that says what the renewal is for comes before one that only mentions a period
    with_period.sort(key=lambda w: not w[2])
    chosen = with_period[0][0] if with_period else (renewals[0] if renewals else None)
    if chosen:
        auto = bool(
            re.search(
                r"automatic(?:ally)?\s+(?:be\s+)?(?:renew|extend)|renew\w*\s+(?:automatically|tacitly)"
                r"|auto[- ]?renew|shall (?:be )?(?:renew|extend)\w* for (?:successive|additional|consecutive)"
                r"|unless[^.]{0,80}notice[^.]{0,80}(?:renew|extend|continue)"
                r"|(?:continue|remain in (?:full )?(?:force|effect))\s+automatically|automatically\s+continue",
                chosen.text,
                re.I,
            )
        )
        terms.add(RULES["auto_renewal.renewal_sentence"], auto, chosen)
    indefinite = RULES["renewal_term_months.indefinite"]
    endless = next((s for s in renewals if indefinite.search(s.text)), None)
    if with_period:
        s, (n, unit), _ = with_period[0]
        terms.add(RULES["renewal_term_months.renewal_period"], to_months(n, unit), s)
    elif endless:
        terms.add(indefinite, "perpetual", endless)


def _read_notice_period(sentences: list[Sentence], renewals: list[Sentence], terms: FoundTerms) -> None:
    """The notice a party gives to stop a renewal."""
    notice_rule = RULES["notice_period_days.before_renewal"]
    about_renewal = [s for s in renewals if re.search(r"\bnoti(?:ce|fication|fies|fy)", s.text, re.I)]
    elsewhere = [s for s in sentences if notice_rule.search(s.text) and s not in about_renewal]
    for s in about_renewal + elsewhere:
        if _OPT_IN.search(s.text) and not _NON_RENEWAL.search(s.text):
            continue
        # the notice period is the duration followed by 'prior', 'before', 'notice' or 'in advance'; outside a
        # sentence about renewal, only one given ahead of the term's end or against renewal (a breach, mediation
        # or inspection notice in a sentence that also mentions an expiry is not the notice to stop a renewal)
        lead = [
            (n, u)
            for n, u, o in find_durations(s.text)
            if _NOTICE_AHEAD.match(s.text[o:])
            and not _DATE_COUNTED.search(s.text[max(0, o - 30) : o])
            and (s in about_renewal or _NON_RENEWAL.search(s.text) or _BEFORE_TERM_ENDS.match(s.text[o:]))
        ]
        if lead:
            n, unit = lead[0]
            terms.add(notice_rule, to_days(n, unit), s)
            break
