"""A file that kills or hangs its reader is quarantined with the reason; the rest of its batch is staged.

The readers are replaced here by ones that abort or sleep on a chosen file (fault injection in our own code:
no real PDF reliably aborts pdfium on every build); everything around them is the production path.
"""

import faulthandler
import os
import shutil
import time
from pathlib import Path

import pytest

from etl.intake import file_task, isolation
from etl.intake.inbox import InboxFile
from etl.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def settings(tmp_path):
    reports = tmp_path / "inbox" / "reports"
    shutil.copytree(next((SAMPLES / "reports").iterdir()), reports / "eng")
    return Settings(tmp_path / "inbox", tmp_path / "w.duckdb")


def batch(settings) -> list[InboxFile]:
    files = sorted(p for p in (settings.inbox / "reports" / "eng").iterdir())[:4]
    return [InboxFile(p.relative_to(settings.inbox).as_posix(), "report", "eng") for p in files]


def staged(paths):
    return [{**f.to_dict(), "measurements": file_task.staged_measurements(f)} for f in file_task.read_staged(paths)]


def test_a_batch_is_staged_file_by_file_in_one_child(settings):
    items = batch(settings)
    outcomes = staged(isolation.stage_batch(settings, items))
    assert [o["path"] for o in outcomes] == [i.path for i in items]
    assert {o["status"] for o in outcomes} == {"extracted"}
    assert all(o["measurements"] for o in outcomes)


def test_a_file_that_aborts_its_reader_is_quarantined_and_the_rest_go_on(settings, monkeypatch):
    items = batch(settings)
    real = file_task.extract_file

    def aborting(settings, item):
        if item.path == items[1].path:
            faulthandler.disable()  # pytest's stack dump of the child is noise here
            os.abort()  # what pdfium does on a stream that inflates past its limits
        return real(settings, item)

    monkeypatch.setattr(file_task, "extract_file", aborting)
    outcomes = staged(isolation.stage_batch(settings, items))
    assert [o["path"] for o in outcomes] == [i.path for i in items]
    assert [o["status"] for o in outcomes] == ["extracted", "quarantined", "extracted", "extracted"]
    assert "SIGABRT" in outcomes[1]["reason"] and "not loaded" in outcomes[1]["reason"]
    assert outcomes[1]["sha256"]  # registered under its content, like any quarantined file


def test_a_file_past_its_time_budget_is_quarantined(settings, monkeypatch):
    items = batch(settings)[:2]
    real = file_task.extract_file

    def hanging(settings, item):
        if item.path == items[0].path:
            time.sleep(60)
        return real(settings, item)

    monkeypatch.setattr(file_task, "extract_file", hanging)
    monkeypatch.setattr(isolation, "FILE_SECONDS", 1)
    started = time.monotonic()
    outcomes = staged(isolation.stage_batch(settings, items))
    assert time.monotonic() - started < 30
    assert [o["status"] for o in outcomes] == ["quarantined", "extracted"]
    assert "longer than 1 s" in outcomes[0]["reason"]


def test_a_file_that_needs_more_than_its_memory_budget_is_quarantined_and_the_next_gets_a_fresh_one(
    settings, monkeypatch
):
    """#37: each file may grow the process by OUTSOURCING_ETL_FILE_MEMORY_MB (1 GB by default) over what it
    holds, however large the process already is; the next file is measured from there again."""
    items = batch(settings)[:3]
    real = file_task.extract_report
    held = []

    def greedy(source, *args):
        if source.name == Path(items[0].path).name:
            bytearray(400 * 1024 * 1024)  # a bomb's, refused by the limit before a page is touched
        if source.name == Path(items[1].path).name:
            held.append(bytearray(150 * 1024 * 1024))  # within budget; stays held while the next file reads
        if source.name == Path(items[2].path).name:
            bytearray(150 * 1024 * 1024)  # within its own budget, though over it with the held one
        return real(source, *args)

    monkeypatch.setattr(file_task, "extract_report", greedy)
    # a budget of 256 MB instead of 1 GB, so the test itself stays small
    monkeypatch.setattr(file_task, "FILE_MEMORY_MB", 256)
    monkeypatch.setattr(isolation, "FILE_MEMORY_MB", 256)
    outcomes = staged(isolation.stage_batch(settings, items))
    assert [o["status"] for o in outcomes] == ["quarantined", "extracted", "extracted"]
    assert "more than the 256 MB of memory a file may use" in outcomes[0]["reason"]
