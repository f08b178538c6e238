"""Terms and service levels entered by hand: each entry loads with its line; a typo is named, with its fix."""

import pytest

from etl.contracts.corrections import DATE_FIELDS, read_corrections
from etl.records import CONTRACT_FIELDS, HAND_ENTRY_FIELDS, NUMERIC_CONTRACT_FIELDS

GOOD = """terms:
  annual_charges: 1,200,000
  currency: usd
  effective_date: 2025-01-01
service_levels:
  - metric_id: availability
    metric_name: System availability
    unit: percent
    direction: higher
    expected: 99.9
    minimum: 99.5
    allocation_pct: 20
  - {metric_id: p1, metric_name: P1 resolution, unit: hours, direction: lower, expected: 4}
"""


def test_entries_load_with_their_line(tmp_path):
    path = tmp_path / "eng.yml"
    path.write_text(GOOD)
    out = read_corrections(path, "eng", "sha")
    assert {t.field: t.value for t in out.terms} == {
        "annual_charges": "1200000",
        "currency": "USD",
        "effective_date": "2025-01-01",
    }
    assert out.terms[0].provenance.source_text == "line 2: annual_charges: 1,200,000"
    assert [s.metric_id for s in out.sla_terms] == ["availability", "p1"]
    assert out.sla_terms[1].minimum == 4.0  # one threshold: missing the target is the breach
    assert not out.problems


def test_typos_are_named_with_file_line_and_fix_and_the_rest_loads(tmp_path):
    path = tmp_path / "eng.yml"
    path.write_text(
        GOOD.replace("annual_charges: 1,200,000", "anual_charges: 1200000\n  at_risk_pct: ten").replace(
            "unit: percent", "unit: percnt"
        )
    )
    out = read_corrections(path, "eng", "sha")
    messages = [p["message"] for p in out.problems]
    assert messages[0] == "eng.yml line 2: unknown contract field 'anual_charges'; did you mean 'annual_charges'?"
    assert messages[1].startswith("eng.yml line 3: at_risk_pct: 'ten' is not a number")
    assert "eng.yml line 9: unit 'percnt' is not in the unit list; did you mean 'percent'?" in messages
    assert {t.field for t in out.terms} == {"currency", "effective_date"}
    assert [s.metric_id for s in out.sla_terms] == ["p1"]


def test_an_untouched_template_loads_nothing_and_complains_of_nothing(tmp_path):
    path = tmp_path / "eng.yml"
    path.write_text("# filled later\nterms:\n  # annual_charges:\n# service_levels:\n")
    out = read_corrections(path, "eng", "sha")
    assert (out.terms, out.sla_terms, out.problems) == ([], [], [])


def test_nested_or_aliased_values_are_named_not_expanded(tmp_path):
    # nine levels of nine aliases: 9**9 leaves if anything printed it
    levels = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"] + [
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)
    ]
    path = tmp_path / "eng.yml"
    path.write_text(
        "anchors:\n"
        + "".join(f"  {level}\n" for level in levels)
        + "terms:\n  client: *l8\n  currency: EUR\n"
        + "service_levels:\n  - {metric_id: *l8, metric_name: A, unit: percent, direction: higher, expected: 1}\n"
    )
    out = read_corrections(path, "eng", "sha")
    assert [t.field for t in out.terms] == ["currency"] and out.sla_terms == []
    messages = [p["message"] for p in out.problems]
    assert "eng.yml line 12: client: write one value, not a list or a mapping" in messages
    assert any("metric_id: write one value" in m for m in messages)


def test_an_oversized_corrections_file_is_refused_whole(tmp_path):
    import pytest

    from etl.records import InputFileError

    path = tmp_path / "eng.yml"
    path.write_text("terms:\n  title: " + "x" * 2_000_000 + "\n")
    with pytest.raises(InputFileError, match="above the 1 MB limit"):
        read_corrections(path, "eng", "sha")


CREDIT_MODELS_YAML = """terms:
  credit_monthly_cap_pct: 10
  credit_yearly_cap_pct: 10
service_levels:
  - {metric_id: availability, metric_name: Availability, unit: percent, direction: higher, expected: 99.8,
     credit_model: tiered by attainment, credit_tiers: "99.8:2;  98:3"}
  - {metric_id: p1, metric_name: P1 resolved in 4 hours, unit: percent, direction: higher, expected: 95,
     threshold: 4, threshold_unit: hours, credit_model: flat % per failure, credit_pct: 5}
  - {metric_id: p2, metric_name: P2, unit: percent, direction: higher, expected: 90, threshold: 8,
     threshold_unit: hourz, credit_model: flat, credit_tiers: "99.8-2"}
"""


def test_credit_models_and_thresholds_load_and_their_typos_are_named(tmp_path):
    path = tmp_path / "eng.yml"
    path.write_text(CREDIT_MODELS_YAML)
    out = read_corrections(path, "eng", "sha")
    assert {t.field: t.value for t in out.terms} == {"credit_monthly_cap_pct": "10", "credit_yearly_cap_pct": "10"}
    levels = {s.metric_id: s for s in out.sla_terms}
    assert set(levels) == {"availability", "p1"}  # the row with typos changes nothing
    assert levels["availability"].credit_tiers == "99.8:2; 98:3"
    assert (levels["p1"].threshold, levels["p1"].threshold_unit, levels["p1"].credit_pct) == (4, "hours", 5)
    messages = " | ".join(p["message"] for p in out.problems)
    assert "line 10" in messages and "did you mean 'hours'" in messages
    assert "credit_model 'flat' is not one of" in messages and "level:percent pairs" in messages


def test_a_credit_per_step_short_is_entered_by_hand_and_its_wrong_values_are_named(tmp_path):
    path = tmp_path / "eng.yml"
    path.write_text(
        """service_levels:
  - {metric_id: availability, metric_name: Availability, unit: percent, direction: higher, expected: 99.9,
     credit_model: "% per step short", credit_pct: 2, credit_step: 0.1, credit_part_step_counts: yes}
  - {metric_id: restore, metric_name: Restore, unit: hours, direction: lower, expected: 4,
     credit_model: "% per step short", credit_pct: 1, credit_step: 0, credit_part_step_counts: sometimes}
  - {metric_id: answer, metric_name: Answer, unit: percent, direction: higher, expected: 80,
     credit_model: "% per step short", credit_pct: 1}
"""
    )
    out = read_corrections(path, "eng", "sha")
    [level] = out.sla_terms
    assert (level.credit_model, level.credit_pct, level.credit_step, level.credit_part_step_counts) == (
        "% per step short",
        2,
        0.1,
        True,
    )
    messages = " | ".join(p["message"] for p in out.problems)
    assert "credit_step is the shortfall one credit_pct buys: > 0" in messages
    assert "credit_part_step_counts is true or false" in messages
    assert "a credit per step short needs credit_pct and credit_step" in messages  # no step: no price


def test_a_credit_per_hour_of_outage_is_entered_by_hand_and_a_level_that_tells_no_hours_is_named(tmp_path):
    path = tmp_path / "eng.yml"
    path.write_text(
        """service_levels:
  - {metric_id: availability, metric_name: Availability, unit: percent, direction: higher, expected: 99.9,
     credit_model: "% per hour of outage", credit_pct: 3.33, credit_part_step_counts: true}
  - {metric_id: answered, metric_name: Calls answered, unit: count, direction: higher, expected: 500,
     credit_model: "% per hour of outage", credit_pct: 1}
  - {metric_id: downtime, metric_name: Downtime, unit: minutes, direction: lower, expected: 45,
     credit_model: "% per hour of outage"}
"""
    )
    out = read_corrections(path, "eng", "sha")
    [level] = out.sla_terms
    assert (level.credit_model, level.credit_pct, level.credit_step, level.credit_part_step_counts) == (
        "% per hour of outage",
        3.33,
        1.0,
        True,
    )
    messages = [p["message"] for p in out.problems]
    assert sum("a credit per hour of outage needs credit_pct" in m for m in messages) == 2, messages


def _sample_value(field: str) -> tuple[str, str]:
    """A value a person would write for the field, and what the warehouse keeps."""
    if field in NUMERIC_CONTRACT_FIELDS:
        return "12", "12"
    if field in DATE_FIELDS:
        return "2025-01-31", "2025-01-31"
    return {
        "currency": ("eur", "EUR"),
        "auto_renewal": ("yes", "true"),
        "missing_report_deemed_default": ("yes", "true"),
        "coverage_hours": ("'Monday to Friday, 8:00 to 18:00'", "mon-fri 08:00-18:00"),
        "ticket_month_basis": ("Opened", "opened"),
    }.get(field, ("written by hand", "written by hand"))


@pytest.mark.parametrize("field", HAND_ENTRY_FIELDS)
def test_every_field_the_spec_marks_hand_enterable_can_be_entered_by_hand(tmp_path, field):
    """#31: each field the spec (var contract_fields) lets a person set is accepted, typed as the spec says
    (coverage_hours and ticket_month_basis among them, once refused as unknown)."""
    written, kept = _sample_value(field)
    path = tmp_path / "eng.yml"
    path.write_text(f"terms:\n  {field}: {written}\n")
    out = read_corrections(path, "eng", "sha")
    assert out.problems == [], out.problems
    assert [(t.field, t.value) for t in out.terms] == [(field, kept)]


@pytest.mark.parametrize(
    "field, value",
    [
        ("coverage_hours", "whenever"),
        ("coverage_hours", "'mon-fri 08:00-18:00 tz Europe/Atlantis'"),  # a zone the database does not know
        ("ticket_month_basis", "closed"),
    ],
)
def test_a_ticket_setting_that_cannot_be_used_is_named(tmp_path, field, value):
    path = tmp_path / "eng.yml"
    path.write_text(f"terms:\n  {field}: {value}\n")
    out = read_corrections(path, "eng", "sha")
    assert out.terms == [] and field in out.problems[0]["message"]


def test_every_field_a_term_rule_reads_can_be_corrected_by_hand():
    """#31: ticket_month_basis and coverage_hours were read from contracts and used by the marts, yet refused
    as unknown fields in a corrections file. A rule's field must be one a person can enter ('party' rules
    feed client and vendor, which are)."""
    from etl.contracts.term_rules import RULES

    read = {r.field for r in RULES.values()} - {"party"}
    assert read <= set(CONTRACT_FIELDS), read - set(CONTRACT_FIELDS)
