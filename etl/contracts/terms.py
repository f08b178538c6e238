"""Extract an outsourcing contract's terms and SLA schedule from its PDF, each value with provenance and confidence.

Rules look for the ways contracts commonly phrase a term, not for one template's wording; each rule that
fires records the sentence it read, so an analyst can check it against the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from etl.contracts.clauses import find_clauses
from etl.contracts.commercial_terms import (
    read_at_risk_basis,
    read_coverage_hours,
    read_credit_clauses,
    read_earn_back,
    read_governing_law,
    read_minimum_monthly_tickets,
    read_missing_report_default,
    read_money_terms,
    read_percent_terms,
    read_pricing_model,
    read_repeat_default_multiplier,
    read_ticket_month_basis,
)
from etl.contracts.contract_dates import read_dates
from etl.contracts.contract_sentences import (
    FILING_FOOTER,
    FoundTerms,
    Sentence,
    first_matching,
    split_sentences,
)
from etl.contracts.engagement_type import classify_engagement
from etl.contracts.level_rules import speaks_of_service_levels
from etl.contracts.parties import read_parties, read_roles
from etl.contracts.schedule_content import schedule_terms
from etl.contracts.service_levels import find_levels, service_level_terms
from etl.contracts.sla_schedule import read_sla_terms, read_sla_terms_from_paragraphs, read_sla_terms_from_text
from etl.contracts.term_renewal import read_term_and_renewal
from etl.contracts.term_rules import RULES
from etl.contracts.title import read_title
from etl.pdf_document import PdfPage, read_pages
from etl.quantities import values_written_plainly
from etl.records import ContractTerm, Provenance, SlaTerm

OCR_CONFIDENCE_FACTOR = 0.8


@dataclass
class ContractExtraction:
    terms: list[ContractTerm]
    sla_terms: list[SlaTerm]
    pages: int


def looks_like_sla_schedule(text: str) -> bool:
    """A page worth pdfplumber's table model: it names service levels and their levels."""
    low = text.lower()
    return speaks_of_service_levels(text) or (
        ("kpi" in low or "sla" in low) and any(w in low for w in ("minimum", "expected", "target"))
    )


def extract_contract(path: Path, engagement_id: str, sha256: str) -> ContractExtraction:
    return extract_from_pages(read_pages(path, wants_tables=looks_like_sla_schedule), engagement_id, sha256)


def _values_written_plainly(page: PdfPage) -> PdfPage:
    """The page with its decimal-comma shares ("99,5 %") written with a point and the footnote marks after its
    values ("99.9%*") blanked, in text and cells, as every reader of levels and percentages reads them."""
    tables = [[[values_written_plainly(c) for c in row] for row in table] for table in page.tables]
    return replace(page, text=values_written_plainly(page.text), tables=tables)


def extract_from_pages(pages: list[PdfPage], engagement_id: str, sha256: str) -> ContractExtraction:
    """The terms and SLA schedule of a contract's pages, however they were read (a PDF, OCR, a test's text)."""
    pages = [replace(p, text=FILING_FOOTER.sub(lambda m: " " * len(m.group(0)), p.text)) for p in pages]
    pages = [_values_written_plainly(p) for p in pages]
    sentences = split_sentences(pages)
    terms = FoundTerms(engagement_id, sha256)
    title = read_title(pages[0])
    if title:
        terms.add(RULES["title.cover_heading"], title, Sentence(title, 1, 0))
    read_roles(sentences, read_parties(sentences, pages, terms), terms)
    dates = read_dates(sentences, pages, terms)
    read_term_and_renewal(sentences, terms, dates)
    read_governing_law(sentences, terms)
    read_money_terms(sentences, terms)
    read_percent_terms(sentences, terms)
    read_at_risk_basis(sentences, terms)
    read_pricing_model(sentences, terms)
    read_coverage_hours(sentences, terms)
    read_ticket_month_basis(sentences, terms)
    read_minimum_monthly_tickets(sentences, terms)
    read_earn_back(sentences, terms)
    read_repeat_default_multiplier(sentences, terms)
    read_missing_report_default(sentences, terms)
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
    s = first_matching(sentences, r"measurement window|measured (?:monthly|quarterly|weekly)")
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
    sla = read_credit_clauses(sentences, terms, sla)
    values = list(terms.items.values())
    if ocr:
        # OCR misreads characters: every value from a scan is less certain, and the source is recorded
        values = [replace(t, confidence=round(t.confidence * OCR_CONFIDENCE_FACTOR, 2)) for t in values]
        first = pages[0]
        values.append(
            ContractTerm(engagement_id, "text_source", "ocr", 1.0, Provenance(sha256, 1, first.text[:200], 0))
        )
    return ContractExtraction(terms=values, sla_terms=sla, pages=len(pages))
