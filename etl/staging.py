"""What one task hands to the next: staged files, on this machine's disk or on object storage.

An extraction task writes one staged object per inbox file and the load task reads them, possibly on another
host. Objects are named by URL through fsspec: `OUTSOURCING_ETL_STAGING_URL` (`s3://bucket/prefix`, or any
fsspec URL) puts them on shared storage, so Celery workers or Kubernetes pods need share no disk; unset, they
sit in the staging folder beside the warehouse (a plain path, as before). S3 credentials and endpoint come from
the usual AWS settings (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ENDPOINT_URL` for MinIO and the like).

Untrusted content never names an object: names are hashes of path and content (etl/intake/file_task.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import fsspec

STAGING_URL_VARIABLE = "OUTSOURCING_ETL_STAGING_URL"


def staging_root(default: Path) -> str:
    """Where staged objects go: the configured URL (without a trailing slash), else the local `default`."""
    url = os.environ.get(STAGING_URL_VARIABLE, "").strip()
    return url.rstrip("/") if url else str(default)


def is_local(url: str) -> bool:
    return "://" not in url or url.startswith("file://")


def _fs(url: str):
    return fsspec.core.url_to_fs(url)


def write_text(url: str, text: str) -> None:
    """Write a whole object so that a reader never sees half of it: a local file through a rename; an object
    store's put is whole by itself."""
    if is_local(url):
        target = Path(url.removeprefix("file://"))
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text)
        tmp.replace(target)
        return
    fs, path = _fs(url)
    fs.pipe_file(path, text.encode())


@contextmanager
def open_text(url: str) -> Iterator:
    fs, path = _fs(url)
    with fs.open(path, "r") as fh:
        yield fh


@contextmanager
def local_copy(url: str) -> Iterator[Path]:
    """A path on this machine holding the object, for readers that need one (DuckDB's Parquet reader)."""
    if is_local(url):
        yield Path(url.removeprefix("file://"))
        return
    fs, path = _fs(url)
    with tempfile.TemporaryDirectory(prefix="oetl-staged-") as folder:
        local = Path(folder) / Path(path).name
        fs.get_file(path, str(local))
        yield local


@contextmanager
def local_target(url: str) -> Iterator[Path]:
    """A path on this machine to write the object at; it goes to `url` when the block ends without error."""
    if is_local(url):
        target = Path(url.removeprefix("file://"))
        target.parent.mkdir(parents=True, exist_ok=True)
        yield target
        return
    with tempfile.TemporaryDirectory(prefix="oetl-staging-") as folder:
        local = Path(folder) / url.rsplit("/", 1)[-1]
        yield local
        fs, path = _fs(url)
        fs.put_file(str(local), path)


def exists(url: str) -> bool:
    fs, path = _fs(url)
    fs.invalidate_cache(path)  # s3fs answers from listings it cached; another process may have written since
    return fs.exists(path)


def remove(url: str) -> bool:
    """Delete the object if it is there; returns whether it was."""
    if not exists(url):
        return False
    fs, path = _fs(url)
    fs.rm_file(path)
    return True


def names(root: str, suffix: str) -> set[str]:
    """The names of the objects directly under `root` that end with `suffix` (none when root does not exist)."""
    fs, path = _fs(root)
    fs.invalidate_cache(path)
    try:
        return {p.rsplit("/", 1)[-1] for p in fs.ls(path, detail=False) if p.endswith(suffix)}
    except FileNotFoundError:
        return set()
