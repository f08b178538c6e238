"""Typed records that cross stage boundaries: extraction -> staging -> validation -> load."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Literal

from etl.settings import DBT_PROJECT_DIR, DBT_VARS

FileKind = Literal["contract", "report", "tickets"]
FileStatus = Literal["extracted", "loaded", "quarantined", "unchanged"]
# where a value came from: read from the document, or entered by a person in contracts/<engagement>.yml
Origin = Literal["extracted", "entered by hand"]
# A metric id is what users type into mapping files and read in dim_sla_metric: the name's words, and for a long
# name (a standard written as a sentence) its first content words and a short digest of the whole, so two long
# names that begin alike keep apart. Short names keep the ids they always had.
METRIC_ID_CHARS = 40
_ID_FILLER = frozenset(
    "a an the of to for and or in on at by be is are was were shall will must should may per each all any with "
    "within from that which as its their this these such than after before has have been being it".split()
)


def _slug(name: str) -> str:
    return "_".join(re.findall(r"[a-z0-9]+", name.lower()))


def metric_id(name: str) -> str:
    """'System availability' -> 'system_availability'; 'Replacement laptops shall be imaged and handed to the
    requester within 3 business days of approval.' -> 'replacement_laptops_imaged_handed_b107' (first content
    words and a digest)."""
    full = _slug(name)
    if len(full) <= METRIC_ID_CHARS:
        return full
    kept: list[str] = []
    for word in (w for w in full.split("_") if w not in _ID_FILLER):
        if len("_".join([*kept, word])) > METRIC_ID_CHARS - 5:
            break
        kept.append(word)
    return "_".join([*kept, hashlib.sha1(full.encode()).hexdigest()[:4]])


def legacy_metric_ids(name: str) -> set[str]:
    """The ids a long name had before 2026-12 (its whole slug, or its first 80 characters): mapping files written
    then still name the metric (README: deprecated)."""
    full = _slug(name)
    return {full, full[:80]}


# contracts/<engagement>.yml: terms and service levels entered by hand (etl/contracts/corrections.py)
CORRECTION_SUFFIXES = (".yml", ".yaml")


def is_corrections(path: str) -> bool:
    """Whether an inbox path under contracts/ is a corrections file rather than a contract document."""
    return path.lower().endswith(CORRECTION_SUFFIXES)


# The contract terms, defined once in warehouse/dbt_project.yml (var contract_fields, with what each means): the
# extractor, the hand corrections, validation and dbt's pivot in stg_contracts all read that list.
CONTRACT_FIELD_SPEC: tuple[dict, ...] = tuple(DBT_VARS["contract_fields"])
CONTRACT_FIELDS = [f["field"] for f in CONTRACT_FIELD_SPEC]
NUMERIC_CONTRACT_FIELDS = [f["field"] for f in CONTRACT_FIELD_SPEC if f["type"] == "number"]
# the fields a corrections file (contracts/<engagement>.yml) may set
HAND_ENTRY_FIELDS = [f["field"] for f in CONTRACT_FIELD_SPEC if f["hand_entry"]]


@dataclass(frozen=True, slots=True)
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
    extraction_rule: str = ""  # the named rule that read it (etl/contracts/term_rules.py); "" when entered by hand


def _credit_models() -> tuple[str, ...]:
    with (DBT_PROJECT_DIR / "seeds" / "credit_models.csv").open() as f:
        return tuple(r["credit_model"] for r in csv.DictReader(f))


# How a missed service level costs the vendor (../shared/DOMAIN.md), defined once in the credit_models seed:
# corrections, validation and the review template read it here, dbt's tests and credit models there.
CREDIT_MODELS = _credit_models()


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
    # "95% of calls within 20 seconds": target 95 (expected), threshold 20 seconds
    threshold: float | None = None
    threshold_unit: str | None = None
    allowed_deviation_pct: float | None = None  # a performance work statement's AQL ("1% deviation")
    severity: str | None = None  # "Severity 1", "Priority 2" where the level is one of a matrix
    rule: str = "schedule table"  # the extraction rule that read it, counted by eval-sla
    # how missing it costs the vendor (see CREDIT_MODELS); None: the at-risk pool with allocation_pct
    credit_model: str | None = None
    credit_pct: float | None = None  # flat % of the month's charges per failure
    credit_amount: float | None = None  # an amount per failure, in the contract's currency
    credit_tiers: str | None = None  # "99.8:2;98:3": worse than 99.8 earns 2% of the month's charges, than 98 3%
    # "three times in any six consecutive months": a miss earns the credit only as the 3rd in 6 months or later
    credit_trigger_count: int | None = None
    credit_trigger_months: int | None = None
    # "2% for each 0.1% (or part thereof) by which it falls below": credit_pct per step of credit_step, in the
    # level's unit, short of the minimum; a part step earns a whole one only where the contract says so
    credit_step: float | None = None
    credit_part_step_counts: bool | None = None


@dataclass(frozen=True, slots=True)
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
    reported_target_text: str = ""  # the target the report states beside the value: evidence, not the contract


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
    origin: Origin = "extracted"
    # rows of a readable file that cannot be used, each {"location", "check", "message"}: quarantined, the rest loads
    problems: list[dict] = field(default_factory=list)
    # a ticket export's rows, staged as Parquet beside this record (too many for JSON), and how many events
    staged_tickets: str = ""
    ticket_events: int = 0
    # a report's or ticket export's context when it was read (etl/orchestration/pipeline.py `_context`)
    context_sha256: str = ""
    # the file's size and modification time (microseconds, exact in any engine's float) when it was hashed: a
    # later discovery that finds both as they were takes the registered sha256 without reading the file again
    # (the quick check of rsync and git's index)
    file_size: int | None = None
    file_mtime_us: int | None = None
    # the staged file that holds this report's measurements when they were left there (a million rows read at
    # once would outweigh the batch built from them): the load reads them one file at a time
    rows_staged_at: str = ""

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
            measurements=measurements_from_dicts(d["measurements"]),
        )


def measurements_from_dicts(rows: list[dict]) -> list[Measurement]:
    """Measurements from their JSON form. JSON gives each row its own copy of text that repeats down a report
    (its engagement, file hash, metric names, periods, values): one shared string each keeps a large run's records
    a fraction of the size."""
    shared: dict[str, str] = {}
    repeated = ("engagement_id", "metric_name", "period", "actual_text", "reported_target_text")

    def one(t: dict) -> Measurement:
        text = {k: shared.setdefault(t[k], t[k]) for k in repeated if k in t}
        sha = t["provenance"]["file_sha256"]
        provenance = Provenance(**{**t["provenance"], "file_sha256": shared.setdefault(sha, sha)})
        return Measurement(**{**t, **text, "provenance": provenance})

    return [one(t) for t in rows]


class InputFileError(Exception):
    """A file that cannot be read as what it claims to be. The message is shown to people as the reason."""


@dataclass(frozen=True)
class Requirement:
    """A contract term some figure needs (the dbt seed contract_requirements, defined once)."""

    field: str
    needed_for: str
    why_it_matters: str
    yaml_example: str


@cache
def contract_requirements() -> dict[str, Requirement]:
    with (DBT_PROJECT_DIR / "seeds" / "contract_requirements.csv").open() as f:
        return {r["field"]: Requirement(**r) for r in csv.DictReader(f)}


# values below it wait for a person (contract_terms_for_review) instead of becoming facts
REVIEW_THRESHOLD = DBT_VARS["review_confidence_threshold"]


def missing_requirements(terms: list[ContractTerm], has_schedule: bool) -> list[Requirement]:
    """The required terms not stated at or above the review threshold (and the schedule, when there is none),
    in the seed's order."""
    fields = {t.field for t in terms if t.confidence >= REVIEW_THRESHOLD}
    return [
        r
        for name, r in contract_requirements().items()
        if (name == "sla_schedule" and not has_schedule) or (name != "sla_schedule" and name not in fields)
    ]
