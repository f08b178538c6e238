"""Where the pipeline reads and writes. Every location can be set by environment variable; defaults suit `make demo`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from etl.staging import staging_root

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "warehouse"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
# metrics, units and thresholds defined once in dbt_project.yml, read here by the pipeline
DBT_VARS = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text())["vars"]


def inside_inbox(root: Path, path: str | Path) -> bool:
    """Whether `path` (relative to root, or absolute) resolves inside the inbox: a link out of it is never read,
    and nothing is written through one."""
    return (root / path).resolve().is_relative_to(root.resolve())


def is_postgres(target: str) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def masked(warehouse: str) -> str:
    """A warehouse as it may be shown or logged: a PostgreSQL URL's password replaced by ***."""
    u = urlparse(warehouse)
    if not u.password:
        return warehouse
    return u._replace(netloc=u.netloc.replace(f":{u.password}@", ":***@", 1)).geturl()


def postgres_params(url: str) -> dict:
    u = urlparse(url)
    return {
        "host": u.hostname or "127.0.0.1",
        "port": u.port or 5432,
        "user": unquote(u.username or "postgres"),
        "password": unquote(u.password or ""),
        "dbname": (u.path or "/postgres").lstrip("/") or "postgres",
    }


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: str  # a DuckDB file path, or a postgresql:// URL

    def __post_init__(self):
        object.__setattr__(self, "inbox", Path(self.inbox))
        object.__setattr__(self, "warehouse", str(self.warehouse))

    @property
    def is_postgres(self) -> bool:
        return is_postgres(self.warehouse)

    @property
    def name(self) -> str:
        return postgres_params(self.warehouse)["dbname"] if self.is_postgres else Path(self.warehouse).stem

    @property
    def data_dir(self) -> Path:
        """Working files (staging, GX Data Docs, dbt artifacts): beside a DuckDB file, else under data/."""
        if self.is_postgres:
            return Path(os.environ.get("OUTSOURCING_ETL_DATA_DIR") or PROJECT_ROOT / "data")
        return Path(self.warehouse).parent

    @property
    def staging_dir(self) -> Path:
        """Per-file extraction results, keyed by content hash, waiting for the single load task."""
        return self.data_dir / f"{self.name}_staging"

    @property
    def staging_url(self) -> str:
        """Where staged files go: OUTSOURCING_ETL_STAGING_URL (object storage, etl/staging.py), else staging_dir."""
        return staging_root(self.staging_dir)

    @property
    def report_path(self) -> Path:
        """The HTML KPI report the DAG writes after each run."""
        return self.data_dir / f"{self.name}_report.html"

    @property
    def data_docs_dir(self) -> Path:
        return self.data_dir / f"{self.name}_gx"

    @classmethod
    def resolve(cls, inbox: str | None = None, warehouse: str | None = None) -> Settings:
        inbox = inbox or os.environ.get("OUTSOURCING_ETL_INBOX") or str(PROJECT_ROOT / "samples")
        warehouse = (
            warehouse
            or os.environ.get("OUTSOURCING_ETL_WAREHOUSE")
            or os.environ.get("WAREHOUSE_URL")
            or str(PROJECT_ROOT / "data" / "outsourcing.duckdb")
        )
        if not is_postgres(warehouse):
            warehouse = str(Path(warehouse).resolve())
        return cls(Path(inbox).resolve(), warehouse)
