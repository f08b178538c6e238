"""The dbt layers read in one direction (#31): staging reads only sources, intermediate never reads core, core
never reads intermediate, no mart reads a source, and marts are named mart_. The edges that still break a rule
are listed below with why; the list only shrinks: a new break fails, and so does an entry that no longer is one."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

MODELS = ROOT / "warehouse" / "models"
SEEDS = {p.stem for p in (ROOT / "warehouse" / "seeds").glob("*.csv")}

# (model, what it reads) -> why it still does
KNOWN_BREAKS: dict[tuple[str, str], str] = {
    ("stg_measurements", "stg_measurement_versions"): "the latest version of each value is picked from all versions",
    ("int_service_credit_events", "dim_sla_metric"): "credits are priced from the schedule's credit model",
    ("int_service_credit_months", "dim_engagement"): "caps and at-risk basis are engagement terms",
    ("int_service_credit_months", "fct_charges"): "caps are shares of the month's charges",
    ("int_sla_results", "dim_engagement"): "a level's result needs the engagement's terms",
    ("int_sla_results", "dim_engagement_month"): "unreported months in service are results too",
    ("int_sla_results", "dim_sla_metric"): "a result compares the measurement with its level",
    ("int_sla_results", "fct_sla_measurement"): "results are read from the measurement fact",
    ("fct_sla_measurement", "int_ticket_service_levels"): "ticket-measured values are measurements",
}
# the old names of marts renamed with the mart_ prefix: views of the renamed marts until their deprecation date
DEPRECATED_NAMES = {
    "contract_review_queue",
    "missing_reports",
    "report_target_disagreements",
    "reported_vs_measured",
    "restatements",
    "service_credit_lineage",
    "vendor_flag_disagreements",
}

_REF = re.compile(r"ref\(\s*'(\w+)'\s*\)")
_SOURCE = re.compile(r"source\(\s*'\w+'\s*,\s*'(\w+)'\s*\)")


def _graph() -> dict[str, tuple[str, set[str], set[str]]]:
    """model -> (layer, models and seeds it refs, sources it reads)."""
    graph = {}
    for path in MODELS.rglob("*.sql"):
        sql = path.read_text()
        graph[path.stem] = (path.relative_to(MODELS).parts[0], set(_REF.findall(sql)), set(_SOURCE.findall(sql)))
    return graph


def layer_breaks(graph: dict[str, tuple[str, set[str], set[str]]]) -> set[tuple[str, str]]:
    breaks = set()
    for model, (layer, refs, sources) in graph.items():
        for ref in refs - SEEDS:
            upstream = graph[ref][0]
            if (
                layer == "staging"
                or (layer == "intermediate" and upstream == "core")
                or (layer == "core" and upstream == "intermediate")
            ):
                breaks.add((model, ref))
        if sources and layer != "staging":
            breaks |= {(model, f"source:{s}") for s in sources}
    return breaks


def test_the_layers_read_in_one_direction():
    breaks = layer_breaks(_graph())
    assert not breaks - set(KNOWN_BREAKS), f"a model reads against the layers: {sorted(breaks - set(KNOWN_BREAKS))}"
    assert not set(KNOWN_BREAKS) - breaks, f"no longer a break, drop it: {sorted(set(KNOWN_BREAKS) - breaks)}"


def test_marts_are_named_mart_and_an_old_name_is_a_deprecated_view_of_its_renamed_mart():
    graph = _graph()
    marts = {model for model, (layer, _, _) in graph.items() if layer == "marts"}
    assert {m for m in marts if not m.startswith("mart_")} == DEPRECATED_NAMES
    deprecated = yaml.safe_load((MODELS / "marts" / "deprecated" / "_deprecated.yml").read_text())["models"]
    assert {m["name"] for m in deprecated} == DEPRECATED_NAMES and all(m["deprecation_date"] for m in deprecated)
    for name in DEPRECATED_NAMES:
        assert (MODELS / "marts" / "deprecated" / f"{name}.sql").exists()
        assert graph[name][1:] == ({f"mart_{name}"}, set()), f"{name} is not a view of mart_{name} alone"


def test_a_planted_break_is_found():
    graph = _graph()
    graph["mart_renewals"] = ("marts", {"dim_engagement"}, {"raw_contract_terms"})
    graph["stg_tickets"] = ("staging", {"stg_contracts"}, {"raw_tickets"})
    assert {("mart_renewals", "source:raw_contract_terms"), ("stg_tickets", "stg_contracts")} <= layer_breaks(graph)
