"""`outsourcing-etl eval-contracts`: run the real contract extraction over a gold set and score it.

Extraction runs in parallel across cores; the report gives per-field accuracy (and precision/recall/F1), the
majority-class baseline each field has to beat, and the throughput of the whole run in pages per second.

The gold set is split once, by a hash of each file's name, into a development part (rules are tuned on it) and
a validation part (about a third, looked at only to report): `part_of(file)`. A rule that only helps on the
development part shows up as a gap between the two.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from etl.evaluation.scoring import FIELDS, score

PARTS = ("development", "validation")


def part_of(file: str) -> str:
    """The fixed part a gold file belongs to: validation when the sha256 of its base name is 0 modulo 3."""
    digest = hashlib.sha256(Path(file).name.encode()).hexdigest()
    return "validation" if int(digest, 16) % 3 == 0 else "development"


def baselines(rows: list[dict]) -> dict[str, dict]:
    """Per field, the majority-class answer's accuracy and F1: always 'No' (or always no value) where most
    contracts lack the term, always 'Yes' where most have it. A rule that does not beat this adds nothing."""
    out = {}
    for label, (_, kind) in FIELDS.items():
        answers = [r["labels"][label]["answer"] for r in rows if label in r["labels"]]
        if not answers:
            continue
        present = [a for a in answers if (a or "").strip() and (kind != "flag" or a.strip().lower() == "yes")]
        share = len(present) / len(answers)
        if kind == "flag" and share > 0.5:
            accuracy, f1 = share, 2 * share / (1 + share)
        else:
            accuracy, f1 = 1 - share, 0.0
        out[label] = {"baseline_accuracy": round(accuracy, 4), "baseline_f1": round(f1, 4)}
    return out


def _with_baselines(scores: dict, rows: list[dict]) -> dict[str, dict]:
    base = baselines(rows)
    fields = {}
    for label, s in scores.items():
        d = {**s.as_dict(), **base.get(label, {})}
        if d.get("accuracy") is not None and "baseline_accuracy" in d:
            d["beats_baseline"] = d["accuracy"] > d["baseline_accuracy"]
        fields[label] = d
    return fields


# the scorer's key for a value -> the extracted field whose rule gave it
_SCORED_FIELD = {"parties": "party", "renewal_term": "renewal_term_months", "notice_period": "notice_period_days"}


def predictions_from_terms(terms) -> dict:
    """Our extracted terms as the scorer's prediction dict; `_rules` names the rule behind each field's value."""
    values: dict = {"parties": [], "_rules": {}}
    for t in terms:
        values["_rules"].setdefault(t.field, t.extraction_rule)
        if t.field == "party":
            values["parties"].append(t.value)
        elif t.field.startswith("clause:"):
            values[t.field] = t.value == "yes"
        else:
            values.setdefault(t.field, t.value)
    if "renewal_term_months" in values:
        values["renewal_term"] = values["renewal_term_months"]
        values["renewal_term"] = (
            "perpetual" if values["renewal_term_months"] == "perpetual" else f"{values['renewal_term_months']} months"
        )
    if "notice_period_days" in values:
        values["notice_period"] = f"{values['notice_period_days']} days"
    return values


def rule_outcomes(rows: list[dict], predictions: dict[str, dict], scores: dict) -> dict[str, dict]:
    """Per rule: the contracts where it gave a scored field's value, and how many of those the gold agrees
    with (hits) or not (misses). A field no rule answered where the gold has a value counts under
    '<field>.(none fired)', so the misses of silence are counted too."""
    wrong = {(label, e["file"]) for label, s in scores.items() for e in s.errors}
    out: dict[str, dict] = {}
    for row in rows:
        pred = predictions.get(row["file"]) or {}
        for label, (key, _) in FIELDS.items():
            if label not in row["labels"]:
                continue
            field = _SCORED_FIELD.get(key, key)
            rule = (pred.get("_rules") or {}).get(field)
            if rule is None:
                if (label, row["file"]) not in wrong:
                    continue  # nothing said, rightly
                rule = f"{field.replace(':', '.')}.(none fired)"
            counts = out.setdefault(rule, {"field": label, "hits": 0, "misses": 0})
            counts["misses" if (label, row["file"]) in wrong else "hits"] += 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1]["misses"], kv[0])))


def _extract_one(path: str) -> tuple[str, dict | None, int, str]:
    from etl.contracts.terms import extract_contract
    from etl.records import InputFileError

    try:
        result = extract_contract(Path(path), Path(path).stem, "")
    except InputFileError as exc:
        return path, None, 0, str(exc)
    except Exception as exc:  # one contract's bug must not end the evaluation; it is reported, not hidden
        return path, None, 0, f"extraction error: {type(exc).__name__}: {exc}"
    return path, predictions_from_terms(result.terms), result.pages, ""


def evaluate(gold_path: Path, workers: int | None = None, limit: int | None = None) -> dict:
    rows = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    paths = {str((gold_path.parent / r["file"]).resolve()): r["file"] for r in rows}
    started = time.perf_counter()
    predictions: dict[str, dict] = {}
    pages = 0
    failures = {}
    workers = workers or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, pred, n, error in pool.map(_extract_one, paths, chunksize=1):
            pages += n
            if pred is None:
                failures[paths[path]] = error
                pred = {}
            predictions[paths[path]] = pred
    seconds = time.perf_counter() - started
    scores = score(rows, predictions)
    parts = {}
    for part in PARTS:
        part_rows = [r for r in rows if part_of(r["file"]) == part]
        parts[part] = {"contracts": len(part_rows), "fields": _with_baselines(score(part_rows, predictions), part_rows)}
    return {
        "fields": _with_baselines(scores, rows),
        "rules": rule_outcomes(rows, predictions, scores),
        "parts": parts,
        "errors": {label: s.errors for label, s in scores.items()},
        "contracts": len(rows),
        "unreadable": failures,
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1) if seconds else None,
        "workers": workers,
    }


def format_report(result: dict) -> str:
    def fmt(v):
        return "-" if v is None else f"{v:.3f}"

    lines = [f"{'field':38} {'n':>4} {'accuracy':>9} {'precision':>9} {'recall':>7} {'f1':>6} {'baseline':>9}"]
    for label in FIELDS:
        f = result["fields"][label]
        flag = "" if f.get("beats_baseline", True) else "  (not above baseline)"
        lines.append(
            f"{label:38} {f['n']:>4} {fmt(f['accuracy']):>9} {fmt(f['precision']):>9} "
            f"{fmt(f['recall']):>7} {fmt(f['f1']):>6} {fmt(f.get('baseline_accuracy')):>9}{flag}"
        )
    lines.append("")
    if result.get("parts"):
        lines.append(f"{'by part':38} " + "  ".join(f"{p + ' acc / f1 / base':>32}" for p in PARTS))
        for label in FIELDS:
            cells = []
            for part in PARTS:
                f = result["parts"][part]["fields"].get(label, {})
                cells.append(
                    f"{fmt(f.get('accuracy')):>10} / {fmt(f.get('f1')):>6} / {fmt(f.get('baseline_accuracy')):>6}"
                    + ("*" if not f.get("beats_baseline", True) else " ")
                )
            lines.append(f"{label:38} " + "  ".join(f"{c:>32}" for c in cells))
        counts = ", ".join(f"{p} {result['parts'][p]['contracts']}" for p in PARTS)
        lines.append(
            f"(* not above the majority-class baseline; contracts: {counts}, split by a hash of the file name)"
        )
        lines.append("")
    if result.get("rules"):
        lines.append(f"{'rule (most misses first)':52} {'field':36} {'hits':>5} {'misses':>6}")
        for name, r in result["rules"].items():
            lines.append(f"{name:52} {r['field']:36} {r['hits']:>5} {r['misses']:>6}")
        lines.append("")
    lines.append(
        f"{result['contracts']} contracts, {result['pages']} pages in {result['seconds']} s "
        f"= {result['pages_per_second']} pages/s on {result['workers']} workers"
    )
    for file, reason in result["unreadable"].items():
        lines.append(f"unreadable: {file}: {reason}")
    return "\n".join(lines)
