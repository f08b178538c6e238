"""`outsourcing-etl review`: what was read from a contract, what is missing and why, and a corrections template.

Reads the contract itself (no warehouse needed, so it works before the first run), merges what the engagement's
corrections file already enters, and writes `contracts/<engagement>.yml` as a commented template when there is
none: a person fills it in, and the next run loads it like any changed file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from etl.contracts.corrections import SLA_FIELDS, read_corrections
from etl.contracts.terms import extract_contract
from etl.quantities import unit_ranges
from etl.records import CONTRACT_FIELDS, CREDIT_MODELS, REVIEW_THRESHOLD, Requirement, missing_requirements
from etl.settings import inside_inbox


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _in_process(fn: Callable, *args):
    return fn(*args)


def _read(read: Callable, inbox: Path, path: Path, fn: Callable, *args) -> tuple[object | None, str | None]:
    """fn(*args) through `read`, or None and the reason the file was not read."""
    if not path.exists() and not path.is_symlink():
        return None, None
    if not inside_inbox(inbox, path):
        return None, f"{path.name} links outside the inbox, so it is not read"
    try:
        return read(fn, *args), None
    except Exception as exc:  # noqa: BLE001 - the reason is shown; the review goes on without the file
        return None, f"{path.name} could not be read: {exc}"


def _write_new(inbox: Path, path: Path, text: str) -> bool:
    """Create path with text, only inside the inbox and never through a link or over an existing file (O_EXCL
    refuses any existing entry, a link included)."""
    if not inside_inbox(inbox, path.parent):
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except OSError:
        return False
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return True


def review_engagement(inbox: Path, engagement_id: str, read: Callable = _in_process) -> tuple[str, Path | None]:
    """The review as text, and the template written (None when a corrections file already exists). `read(fn,
    *args)` runs each reader of an inbox file: the CLI passes one that bounds it in a child process, as a
    pipeline run does, so a contract built to crash or exhaust its reader stops only that reader."""
    pdf = inbox / "contracts" / f"{engagement_id}.pdf"
    corrections_path = inbox / "contracts" / f"{engagement_id}.yml"
    extraction, pdf_problem = _read(read, inbox, pdf, extract_contract, pdf, engagement_id, "review")
    terms = extraction.terms if extraction else []
    sla_terms = extraction.sla_terms if extraction else []
    hand, hand_problem = _read(
        read, inbox, corrections_path, read_corrections, corrections_path, engagement_id, "review"
    )

    lines = [
        f"== {engagement_id} ({pdf.name if extraction else 'no contract PDF read'}, "
        f"{extraction.pages if extraction else 0} pages)",
        *[f"   {p}: enter its terms by hand in {corrections_path.name}" for p in (pdf_problem, hand_problem) if p],
        "",
        "Read from the contract:",
    ]
    for t in terms:
        if t.field in CONTRACT_FIELDS:
            flag = "" if t.confidence >= REVIEW_THRESHOLD else "  [below the review threshold: not used]"
            lines.append(
                f"  {t.field:<26} {t.value!s:<28} page {t.provenance.page:<3} "
                f"conf {t.confidence:.2f}  \"{_short(t.provenance.source_text)}\"{flag}"
            )
    lines.append(f"  service levels: {len(sla_terms)} rows")
    lines += [
        f"    {s.metric_id}: expected {s.expected:g} {s.unit}"
        + (f" within {s.threshold:g} {s.threshold_unit}" if s.threshold is not None else "")
        + (f", minimum {s.minimum:g}" if s.minimum != s.expected else "")
        + f" (page {s.provenance.page}, {s.rule}, conf {s.confidence:.2f}) \"{_short(s.provenance.source_text)}\""
        for s in sla_terms
    ]
    if hand:
        lines += [
            "",
            f"Entered by hand in {corrections_path.name}: "
            + (", ".join(t.field for t in hand.terms) or "no terms")
            + f"; {len(hand.sla_terms)} service levels",
        ]
        lines += [f"  problem: {p['message']}" for p in hand.problems]

    missing = missing_requirements(
        terms + (hand.terms if hand else []), bool(sla_terms) or bool(hand and hand.sla_terms)
    )
    candidates = {t.field: t for t in terms if t.confidence < REVIEW_THRESHOLD}
    lines += ["", "Missing, and why it matters:" if missing else "Nothing required is missing."]
    for r in missing:
        lines.append(f"  {r.field}: {r.why_it_matters}")
        if r.field in candidates:
            c = candidates[r.field]
            lines.append(f"    candidate: {c.value} (page {c.provenance.page}: \"{_short(c.provenance.source_text)}\")")

    written = None
    exists = corrections_path.exists() or corrections_path.is_symlink()
    if (missing or sla_terms) and not exists:
        if _write_new(inbox, corrections_path, template(engagement_id, missing, terms, sla_terms)):
            written = corrections_path
            lines += [
                "",
                f"Wrote {corrections_path}: uncomment and fill or edit the lines (the schedule read from the "
                "contract is there to edit, not retype), then run the pipeline again.",
            ]
        else:
            lines += ["", f"{corrections_path} could not be created inside the inbox: no template was written."]
    elif missing:
        lines += ["", f"Add the missing entries to {corrections_path}."]
    return "\n".join(lines), written


def _yaml_value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return f"{value:g}"
    text = str(value)
    # quoted where YAML would read the text as something else (a colon, a leading symbol, a number-like word)
    return json.dumps(text) if re.search(r"[:#{}\[\],&*!|>'\"%@`]|^\s|\s$|^[-?]", text) or not text else text


def _extracted_schedule(sla_terms) -> list[str]:
    """The schedule read from the contract as commented YAML: uncommented, it replaces the extracted one."""
    out = [
        "# The schedule read from the contract, to edit rather than retype. Uncomment the block below (each line",
        "# from its service_levels line on) to make it the engagement's whole schedule; delete rows that are not",
        "# service levels.",
        "# service_levels:",
    ]
    for t in sla_terms:
        out.append(f"#   # page {t.provenance.page}, {t.rule}: {_short(t.provenance.source_text, 90)}")
        first = True
        for name in SLA_FIELDS:
            value = getattr(t, name, None)
            if value is None or value == "" or (name == "allocation_pct" and not value):
                continue
            out.append(f"#   {'- ' if first else '  '}{name}: {_yaml_value(value)}")
            first = False
    return out


def template(engagement_id: str, missing: list[Requirement], extracted, sla_terms=()) -> str:
    read = {t.field: t for t in extracted if t.field in CONTRACT_FIELDS}
    out = [
        f"# Corrections for {engagement_id}, entered by hand; they win over what was read from",
        f"# contracts/{engagement_id}.pdf, and the warehouse keeps both. Uncomment and fill, then run again.",
        "# Any contract field may be corrected here, not only the missing ones: " + ", ".join(CONTRACT_FIELDS),
        "terms:",
    ]
    for r in missing:
        if r.field == "sla_schedule":
            continue
        out.append(f"  # {r.field}:    # {r.why_it_matters}")
    for field, t in read.items():
        out.append(f"  # {field}: {t.value}    # read from page {t.provenance.page} (confidence {t.confidence:.2f})")
    if sla_terms:
        out += _extracted_schedule(sla_terms)
    if sla_terms or any(r.field == "sla_schedule" for r in missing):
        out += [
            "# Every field a service level may have"
            + (":" if sla_terms else " (service_levels:, when present, is the engagement's whole schedule):"),
            *([] if sla_terms else ["# service_levels:"]),
            "#   - metric_id: availability            # a short id, unique in this contract",
            "#     metric_name: System availability   # as the contract and the reports name it",
            f"#     unit: percent                      # one of: {', '.join(sorted(unit_ranges()))}",
            "#     direction: higher                  # higher or lower is better",
            "#     expected: 99.9                     # the target",
            "#     minimum: 99.5                      # optional floor; missing it is the credit-bearing default",
            "#     allocation_pct: 20                 # optional share of the at-risk amount",
            "#     threshold: 4                       # optional: '95% of incidents within 4 hours' (expected 95)",
            "#     threshold_unit: hours",
            "#     allowed_deviation_pct: 5           # optional: a work statement's AQL ('5% deviation')",
            "#     severity: priority 1               # optional: one row of a severity matrix",
            f"#     credit_model: flat % per failure   # optional, one of: {', '.join(CREDIT_MODELS)}",
            "#     credit_pct: 5                      # % of the month's charges per failure, step short or hour out",
            '#     credit_tiers: "99.8:2; 98:3"       # tiered: worse than 99.8 earns 2%, worse than 98 earns 3%',
            "#     credit_amount: 1000                # amount per failure or per incident, in the contract's currency",
            "#     credit_step: 0.1                   # % per step short: credit_pct for each 0.1 below the minimum",
            "#     credit_part_step_counts: true      # ... and a part step counts as a whole one",
            "#                                        # % per hour of outage: credit_step 1, a part hour as above",
            "#     credit_trigger_count: 3            # optional: credit only from the 3rd miss ...",
            "#     credit_trigger_months: 6           # ... in any 6 consecutive months",
        ]
    return "\n".join(out) + "\n"
