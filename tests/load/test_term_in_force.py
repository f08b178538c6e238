"""The load check uses the term in force: a contract that renews by itself takes today's reports."""

from pathlib import Path

import pandas as pd
import pytest

from etl.load.batch import build_batch, known_metric_keys, term_end_in_force
from etl.load.validation import validate
from etl.records import ExtractedFile, Measurement, Provenance
from tests.load.test_suites import PARAMS


@pytest.mark.parametrize(
    ("terms", "end"),
    [
        ({"expiry_date": "2009-12-31"}, "2009-12-31"),
        ({"expiry_date": "2009-12-31", "auto_renewal": "true", "renewal_term_months": "12"}, None),
        ({"expiry_date": "2009-12-31", "auto_renewal": "true", "renewal_term_months": "perpetual"}, None),
        # renews, but for no stated term: the first term is all that is known to be in force
        ({"expiry_date": "2009-12-31", "auto_renewal": "true"}, "2009-12-31"),
        ({"expiry_date": "2009-12-31", "auto_renewal": "false", "renewal_term_months": "12"}, "2009-12-31"),
        ({"expiry_date": "perpetual"}, None),
        # terminated early: the end, renewing or not; a termination after the end in force changes nothing
        (
            {
                "expiry_date": "2009-12-31",
                "auto_renewal": "true",
                "renewal_term_months": "12",
                "termination_date": "2012-03-15",
            },
            "2012-03-15",
        ),
        ({"expiry_date": "2009-12-31", "termination_date": "2009-06-30"}, "2009-06-30"),
        ({"expiry_date": "2009-12-31", "termination_date": "2010-06-30"}, "2009-12-31"),
        ({"termination_date": "2010-06-30"}, "2010-06-30"),
    ],
)
def test_the_term_end_a_report_is_checked_against(terms, end):
    assert term_end_in_force(terms) == end


def _report(engagement: str, period: str) -> ExtractedFile:
    m = Measurement(engagement, "Availability", period, "99.9%", 99.9, None, "row 2", Provenance("sha", 0, "x"))
    return ExtractedFile(
        f"reports/{engagement}/r.csv", f"sha-{engagement}", "report", engagement, "extracted", measurements=[m]
    )


def test_an_evergreen_contracts_current_reports_load_and_an_expired_ones_do_not():
    known = {
        "renews": {
            "effective_date": "2007-01-01",
            "expiry_date": "2009-12-31",
            "auto_renewal": "true",
            "renewal_term_months": "12",
            "currency": "USD",
        },
        "ended": {
            "effective_date": "2007-01-01",
            "expiry_date": "2009-12-31",
            "auto_renewal": "false",
            "currency": "USD",
        },
    }
    sla = pd.DataFrame(
        [
            {"engagement_id": e, "metric_id": "availability", "metric_name": "Availability", "unit": "percent"}
            for e in known
        ]
    )
    batch = build_batch(
        [_report("renews", "2026-10"), _report("ended", "2026-10")],
        sla,
        Path("/nonexistent"),
        known,
        run_month="2026-11-01",
    )
    keys = known_metric_keys({f"{e}/availability" for e in known})
    outcome = validate({"measurements": batch.measurements}, {**PARAMS, "known_metric_keys": keys}, docs_root=None)
    failing = dict(zip(batch.measurements.row_id, batch.measurements.engagement_id))
    by_engagement = {failing[f.row_id]: f.message for f in outcome.failures}
    assert set(by_engagement) == {"ended"}
    assert "after the contract term" in by_engagement["ended"]


def test_a_contract_renewing_for_an_unlimited_period_loads_beside_the_others():
    """A renewal read as 'perpetual' is a term, not a number of months: building the batch once failed on it, and
    with it the load of every engagement in the run."""
    from etl.records import ContractTerm

    terms = [
        ContractTerm("evergreen", field, value, 0.9, Provenance("sha-c", 1, value))
        for field, value in (("auto_renewal", "true"), ("renewal_term_months", "perpetual"), ("annual_charges", "x"))
    ]
    contract = ExtractedFile(
        "contracts/evergreen.pdf", "sha-c", "contract", "evergreen", "extracted", contract_terms=terms
    )
    batch = build_batch([contract], pd.DataFrame(columns=["engagement_id", "metric_id"]), Path("/nonexistent"))
    row = batch.contracts.iloc[0]
    assert pd.isna(row.renewal_term_months) and pd.isna(row.annual_charges)  # unknown, not a failure, not 0
