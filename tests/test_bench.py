"""The benchmark script in a small form (smaller than --quick): it runs end to end and reports every figure.

No wall-time assertions: the numbers are for people to read; here only their presence and sanity count.
"""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.bench]


@pytest.mark.bench
def test_quick_benchmark_reports_every_figure(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run(
        # smaller than --quick: the test checks that every figure is there, not what it is
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--cuad-contracts", "4", "--engagements", "3"]
        + ["--years", "1", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(out.read_text())
    run = results["pipeline"]
    assert run["rows_loaded"] == run["report_rows"] > 0  # every generated row reached the warehouse
    assert run["files"] == {"loaded": run["contracts"] + run["report_files"]}
    assert 0 < run["load_vs_duckdb_bulk"] and 0 < run["gx_share_of_run"] < 1
    assert 0 < run["incremental_rerun_share"] < 1
    assert run["postgres"]["rows"] == run["rows_loaded"]
    contracts = results["generated_contracts"]
    assert contracts["pages"] > 10 * contracts["contracts"]  # contracts of a realistic length
    assert contracts["vs_pdfplumber"] > 1
    assert results["peak_memory_mb"] > 0
    if (ROOT.parent / "shared" / "tickets").exists():  # the real event log, beside DuckDB's read_csv of it
        tickets = results["tickets"]
        assert tickets["events"] == 119_998 and tickets["vs_duckdb_read_csv"] > 0
        assert "ticket export events/s" in proc.stdout
    for line in ("contract extraction pages/s", "load / DuckDB bulk insert", "Great Expectations share"):
        assert line in proc.stdout
    # a small run compares its ratios with the committed full run's, and leaves that file alone
    assert "ratios against the committed run" in proc.stdout and "pypdfium2 text / ours, CUAD" in proc.stdout


def _report():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_table_is_the_committed_run():
    """#36: docs/benchmarks.md's figures are the ones a run wrote; `make bench` rewrites the table from the file."""
    report = _report()
    results = json.loads((ROOT / "bench" / "results.json").read_text())
    page = (ROOT / "docs" / "benchmarks.md").read_text()
    assert report.page_with_table(page, results) == page
    assert report.table(results) in page


def test_ratios_are_compared_run_against_run():
    report = _report()
    before = {
        "cuad_contracts": {"pypdfium2_vs_ours": 8.0},
        "pipeline": {"rows_loaded": 2_000_000},
        "peak_memory_mb": 3000,
    }
    after = {
        "cuad_contracts": {"pypdfium2_vs_ours": 4.0},
        "pipeline": {"rows_loaded": 1_000_000},
        "peak_memory_mb": 900,
    }
    lines = {line.split("  ")[0].strip(): " ".join(line.split()) for line in report.compare(before, after)}
    assert "8.000 -> 4.000 0.50x" in lines["pypdfium2 text / ours, CUAD"]
    assert "1,500.000 -> 900.000 0.60x" in lines["peak MB per million rows"]
    assert "not measured -> not measured" in lines["ticket path / DuckDB read_csv"]
