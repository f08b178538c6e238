"""Vendor and client from what each party does: every rule's own examples, the vote, and a whole contract whose
parties call themselves by short names only."""

import re

import pytest

from etl.contracts.party_roles import RULES, assign_roles, name_forms
from etl.contracts.terms import extract_contract
from tests.contracts.test_contract_rules import _pdf

ACME = "(?P<party>Acme)"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_matches_its_positive_examples_and_none_of_its_negative_ones(rule):
    assert rule.positive and rule.negative, "a rule without examples cannot be checked"
    rx = rule.compile(ACME)
    for sentence in rule.positive:
        assert rx.search(sentence), f"{rule.name} misses: {sentence}"
    for sentence in rule.negative:
        assert not rx.search(sentence), f"{rule.name} fires on: {sentence}"


def test_name_forms_include_short_names_and_the_name_without_its_legal_suffix():
    forms = name_forms("Northwind Processing Corporation", ["NPC"])
    assert {"Northwind Processing Corporation", "Northwind Processing", "NPC"} <= set(forms)


SENTENCES = [
    "NPC shall provide the Services described in Schedule A to Harbor.",
    "Harbor shall pay the Charges within thirty (30) days of receipt of an invoice.",
    "NPC will perform the hosting services from its data centre.",
    "Either party may terminate this Agreement on ninety days' notice.",
]
PARTIES = {"Northwind Processing Corporation": ["NPC"], "Harbor Savings Bank": ["Harbor"]}


def test_the_party_that_provides_is_the_vendor_and_the_party_that_pays_is_the_client():
    roles = {e.role: e for e in assign_roles(SENTENCES, PARTIES)}
    assert roles["vendor"].party == "Northwind Processing Corporation"
    assert roles["client"].party == "Harbor Savings Bank"
    assert roles["vendor"].votes == 2 and SENTENCES[roles["vendor"].sentence_index].startswith("NPC shall provide")


def test_a_tie_assigns_no_role():
    tied = ["NPC shall provide the Services.", "Harbor shall provide the Services."]
    assert not [e for e in assign_roles(tied, PARTIES) if e.role == "vendor"]


def test_one_party_never_gets_both_roles():
    both = ["NPC shall provide the Services.", "NPC shall pay the fees.", "NPC shall pay the costs."]
    roles = assign_roles(both, PARTIES)
    assert len({e.party for e in roles}) == len(roles)


def test_a_contract_naming_its_parties_by_short_names_gets_vendor_and_client_with_the_evidence(tmp_path):
    path = _pdf(
        tmp_path,
        [
            "TECHNOLOGY OUTSOURCING AGREEMENT\n"
            'This Agreement is made as of March 1, 2024 between Harbor Savings Bank ("Harbor") and\n'
            'Northwind Processing Corporation ("NPC").\n'
            "1. NPC shall provide the data processing services set out in the Services Schedule to Harbor.\n"
            "2. Harbor shall pay the Charges monthly in arrears.\n"
            "3. NPC shall perform the disaster recovery services at its own facility."
        ],
    )
    terms = {t.field: t for t in extract_contract(path, "e", "sha").terms if t.field in ("vendor", "client")}
    assert terms["vendor"].value == "Northwind Processing Corporation"
    assert terms["client"].value == "Harbor Savings Bank"
    assert re.search(r"NPC shall (provide|perform)", terms["vendor"].provenance.source_text)
    assert "Harbor shall pay" in terms["client"].provenance.source_text


def test_a_former_name_and_the_alias_after_it_belong_to_the_party_that_had_it(tmp_path):
    path = _pdf(
        tmp_path,
        [
            "SUPPORT AGREEMENT\n"
            "This Agreement is made on May 1, 2023 by and between Delta Systems LLC, formerly known as Old Delta, Inc.\n"
            '("Delta"), and Ridge Bank, Inc. ("Ridge").\n'
            "1. Delta shall provide the support services in Exhibit A. 2. Ridge shall pay the fees quarterly.\n"
            "3. Delta shall perform the maintenance services remotely."
        ],
    )
    terms = extract_contract(path, "e", "sha").terms
    roles = {t.field: t.value for t in terms if t.field in ("vendor", "client")}
    assert roles == {"vendor": "Delta Systems LLC", "client": "Ridge Bank, Inc."}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a cover's label before a name in a heading is not part of it
        ("EXHIBIT 10.4 OSPREY FOODS CORPORATION", ["OSPREY FOODS CORPORATION"]),
        ("AMENDMENT NO. 2 TO QUILL RESEARCH, LLC", ["QUILL RESEARCH, LLC"]),
        # "CO-" opens a word, it is no company
        ("SCHEDULE 7 CO-PROMOTION TERMS FOR THE PILOT", []),
        # a figure or a sentence's opening before "Company" is no name
        ("The fee is 1.00 Company shares per unit.", []),
        ("Should Company fail to deliver, the Buyer may cancel.", []),
        ("695014 B.C. Ltd. signs as the supplier.", ["695014 B.C. Ltd."]),
        # an ampersand between two words of a name
        ("Heron & Pike Logistics Ltd. signs as the carrier.", ["Heron & Pike Logistics Ltd."]),
        ("DUNMORE, WELLS & FARR, INC. AND OSPREY FOODS CORP.", ["DUNMORE, WELLS & FARR, INC.", "OSPREY FOODS CORP."]),
    ],
)
def test_names_in_a_sentence_are_the_parties_legal_names_alone(sentence, names):
    from etl.contracts.parties import _names_in

    assert [n for n, _ in _names_in(sentence)] == names
