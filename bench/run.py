"""Benchmarks, each printed as a ratio against a baseline measured in the same run.

    python bench/run.py [--engagements 50] [--months 12] [--cuad ../shared/cuad/gold.jsonl] [--quick]

1. Contract text extraction (CUAD dev set): our extraction vs bare pdfplumber extract_text and pypdfium2
   text on the same pages; parallel speed-up from 1 worker to all cores.
2. Report ingestion on a generated inbox (engagements x months): extraction, validation and load rows/s;
   the load against DuckDB's own bulk insert of the same rows (from a DataFrame: pyarrow is not installed);
   Great Expectations' share of the run.
3. An incremental re-run over the unchanged inbox as a % of the full run.
Peak memory of the process is reported last. Results go to bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def contract_benchmark(gold: Path, quick: bool) -> dict:
    import pdfplumber
    import pypdfium2 as pdfium

    from etl.contract_eval import evaluate

    rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    files = [gold.parent / r["file"] for r in rows]
    if quick:
        files = files[:10]
    pages = 0

    def pdfium_text():
        nonlocal pages
        pages = 0
        for f in files:
            doc = pdfium.PdfDocument(str(f))
            for page in doc:
                page.get_textpage().get_text_bounded()
                pages += 1
            doc.close()

    _, pdfium_s = timed(pdfium_text)
    # pdfplumber is slow (about 12 pages/s): time it on a fixed sample of pages and scale by rate
    sample, sample_pages = files[: max(2, len(files) // 10)], 0

    def plumber_text():
        nonlocal sample_pages
        for f in sample:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    sample_pages += 1

    _, plumber_s = timed(plumber_text)
    subset = gold
    if quick:
        subset = Path(tempfile.mkdtemp()) / "gold.jsonl"
        subset.write_text("\n".join(json.dumps({**r, "file": str(gold.parent / r["file"])}) for r in rows[:10]))
    one = evaluate(subset, workers=1)
    cores = os.cpu_count() or 1
    many = evaluate(subset, workers=cores)
    ours = many["pages"] / many["seconds"]
    return {
        "contracts": len(files), "pages": pages,
        "ours_pages_per_s": round(ours, 1),
        "ours_1_worker_pages_per_s": round(one["pages"] / one["seconds"], 1),
        "pdfplumber_pages_per_s": round(sample_pages / plumber_s, 1),
        "pypdfium2_pages_per_s": round(pages / pdfium_s, 1),
        "vs_pdfplumber": round(ours / (sample_pages / plumber_s), 2),
        "pypdfium2_vs_ours": round((pages / pdfium_s) / ours, 2),
        "parallel_speedup": round(ours / (one["pages"] / one["seconds"]), 2),
        "workers": cores,
    }


def generated_inbox(target: Path, engagements: int, months: int) -> int:
    """Contracts cloned from the sample engagements under new ids, with long-CSV reports for each month."""
    import generate as g

    (target / "contracts").mkdir(parents=True)
    (target / "mappings").mkdir(parents=True)
    periods = [f"{2025 + (m // 12)}-{m % 12 + 1:02d}" for m in range(months)]
    rows = 0
    for i in range(engagements):
        template = g.ENGAGEMENTS[i % len(g.ENGAGEMENTS)]
        # a distinct client per clone, so each contract is new content rather than a duplicate of another
        e = g.Engagement(**{**template.__dict__, "id": f"{template.id}-{i:03d}",
                            "client": template.client.replace(" ", f" {i:03d} ", 1)})
        g.write_contract(e, target / "contracts" / f"{e.id}.pdf", variant=i)
        mapping = ROOT / "samples" / "mappings" / f"{template.id}.yml"
        if mapping.exists():
            shutil.copy(mapping, target / "mappings" / f"{e.id}.yml")
        folder = target / "reports" / e.id
        folder.mkdir(parents=True)
        values = g.monthly_actuals(e)
        by_month = {p: values[f"2025-{int(p[-2:]):02d}"] for p in periods}
        g.write_csv_long(e, by_month, folder)
        rows += len(periods) * len(e.slas)
    return rows


def pipeline_once(settings, run_id: str) -> dict:
    from etl import pipeline, validation

    start = time.perf_counter()
    items = pipeline.discover(settings)
    staged = [pipeline.stage(settings, item) for item in items]
    extract_s = time.perf_counter() - start
    gx_seconds = 0.0
    original = validation.validate

    def timed_validate(*args, **kwargs):
        nonlocal gx_seconds
        result, seconds = timed(original, *args, **kwargs)
        gx_seconds += seconds
        return result

    validation.validate = timed_validate
    import etl.warehouse_load as wl

    wl.validate = timed_validate
    try:
        summary, load_s = timed(pipeline.load, settings, staged, run_id, datetime(2026, 1, 1))
    finally:
        validation.validate = original
        wl.validate = original
    return {"extract_s": extract_s, "load_s": load_s, "gx_s": gx_seconds, "total_s": extract_s + load_s,
            "summary": summary}


def report_benchmark(engagements: int, months: int) -> dict:
    import duckdb

    from etl.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="oetl-bench-"))
    try:
        rows = generated_inbox(work / "inbox", engagements, months)
        settings = Settings(work / "inbox", work / "bench.duckdb")
        full = pipeline_once(settings, "full")
        again = pipeline_once(settings, "again")
        con = duckdb.connect(str(settings.warehouse), read_only=True)
        table = con.execute("select * from raw_measurements").df()
        con.close()
        baseline = duckdb.connect()
        baseline.register("rows_df", table)
        baseline.execute("create table t as select * from rows_df limit 0")
        _, bulk_s = timed(lambda: baseline.execute("insert into t select * from rows_df"))
        loaded = len(table)
        return {
            "engagements": engagements, "months": months, "report_rows": rows, "rows_loaded": loaded,
            "ingest_rows_per_s": round(loaded / full["total_s"], 1),
            "load_rows_per_s": round(loaded / full["load_s"], 1),
            "duckdb_bulk_rows_per_s": round(loaded / bulk_s, 1),
            "load_vs_duckdb_bulk": round(bulk_s / full["load_s"], 4),
            "gx_share_of_run": round(full["gx_s"] / full["total_s"], 3),
            "incremental_rerun_share": round(again["total_s"] / full["total_s"], 3),
            "full_run_s": round(full["total_s"], 2), "rerun_s": round(again["total_s"], 2),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engagements", type=int, default=50)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--cuad", default=str(ROOT.parent / "shared" / "cuad" / "gold.jsonl"))
    parser.add_argument("--quick", action="store_true", help="a small form for CI: 10 contracts, 5 engagements")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args()
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    if args.quick:
        args.engagements, args.months = 5, 3
    results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}}
    gold = Path(args.cuad)
    if gold.exists():
        results["contracts"] = contract_benchmark(gold, args.quick)
    results["reports"] = report_benchmark(args.engagements, args.months)
    results["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    print(f"{'benchmark':46} {'value':>12}  baseline (same run)")
    if "contracts" in results:
        c = results["contracts"]
        print(f"{'contract extraction pages/s':46} {c['ours_pages_per_s']:>12}  {c['pages']} pages, {c['workers']} workers")
        print(f"{'  x bare pdfplumber extract_text':46} {c['vs_pdfplumber']:>12}  pdfplumber {c['pdfplumber_pages_per_s']} pages/s")
        print(f"{'  pypdfium2 text / ours':46} {c['pypdfium2_vs_ours']:>12}  pypdfium2 {c['pypdfium2_pages_per_s']} pages/s")
        print(f"{'  parallel speed-up, 1 -> all cores':46} {c['parallel_speedup']:>12}  1 worker {c['ours_1_worker_pages_per_s']} pages/s")
    r = results["reports"]
    print(f"{'report ingestion rows/s (extract+validate+load)':46} {r['ingest_rows_per_s']:>12}  "
          f"{r['engagements']} engagements x {r['months']} months, {r['rows_loaded']} rows")
    print(f"{'  load task rows/s':46} {r['load_rows_per_s']:>12}  DuckDB bulk insert {r['duckdb_bulk_rows_per_s']} rows/s")
    print(f"{'  load vs DuckDB bulk insert':46} {r['load_vs_duckdb_bulk']:>12}")
    print(f"{'  Great Expectations share of the run':46} {r['gx_share_of_run']:>12}")
    print(f"{'  incremental re-run / full run':46} {r['incremental_rerun_share']:>12}  "
          f"{r['rerun_s']} s / {r['full_run_s']} s")
    print(f"{'peak memory MB':46} {results['peak_memory_mb']:>12}")
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
