"""Extract a batch of inbox files in a child process, so that no single file can take the batch down with it.

Some files stop a process outright, where no exception handler runs: pdfium aborts (SIGABRT) on a PDF whose
streams inflate past its limits, a decompression bomb exhausts memory, a pathological page keeps OCR busy for
hours. The batch runs in one forked child (cheap: the parent's imports are shared), with an address-space
limit, and tells the parent which file it starts and which it has staged. If the child dies, or a file runs
past its time budget, the parent quarantines that one file with the reason and starts a new child for the
rest. One fork per batch in the normal case; one more per file that kills its reader.

`os.fork` rather than multiprocessing: Celery's worker processes are daemonic, and multiprocessing refuses to
start children from a daemonic process.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import resource
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from etl.intake import file_task
from etl.intake.file_task import FILE_MEMORY_MB
from etl.intake.inbox import InboxFile, file_sha256
from etl.settings import Settings, inside_inbox

log = logging.getLogger(__name__)

# wall-clock budget of one file; OCR of the maximum 150 pages fits well inside it
FILE_SECONDS = int(os.environ.get("OUTSOURCING_ETL_FILE_SECONDS", "600"))


T = TypeVar("T")


class BoundedRunError(RuntimeError):
    """A bounded reader stopped: the child died, ran past its time budget, or raised; the message says which."""


def _fork_with_pipe() -> tuple[int, int, int]:
    """Fork with a pipe from child to parent; each side keeps only its own end (the other is closed, -1)."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        return pid, -1, write_end
    os.close(write_end)
    return pid, read_end, -1


def run_bounded(fn: Callable[..., T], *args) -> T:
    """fn(*args) in a forked child under one file's budgets (FILE_MEMORY_MB of address space, FILE_SECONDS), for
    the commands that read one untrusted file outside a pipeline run (`review`). Its result comes back pickled:
    the child runs this process's own code, so its pickle is no less trusted than the process. Raises
    BoundedRunError with the reason in words."""
    pid, read_end, write_end = _fork_with_pipe()
    if pid == 0:  # child: never returns
        try:
            _limit_memory()
            payload = pickle.dumps((True, fn(*args)))
        except MemoryError:
            payload = pickle.dumps((False, f"reading it needed more than the {FILE_MEMORY_MB} MB a file may use"))
        except BaseException as exc:  # noqa: BLE001 - reported by the parent in words
            payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    chunks: list[bytes] = []
    deadline = time.monotonic() + FILE_SECONDS
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while chunk := _read_before(pipe, deadline, pid):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        raise BoundedRunError(_death_reason(status))
    ok, value = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child's result, see the docstring
    if not ok:
        raise BoundedRunError(value)
    return value


def _read_before(pipe, deadline: float, pid: int) -> bytes:
    """The child's next output, or the child killed and BoundedRunError once the deadline passes."""
    ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise BoundedRunError(f"reading it took longer than {FILE_SECONDS} s, the budget of one file")
    return pipe.read(1 << 20)


def stage_batch(settings: Settings, items: list[InboxFile]) -> list[str]:
    """Stage every file of the batch (file_task.stage_file) and return the staged paths, one per file."""
    staged: list[str] = []
    pending = list(items)
    while pending:
        done, culprit, reason = _run_child(settings, pending)
        staged += done
        if culprit is None:
            break
        staged.append(_quarantine(settings, pending[len(done)], reason))
        pending = pending[len(done) + 1 :]
    return staged


def _run_child(settings: Settings, items: list[InboxFile]) -> tuple[list[str], int | None, str]:
    """Stage items in order in one child; returns the staged paths and, if the child stopped early, the index
    of the file it was reading and why."""
    pid, read_end, write_end = _fork_with_pipe()
    if pid == 0:  # child: never returns
        _child(settings, items, write_end)
    done: list[str] = []
    buffer = b""
    started = time.monotonic()
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            try:
                chunk = _read_before(pipe, started + FILE_SECONDS, pid)
            except BoundedRunError as e:  # the file being read ran past its budget
                return done, len(done), str(e)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                done.append(json.loads(line))
                started = time.monotonic()  # the next file's budget starts now
    _, status = os.waitpid(pid, 0)
    if len(done) == len(items):
        return done, None, ""
    return done, len(done), _death_reason(status)


def _child(settings: Settings, items: list[InboxFile], write_end: int) -> None:
    code = 0
    try:
        for item in items:
            _limit_memory()
            path = file_task.stage_file(settings, item)
            os.write(write_end, (json.dumps(path) + "\n").encode())
    except BaseException:  # noqa: BLE001 - anything here is reported by the parent as this file's reason
        log.exception("extraction process stopped")
        code = 70
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # no atexit handlers or parent buffers run twice


def _limit_memory() -> None:
    """Let the next file grow the process's address space by FILE_MEMORY_MB at most, over what the process holds
    now (its imports, and what earlier files left): a budget per file, whatever the parent's size. Raising the soft
    limit again for each file is allowed up to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + FILE_MEMORY_MB * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """Bytes of address space this process holds (Linux: /proc/self/statm's first field, in pages)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _death_reason(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status)).name
        cause = {
            "SIGABRT": "the PDF library aborted (for example on streams that inflate past its limits)",
            "SIGKILL": f"it was killed, usually for needing more than the {FILE_MEMORY_MB} MB a file may use",
            "SIGSEGV": "a reader crashed on it",
        }.get(sig, "it stopped the reader")
        return f"reading it stopped the extraction process ({sig}: {cause}); the file is not loaded"
    return f"reading it stopped the extraction process (exit status {status}); the file is not loaded"


def _quarantine(settings: Settings, item: InboxFile, reason: str) -> str:
    source = settings.inbox / item.path
    try:
        sha = file_sha256(source) if inside_inbox(settings.inbox, item.path) else ""
    except OSError:
        sha = ""
    log.warning("%s: %s", item.path, reason)
    return file_task.write_staged(settings, file_task.quarantined(item, sha, reason))
