"""Company names as contracts write them: normalised for comparison, and compared allowing filing typos."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

ENTITY_SUFFIXES = {
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "lp",
    "llp",
    "ag",
    "sa",
    "nv",
    "bv",
    "gmbh",
    "pvt",
    "pte",
    "the",
    "and",
    "its",
    "affiliates",
    "de",
    "cv",
    "spa",
    "srl",
    "sl",
    "se",
    "pty",
    "dba",
}


def normalize_entity(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    # dots dropped first, so "L.L.C." and "S.A." read as the suffixes "llc" and "sa"
    tokens = re.findall(r"[a-z0-9]+", ascii_name.lower().replace(".", "").replace("&", " and "))
    return " ".join(t for t in tokens if t not in ENTITY_SUFFIXES)


def same_entity(a: str, b: str) -> bool:
    """Equal, one containing the other, or nearly the same spelling (filings carry typos)."""
    if a == b or (len(a) >= 4 and len(b) >= 4 and (a in b or b in a)):
        return True
    # one swapped, dropped or wrong letter ("Acme Sytems" for "Acme Systems") is a typo, not another company
    return fuzz.ratio(a, b) >= 88 or (min(len(a), len(b)) >= 5 and OSA.distance(a, b) <= 1)
