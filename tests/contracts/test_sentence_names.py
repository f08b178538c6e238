"""#30: a level read from a sentence is named by what it measures, so that a person can read and map it: the
subject and what must happen to it, never the whole sentence with its modal and its bound (the sentence stays
the row's source). Sentences in our own wording, names annotated before the reader was run on them: at first
sight it read the levels of 6 of the 8 and named 1 of them so (the others by the whole sentence, or by the duty
of "Vendor invoices" taken for a party)."""

import pytest

from tests.contracts.paraphrase import sentence_rows

NAMED = [
    (
        "Purchase orders shall be issued within two business days of an approved requisition.",
        ("Purchase orders issued", 2.0, "business days"),
    ),
    (
        "At least 92% of new starters shall receive their equipment on their first day.",
        ("new starters receive their equipment on their first day", 92.0, "percent"),
    ),
    (
        "Vendor invoices must be matched to a purchase order within 3 business days for 95% of invoices.",
        ("Vendor invoices matched to a purchase order within 3 business days", 95.0, "percent"),
    ),
    (
        "Replacement laptops are to be shipped within 24 hours of an approved request.",
        ("Replacement laptops shipped", 24.0, "hours"),
    ),
    (
        "No more than 1.5% of payslips may contain an error in any pay period.",
        ("payslips contain an error in any pay period", 1.5, "percent"),
    ),
    (
        "Ninety-seven percent of cheques received shall be deposited on the day of receipt.",
        ("cheques received deposited on the day of receipt", 97.0, "percent"),
    ),
    (
        "The Service Provider shall answer 85% of calls within 30 seconds.",
        ("answer 85% of calls within 30 seconds", 85.0, "percent"),
    ),
    (
        "Lost baggage claims shall be settled within 10 days in 90% of cases.",
        ("Lost baggage claims settled within 10 days", 90.0, "percent"),
    ),
]


@pytest.mark.parametrize(("sentence", "row"), NAMED, ids=[s[:40] for s, _ in NAMED])
def test_a_sentences_level_is_named_by_its_subject_and_what_must_happen_to_it(sentence, row):
    rows = sentence_rows(sentence)
    assert [(t.metric_name, t.expected, t.unit) for t in rows] == [row]


# written after the names above were read right, for the two forms whose names were still the whole sentence: a
# time stated before its bound, and what "is required within" a time
LATER = [
    (
        "Ten minutes is the longest a caller may wait for a response.",
        ("time a caller may wait for a response", 10.0, "minutes"),
    ),
    (
        "Restoration of a failed disk is required within eight (8) hours.",
        ("Restoration of a failed disk", 8.0, "hours"),
    ),
    # a share opened by "less than", as the sentence cue already took it
    (
        "Less than 2% of payslips may contain an error in any pay period.",
        ("payslips contain an error in any pay period", 2.0, "percent"),
    ),
]


@pytest.mark.parametrize(("sentence", "row"), LATER, ids=[s[:40] for s, _ in LATER])
def test_a_time_before_its_bound_or_required_within_is_named_by_what_it_times(sentence, row):
    test_a_sentences_level_is_named_by_its_subject_and_what_must_happen_to_it(sentence, row)
