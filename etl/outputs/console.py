"""What `outsourcing-etl run` shows in a terminal: one line per stage, the KPI summary once; every component's
log (Airflow, Great Expectations, dbt) goes to a file instead, `--verbose` keeps it on screen.

The redirection is of the process's file descriptors 1 and 2, so it also catches what subprocesses (dbt) and
C libraries write; the lines meant for the person go to a duplicate of the terminal taken before it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from etl import staging


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

    @property
    def terminal(self):
        """The person's terminal, whatever the process's own output is redirected to."""
        return self._terminal


class ExtractionProgress:
    """A progress bar of the files extracted so far (tqdm), drawn on the terminal while a run extracts.

    Extraction runs in Airflow tasks and their child processes, so the bar watches what they leave: one staged
    outcome per file, in the staging folder or on object storage (consumed by the load, so a file is counted once
    when first seen). Drawn only on an interactive terminal; in logs and CI nothing is printed.
    """

    def __init__(self, staging_url: str, total: int, terminal, enabled: bool | None = None, interval: float = 0.25):
        self.staging_url, self.total, self.terminal, self.interval = staging_url, total, terminal, interval
        self.enabled = (terminal.isatty() and total > 0) if enabled is None else enabled
        # outcomes a crashed earlier run left behind are not this run's progress
        self._before = staging.names(staging_url, ".json")
        self.seen: set[str] = set()
        self._stop = None
        self._thread = None
        self._bar = None

    def poll(self) -> int:
        """Count staged outcomes not seen before; returns how many files are done."""
        self.seen |= staging.names(self.staging_url, ".json") - self._before
        if self._bar is not None:
            self._bar.update(min(len(self.seen), self.total) - self._bar.n)
        return len(self.seen)

    def __enter__(self) -> ExtractionProgress:
        if not self.enabled:
            return self
        import threading

        from tqdm import tqdm

        # redrawn at each poll (every `interval` seconds), not on tqdm's own clock
        self._bar = tqdm(
            total=self.total, desc="extracting", unit="file", file=self.terminal, leave=False, mininterval=0
        )
        self._stop = threading.Event()

        def watch():
            while not self._stop.wait(self.interval):
                self.poll()

        self._thread = threading.Thread(target=watch, daemon=True)
        self._thread.start()
        return self

    def pause(self) -> None:
        """Clear the bar so a line can be printed in its place; the next poll draws it again."""
        if self._bar is not None:
            self._bar.clear()

    def __exit__(self, *exc) -> None:
        if self._stop is not None:
            self._stop.set()
            self._thread.join()
        if self._bar is not None:
            self.poll()
            self._bar.close()
