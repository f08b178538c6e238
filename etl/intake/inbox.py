"""The inbox: where input files arrive, what kind each is, and which engagement it belongs to.

Layout (relative to the inbox root):
    contracts/<engagement_id>.pdf               one contract per engagement
    contracts/<engagement_id>.yml               terms and service levels entered by hand (optional)
    reports/<engagement_id>/<anything>.<ext>    that engagement's vendor reports (csv, xlsx, pdf)
Anything else in the inbox is ignored (for example samples/generate.py).
"""

from __future__ import annotations

import hashlib
import re
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
    kind: str  # contract | report
    engagement_id: str
    registered_sha256: str | None = None  # what the warehouse last loaded from this path, looked up once per run
    # a report's engagement's service levels as loaded from its contract: what the reader looks for in its tables
    schedule_names: tuple[str, ...] = ()


# an engagement id is a key in every mart and a folder name users type: plain ASCII, so a look-alike letter
# (Cyrillic "о" for "o"), a line break or a formula can never become a second engagement beside the real one
ENGAGEMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


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


def inside_inbox(root: Path, path: str) -> bool:
    """Whether `path` (relative to root) resolves inside the inbox: a link out of it is never read."""
    return (root / path).resolve().is_relative_to(root.resolve())


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def list_inbox(root: Path) -> list[InboxFile]:
    """Every input file under root in a stable order. Unknown suffixes under reports/ are listed too, so they
    get a registry row and a reason rather than vanishing."""
    files: list[InboxFile] = []
    for p in sorted((root / "contracts").glob("*")) if (root / "contracts").is_dir() else []:
        if p.is_file() and not _is_junk(p.name):
            files.append(InboxFile(p.relative_to(root).as_posix(), "contract", p.stem))
    reports = root / "reports"
    for p in sorted(reports.rglob("*")) if reports.is_dir() else []:
        if p.is_file() and not _is_junk(p.name):
            rel = p.relative_to(reports)
            engagement = rel.parts[0] if len(rel.parts) > 1 else ""
            files.append(InboxFile(p.relative_to(root).as_posix(), "report", engagement))
    return files
