"""#32, #34: the share of the charges at risk for service levels, in four wordings of our own, annotated before the
reader was run on them; and two shares of the charges that put nothing at risk. All six were read right at first
sight (e4278af)."""

import pytest

from etl.contracts.terms import extract_from_pages
from etl.pdf_document import PdfPage


def _at_risk(sentence: str) -> float | None:
    page = "Schedule 5 Service Credits\n" + sentence + "\n"
    terms = extract_from_pages([PdfPage(1, page, [])], "e", "s").terms
    value = next((t.value for t in terms if t.field == "at_risk_pct"), None)
    return None if value is None else float(value)


@pytest.mark.parametrize(
    ("sentence", "pct"),
    [
        ("The Amount at Risk is twelve percent (12%) of the Monthly Charges.", 12.0),
        ("Up to 10% of the monthly fees are at risk for failures to meet the Service Levels.", 10.0),
        ("The Supplier places 15% of its monthly charges at risk against the Critical Service Levels.", 15.0),
        ("At-Risk Amount: 8% of the Charges for the month.", 8.0),
    ],
)
def test_the_share_at_risk_in_other_words_is_read(sentence, pct):
    assert _at_risk(sentence) == pct


@pytest.mark.parametrize(
    "sentence",
    [
        "A deposit of 10% of the annual charges is payable on signature.",
        "The Customer may withhold 5% of any invoice it disputes in good faith.",
    ],
)
def test_a_share_of_the_charges_that_puts_nothing_at_risk_is_not_read(sentence):
    assert _at_risk(sentence) is None
