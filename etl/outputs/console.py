"""What `outsourcing-etl run` shows in a terminal: one line per stage, the KPI summary once; every component's
log (Airflow, Great Expectations, dbt) goes to a file instead, `--verbose` keeps it on screen.

The redirection is of the process's file descriptors 1 and 2, so it also catches what subprocesses (dbt) and
C libraries write; the lines meant for the person go to a duplicate of the terminal taken before it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class Console:
    def __init__(self, log_path: Path | None):
        self.log_path = log_path  # None: verbose, nothing is redirected
        self._saved: tuple[int, int] | None = None
        self._streams = (sys.stdout, sys.stderr)
        self._terminal = sys.stdout

    def __enter__(self) -> Console:
        if self.log_path is None:
            return self
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        sys.stdout.flush()
        sys.stderr.flush()
        self._saved = (os.dup(1), os.dup(2))
        self._terminal = os.fdopen(os.dup(self._saved[0]), "w", buffering=1, encoding="utf-8")
        log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        # Python-level streams too, where something (a test harness, say) has replaced them
        self._streams = (sys.stdout, sys.stderr)
        sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        return self

    def __exit__(self, *exc) -> None:
        if self._saved is None:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = self._streams
        os.dup2(self._saved[0], 1)
        os.dup2(self._saved[1], 2)
        for fd in self._saved:
            os.close(fd)
        self._terminal.close()
        self._saved = None
        self._terminal = sys.stdout

    def say(self, text: str) -> None:
        print(text, file=self._terminal, flush=True)
