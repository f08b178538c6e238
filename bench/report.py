"""The benchmark's figures for people: the table of docs/benchmarks.md, written from bench/results.json, and the
change of each ratio between two runs.

    python bench/report.py                    # print the table of bench/results.json
    python bench/report.py --write-docs       # put it in docs/benchmarks.md between its bench-table markers
    python bench/report.py --compare A B      # each ratio of run B beside run A's

The page's table is this function's output for the committed results.json, and a test holds it so: a figure
there is one a run wrote. Ratios, not times, are compared: a loaded machine moves both sides of each.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
PAGE = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"

# the ratios a regression shows in, as (label, path into results.json, target); lower is better for each but
# the pdfplumber and load ratios, where higher is
RATIOS = (
    ("pypdfium2 text / ours, CUAD", ("cuad_contracts", "pypdfium2_vs_ours"), "<= 3"),
    ("pypdfium2 text / ours, generated", ("generated_contracts", "pypdfium2_vs_ours"), "<= 3"),
    ("load / DuckDB bulk insert", ("pipeline", "load_vs_duckdb_bulk"), ">= 0.5"),
    ("load / PostgreSQL COPY", ("pipeline", "postgres", "load_vs_copy"), ""),
    ("Great Expectations share of the run", ("pipeline", "gx_share_of_run"), "<= 0.15"),
    ("incremental re-run / full run", ("pipeline", "incremental_rerun_share"), "<= 0.05"),
    ("peak MB per million rows", ("peak_mb_per_million_rows",), "<= 1024"),
    ("ticket path / DuckDB read_csv", ("tickets", "vs_duckdb_read_csv"), "<= 3"),
    ("through the DAGs / direct, LocalExecutor", ("orchestrated", "LocalExecutor", "vs_direct"), "<= 2"),
    ("through the DAGs / direct, CeleryExecutor", ("orchestrated", "CeleryExecutor", "vs_direct"), "<= 2"),
)


def _get(results: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(results, dict) or key not in results:
            return None
        results = results[key]
    return results


def with_derived(results: dict) -> dict:
    """The results with the figures computed from others (peak memory per million rows)."""
    rows = _get(results, ("pipeline", "rows_loaded"))
    peak = results.get("peak_memory_mb")
    out = dict(results)
    if rows and peak:
        out["peak_mb_per_million_rows"] = round(peak / (rows / 1e6), 1)
    return out


def _n(value, digits: int = 1) -> str:
    if value is None:
        return "not measured"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def table(results: dict) -> str:
    """The table of one run."""
    r = with_derived(results)
    rows = []
    for key, label in (("cuad_contracts", "CUAD"), ("generated_contracts", "generated")):
        c = r.get(key)
        if c:
            rows += [
                (f"contract extraction, {label} ({c['contracts']} contracts, {c['pages']:,} pages, {c['workers']} workers)",
                 f"{_n(c['ours_pages_per_s'])} pages/s", f"1 worker {_n(c['ours_1_worker_pages_per_s'])} pages/s", ""),
                ("... vs bare pdfplumber `extract_text`", f"{c['vs_pdfplumber']}x",
                 f"pdfplumber {_n(c['pdfplumber_pages_per_s'])} pages/s", ">= 8x"),
                ("... pypdfium2 text / ours", f"{c['pypdfium2_vs_ours']}x",
                 f"pypdfium2 {_n(c['pypdfium2_pages_per_s'])} pages/s", "<= 3x"),
            ]  # fmt: skip
    p = r.get("pipeline")
    if p:
        rows += [
            (f"whole run, {p['contracts']} contracts + {p['report_files']:,} report files, {p['rows_loaded']:,} rows",
             f"{_n(p['ingest_rows_per_s'], 0)} rows/s", f"{p['full_run_s']} s", ""),
            ("load into DuckDB / bulk insert of the same rows", str(p["load_vs_duckdb_bulk"]),
             f"{_n(p['load_rows_per_s'], 0)} vs {_n(p['duckdb_bulk_rows_per_s'], 0)} rows/s", ">= 0.5"),
        ]  # fmt: skip
        if p.get("postgres"):
            pg = p["postgres"]
            rows.append(
                ("load into PostgreSQL / COPY of the same rows", str(pg["load_vs_copy"]),
                 f"{_n(pg['load_rows_per_s'], 0)} vs {_n(pg['copy_rows_per_s'], 0)} rows/s", "")
            )  # fmt: skip
        rows += [
            ("Great Expectations share of the run", f"{p['gx_share_of_run']:.1%}", f"{p['gx_s']} s", "<= 15%"),
            ("incremental re-run / full run", f"{p['incremental_rerun_share']:.1%}",
             f"{p['rerun_s']} s / {p['full_run_s']} s", "<= 5%"),
            ("peak memory of the run (its process / largest extraction worker)",
             f"{_n(r['peak_memory_mb'], 0)} / {_n(r['peak_worker_memory_mb'], 0)} MB",
             f"{_n(r.get('peak_mb_per_million_rows'), 0)} MB per million rows", "<= 1,024 MB per million rows"),
        ]  # fmt: skip
    t = r.get("tickets")
    if t:
        rows.append(
            (f"ticket path, the shared ServiceNow log ({t['events']:,} events)", f"{t['vs_duckdb_read_csv']}x its time",
             f"{_n(t['events_per_s'], 0)} vs DuckDB `read_csv` {_n(t['duckdb_read_csv_events_per_s'], 0)} events/s",
             "<= 3x")
        )  # fmt: skip
    for executor, o in (r.get("orchestrated") or {}).items():
        rows.append(
            (f"through the DAGs, {executor}", f"{o['vs_direct']}x the direct path",
             f"{o['files_per_s']} vs {o['direct_files_per_s']} files/s ({o['seconds']} s)", "<= 2x")
        )  # fmt: skip
    lines = ["| benchmark | value | in the same run | target |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def compare(before: dict, after: dict) -> list[str]:
    """Each ratio of `after` beside `before`'s, as lines to print."""
    before, after = with_derived(before), with_derived(after)
    lines = []
    for label, path, target in RATIOS:
        a, b = _get(before, path), _get(after, path)
        change = f"{b / a:.2f}x" if isinstance(a, int | float) and isinstance(b, int | float) and a else ""
        lines.append(f"{label:45} {_n(a, 3):>12} -> {_n(b, 3):>12}  {change:>7}  target {target or '-'}")
    return lines


def page_with_table(page: str, results: dict) -> str:
    head, start, rest = page.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"{PAGE.name} has no {START} ... {END} block")
    return f"{head}{START}\n{table(results)}\n{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        print("\n".join(compare(*(json.loads(p.read_text()) for p in args.compare))))
        return 0
    results = json.loads(args.results.read_text())
    if args.write_docs:
        PAGE.write_text(page_with_table(PAGE.read_text(), results))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
