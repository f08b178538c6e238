"""Turn staged extraction results into the tabular records that are validated and loaded.

Reports are tied to their contract here: each vendor metric name is matched to the contract's SLA schedule,
and each value takes the contract's unit. Rows are never dropped at this step; rows that cannot be
matched carry the reason forward to validation, which quarantines them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from etl.load.schema import RAW_COLUMNS, frame_dtypes
from etl.quantities import period_grain, period_start, unit_ranges
from etl.records import CONTRACT_FIELDS, NUMERIC_CONTRACT_FIELDS, ExtractedFile, Measurement
from etl.reports.metric_mapping import MappingFileError, MetricMatch, load_mapping_file, match_metric
from etl.reports.values import parse_locale_number, to_contract_unit
from etl.settings import DBT_VARS


@dataclass
class CanonicalBatch:
    contracts: pd.DataFrame  # one row per contract file: pivoted terms, for validation
    contract_terms: pd.DataFrame  # long: one row per extracted value with provenance
    sla_terms: pd.DataFrame
    measurements: pd.DataFrame
    schedule_keys: set[str]  # engagement/metric ids of the schedules reports were matched against


def _with_units(df: pd.DataFrame) -> pd.DataFrame:
    ranges = unit_ranges()
    df["unit_min"] = df["unit"].map(lambda u: ranges.get(u, (None, None))[0]).astype("float64")
    df["unit_max"] = df["unit"].map(lambda u: ranges.get(u, (None, None))[1]).astype("float64")
    return df


def _writes_fractions(units_and_texts: list[tuple[str | None, str]]) -> bool:
    """Whether a report writes percentages as 0..1: every percent value without a % sign is at most 1.
    `units_and_texts`: (contract unit of the matched metric, value as written) for each of its rows."""
    values = [
        parse_locale_number(text)
        for unit, text in units_and_texts
        if unit == "percent" and "%" not in text and text.strip()
    ]
    values = [v for v in values if v is not None]
    return bool(values) and all(0 <= v <= 1 for v in values)


# Reported charges are not a service level: they replace the contract's flat monthly charges where a vendor
# reports what it invoiced. One reserved metric per engagement, in the contract's currency.
INVOICED_CHARGES = DBT_VARS["invoiced_charges_metric"]
_INVOICE_NAME = re.compile(
    r"(?i)\binvoic\w*\b.*\b(?:charges?|amount|total|value|fees?)\b|^(?:total |monthly )?charges$"
    r"|\bbilled amount\b|\bamount billed\b"
)


MEASUREMENT_COLUMNS = [
    "row_id",
    "engagement_id",
    "metric_id",
    "metric_key",
    "match_method",
    "match_score",
    "metric_name",
    "unit",
    "period",
    "grain",
    "period_start",
    "term_start",
    "term_end",
    "run_month_start",
    "actual",
    "conversion",
    "actual_text",
    "reported_met",
    "reported_target",
    "location",
    "file_path",
    "file_sha256",
    "page",
    "source_text",
    "fix_hint",
]


def term_end_in_force(terms: dict[str, str | None]) -> str | None:
    """The last day a report can fall in: the expiry date, unless the contract renews by itself for a stated
    term, in which case each renewal term follows the last (as `mart_renewals` rolls it) and there is no end
    to check against; a termination date before either ends it there. None where the end is unknown or the
    term open."""
    end = terms.get("expiry_date")
    renewal = terms.get("renewal_term_months") or ""
    renews = terms.get("auto_renewal") == "true" and (renewal == "perpetual" or renewal.replace(".", "").isdigit())
    end = None if renews and renewal != "0" else end if end and len(end) == 10 else None
    terminated = terms.get("termination_date")
    if terminated and len(terminated) == 10 and (end is None or terminated < end):
        return terminated
    return end


def build_batch(
    files: list[ExtractedFile],
    known_sla_terms: pd.DataFrame,
    mappings_dir: Path,
    known_terms: dict[str, dict[str, str | None]] | None = None,
    run_month: str | None = None,
    rows_of: Callable[[ExtractedFile], list[Measurement]] = lambda f: f.measurements,
    chunk_rows: int = 50_000,
) -> CanonicalBatch:
    """known_sla_terms: SLA rows already in the warehouse, for reports whose contract was loaded earlier;
    known_terms: engagement -> {effective_date, expiry_date, auto_renewal, renewal_term_months, currency} already
    in the warehouse;
    run_month: the run's month (YYYY-MM-01): a value reported for a later month is in the future;
    rows_of: a report's measurements (default: those its record holds; the load reads them from the staged file,
    one report at a time)."""
    contracts = [f for f in files if f.kind == "contract" and f.status == "extracted"]
    reports = [f for f in files if f.kind == "report" and f.status == "extracted"]

    term_rows = [
        {
            **{k: v for k, v in asdict(t).items() if k != "provenance"},
            **_prov(t.provenance),
            "file_path": f.path,
            "origin": f.origin,
        }
        for f in contracts
        for t in f.contract_terms
    ]
    contract_terms = pd.DataFrame(term_rows, columns=RAW_COLUMNS["raw_contract_terms"])

    wide = []
    for f in contracts:
        row = {
            "engagement_id": f.engagement_id,
            "file_path": f.path,
            "file_sha256": f.sha256,
            "row_id": f"{_file_key(f)}:contract",
            "location": "contract",
            # one contract document per engagement; a corrections file sits beside it
            "contract_document": f.engagement_id if f.origin == "extracted" else None,
        }
        row.update({k: None for k in CONTRACT_FIELDS})
        row.update({t.field: t.value for t in f.contract_terms})
        wide.append(row)
    contracts_df = pd.DataFrame(
        wide,
        columns=[
            "engagement_id",
            "file_path",
            "file_sha256",
            "row_id",
            "location",
            "contract_document",
            *CONTRACT_FIELDS,
        ],
    )
    for col in NUMERIC_CONTRACT_FIELDS:
        # a renewal "perpetual" (for an unlimited period) is a term, not a number of months; raw keeps the text.
        # Any other value that is not a number is unknown here, never a failure of the whole load
        contracts_df[col] = pd.to_numeric(contracts_df[col], errors="coerce").astype("float64")

    sla_rows = []
    for f in contracts:
        for i, s in enumerate(f.sla_terms, start=1):
            d = {k: v for k, v in asdict(s).items() if k not in ("provenance", "rule")}
            d["extraction_rule"] = s.rule if f.origin == "extracted" else None
            sla_rows.append(
                {
                    **d,
                    **_prov(s.provenance),
                    "file_path": f.path,
                    "origin": f.origin,
                    "row_id": f"{_file_key(f)}:sla{i}",
                    "location": f"page {s.provenance.page} SLA row {i}"
                    if f.origin == "extracted"
                    else s.provenance.source_text.split(":")[0],
                }
            )
    # the raw table's columns, plus what validation and quarantine need
    sla = pd.DataFrame(sla_rows, columns=[*RAW_COLUMNS["raw_sla_terms"], "char_offset", "row_id", "location"])
    sla = _with_units(sla.astype(frame_dtypes("raw_sla_terms")))

    by_engagement = effective_schedules(sla, known_sla_terms, {f.path for f in contracts})

    # the terms reports are checked against: what was loaded, then this run's document, then hand entries
    contract_terms_by_engagement = {e: dict(t) for e, t in (known_terms or {}).items()}
    for f in sorted(contracts, key=lambda f: f.origin == "entered by hand"):
        contract_terms_by_engagement.setdefault(f.engagement_id, {}).update(
            {t.field: t.value for t in f.contract_terms}
        )

    mapping_cache: dict[str, dict[str, str]] = {}
    mapping_problem: dict[str, str] = {}  # a broken mapping file affects only its engagement, and says why
    rows: list[tuple] = []
    chunks: list[pd.DataFrame] = []
    for f in reports:
        if f.engagement_id not in mapping_cache:
            path = mappings_dir / f"{f.engagement_id}.yml"
            try:
                mapping_cache[f.engagement_id] = load_mapping_file(path) if path.exists() or path.is_symlink() else {}
            except (MappingFileError, OSError) as exc:
                mapping_cache[f.engagement_id] = {}
                mapping_problem[f.engagement_id] = f"mappings/{exc} (it was not used); "
        rows += _report_rows(
            f,
            rows_of(f),
            by_engagement.get(f.engagement_id, {}),
            mapping_cache[f.engagement_id],
            mapping_problem.get(f.engagement_id, ""),
            contract_terms_by_engagement.get(f.engagement_id, {}),
            run_month,
        )
        # the rows now hold what the file's records said: kept as well, they would double the batch's memory
        f.measurements = []
        if len(rows) >= chunk_rows:  # a frame per chunk: a million row tuples would outweigh the frame
            chunks.append(_measurement_frame(rows))
            rows = []
    chunks.append(_measurement_frame(rows))
    measurements = _with_units(_concatenated(chunks))
    schedule_keys = {f"{e}/{m}" for e, metrics in by_engagement.items() for m in metrics}
    return CanonicalBatch(contracts_df, contract_terms, sla, measurements, schedule_keys)


# how many of a schedule's metric ids a quarantine message lists: a long schedule would drown the message
LISTED_IDS = 12


def _id_list(metrics: dict[str, tuple[str, str]]) -> str:
    """'availability (System availability), sev1_response (Severity 1 response)…': the ids a mapping line may
    name, each with its contract name."""
    listed = [f"{metric_id} ({name})" for metric_id, (name, _) in sorted(metrics.items())[:LISTED_IDS]]
    more = len(metrics) - LISTED_IDS
    return ", ".join(listed) + (f" and {more} more (the table dim_sla_metric lists them all)" if more > 0 else "")


def effective_schedules(
    sla: pd.DataFrame, known_sla_terms: pd.DataFrame, paths_this_run: set[str]
) -> dict[str, dict[str, tuple[str, str]]]:
    """engagement -> metric id -> (name, unit): the schedule reports are matched against. A schedule entered
    by hand is the engagement's whole schedule; a file in this run replaces what it loaded before."""
    columns = ["engagement_id", "metric_id", "metric_name", "unit", "origin"]
    known = known_sla_terms
    if "file_path" in known:
        known = known[~known["file_path"].isin(paths_this_run)]
    if "origin" not in known:
        known = known.assign(origin="extracted")
    rows = pd.concat([sla[columns], known[columns]]) if len(known) else sla[columns]
    by_engagement: dict[str, dict[str, tuple[str, str]]] = {}
    for engagement, group in rows.groupby("engagement_id", sort=False):
        hand = group[group["origin"] == "entered by hand"]
        for r in (hand if len(hand) else group).itertuples():
            by_engagement.setdefault(engagement, {})[r.metric_id] = (r.metric_name, r.unit)
    return by_engagement


def known_metric_keys(sla_metric_keys: set[str]) -> list[str]:
    """The metric keys a report may use: each contract service level, and each engagement's invoiced charges."""
    return sorted(sla_metric_keys | {f"{key.split('/')[0]}/{INVOICED_CHARGES}" for key in sla_metric_keys})


def _concatenated(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """One frame of the chunks, joined a column at a time, each chunk's column released as it is copied (the
    whole frame twice over would be the run's peak). A chunk whose rows all miss a text value types that column
    as objects: inferred again over all rows, the columns are typed as one frame of every row would be."""
    if len(chunks) == 1:
        return chunks[0]
    columns = list(chunks[0].columns)
    return pd.DataFrame({c: pd.concat([chunk.pop(c) for chunk in chunks], ignore_index=True) for c in columns})[
        columns
    ].infer_objects()


def _measurement_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=MEASUREMENT_COLUMNS).astype(frame_dtypes("raw_measurements"))


def _report_rows(
    f: ExtractedFile,
    measurements: list[Measurement],
    metrics: dict[str, tuple[str, str]],
    mapping: dict[str, str],
    mapping_problem: str,
    terms: dict[str, str | None],
    run_month: str | None,
) -> list[tuple]:
    """One report's measurements as canonical rows (tuples in MEASUREMENT_COLUMNS order: a million dicts would
    cost GBs). Text that repeats down the rows (a metric's key and hint, a period's start) is one shared string."""
    names = {k: v[0] for k, v in metrics.items()}
    matched = {n: _match_report_metric(n, names, mapping) for n in dict.fromkeys(m.metric_name for m in measurements)}
    units = {
        n: "money" if match.metric_id == INVOICED_CHARGES else metrics[match.metric_id][1] if match.metric_id else None
        for n, match in matched.items()
    }
    fractions = _writes_fractions([(units[m.metric_name], m.actual_text) for m in measurements])
    fix_hint = (
        f"if it is one of the contract's metrics, add the line \"<name>\": <metric id> under metrics: in "
        f"mappings/{f.engagement_id}.yml in the inbox; its metric ids: {_id_list(metrics)}"
        if metrics
        else f"{f.engagement_id} has no service-level schedule yet (none was read from its contract): enter it "
        f"under service_levels: in contracts/{f.engagement_id}.yml in the inbox "
        f"(`outsourcing-etl review --engagement {f.engagement_id}` writes a template)"
    )
    keys = {
        n: f"{f.engagement_id}/{match.metric_id}" if match.metric_id else f"{f.engagement_id}/unmatched:{n}"
        for n, match in matched.items()
    }
    hints = {
        n: mapping_problem
        + (f"it matches {' and '.join(match.candidates)} equally well; " if match.method == "ambiguous" else "")
        + fix_hint.replace("<name>", n)
        for n, match in matched.items()
    }
    periods = {p: (period_grain(p) if p else None, period_start(p)) for p in {m.period for m in measurements}}
    start, end = terms.get("effective_date"), term_end_in_force(terms)
    # compared by month: a report for the month the term starts in is inside the term
    term_start = f"{start[:7]}-01" if start and len(start) == 10 else None
    currency = terms.get("currency")
    rows = []
    for m in measurements:
        match, unit = matched[m.metric_name], units[m.metric_name]
        actual, conversion = to_contract_unit(m.actual_text, unit, fractions, currency)
        target = (
            to_contract_unit(m.reported_target_text, unit, fractions, currency)[0] if m.reported_target_text else None
        )
        grain, period_begins = periods[m.period]
        rows.append(
            tuple(
                {
                    "row_id": f"{_file_key(f)}:{m.location}",
                    "engagement_id": f.engagement_id,
                    "metric_id": match.metric_id,
                    "metric_key": keys[m.metric_name],
                    "match_method": match.method,
                    "match_score": match.score,
                    "metric_name": m.metric_name,
                    "unit": unit,
                    "period": m.period,
                    "grain": grain,
                    "period_start": period_begins,
                    "term_start": term_start,
                    "term_end": end,
                    "run_month_start": run_month,
                    "actual": actual,
                    "conversion": conversion,
                    "actual_text": m.actual_text,
                    "reported_met": m.reported_met,
                    "reported_target": target,
                    "location": m.location,
                    "file_path": f.path,
                    "file_sha256": f.sha256,
                    "page": m.provenance.page,
                    "source_text": m.provenance.source_text,
                    "fix_hint": hints[m.metric_name],
                }.values()
            )
        )
    return rows


def _match_report_metric(name: str, contract_metrics: dict[str, str], mapped: dict[str, str]) -> MetricMatch:
    """A contract service level first (an SLA may be about invoices: 'Invoice Processing Accuracy'); else
    a reported charges amount ('Invoiced charges', 'Invoice total') is the month's invoice."""
    match = match_metric(name, contract_metrics, mapped)
    if match.metric_id is None and contract_metrics and _INVOICE_NAME.search(name.strip()):
        return MetricMatch(INVOICED_CHARGES, "invoice", 1.0)
    return match


def _prov(p) -> dict:
    return {"file_sha256": p.file_sha256, "page": p.page, "source_text": p.source_text, "char_offset": p.char_offset}


def _file_key(f: ExtractedFile) -> str:
    """The prefix of a file's row ids: its path and content, since the same bytes may arrive under two paths
    (two engagements' folders) in one run and each row must stay traceable to its own file."""
    return hashlib.sha256(f"{f.path}\0{f.sha256}".encode()).hexdigest()[:12]
