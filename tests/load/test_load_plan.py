"""The load's planners (etl/load/transaction.py): what each file's registry row says, and which registered
versions a load replaces, decided without a database (#31: `_write` split into pure planners and one writer)."""

from __future__ import annotations

from collections import Counter

import pytest

from etl.load.transaction import _file_status, _replaced
from etl.records import ExtractedFile


def _file(path="reports/e/2025-01.csv", kind="report", status="extracted", **kw) -> ExtractedFile:
    return ExtractedFile(path=path, sha256="new", kind=kind, engagement_id="e", status=status, **kw)


@pytest.mark.parametrize(
    "f,failures,loaded,bad,expected",
    [
        (_file(), {}, 10, 0, ("loaded", "")),
        (_file(), {}, 8, 2, ("loaded", "2 of 10 rows quarantined")),
        (_file(), {}, 0, 3, ("quarantined", "every row failed validation; see the quarantine table")),
        # a contract whose schedule validation refused is quarantined with validation's reasons
        (_file("contracts/e.pdf", "contract"), {"contracts/e.pdf": ["a", "b"]}, 5, 0, ("quarantined", "a; b")),
        # a readable contract loads what it has, whatever its rows; hand entries name no gaps
        (_file("contracts/e.yml", "contract", origin="entered by hand"), {}, 0, 2, ("loaded", "2 values quarantined")),
        (_file(status="quarantined", reason="not a report"), {}, 0, 0, ("quarantined", "not a report")),
        (_file(status="unchanged", reason="same content"), {}, 0, 0, ("unchanged", "same content")),
    ],
)
def test_each_file_gets_its_registry_status_and_reason(f, failures, loaded, bad, expected):
    assert _file_status(f, failures, Counter({f.path: loaded}), {f.path: bad} if bad else {}) == expected


def test_a_readable_contract_names_what_it_lacks_for_review():
    status, reason = _file_status(_file("contracts/e.pdf", "contract"), {}, Counter(), {})
    assert status == "loaded" and "to review:" in reason and "contracts/e.yml" in reason


def test_a_load_replaces_new_versions_and_files_read_again_not_unchanged_ones():
    files = [
        _file("a.csv"),  # a new version of a registered file
        _file("b.csv"),  # the same version read again (a new context): its rows are written afresh
        _file("c.csv", status="unchanged"),
        _file("d.csv"),  # not registered before
    ]
    files[1].sha256 = "same"
    files[2].sha256 = "same"
    previous = {"a.csv": "old", "b.csv": "same", "c.csv": "same"}
    assert _replaced(files, previous) == [("a.csv", "old"), ("b.csv", "same")]
