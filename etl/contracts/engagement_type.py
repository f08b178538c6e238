"""Classify an engagement as ITO, BPO or KPO from what its contract says the services are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

# Words that name the work itself, by tower. Weighted by how specific they are to one tower.
SIGNALS: dict[str, dict[str, float]] = {
    "ITO": {
        "infrastructure": 2,
        "data centre": 2,
        "data center": 2,
        "server": 1,
        "network": 1,
        "hosting": 2,
        "service desk": 2,
        "application maintenance": 3,
        "applications": 1.5,
        "software": 1.5,
        "hardware": 2,
        "cloud": 1,
        "storage": 1,
        "end-user": 1,
        "release": 1,
        "defect": 1,
    },
    "BPO": {
        "contact centre": 3,
        "contact center": 3,
        "call centre": 3,
        "call center": 3,
        "customer care": 2,
        "calls": 1,
        "accounts payable": 3,
        "accounts receivable": 3,
        "payroll": 3,
        "general ledger": 2,
        "month-end close": 2,
        "finance and accounting": 3,
        "claims processing": 3,
        "data capture": 3,
        "human resources": 2,
        "procurement services": 2,
        "invoice": 1,
        "billing enquiries": 2,
    },
    "KPO": {
        "research": 2,
        "analytics": 2,
        "clinical": 3,
        "biostatistic": 3,
        "statistical": 2,
        "pharma": 2,
        "market research": 3,
        "competitive intelligence": 3,
        "legal research": 3,
        "telemedicine": 3,
        "data science": 3,
        "panel survey": 2,
        "trial": 1,
        "insight": 1,
    },
}


@dataclass(frozen=True)
class EngagementType:
    engagement_type: str  # ITO | BPO | KPO | other
    confidence: float
    scores: dict[str, float]
    evidence: list[str]  # the signal phrases that decided it, most weight first


def classify_engagement(text: str) -> EngagementType:
    low = text.lower()
    scores: dict[str, float] = {}
    hits: dict[str, list[tuple[float, str]]] = {}
    for tower, signals in SIGNALS.items():
        for phrase, weight in signals.items():
            # a plain substring test first: most phrases are absent, and it is far cheaper than the regex scan;
            # no more than three uses count, so the scan stops at the third
            n = sum(1 for _ in islice(re.finditer(r"\b" + re.escape(phrase), low), 3)) if phrase in low else 0
            if n:
                scores[tower] = scores.get(tower, 0) + weight * n
                hits.setdefault(tower, []).append((weight * n, phrase))
    if not scores:
        return EngagementType("other", 0.3, {}, [])
    best = max(scores, key=scores.get)
    total = sum(scores.values())
    share = scores[best] / total
    evidence = [p for _, p in sorted(hits[best], reverse=True)]
    # find evidence in original casing so provenance can point at the sentence
    evidence_text = []
    for phrase in evidence:
        m = re.search(re.escape(phrase), text, re.IGNORECASE)
        if m:
            evidence_text.append(text[m.start() : m.end()])
    return EngagementType(best, round(min(0.95, 0.4 + 0.6 * share), 2), scores, evidence_text)
