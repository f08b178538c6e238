import json

import pytest

from etl.contracts.terms import extract_contract
from etl.intake.inbox import file_sha256
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text())
CONTRACTS = sorted(TRUTH["contracts"])
SCALAR_FIELDS = [
    "engagement_type",
    "client",
    "vendor",
    "agreement_date",
    "effective_date",
    "expiry_date",
    "initial_term_months",
    "auto_renewal",
    "renewal_term_months",
    "notice_period_days",
    "governing_law",
    "currency",
    "annual_charges",
    "pricing_model",
    "cost_baseline",
    "committed_savings_pct",
    "at_risk_pct",
]


def _normal(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"{float(value):g}" if abs(value) < 1e6 else f"{float(value):.2f}"
    return str(value)


@pytest.fixture(scope="module", params=CONTRACTS)
def extracted(request):
    path = SAMPLES / request.param
    truth = TRUTH["contracts"][request.param]
    return truth, extract_contract(path, truth["engagement_id"], file_sha256(path))


def test_every_contract_field_matches_ground_truth(extracted):
    truth, result = extracted
    got = {t.field: t.value for t in result.terms}
    mismatches = {f: (truth[f], got.get(f)) for f in SCALAR_FIELDS if got.get(f) != _normal(truth[f])}
    assert mismatches == {}


def test_repeated_default_multiplier_is_read_where_the_contract_has_one(extracted):
    truth, result = extracted
    got = {t.field: t.value for t in result.terms}
    if truth["repeat_default_months"]:
        assert (got["repeat_default_months"], got["repeat_default_multiplier"]) == (
            str(truth["repeat_default_months"]),
            _normal(truth["repeat_default_multiplier"]),
        )
    else:
        assert "repeat_default_months" not in got and "repeat_default_multiplier" not in got


def test_earn_back_terms_are_read_where_the_contract_has_them(extracted):
    truth, result = extracted
    got = {t.field: t.value for t in result.terms}
    assert got.get("earn_back_months", "0") == str(truth["earn_back_months"])


def test_title_is_read_from_the_cover(extracted):
    truth, result = extracted
    got = {t.field: t.value for t in result.terms}
    assert got["title"].casefold() == truth["title"].casefold()


def test_every_sla_row_matches_ground_truth(extracted):
    truth, result = extracted
    got = [
        {
            "metric": s.metric_name,
            "unit": s.unit,
            "direction": s.direction,
            "baseline": s.baseline,
            "expected": s.expected,
            "minimum": s.minimum,
            "allocation_pct": s.allocation_pct,
            "window": s.measurement_window,
        }
        for s in result.sla_terms
    ]
    assert got == truth["sla"]


def test_each_value_carries_provenance_that_contains_it(extracted):
    truth, result = extracted
    sha = file_sha256(SAMPLES / f"contracts/{truth['engagement_id']}.pdf")
    for term in result.terms:
        assert term.provenance.file_sha256 == sha
        assert 1 <= term.provenance.page <= result.pages
        assert 0 < term.confidence <= 1
        assert term.provenance.source_text, term.field
    for sla in result.sla_terms:
        assert sla.metric_name in sla.provenance.source_text


def test_sla_schedule_split_across_pages_is_joined():
    truth = TRUTH["contracts"]["contracts/bpo-contact-meridian.pdf"]
    result = extract_contract(SAMPLES / "contracts/bpo-contact-meridian.pdf", truth["engagement_id"], "x")
    pages = {s.provenance.page for s in result.sla_terms}
    assert len(pages) == 2 and len(result.sla_terms) == len(truth["sla"])


SCANNED = {rel: TRUTH["contracts"][source] for rel, source in TRUTH["scanned"].items()}


@pytest.fixture(scope="module", params=sorted(SCANNED))
def scanned(request):
    truth = SCANNED[request.param]
    return truth, extract_contract(SAMPLES / request.param, truth["engagement_id"], "sha")


@pytest.mark.slow
def test_scanned_contract_is_ocred_and_extracted_like_the_original(scanned):
    truth, result = scanned
    got = {t.field: t.value for t in result.terms}
    assert got["text_source"] == "ocr"
    mismatches = {f: (truth[f], got.get(f)) for f in SCALAR_FIELDS if got.get(f) != _normal(truth[f])}
    assert mismatches == {}
    assert [(s.metric_name, s.expected, s.minimum, s.allocation_pct) for s in result.sla_terms] == [
        (s["metric"], s["expected"], s["minimum"], s["allocation_pct"]) for s in truth["sla"]
    ]


@pytest.mark.slow
def test_ocred_values_carry_lower_confidence(scanned):
    truth, result = scanned
    original = extract_contract(SAMPLES / f"contracts/{truth['engagement_id']}.pdf", truth["engagement_id"], "sha")
    before = {t.field: t.confidence for t in original.terms}
    after = {t.field: t.confidence for t in result.terms if t.field != "text_source"}
    assert all(after[f] < before[f] for f in after if f in before)
