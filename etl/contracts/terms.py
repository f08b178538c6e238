"""Extract an outsourcing contract's terms and SLA schedule from its PDF, each value with provenance and confidence.

Rules look for the ways contracts commonly phrase a term, not for one template's wording; each rule that
fires records the sentence it read, so an analyst can check it against the page.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from etl.contracts.clauses import find_clauses
from etl.contracts.credit_clauses import priced, read_credit_terms
from etl.contracts.engagement_type import classify_engagement
from etl.contracts.entities import normalize_entity, same_entity
from etl.contracts.jurisdictions import find_jurisdiction, find_jurisdictions
from etl.contracts.party_roles import assign_roles
from etl.contracts.schedule_content import schedule_terms
from etl.contracts.service_levels import SLA_CUE, find_levels, service_level_terms
from etl.contracts.sla_schedule import read_sla_terms, read_sla_terms_from_paragraphs, read_sla_terms_from_text
from etl.contracts.term_rules import RULES, TermRule
from etl.pdf_document import PdfPage, read_pages
from etl.quantities import (
    find_dates,
    find_durations,
    find_partial_date,
    parse_coverage,
    parse_money,
    to_days,
    to_months,
)
from etl.records import ContractTerm, Provenance, SlaTerm

OCR_CONFIDENCE_FACTOR = 0.8
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
    "fifteenth": 15,
    "twentieth": 20,
    "twenty-fifth": 25,
    "thirtieth": 30,
}
CLIENT_ROLES = ("customer", "client", "company", "sponsor", "buyer", "purchaser", "licensee")
VENDOR_ROLES = (
    "supplier",
    "provider",
    "service provider",
    "vendor",
    "contractor",
    "agency",
    "consultant",
    "licensor",
    "seller",
)
PRICING_MODELS = [
    ("time and materials", r"time[- ]and[- ]materials?|\bT&M\b"),
    ("fixed fee", r"fixed[- ](?:fee|price)"),
    ("per transaction", r"per[- ]transaction|transaction[- ]based|unit[- ]price"),
    ("FTE-based", r"\bFTE\b|full[- ]time equivalent"),
    ("outcome-based", r"outcome[- ]based|gain[- ]?share"),
]


@dataclass
class _Sentence:
    text: str
    page: int
    offset: int


@dataclass
class ContractExtraction:
    terms: list[ContractTerm]
    sla_terms: list[SlaTerm]
    pages: int


_ABBREVIATION = re.compile(
    r"(?:\b(?i:Inc|Ltd|Co|Corp|Pvt|Pte|No|St|Mr|Ms|Dr|e\.g|i\.e|etc|U\.S|S\.A|L\.P|N\.V|B\.V|LLC|L\.L\.C|Sec|Art|vs|Nos)"
    r"|\b[A-Z]|^\s*\d+|\b(?i:jan|feb|mar|apr|april|jun|june|jul|july|aug|sep|sept|oct|nov|dec))\.$"
)


# a filing's page footer ("Source: ACME CORP, 10-K, 3/1/2019") names the filer, not a party to the contract
_FILING_FOOTER = re.compile(r"(?m)^[ \t]*Source:[^\n]*\d{1,2}/\d{1,2}/\d{4}[ \t]*$")


def _sentences(pages: list[PdfPage]) -> list[_Sentence]:
    """Sentences per page with whitespace folded, so rules see a clause that wraps lines as one string.

    A period ends a sentence only before white space and not after an abbreviation ("Inc.", "S.A.") or a
    decimal point, so party names and amounts stay whole.
    """
    out = []
    for page in pages:
        text, start = page.text, 0
        for m in re.finditer(r"[.;](?=\s|$)|\n(?=\d+\.\s+[A-Z])", text):
            if _ABBREVIATION.search(text[max(start, m.end() - 12) : m.end()]):
                continue
            folded = " ".join(text[start : m.end()].split())
            if folded:
                out.append(_Sentence(folded, page.number, start))
            start = m.end()
        folded = " ".join(text[start:].split())
        if folded:
            out.append(_Sentence(folded, page.number, start))
    return out


class _Terms:
    def __init__(self, engagement_id: str, sha256: str):
        self.engagement_id, self.sha256 = engagement_id, sha256
        self.items: dict[str, ContractTerm] = {}

    def add(
        self,
        rule: TermRule | str,
        value,
        s: _Sentence,
        *,
        field: str | None = None,
        confidence: float | None = None,
        multi: bool = False,
    ) -> None:
        """Record a value with the rule that read it; single-valued fields keep their first value, multi-valued
        ones (party) each value. A rule from another module (clauses, party roles) passes its name, field and
        confidence."""
        if isinstance(rule, str):
            name = rule
        else:
            name, field, confidence = (
                rule.name,
                field or rule.field,
                rule.confidence if confidence is None else confidence,
            )
        key = f"{field}#{value}" if multi else field
        if key in self.items or value is None:
            return
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, float):
            value = f"{value:g}" if abs(value) < 1e6 else f"{value:.2f}"
        self.items[key] = ContractTerm(
            self.engagement_id,
            field,
            str(value),
            round(confidence, 2),
            Provenance(self.sha256, s.page, s.text, s.offset),
            name,
        )

    def has(self, field: str) -> bool:
        return field in self.items

    def has_any(self, field: str) -> bool:
        return any(t.field == field for t in self.items.values())


def _first(sentences: list[_Sentence], pattern: str) -> _Sentence | None:
    rx = re.compile(pattern, re.IGNORECASE)
    return next((s for s in sentences if rx.search(s.text)), None)


ENTITY_SUFFIX = (
    r"(?i:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|plc|GmbH|AG|S\.A|SA|S/A|S\.L|B\.V|N\.V|SE|Pvt\.? Ltd|"
    r"Pte\.? Ltd|Corporation|Corp|Company|Co|LLP|L\.P|LP|Trust|Fund|Bank|Partners|Holdings|S\.p\.A|"
    r"S\.r\.l|Pty\.? Ltd|AB|A/S|Oy|KK|Group|REIT|G\.I\.E)\.?"
)
_ENTITY = re.compile(
    r"(?P<name>(?:[a-z]?[A-Z0-9][\w&'’\-\.]*,?\s+){0,7}[A-Z0-9][\w&'’\-\.]*,?\s+" + ENTITY_SUFFIX + r")(?![\w])"
)
_ALIAS = re.compile(
    r"^[^(]{0,120}?\(\s*(?:the\s+|hereinafter\s+(?:referred to as\s+)?(?:the\s+)?)?[\"“”']+(?P<alias>[^\"“”']+)[\"“”']"
)
_ALIAS_AT = re.compile(
    r"\(\s*(?:the\s+|hereinafter\s+(?:(?:referred to|called) as\s+)?(?:the\s+)?)?[\"“”]+(?P<alias>[^\"“”]{1,40})[\"“”]"
    r"|\(\s*hereinafter\s+(?:referred to as|called)\s+(?:the\s+)?(?P<bare>[A-Z][\w]*(?:\s+[A-Z0-9]\w*)?)\s*\)"
)
_NAME_AT_END = re.compile(r"(?:[A-Z][\w&'’\-\.]*,?\s+(?:(?:of|de|la|du)\s+)?){1,5}[A-Z][\w&'’\-\.]*$")
_LEAD_IN = re.compile(r"^(?:(?:this|the|by|and|between|among|of|is|made|entered|into|agreement|dated|as|on)\s+)+", re.I)
ROLE_WORDS = (
    set(CLIENT_ROLES)
    | set(VENDOR_ROLES)
    | {
        "party",
        "parties",
        "agreement",
        "licensee",
        "licensor",
        "exhibit",
        "recitals",
        "schedule",
        "amendment",
        "whereas",
    }
)


def _plausible_party(name: str) -> bool:
    core = normalize_entity(name)
    if len(core) < 3 or core in ROLE_WORDS or re.match(r"^[A-Z]\.\s", name):
        return False
    if re.search(
        r"(?i)agreement|\bstreet\b|\broad\b|\bsuite\b|\bnear\b|\bfloor\b|\bavenue\b|\bbuilding\b|"
        r"^\d+,",
        name,
    ):
        return False  # an address
    descriptor = re.sub(
        r"(?i)[\s,]*\b(?:limited liability company|limited partnership|public limited company|"
        r"corporation|company|limited)\.?$",
        "",
        name,
    ).strip()
    if not descriptor or re.fullmatch(
        r"(?i)non-banking financial|banking|financial|" + re.escape(find_jurisdiction(descriptor) or "\0"), descriptor
    ):
        return False  # "a Delaware Limited Liability Company" describes a party, it is not one
    # a place ("Miami, Florida") is an address, not a party, unless it carries a legal-entity suffix
    return not (find_jurisdiction(name) and not re.search(r"\b" + ENTITY_SUFFIX + r"$", name))


# "(Pty) Ltd", "« Pty » Ltd": the bracketed word belongs to the legal name; blanked brackets keep offsets
_BRACKETED_SUFFIX = re.compile(r"[(«]\s*(Pty|Pvt|Proprietary|[A-Z][A-Za-z]+(?=\)\s+(?:Limited|Ltd|Inc)))\s*[)»]")


def _names_in(text: str) -> list[tuple[str, int]]:
    """Legal entities ('ACME Ltd.') and names given an alias ('Jane Roe ("Consultant")') in one sentence,
    each with the offset where its alias would follow."""
    text = _BRACKETED_SUFFIX.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
    names: list[tuple[str, int]] = []
    for m in _ENTITY.finditer(text):
        if re.search(r"\b(?:an?|any|each|other|d/?b/?a)\s+$|[\"“]$", text[max(0, m.start() - 6) : m.start()], re.I):
            continue  # "a Delaware limited liability company" describes a party; "dba X" is a trade name;
            # a quoted name is an alias being defined
        name = _LEAD_IN.sub("", m.group("name").strip(" ,"))
        name = re.sub(r"^\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4}\s+", "", name)  # "DATED 13 October 2005 ACME LTD"
        name = re.split(r"\b(?i:between|among)\s+|\b(?:and|by)\s+(?=[A-Z])", name)[-1].strip(" ,")
        # "ACME, INC. AND BETA THERAPEUTICS, INC." names two parties; "Research and Engineering
        # Company" one: split on AND only where each part ends in a legal-entity suffix
        parts = [p.strip(" ,") for p in re.split(r"\s+(?i:and)\s+", name)]
        if len(parts) > 1 and all(re.search(r"\b" + ENTITY_SUFFIX + r"$", p) for p in parts):
            names += [(p, m.end()) for p in parts if _plausible_party(p)]
        elif _plausible_party(name):
            names.append((name, m.end()))
    for a in _ALIAS_AT.finditer(text):
        alias = a.group("alias") or a.group("bare")
        if re.search(r"(?i)agreement|amendment|date|term\b|effective|services|products|territory", alias):
            continue  # a defined term, not a party's short name
        if any(alias.lower() in n.lower().split() for n, _ in names):
            continue  # the short name of a party already found ('Acme, Incorporated ... ("Acme")')
        before = text[max(0, a.start() - 200) : a.start()]
        segment = re.split(r"\b(?i:between|among)\b|\band\b|\)|;|:", before)[-1].strip()
        # drop descriptors after the name: ", an individual", ", a Delaware corporation with offices at ..."
        segment = re.split(
            r",\s*(?:an?|the|having|with|whose|residing|located|organi[sz]ed|incorporated|existing)\b"
            r"|,?\s+(?:d/?b/?a|a/k/a)\s",
            segment,
        )[0].strip(" ,")
        run = _NAME_AT_END.search(segment)
        if not run:
            continue
        name = _LEAD_IN.sub("", run.group(0).strip(" ,"))
        if _plausible_party(name) and not any(
            same_entity(normalize_entity(name), normalize_entity(n)) for n, _ in names
        ):
            names.append((name, a.start()))
    return names


_FORMER_NAME = re.compile(r"(?i)\b(?:f/?k/?a|formerly(?: known as)?)\s+$")
_SIGNATURE_LINE = re.compile(r"(?im)^\s*for\s+and\s+on\s+behalf\s+of:?[^\S\n]*\n\s*(?P<name>[^\n]{3,90}?)\s*$")


def _signatories(pages: list[PdfPage]) -> list[tuple[str, int, int]]:
    """Parties named in 'For and on behalf of <name>' signature blocks: (name, page, offset)."""
    found = []
    for page in pages:
        for m in _SIGNATURE_LINE.finditer(page.text):
            name = " ".join(m.group("name").split()).strip(" ,:")
            if _plausible_party(name) and not name.startswith("-"):
                found.append((name, page.number, m.start("name")))
    return found


def _parties(sentences: list[_Sentence], pages: list[PdfPage], terms: _Terms) -> dict[str, list[str]]:
    """Parties from the opening paragraph: legal entities and names given a quoted alias. A party whose alias
    is a client or vendor role becomes the client or vendor. Where the opening says the parties are the
    signatories (consortium agreements), they are read from the signature blocks instead."""
    opening_rule, signatories = RULES["party.opening_paragraph"], RULES["party.signature_blocks"]
    opening = [s for s in sentences[:30] if opening_rule.search(s.text) and not re.match(r"(?i)\s*whereas\b", s.text)]
    short_names: dict[str, list[str]] = {}
    if any(signatories.search(s.text) for s in sentences[:80]):
        for name, page, offset in _signatories(pages):
            terms.add(signatories, name, _Sentence(name, page, offset), multi=True)
            short_names.setdefault(name, [])
        if terms.has_any("party"):
            return short_names
    for s in opening[:6]:
        previous = ""
        for name, end in _names_in(s.text):
            terms.add(opening_rule, name, s, multi=True)
            alias = _ALIAS.match(s.text[end:])
            start = s.text.rfind(name, 0, end)
            # "X LLC, formerly known as Y, Inc. ("X")": the former name and the alias after it belong to X
            former = previous and _FORMER_NAME.search(s.text[max(0, start - 25) : start])
            owner = previous if former else name
            short_names.setdefault(owner, []).extend([alias.group("alias").strip()] if alias else [])
            if former:
                short_names[owner].append(name)
            previous = owner
            role = alias.group("alias").strip().lower() if alias else ""
            if role in CLIENT_ROLES:
                terms.add(RULES["client.named_by_role"], name, s)
                terms.add(RULES["client.named_by_role"], alias.group("alias").strip(), s, field="client_alias")
            elif role in VENDOR_ROLES:
                terms.add(RULES["vendor.named_by_role"], name, s)
                terms.add(RULES["vendor.named_by_role"], alias.group("alias").strip(), s, field="vendor_alias")
        if len({t.value for t in terms.items.values() if t.field == "party"}) >= 2:
            return short_names
    return short_names


def _roles_from_duties(sentences: list[_Sentence], parties: dict[str, list[str]], terms: _Terms) -> None:
    """Vendor and client by what each party does, where the parties' own names for themselves did not say.
    One supporting sentence is below the review threshold, so a person confirms it; several are not."""
    if terms.has("vendor") and terms.has("client"):
        return
    for found in assign_roles([s.text for s in sentences], parties):
        if terms.has(found.role) or any(
            t.value == found.party for t in terms.items.values() if t.field in ("vendor", "client")
        ):
            continue
        confidence = 0.55 if found.votes == 1 else min(0.8, 0.6 + 0.05 * found.votes)
        terms.add(
            f"party_roles.{found.rules[0]}",
            found.party,
            sentences[found.sentence_index],
            field=found.role,
            confidence=confidence,
        )


_SIGNATURE_SECTION = RULES["agreement_date.last_signature"].pattern
_DATE_LINE = re.compile(
    r"^\s*(?:dated:?\s*)?(?P<date>[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\s*$", re.M | re.I
)


def _date_without_opening(pages: list[PdfPage]) -> tuple[str, _Sentence, TermRule] | None:
    """Where the opening paragraph gives no date: the date of the last signature ('as of the date last written
    below'), else a date standing alone on its own line in the first page's heading (a letter agreement)."""
    signed = _signature_date(pages)
    if signed:
        return *signed, RULES["agreement_date.last_signature"]
    heading = pages[0].text[:1500]
    m = _DATE_LINE.search(heading)
    dates = find_dates(m.group("date")) if m else []
    if dates:
        sentence = _Sentence(m.group(0).strip(), pages[0].number, m.start())
        return dates[0][0].isoformat(), sentence, RULES["agreement_date.heading_line"]
    return None


def _signature_date(pages: list[PdfPage]) -> tuple[str, _Sentence] | None:
    """The latest date written in the signature block (a month and year where the day is left blank)."""
    for page in pages:
        marker = _SIGNATURE_SECTION.search(page.text)
        if not marker:
            continue
        block = page.text[marker.start() : marker.start() + 2500]
        dates = find_dates(block)
        if dates:
            latest, offset = max(dates)
            return latest.isoformat(), _Sentence(
                " ".join(block[: offset + 20].split()[-30:]), page.number, marker.start() + offset
            )
        partial = find_partial_date(block)
        if partial:
            return partial, _Sentence(" ".join(block[:300].split()), page.number, marker.start())
    return None


def _agreement_date(sentences: list[_Sentence], pages: list[PdfPage], terms: _Terms) -> date | None:
    """The date the opening paragraph gives (a month and year when the day is left blank), else the last
    signature's or a letter heading's."""
    for rule in (RULES["agreement_date.opening_paragraph"], RULES["agreement_date.day_of"]):
        for s in sentences[:25]:
            if not rule.search(s.text) or re.search(r"(?i)\bfiled\b|securities and exchange", s.text):
                continue  # a filing's cover ('filed with the Securities and Exchange Commission on ...')
            dates = find_dates(s.text)
            if dates:
                terms.add(rule, dates[0][0].isoformat(), s)
                return dates[0][0]
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


def _dates(sentences: list[_Sentence], pages: list[PdfPage], terms: _Terms) -> dict[str, date]:
    """Agreement date; effective date: a defined Effective Date, one a sentence ties to 'effective' or
    'commence', or the agreement date when the contract takes effect on signing; expiry: one tied to 'expire'
    or 'until'."""
    found: dict[str, date] = {}
    agreed = _agreement_date(sentences, pages, terms)
    if agreed:
        found["agreement_date"] = agreed
    # a defined Effective Date wins: '"Effective Date" means October 31, 2019' or 'as of May 1, 2016 (the
    # "Effective Date")'
    defined_rule, alias_rule = RULES["effective_date.defined_term"], RULES["effective_date.defined_alias"]
    for s in sentences:
        defined, alias = defined_rule.search(s.text), alias_rule.search(s.text)
        dates = []
        if defined:
            dates = find_dates(s.text[defined.end() : defined.end() + 60])
        elif alias:
            dates = [(d, 0) for d, _ in find_dates(s.text[max(0, alias.start() - 60) : alias.start()])][-1:]
        if dates:
            found["effective_date"] = dates[0][0]
            terms.add(defined_rule if defined else alias_rule, dates[0][0].isoformat(), s)
            break
    on_last_signature, on_signing = RULES["effective_date.on_last_signature"], RULES["effective_date.on_signing"]
    # an end date is one written right after the word that ends the term, not any date in the sentence
    for rule in (RULES["effective_date.effective_cue"], RULES["expiry_date.end_word"]):
        field = rule.field
        for s in sentences:
            cue = rule.search(s.text)
            if not cue:
                continue
            if (
                field == "effective_date"
                and re.match(r"[^\w]*[“\"][^”\"]{2,60}[”\"]\s+(?:shall )?means?\b", s.text)
                and not re.match(r"[^\w]*[“\"](?:Effective|Commencement) Date", s.text)
            ):
                continue  # the definition of some other term ('"Bill of Sale" means ..., effective as of ...')
            if field == "expiry_date":
                dates = _end_date(rule, s.text)
            else:
                dates = find_dates(s.text)
            if dates:
                found.setdefault(field, dates[0][0])
                terms.add(rule, dates[0][0].isoformat(), s)
                break
            if field != "effective_date":
                continue
            if on_last_signature.search(s.text) and re.search(r"(?i)signature|signed|execution|executed", s.text):
                signed = _signature_date(pages)
                if signed and len(signed[0]) == 10:  # effective on signing: the day the last party signed
                    found.setdefault(field, date.fromisoformat(signed[0]))
                    terms.add(on_last_signature, signed[0], signed[1])
                    break
            if terms.has("agreement_date") and on_signing.search(s.text):
                if "agreement_date" in found:
                    found.setdefault(field, found["agreement_date"])
                terms.add(on_signing, terms.items["agreement_date"].value, s)
                break
    return found


def _end_date(rule: TermRule, text: str) -> list[tuple[date, int]]:
    """The date right after a word that ends the term. Every such word counts, not only the first: the end
    date often follows an 'unless sooner terminated' ('..., unless terminated as provided herein, shall
    continue through November 30, 1998')."""
    for cue in rule.pattern.finditer(text):
        before = text[: cue.start()]
        if not (_ABOUT_THE_TERM.search(before[-80:]) or _ABOUT_THE_TERM.search(before[:50])):
            continue  # "compensation shall expire on ...", "prohibited ... until ...": not the contract's end
        dates = find_dates(text[cue.end() : cue.end() + 40])
        if dates:
            return dates
    return []


def _add_months(start: date, months: int) -> date:
    y, m = divmod(start.month - 1 + months, 12)
    return date(start.year + y, m + 1, min(start.day, calendar.monthrange(start.year + y, m + 1)[1]))


# the sentence is about how long the contract runs, not a covenant that lasts a while (confidentiality,
# non-solicitation, payment default)
_ABOUT_THE_TERM = re.compile(r"(?i)\b(?:agreement|term|contract)\b")
_COVENANT = re.compile(
    r"(?i)confiden|solicit|compet|prohibit|during the (?:initial )?term|(?:any|other) terms? of|surviv"
    r"|retain|records|[“\"](?!(?:initial )?term)[^”\"]{2,40}[”\"]\s+(?:shall )?means?\b"
)
# weaker signs, counted only near the cue: a long term sentence may mention a licence or a payment later on
_COVENANT_NEAR = re.compile(r"(?i)disclos|default|payment|warrant|indemn|licen[cs]e|assign")
_FROM_OTHER_EVENT = re.compile(
    r"[^.]{0,25}?\b(?:from|after|following)\s+(?!(?:the\s+|such\s+)?(?:effective|commencement|"
    r"date (?:hereof|of (?:this|the) (?:agreement|document))|execution|signing|this|its|date first))",
    re.I,
)
_TERM_CUE = RULES["initial_term_months.term_period"].pattern
_FROM_SIGNING = re.compile(
    r"(?i)\bdate (?:hereof|of (?:this|the) agreement)|date first (?:above |set forth above )?"
    r"written|date of (?:execution|signing)|execution date"
)
_RENEWAL_CUE = RULES["auto_renewal.renewal_sentence"].pattern
_RENEWAL_WORD = re.compile(r"renew|extend|extension|renewal|thereafter", re.I)
_FOR_PERIOD = re.compile(r"\bfor\s+[\w\s()-]{0,30}$", re.I)  # "for additional one (" before "1) year terms"


def _add_initial_term(terms: _Terms, dates: dict[str, date], months: int, rule: TermRule, s: _Sentence) -> None:
    """The initial term, and the end date it implies when the contract states no end date of its own."""
    terms.add(rule, months, s)
    start = dates.get("effective_date") or dates.get("agreement_date")
    if _FROM_SIGNING.search(s.text) and not re.search(r"(?i)effective date|commencement date", s.text):
        # "the seventh anniversary of the date hereof": counted from signing, not from a later effective date
        start = dates.get("agreement_date") or start
    if start and "expiry_date" not in dates:
        terms.add(RULES["expiry_date.from_initial_term"], _add_months(start, months).isoformat(), s)
    elif not start and terms.has("agreement_date") and months % 12 == 0:
        # a date left blank for signing ("[___], 2020"): the end is known to the year (or month) only
        partial = terms.items["agreement_date"].value
        if re.fullmatch(r"\d{4}(?:-\d{2})?", partial):
            terms.add(RULES["expiry_date.year_of_blank_date"], f"{int(partial[:4]) + months // 12}{partial[4:]}", s)


def _term_and_renewal(sentences: list[_Sentence], terms: _Terms, dates: dict[str, date]) -> None:
    for s in sentences:
        m = _TERM_CUE.search(s.text)
        if not m or _COVENANT.search(s.text) or _COVENANT_NEAR.search(s.text[: m.end() + 80]):
            continue
        after = s.text[m.start() :]
        # renewal periods come after the initial term ("continue thereafter for 12 months" is the term itself)
        cut = re.search(r"(?i)renew|extend|(?<!continue )thereafter", after)
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
    if not terms.has("initial_term_months"):
        # "the term shall end on the seventh anniversary of the Effective Date"
        anniversary = RULES["initial_term_months.anniversary"]
        for s in sentences:
            m = anniversary.search(s.text)
            if m and not re.search(r"(?i)\b(?:longer|later|earlier|shorter) of\b", s.text):
                word = re.search(r"(\w+)(?:\s+\(\d{1,2}(?:st|nd|rd|th)\))?\s+anniversary", m.group(0)).group(1).lower()
                years = ORDINALS.get(word) or int(re.match(r"\d+", word).group(0))
                _add_initial_term(terms, dates, years * 12, anniversary, s)
                break
    if not terms.has("expiry_date"):
        # "shall remain in effect until the expiration of the Royalty Term", "for so long as X remains a
        # shareholder", "through the completion of the services": an end by event, not by date
        by_event = RULES["expiry_date.until_event"].pattern
        s = next(
            (
                s
                for s in sentences
                if by_event.search(s.text)
                and not _COVENANT.search(s.text)
                and not _COVENANT_NEAR.search(s.text)
                and not find_dates(s.text)
                and not _RENEWAL_CUE.search(s.text)
                and not find_durations(s.text[by_event.search(s.text).end() :])
            ),
            None,
        )
        if s:
            terms.add(RULES["expiry_date.until_event"], "perpetual", s)
    if not terms.has("expiry_date"):
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
    renewals = [s for s in sentences if _RENEWAL_CUE.search(s.text)]
    with_period = []
    for s in renewals:
        starts = [m.start() for m in (_RENEWAL_WORD.search(s.text), _RENEWAL_CUE.search(s.text)) if m]
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
    notice_rule = RULES["notice_period_days.before_renewal"]
    candidates = [s for s in renewals if re.search(r"\bnoti(?:ce|fication|fies|fy)", s.text, re.I)]
    candidates += [s for s in sentences if notice_rule.search(s.text) and s not in candidates]
    for s in candidates:
        # the notice period is the duration followed by 'prior', 'before', 'notice' or 'in advance'
        lead = [
            (n, u)
            for n, u, o in find_durations(s.text)
            if re.match(r"[^.]{0,40}?(?:prior|before|notice|notification|in advance|preceding)", s.text[o:], re.I)
        ]
        if lead:
            n, unit = lead[0]
            terms.add(notice_rule, to_days(n, unit), s)
            break


def _governing_law(sentences: list[_Sentence], terms: _Terms) -> None:
    """The jurisdiction whose laws govern: a known state, province or country named after 'law(s) of', or
    elsewhere in a governing-law sentence ('laws of that State'). A state wins over its country."""
    cue = RULES["governing_law.laws_of"].pattern
    # a definition ('"Applicable Law" means any United States ... law') names laws but chooses none
    definition = re.compile(r"[“\"][^”\"]{1,60}[”\"]\s+(?:shall )?means?\b")
    for s in sentences:
        m = cue.search(s.text)
        if not m or definition.search(s.text):
            continue
        law = re.search(r"\blaws?\s+(?:and [^.]{0,40}?)?of\s+(?P<rest>.{0,120})", s.text, re.I | re.S)
        places = find_jurisdictions(law.group("rest")) if law else []
        places = places or find_jurisdictions(s.text)
        if not places:
            continue
        national = {"United States", "United Kingdom", "Canada", "Australia"}
        place = next((p for p in places if p not in national), places[0])
        terms.add(RULES["governing_law.laws_of" if law else "governing_law.named_place"], place, s)
        return


def _money_terms(sentences: list[_Sentence], terms: _Terms) -> None:
    for rule in (RULES["annual_charges.stated"], RULES["cost_baseline.stated"]):
        for s in sentences:
            m = rule.search(s.text)
            if not m:
                continue
            money = parse_money(s.text[m.start() :]) or parse_money(s.text)
            if money:
                terms.add(RULES["currency.stated_amount"], money[0], s)
                terms.add(rule, float(money[1]), s)
                break
    kind_rule = RULES["cost_baseline_kind.named"]
    s = next((s for s in sentences if kind_rule.search(s.text)), None)
    if s and "cost_baseline" in terms.items:
        kind = re.search(r"(historical cost|market benchmark|market basket|budget|index[- ]adjusted)", s.text, re.I)
        if kind:
            terms.add(kind_rule, kind.group(1).lower(), s)


def _percent_terms(sentences: list[_Sentence], terms: _Terms) -> None:
    for rule in (RULES["committed_savings_pct.stated"], RULES["at_risk_pct.stated"]):
        for s in sentences:
            m = rule.search(s.text)
            if m:
                terms.add(rule, float(m.group(1) or m.group(2)), s)
                break


# "'Monthly Charges' means one twelfth of the Annual Charges": a defined term fixing the month's charges
_MONTHLY_CHARGES_DEFINED = re.compile(
    r"[\"“]Monthly (?:Charges|Fees?)[\"”]\s+(?:means|shall mean)\s+(?:one[- ]twelfth|1/12(?:th)?|an amount equal to one"
    r"[- ]twelfth)\s+of\s+the\s+Annual (?:Charges|Fees?)",
    re.I,
)


def _at_risk_basis(sentences: list[_Sentence], terms: _Terms) -> None:
    """What the at-risk % applies to. Where the contract puts the amount at risk as a share of its defined
    Monthly Charges and defines them as a twelfth of the Annual Charges, the basis is the contract's charges,
    whatever the month's invoice says. Silent contracts get no value: the marts then use the month's invoice
    where one was reported (the amount the credit reduces), else the contract's twelfth."""
    defined = next((s for s in sentences if _MONTHLY_CHARGES_DEFINED.search(s.text)), None)
    rule = RULES["at_risk_basis.monthly_charges_defined"]
    applies = next((s for s in sentences if rule.search(s.text)), None)
    if defined and applies:
        terms.add(rule, "contract", applies)


def _earn_back(sentences: list[_Sentence], terms: _Terms) -> None:
    """Earn-back: how many following months at the Expected level return a service credit."""
    rule = RULES["earn_back_months.stated"]
    s = next((s for s in sentences if rule.search(s.text)), None)
    if s:
        months = [to_months(n, u) for n, u, _ in find_durations(s.text) if to_months(n, u)]
        if months:
            terms.add(rule, months[0], s)


_MULTIPLIER_WORDS = {"double": 2.0, "doubled": 2.0, "twice": 2.0, "two times": 2.0, "tripled": 3.0, "three times": 3.0}


def _repeat_default_multiplier(sentences: list[_Sentence], terms: _Terms) -> None:
    """Escalation for repeated defaults: 'if a Service Level Default occurs ... in two (2) or more consecutive
    months, the Service Credit ... shall be multiplied by 1.5' -> months 2, multiplier 1.5."""
    rule = RULES["repeat_default.multiplier"]
    for s in sentences:
        if not rule.search(s.text) or not re.search(r"(?i)service (?:level )?credit", s.text):
            continue
        factor = re.search(
            r"multiplied by (?:a factor of )?(\d+(?:\.\d+)?)|\b(doubled?|twice|two times|tripled|three times)\b",
            s.text,
            re.I,
        )
        count = re.search(r"(?:\((\d+)\)|\b(\d+))\s+(?:or more\s+)?consecutive", s.text, re.I)
        if factor and count:
            multiplier = float(factor.group(1)) if factor.group(1) else _MULTIPLIER_WORDS[factor.group(2).lower()]
            terms.add(rule, int(count.group(1) or count.group(2)), s, field="repeat_default_months")
            terms.add(rule, multiplier, s)
            return


def _missing_report_default(sentences: list[_Sentence], terms: _Terms) -> None:
    """Whether a month the vendor sends no performance report counts as its service levels failed."""
    rule = RULES["missing_report_deemed_default.stated"]
    s = next((s for s in sentences if rule.search(s.text)), None)
    if s:
        terms.add(rule, True, s)


def _coverage_hours(sentences: list[_Sentence], terms: _Terms) -> None:
    """The service window a business-hours clock runs in, normalised ('mon-fri 08:00-18:00')."""
    rule = RULES["coverage_hours.stated"]
    for s in sentences:
        window = parse_coverage(s.text) if rule.search(s.text) else None
        if window:
            terms.add(rule, window, s)
            return


def _ticket_month_basis(sentences: list[_Sentence], terms: _Terms) -> None:
    """Whether tickets count in the month they were opened; silence means the month they were resolved."""
    rule = RULES["ticket_month_basis.opened"]
    s = next((s for s in sentences if rule.search(s.text)), None)
    if s:
        terms.add(rule, "opened", s)


def _pricing_model(sentences: list[_Sentence], terms: _Terms) -> None:
    rule = RULES["pricing_model.named"]
    for s in sentences:
        if not rule.search(s.text):
            continue
        for model, pattern in PRICING_MODELS:
            if re.search(pattern, s.text, re.I):
                terms.add(rule, model, s)
                return


_TITLE_WORD = re.compile(r"^(?:[A-Z][A-Z'’\-]*,?|AND|&|OF|FOR|TO|THE)$")


def _title_phrase(line: str) -> str | None:
    """The agreement's name inside a heading: the capitalised words ending in AGREEMENT/CONTRACT, without
    exhibit numbers, dates, party names or 'FORM OF' before them."""
    words = line.split()
    end = next((i for i, w in enumerate(words) if re.match(r"(?i)^(agreement|contract)\b", w)), None)
    if end is None:
        return None
    start = end

    def in_title(i: int) -> bool:
        word = words[i]
        if word.lower() in ("and", "of", "for", "&"):
            # title case writes its joining words small: "License and Development Agreement"
            return i > 0 and (words[i - 1].istitle() or words[i - 1].isupper())
        return bool(_TITLE_WORD.match(word.upper() if word.istitle() else word))

    while start > 0 and in_title(start - 1):
        start -= 1
    stop = end + 1
    if stop < len(words) and words[stop].upper() in ("FOR", "ON", "OF", "REGARDING"):
        # "... AGREEMENT FOR INFRASTRUCTURE MANAGED SERVICES", but not "... AGREEMENT DATED AS OF ..."
        while (
            stop < len(words)
            and _TITLE_WORD.match(words[stop])
            and words[stop].strip(",") not in ("BETWEEN", "DATED", "BY", "AMONG", "MADE", "AS", "EFFECTIVE")
        ):
            stop += 1
    phrase = words[start:stop]
    while phrase and phrase[0].upper().strip(",") in ("AND", "&", "OF", "FOR", "TO", "THE", "FORM"):
        phrase = phrase[1:]
    phrase[-1] = re.sub(r"[^\w]+$", "", phrase[-1]) if phrase else ""
    return " ".join(phrase) if phrase else None


def _title(first_page: PdfPage) -> str | None:
    """The first heading on the cover that names an agreement; titles often wrap onto two lines."""
    lines = [" ".join(line.split()) for line in first_page.text.splitlines()[:40]]
    block: list[str] = []
    for line in lines + [""]:
        if line and line.isupper() and not re.search(r"confidential|page \d", line, re.I):
            block.append(line)
            continue
        if block:
            phrase = _title_phrase(" ".join(block))
            if phrase:
                return phrase
            block = []
    # mixed-case covers: a short line that names an agreement
    for line in lines:
        if len(line) < 90 and re.search(r"\b(?:Agreement|Contract)\b", line) and line[:1].isupper():
            phrase = _title_phrase(line)
            if phrase and len(phrase.split()) >= 2:
                return phrase
    return None


def _credit_clauses(sentences: list[_Sentence], terms: _Terms, sla: list[SlaTerm]) -> list[SlaTerm]:
    """Caps on credits as contract terms; a per-failure credit model and its trigger onto the schedule's rows."""
    credit = read_credit_terms([s.text for s in sentences])
    by_text = {s.text: s for s in sentences}
    caps = {
        "credit_monthly_cap_pct.stated": ("credit_monthly_cap_pct", credit.monthly_cap_pct),
        "credit_yearly_cap_pct.stated": ("credit_yearly_cap_pct", credit.yearly_cap_pct),
    }
    for rule, text in credit.sources:
        if rule in caps:
            field, value = caps[rule]
            terms.add(rule, value, by_text[text], field=field, confidence=0.75)
    return priced(sla, credit)


def looks_like_sla_schedule(text: str) -> bool:
    """A page worth pdfplumber's table model: it names service levels and their levels."""
    low = text.lower()
    return bool(SLA_CUE.search(text)) or (
        ("kpi" in low or "sla" in low) and any(w in low for w in ("minimum", "expected", "target"))
    )


def extract_contract(path: Path, engagement_id: str, sha256: str) -> ContractExtraction:
    return extract_from_pages(read_pages(path, wants_tables=looks_like_sla_schedule), engagement_id, sha256)


def extract_from_pages(pages: list[PdfPage], engagement_id: str, sha256: str) -> ContractExtraction:
    """The terms and SLA schedule of a contract's pages, however they were read (a PDF, OCR, a test's text)."""
    pages = [replace(p, text=_FILING_FOOTER.sub(lambda m: " " * len(m.group(0)), p.text)) for p in pages]
    sentences = _sentences(pages)
    terms = _Terms(engagement_id, sha256)
    title = _title(pages[0])
    if title:
        terms.add(RULES["title.cover_heading"], title, _Sentence(title, 1, 0))
    _roles_from_duties(sentences, _parties(sentences, pages, terms), terms)
    dates = _dates(sentences, pages, terms)
    _term_and_renewal(sentences, terms, dates)
    _governing_law(sentences, terms)
    _money_terms(sentences, terms)
    _percent_terms(sentences, terms)
    _at_risk_basis(sentences, terms)
    _pricing_model(sentences, terms)
    _coverage_hours(sentences, terms)
    _ticket_month_basis(sentences, terms)
    _earn_back(sentences, terms)
    _repeat_default_multiplier(sentences, terms)
    _missing_report_default(sentences, terms)
    for hit in find_clauses([s.text for s in sentences]):
        terms.add(
            f"clause.{hit.clause}", "yes", sentences[hit.sentence_index], field=f"clause:{hit.clause}", confidence=0.7
        )
    kind = classify_engagement(" ".join(s.text for s in sentences))
    evidence = next((s for s in sentences if kind.evidence and kind.evidence[0] in s.text), None)
    if evidence:
        terms.add(
            "engagement_type.keywords",
            kind.engagement_type,
            evidence,
            field="engagement_type",
            confidence=kind.confidence,
        )
    window = "monthly"
    s = _first(sentences, r"measurement window|measured (?:monthly|quarterly|weekly)")
    if s and re.search(r"quarter", s.text, re.I):
        window = "quarterly"
    # a table by what its cells hold first; for text without a table model the header-word readers come before
    # the content ones, which read the layouts those cannot (other words, other orders)
    ocr = any(p.ocr for p in pages)
    confidence = 0.6 if ocr else 0.7
    readers = (
        lambda: schedule_terms(pages, engagement_id, sha256, window, "tables"),
        lambda: read_sla_terms(pages, engagement_id, sha256, window),
        lambda: read_sla_terms_from_text(pages, engagement_id, sha256, window, confidence=confidence),
        lambda: schedule_terms(pages, engagement_id, sha256, window, "lines"),
        lambda: schedule_terms(pages, engagement_id, sha256, window, "prose"),
        lambda: read_sla_terms_from_paragraphs(pages, engagement_id, sha256, window, confidence=confidence),
    )
    sla = []
    for read in readers:
        sla = sla or read()
    if not sla:
        sla = service_level_terms(find_levels(pages), engagement_id, sha256, window, ocr)
    sla = _credit_clauses(sentences, terms, sla)
    values = list(terms.items.values())
    if ocr:
        # OCR misreads characters: every value from a scan is less certain, and the source is recorded
        values = [replace(t, confidence=round(t.confidence * OCR_CONFIDENCE_FACTOR, 2)) for t in values]
        first = pages[0]
        values.append(
            ContractTerm(engagement_id, "text_source", "ocr", 1.0, Provenance(sha256, 1, first.text[:200], 0))
        )
    return ContractExtraction(terms=values, sla_terms=sla, pages=len(pages))
