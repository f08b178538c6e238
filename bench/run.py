"""Benchmarks, each printed as a ratio against a baseline measured in the same run.

    python bench/run.py [--engagements 300] [--years 17] [--cuad ../shared/cuad/gold.jsonl] [--cuad-contracts N]
                        [--quick]
                        [--orchestrated | --no-orchestrated]

1. Contract extraction, on the CUAD dev set and on the generated contracts: ours vs bare pdfplumber
   extract_text and pypdfium2 text on the same pages; parallel speed-up from 1 worker to all cores.
2. The whole run over a generated inbox (engagements with weekly reports over `years`): rows/s; the load
   transaction against DuckDB's own bulk insert of the same rows (from a DataFrame: pyarrow is not
   installed) and, on PostgreSQL, against COPY; Great Expectations' share of the run.
3. An incremental re-run over the unchanged inbox as a % of the full run.
4. The orchestrated path (the full form, or --orchestrated): the same inbox through the DAGs on Airflow's real
   services (etl/orchestration/native_stack.py), with the LocalExecutor and with the CeleryExecutor and two
   workers, from triggering the contracts DAG to the end of the reports DAG's load; files/s against the
   direct function path of item 2 (extract + validate + load, no dbt in either). Needs PostgreSQL (Airflow's
   metadata) and, for Celery, Redis.
Runs 2 and 3 go in a new process, as a scheduled run would; its peak memory (before the baselines) and its
largest extraction worker's are reported last. Results go to bench/results.json.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def _extract_contract_pages(path: str) -> int:
    from etl.contracts.terms import extract_contract
    from etl.intake.inbox import file_sha256

    return extract_contract(Path(path), Path(path).stem, file_sha256(Path(path))).pages


def contract_benchmark(files: list[Path]) -> dict:
    """Our contract extraction on `files` (all cores, then one) against bare pdfplumber and pypdfium2 text."""
    import pdfplumber
    import pypdfium2 as pdfium

    def pdfium_text():
        pages = 0
        for f in files:
            doc = pdfium.PdfDocument(str(f))
            for page in doc:
                page.get_textpage().get_text_bounded()
                pages += 1
            doc.close()
        return pages

    pages, pdfium_s = timed(pdfium_text)
    # pdfplumber is slow (about 12 pages/s): time it on every tenth file and take its rate
    sample = files[::10]

    def plumber_text():
        sample_pages = 0
        for f in sample:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    sample_pages += 1
        return sample_pages

    sample_pages, plumber_s = timed(plumber_text)
    cores = os.cpu_count() or 1

    def ours(workers: int) -> float:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done, seconds = timed(lambda: sum(pool.map(_extract_contract_pages, map(str, files), chunksize=2)))
        assert done == pages, (done, pages)
        return pages / seconds

    many, one = ours(cores), ours(1)
    plumber, pdfium_rate = sample_pages / plumber_s, pages / pdfium_s
    return {
        "contracts": len(files),
        "pages": pages,
        "workers": cores,
        "ours_pages_per_s": round(many, 1),
        "ours_1_worker_pages_per_s": round(one, 1),
        "pdfplumber_pages_per_s": round(plumber, 1),
        "pypdfium2_pages_per_s": round(pdfium_rate, 1),
        "vs_pdfplumber": round(many / plumber, 2),
        "pypdfium2_vs_ours": round(pdfium_rate / many, 2),
        "parallel_speedup": round(many / one, 2),
    }


def generated_inbox(target: Path, engagements: int, years: int, procedure_pages: int = 19) -> dict:
    """Contracts cloned from the sample engagements under new ids, each with weekly long-CSV reports (one
    file per year) over a term of `years` years: 300 engagements x 17 years is about 1,000,000 rows."""
    import generate as g

    (target / "contracts").mkdir(parents=True)
    (target / "mappings").mkdir(parents=True)
    first = 2026 - years
    rows = 0
    for i in range(engagements):
        template = g.ENGAGEMENTS[i % len(g.ENGAGEMENTS)]
        # a distinct client per clone, so each contract is new content rather than a duplicate of another
        e = g.Engagement(
            **{
                **template.__dict__,
                "id": f"{template.id}-{i:03d}",
                "client": template.client.replace(" ", f" {i:03d} ", 1),
                "agreement_date": date(first - 1, 12, 1),
                "effective": date(first, 1, 1),
                "term_months": 12 * years,
            }
        )
        g.write_contract(e, target / "contracts" / f"{e.id}.pdf", variant=i, procedure_pages=procedure_pages)
        mapping = ROOT / "samples" / "mappings" / f"{template.id}.yml"
        if mapping.exists():
            shutil.copy(mapping, target / "mappings" / f"{e.id}.yml")
        folder = target / "reports" / e.id
        folder.mkdir(parents=True)
        values = g.monthly_actuals(e)
        for year in range(first, 2026):
            with (folder / f"{year}-weekly.csv").open("w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(["Period", "Service Level", "Target", "Actual"])
                for week in range(1, date(year, 12, 28).isocalendar()[1] + 1):
                    if date.fromisocalendar(year, week, 1) < e.effective:
                        continue  # a week that starts before the term is (rightly) quarantined: not generated
                    month = values[f"2025-{date.fromisocalendar(year, week, 4).month:02d}"]
                    for s in e.slas:
                        w.writerow(
                            [
                                f"{year}-W{week:02d}",
                                s.report_name,
                                g.report_value(s, s.expected),
                                g.report_value(s, month[s.metric]),
                            ]
                        )
                        rows += 1
    return {"contracts": engagements, "report_files": engagements * years, "report_rows": rows}


def stage_all(settings, items: list[dict], workers: int) -> list[str]:
    """The extract tasks, one per file, on `workers` processes (as Airflow's mapped tasks run side by side)."""
    from etl.orchestration import pipeline

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(pipeline.stage, [settings] * len(items), items, chunksize=8))


@contextmanager
def time_calls(module, *names: str):
    """Seconds spent in `module.<name>` for each name while the block runs (the load's stages, timed inside it)."""
    spent = dict.fromkeys(names, 0.0)
    originals = {name: getattr(module, name) for name in names}

    def timing(name):
        def wrapper(*args, **kwargs):
            result, seconds = timed(originals[name], *args, **kwargs)
            spent[name] += seconds
            return result

        return wrapper

    for name in names:
        setattr(module, name, timing(name))
    try:
        yield spent
    finally:
        for name, original in originals.items():
            setattr(module, name, original)


def pipeline_once(settings, run_id: str, workers: int, keep_staged: Path | None = None) -> dict:
    """discover -> extract (parallel) -> validate and load; GX and the load transaction timed inside it."""
    import etl.load.transaction as wl
    from etl.orchestration import pipeline

    start = time.perf_counter()
    items = pipeline.discover(settings)
    staged = stage_all(settings, items, workers)
    extract_s = time.perf_counter() - start
    if keep_staged is not None:  # for a second load of the same files into another warehouse
        keep_staged.mkdir(parents=True, exist_ok=True)
        for path in staged:
            shutil.copy(path, keep_staged / Path(path).name)
    with time_calls(wl, "validate", "_write") as spent:
        summary, load_s = timed(pipeline.load, settings, staged, run_id, datetime(2026, 1, 1))
    return {
        "extract_s": extract_s,
        "load_s": load_s,
        "gx_s": spent["validate"],
        "write_s": spent["_write"],
        "total_s": extract_s + load_s,
        "summary": summary,
    }


def duckdb_bulk_baseline(table) -> float:
    """Seconds for DuckDB to insert `table` (a DataFrame) into an empty table of a new database file."""
    import duckdb

    folder = Path(tempfile.mkdtemp(prefix="oetl-bulk-"))
    try:
        con = duckdb.connect(str(folder / "bulk.duckdb"))
        con.register("rows_df", table)
        con.execute("create table t as select * from rows_df limit 0")
        _, seconds = timed(
            lambda: (con.execute("begin"), con.execute("insert into t select * from rows_df"), con.execute("commit"))
        )
        con.close()
        return seconds
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def scratch_database(name: str, what: str):
    """A new PostgreSQL database for one benchmark, dropped afterwards; yields its URL, or None (with a line on
    stderr) when the server cannot be reached, so that benchmark is left out."""
    import psycopg2

    from etl.load.database import postgres_params

    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        admin = psycopg2.connect(**postgres_params(admin_url), connect_timeout=3)
    except psycopg2.OperationalError as exc:
        print(f"PostgreSQL not reachable ({exc}); {what} is left out", file=sys.stderr)
        yield None
        return
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f"drop database if exists {name}")
        cur.execute(f"create database {name}")
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.cursor() as cur:
            cur.execute(f"drop database if exists {name} with (force)")
        admin.close()


def postgres_load(staged: list[str], inbox: Path, table) -> dict | None:
    """The same staged files loaded into a new PostgreSQL database, against COPY of the same rows."""
    import psycopg2

    import etl.load.transaction as wl
    from etl.load.database import postgres_params
    from etl.orchestration import pipeline
    from etl.settings import Settings

    with scratch_database(f"oetl_bench_{os.getpid()}", "its benchmark") as url:
        if url is None:
            return None
        os.environ["OUTSOURCING_ETL_DATA_DIR"] = str(inbox.parent / "postgres-data")  # its Data Docs and staging
        with time_calls(wl, "_write") as spent:
            pipeline.load(Settings(inbox, url), staged, "postgres", datetime(2026, 1, 1))
        con = psycopg2.connect(**postgres_params(url))
        with con.cursor() as cur:
            cur.execute("select count(*) from raw_measurements")
            rows = cur.fetchone()[0]
            cur.execute("create table copy_baseline (like raw_measurements)")
            buffer = io.StringIO()
            table.to_csv(buffer, index=False, header=False, na_rep="\\N")
            buffer.seek(0)
            columns = ", ".join(table.columns)
            _, copy_s = timed(
                cur.copy_expert, f"copy copy_baseline ({columns}) from stdin with (format csv, null '\\N')", buffer
            )
            con.commit()
        con.close()
        return {
            "rows": rows,
            "load_rows_per_s": round(rows / spent["_write"], 1),
            "copy_rows_per_s": round(len(table) / copy_s, 1),
            "load_vs_copy": round(copy_s / spent["_write"], 3),
        }


def pipeline_benchmark(work: Path, corpus: dict, workers: int) -> dict:
    import duckdb

    from etl.settings import Settings

    settings = Settings(work / "inbox", work / "bench.duckdb")
    full = pipeline_once(settings, "full", workers, keep_staged=work / "staged-copy")
    # the run's own peaks, before the baselines below add theirs: this process (discover, validate, load)
    # and its largest extraction worker
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    again = pipeline_once(settings, "again", workers)
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    table = con.execute("select * from raw_measurements").df()
    files = con.execute("select status, count(*) from file_registry group by all").fetchall()
    con.close()
    loaded = len(table)
    bulk_s = duckdb_bulk_baseline(table)
    postgres = postgres_load(sorted(str(p) for p in (work / "staged-copy").iterdir()), settings.inbox, table)
    return {
        **corpus,
        "rows_loaded": loaded,
        "files": dict(files),
        "ingest_rows_per_s": round(loaded / full["total_s"], 1),
        "extract_s": round(full["extract_s"], 2),
        "load_task_s": round(full["load_s"], 2),
        "load_rows_per_s": round(loaded / full["write_s"], 1),
        "duckdb_bulk_rows_per_s": round(loaded / bulk_s, 1),
        "load_vs_duckdb_bulk": round(bulk_s / full["write_s"], 3),
        "postgres": postgres,
        "gx_s": round(full["gx_s"], 2),
        "gx_share_of_run": round(full["gx_s"] / full["total_s"], 3),
        "incremental_rerun_share": round(again["total_s"] / full["total_s"], 3),
        "full_run_s": round(full["total_s"], 2),
        "rerun_s": round(again["total_s"], 2),
        "peak_memory_mb": round(peak_mb, 1),
        "peak_worker_memory_mb": round(worker_peak_mb, 1),
    }


def orchestrated_benchmark(inbox: Path, work: Path, executor: str, files: int) -> dict | None:
    """The inbox through the DAGs on a native Airflow stack; seconds from the trigger to the reports load."""
    from etl.orchestration.native_stack import NativeStack, wait_for

    cores = os.cpu_count() or 1
    env = {
        "OUTSOURCING_ETL_INBOX": str(inbox),
        "OUTSOURCING_ETL_WAREHOUSE": str(work / "warehouse.duckdb"),
        "OUTSOURCING_ETL_DATA_DIR": str(work / "data"),
    }
    with scratch_database(f"oetl_bench_airflow_{os.getpid()}", "the orchestrated benchmark") as metadata:
        if metadata is None:
            return None
        with NativeStack(work, metadata, executor=executor, workers=2, parallelism=cores, env=env) as stack:
            start = time.perf_counter()
            triggered = stack.trigger("outsourcing_contracts")

            def loaded():
                contracts = [
                    r for r in stack.runs("outsourcing_contracts") if r["dag_run_id"] == triggered["dag_run_id"]
                ]
                reports = stack.runs("outsourcing_reports")
                finished = contracts and contracts[0]["state"] in ("success", "failed")
                return finished and reports and all(r["state"] in ("success", "failed") for r in reports)

            wait_for("the contracts and reports runs", loaded, timeout=3600, every=1.0)
            seconds = time.perf_counter() - start
            states = {d: [r["state"] for r in stack.runs(d)] for d in ("outsourcing_contracts", "outsourcing_reports")}
            batches = {w: stack.tasks_run_by(w, "extract_batch") for w in stack.workers}
    return {
        "executor": executor,
        "seconds": round(seconds, 2),
        "files_per_s": round(files / seconds, 2),
        "runs": states,
        "batches_per_worker": batches,
    }


def ticket_benchmark(zipped: Path, work: Path) -> dict:
    """The whole ticket path (find the columns, collapse events to tickets, both clocks, load into DuckDB) on
    the real ServiceNow event log, against DuckDB's own read_csv of the same CSV into a table, best of 3 each."""
    import zipfile

    import duckdb

    from etl.load.schema import RAW_COLUMNS
    from etl.tickets.export import read_ticket_export

    with zipfile.ZipFile(zipped) as z:
        member = next(m for m in z.namelist() if m.endswith(".csv"))
        csv_path = Path(z.extract(member, work / "tickets"))

    def baseline():
        con = duckdb.connect()
        con.execute("create table events as select * from read_csv(?)", [str(csv_path)])
        return con.execute("select count(*) from events").fetchone()[0]

    def ours():
        con = duckdb.connect()
        result = read_ticket_export(csv_path)
        frame = result.tickets.assign(engagement_id="e", file_sha256="s", file_path="p")[RAW_COLUMNS["raw_tickets"]]
        con.register("frame", frame)
        con.execute("create table raw_tickets as select * from frame")
        return result.events

    events = baseline()
    base_s = min(timed(baseline)[1] for _ in range(3))
    ours_s = min(timed(ours)[1] for _ in range(3))
    return {
        "events": events,
        "events_per_s": round(events / ours_s),
        "duckdb_read_csv_events_per_s": round(events / base_s),
        "vs_duckdb_read_csv": round(ours_s / base_s, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engagements", type=int, help="generated engagements (one contract each); default 300")
    parser.add_argument(
        "--years", type=int, help="years of weekly reports per engagement (300 x 17: about 1,000,000 rows); default 17"
    )
    parser.add_argument("--cuad", default=str(ROOT.parent / "shared" / "cuad" / "gold.jsonl"))
    parser.add_argument("--cuad-contracts", type=int, help="the first N CUAD contracts; default all (10 with --quick)")
    parser.add_argument(
        "--quick", action="store_true", help="a small form: 10 CUAD contracts, 6 x 2 years, unless sizes are given"
    )
    parser.add_argument(
        "--out", help="where the results go; default bench/results.json, or bench/results-quick.json with --quick"
    )
    parser.add_argument(
        "--orchestrated",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also run the inbox through the DAGs (LocalExecutor and Celery); default: on, off with --quick",
    )
    args = parser.parse_args()
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    small = args.quick
    args.engagements = args.engagements or (6 if small else 300)
    args.years = args.years or (2 if small else 17)
    args.cuad_contracts = args.cuad_contracts or (10 if small else None)
    cores = os.cpu_count() or 1
    results = {"machine": {"cpus": cores, "python": platform.python_version(), "platform": platform.platform()}}
    gold = Path(args.cuad)
    if gold.exists():
        rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
        results["cuad_contracts"] = contract_benchmark([gold.parent / r["file"] for r in rows][: args.cuad_contracts])
    work = Path(tempfile.mkdtemp(prefix="oetl-bench-"))
    tickets = ROOT.parent / "shared" / "tickets" / "incident_event_log.zip"
    try:
        if tickets.exists():
            results["tickets"] = ticket_benchmark(tickets, work)
        corpus, generate_s = timed(generated_inbox, work / "inbox", args.engagements, args.years)
        print(f"generated {corpus} in {generate_s:.0f} s", file=sys.stderr)
        results["generated_contracts"] = contract_benchmark(sorted((work / "inbox" / "contracts").glob("*.pdf")))
        # in a new process, as a scheduled run starts: not in this one, which has run pdfplumber over
        # thousands of pages for the baselines above
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            results["pipeline"] = pool.submit(pipeline_benchmark, work, corpus, cores).result()
        if args.orchestrated if args.orchestrated is not None else not args.quick:
            files = corpus["contracts"] + corpus["report_files"]
            direct_fps = files / results["pipeline"]["full_run_s"]
            for executor in ("LocalExecutor", "CeleryExecutor"):
                run = orchestrated_benchmark(work / "inbox", work / executor, executor, files)
                if run:
                    run["direct_files_per_s"] = round(direct_fps, 2)
                    run["vs_direct"] = round(run["seconds"] / results["pipeline"]["full_run_s"], 2)
                    results.setdefault("orchestrated", {})[executor] = run
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["peak_memory_mb"] = results["pipeline"]["peak_memory_mb"]
    results["peak_worker_memory_mb"] = results["pipeline"]["peak_worker_memory_mb"]
    print_table(results)
    out = Path(args.out or (ROOT / "bench" / ("results-quick.json" if small else "results.json")))
    _compare_with_committed(results, out)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def _compare_with_committed(results: dict, out: Path) -> None:
    """A run written elsewhere than the committed full run (a quick one, by default) leaves that file alone and
    prints how its ratios compare with it."""
    committed = ROOT / "bench" / "results.json"
    if committed.exists() and out.resolve() != committed.resolve():
        from report import compare

        print("\nratios against the committed run (bench/results.json; a smaller run is not the same measure):")
        print("\n".join(compare(json.loads(committed.read_text()), results)))


def print_table(results: dict) -> None:
    line = "{:52} {:>12}  {}".format
    print(line("benchmark", "value", "baseline, measured in the same run"))
    for key, label in (("cuad_contracts", "CUAD dev set"), ("generated_contracts", "generated contracts")):
        if key not in results:
            continue
        c = results[key]
        print(
            line(
                f"contract extraction pages/s, {label}",
                c["ours_pages_per_s"],
                f"{c['contracts']} contracts, {c['pages']} pages, {c['workers']} workers",
            )
        )
        print(
            line(
                "  x bare pdfplumber extract_text",
                c["vs_pdfplumber"],
                f"pdfplumber {c['pdfplumber_pages_per_s']} pages/s",
            )
        )
        print(
            line("  pypdfium2 text / ours", c["pypdfium2_vs_ours"], f"pypdfium2 {c['pypdfium2_pages_per_s']} pages/s")
        )
        print(
            line(
                "  parallel speed-up, 1 -> all cores",
                c["parallel_speedup"],
                f"1 worker {c['ours_1_worker_pages_per_s']} pages/s",
            )
        )
    r = results["pipeline"]
    print(
        line(
            "whole run rows/s (extract + validate + load)",
            r["ingest_rows_per_s"],
            f"{r['contracts']} contracts + {r['report_files']} report files, {r['rows_loaded']} rows, "
            f"{r['full_run_s']} s",
        )
    )
    print(
        line(
            "  load into DuckDB rows/s (the transaction)",
            r["load_rows_per_s"],
            f"DuckDB bulk insert of the same rows {r['duckdb_bulk_rows_per_s']} rows/s",
        )
    )
    print(line("  load / DuckDB bulk insert", r["load_vs_duckdb_bulk"], ""))
    if r.get("postgres"):
        p = r["postgres"]
        print(
            line(
                "  load into PostgreSQL rows/s (the transaction)",
                p["load_rows_per_s"],
                f"COPY of the same rows {p['copy_rows_per_s']} rows/s",
            )
        )
        print(line("  load / COPY", p["load_vs_copy"], ""))
    print(line("  Great Expectations share of the run", r["gx_share_of_run"], f"{r['gx_s']} s"))
    print(
        line("  incremental re-run / full run", r["incremental_rerun_share"], f"{r['rerun_s']} s / {r['full_run_s']} s")
    )
    print(
        line(
            "peak memory MB of the run (process / worker)", results["peak_memory_mb"], results["peak_worker_memory_mb"]
        )
    )
    if "tickets" in results:
        t = results["tickets"]
        print(
            line(
                "ticket export events/s (columns, collapse, clocks, load)",
                t["events_per_s"],
                f"DuckDB read_csv of the same file {t['duckdb_read_csv_events_per_s']} events/s",
            )
        )
        print(line("  ticket path time / DuckDB read_csv time", t["vs_duckdb_read_csv"], f"{t['events']:,} events"))
    for executor, o in results.get("orchestrated", {}).items():
        print(
            line(
                f"through the DAGs ({executor}) files/s",
                o["files_per_s"],
                f"direct {o['direct_files_per_s']} files/s; {o['seconds']} s, {o['vs_direct']}x the direct path",
            )
        )


if __name__ == "__main__":
    raise SystemExit(main())
