"""Match the metric names vendors write in reports to the metrics the contract's SLA schedule defines.

Order: a per-engagement mapping file, then exact match on normalised names, then token similarity (with
rapidfuzz for the character-level part) with common SLA abbreviations expanded. Each match records its method and score; names below the threshold stay
unmatched and are quarantined by validation with a message saying which mapping file to edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from etl.records import legacy_metric_ids

MATCH_THRESHOLD = 0.6

ABBREVIATIONS = {
    "p1": "priority 1",
    "p2": "priority 2",
    "sev1": "critical",
    "sev 1": "critical",
    "fcr": "first call resolution",
    "aht": "average handle time",
    "csat": "customer satisfaction",
    "qa": "quality",
    "sla": "service level",
    "asa": "average speed of answer",
    "avail": "availability",
    "fix": "resolution",
    "closed": "resolution",
    "tat": "turnaround",
    "otd": "on time delivery",
    "%": " ",
    "pct": " ",
}
STOPWORDS = {"the", "of", "in", "within", "on", "and", "a", "rate", "score", "minutes", "hours", "days"}
_ABBREVIATION_PATTERNS = [
    (re.compile(r"(?<![a-z0-9])" + re.escape(short) + r"(?![a-z0-9])"), full) for short, full in ABBREVIATIONS.items()
]


@dataclass(frozen=True)
class MetricMatch:
    metric_id: str | None
    method: str  # mapping_file | exact | similarity | ambiguous | unmatched
    score: float
    candidates: tuple[str, ...] = ()  # for an ambiguous name: the schedule's metric ids it matches equally


@lru_cache(maxsize=4096)  # a report repeats a handful of names on every row
def _normal(name: str) -> str:
    low = name.lower().replace("-", " ")
    low = re.sub(r"\(.*?\)", lambda m: " " + m.group(0)[1:-1] + " ", low)
    for pattern, full in _ABBREVIATION_PATTERNS:
        low = pattern.sub(full, low)
    return " ".join(re.findall(r"[a-z0-9]+", low))


def _tokens(name: str) -> set[str]:
    # crude stemming: plural and participle endings, so "Escaped defects" meets "Defect Escape Rate"
    out = set()
    for t in _normal(name).split():
        if t in STOPWORDS:
            continue
        for suffix in ("ment", "ing", "ed", "es", "s", "e"):
            if t.endswith(suffix) and len(t) - len(suffix) >= 4:
                t = t[: -len(suffix)]
                break
        out.add(t)
    return out


def _similarity(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    overlap = len(ta & tb) / min(len(ta), len(tb))
    dice = 2 * len(ta & tb) / (len(ta) + len(tb))
    chars = fuzz.ratio(_normal(a), _normal(b)) / 100
    return round(0.5 * overlap + 0.3 * dice + 0.2 * chars, 3)


MAX_MAPPING_BYTES = 1024 * 1024


class MappingFileError(ValueError):
    """A mapping file that cannot be used, with the reason a person can act on."""


def read_mapping_yaml(path: Path) -> dict:
    """A mapping file's YAML as a dict. Raises MappingFileError (never anything else) for a file that is a link,
    too large, not readable YAML or not a mapping at its top."""
    import yaml

    from etl import hand_yaml

    if path.is_symlink():
        raise MappingFileError(f"{path.name} is a link; mapping files are read only from the inbox itself")
    if path.parent.is_symlink():  # the folder linked elsewhere would read files the sender does not own
        raise MappingFileError(
            f"{path.name} is in a {path.parent.name} folder that is a link; mapping files are read only from the "
            f"inbox itself (make {path.parent.name}/ a real folder and put the file in it)"
        )
    if path.stat().st_size > MAX_MAPPING_BYTES:
        raise MappingFileError(f"{path.name} is over the {MAX_MAPPING_BYTES // 1024} KB limit for a mapping file")
    try:
        data = hand_yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MappingFileError(f"{path.name} is not readable YAML ({first})") from None
    if not isinstance(data, dict):
        raise MappingFileError(f"{path.name} must hold metrics: (or ticket settings) as keys, not a list or a value")
    return data


# what a mapping file's report_columns may name: the header of each column a report reader needs, where the
# reader cannot tell them by their words or cells (the row's metric and its actual value at least)
REPORT_COLUMN_ROLES = ("metric", "actual", "period", "target", "status", "unit")


def report_columns(data: dict, name: str) -> dict[str, str]:
    """A mapping file's report_columns (`data`, read_mapping_yaml's, of the file `name`): {role: the header as the
    report writes it}; {} where the file names none. Raises MappingFileError for columns a reader could not use."""
    columns = data.get("report_columns")
    if columns is None:
        return {}
    example = 'report_columns: {metric: "KPI", actual: "Resultado", period: "Mes"}'
    if not isinstance(columns, dict) or not all(isinstance(v, str) and v.strip() for v in columns.values()):
        raise MappingFileError(f"{name}: report_columns must name each column by its header, as in {example}")
    unknown = sorted(set(map(str, columns)) - set(REPORT_COLUMN_ROLES))
    if unknown:
        raise MappingFileError(
            f"{name}: report_columns names {', '.join(unknown)}, which no reader uses; the roles are "
            f"{', '.join(REPORT_COLUMN_ROLES)}"
        )
    if not {"metric", "actual"} <= columns.keys():
        raise MappingFileError(
            f"{name}: report_columns must name at least the metric and actual columns, as in {example}"
        )
    return {role: " ".join(header.split()) for role, header in columns.items()}


def load_mapping_file(path: Path) -> dict[str, str]:
    """mappings/<engagement_id>.yml: {metrics: {"name as the vendor writes it": contract_metric_id}}; a file with
    only ticket settings maps no metric. Raises MappingFileError for a file that is not that shape."""
    data = read_mapping_yaml(path)
    if "metrics" not in data and any(k.startswith(("ticket_", "business_hours", "report_")) for k in map(str, data)):
        return {}
    metrics = data.get("metrics")
    if not isinstance(metrics, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in metrics.items()):
        raise MappingFileError(
            f'{path.name} must hold metrics: with lines "name as the vendor writes it": metric_id (text on both sides)'
        )
    return {_normal(k): v for k, v in metrics.items()}


def match_metric(name: str, contract_metrics: dict[str, str], mapped: dict[str, str]) -> MetricMatch:
    """contract_metrics: metric_id -> name in the contract; mapped: normalised vendor name -> metric_id."""
    key = _normal(name)
    if key in mapped and mapped[key] in contract_metrics:
        return MetricMatch(mapped[key], "mapping_file", 1.0)
    if key in mapped:  # an id of before 2026-12 (a long name's whole slug): still the metric it named
        legacy = {old: m for m, n in contract_metrics.items() for old in legacy_metric_ids(n)}
        if mapped[key] in legacy:
            return MetricMatch(legacy[mapped[key]], "mapping_file", 1.0)
    for metric_id, contract_name in contract_metrics.items():
        if _normal(contract_name) == key:
            return MetricMatch(metric_id, "exact", 1.0)
    scored = sorted(((_similarity(name, n), m) for m, n in contract_metrics.items()), reverse=True)
    if scored and scored[0][0] >= MATCH_THRESHOLD:
        # a near tie between two contract metrics is ambiguous: better quarantined than guessed
        if len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.1:
            return MetricMatch(scored[0][1], "similarity", scored[0][0])
        tied = tuple(m for s, m in scored if scored[0][0] - s < 0.1)
        return MetricMatch(None, "ambiguous", scored[0][0], tied)
    return MetricMatch(None, "unmatched", scored[0][0] if scored else 0.0)


@dataclass(frozen=True)
class Schedule:
    """An engagement's service-level names (and its mapping file's), as the report reader looks for them: the
    table and the name column of a report are those whose cells name the most of them."""

    names: dict[str, str]  # name -> name: match_metric's contract_metrics, keyed by the name itself
    mapped: dict[str, str]

    @classmethod
    def of(cls, names, mapping_file: Path | None = None) -> Schedule | None:
        if not names:
            return None
        mapped: dict[str, str] = {}
        if mapping_file is not None and mapping_file.is_file() and not mapping_file.is_symlink():
            try:
                mapped = load_mapping_file(mapping_file)
            except MappingFileError:
                pass  # the load says why the file is not used; here it only helps find the table
        return cls({n: n for n in names}, mapped)

    def named(self, cell: str) -> bool:
        """Whether a cell names a service level of the schedule (an ambiguous match names one too)."""
        if not cell or len(cell) > 200:
            return False
        if _normal(cell) in self.mapped:
            return True
        return match_metric(cell, self.names, {}).method != "unmatched"

    def count(self, cells: list[str]) -> int:
        return sum(1 for c in set(cells) if self.named(c))
