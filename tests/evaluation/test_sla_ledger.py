"""Our own service-level gold and its first-sight ledger stay in step (#30).

Every annotated document has exactly one first-sight entry, recorded with the commit it was scored at; the
ledger's counts are what the scorer gives for that gold (core rows); no gold row copies a development
document's."""

from __future__ import annotations

import json
import re

from etl.evaluation.sla_eval import read_gold
from tests.conftest import ROOT, need_shared

FOLDER = ROOT / "evaluation" / "sla"
SHARED_SLA = ROOT.parent / "shared" / "sla"


def _ledger() -> list[dict]:
    return [json.loads(line) for line in (FOLDER / "ledger.jsonl").read_text().splitlines() if line.strip()]


def test_every_annotated_document_has_one_first_sight_entry_with_its_commit():
    gold = read_gold(FOLDER / "gold_sla.jsonl")
    ledger = _ledger()
    assert sorted(e["document"] for e in ledger) == sorted(gold)
    for entry in ledger:
        assert re.fullmatch(r"[0-9a-f]{7,40}", entry["first_sight_commit"]), entry
        core = sum(r.tier == "core" for r in gold[entry["document"]])
        assert entry["gold_core"] == core, entry["document"]
        assert 0 <= entry["right"] <= entry["extracted"]


def test_the_ledger_table_in_the_readme_lists_every_entry():
    text = (FOLDER / "README.md").read_text()
    for entry in _ledger():
        name = entry["document"].split("_")[0]  # the document's number, or the filer's name for a CUAD contract
        row = next((line for line in text.splitlines() if line.startswith("| ") and f" {name} " in line), None)
        assert row, name
        assert f"{entry['f1']:.3f}".lstrip("0") in row and entry["first_sight_commit"] in row, row


def test_gold_rows_are_well_formed():
    for line in (FOLDER / "gold_sla.jsonl").read_text().splitlines():
        r = json.loads(line)
        if r.get("no_service_levels"):
            continue
        assert r["tier"] in ("core", "secondary")
        assert r["direction"] in ("higher", "lower")
        if r["tier"] == "core":
            assert r["target"] is not None and r["unit"], r["id"]


# documents that are another edition of a development document: sentences the two share are each one's own
EDITIONS = {"1890_Performance-Based_Service_Contracting_Matrix.pdf": "1885"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_no_gold_row_copies_a_development_document():
    need_shared(SHARED_SLA / "gold_sla.jsonl")
    dev = {json.loads(line)["source"] for line in (SHARED_SLA / "gold_sla.jsonl").read_text().splitlines()}
    rows = [json.loads(line) for line in (FOLDER / "gold_sla.jsonl").read_text().splitlines()]
    ours = {r.get("source") for r in rows if r["document"] not in EDITIONS}
    assert not (dev & ours - {None, ""})
    # an edition's rows may repeat the development document's sentences, but only as its own text layer has them
    import pypdfium2 as pdfium

    for document in EDITIONS:
        pdf = pdfium.PdfDocument(SHARED_SLA / "unlabelled" / document)
        text = _flat(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
        sources = [r["source"] for r in rows if r["document"] == document]
        assert sources and all(_flat(s) in text for s in sources), document
