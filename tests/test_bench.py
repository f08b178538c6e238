"""The benchmark script in its small form (CI): it runs end to end and reports every figure.

No wall-time assertions: the numbers are for people to read; here only their presence and sanity count.
"""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.bench
def test_quick_benchmark_reports_every_figure(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(out.read_text())
    reports = results["reports"]
    assert reports["rows_loaded"] == reports["report_rows"] > 0
    assert 0 < reports["gx_share_of_run"] < 1
    assert 0 < reports["incremental_rerun_share"] < 1
    assert results["peak_memory_mb"] > 0
    if "contracts" in results:
        assert results["contracts"]["pages"] > 0 and results["contracts"]["vs_pdfplumber"] > 1
    assert "pages/s" in proc.stdout or "contracts" not in results
