"""A quiet run: what components print (even a subprocess) goes to the log file, the stage lines to the terminal."""

import subprocess
import sys

from etl.outputs.console import Console


def test_component_output_goes_to_the_log_and_stage_lines_to_the_terminal(tmp_path, capfd):
    log = tmp_path / "run.log"
    with Console(log) as console:
        print("airflow: task started")
        print("gx: validating", file=sys.stderr)
        subprocess.run([sys.executable, "-c", "print('dbt: 138 passed')"], check=True)
        console.say("contracts  6 files: 6 loaded")
    shown = capfd.readouterr().out
    assert shown == "contracts  6 files: 6 loaded\n"
    assert log.read_text().splitlines() == ["airflow: task started", "gx: validating", "dbt: 138 passed"]
    print("after")  # the terminal is back
    assert capfd.readouterr().out == "after\n"


def test_verbose_redirects_nothing(capfd):
    with Console(None) as console:
        print("airflow: task started")
        console.say("contracts")
    assert capfd.readouterr().out == "airflow: task started\ncontracts\n"


def test_the_extraction_bar_counts_each_staged_file_once_and_stays_off_outside_a_terminal(tmp_path):
    import io

    from etl.outputs.console import ExtractionProgress

    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "left-over.json").write_text("{}")  # from a run that crashed: not this run's progress
    shown = io.StringIO()
    with ExtractionProgress(str(staging), total=4, terminal=shown, enabled=True, interval=60) as progress:
        for name in ("a", "b", "c"):
            (staging / f"{name}.json").write_text("{}")
        (staging / "c.tickets.parquet").write_bytes(b"")  # a ticket export's rows beside its outcome
        assert progress.poll() == 3
        (staging / "a.json").unlink()  # the load consumed it: still done
        assert progress.poll() == 3
    assert "extracting" in shown.getvalue() and "3/4" in shown.getvalue()
    quiet = io.StringIO()  # not a terminal: nothing drawn
    with ExtractionProgress(str(staging), total=4, terminal=quiet) as progress:
        assert not progress.enabled
    assert quiet.getvalue() == ""
