"""A contract's title, from the heading of its first page."""

from __future__ import annotations

import re

from etl.contracts.entities import ENTITY_SUFFIXES
from etl.pdf_document import PdfPage

_TITLE_WORD = re.compile(r"^(?:[A-Z][A-Z'’\-]*,?|AND|&|OF|FOR|TO|THE)$")
# what a cover writes before a contract's title or a party's name: a part's label with its number ("EXHIBIT B",
# "APPENDIX C"), and a draft's ("EXECUTION VERSION", "EXECUTION COPY")
PART_LABELS = ("exhibit", "appendix", "attachment", "annex", "schedule")
DRAFT_LABELS = ("version", "copy")
# words that end what stands before a title on a cover: a draft's label, or a party's legal form (the entity
# suffixes, less the words a title may hold itself: "THE", "AND", "COMPANY", "SE" ...)
_BEFORE_TITLE = {w.upper() for w in DRAFT_LABELS} | {
    w.upper()
    for w in ENTITY_SUFFIXES - {"the", "and", "its", "affiliates", "de", "co", "company", "dba", "se", "sa", "ag"}
}


_AMENDMENT_BEFORE = re.compile(
    r"(?i)(?:\b(?:first|second|third|fourth|fifth|sixth|\d{1,2}(?:st|nd|rd|th))\s+)?\bamendment"
    r"(?:\s+(?:no\.?|number)\s*\d{1,2}|\s*#\s*\d{1,2})?(?:\s+to(?:\s+the)?)?\s*$"
)


def _title_phrase(line: str) -> str | None:
    """The agreement's name inside a heading: the capitalised words ending in AGREEMENT/CONTRACT, without
    exhibit numbers, dates, party names or 'FORM OF' before them; an amendment's own name before them is kept."""
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
    # an amendment names itself before the agreement it amends: "AMENDMENT NO. 2 TO MANUFACTURING AGREEMENT",
    # "First Amendment to the Supply Agreement", "AMENDMENT #3" on the line above the agreement's name
    amendment = _AMENDMENT_BEFORE.search(" ".join(words[:start]))
    if amendment:
        start = len(" ".join(words[:start])[: amendment.start()].split())
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
    # a cover's label ("EXECUTION VERSION", "EXHIBIT B", "APPENDIX C") or a party's name ending in its legal form
    # ("ACME HOLDINGS PLC") before the title is not part of it
    cut = max(
        (i + 1 for i, w in enumerate(phrase[:-1]) if w.upper().strip(",.") in _BEFORE_TITLE),
        default=0,
    )
    cut = max(
        [cut] + [i + 2 for i, w in enumerate(phrase[:-2]) if w.lower() in PART_LABELS and len(phrase[i + 1]) <= 4]
    )
    phrase = phrase[cut:]
    while phrase and phrase[0].upper().strip(",") in ("AND", "&", "OF", "FOR", "TO", "THE", "THIS", "FORM"):
        phrase = phrase[1:]
    phrase[-1] = re.sub(r"[^\w]+$", "", phrase[-1]) if phrase else ""
    return " ".join(phrase) if phrase else None


def read_title(first_page: PdfPage) -> str | None:
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
