"""eval-sla: extracted service levels scored against hand-made gold rows (../shared/sla/README.md has the format).

An extracted row is right when it comes from the same document, its target and unit agree with a gold row's
(and its threshold with unit, where the gold row has one), and the two names share a content word, so a row is
never credited for a number that belongs to another measure. Rows are paired one to one, most similar name
first. Precision, recall and F1 count `core` gold rows; an extracted row that pairs with a `secondary` gold row
is neither right nor wrong.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from etl.contracts.terms import extract_contract
from etl.records import SlaTerm

_STOP = set(
    "the and for with from that this are is be of to in on at by or an a all any each its their per within than "
    "less more no not shall will must level service levels percent time".split()
)
# units written differently for one measure
_UNIT_ALIASES = {"working hours": "business hours", "working days": "business days", "workdays": "business days"}


@dataclass(frozen=True)
class GoldRow:
    id: str
    document: str
    metric: str
    target: float | None
    unit: str | None
    threshold: float | None
    threshold_unit: str | None
    tier: str


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP}


def name_similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def _unit(u: str | None) -> str | None:
    return _UNIT_ALIASES.get(u, u) if u else u


def agrees(row: SlaTerm, gold: GoldRow) -> bool:
    if gold.target is None or abs(row.expected - gold.target) > 1e-6 or _unit(row.unit) != _unit(gold.unit):
        return False
    if gold.threshold is not None:
        return (
            row.threshold is not None
            and abs(row.threshold - gold.threshold) < 1e-6
            and _unit(row.threshold_unit) == _unit(gold.threshold_unit)
        )
    return True


def pair(rows: list[SlaTerm], gold: list[GoldRow]) -> list[tuple[SlaTerm, GoldRow]]:
    candidates = []
    for i, row in enumerate(rows):
        for j, g in enumerate(gold):
            if agrees(row, g):
                similarity = max(
                    name_similarity(row.metric_name, g.metric), name_similarity(row.provenance.source_text, g.metric)
                )
                if similarity > 0:
                    candidates.append((similarity, i, j))
    used_rows, used_gold, pairs = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_rows and j not in used_gold:
            used_rows.add(i)
            used_gold.add(j)
            pairs.append((rows[i], gold[j]))
    return pairs


def read_gold(path: Path) -> dict[str, list[GoldRow]]:
    by_document: dict[str, list[GoldRow]] = {}
    for line in path.read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            if r.get("no_service_levels"):  # annotated, and holds none: every row extracted from it is wrong
                by_document.setdefault(r["document"], [])
                continue
            row = GoldRow(
                r["id"],
                r["document"],
                r["metric"],
                r.get("target"),
                r.get("unit"),
                r.get("threshold"),
                r.get("threshold_unit"),
                r.get("tier", "core"),
            )
            by_document.setdefault(row.document, []).append(row)
    return by_document


def find_pdf(gold_path: Path, document: str, extra_dirs: list[Path]) -> Path | None:
    """The document beside the gold file, in its pdf/ folder, in a sibling set's pdf/ folder, or a given folder."""
    base = gold_path.parent
    for folder in [*extra_dirs, base / "pdf", base, *sorted(base.parent.glob("*/pdf"))]:
        if (folder / document).is_file():
            return folder / document
    return None


def _extract(path: str) -> tuple[list[SlaTerm], int]:
    result = extract_contract(Path(path), "eval", "eval")
    return result.sla_terms, result.pages


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else (1.0 if not gold else 0.0)
    r = tp / gold if gold else (1.0 if not predicted else 0.0)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def evaluate(
    gold_path: Path, pdf_dirs: list[Path] | None = None, workers: int | None = None, rows: bool = False
) -> dict:
    gold = read_gold(gold_path)
    # a document of the set that has no gold rows (its standards are all "as agreed") must give none
    for pdf in sorted((gold_path.parent / "pdf").glob("*")):
        if pdf.suffix.lower() == ".pdf":
            gold.setdefault(pdf.name, [])
    paths = {doc: find_pdf(gold_path, doc, pdf_dirs or []) for doc in gold}
    missing = sorted(doc for doc, p in paths.items() if p is None)
    found = {doc: p for doc, p in paths.items() if p is not None}
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        extracted = dict(zip(found, pool.map(_extract, [str(p) for p in found.values()])))
    seconds = time.perf_counter() - started
    documents, rule_hits, rule_right = {}, Counter(), Counter()
    totals = Counter()
    for doc, (terms, _) in extracted.items():
        core = [g for g in gold[doc] if g.tier == "core"]
        pairs = pair(terms, gold[doc])
        tp = sum(1 for _, g in pairs if g.tier == "core")
        on_secondary = sum(1 for _, g in pairs if g.tier != "core")
        predicted = len(terms) - on_secondary
        for t in terms:
            rule_hits[t.rule] += 1
        for t, g in pairs:
            rule_right[t.rule] += g.tier == "core"
        totals.update(tp=tp, predicted=predicted, gold=len(core))
        documents[doc] = {
            "gold_core": len(core),
            "extracted": len(terms),
            "right": tp,
            **_prf(tp, predicted, len(core)),
        }
        if rows:
            paired = {id(t): g.id for t, g in pairs}
            documents[doc]["rows"] = [
                {
                    "metric": t.metric_name,
                    "target": t.expected,
                    "unit": t.unit,
                    "threshold": t.threshold,
                    "threshold_unit": t.threshold_unit,
                    "rule": t.rule,
                    "page": t.provenance.page,
                    "gold": paired.get(id(t)),
                }
                for t in terms
            ]
    pages = sum(p for _, p in extracted.values())
    return {
        "overall": {
            **_prf(totals["tp"], totals["predicted"], totals["gold"]),
            "right": totals["tp"],
            "extracted_scored": totals["predicted"],
            "gold_core": totals["gold"],
        },
        "documents": documents,
        "rules": {r: {"hits": rule_hits[r], "right": rule_right[r]} for r in sorted(rule_hits)},
        "missing_documents": missing,
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1) if seconds else None,
    }


def format_table(result: dict) -> str:
    lines = [f"{'document':60} {'gold':>5} {'found':>6} {'right':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for doc, d in sorted(result["documents"].items()):
        lines.append(
            f"{doc[:60]:60} {d['gold_core']:>5} {d['extracted']:>6} {d['right']:>6} "
            f"{d['precision']:>6.3f} {d['recall']:>6.3f} {d['f1']:>6.3f}"
        )
    o = result["overall"]
    lines.append(
        f"{'overall (core rows)':60} {o['gold_core']:>5} {o['extracted_scored']:>6} {o['right']:>6} "
        f"{o['precision']:>6.3f} {o['recall']:>6.3f} {o['f1']:>6.3f}"
    )
    lines.append("")
    lines.append(f"{'rule':45} {'hits':>6} {'right':>6}")
    for rule, c in result["rules"].items():
        lines.append(f"{rule:45} {c['hits']:>6} {c['right']:>6}")
    if result["missing_documents"]:
        lines.append(f"\nnot found beside the gold file: {', '.join(result['missing_documents'])}")
    lines.append(f"\n{result['pages']} pages in {result['seconds']} s = {result['pages_per_second']} pages/s")
    return "\n".join(lines)
