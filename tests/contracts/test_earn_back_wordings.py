"""#32: an earn-back of service credits in five wordings of our own (waived, earned back, returned, refunded,
forgiven), annotated before the reader was run on them: each gives the number of months of good performance
that earns a credit back. At first sight (7d59264) 2 of 5: the level "met" was known only in the past tense after
"waived" or "returned", and a credit "forgiven" after no further failure not at all."""

import pytest

from etl.contracts.terms import extract_from_pages
from etl.pdf_document import PdfPage


def _earn_back(sentence: str) -> str | None:
    page = "Schedule 5 Service Credits\n" + sentence + "\n"
    terms = extract_from_pages([PdfPage(1, page, [])], "e", "s").terms
    return next((t.value for t in terms if t.field == "earn_back_months"), None)


@pytest.mark.parametrize(
    ("sentence", "months"),
    [
        (
            "Service Credits will be waived if the Supplier meets the Service Level in each of the three (3) months "
            "following the failure.",
            "3",
        ),
        (
            "The Supplier may earn back a Service Credit by achieving the Expected Service Level for the next 3 "
            "consecutive months.",
            "3",
        ),
        (
            "Any credit paid is returned to the Supplier where performance meets the target in each of the following "
            "six months.",
            "6",
        ),
        (
            "Earn-back: a credit is refunded if the Service Level is met for the two months after it is incurred.",
            "2",
        ),
        (
            "Credits are forgiven if no further failure of that Service Level occurs within the next 4 months.",
            "4",
        ),
    ],
)
def test_an_earn_back_in_other_words_gives_its_months(sentence, months):
    assert _earn_back(sentence) == months
