"""Extract an outsourcing contract's terms and SLA schedule from its PDF, each value with provenance and confidence.

Rules look for the ways contracts commonly phrase a term, not for one template's wording; each rule that
fires records the sentence it read, so an analyst can check it against the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.engagement_type import classify_engagement
from etl.pdf_document import PdfPage, read_pages
from etl.quantities import find_dates, find_durations, parse_money, to_days, to_months
from etl.records import ContractTerm, Provenance, SlaTerm
from etl.sla_table import read_sla_terms

CLIENT_ROLES = ("customer", "client", "company", "sponsor", "buyer", "purchaser", "licensee")
VENDOR_ROLES = ("supplier", "provider", "service provider", "vendor", "contractor", "agency", "consultant",
                "licensor", "seller")
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
    r"(?:\b(?:Inc|Ltd|Co|Corp|Pvt|No|St|Mr|Ms|Dr|e\.g|i\.e|etc|U\.S|S\.A|L\.P|N\.V|B\.V|LLC|Sec|Art|vs)|\b[A-Z]|^\s*\d+)\.$")


def _sentences(pages: list[PdfPage]) -> list[_Sentence]:
    """Sentences per page with whitespace folded, so rules see a clause that wraps lines as one string.

    A period ends a sentence only before white space and not after an abbreviation ("Inc.", "S.A.") or a
    decimal point, so party names and amounts stay whole.
    """
    out = []
    for page in pages:
        text, start = page.text, 0
        for m in re.finditer(r"[.;](?=\s|$)|\n(?=\d+\.\s+[A-Z])", text):
            if _ABBREVIATION.search(text[max(start, m.end() - 12):m.end()]):
                continue
            folded = " ".join(text[start:m.end()].split())
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

    def add(self, field: str, value, confidence: float, s: _Sentence) -> None:
        if field in self.items or value is None:
            return
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, float):
            value = f"{value:g}" if abs(value) < 1e6 else f"{value:.2f}"
        self.items[field] = ContractTerm(self.engagement_id, field, str(value), round(confidence, 2),
                                         Provenance(self.sha256, s.page, s.text, s.offset))


def _first(sentences: list[_Sentence], pattern: str) -> _Sentence | None:
    rx = re.compile(pattern, re.IGNORECASE)
    return next((s for s in sentences if rx.search(s.text)), None)


def _parties(sentences: list[_Sentence], terms: _Terms) -> None:
    """'between ACME Ltd. (the "Customer") and Widget Inc. (the "Supplier")' -> client and vendor by role."""
    rx = re.compile(
        r"(?P<name>[A-Z][\w.,&'\- ]+?(?:Inc|Ltd|LLC|plc|GmbH|S\.A|AG|B\.V|Pvt\. Ltd|Corporation|Corp|Limited|"
        r"Company|LLP|L\.P|N\.V|SE|Co)\.?),?\s*(?:a [^(]{0,80})?\(\s*(?:the\s+|hereinafter\s+)?[\"“](?P<alias>[^\"”]+)[\"”]\s*\)")
    for s in sentences[:40]:
        if not re.search(r"\bbetween\b|\bby and among\b|\bparties\b", s.text, re.IGNORECASE):
            continue
        for m in rx.finditer(s.text):
            name = re.split(r"\bbetween\s+|^and\s+", m.group("name").strip(" ,"))[-1]
            alias = m.group("alias").strip().lower()
            if alias in CLIENT_ROLES:
                terms.add("client", name, 0.9, s)
                terms.add("client_alias", m.group("alias").strip(), 0.9, s)
            elif alias in VENDOR_ROLES:
                terms.add("vendor", name, 0.9, s)
                terms.add("vendor_alias", m.group("alias").strip(), 0.9, s)


def _dates(sentences: list[_Sentence], terms: _Terms) -> dict[str, date]:
    found: dict[str, date] = {}
    rules = [
        ("agreement_date", r"\b(?:is made|entered into|dated)\b", 0.85),
        ("effective_date", r"\beffective\b|\btakes? effect\b|\bcommenc", 0.85),
        ("expiry_date", r"\bexpir|\bending on\b|\bterminates? on\b|\buntil\b", 0.8),
    ]
    for field, pattern, confidence in rules:
        for s in sentences:
            if not re.search(pattern, s.text, re.IGNORECASE):
                continue
            dates = find_dates(s.text)
            if dates:
                found[field] = dates[0][0]
                terms.add(field, dates[0][0].isoformat(), confidence, s)
                break
    return found


def _term_and_renewal(sentences: list[_Sentence], terms: _Terms, dates: dict[str, date]) -> None:
    s = _first(sentences, r"initial term")
    if s:
        after = s.text[re.search(r"initial term", s.text, re.I).start():]
        months = next((to_months(n, u) for n, u, _ in find_durations(after) if to_months(n, u)), None)
        if months is None:
            months = next((to_months(n, u) for n, u, _ in find_durations(s.text) if to_months(n, u)), None)
        terms.add("initial_term_months", months, 0.85, s)
        if months and "effective_date" in dates and "expiry_date" not in dates:
            eff = dates["effective_date"]
            y, m = divmod(eff.month - 1 + months, 12)
            end = date(eff.year + y, m + 1, min(eff.day, 28)) if eff.day > 28 else date(eff.year + y, m + 1, eff.day)
            from datetime import timedelta
            terms.add("expiry_date", (end - timedelta(days=1)).isoformat(), 0.6, s)
    s = _first(sentences, r"(?:shall|will|may)\s+(?:\w+\s+){0,4}(?:renew|extend)|successive (?:periods|terms)")
    if s:
        auto = bool(re.search(r"automatic(?:ally)?\s+(?:be\s+)?(?:renew|extend)|renew\w*\s+automatically|auto[- ]?renew",
                              s.text, re.I))
        terms.add("auto_renewal", auto, 0.85, s)
        period = re.search(r"(?:successive|further|additional|renewal)\s+(?:period|term)s?\s+of\s+(.{0,40})", s.text, re.I)
        durations = find_durations(period.group(1)) if period else []
        if durations:
            n, unit, _ = durations[0]
            terms.add("renewal_term_months", to_months(n, unit), 0.85, s)
    s = _first(sentences, r"notice[^.]{0,120}(?:non-renewal|renew|extend|expiry|end of the)"
                          r"|(?:non-renewal|not wish to (?:renew|extend))[^.]{0,120}notice")
    if s:
        days = [(n, u) for n, u, _ in find_durations(s.text)]
        # the notice period is the last duration in the sentence: renewal periods come first
        if days:
            n, unit = days[-1]
            terms.add("notice_period_days", to_days(n, unit), 0.8, s)


def _governing_law(sentences: list[_Sentence], terms: _Terms) -> None:
    s = _first(sentences, r"governed by|governing law")
    if not s:
        return
    m = re.search(r"laws?\s+of\s+(?:the\s+)?(?:State\s+of\s+|Commonwealth\s+of\s+|Province\s+of\s+|Republic\s+of\s+)?"
                  r"(?P<j>[A-Z][A-Za-z]+(?:\s+(?:and\s+)?[A-Z][A-Za-z]+)*)", s.text)
    if m:
        terms.add("governing_law", m.group("j"), 0.9, s)


def _money_terms(sentences: list[_Sentence], terms: _Terms) -> None:
    rules = [
        ("annual_charges", r"annual (?:charges|fees?|contract value)|charges? of [^.]{0,20}per (?:year|annum)"),
        ("cost_baseline", r"(?:cost )?baseline"),
    ]
    for field, pattern in rules:
        for s in sentences:
            m = re.search(pattern, s.text, re.I)
            if not m:
                continue
            money = parse_money(s.text[m.start():]) or parse_money(s.text)
            if money:
                terms.add("currency", money[0], 0.9, s)
                terms.add(field, float(money[1]), 0.85, s)
                break
    s = _first(sentences, r"(?:historical|market|benchmark|budget|index)[^.]{0,30}basis|basis[^.]{0,10}(?:historical|budget)")
    if s and "cost_baseline" in terms.items:
        kind = re.search(r"(historical cost|market benchmark|market basket|budget|index[- ]adjusted)", s.text, re.I)
        if kind:
            terms.add("cost_baseline_kind", kind.group(1).lower(), 0.75, s)


def _percent_terms(sentences: list[_Sentence], terms: _Terms) -> None:
    rules = [
        ("committed_savings_pct", r"\bsavings?\b[^.]*?(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%[^.]*\bsavings?\b"),
        ("at_risk_pct", r"at[- ]risk[^.]*?(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%[^.]*at[- ]risk"),
    ]
    for field, pattern in rules:
        for s in sentences:
            m = re.search(pattern, s.text, re.I)
            if m:
                terms.add(field, float(m.group(1) or m.group(2)), 0.85, s)
                break


def _pricing_model(sentences: list[_Sentence], terms: _Terms) -> None:
    for s in sentences:
        if not re.search(r"pric|charges?|fees?", s.text, re.I):
            continue
        for model, pattern in PRICING_MODELS:
            if re.search(pattern, s.text, re.I):
                terms.add("pricing_model", model, 0.8, s)
                return


def _title(first_page: PdfPage) -> str | None:
    """The first block of upper-case lines that names an agreement; titles often wrap onto two lines."""
    block: list[str] = []
    for line in first_page.text.splitlines():
        line = line.strip()
        if line and line.isupper() and not re.search(r"confidential|page \d", line, re.I):
            block.append(line)
        elif block:
            if re.search(r"agreement|contract|statement of work", " ".join(block), re.I):
                return " ".join(block)
            block = []
    return None


def looks_like_sla_schedule(text: str) -> bool:
    """A page worth pdfplumber's table model: it names service levels and their levels."""
    low = text.lower()
    return ("service level" in low or "kpi" in low or "sla" in low) and any(
        w in low for w in ("minimum", "expected", "target"))


def extract_contract(path: Path, engagement_id: str, sha256: str) -> ContractExtraction:
    pages = read_pages(path, wants_tables=looks_like_sla_schedule)
    sentences = _sentences(pages)
    terms = _Terms(engagement_id, sha256)
    title = _title(pages[0])
    if title:
        terms.add("title", title, 0.7, _Sentence(title, 1, 0))
    _parties(sentences, terms)
    dates = _dates(sentences, terms)
    _term_and_renewal(sentences, terms, dates)
    _governing_law(sentences, terms)
    _money_terms(sentences, terms)
    _percent_terms(sentences, terms)
    _pricing_model(sentences, terms)
    kind = classify_engagement(" ".join(s.text for s in sentences))
    evidence = next((s for s in sentences if kind.evidence and kind.evidence[0] in s.text), None)
    if evidence:
        terms.add("engagement_type", kind.engagement_type, kind.confidence, evidence)
    window = "monthly"
    s = _first(sentences, r"measurement window|measured (?:monthly|quarterly|weekly)")
    if s and re.search(r"quarter", s.text, re.I):
        window = "quarterly"
    sla = read_sla_terms(pages, engagement_id, sha256, window)
    return ContractExtraction(terms=list(terms.items.values()), sla_terms=sla, pages=len(pages))
