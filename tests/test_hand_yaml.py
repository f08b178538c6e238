"""Mapping files with their aliases bounded (#29, #37: billion laughs). A corrections file reads its values one
by one and names an aliased one as a problem without expanding it (tests/contracts/test_corrections.py)."""

from __future__ import annotations

import pytest

from etl.reports.metric_mapping import MappingFileError, read_mapping_yaml


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_mapping_file_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "e1.yml"
    path.write_text("metrics:\n  x: y\n" + _laughs())
    with pytest.raises(MappingFileError, match="aliases"):
        read_mapping_yaml(path)


def test_a_few_aliases_still_read(tmp_path):
    path = tmp_path / "e1.yml"
    path.write_text("base: &b {metrics: {x: y}}\nmetrics: {a: availability, b: availability}\nother: *b\n")
    assert read_mapping_yaml(path)["metrics"] == {"a": "availability", "b": "availability"}
