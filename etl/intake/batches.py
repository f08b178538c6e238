"""How the inbox's new files are split into extraction batches, one mapped Airflow task each.

A task costs about 3 s to start under a real scheduler while a report takes milliseconds to read and a contract
page a few: one task per file spends a day's run on start-up. So the files are cut into at most `slots`
batches (the executor's parallel task slots), each worth at least `MIN_BATCH_WORK` units so that a small inbox
is one or two tasks, and balanced by estimated work: a file counts 1 plus one per `BYTES_PER_UNIT` of its size
(contract pages and report rows both grow with bytes). Batches keep the inbox's order (contracts, then each
engagement's reports), so a batch's label names a short run of folders.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

BYTES_PER_UNIT = 64 * 1024
# about the work of one task start: ~300 small report files or ~60 contract pages (1: a batch per file)
MIN_BATCH_WORK = float(os.environ.get("OUTSOURCING_ETL_MIN_BATCH_WORK", "300"))


@dataclass(frozen=True)
class Batch:
    label: str  # "reports/eng-a .. reports/eng-c (42 files)": the mapped task's name in the Airflow UI
    items: list[dict]  # InboxFile fields, as discovery lists them

    def to_dict(self) -> dict:
        return {"label": self.label, "items": self.items}


def file_work(inbox: Path, item: dict) -> float:
    try:
        size = (inbox / item["path"]).lstat().st_size
    except OSError:
        size = 0
    return 1 + size / BYTES_PER_UNIT


def plan_batches(inbox: Path, items: list[dict], slots: int) -> list[Batch]:
    """Contiguous batches of similar estimated work: at most `slots`, none smaller than MIN_BATCH_WORK unless
    the whole inbox is, and never an empty one."""
    if not items:
        return []
    work = [file_work(inbox, item) for item in items]
    count = max(1, min(slots, len(items), math.ceil(sum(work) / MIN_BATCH_WORK)))
    target = sum(work) / count
    batches: list[list[dict]] = [[]]
    done = 0.0
    for item, w in zip(items, work, strict=True):
        # start a new batch once this one reaches its share, keeping enough files for the batches still to come
        if batches[-1] and done >= target * len(batches) and len(batches) < count:
            batches.append([])
        batches[-1].append(item)
        done += w
    return [Batch(_label(b), b) for b in batches]


def _label(items: list[dict]) -> str:
    first, last = (str(PurePosixPath(i["path"]).parent) for i in (items[0], items[-1]))
    folders = first if first == last else f"{first} .. {last}"
    return f"{folders} ({len(items)} file{'s' if len(items) != 1 else ''})"
