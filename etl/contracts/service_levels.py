"""Service levels found in a contract's pages: table rows first (`level_tables`), then the sentences, grade texts
and lists the tables did not hold (`level_prose`), each read by the commitment grammar of `level_rules`; a level a
summary table restates pages later is kept once, and each found level becomes a schedule row (`SlaTerm`) with
its confidence and provenance.
"""

from __future__ import annotations

import re

from etl.contracts.graded_levels import grade_rows
from etl.contracts.level_prose import covered, graded_text, listed_item, listed_text, prose_levels
from etl.contracts.level_rules import PROSE_RULES, FoundLevel, graded_level, plain_text, speaks_of_service_levels
from etl.contracts.level_tables import table_levels
from etl.contracts.level_text import normalise
from etl.pdf_document import PdfPage
from etl.records import Provenance, SlaTerm, metric_id


def find_levels(pages: list[PdfPage]) -> list[FoundLevel]:
    """Every commitment on pages about service levels: table rows first, then sentences the tables did not hold.
    A document that never speaks of service levels, standards or AQLs gives none."""
    found: list[FoundLevel] = []
    continued = False  # a schedule that runs onto the next page carries its cue with it
    for page in pages:
        if not speaks_of_service_levels(page.text) and not continued:
            # an unruled matrix of times per grade is a schedule by its shape, whatever the page calls it
            found += [graded_level(g, page.number, in_table=False) for g in grade_rows(page.text)]
            continue
        before = len(found)
        tables = table_levels(page)
        cell_texts = [" ".join(c for row in t for c in row) for t in page.tables if t and len(t[0]) >= 2]
        # a sentence inside a table was read with its row (and its AQL); read again alone it would lose them
        in_tables = plain_text(" ".join(cell_texts))
        table_texts = [plain_text(normalise(text)) for text in cell_texts]
        graded = graded_text(page, tables, " ".join(table_texts))
        listed = listed_text(page, tables + graded, " ".join(table_texts))
        found += tables + graded + listed
        segments = [plain_text(g.source) for g in graded + listed]
        in_rows = {(f.level.target, f.level.unit) for f in tables}
        # the cells a table row was read from: a sentence holding one whole is that row read again as text (a
        # heading and the header row run into the first row when no sentence ends between them)
        row_sources = " ".join(plain_text(normalise(f.source)) for f in tables)
        cells = _cell_texts(page)
        long_cells = [c for c in cells if len(c) >= 25 and re.search(r"\d", c) and c in row_sources]
        # the words of the cells and the rows' runs of words, for a table read again from the page's text
        cell_words = set(_WORD.findall(" ".join(cells).lower())) if tables else set()
        row_shingles = _shingles(row_sources)
        for f in prose_levels(page, PROSE_RULES):
            plain = plain_text(normalise(f.source))
            if plain_text(f.source)[:60] in in_tables or covered(plain, segments) or listed_item(f, listed, plain):
                continue
            # a page without sentence ends runs a table's whole text into one sentence: its levels are the rows'
            if (f.level.target, f.level.unit) in in_rows and any(t in plain for t in table_texts):
                continue
            if tables and any(c in plain for c in long_cells):
                continue
            if cell_words and _of_the_cells_words(plain, cell_words) and _shingles(plain) & row_shingles:
                continue
            found.append(f)
        continued = (continued or speaks_of_service_levels(page.text)) and len(found) > before
    return _without_restatements(found)


_WORD = re.compile(r"[a-z0-9]+(?:[.,%][0-9]+)?%?")


def _of_the_cells_words(sentence: str, cell_words: set[str]) -> bool:
    """Whether a sentence is the table read again as text, its columns interleaved line by line (as a text layer
    or OCR of the page gives a table's lines): five words or more, all but one in every ten words of the table's
    cells. Only a sentence that shares a level's run of words with a row the table gave is dropped so (_shingles):
    a row the table could not read, read from its text, stays."""
    words = _WORD.findall(sentence.lower())
    return len(words) >= 5 and sum(w in cell_words for w in words) >= 0.9 * len(words)


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Each run of four words that holds a number: a level's own words, as a row read from a table keeps them."""
    words = _WORD.findall(text.lower())
    runs = (tuple(words[i : i + 4]) for i in range(len(words) - 3))
    return {run for run in runs if any(w[0].isdigit() for w in run)}


def _cell_texts(page: PdfPage) -> list[str]:
    return [plain_text(normalise(" ".join(c.split()))) for t in page.tables for row in t for c in row if c]


_SECTION_NUMBER = re.compile(r"\b[A-Z]?\.?\d+(?:\.\d+){2,}\b")


def _restates(a: FoundLevel, b: FoundLevel) -> bool:
    """b states a's level again: a summary table (a PRS, a QASP matrix) repeats the work statement's standards.
    Same level, same numbers in the name, the shorter name's words nearly all in the longer one, and another
    part of the document (rows a page or two apart are a schedule's own, like sub-items sharing one level)."""
    if abs(a.page - b.page) <= 2:
        return False
    if (a.level.target, a.level.unit, a.level.threshold, a.level.minimum, a.severity) != (
        b.level.target,
        b.level.unit,
        b.level.threshold,
        b.level.minimum,
        b.severity,
    ):
        return False
    names = [_SECTION_NUMBER.sub(" ", f.name) for f in (a, b)]
    numbers = [set(re.findall(r"\d+(?:\.\d+)?", n)) for n in names]
    words = [{w[:6] for w in re.findall(r"[a-z]{3,}", n.lower())} for n in names]
    if numbers[0] != numbers[1] or not words[0] or not words[1]:
        return False
    return len(words[0] & words[1]) >= 0.8 * min(len(words[0]), len(words[1]))


def _without_restatements(found: list[FoundLevel]) -> list[FoundLevel]:
    kept: list[FoundLevel] = []
    for f in found:
        if not any(_restates(k, f) for k in kept):
            kept.append(f)
    return kept


# a level read from a performance table is less certain than a schedule row with Expected/Minimum columns, and
# one read from a sentence less again; `review` and stg_sla_terms.confidence show which is which
_RULE_CONFIDENCE = 0.7
_PROSE_CONFIDENCE = 0.55


def service_level_terms(
    found: list[FoundLevel], engagement_id: str, sha256: str, default_window: str, ocr: bool = False
) -> list[SlaTerm]:
    terms: list[SlaTerm] = []
    seen: set[str] = set()
    for f in found:
        metric = metric_id(f.name)
        base, n = metric, 2
        while metric in seen:
            metric, n = f"{base}_{n}", n + 1
        seen.add(metric)
        level = f.level
        confidence = _RULE_CONFIDENCE if f.in_table else _PROSE_CONFIDENCE
        terms.append(
            SlaTerm(
                engagement_id=engagement_id,
                metric_id=metric,
                metric_name=f.name,
                unit=level.unit,
                direction=level.direction,
                baseline=None,
                expected=level.target,
                # one threshold and no separate floor: missing the target is the breach
                minimum=level.minimum if level.minimum is not None else level.target,
                allocation_pct=0.0,
                measurement_window=f.window or default_window,
                confidence=round(confidence * (0.8 if ocr else 1.0), 2),
                provenance=Provenance(sha256, f.page, f.source),
                threshold=level.threshold,
                threshold_unit=level.threshold_unit,
                allowed_deviation_pct=level.allowed_deviation_pct,
                severity=f.severity,
                rule=level.rule,
            )
        )
    return terms
