"""`outsourcing-etl eval-contracts`: run the real contract extraction over a gold set and score it.

Extraction runs in parallel across cores; the report gives per-field accuracy (and precision/recall/F1)
and the throughput of the whole run in pages per second.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from etl.evaluation.scoring import FIELDS, score


def predictions_from_terms(terms) -> dict:
    """Our extracted terms as the scorer's prediction dict."""
    values: dict = {"parties": []}
    for t in terms:
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
    return {
        "fields": {label: s.as_dict() for label, s in scores.items()},
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

    lines = [f"{'field':38} {'n':>4} {'accuracy':>9} {'precision':>9} {'recall':>7} {'f1':>6}"]
    for label in FIELDS:
        f = result["fields"][label]
        lines.append(
            f"{label:38} {f['n']:>4} {fmt(f['accuracy']):>9} {fmt(f['precision']):>9} "
            f"{fmt(f['recall']):>7} {fmt(f['f1']):>6}"
        )
    lines.append("")
    lines.append(
        f"{result['contracts']} contracts, {result['pages']} pages in {result['seconds']} s "
        f"= {result['pages_per_second']} pages/s on {result['workers']} workers"
    )
    for file, reason in result["unreadable"].items():
        lines.append(f"unreadable: {file}: {reason}")
    return "\n".join(lines)
