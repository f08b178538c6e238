"""Where the pipeline reads and writes. Every path can be set by environment variable; defaults suit `make demo`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "warehouse"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path          # DuckDB file

    @property
    def data_dir(self) -> Path:
        return self.warehouse.parent

    @property
    def staging_dir(self) -> Path:
        """Per-file extraction results, keyed by content hash, waiting for the single load task."""
        return self.data_dir / f"{self.warehouse.stem}_staging"

    @property
    def data_docs_dir(self) -> Path:
        return self.data_dir / f"{self.warehouse.stem}_gx"

    @classmethod
    def resolve(cls, inbox: str | None = None, warehouse: str | None = None) -> "Settings":
        inbox = inbox or os.environ.get("OUTSOURCING_ETL_INBOX") or str(PROJECT_ROOT / "samples")
        warehouse = warehouse or os.environ.get("OUTSOURCING_ETL_WAREHOUSE") or str(PROJECT_ROOT / "data" / "outsourcing.duckdb")
        return cls(Path(inbox).resolve(), Path(warehouse).resolve())
