"""A contract's text as the term readers see it: sentences with their page and offset, and the terms found in
them, each with the rule that read it and the sentence as provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.contracts.term_rules import TermRule
from etl.pdf_document import PdfPage
from etl.records import ContractTerm, Provenance


@dataclass
class Sentence:
    text: str
    page: int
    offset: int


_ABBREVIATION = re.compile(
    r"(?:\b(?i:Inc|Ltd|Co|Corp|Pvt|Pte|No|St|Mr|Ms|Dr|e\.g|i\.e|etc|U\.S|S\.A|L\.P|N\.V|B\.V|LLC|L\.L\.C|Sec|Art|vs|Nos)"
    r"|\b[A-Z]|^\s*\d+|\b(?i:jan|feb|mar|apr|april|jun|june|jul|july|aug|sep|sept|oct|nov|dec))\.$"
)


# a filing's page footer ("Source: ACME CORP, 10-K, 3/1/2019") names the filer, not a party to the contract
FILING_FOOTER = re.compile(r"(?m)^[ \t]*Source:[^\n]*\d{1,2}/\d{1,2}/\d{4}[ \t]*$")


# a rule of dashes standing for an underline in a filing's text ("dated as of 5 May, -------- 2004"): it
# parts a date or a duration from the words it belongs to
_DASH_RULE = re.compile(r"(?<!\S)-{4,}(?!\S)")


def _folded(text: str) -> str:
    return " ".join(_DASH_RULE.sub(" ", text).split())


def split_sentences(pages: list[PdfPage]) -> list[Sentence]:
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
            folded = _folded(text[start : m.end()])
            if folded:
                out.append(Sentence(folded, page.number, start))
            start = m.end()
        folded = _folded(text[start:])
        if folded:
            out.append(Sentence(folded, page.number, start))
    return out


class FoundTerms:
    def __init__(self, engagement_id: str, sha256: str):
        self.engagement_id, self.sha256 = engagement_id, sha256
        self.items: dict[str, ContractTerm] = {}

    def add(
        self,
        rule: TermRule | str,
        value,
        s: Sentence,
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


def first_matching(sentences: list[Sentence], pattern: str) -> Sentence | None:
    rx = re.compile(pattern, re.IGNORECASE)
    return next((s for s in sentences if rx.search(s.text)), None)
