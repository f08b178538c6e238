"""Contract terms and service levels entered by hand: `contracts/<engagement_id>.yml` beside the contract.

A person fills what the extractor missed or got wrong (`outsourcing-etl review` writes a template):

    terms:
      annual_charges: 1200000
      currency: USD
    service_levels:            # when present, this is the engagement's whole schedule
      - metric_id: availability
        metric_name: System availability
        unit: percent
        direction: higher
        expected: 99.9
        minimum: 99.5
        allocation_pct: 20

Each value carries the file and line it was typed on, and wins over the extracted value in the warehouse,
which keeps both. A wrong entry (an unknown field, a bad number, a unit not in the unit list) is quarantined
with the file, line and fix; every other entry loads.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from etl.contracts.credit_clauses import tells_hours_out
from etl.quantities import CURRENCY_CODES, parse_coverage, unit_ranges
from etl.records import (
    CONTRACT_FIELD_SPEC,
    CONTRACT_FIELDS,
    CREDIT_MODELS,
    HAND_ENTRY_FIELDS,
    NUMERIC_CONTRACT_FIELDS,
    ContractTerm,
    InputFileError,
    Provenance,
    SlaTerm,
)

HAND_CONFIDENCE = 1.0
DATE_FIELDS = {f["field"] for f in CONTRACT_FIELD_SPEC if f["type"] == "date"}
SLA_REQUIRED = ("metric_id", "metric_name", "unit", "direction", "expected")
SLA_NUMBERS = (
    "baseline",
    "expected",
    "minimum",
    "allocation_pct",
    "threshold",
    "allowed_deviation_pct",
    "credit_pct",
    "credit_amount",
    "credit_trigger_count",
    "credit_trigger_months",
    "credit_step",
)
# "99.8:2; 98:3": a level and the % of the month's charges credited when attainment is worse than it
CREDIT_TIERS = re.compile(
    r"^\s*\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?\s*(?:;\s*\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?\s*)*;?\s*$"
)
SLA_FIELDS = (
    *SLA_REQUIRED,
    "minimum",
    "baseline",
    "allocation_pct",
    "measurement_window",
    "threshold",
    "threshold_unit",
    "allowed_deviation_pct",
    "severity",
    "credit_model",
    "credit_pct",
    "credit_amount",
    "credit_tiers",
    "credit_trigger_count",
    "credit_trigger_months",
    "credit_step",
    "credit_part_step_counts",
)
# a person's corrections fit in a few KB; the cap keeps a hostile file from costing the run its memory
MAX_CORRECTIONS_BYTES = 1024 * 1024


@dataclass
class Corrections:
    terms: list[ContractTerm]
    sla_terms: list[SlaTerm]
    problems: list[dict]  # {"location", "check", "message"}: entries that were not loaded


def _closest(name: str, choices) -> str:
    near = difflib.get_close_matches(str(name), list(choices), n=1, cutoff=0.6)
    return f"did you mean {near[0]!r}?" if near else "allowed: " + ", ".join(choices)


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "").replace("_", "").strip().rstrip("%"))
    except ValueError:
        return None


def read_corrections(path: Path, engagement_id: str, sha256: str) -> Corrections:
    """Parse one corrections file. A file that is not YAML at all raises InputFileError (quarantined whole)."""
    text, root = _yaml_root(path)
    out = Corrections([], [], [])
    if root is None:  # an empty template: nothing entered yet
        return out
    lines = text.splitlines()

    def problem(node, check: str, message: str) -> None:
        line = node.start_mark.line + 1
        out.problems.append(
            {"location": f"line {line}", "check": check, "message": f"{path.name} line {line}: {message}"}
        )

    def provenance(node) -> Provenance:
        line = node.start_mark.line
        return Provenance(sha256, 0, f"line {line + 1}: {lines[line].strip()}", node.start_mark.index)

    for key_node, value_node in root.value:
        section = key_node.value
        if section in ("terms", "service_levels") and isinstance(value_node, yaml.ScalarNode) and not value_node.value:
            continue  # a section with every line still commented out
        if section == "terms" and isinstance(value_node, yaml.MappingNode):
            out.terms.extend(_hand_terms(value_node, engagement_id, provenance, problem))
        elif section == "service_levels" and isinstance(value_node, yaml.SequenceNode):
            for item in value_node.value:
                sla = _sla_term(item, engagement_id, provenance(item), problem)
                if sla is not None:
                    out.sla_terms.append(sla)
        else:
            problem(
                key_node,
                "known_section",
                f"unknown section {section!r}; {_closest(section, ['terms', 'service_levels'])}"
                " ('terms:' is a mapping of field: value, 'service_levels:' a list of rows)",
            )
    return out


def _yaml_root(path: Path) -> tuple[str, yaml.Node | None]:
    """The file's text and its YAML tree, composed but not constructed; InputFileError for a file too large,
    not YAML, or not a mapping."""
    size = path.stat().st_size
    if size > MAX_CORRECTIONS_BYTES:
        raise InputFileError(f"{path.name} is {size / 1e6:.1f} MB, above the 1 MB limit for a corrections file")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise InputFileError(f"{path.name} is not valid YAML: {exc}".replace("\n", " ")) from exc
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise InputFileError(f"{path.name} must be a mapping with 'terms:' and/or 'service_levels:'")
    return text, root


def _hand_terms(section, engagement_id: str, provenance, problem) -> list[ContractTerm]:
    """The 'terms:' section's values that a hand may enter, each checked; the others become problems."""
    terms = []
    for k, v in section.value:
        if not isinstance(v, yaml.ScalarNode):  # nor an alias tree that would expand when printed
            problem(k, "valid_value", f"{k.value}: write one value, not a list or a mapping")
            continue
        value = _term_value(k.value, yaml.safe_load(yaml.serialize(v)) if v.value else None)
        if k.value in CONTRACT_FIELDS and k.value not in HAND_ENTRY_FIELDS:
            problem(k, "known_field", f"{k.value} is read from the contract only; it cannot be entered by hand")
        elif k.value not in CONTRACT_FIELDS:
            problem(k, "known_field", f"unknown contract field {k.value!r}; {_closest(k.value, HAND_ENTRY_FIELDS)}")
        elif isinstance(value, Exception):
            problem(v, "valid_value", f"{k.value}: {value}")
        elif value is not None:
            terms.append(ContractTerm(engagement_id, k.value, value, HAND_CONFIDENCE, provenance(k)))
    return terms


def _term_value(field: str, raw) -> str | None | Exception:
    """The value as the warehouse keeps it (text), or the reason it is not usable."""
    if raw is None:
        return None
    if field in NUMERIC_CONTRACT_FIELDS:
        return _number_value(raw)
    if field in DATE_FIELDS:
        return _date_value(raw)
    reader = _VALUE_READERS.get(field)
    return reader(raw) if reader else str(raw)


def _number_value(raw) -> str | Exception:
    number = _number(raw)
    if number is None:
        return ValueError(f"{raw!r} is not a number (write e.g. 1200000 or 1,200,000)")
    return str(int(number)) if number.is_integer() else str(number)


def _date_value(raw) -> str | Exception:
    try:
        return (raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())).isoformat()
    except ValueError:
        return ValueError(f"{raw!r} is not a date; write it as YYYY-MM-DD")


def _currency_value(raw) -> str | Exception:
    if str(raw).upper() not in CURRENCY_CODES:
        return ValueError(f"{raw!r} is not a supported currency; one of {', '.join(CURRENCY_CODES)}")
    return str(raw).upper()


def _flag_value(raw) -> str:
    return "true" if raw is True or str(raw).lower() in ("true", "yes") else "false"


def _coverage_value(raw) -> str | Exception:
    window = parse_coverage(str(raw))
    if window and re.search(r"\btz\s", str(raw)) and " tz " not in window:
        return ValueError(f"{raw!r} names no time zone the zone database knows (e.g. tz Europe/London)")
    return window or ValueError(
        f"{raw!r} is not a service window; write e.g. 'Monday to Friday, 8:00 to 18:00' or 24x7"
    )


def _month_basis_value(raw) -> str | Exception:
    basis = str(raw).strip().lower()
    if basis in ("opened", "resolved"):
        return basis
    return ValueError(f"{raw!r} is not opened or resolved (the month a ticket counts in)")


# fields whose hand-entered text is checked or normalised; any other is kept as written
_VALUE_READERS = {
    "currency": _currency_value,
    "auto_renewal": _flag_value,
    "missing_report_deemed_default": _flag_value,
    "coverage_hours": _coverage_value,
    "ticket_month_basis": _month_basis_value,
}


def _sla_term(node, engagement_id: str, prov: Provenance, problem) -> SlaTerm | None:
    if not isinstance(node, yaml.MappingNode):
        problem(node, "sla_row", "each service level is a mapping (metric_id: ..., metric_name: ..., ...)")
        return None
    row = {k.value: (k, v) for k, v in node.value}
    values = {name: yaml.safe_load(yaml.serialize(v)) for name, (_, v) in row.items()}
    found = _sla_shape_problems(node, row) + _sla_value_problems(row, values)
    for where, check, message in found:
        problem(where, check, message)
    return None if found else _sla_from_values(values, engagement_id, prov)


def _sla_shape_problems(node, row: dict) -> list[tuple]:
    """Columns that hold more than one value, are not service-level columns, or are missing."""
    found = []
    for name, (k, v) in row.items():
        if not isinstance(v, yaml.ScalarNode):
            found.append((k, "valid_value", f"{name}: write one value, not a list or a mapping"))
        elif name not in SLA_FIELDS:
            found.append((k, "known_field", f"unknown service-level column {name!r}; {_closest(name, SLA_FIELDS)}"))
    found += [(node, "required_column", f"a service level needs {name!r}") for name in SLA_REQUIRED if name not in row]
    return found


def _sla_value_problems(row: dict, values: dict) -> list[tuple]:
    """Values that are not numbers, units, credit models, tiers or directions where the column wants one."""
    found = [
        (row[name][1], "valid_value", f"{name}: {values[name]!r} is not a number")
        for name in SLA_NUMBERS
        if name in values and values[name] is not None and _number(values[name]) is None
    ]
    units = unit_ranges()
    # a unit column must name a known unit; a threshold unit may also be left empty
    for name, given in (("unit", "unit" in values), ("threshold_unit", values.get("threshold_unit") is not None)):
        if given and values[name] not in units:
            message = f"{name} {values[name]!r} is not in the unit list; {_closest(values[name], sorted(units))}"
            found.append((row[name][1], "known_unit", message))
    if values.get("credit_model") is not None and values["credit_model"] not in CREDIT_MODELS:
        found.append(
            (
                row["credit_model"][1],
                "valid_value",
                f"credit_model {values['credit_model']!r} is not one of: {', '.join(CREDIT_MODELS)}",
            )
        )
    if values.get("credit_tiers") is not None and not CREDIT_TIERS.match(str(values["credit_tiers"])):
        found.append(
            (
                row["credit_tiers"][1],
                "valid_value",
                f"credit_tiers {values['credit_tiers']!r}: write level:percent pairs, e.g. '99.8:2; 98:3'",
            )
        )
    step = _number(values["credit_step"]) if values.get("credit_step") is not None else None
    if step is not None and step <= 0:
        found.append((row["credit_step"][1], "valid_value", "credit_step is the shortfall one credit_pct buys: > 0"))
    if values.get("credit_model") == "% per step short" and (step is None or values.get("credit_pct") is None):
        found.append(
            (row["credit_model"][1], "valid_value", "a credit per step short needs credit_pct and credit_step")
        )
    if values.get("credit_model") == "% per hour of outage" and (
        values.get("credit_pct") is None or not tells_hours_out(str(values.get("unit")))
    ):
        found.append(
            (
                row["credit_model"][1],
                "valid_value",
                "a credit per hour of outage needs credit_pct, and a level in percent (availability) or in a unit "
                "of time (downtime)",
            )
        )
    if values.get("credit_part_step_counts") not in (None, True, False):
        found.append((row["credit_part_step_counts"][1], "valid_value", "credit_part_step_counts is true or false"))
    if "direction" in values and values["direction"] not in ("higher", "lower"):
        found.append((row["direction"][1], "valid_value", "direction is 'higher' (more is better) or 'lower'"))
    return found


def _sla_from_values(values: dict, engagement_id: str, prov: Provenance) -> SlaTerm:
    number = {name: _number(values[name]) if values.get(name) is not None else None for name in SLA_NUMBERS}
    return SlaTerm(
        engagement_id=engagement_id,
        metric_id=str(values["metric_id"]),
        metric_name=str(values["metric_name"]),
        unit=values["unit"],
        direction=values["direction"],
        baseline=number["baseline"],
        expected=number["expected"],
        # one threshold and no separate floor: missing the target is the breach
        minimum=number["minimum"] if number["minimum"] is not None else number["expected"],
        allocation_pct=number["allocation_pct"] or 0.0,
        measurement_window=str(values.get("measurement_window") or "monthly"),
        confidence=HAND_CONFIDENCE,
        provenance=prov,
        threshold=number["threshold"],
        threshold_unit=values.get("threshold_unit"),
        allowed_deviation_pct=number["allowed_deviation_pct"],
        severity=str(values["severity"]) if values.get("severity") is not None else None,
        rule="entered by hand",
        credit_model=values.get("credit_model"),
        credit_pct=number["credit_pct"],
        credit_amount=number["credit_amount"],
        credit_trigger_count=int(number["credit_trigger_count"]) if number["credit_trigger_count"] else None,
        credit_trigger_months=int(number["credit_trigger_months"]) if number["credit_trigger_months"] else None,
        # an hour out is one step of an hour
        credit_step=1.0 if values.get("credit_model") == "% per hour of outage" else number["credit_step"],
        credit_part_step_counts=values.get("credit_part_step_counts"),
        credit_tiers=" ".join(str(values["credit_tiers"]).split()) if values.get("credit_tiers") is not None else None,
    )
