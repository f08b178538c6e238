"""The evaluation command on the CUAD dev set in ../shared: accuracy floors at what extraction reached.

Floors are the measured accuracies (eval-contracts on the 60-contract dev set), so a regression fails.
Skipped only where ../shared is absent.
"""

import pytest

from etl.evaluation.contract_eval import evaluate, format_report
from tests.conftest import ROOT

GOLD = ROOT.parent / "shared" / "cuad" / "gold.jsonl"

FLOORS = {
    "Document Name": 0.833,
    "Parties": 0.866,
    "Agreement Date": 0.933,
    "Effective Date": 0.866,
    "Expiration Date": 0.816,
    "Renewal Term": 0.85,
    "Notice Period to Terminate Renewal": 0.9,
    "Governing Law": 0.966,
    "Termination for Convenience": 0.883,
    "Change of Control": 0.9,
    "Anti-Assignment": 0.9,
    "Exclusivity": 0.9,
    "Price Restrictions": 0.9,
    "Minimum Commitment": 0.9,
    "Volume Restriction": 0.883,
    "IP Ownership Assignment": 0.866,
    "Post-Termination Services": 0.85,
    "Audit Rights": 0.9,
    "Uncapped Liability": 0.9,
    "Cap on Liability": 0.916,
    "Liquidated Damages": 0.883,
    "Warranty Duration": 0.9,
    "Insurance": 0.95,
}
PARTIES_F1_FLOOR = 0.957

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/cuad is not beside the project")


@pytest.fixture(scope="module")
def result():
    return evaluate(GOLD, workers=2)


def test_every_contract_is_scored(result):
    assert result["contracts"] == 60
    assert result["unreadable"] == {}
    assert all(f["n"] == 60 for f in result["fields"].values())
    assert result["pages"] > 900


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_accuracy_floor(result, label):
    assert result["fields"][label]["accuracy"] >= FLOORS[label]


def test_parties_f1_floor(result):
    assert result["fields"]["Parties"]["f1"] >= PARTIES_F1_FLOOR


def test_report_prints_every_field_and_throughput(result):
    text = format_report(result)
    assert all(label in text for label in FLOORS)
    assert "pages/s" in text
