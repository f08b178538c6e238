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


def test_kpis_of_a_warehouse_that_does_not_exist_say_how_to_build_one_and_create_nothing(tmp_path, capsys):
    code = main(["kpis", "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == 2
    assert "outsourcing-etl run" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name, why",
    [
        ("ito-infra-n\u043erthwind", "outside plain ASCII"),  # a Cyrillic o beside the real id
        ("ito-infra-northwind\n", None),
        ("x" * 255, None),
        ("=HYPERLINK(1)", None),
        ("-rf", None),
        ("ｉｔｏ-infra", "outside plain ASCII"),  # full-width letters, which NFKC folds
    ],
)
def test_names_that_cannot_be_engagement_ids_say_why_and_how_to_fix(name, why):
    from etl.intake.inbox import engagement_id_problem

    problem = engagement_id_problem(name)
    assert problem and "rename" in problem
    if why:
        assert why in problem


@pytest.mark.parametrize("name", ["ito-infra-northwind", "BPO_2025.v2", "a"])
def test_plain_ids_are_fine(name):
    from etl.intake.inbox import engagement_id_problem

    assert engagement_id_problem(name) is None


def test_a_report_in_a_look_alike_folder_is_quarantined_with_the_reason(tmp_path):
    from etl.intake.file_task import extract_file
    from etl.intake.inbox import list_inbox

    folder = tmp_path / "reports" / "ito-infra-n\u043erthwind"
    folder.mkdir(parents=True)
    (folder / "2025-01.csv").write_text("Service Level,Actual\nAvailability,99.9\n")
    [item] = list_inbox(tmp_path)
    outcome = extract_file(Settings(tmp_path, tmp_path / "w.duckdb"), item)
    assert outcome.status == "quarantined" and "cannot be an engagement id" in outcome.reason


def test_links_fifos_and_loops_get_a_row_and_a_reason_without_being_opened(tmp_path):
    import os

    from etl.intake.file_task import extract_file
    from etl.intake.inbox import list_inbox

    reports = tmp_path / "reports" / "eng"
    reports.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.mkfifo(reports / "pipe.csv")  # reading it would block the run for ever
    (reports / "dangling.csv").symlink_to(reports / "gone.csv")
    (reports / "loop-a.csv").symlink_to(reports / "loop-b.csv")
    (reports / "loop-b.csv").symlink_to(reports / "loop-a.csv")
    (reports / "folder-link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere" / "hidden.csv").write_text("not to be read\n")
    listed = {f.path.rsplit("/", 1)[1]: f for f in list_inbox(tmp_path)}
    assert set(listed) == {"pipe.csv", "dangling.csv", "loop-a.csv", "loop-b.csv", "folder-link"}  # not descended
    settings = Settings(tmp_path, tmp_path / "w.duckdb")
    reasons = {name: extract_file(settings, item) for name, item in listed.items()}
    assert all(o.status == "quarantined" for o in reasons.values())
    assert "FIFO" in reasons["pipe.csv"].reason
    assert "does not exist" in reasons["dangling.csv"].reason
    assert "cannot be opened" in reasons["loop-a.csv"].reason
    assert "folder" in reasons["folder-link"].reason
