"""`outsourcing-etl eval-contracts`: run the real contract extraction over a gold set and score it.

Extraction runs in parallel across cores; the report gives per-field accuracy (and precision/recall/F1), the
majority-class baseline each field has to beat, and the throughput of the whole run in pages per second.

The gold sets are split once, by a hash of each file's name, into a development part (rules are tuned on it) and
a sealed validation part (about a quarter): `part_of(file)`. The sealed part is not read at all unless asked
for, and then only as aggregate figures, each look appended to a ledger with its commit: per-file views
(`--errors`, the per-rule counts) cover development contracts only, so nobody can tune on what they show.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from etl.evaluation.scoring import FIELDS, score

PARTS = ("development", "validation")


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


def part_of(file: str) -> str:
    """The fixed part a gold file belongs to, by its base name. Names whose plain sha256 is 0 modulo 3 were the
    earlier validation part: its figures were looked at while rules changed, so it is development now and can
    never be sealed. Of the other names, those whose salted hash is below 3 modulo 8 are sealed: 2/3 x 3/8, a
    quarter of all."""
    name = Path(file).name
    if _hash(name) % 3 == 0:
        return "development"
    return "validation" if _hash("sealed:" + name) % 8 < 3 else "development"


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


def read_gold(gold_paths: list[Path]) -> list[dict]:
    """The rows of one or more gold files. `path` is the row's PDF (relative to its gold file); `file` keys the
    row in the output, prefixed by the gold file's folder when several are read (two sets may share a name)."""
    rows = []
    for gold in gold_paths:
        for line in gold.read_text().splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            row["path"] = str((gold.parent / row["file"]).resolve())
            if len(gold_paths) > 1:
                row["file"] = f"{gold.parent.name}/{row['file']}"
            rows.append(row)
    return rows


def _extract_all(rows: list[dict], workers: int) -> tuple[dict[str, dict], dict[str, str], int]:
    predictions: dict[str, dict] = {}
    failures: dict[str, str] = {}
    pages = 0
    by_path = {r["path"]: r["file"] for r in rows}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, pred, n, error in pool.map(_extract_one, by_path, chunksize=1):
            pages += n
            if pred is None:
                failures[by_path[path]] = error
                pred = {}
            predictions[by_path[path]] = pred
    return predictions, failures, pages


def _commit() -> str:
    """The checkout's commit, marked when files differ from it: a look is only worth logging against code."""
    root = Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + ("+uncommitted" if dirty.stdout.strip() else "")


def record_look(ledger: Path, gold_paths: list[Path], part: dict, note: str = "") -> dict:
    """Append one look at the sealed part to its ledger (JSON lines): when, at which commit, the figures seen."""
    entry = {
        "looked_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "gold": [f"{g.parent.name}/{g.name}" for g in gold_paths],
        "contracts": part["contracts"],
        "note": note,
        "fields": {
            label: {k: f.get(k) for k in ("accuracy", "f1", "baseline_accuracy")} for label, f in part["fields"].items()
        },
    }
    with ledger.open("a") as out:
        out.write(json.dumps(entry) + "\n")
    return entry


def evaluate(
    gold: Path | list[Path],
    workers: int | None = None,
    limit: int | None = None,
    look_ledger: Path | None = None,
    look_note: str = "",
) -> dict:
    """Score the development part; the sealed part only when `look_ledger` is given, and then the look is
    appended to it. Top-level `fields` cover every contract scored in this run."""
    gold_paths = gold if isinstance(gold, list) else [gold]
    rows = read_gold(gold_paths)
    if limit:
        rows = rows[:limit]
    development = [r for r in rows if part_of(r["file"]) == "development"]
    sealed = [r for r in rows if part_of(r["file"]) == "validation"]
    scored = development + (sealed if look_ledger else [])
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    predictions, failures, pages = _extract_all(scored, workers)
    seconds = time.perf_counter() - started
    dev_scores = score(development, predictions)
    parts: dict[str, dict] = {
        "development": {"contracts": len(development), "fields": _with_baselines(dev_scores, development)},
        "validation": {"contracts": len(sealed), "sealed": True},
    }
    if look_ledger:
        parts["validation"]["fields"] = _with_baselines(score(sealed, predictions), sealed)
        parts["validation"]["unreadable"] = sum(r["file"] in failures for r in sealed)
        record_look(look_ledger, gold_paths, parts["validation"], look_note)
    return {
        # development alone unless the sealed part was read too: then both, scored together
        "fields": parts["development"]["fields"]
        if not look_ledger
        else _with_baselines(score(scored, predictions), scored),
        "rules": rule_outcomes(development, predictions, dev_scores),
        "parts": parts,
        "errors": {label: s.errors for label, s in dev_scores.items()},
        "contracts": len(scored),
        "unreadable": {r["file"]: failures[r["file"]] for r in development if r["file"] in failures},
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
                f = result["parts"][part].get("fields", {}).get(label, {})
                cells.append(
                    f"{fmt(f.get('accuracy')):>10} / {fmt(f.get('f1')):>6} / {fmt(f.get('baseline_accuracy')):>6}"
                    + ("*" if not f.get("beats_baseline", True) else " ")
                )
            lines.append(f"{label:38} " + "  ".join(f"{c:>32}" for c in cells))
        counts = ", ".join(f"{p} {result['parts'][p]['contracts']}" for p in PARTS)
        lines.append(
            f"(* not above the majority-class baseline; contracts: {counts}, split by a hash of the file name)"
        )
        if "fields" not in result["parts"]["validation"]:
            lines.append(
                "(the validation part is sealed: not read in this run; --sealed LEDGER reads it and logs the look)"
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
