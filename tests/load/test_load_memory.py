"""What keeps a large load's memory down (#36): how much is measured by bench/run.py, not here; here, that each
mechanism is in place and changes no value."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.intake.file_task import read_staged, staged_measurements, write_staged
from etl.load.batch import build_batch
from etl.load.database import LOAD_MEMORY_LIMIT, DuckDBWarehouse
from etl.records import ExtractedFile, Measurement, Provenance
from etl.settings import Settings


def _report(rows: int) -> ExtractedFile:
    measurements = [
        Measurement(
            "acme",
            "Availability",
            f"2026-{k % 12 + 1:02d}",
            "99.9%",
            99.9,
            None,
            f"row {k + 2}",
            Provenance("f" * 64, 0, f"2026-{k % 12 + 1:02d} | Availability | 99.9%"),
        )
        for k in range(rows)
    ]
    return ExtractedFile("reports/acme/r.csv", "f" * 64, "report", "acme", "extracted", measurements=measurements)


def test_staged_records_read_back_equal_and_share_the_text_that_repeats():
    staged = json.loads(json.dumps(_report(24).to_dict()))
    back = ExtractedFile.from_dict(staged)
    assert back == _report(24)
    first, last = back.measurements[0], back.measurements[-1]
    assert first.metric_name is last.metric_name and first.engagement_id is last.engagement_id
    assert first.provenance.file_sha256 is last.provenance.file_sha256
    assert first.location is not last.location  # text of its own stays its own


def test_a_batch_holds_each_reports_rows_once():
    """The report's records are released once the batch holds its rows; the rows say what the records said."""
    report = _report(30)
    expected = [(m.period, m.actual_text, m.location) for m in report.measurements]
    sla = pd.DataFrame(
        [{"engagement_id": "acme", "metric_id": "availability", "metric_name": "Availability", "unit": "percent"}]
    )
    batch = build_batch([report], sla, Path("/nonexistent"), run_month="2026-12-01")
    got = batch.measurements
    assert list(zip(got.period, got.actual_text, got.location)) == expected
    assert got.actual.tolist() == [99.9] * 30 and set(got.metric_key) == {"acme/availability"}
    assert report.measurements == []
    # a metric's hint is one string for all its rows
    assert len({id(h) for h in got.fix_hint}) == 1


def test_a_batch_built_in_chunks_is_the_batch_built_whole():
    """Rows become a frame per chunk; a chunk whose rows all miss a value (no metric matched) must not change the
    column's type in the whole."""
    sla = pd.DataFrame(
        [{"engagement_id": "acme", "metric_id": "availability", "metric_name": "Availability", "unit": "percent"}]
    )

    def unmatched():
        rows = [replace(m, metric_name="Something else") for m in _report(5).measurements]
        return ExtractedFile("reports/acme/other.csv", "e" * 64, "report", "acme", "extracted", measurements=rows)

    def batch(chunk_rows):
        files = [_report(7), unmatched(), _report(3)]
        return build_batch(files, sla, Path("/nonexistent"), run_month="2026-12-01", chunk_rows=chunk_rows)

    whole, chunked = batch(10_000), batch(1)
    assert whole.measurements.metric_id.isna().sum() == 5
    pd.testing.assert_frame_equal(chunked.measurements, whole.measurements)


def test_staged_rows_stay_in_their_file_until_the_load_reads_them(tmp_path):
    settings = Settings(tmp_path / "inbox", tmp_path / "w.duckdb")
    report = _report(12)
    [staged] = read_staged([write_staged(settings, report)])
    assert staged.measurements == [] and staged.rows_staged_at
    assert staged_measurements(staged) == report.measurements
    assert replace(staged, rows_staged_at="") == replace(report, measurements=[])


def test_the_load_connection_caps_duckdbs_cache_and_cannot_lift_the_cap(tmp_path):
    db = DuckDBWarehouse(tmp_path / "warehouse.duckdb")
    number, unit = db.query("select current_setting('memory_limit') as m").m[0].split()
    assert (float(number), unit) == (float(LOAD_MEMORY_LIMIT.removesuffix("MiB")), "MiB")
    with pytest.raises(duckdb.Error, match="(?i)lock"):
        db.execute("set memory_limit = '8GiB'")
    db.close()
    reader = DuckDBWarehouse(tmp_path / "warehouse.duckdb", read_only=True)
    assert (
        reader.query("select current_setting('memory_limit') as m").m[0]
        != f"{float(LOAD_MEMORY_LIMIT.removesuffix('MiB'))} MiB"
    )
    reader.close()
