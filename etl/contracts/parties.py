"""The parties to a contract and which is the vendor and which the client: names from the opening and the
signature blocks, defined short names, roles from the words that name them and from what each party does.
"""

from __future__ import annotations

import re

from etl.contracts.contract_sentences import FoundTerms, Sentence
from etl.contracts.entities import normalize_entity, same_entity
from etl.contracts.jurisdictions import find_jurisdiction
from etl.contracts.party_roles import assign_roles
from etl.contracts.term_rules import RULES
from etl.contracts.title import DRAFT_LABELS, PART_LABELS
from etl.pdf_document import PdfPage

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

ENTITY_SUFFIX = (
    r"(?i:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|plc|GmbH|AG|S\.A|SA|S/A|S\.L|B\.V|N\.V|SE|Pvt\.? Ltd|"
    r"Pte\.? Ltd|Corporation|Corp|Company|Co|LLP|L\.P|LP|Trust|Fund|Bank|Partners|Holdings|S\.p\.A|"
    r"S\.r\.l|Pty\.? Ltd|AB|A/S|Oy|KK|Group|REIT|G\.I\.E)\.?"
)
_ENTITY = re.compile(
    # (a suffix ends the name: "CO-BRANDING" in a heading is not a company "CO")
    # ("&" between two words of it: "Tate & Lyle Products Ltd.", "Commerce & Trading Ltd")
    r"(?P<name>(?:[a-z]?[A-Z0-9][\w&'’\-\.]*,?\s+(?:&\s+)?){0,7}[A-Z0-9][\w&'’\-\.]*,?\s+"
    + ENTITY_SUFFIX
    + r")(?![\w\-])"
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


# what a cover writes before a party's name in a heading: an exhibit's or attachment's number, "AMENDMENT NO. 2 TO"
_COVER_LABEL = re.compile(
    rf"^(?:(?:(?i:{'|'.join(PART_LABELS)})\s+[\w.]{{1,6}}|(?i:amendment)(?:\s+(?i:no)\.?\s*\d+)?\s+"
    rf"(?i:to)|(?i:execution\s+(?:{'|'.join(DRAFT_LABELS)})))\s+)+"
)


def _plausible_party(name: str) -> bool:
    core = normalize_entity(name)
    if len(core) < 3 or core in ROLE_WORDS or re.match(r"^[A-Z]\.\s", name):
        return False
    words = re.findall(r"[a-z]{2,}", core)
    if not [w for w in words if w not in ("year", "years", "month", "months", "day", "days")]:
        return False  # "1.00 Company", "1 Year Company": a figure beside a word, not a name
    if re.match(r"(?i)(?:should|shall|may|will|if|such|each|any|all|said|no)\s", name):
        return False  # "Should Company fail to ...": a sentence's opening, not a name
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
        name = _COVER_LABEL.sub(
            "", name
        )  # "EXHIBIT 10.6 ATTACHMENT A ACME CORPORATION", "AMENDMENT NO. 1 TO ACME, LLC"
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


def read_parties(sentences: list[Sentence], pages: list[PdfPage], terms: FoundTerms) -> dict[str, list[str]]:
    """Parties from the opening paragraph: legal entities and names given a quoted alias. A party whose alias
    is a client or vendor role becomes the client or vendor. Where the opening says the parties are the
    signatories (consortium agreements), they are read from the signature blocks instead."""
    opening_rule, signatories = RULES["party.opening_paragraph"], RULES["party.signature_blocks"]
    opening = [s for s in sentences[:30] if opening_rule.search(s.text) and not re.match(r"(?i)\s*whereas\b", s.text)]
    short_names: dict[str, list[str]] = {}
    if any(signatories.search(s.text) for s in sentences[:80]):
        for name, page, offset in _signatories(pages):
            terms.add(signatories, name, Sentence(name, page, offset), multi=True)
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


def read_roles(sentences: list[Sentence], parties: dict[str, list[str]], terms: FoundTerms) -> None:
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
