"""Tests that read ../shared fail on CI when it is missing (CI always has it) and skip elsewhere (#31)."""

from __future__ import annotations

import pytest
from _pytest.outcomes import Failed, Skipped

from tests.conftest import need_shared


def test_missing_shared_material_fails_on_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(Failed, match="CI always has it"):
        need_shared(tmp_path / "no-such-gold.jsonl")


def test_missing_shared_material_skips_elsewhere(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(Skipped):
        need_shared(tmp_path / "no-such-gold.jsonl")
    need_shared(tmp_path)  # present: nothing happens
