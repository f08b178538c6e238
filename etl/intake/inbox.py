"""The inbox: where input files arrive, what kind each is, and which engagement it belongs to.

Layout (relative to the inbox root):
    contracts/<engagement_id>.pdf               one contract per engagement
    contracts/<engagement_id>.yml               terms and service levels entered by hand (optional)
    reports/<engagement_id>/<anything>.<ext>    that engagement's vendor reports (csv, xlsx, pdf)
    tickets/<engagement_id>/<anything>.<ext>    the vendor's ticket exports behind them (csv, zip, xlsx)
Anything else in the inbox is ignored (for example samples/generate.py).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPORT_SUFFIXES = {".csv", ".xlsx", ".pdf", ".json"}
# files operating systems, version control and office suites leave behind; every other file gets a registry row
_JUNK_NAMES = {".DS_Store", ".gitkeep", ".gitignore", "Thumbs.db", "desktop.ini"}


def _is_junk(name: str) -> bool:
    return name in _JUNK_NAMES or name.startswith(("._", "~$"))


@dataclass(frozen=True)
class InboxFile:
    path: str  # relative to the inbox, POSIX separators
    kind: str  # contract | report | tickets
    engagement_id: str
    registered_sha256: str | None = None  # what the warehouse last loaded from this path, looked up once per run
    # a report's engagement's service levels as loaded from its contract: what the reader looks for in its tables
    schedule_names: tuple[str, ...] = ()
    # a ticket export's engagement's service window as its contract states it ('mon-fri 08:00-18:00'), or ""
    coverage_hours: str = ""
    # a report's or ticket export's context: a digest of its engagement's mapping file and contract files
    context_sha256: str = ""


# an engagement id is a key in every mart and a folder name users type: plain ASCII, so a look-alike letter
# (Cyrillic "о" for "o"), a line break or a formula can never become a second engagement beside the real one
ENGAGEMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


# what each inbox DAG reads: ticket exports arrive with the vendor's reports and are read in the same run
KINDS_READ_WITH = {"contract": {"contract"}, "report": {"report", "tickets"}}


def of_kind(file: InboxFile, kind: str | None) -> bool:
    """Whether a DAG reading `kind` (None: everything) reads this file."""
    return kind is None or file.kind in KINDS_READ_WITH.get(kind, {kind})


def engagement_id_problem(engagement_id: str) -> str | None:
    """Why a folder or file name cannot be an engagement id, with the fix; None when it can."""
    if ENGAGEMENT_ID.fullmatch(engagement_id):
        return None
    shown = unicodedata.normalize("NFKC", engagement_id)
    hint = ""
    if shown != engagement_id or any(ord(c) > 127 for c in engagement_id):
        hint = " (it holds characters outside plain ASCII, which can look like others)"
    return (
        f"{engagement_id[:80]!r} cannot be an engagement id{hint}: use 1-64 ASCII letters, digits, '.', '_' or "
        "'-', starting with a letter or digit, and rename the file or its engagement folder"
    )


def file_stamp(stat: os.stat_result) -> tuple[int, int]:
    """A file's size and modification time in microseconds: what the registry keeps to tell, without hashing,
    that a file is as it was when it was hashed (the quick check of rsync and git's index)."""
    return stat.st_size, stat.st_mtime_ns // 1000


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def list_inbox(root: Path) -> list[InboxFile]:
    """Every input file under root in a stable order. Unknown suffixes under reports/ are listed too, so they
    get a registry row and a reason rather than vanishing; so are links (to folders, dangling, in loops), FIFOs
    and other entries that are not regular files, which extraction quarantines without opening them. Links to
    folders are never descended into."""
    files: list[InboxFile] = []
    contracts = root / "contracts"
    if contracts.is_dir():
        for entry in sorted(os.scandir(contracts), key=lambda e: e.name):
            if not _is_junk(entry.name) and not entry.is_dir(follow_symlinks=False):
                files.append(InboxFile(f"contracts/{entry.name}", "contract", Path(entry.name).stem))
    for folder_name, kind in (("reports", "report"), ("tickets", "tickets")):
        top = root / folder_name
        found: list[Path] = []
        if top.is_dir():
            for folder, dirs, names in os.walk(top, followlinks=False):
                linked = [d for d in dirs if (Path(folder) / d).is_symlink()]  # listed, not descended into
                found += [Path(folder) / n for n in names + linked if not _is_junk(n)]
        for p in sorted(found):
            rel = p.relative_to(top)
            engagement = rel.parts[0] if len(rel.parts) > 1 else ""
            files.append(InboxFile(p.relative_to(root).as_posix(), kind, engagement))
    return files


def entry_problem(root: Path, path: str) -> str | None:
    """Why an inbox entry is not read, without opening it (a FIFO would block the reader): a link that points
    nowhere or into a loop, or anything that is not a regular file. None for a file (or a link to one)."""
    source = root / path
    try:
        mode = os.stat(source).st_mode
    except FileNotFoundError:
        return f"the link points to {os.readlink(source)!r}, which does not exist; only files are read"
    except OSError as exc:  # a link loop (ELOOP), a name too long, no permission
        return f"it cannot be opened ({exc.strerror or type(exc).__name__}); only files are read"
    if stat.S_ISREG(mode):
        return None
    kind = "a folder (through a link)" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "not a file"
    return f"it is {kind}, not a regular file; only files are read (put the files themselves in the inbox)"
