"""An inbox that does not exist is an error that says where the inbox is configured; nothing is created."""

import pytest

from etl.cli import main
from etl.orchestration import pipeline
from etl.settings import Settings


def test_discovery_names_the_missing_inbox_and_where_to_set_it(tmp_path):
    with pytest.raises(pipeline.InboxMissingError, match="does not exist.*outsourcing_etl_inbox"):
        pipeline.discover(Settings(tmp_path / "nowhere", tmp_path / "w.duckdb"))
    assert not (tmp_path / "w.duckdb").exists()


def test_the_cli_exits_non_zero_before_starting_anything(tmp_path, capsys):
    code = main(["run", "--inbox", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
