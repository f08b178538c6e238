"""Detect which common clauses a contract contains, each with the sentence that shows it.

Patterns describe how contracts phrase a clause in general (CUAD's clause categories), not any one
document. A clause is present when one sentence matches its pattern and none of its exclusions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# name -> (pattern, exclusion or None). Case-insensitive, applied to one sentence at a time.
CLAUSE_PATTERNS: dict[str, tuple[str, str | None]] = {
    "termination_for_convenience": (
        r"terminat\w*[^.]{0,120}(?:for convenience|without cause|for any reason|for no reason|in its sole discretion"
        r"|at any time[^.]{0,60}(?:upon|by giving|with)[^.]{0,40}notice)"
        r"|(?:upon|by giving|on|with)[^.]{0,25}\(?\d+\)?\s*(?:days|months)[’'`]?\s*(?:prior\s+)?(?:written\s+)?notice[^.]{0,60}terminat",
        r"breach|default|insolven|bankrupt"),
    "change_of_control": (
        r"change (?:of|in) (?:the )?control|(?:merger|consolidation)[^.]{0,80}(?:assign|terminat|consent)"
        r"|acqui\w+[^.]{0,40}(?:all or )?substantially all[^.]{0,40}(?:assets|stock|business)", None),
    "anti_assignment": (
        r"(?:shall|may|will) not[^.]{0,40}(?:assign|transfer|delegate)|not be (?:assignable|assigned|transferable)"
        r"|assign\w*[^.]{0,120}without[^.]{0,40}(?:prior )?(?:written )?consent|no assignment", None),
    "exclusivity": (
        r"(?<!non-)(?<!non )\bexclusive (?:right|supplier|provider|distributor|basis|licen[cs]e|partner|agent|reseller|dealer)"
        r"|\bexclusively\b|shall not[^.]{0,80}(?:compet|engage in|solicit)|non-?compet", r"non-?exclusive"),
    "price_restrictions": (
        r"(?:shall|may|will) not (?:increase|raise|change)[^.]{0,60}(?:price|fee|rate|charge)"
        r"|(?:price|fee|rate)s?[^.]{0,40}(?:fixed|firm|shall not (?:be )?(?:increase|change))|most favou?red", None),
    "minimum_commitment": (
        r"minimum (?:purchase|order|commitment|quantit|volume|annual|monthly|quarterly|fee|payment|revenue|number)"
        r"|(?:shall|agrees to) (?:purchase|order|buy) (?:at least|a minimum)", None),
    "volume_restriction": (
        r"(?:maximum|not (?:to )?exceed|in excess of|cap(?:ped)? (?:on|at))[^.]{0,50}(?:volume|units|quantit|orders|users"
        r"|licen[cs]es|seats|transactions|hours)", None),
    "ip_ownership_assignment": (
        r"hereby (?:irrevocably )?assigns?|(?:assign|transfer)s?[^.]{0,60}all (?:of its )?(?:right, title|rights?, title)"
        r"|works? made for hire|shall (?:be|become|remain) the (?:sole and )?(?:exclusive )?property of (?:the )?"
        r"(?:company|client|customer|sponsor)", None),
    "post_termination_services": (
        r"(?:transition|wind[- ]down|transfer)[^.]{0,40}(?:assistance|services|period)"
        r"|(?:after|following|upon) (?:the )?(?:termination|expiration|expiry)[^.]{0,120}(?:continue to|shall (?:provide|supply|"
        r"deliver|return|perform))", None),
    "audit_rights": (
        r"\baudit|inspect[^.]{0,60}(?:books|records|facilities|premises)|(?:books|records)[^.]{0,60}(?:inspect|examin)", None),
    "uncapped_liability": (
        r"(?:limitation|exclusion|cap|limit)s?[^.]{0,80}(?:shall|will) not apply"
        r"|(?:liabilit|damages)[^.]{0,200}(?:except|other than|excluding)[^.]{0,120}(?:indemnif|confidential|gross negligence"
        r"|wil(?:l)?ful misconduct|fraud)", None),
    "cap_on_liability": (
        r"(?:liabilit|liable)[^.]{0,250}(?:exceed|limited to|in excess of)|(?:aggregate|total|maximum|cumulative) liability"
        r"|in no event[^.]{0,120}(?:liable|liability)|(?:not|never) be liable[^.]{0,120}(?:indirect|consequential|special"
        r"|incidental|punitive|lost profits)", None),
    "liquidated_damages": (r"liquidated damages|service (?:level )?credits?|as a penalty", None),
    "warranty_duration": (
        r"warrant\w*[^.]{0,160}(?:for a period of|period of)[^.]{0,30}(?:days|months|years)|warranty period"
        r"|warrant\w*[^.]{0,80}\(?\d+\)?\s*(?:days|months|years) (?:from|after|following)", None),
    "insurance": (
        r"(?:maintain|carry|obtain|procure|keep)[^.]{0,80}insurance|insurance (?:policy|policies|coverage)"
        r"|(?:general|professional|product) liability insurance", None),
}
_COMPILED = {name: (re.compile(p, re.I), re.compile(x, re.I) if x else None) for name, (p, x) in CLAUSE_PATTERNS.items()}


@dataclass(frozen=True)
class ClauseHit:
    clause: str
    sentence_index: int


def find_clauses(sentences: list[str]) -> list[ClauseHit]:
    hits = []
    for name, (pattern, exclusion) in _COMPILED.items():
        for i, text in enumerate(sentences):
            if pattern.search(text) and not (exclusion and exclusion.search(text)):
                hits.append(ClauseHit(name, i))
                break
    return hits
