"""The sample engagements are data (`samples/engagements.yml`); `samples/generate.py` only writes documents from
them. The committed inbox and its ground truth must be what that data gives: an edit to the YAML without
`make samples` fails here."""

import json
from datetime import date

import yaml

from tests.conftest import SAMPLES

TERMS = {  # ground-truth key -> the engagement's field
    "engagement_type": "type",
    "client": "client",
    "agreement_date": "agreement_date",
    "effective_date": "effective",
    "initial_term_months": "term_months",
    "auto_renewal": "auto_renew",
    "notice_period_days": "notice_days",
    "governing_law": "law",
    "currency": "currency",
    "annual_charges": "annual_charges",
    "cost_baseline": "baseline",
    "committed_savings_pct": "savings_pct",
    "at_risk_pct": "at_risk_pct",
    "pricing_model": "pricing_model",
}


def _engagements() -> list[dict]:
    return yaml.safe_load((SAMPLES / "engagements.yml").read_text())


def test_every_engagement_has_a_contract_with_the_terms_and_levels_its_data_gives():
    truth = json.loads((SAMPLES / "ground_truth.json").read_text())["contracts"]
    engagements = _engagements()
    assert sorted(f"contracts/{e['id']}.pdf" for e in engagements) == sorted(
        k for k in truth if not k.startswith("scanned")
    )
    for e in engagements:
        contract = truth[f"contracts/{e['id']}.pdf"]
        for key, name in TERMS.items():
            value = e[name].isoformat() if isinstance(e[name], date) else e[name]
            assert contract[key] == value, (e["id"], key)
        assert [(s["metric"], s["expected"], s["minimum"], s["unit"]) for s in contract["sla"]] == [
            (s["metric"], s["expected"], s["minimum"], s["unit"]) for s in e["slas"]
        ]
        assert (SAMPLES / "contracts" / f"{e['id']}.pdf").is_file()
