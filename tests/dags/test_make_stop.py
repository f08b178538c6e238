"""#33: `make airflow` then `make stop` leaves no process of what it started, and touches nothing else.

`make stop` used to match processes by name: it missed Airflow started by a relative path and the workers that
rename themselves, and its advice listed other users' Airflow. Now `make airflow` starts `airflow standalone` in a
process group of its own and records it; `make stop` ends exactly that group and checks it is gone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.airflow_services

GROUP_FILE = ROOT / ".airflow" / "standalone.pgid"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _members(group: int) -> list[int]:
    out = subprocess.run(["pgrep", "-s", str(group)], capture_output=True, text=True).stdout
    out += subprocess.run(["pgrep", "-g", str(group)], capture_output=True, text=True).stdout
    return sorted({int(p) for p in out.split()})


def test_make_stop_ends_every_process_make_airflow_started_and_nothing_else(tmp_path):
    GROUP_FILE.unlink(missing_ok=True)
    # a process that looks like Airflow by name but is not ours: a name-matching stop would kill it
    decoy = subprocess.Popen(["bash", "-c", 'exec -a "airflow standalone (someone else)" sleep 600'])
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    started = subprocess.Popen(
        ["make", "--no-print-directory", "airflow", f"AIRFLOW_PORT={_free_port()}"],
        cwd=ROOT,
        env=env,
        stdout=open(tmp_path / "airflow.log", "w"),  # noqa: SIM115 - closed with the process
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so the test can end make itself whatever happens
    )
    try:
        deadline = time.monotonic() + 240
        group, members = None, []
        while time.monotonic() < deadline:
            if GROUP_FILE.exists() and GROUP_FILE.read_text().strip():
                group = int(GROUP_FILE.read_text())
                members = _members(group)
                if len(members) >= 4:  # the standalone supervisor and its components have started
                    break
            assert started.poll() is None, (tmp_path / "airflow.log").read_text()[-3000:]
            time.sleep(1)
        assert group and len(members) >= 4, (group, members, (tmp_path / "airflow.log").read_text()[-3000:])

        stop = subprocess.run(["make", "--no-print-directory", "stop"], cwd=ROOT, capture_output=True, text=True)
        assert stop.returncode == 0, stop.stdout + stop.stderr
        assert "Airflow stopped" in stop.stdout
        assert _members(group) == []
        assert not GROUP_FILE.exists()
        assert decoy.poll() is None, "make stop killed a process that was not its own"
        started.wait(timeout=30)
    finally:
        decoy.kill()
        if started.poll() is None:
            os.killpg(started.pid, signal.SIGKILL)
        if GROUP_FILE.exists():
            subprocess.run(["make", "--no-print-directory", "stop"], cwd=ROOT, capture_output=True)
