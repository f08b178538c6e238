"""Every contract-term rule is data with examples (etl/contracts/term_rules.py); here each example runs through
the real extraction as a one-page contract: a positive must give the rule's field a value read by that rule,
a negative must not."""

import re

import pytest

from etl.contracts.term_rules import OTHER_RULE_SOURCES, RULES
from etl.contracts.terms import extract_from_pages
from etl.pdf_document import PdfPage

CASES = [(name, "positive", text) for name, r in RULES.items() for text in r.positives] + [
    (name, "negative", text) for name, r in RULES.items() for text in r.negatives
]


def _rules_fired(text: str) -> dict[str, set[str]]:
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "sha").terms
    fired: dict[str, set[str]] = {}
    for t in terms:
        fired.setdefault(t.extraction_rule, set()).add(t.field)
    return fired


@pytest.mark.parametrize(("name", "kind", "text"), CASES, ids=[f"{n}-{k}-{i}" for i, (n, k, _) in enumerate(CASES)])
def test_each_rule_fires_on_its_positive_examples_and_not_on_its_negative_ones(name, kind, text):
    rule = RULES[name]
    fired = _rules_fired(text)
    if kind == "positive":
        assert rule.field in fired.get(name, set()), (name, fired)
    else:
        assert name not in fired, (name, fired)


def test_every_rule_is_named_for_its_field_has_examples_and_a_confidence_below_one():
    for name, rule in RULES.items():
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", name) and name.split(".")[0] in rule.field, name
        assert rule.positives, name
        assert 0 < rule.confidence < 1 and rule.convention, name


def test_every_value_the_extraction_gives_names_its_rule():
    text = (
        'MASTER SERVICES AGREEMENT\nThis Agreement is made as of March 3, 2015 between Osprey Foods Corp. (the '
        '"Customer") and Quill Research LLC (the "Supplier"). The initial term of this Agreement is three (3) '
        "years. This Agreement shall be governed by the laws of the State of New York. The Supplier shall not "
        "assign this Agreement without the prior written consent of the Customer."
    )
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "sha").terms
    assert {t.field for t in terms} >= {"title", "party", "client", "vendor", "agreement_date", "expiry_date"}
    # each value names a rule of term_rules.py or of a module that keeps its own (clauses, party roles, type)
    unknown = [
        t.extraction_rule
        for t in terms
        if t.extraction_rule not in RULES and not t.extraction_rule.startswith(tuple(OTHER_RULE_SOURCES))
    ]
    assert not unknown, unknown
    by_field = {t.field: t.extraction_rule for t in terms}
    assert by_field["expiry_date"] == "expiry_date.from_initial_term"
    assert by_field["clause:anti_assignment"] == "clause.anti_assignment"


@pytest.mark.parametrize(
    ("cover", "title"),
    [
        (
            "License and Development Agreement\nThis Agreement is made between A Corp. and B Ltd.",
            "License and Development Agreement",
        ),
        ("MASTER SERVICES AGREEMENT\nThis Agreement is made between A Corp. and B Ltd.", "MASTER SERVICES AGREEMENT"),
        ("Exhibit 10.3\nSupply Agreement\nThis Agreement is made between A Corp. and B Ltd.", "Supply Agreement"),
        # an amendment is titled by itself and the agreement it amends
        (
            "AMENDMENT NO. 2 TO MASTER SUPPLY AGREEMENT\nThis Amendment is made between A Corp. and B Ltd.",
            "AMENDMENT NO. 2 TO MASTER SUPPLY AGREEMENT",
        ),
        (
            "Second Amendment to the Services Agreement\nThis Amendment is made between A Corp. and B Ltd.",
            "Second Amendment to the Services Agreement",
        ),
    ],
)
def test_the_title_keeps_its_small_joining_words(cover, title):
    terms = extract_from_pages([PdfPage(1, cover, [])], "e", "sha").terms
    assert [t.value for t in terms if t.field == "title"] == [title]


@pytest.mark.parametrize(
    ("text", "fewest"),
    [(t, n) for t, n in zip(RULES["minimum_monthly_tickets.stated"].positives, (20, 11, 30), strict=True)],
)
def test_a_minimum_ticket_volume_is_the_fewest_tickets_measured(text, fewest):
    """ "fewer than 20" measures 20 and more; "10 or fewer" is not measured, so 11 is the fewest."""
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "sha").terms
    assert [t.value for t in terms if t.field == "minimum_monthly_tickets"] == [str(fewest)]
