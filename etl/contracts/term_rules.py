"""The rules that read a contract's terms, as data: each named, with the cue it looks for, the confidence it
gives, the drafting convention it comes from, and example sentences it must and must not fire on.

The readers in `etl/contracts/` (parties, contract_dates, term_renewal, commercial_terms, title; run by terms.py)
apply them in order of preference per field and record the rule's name with every
value (`raw_contract_terms.extraction_rule`); `outsourcing-etl eval-contracts` counts each rule's hits and
misses against gold; `tests/contracts/test_term_rules.py` runs every example through the real extraction.
A rule here reads a pattern seen across many contracts or a documented drafting convention, never one
document's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.cues import Cue
from etl.quantities import ORDINALS

# "the twenty-fifth anniversary": the longer words first, so a two-word ordinal is never read by its last word
_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))


@dataclass(frozen=True)
class TermRule:
    name: str  # "<field>.<how>": unique, stable (it is stored with each value)
    field: str  # the contract term it gives a value for
    confidence: float
    convention: str  # the drafting pattern it reads, in words
    cue: str | None  # the pattern a sentence must match (case-insensitive); None where the rule is a procedure
    positives: tuple[str, ...]  # a one-page contract on which the rule gives `field` a value
    negatives: tuple[str, ...] = ()  # one on which it must not

    @property
    def pattern(self) -> Cue:
        return _compiled(self.cue or r"(?!)")

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text)


# what a level left unreported is taken to be: "deemed a Service Level Default", "treated as missed", "regarded as
# failed", "considered not met"
_TAKEN_AS_FAILED = (
    r"(?<!\bnot )(?<!\bnot be )\b(?:deemed|treated|considered|regarded)\s+(?:as\s+)?(?:to\s+(?:be|have)\s+(?:been\s+)?)?"
    r"(?:\w+\s+){0,3}?(?:default|fail\w*|miss\w*|breach\w*|not\s+(?:been\s+)?(?:met|achieved))"
)

_CACHE: dict[str, Cue] = {}


def _compiled(cue: str) -> Cue:
    if cue not in _CACHE:
        _CACHE[cue] = Cue(cue)
    return _CACHE[cue]


# evergreen: after a first period the contract runs on until ended ("for one year, and thereafter until terminated
# by either party on notice"); an alternative of the renewal cue and of the indefinite renewal's
EVERGREEN = (
    r"|(?:year|month|term)\w*\W[^.]{0,80}?\b(?P<evergreen>(?:thereafter|after that|indefinitely)\b[^.]{0,60}?\buntil\s+"
    r"(?:terminated|either party))"
)
# a sentence about renewal: "shall automatically renew", "successive one-year terms", "from year to year",
# "shall continue automatically for ...", an evergreen term
RENEWAL_CUE = (
    r"(?:shall|will|may)\s+(?:\w+\s+){0,4}(?:renew|extend)|automatic(?:ally)? renew|renewed"
    r"|successive (?:[\w-]+\s+){0,2}(?:periods|terms)|renewal terms?"
    # "from year to year" is a renewal only of what continues: not "a fee that increases from year to year"
    r"|(?:continu\w*|renew\w*|extend\w*|remain\w*|effective|in (?:effect|force))[^.]{0,40}?(?:year|month)[- ]to[- ]"
    r"(?:year|month)"
    r"|(?:year|month)[- ]to[- ](?:year|month)\s+basis"
    r"|renew\w*\s+annually|annual renewals?"
    r"|(?:continue|remain in (?:full )?(?:force|effect))\s+automatically|automatically\s+continue" + EVERGREEN
)

# cues that more than one rule reads, each defined once
OPENING_DATE_CUE = r"\b(?:is made|made and entered|entered into|dated|as of|executed (?:on|as of))\b"
DAY_OF_CUE = r"\bagreement\b|\bday of\b"
# "effective as of the date first written above", "effective on the date of the last signature"
ON_SIGNING_CUE = (
    # not a merger's "Effective Time", nor a counterparts clause's "effective execution and delivery"
    r"effective(?!\s+(?:time|execution|delivery)\b)[^.]{0,80}(?:date (?:first )?(?:above|hereinabove|set forth above) written|first (?:above )?"
    r"written|first set forth above|date of (?:the )?(?:last )?(?:signature|execution)|(?:fully )?executed"
    r"|signed|execution|date (?:last )?(?:set forth|written) below)"
    r"|(?:enter into force|take effect)[^.]{0,60}(?:signature|execution|signed)"
    # the date of the signatures below, named the Effective Date in the opening
    r"|date (?:last )?(?:set forth|written) below\W{0,4}\s*(?:\(\W{0,2})?(?:(?:the|its)\s+)?\W{0,2}effective date"
    # the term commences on the contract's own date: "the term shall commence on the date hereof", "Commencement
    # Date means the date of this Agreement"
    r"|(?:\bterm|agreement|contract|commencement date)\b[^.;]{0,80}?(?:commenc\w*|means)\s+(?:(?:on|as of|from|with)\s+)?"
    r"(?:the\s+)?(?:date\s+(?:first\s+)?(?:(?:above|hereinabove|set forth above)\s+)?written|date hereof"
    r"|date of (?:this|the) (?:agreement|contract)\b|date first (?:above )?(?:written|set forth))"
)
GOVERNING_LAW_CUE = (
    r"(?:govern|constru|interpret|enforced)[^.]{0,200}\blaws?\b|\blaws?\b[^.]{0,120}(?:shall|will) govern"
    r"|governing law"
)
ANNUAL_CHARGES_CUE = r"annual (?:charges|fees?|contract value)|charges? of [^.]{0,20}per (?:year|annum)"
BASELINE_CUE = r"(?:cost )?baseline"

_RULES = [
    # ---------------------------------------------------------------- parties
    TermRule(
        "party.opening_paragraph",
        "party",
        0.75,
        "the opening paragraph names the parties: 'made and entered into by and between X Inc. and Y Ltd.'",
        r"\bbetween\b|\bamong\b|\bby and\b|\bparties\b|\bmade\b|\benter(?:ed|s)? into\b"
        # a party given its short name in the opening: "X Inc. (hereinafter referred to as Party A)"
        r"|\bhereinafter\s+(?:referred\s+to\s+as|called)\b",
        (
            "This Services Agreement is made and entered into by and between Harbor Analytics Inc. and "
            "Northwind Retail Ltd.",
            "Osprey Foods Corp. (hereinafter referred to as Party A) and Quill Research LLC (hereinafter referred "
            "to as Party B) hereby agree to the following terms.",
        ),
        ("The Supplier shall invoice monthly in arrears.",),
    ),
    TermRule(
        "party.signature_blocks",
        "party",
        0.7,
        "consortium agreements name the parties only in the signature blocks ('the Parties signatory hereto')",
        r"parties signatory hereto|parties (?:are|is) (?:identified|listed|set out) in",
        (
            "This Agreement is entered into by the Parties signatory hereto.\nIN WITNESS WHEREOF the Parties "
            "have signed.\nFor and on behalf of\nBluewater Networks Ltd.\nBy:\nFor and on behalf of\nKestrel "
            "Communications Inc.\nBy:",
        ),
        ("This Agreement is made between Harbor Analytics Inc. and Northwind Retail Ltd.",),
    ),
    TermRule(
        "client.named_by_role",
        "client",
        0.9,
        "a party defines itself by its role: 'Osprey Foods Corp. (the \"Customer\")'",
        r"\(\s*(?:the\s+|hereinafter\s+)?[\"“']+(?:customer|client|company|sponsor|buyer|purchaser|licensee)[\"”']",
        ('This Agreement is made between Osprey Foods Corp. (the "Customer") and Quill Research LLC.',),
        ('This Agreement is made between Osprey Foods Corp. ("Osprey") and Quill Research LLC ("Quill").',),
    ),
    TermRule(
        "vendor.named_by_role",
        "vendor",
        0.9,
        "a party defines itself by its role: 'Quill Research LLC (the \"Supplier\")'",
        r"\(\s*(?:the\s+|hereinafter\s+)?[\"“']+(?:supplier|provider|service provider|vendor|contractor|agency"
        r"|consultant|licensor|seller)[\"”']",
        ('This Agreement is made between Osprey Foods Corp. and Quill Research LLC (the "Supplier").',),
        ('This Agreement is made between Osprey Foods Corp. ("Osprey") and Quill Research LLC ("Quill").',),
    ),
    # ---------------------------------------------------------------- title
    TermRule(
        "title.cover_heading",
        "title",
        0.7,
        "the cover's first heading that names an agreement or contract",
        r"\b(?:agreement|contract)\b",
        ("MASTER SERVICES AGREEMENT\nThis Agreement is made between Osprey Foods Corp. and Quill Research LLC.",),
        ("Osprey Foods Corp. will pay Quill Research LLC within thirty days of invoice.",),
    ),
    # ---------------------------------------------------------------- dates
    TermRule(
        "agreement_date.opening_paragraph",
        "agreement_date",
        0.85,
        "the opening paragraph dates the agreement: 'made and entered into as of March 3, 2015', 'dated ...'",
        OPENING_DATE_CUE,
        ("This Agreement is made and entered into as of March 3, 2015 between Osprey Foods Corp. and Quill LLC.",),
        ("The Supplier filed its report on March 3, 2015 with the regulator.",),
    ),
    TermRule(
        "agreement_date.day_of",
        "agreement_date",
        0.85,
        "an opening that gives the date without 'made' or 'dated': 'this Agreement, the 4th day of May, 2012'",
        DAY_OF_CUE,
        ("THIS AGREEMENT, the 4th day of May, 2012, by Osprey Foods Corp. and Quill Research LLC.",),
    ),
    TermRule(
        "agreement_date.day_left_blank",
        "agreement_date",
        0.5,
        "a date left blank for signing ('this ___ day of June, 2020'): the month and year are known",
        OPENING_DATE_CUE + "|" + DAY_OF_CUE,
        (
            "This Agreement is made and entered into this ____ day of June, 2020 between Osprey Foods Corp. and "
            "Quill Research LLC.",
        ),
    ),
    TermRule(
        "agreement_date.last_signature",
        "agreement_date",
        0.5,
        "'as of the date last signed below': the latest date in the signature block after IN WITNESS WHEREOF",
        r"IN\s+WITNESS\s+WHEREOF",
        (
            "Osprey Foods Corp. and Quill Research LLC agree as follows.\nIN WITNESS WHEREOF the parties have "
            "signed.\nOsprey Foods Corp. Date: June 2, 2019\nQuill Research LLC Date: June 9, 2019",
        ),
    ),
    TermRule(
        "agreement_date.heading_line",
        "agreement_date",
        0.5,
        "a letter agreement's date on a line of its own in the heading",
        r"^\s*(?:dated:?\s*)?[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\s*$",
        ("June 9, 2019\nOsprey Foods Corp.\nDear Sir, we write to confirm our terms.",),
    ),
    TermRule(
        "effective_date.defined_term",
        "effective_date",
        0.85,
        "a defined term: '\"Effective Date\" means October 31, 2019'",
        r"[\"“](?:Effective|Commencement) Date[\"”]\s*(?:means|shall mean|shall be|is)\s",
        ('"Effective Date" means October 31, 2019.',),
        ('"Effective Date" means the date on which the last party signs.',),
    ),
    TermRule(
        "effective_date.defined_alias",
        "effective_date",
        0.85,
        "a date given the defined name: 'as of May 1, 2016 (the \"Effective Date\")'",
        r"\(\s*(?:the\s+|hereinafter\s+)?[\"“]Effective Date[\"”]",
        ('This Agreement is entered into as of May 1, 2016 (the "Effective Date") by Osprey Foods Corp.',),
    ),
    TermRule(
        "effective_date.effective_cue",
        "effective_date",
        0.8,
        "a date written just after 'effective', 'takes effect', 'comes into force' or 'commences', with no word "
        "that ends a term between them, or one a parenthesis after it names '(the Effective Date)'; not in a "
        "recital of another agreement",
        r"\beffective\b|\btakes? effect\b|\bcommenc|\bbegin(?:s|ning)?\b|\b(?:comes?|came|enters?|entered) into (?:force|effect)\b",
        (
            "This Agreement shall commence on January 1, 2021.",
            "This Agreement shall come into force as of March 1, 2019 and remain valid for two years.",
            "THIS SERVICES AGREEMENT is made December 3, 2018 (the Effective Date) by and between Osprey Foods "
            "Corp. and Quill Research LLC.",
            # what commences is the venture or the licence the contract sets up, or a defined Commencement Date
            "The partnership venture between the parties shall commence on 2 April 2022.",
            "The licence granted in Article 2 commences on September 15, 2017.",
            # "begin" only with the contract or its term as its subject
            "The term of this Agreement will begin on 1 February 2021 and run for two years.",
            '"Commencement Date" means: 5th October 2016.',
        ),
        (
            '"Bill of Sale" means the bill of sale effective as of January 1, 2021.',
            # something else commences: a year, an offer
            "The first yearly plan, for the year that commenced on July 1, 2019, reached the Buyer in August.",
            "The Bidder undertakes to commence the tender offer on May 4, 2018 at the latest.",
            "Orders placed in a quarter that begins on April 1, 2020 earn the new discount under this Agreement.",
            # the date after 'continue through' ends the term
            "This Agreement shall commence on the date of the last signature and shall continue through December "
            "31, 2024.",
            # a recital of another agreement
            "WHEREAS, the parties have previously entered into a Supply Agreement effective as of December 1, 2002.",
        ),
    ),
    TermRule(
        "effective_date.on_last_signature",
        "effective_date",
        0.6,
        "'effective on the date of the last signature': the latest date in the signature block",
        ON_SIGNING_CUE,
        (
            "This Agreement shall be effective on the date of the last signature below.\nIN WITNESS WHEREOF the "
            "parties have signed.\nOsprey Foods Corp. Date: June 2, 2019\nQuill Research LLC Date: June 9, 2019",
            "Each party has had this Agreement executed, to be effective as of the date set forth below.\nIN "
            "WITNESS WHEREOF the parties have signed.\nOsprey Foods Corp. Date: June 2, 2019\nQuill Research LLC "
            "Date: June 9, 2019",
        ),
    ),
    TermRule(
        "effective_date.on_signing",
        "effective_date",
        0.6,
        "'effective as of the date first written above': the agreement date",
        ON_SIGNING_CUE,
        (
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC for "
            "research services. It is effective as of the date first written above.",
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. The term "
            "of this Agreement is five (5) years, commencing on the date of this Agreement.",
            # the signature block's date, named the Effective Date in the opening
            "Osprey Foods Corp. and Quill Research LLC sign this Services Agreement, which runs from the date set "
            'forth below (its "Effective Date").\nIN WITNESS WHEREOF the parties have signed.\nOsprey Foods Corp. '
            "Date: June 2, 2019\nQuill Research LLC Date: June 9, 2019",
        ),
        (
            # effective on a condition, or said of an amendment, not of the contract
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. No "
            "amendment of this Agreement shall be effective unless it is in writing and signed by both parties.",
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. This "
            "Agreement shall not become effective unless and until the escrow agreement is executed.",
            # a covenant's period, not the contract's term
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. During "
            "the period commencing on the date hereof, the Supplier shall not solicit the Customer's staff.",
            # a merger's Effective Time, and a counterparts clause: how copies are signed, not when the term starts
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. From the "
            "Effective Time of the merger onwards, this Agreement may be changed only in a writing signed by both.",
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. Copies "
            "signed and sent by facsimile are effective execution and delivery of this Agreement.",
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. It may "
            "be signed in counterparts and becomes effective once each party has signed one.",
        ),
    ),
    TermRule(
        "expiry_date.end_word",
        "expiry_date",
        0.75,
        "a date written right after the word that ends the term: 'this Agreement shall expire on June 30, 2024'",
        r"(?:expir\w*|\bend(?:s|ing)?|terminat\w*|conclud\w*|\buntil|through)\s+(?:on\s+)?(?:the\s+)?"
        r"(?:date\s+of\s+)?",
        (
            "The term of this Agreement shall expire on June 30, 2024.",
            "Unless terminated earlier, the Agreement shall remain in force until March 31, 2024.",
            "The term of this Agreement shall commence on the date hereof and, unless terminated as provided herein, "
            "shall continue through November 30, 2022.",
            # an amendment speaks of itself, not of "this Agreement"
            "This Second Addendum shall take effect on signing and shall expire on March 31, 2025.",
        ),
        (
            "The Supplier's compensation for the pilot shall expire on June 30, 2024.",
            # the term of something other than the contract
            "The Distributor's term of exclusivity in the territory shall expire on March 31, 2026.",
        ),
    ),
    TermRule(
        "expiry_date.date_range",
        "expiry_date",
        0.8,
        "the term written as a span of two dates: 'the term is two years from May 1, 2013 to April 30, 2015', "
        "'commencing as of June 1, 1999 and concluding May 31, 2000', 'shall commence on March 1, 2003 and shall "
        "be effective until February 29, 2004'",
        r"\b(?:from|commenc\w*|begin\w*|start\w*|effective|in (?:force|effect))\b",
        (
            "The term of this Agreement shall be two years from May 1, 2013 to April 30, 2015.",
            "The term of this Agreement begins on July 1, 2021 and runs for two years, concluding June 30, 2023.",
            'The "Contract Period" means the period commencing as of June 1, 1999 and concluding May 31, 2000.',
            "The Joint Venture shall commence on March 1, 2003, and shall be effective until February 29, 2004.",
        ),
        (
            # a period of something else than the contract's term
            "For the avoidance of doubt, the six-month period commencing July 1, 2022 and ending December 31, "
            "2022 is a Contract Year.",
            "The Supplier shall deliver the Products from May 1, 2013 to April 30, 2015.",
            "During the Term of this Agreement, the Buyer shall buy the Products from July 1, 2018 to June 30, 2019.",
        ),
    ),
    TermRule(
        "expiry_date.defined_term",
        "expiry_date",
        0.8,
        "the term ends on a defined date ('shall expire on the Expiration Date') that the contract defines: "
        "'\"Expiration Date\" means March 31, 2020', or a cover line 'Expiration Date: August 31, 2006'",
        r"[\"“]?(?:Expiration|Expiry) Date[\"”]?\s*(?:means|shall mean|shall be|is|:)\s",
        (
            '"Expiration Date" means March 31, 2020. This Agreement shall commence on the Effective Date and '
            "shall expire on the Expiration Date.",
            "Expiration Date: August 31, 2006\nThis Agreement shall expire on the Expiration Date set forth above.",
        ),
        (
            # a defined date the contract's end is not tied to
            '"Expiration Date" means, for each Warrant, June 30, 2025. This Agreement shall continue for three (3) '
            "years.",
        ),
    ),
    TermRule(
        "expiry_date.from_initial_term",
        "expiry_date",
        0.55,
        "no end date written: the start date plus the initial term",
        None,
        (
            "This Agreement is made as of March 3, 2015 between Osprey Foods Corp. and Quill Research LLC. The "
            "initial term of this Agreement is three (3) years.",
        ),
    ),
    TermRule(
        "expiry_date.year_of_blank_date",
        "expiry_date",
        0.4,
        "a date left blank for signing plus a term in whole years: the end is known to the year",
        None,
        (
            "This Agreement is made and entered into this ____ day of June, 2020 between Osprey Foods Corp. and "
            "Quill Research LLC. The initial term of this Agreement is two (2) years.",
        ),
    ),
    TermRule(
        "expiry_date.until_event",
        "expiry_date",
        0.5,
        "an end by event, not by date: 'shall remain in effect until the completion of the Services'",
        r"\b(?:this|the) agreement\b[^.]{0,160}?(?:shall|will)\b[^.]{0,80}?(?:continue|remain)"
        r"[^.]{0,100}?(?:\buntil\b|for so long as|through the completion)",
        (
            "This Agreement shall remain in effect until the completion of the Services.",
            # another agreement's name is no licence covenant of this one
            "This Agreement shall take effect on the Effective Date and shall continue until the expiry of the Supply "
            "and License Agreement.",
        ),
        (
            "This Agreement shall remain in effect until June 30, 2024.",
            # severability: the other provisions stay in force; the contract's term is not said
            "Should any clause of this Agreement be held unenforceable, the remaining clauses shall continue in "
            "force until terminated under Section 12.",
            "If any provision of this Agreement is held invalid, all other provisions shall nevertheless remain in "
            "full force and effect for so long as the parties perform it.",
        ),
    ),
    TermRule(
        "expiry_date.no_fixed_end",
        "expiry_date",
        0.5,
        "no end at all: 'shall continue in force until terminated', 'in perpetuity'",
        r"(?:continue|remain) in (?:full )?(?:force|effect) (?:until|unless) (?:terminated|"
        r"either party terminates)|(?:agreement|term)\b[^.]{0,60}?\bperpetual|perpetual (?:term|basis)"
        r"|in perpetuity|until (?:terminated|full performance)",
        ("This Agreement shall remain in full force in perpetuity.", "The term of this Agreement is perpetual."),
        (
            "The confidentiality obligations shall continue in force until terminated.",
            # the word describes something else the contract is about, not its term
            "The Trust holds 12,000 shares of Series B Perpetual Preferred Stock.",
            "Although the Partnership is intended to be of perpetual duration, the sponsor may wind it up.",
        ),
    ),
    # ---------------------------------------------------------------- term and renewal
    TermRule(
        "initial_term_months.term_period",
        "initial_term_months",
        0.8,
        "'the initial term of this Agreement is three (3) years', 'shall continue for a period of 24 months'; a "
        "verb of lasting counts only with the agreement or its term as its subject",
        r"initial term|term of (?:this|the) agreement|for (?:a|an initial) (?:term|period) of|^\W*term\s*:"
        r"|(?:term|period) of (?:the )?validity of (?:this|the) (?:agreement|contract)"
        r"|(?:agreement|contract)\b[^.;]{0,40}?\b(?:have|has)\s+a\s+term\s+of"
        r"|(?P<lasting>\b(?:continue|remain|be valid|be effective|extend|run|last)\b[^.]{0,60}?(?:for|until|through))"
        r"|(?P<ending>(?:ending|expiring|expire)[^.]{0,20}?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten"
        r"|twelve))",
        (
            "The initial term of this Agreement is three (3) years.",
            "This Agreement shall continue for a period of three (3) years following the effective date of this "
            "Agreement.",
            "Unless ended early, the period of validity of this Agreement shall be two years from the Effective Date.",
            "This Agreement shall have a term of three (3) years from the effective date written above.",
            "This Agreement shall be effective until whichever comes first: its termination under Article 9, or the "
            "day two (2) years after the date of this Agreement.",
        ),
        (
            "The confidentiality obligations shall continue for a period of five (5) years.",
            # something else that lasts or ends: a quotation's validity, a period of purchases, a lease in it
            "Each price quotation shall remain valid for six (6) months.",
            "The period commencing January 1, 2025 and ending September 30, 2025, and each later period of "
            "nine (9) months, is a Purchase Period.",
            "The Company shall enter into a lease of the site, which lease will have a term of forty (40) years.",
            # a party's duty for a period counted from another event's effective date, or within the term
            "The Reseller agrees, for a period of two (2) years after the effective date of the Acquisition, to file "
            "its quarterly reports.",
            "Starting on the Launch Date and for a period of six (6) months throughout the Term, the Publisher shall "
            "feature the Client's banner.",
        ),
    ),
    TermRule(
        "initial_term_months.anniversary",
        "initial_term_months",
        0.7,
        "'the term shall end on the fifth anniversary of the Effective Date', 'until the three (3) year "
        "anniversary'; the earlier of it and an event ends there at the latest, the later of them has no fixed end",
        r"(?:agreement|term)\b[^.]{0,160}?(?:shall|will)\s+(?:\w+\s+){0,3}?"
        r"(?:end|expire|terminate|continue|remain|extend|run|last)"
        r"[^.]{0,40}?\b(?:(?:" + _ORDINAL_WORDS + r"|\d{1,2}(?:st|nd|rd|th))(?:\s+\(\d{1,2}(?:st|nd|rd|th)\))?"
        r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|\d{1,2})(?:\s+\(\d{1,2}\))?[- ]year)"
        r"\s+anniversary",
        (
            "The term of this Agreement shall end on the fifth anniversary of the Effective Date.",
            "Unless ended sooner, this Agreement will end on its two year anniversary.",
            "This Agreement shall expire on the earlier of (a) the second anniversary of the Effective Date and (b) "
            "the day the last unit is delivered.",
        ),
        ("This Agreement shall end on the later of the fifth anniversary of the Effective Date and the last sale.",),
    ),
    TermRule(
        "auto_renewal.renewal_sentence",
        "auto_renewal",
        0.85,
        "a renewal sentence; 'automatically renew', 'renew for successive periods unless notice' make it automatic",
        RENEWAL_CUE,
        (
            "This Agreement shall automatically renew for successive one (1) year periods.",
            "This Agreement shall continue in effect for two years, and thereafter shall continue automatically "
            "for successive annual periods.",
        ),
        (
            "The Supplier shall deliver the reports monthly.",
            # "from year to year" of something other than the agreement's continuance
            "The annual access fee is fixed, and the volume component of the fee rises from year to year.",
        ),
    ),
    TermRule(
        "renewal_term_months.renewal_period",
        "renewal_term_months",
        0.8,
        "the first period after the renewal word that is not a notice period",
        RENEWAL_CUE,
        (
            "This Agreement shall automatically renew for successive one (1) year periods.",
            "Unless either party gives notice six (6) months prior to the end of the Initial Term, this Agreement "
            "shall continue on a year to year basis until terminated.",
            "After its primary term of five years, this Agreement shall be effective from month to month until "
            "either party ends it.",
            "After the Initial Term, this Agreement shall continue on a month to month basis until terminated by "
            "either party on fifteen (15) days prior written notice.",
            "The term of this Agreement shall be three (3) years, renewing annually thereafter unless either party "
            "gives notice.",
        ),
        (
            "This Agreement shall renew unless either party gives ninety (90) days prior notice.",
            # 'extend' for how long something lasts, not a renewal
            "The Supplier's warranty obligations shall extend for a period of one (1) year from acceptance.",
            "This Agreement shall take effect on the Effective Date and shall extend until the fourth anniversary "
            "of the Effective Date.",
        ),
    ),
    TermRule(
        "renewal_term_months.indefinite",
        "renewal_term_months",
        0.7,
        "renewal with no end: 'shall thereafter renew for an unlimited period', 'continue indefinitely'",
        r"(?:renew|extend|continue)\w*[^.]{0,60}?(?:for an? (?:unlimited|indefinite) (?:period|term)|indefinitely)"
        + EVERGREEN,
        (
            "This Agreement shall remain in force for ten (10) years and shall thereafter automatically renew for "
            "an unlimited period of time unless terminated.",
            # evergreen: a first period, then on until ended
            "This Agreement shall run for a term of two (2) years and thereafter until terminated by either party "
            "on ninety (90) days' notice.",
        ),
        (
            "This Agreement shall automatically renew for successive one (1) year periods.",
            # no first period: the contract has no fixed end, which is no renewal
            "This Agreement shall take effect on signing and shall continue until terminated by either party.",
        ),
    ),
    TermRule(
        "notice_period_days.before_renewal",
        "notice_period_days",
        0.75,
        "the period followed by 'prior', 'before' or 'notice' in a sentence about renewal; elsewhere, only a "
        "period given against renewal or ahead of the end of the contract's own term ('prior to the end of the "
        "then-current term', 'at the end of the Initial Term')",
        r"notice[^.]{0,160}(?:non-?renewal|not to renew|renew|extend|expir|end of (?:the|such|any|each))"
        r"|(?:non-?renewal|not (?:wish|intend|elect) to (?:renew|extend))[^.]{0,160}notice",
        (
            "This Agreement shall renew for one (1) year periods unless either party gives notice of non-renewal "
            "at least sixty (60) days prior to the end of the then-current term.",
            "The Client may, on ninety (90) days prior written notice, cancel this Agreement at the end of the "
            "Initial Term or of any later year.",
            "Either party may end this Agreement by giving not less than six (6) months' written notice to expire "
            "on the expiry date of the Initial Term.",
        ),
        (
            "Either party may terminate this Agreement for breach on thirty (30) days notice.",
            "Either party may terminate for breach on thirty (30) days notice, and the rights of audit survive the "
            "expiration of this Agreement.",
            "The Supplier may inspect the records on fifteen (15) days' notice at any time prior to the expiry of "
            "three (3) years after the termination of this Agreement.",
            # an option to renew: the notice exercises the renewal, it does not stop one
            "If the Client wishes to extend the Initial Term, it shall give notice not later than ninety (90) days "
            "before the end of the Initial Term.",
            "The Agreement may be renewed for a further term of five (5) years by notice in writing given by the "
            "Client at the expiry of the Term.",
            # a cure period after a notice, in a sentence that also mentions renewal
            "The Supplier shall have thirty (30) days after receipt of written notice of a failure to cure it, and "
            "this Agreement shall not renew while a failure is uncured.",
            # a date counted back from another, not a notice
            "The Standstill Period shall be extended until the date that is thirty (30) days prior to the expiry of "
            "the notice window for the next annual meeting.",
        ),
    ),
    # ---------------------------------------------------------------- law
    TermRule(
        "governing_law.laws_of",
        "governing_law",
        0.9,
        "'governed by and construed in accordance with the laws of the State of New York'",
        GOVERNING_LAW_CUE,
        (
            "This Agreement shall be governed by the laws of the State of New York, without regard to its "
            "conflict-of-laws rules.",
            "The validity and performance of this Contract shall be governed by the laws of the PRC.",
        ),
        ('"Applicable Law" means any law of the United States governing data protection.',),
    ),
    TermRule(
        "governing_law.named_place",
        "governing_law",
        0.6,
        "a governing-law sentence that names the place without 'laws of': 'Delaware law governs'",
        GOVERNING_LAW_CUE,
        ("This Agreement shall be construed under Delaware law.",),
    ),
    TermRule(
        "coverage_hours.stated",
        "coverage_hours",
        0.75,
        "the hours the service is covered: 'Monday to Friday, 8:00 to 18:00', '8am-6pm Monday through Friday',"
        " '24x7'; the ticket clock of a business-hours service level runs only inside them",
        r"\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\s*(?:to|through|thru|-|–)\s*(?:mon|tue|wed|thu|fri|sat|sun)"
        r"|\b24\s*[x×/]\s*7\b|24 hours a day",
        (
            "The Service Desk is available Monday to Friday, 8:00 to 18:00.",
            "Support hours are 8am-6pm Monday through Friday, excluding public holidays.",
        ),
        ("Invoices are due within thirty (30) days.",),
    ),
    TermRule(
        "ticket_month_basis.opened",
        "ticket_month_basis",
        0.7,
        "a service level measured on the tickets opened in the month ('Incidents logged during the Measurement"
        " Period'), where tickets otherwise count in the month they were resolved",
        r"\b(?:incidents?|tickets?|requests?|cases?|calls?)\s+(?:that are\s+|which are\s+)?(?:opened|logged|raised"
        r"|reported|created|submitted|received)\s+(?:in|during|within)\s+(?:the|each|that|a)\s+(?:calendar\s+)?"
        r"(?:month|measurement (?:period|window))",
        ("Resolution Time is measured on all Incidents logged during the Measurement Period.",),
        ("Resolution Time is measured on all Incidents resolved during the Measurement Period.",),
    ),
    TermRule(
        "minimum_monthly_tickets.stated",
        "minimum_monthly_tickets",
        0.7,
        "a minimum volume under which a ticket-measured level is not measured for the month, as outsourcing "
        "schedules write it so that one late ticket of three does not decide a month: 'where fewer than twenty (20) "
        "Incidents of a Priority are logged in a month, the Service Level shall not apply'; 'a minimum sample of 30 "
        "tickets per month'. The value is the fewest tickets the level is measured over",
        # fewer than N tickets ... then the level not applying or not measured; or a stated minimum volume of them
        r"(?:\b(?:fewer|less)\s+than\s+|\b)(?:[a-z-]+\s+)?\(?(?P<n>\d{1,5})\)?\s+(?P<or_fewer>or\s+(?:fewer|less)\s+)?"
        r"(?:\w+\s+){0,3}?(?:incidents?|tickets?|calls?|requests?|cases?|contacts?)\b[^.]{0,160}?"
        r"\b(?:(?:shall|will|does|do)\s+not\s+(?:apply|be\s+(?:measured|calculated|applicable|reported))|not\s+applicable"
        r"|(?:is|are)\s+excluded|(?:is|are)\s+not\s+measured)"
        r"|\bminimum\s+(?:volume|sample|number)\s+of\s+(?:[a-z-]+\s+)?\(?(?P<m>\d{1,5})\)?\s+(?:\w+\s+){0,2}?"
        r"(?:incidents?|tickets?|calls?|requests?|cases?|contacts?)\b",
        (
            "Where fewer than twenty (20) Incidents of a Priority are logged in a month, the Service Level shall not "
            "apply for that month.",
            "If 10 or fewer Priority 1 tickets are raised in a month, the Priority 1 resolution Service Level is not "
            "measured for that month.",
            "Each ticket-based Service Level requires a minimum sample of 30 tickets per month.",
        ),
        (
            "The Supplier shall resolve 95% of Incidents within 4 hours.",
            "Fewer than 5% of calls shall be abandoned.",
            "The Service Levels shall not apply to Incidents caused by the Customer.",
        ),
    ),
    # ---------------------------------------------------------------- money
    TermRule(
        "annual_charges.stated",
        "annual_charges",
        0.85,
        "'Annual Charges of USD 1,200,000', 'charges of $100,000 per year'",
        ANNUAL_CHARGES_CUE,
        ("The Annual Charges are USD 1,200,000.",),
        ("The Supplier's annual report is due in March.",),
    ),
    TermRule(
        "currency.stated_amount",
        "currency",
        0.9,
        "the currency of the annual charges or the cost baseline",
        ANNUAL_CHARGES_CUE + "|" + BASELINE_CUE,
        ("The Annual Charges are EUR 800,000.",),
    ),
    TermRule(
        "cost_baseline.stated",
        "cost_baseline",
        0.85,
        "'the Cost Baseline is USD 1,300,000'",
        BASELINE_CUE,
        ("The Cost Baseline is USD 1,300,000 per year.",),
    ),
    TermRule(
        "cost_baseline_kind.named",
        "cost_baseline_kind",
        0.75,
        "how the baseline was set: historical cost, market benchmark, budget, index-adjusted",
        r"(?:historical|market|benchmark|budget|index)[^.]{0,30}basis|basis[^.]{0,10}(?:historical|budget)",
        ("The Cost Baseline is USD 1,300,000 per year, set on a historical cost basis.",),
    ),
    TermRule(
        "committed_savings_pct.stated",
        "committed_savings_pct",
        0.85,
        "'the Supplier commits to savings of 9% against the baseline', 'to reduce the Customer's costs by 9%'",
        r"\bsavings?\b[^.]*?(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%[^.]*\bsavings?\b"
        r"|\b(?:commit|guarantee|undertake|agree)\w*\s+to\s+reduc\w*\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:\w+\s+){0,2}?costs?\s+"
        r"by\s+(\d+(?:\.\d+)?)\s*%",
        (
            "The Supplier commits to savings of 9% against the Cost Baseline.",
            "The Provider undertakes to reduce the Client's operating costs by 9% against the Baseline.",
        ),
        ("The Customer may reduce the volume of Services by 9% in any year.",),
    ),
    TermRule(
        "at_risk_pct.stated",
        "at_risk_pct",
        0.85,
        "'the At-Risk Amount is 12% of the Monthly Charges'",
        r"at[- ]risk[^.]*?(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%[^.]*at[- ]risk",
        ("The At-Risk Amount is 12% of the Monthly Charges.",),
    ),
    TermRule(
        "at_risk_basis.monthly_charges_defined",
        "at_risk_basis",
        0.85,
        "the amount at risk, a credit or a cap is a share of the defined Monthly Charges, defined as one twelfth "
        "of the Annual Charges: every credit model is priced on the contract's charges, not the invoice",
        r"(?:at[- ]risk|credit|deduct|reduc|rebate)[^.]*?%\s+of\s+the\s+(?-i:Monthly (?:Service )?(?:Charges?|Fees?))",
        (
            '"Monthly Charges" means one twelfth of the Annual Charges. The At-Risk Amount is 12% of the Monthly '
            "Charges.",
            "The Monthly Fee shall be one-twelfth (1/12) of the Annual Fee. For each Service Level Failure the "
            "Supplier shall credit 4% of the Monthly Fee.",
            "Monthly Charges: the Annual Charges divided by twelve. Service Credits in any month shall not exceed 8% "
            "of the Monthly Charges.",
        ),
        (
            "The At-Risk Amount is 12% of the Monthly Charges.",
            # a definition with no credit priced on it
            '"Monthly Charges" means one twelfth of the Annual Charges. Late payments bear interest of 1% a month.',
            # the invoice, not the defined term
            "Monthly Charges means one twelfth of the Annual Charges. Each failure earns a credit of 4% of the "
            "invoice for the month.",
        ),
    ),
    TermRule(
        "pricing_model.named",
        "pricing_model",
        0.8,
        "a sentence about prices or charges naming a pricing model (time and materials, fixed fee, FTE-based ...)",
        r"pric|charges?|fees?",
        ("The Charges are payable on a time and materials basis.",),
    ),
    TermRule(
        "earn_back_months.stated",
        "earn_back_months",
        0.75,
        "'a Service Credit is earned back if the Expected level is met in the following three (3) months'",
        # or returned, refunded or waived once the level is met again
        r"earn(?:ed)?[- ]?back|re-?earn|\bcredits?\b[^.]{0,60}\b(?:returned|refunded|repaid|reversed|waived|forgiven)\b"
        r"[^.]{0,120}(?:\b(?:met|meets|meeting|achieved|achieves|achieving|attained|attains)\b"
        r"|\bno\s+(?:further\s+)?(?:failure|miss|default)\b)",
        (
            "A Service Credit is earned back if the Expected Service Level is met for the following three (3) months.",
            "A Service Credit will be refunded to the Provider where the level is achieved in each of the next 3 months.",
            # the level met again, in the present tense, or no failure after it
            "Credits are waived where the Vendor meets the level throughout the following two months.",
            "A credit is forgiven when no further default of the same level occurs in the next 3 months.",
        ),
    ),
    TermRule(
        "missing_report_deemed_default.stated",
        "missing_report_deemed_default",
        0.75,
        "a report not delivered for a month counts as the service levels failed: 'failure to deliver the monthly "
        "report shall be deemed a Service Level Default' (a common reporting clause of credit schedules)",
        # a level left unreported or unmeasured, then (within the sentence) what it is taken to be: the failure to
        # report or to deliver a report ("fails to submit its report", "does not deliver the monthly report"), no
        # data for it ("for which no measurement is provided"), or the level itself "not measured or reported"
        r"(?:\bfail\w*\s+(?:(?:by|of)\s+[^.]{0,40}?)?(?:\w+\s+){0,2}?to\s+|\b(?:omi\w*|neglect\w*)\b[^.]{0,100}?\bto\s+"
        r"|\bdoes\s+not\s+)(?:\w+\s+){0,3}?(?:(?:report|measure)\b|(?:provide|deliver|submit|send|produce|furnish|issue)\b"
        r"[^.]{0,60}?\b(?:reports?|measurements?|results|performance\s+data)\b)[^.]{0,120}?"
        + _TAKEN_AS_FAILED
        + r"|\b(?:no|any)\s+(?:\w+\s+){0,3}?(?:report|measurement|data|results?)\s+(?:\w+\s+){0,3}?(?:is|are|was|has\s+been)\s+"
        r"(?:not\s+)?(?:provided|delivered|submitted|received|reported)[^.]{0,160}?"
        + _TAKEN_AS_FAILED
        + r"|\bnot\s+(?:been\s+)?(?:measured|reported)\b[^.]{0,80}?"
        + _TAKEN_AS_FAILED,
        (
            "Failure by the Supplier to deliver the monthly performance report shall be deemed a Service Level "
            "Default for each Service Level in that month.",
            "If the Vendor fails to submit its service level report for a month, each Service Level shall be treated "
            "as missed for that month.",
            "Where no performance report is provided for a month, the Service Provider is deemed to have failed "
            "every Service Level in that month.",
            "Any failure of the Contractor to measure the Services, or to issue its monthly report on time, shall be "
            "considered a failure of the Service Levels it does not report.",
            "If the Supplier fails to report a Service Level for a month, that Service Level shall be treated as a "
            "Service Level Failure.",
            "Any Service Level for which no measurement is provided shall be deemed to have been missed.",
            "A Service Level that is not measured or reported shall be regarded as failed.",
        ),
        (
            "The failure to send copies of notices will not be deemed a breach of this Agreement.",
            "Its failure to provide working upgrades shall be deemed a material breach of this Agreement.",
            "Each monthly report shall be deemed accepted unless the Customer objects to it within ten days.",
            "A Service Level Default is deemed to occur when the result falls below the Minimum Service Level.",
            "If the Supplier fails to meet a Service Level, the failure shall be shown in the monthly report.",
        ),
    ),
    TermRule(
        "repeat_default.multiplier",
        "repeat_default_multiplier",
        0.75,
        "'in two (2) or more consecutive months, the Service Credit shall be multiplied by 1.5'",
        r"consecutive",
        (
            "If a Service Level Default occurs in two (2) or more consecutive months, the Service Credit for the "
            "second month shall be multiplied by 1.5.",
        ),
        ("The Supplier shall report in three consecutive months.",),
    ),
]

RULES: dict[str, TermRule] = {r.name: r for r in _RULES}
assert len(RULES) == len(_RULES), "rule names are unique"
# Rules that live in modules of their own and record their names with the values they give
OTHER_RULE_SOURCES = {
    "clause.": "etl/contracts/clauses.py: one pattern and exclusion per clause category",
    "party_roles.": "etl/contracts/party_roles.py: what each party does (provides, pays, invoices)",
    "engagement_type.": "etl/contracts/engagement_type.py: words of IT, business-process or knowledge work",
}
