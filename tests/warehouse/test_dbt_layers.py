"""The dbt layers read in one direction (#31): staging reads only sources, intermediate reads staging (never
core), core reads staging, intermediate and core, no mart reads a source, and marts are named mart_. The edges
that still break a rule are listed below with why; the list only shrinks: a new break fails, and so does an
entry that no longer is one."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

MODELS = ROOT / "warehouse" / "models"
SEEDS = {p.stem for p in (ROOT / "warehouse" / "seeds").glob("*.csv")}

# (model, what it reads) -> why it still does
KNOWN_BREAKS: dict[tuple[str, str], str] = {}
# old names -> the renamed models they are views of until their deprecation date: marts renamed with the mart_
# prefix, and the intermediate models that read core, now core facts
DEPRECATED_NAMES = {
    **{
        name: f"mart_{name}"
        for name in (
            "contract_review_queue",
            "missing_reports",
            "report_target_disagreements",
            "reported_vs_measured",
            "restatements",
            "service_credit_lineage",
            "vendor_flag_disagreements",
        )
    },
    "int_sla_results": "fct_sla_results",
    "int_service_credit_events": "fct_service_credit_events",
    "int_service_credit_months": "fct_service_credit_months",
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
            if layer == "staging" or (layer == "intermediate" and upstream == "core"):
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
    assert {m for m in marts if not m.startswith("mart_")} == set(DEPRECATED_NAMES)
    deprecated = yaml.safe_load((MODELS / "marts" / "deprecated" / "_deprecated.yml").read_text())["models"]
    assert {m["name"] for m in deprecated} == set(DEPRECATED_NAMES) and all(m["deprecation_date"] for m in deprecated)
    for name, renamed in DEPRECATED_NAMES.items():
        assert (MODELS / "marts" / "deprecated" / f"{name}.sql").exists()
        assert graph[name][1:] == ({renamed}, set()), f"{name} is not a view of {renamed} alone"


def test_a_planted_break_is_found():
    graph = _graph()
    graph["mart_renewals"] = ("marts", {"dim_engagement"}, {"raw_contract_terms"})
    graph["stg_tickets"] = ("staging", {"stg_contracts"}, {"raw_tickets"})
    graph["int_ticket_service_levels"] = ("intermediate", {"stg_tickets", "fct_sla_results"}, set())
    assert {
        ("mart_renewals", "source:raw_contract_terms"),
        ("stg_tickets", "stg_contracts"),
        ("int_ticket_service_levels", "fct_sla_results"),
    } <= layer_breaks(graph)
