"""Which date parser reads the dates contracts write: our regexes (`etl.quantities.find_dates`), dateutil's
fuzzy parser, or dateparser's `search_dates`. Measured on the gold spans of the development part only (the
sealed part stays sealed) and on the written forms the regexes were known to miss.

    .venv/bin/python evaluation/contracts/compare_date_parsers.py --gold ../shared/cuad/gold.jsonl \
        --gold ../shared/cuad-broad/gold.jsonl

dateparser is not a dependency; install it into the venv to measure (`uv pip install dateparser`).
A span counts as read when the parser's first date in it equals the gold answer (M/D/YYYY, complete dates only).
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from etl.evaluation.contract_eval import part_of, read_gold
from etl.quantities import find_dates

LABELS = ("Agreement Date", "Effective Date", "Expiration Date")

# written forms the issue names, each with the date meant (day first where the form is European)
FORMS = {
    "01.03.2021": date(2021, 3, 1),
    "1 Mar 21": date(2021, 3, 1),
    "the first day of March, 2021": date(2021, 3, 1),
    "March 1, 2021": date(2021, 3, 1),
    "1st March 2021": date(2021, 3, 1),
    "this 1st day of March, 2021": date(2021, 3, 1),
    "2021-03-01": date(2021, 3, 1),
    "03/01/2021": date(2021, 3, 1),
    "Mar. 1, 2021": date(2021, 3, 1),
}


def _regexes(text: str) -> date | None:
    found = find_dates(text)
    return found[0][0] if found else None


def _dateutil(text: str) -> date | None:
    from dateutil import parser

    try:
        return parser.parse(text, fuzzy=True, default=None).date()  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


def _dateparser(text: str) -> date | None:
    from dateparser.search import search_dates

    found = search_dates(text, languages=["en"], settings={"STRICT_PARSING": True})
    return found[0][1].date() if found else None


def _regexes_then_dateutil(text: str) -> date | None:
    return _regexes(text) or _dateutil(text)


PARSERS = {
    "find_dates (regexes, loose forms via dateutil)": _regexes,
    "dateutil fuzzy": _dateutil,
    "dateparser search_dates": _dateparser,
    "regexes, else dateutil fuzzy": _regexes_then_dateutil,
}


def _gold_date(answer: str) -> date | None:
    parts = answer.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return date(int(parts[2]), int(parts[0]), int(parts[1]))
    except ValueError:
        return None


def spans(gold_paths: list[Path]) -> list[tuple[str, date]]:
    out = []
    for row in read_gold(gold_paths):
        if part_of(row["file"]) != "development":
            continue
        for label in LABELS:
            cell = row["labels"].get(label) or {}
            meant = _gold_date(cell.get("answer", ""))
            if meant and cell.get("spans"):
                out.append((" ".join(cell["spans"][0].split()), meant))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", action="append", required=True)
    args = ap.parse_args()
    cases = spans([Path(g) for g in args.gold])
    print(f"| parser | gold spans read (of {len(cases)}) | written forms read (of {len(FORMS)}) | ms per span |")
    print("|---|---|---|---|")
    for name, parse in PARSERS.items():
        started = time.perf_counter()
        right = sum(parse(text) == meant for text, meant in cases)
        ms = (time.perf_counter() - started) * 1000 / max(len(cases), 1)
        forms = [text for text, meant in FORMS.items() if parse(text) == meant]
        print(f"| {name} | {right} ({right / len(cases):.3f}) | {len(forms)}: {', '.join(forms)} | {ms:.2f} |")


if __name__ == "__main__":
    main()
