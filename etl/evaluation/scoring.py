"""Score extracted contract values against CUAD-style gold answers, on normalized values.

Gold answers are short normalized phrases (`M/D/YYYY` dates with `[]` for blank parts, `perpetual`,
`successive 1 year`, `30 days`, a jurisdiction name, `Yes`/`No`, parties as `Name ("Alias"); ...`).
An empty gold answer means the contract has no such term: extracting one is a false positive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.contracts.entities import normalize_entity, same_entity

# CUAD label -> (our field, kind)
CLAUSE_LABELS = {
    "Termination for Convenience": "termination_for_convenience",
    "Change of Control": "change_of_control",
    "Anti-Assignment": "anti_assignment",
    "Exclusivity": "exclusivity",
    "Price Restrictions": "price_restrictions",
    "Minimum Commitment": "minimum_commitment",
    "Volume Restriction": "volume_restriction",
    "IP Ownership Assignment": "ip_ownership_assignment",
    "Post-Termination Services": "post_termination_services",
    "Audit Rights": "audit_rights",
    "Uncapped Liability": "uncapped_liability",
    "Cap on Liability": "cap_on_liability",
    "Liquidated Damages": "liquidated_damages",
    "Warranty Duration": "warranty_duration",
    "Insurance": "insurance",
}
FIELDS: dict[str, tuple[str, str]] = {
    "Document Name": ("title", "text"),
    "Parties": ("parties", "parties"),
    "Agreement Date": ("agreement_date", "date"),
    "Effective Date": ("effective_date", "date"),
    "Expiration Date": ("expiry_date", "expiry"),
    "Renewal Term": ("renewal_term", "duration"),
    "Notice Period to Terminate Renewal": ("notice_period", "duration"),
    "Governing Law": ("governing_law", "jurisdiction"),
    **{label: (f"clause:{name}", "flag") for label, name in CLAUSE_LABELS.items()},
}

ROLE_ALIASES = {
    "company",
    "consultant",
    "customer",
    "client",
    "supplier",
    "provider",
    "vendor",
    "contractor",
    "licensee",
    "licensor",
    "developer",
    "party",
    "parties",
    "distributor",
    "operator",
    "owner",
}

_LEGAL_SUFFIX_AT_END = re.compile(
    r"(?i)\b(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|company|co|plc|"
    r"lp|l\.p|llp|ag|s\.?a|n\.?v|b\.?v|gmbh|pty|s\.?a\.?s|a/s|ab|se)\.?$"
)


# ---------------------------------------------------------------- normalizers


def normalize_date(text: str) -> tuple[int | None, int | None, int | None] | None:
    """'3/20/2020' -> (2020, 3, 20); '[]/[]/2020' -> (2020, None, None); ISO accepted; '' -> None."""
    text = (text or "").strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if m:  # ISO, or a partial date "2019-08" / "2019" for blanks left in the contract
        return tuple(int(g) if g else None for g in m.groups())
    parts = [p.strip() for p in text.split("/")]
    if len(parts) != 3:
        return None
    a, b, y = (int(p) if p.isdigit() else None for p in parts)
    if a is not None and a > 12 and (b is None or b <= 12):
        a, b = b, a  # day/month order
    return y, a, b


def normalize_expiry(text: str) -> str | tuple | None:
    text = (text or "").strip().lower()
    if not text:
        return None
    if "perpetual" in text:
        return "perpetual"
    return normalize_date(text)


def normalize_duration(text: str) -> str | float | None:
    """A duration in days ('successive 1 year' -> 365.25, '3 Months' -> 91.3), 'perpetual', or None."""
    text = (text or "").strip().lower()
    if not text:
        return None
    if "perpetual" in text:
        return "perpetual"
    m = re.search(r"(\d+(?:\.\d+)?)\s*(year|month|week|day)", text)
    if not m:
        return None
    return float(m.group(1)) * {"year": 365.25, "month": 30.4375, "week": 7, "day": 1}[m.group(2)]


def normalize_jurisdiction(text: str) -> str | None:
    text = (text or "").strip().lower()
    if not text or text == "[]":
        return None
    # CUAD writes "place, country" and joins places with ";": "England, United Kingdom; Wales, United Kingdom"
    text = " and ".join(part.split(",")[0] for part in text.split(";"))
    text = re.sub(r"\b(the|state|commonwealth|province|republic|of|laws?)\b", " ", text)
    return " ".join(text.split()) or None


def gold_parties(answer: str) -> set[str]:
    """Legal entity names from a CUAD Parties answer; role aliases and 'X and Y' collective entries dropped."""
    names = set()
    for part in (answer or "").split(";"):
        name = re.sub(r"\(.*", "", part.replace("“", "(").replace('"', "(")).strip(" ,.")
        name = re.sub(r"(?i)\s+and its (?:affiliates|subsidiaries)$", "", name)
        name = re.split(r"(?i),?\s+(?:d/?b/?a|a/k/a)\s", name)[0]  # a trade name is the same legal entity
        if re.search(r"(?i)collectively|referred to|each of|hereinafter", name) or re.match(r"[a-z]+\b", name):
            continue  # a defined-term phrase, not an entity
        # "Acme, Inc. and Acme Licensee, Inc." names two entities; "Acme and Beta" restates two aliases;
        # "Acme Insurance and Annuity Corporation" is one entity
        pieces = [p.strip(" ,.") for p in re.split(r"\s+and\s+", name)]
        if len(pieces) > 1 and all(_LEGAL_SUFFIX_AT_END.search(p) for p in pieces):
            entities = pieces
        elif len(pieces) > 1 and not _LEGAL_SUFFIX_AT_END.search(name):
            continue
        else:
            entities = [name]
        for entity in entities:
            normal = normalize_entity(entity)
            if normal and normal not in ROLE_ALIASES:
                names.add(normal)
    return names


# ---------------------------------------------------------------- scoring


@dataclass
class FieldScore:
    n: int = 0
    correct: int = 0
    tp_predicted: int = 0  # predictions that match gold (items, for list fields)
    tp_gold: int = 0  # gold answers that were found (items, for list fields)
    predicted: int = 0  # non-empty predictions
    gold: int = 0  # non-empty gold answers
    errors: list[dict] = field(default_factory=list)

    def as_dict(self, with_errors: bool = False) -> dict:
        p = self.tp_predicted / self.predicted if self.predicted else None
        r = self.tp_gold / self.gold if self.gold else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        out = {
            "n": self.n,
            "accuracy": round(self.correct / self.n, 4) if self.n else None,
            "precision": None if p is None else round(p, 4),
            "recall": None if r is None else round(r, 4),
            "f1": None if f1 is None else round(f1, 4),
        }
        if with_errors:
            out["errors"] = self.errors
        return out


def _equal(kind: str, gold: str, predicted) -> tuple[bool, bool, bool]:
    """(correct, gold non-empty, prediction non-empty) for one value field."""
    if kind == "flag":
        g = (gold or "").strip().lower() == "yes"
        return g == bool(predicted), g, bool(predicted)
    if kind == "text":
        g = " ".join((gold or "").lower().split())
        p = " ".join((predicted or "").lower().split())
        return g == p, bool(g), bool(p)
    if kind in ("date", "expiry"):
        return _equal_dates(kind, gold, predicted)
    if kind == "duration":
        return _equal_durations(gold, predicted)
    if kind == "jurisdiction":
        g, p = normalize_jurisdiction(gold), normalize_jurisdiction(predicted or "")
        return g == p, g is not None, p is not None
    raise ValueError(kind)


def _equal_dates(kind: str, gold: str, predicted) -> tuple[bool, bool, bool]:
    """A gold answer may list alternatives ("09/05/2019; perpetual"); dates score on the parts they have."""
    normalize = normalize_date if kind == "date" else normalize_expiry
    options = [normalize(x) for x in (gold or "").split(";")]
    g, p = options[0], normalize(predicted or "")
    if g is None:
        return p is None, False, p is not None

    def match(o):
        if o == "perpetual" or p == "perpetual":
            return o == p
        return all(x is None or x == y for x, y in zip(o, p))

    return p is not None and any(o is not None and match(o) for o in options), True, p is not None


def _equal_durations(gold: str, predicted) -> tuple[bool, bool, bool]:
    """Durations agree within 5% of the gold one; 'perpetual' and the like only with themselves."""
    g, p = normalize_duration(gold), normalize_duration(predicted or "")
    if g is None:
        return p is None, False, p is not None
    if p is None:
        return False, True, False
    if isinstance(g, str) or isinstance(p, str):
        return g == p, True, True
    return abs(g - p) <= 0.05 * g, True, True


def score(gold_rows: list[dict], predictions: dict[str, dict]) -> dict[str, FieldScore]:
    """gold_rows: CUAD gold objects; predictions: file -> {field: value} ('parties' is a list of names,
    clause fields are truthy when the clause was found)."""
    scores = {label: FieldScore() for label in FIELDS}
    for row in gold_rows:
        pred = predictions.get(row["file"])
        if pred is None:
            continue
        for label, (name, kind) in FIELDS.items():
            if label not in row["labels"]:
                continue
            gold = row["labels"][label]["answer"]
            s = scores[label]
            s.n += 1
            if kind == "parties":
                g = gold_parties(gold)
                p = {normalize_entity(x) for x in pred.get(name) or []} - {""}
                matched = {a for a in p if any(same_entity(a, b) for b in g)}
                found = {b for b in g if any(same_entity(a, b) for a in p)}
                s.tp_predicted += len(matched)
                s.tp_gold += len(found)
                s.predicted += len(p)
                s.gold += len(g)
                ok = len(matched) == len(p) and len(found) == len(g)
                s.correct += int(ok)
            else:
                ok, g_nonempty, p_nonempty = _equal(kind, gold, pred.get(name))
                s.correct += int(ok)
                s.gold += int(g_nonempty)
                s.predicted += int(p_nonempty)
                s.tp_predicted += int(ok and g_nonempty and p_nonempty)
                s.tp_gold += int(ok and g_nonempty and p_nonempty)
            if not ok:
                s.errors.append({"file": row["file"], "gold": gold, "predicted": pred.get(name)})
    return scores
