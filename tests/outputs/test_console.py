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
