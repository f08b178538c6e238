"""Typed records that cross stage boundaries: extraction -> staging -> validation -> load."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

FileKind = Literal["contract", "report"]
FileStatus = Literal["extracted", "loaded", "quarantined", "unchanged"]


@dataclass(frozen=True)
class Provenance:
    """Where a value came from: the file, the page (1-based; 0 for non-paged files), and the text itself."""

    file_sha256: str
    page: int
    source_text: str
    char_offset: int = -1  # offset of source_text in the page text; -1 when located by cell, not text


@dataclass(frozen=True)
class ContractTerm:
    """One extracted contract value, kept as text so one long table holds every field with its provenance."""

    engagement_id: str
    field: str
    value: str
    confidence: float
    provenance: Provenance


@dataclass(frozen=True)
class SlaTerm:
    """One row of a contract's service-level schedule."""

    engagement_id: str
    metric_id: str
    metric_name: str
    unit: str
    direction: Literal["higher", "lower"]
    baseline: float | None
    expected: float
    minimum: float
    allocation_pct: float
    measurement_window: str
    confidence: float
    provenance: Provenance


@dataclass(frozen=True)
class Measurement:
    """One reported value as the vendor wrote it; metric ids and units are resolved against the contract later."""

    engagement_id: str
    metric_name: str
    period: str  # period key: YYYY-MM, YYYY-Qn or YYYY-Wnn (see quantities.parse_period)
    actual_text: str
    actual: float | None
    reported_met: bool | None
    location: str  # "row 4" / "sheet SLA Performance row 7" / "page 1 table 1 row 3"
    provenance: Provenance


@dataclass
class ExtractedFile:
    """What one file task produces: the file's identity, its outcome, and its records."""

    path: str  # relative to the inbox
    sha256: str
    kind: FileKind
    engagement_id: str
    status: FileStatus
    reason: str = ""
    pages: int = 0
    contract_terms: list[ContractTerm] = field(default_factory=list)
    sla_terms: list[SlaTerm] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> ExtractedFile:
        def prov(x: dict) -> Provenance:
            return Provenance(**x)

        return cls(
            **{k: v for k, v in d.items() if k not in ("contract_terms", "sla_terms", "measurements")},
            contract_terms=[ContractTerm(**{**t, "provenance": prov(t["provenance"])}) for t in d["contract_terms"]],
            sla_terms=[SlaTerm(**{**t, "provenance": prov(t["provenance"])}) for t in d["sla_terms"]],
            measurements=[Measurement(**{**t, "provenance": prov(t["provenance"])}) for t in d["measurements"]],
        )


class InputFileError(Exception):
    """A file that cannot be read as what it claims to be. The message is shown to people as the reason."""
