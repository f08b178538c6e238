"""Two levels in one sentence (#30): a level per coverage window or site, a response and a resolution time for
one grade, a share answered in time beside a share abandoned, two channels' reply times. Sentences in our own
wording, annotated before the reader was run on them; the shared annotation notes make such a sentence two rows.
The last sentence states two notice periods, which are no levels. At first sight (74c6644) 7 of the 12 rows
were read (2 of the 6 sentences whole), and the notice periods gave none."""

import pytest

from tests.contracts.paraphrase import sentence_levels, sentence_rows


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        (
            "Portal availability shall be at least 99.5% during business hours and at least 98% outside business "
            "hours.",
            [(99.5, "higher", "percent", None, None), (98.0, "higher", "percent", None, None)],
        ),
        (
            "The Supplier shall respond to Priority 1 incidents within 15 minutes and resolve them within 4 hours.",
            [(15.0, "lower", "minutes", None, None), (4.0, "lower", "hours", None, None)],
        ),
        (
            "Priority 2 incidents: response within 30 minutes, resolution within 8 hours.",
            [(30.0, "lower", "minutes", None, None), (8.0, "lower", "hours", None, None)],
        ),
        (
            "At least 95% of calls shall be answered within 20 seconds and no more than 3% shall be abandoned.",
            [(95.0, "higher", "percent", 20.0, "seconds"), (3.0, "lower", "percent", None, None)],
        ),
        (
            "Email enquiries shall receive a reply within 4 business hours, and written complaints within 5 "
            "business days.",
            [(4.0, "lower", "business hours", None, None), (5.0, "lower", "business days", None, None)],
        ),
        (
            "The network shall be available 99.9% of the time at the data centres and 99.5% at branch offices.",
            [(99.9, "higher", "percent", None, None), (99.5, "higher", "percent", None, None)],
        ),
    ],
)
def test_two_levels_in_one_sentence_are_two_rows(sentence, levels):
    assert sentence_levels(sentence) == levels


def test_two_notice_periods_in_one_sentence_are_no_levels():
    assert (
        sentence_levels("Either party may terminate on 30 days' notice, or on 10 days' notice for non-payment.") == []
    )


def _names(sentence: str) -> list[str]:
    return [t.metric_name for t in sentence_rows(sentence)]


def test_each_of_two_levels_is_named_by_its_subject_and_where_it_holds():
    both = _names(
        "Portal availability shall be at least 99.5% during business hours and at least 98% outside business hours."
    )
    assert both == ["Portal availability during business hours", "Portal availability outside business hours"]
    assert _names(
        "Email enquiries shall receive a reply within 4 business hours, and written complaints within 5 business days."
    ) == ["Email enquiries receive a reply", "written complaints receive a reply"]


@pytest.mark.parametrize(
    "sentence",
    [
        # one level whose name or bound holds "and"
        "Hardware and software incidents shall be resolved within 4 hours.",
        "Calls shall be answered within 20 seconds between 8:00 and 18:00.",
        "Major incidents shall be resolved within 4 hours and 30 minutes.",
    ],
)
def test_and_inside_one_level_makes_one_row(sentence):
    assert len(sentence_levels(sentence)) == 1


def test_a_defined_service_level_is_named_by_its_term_whatever_quote_closes_it():
    sentence = "The \u201cPortal Service Level \u201c means that the portal shall be available 99.5% of the time."
    assert _names(sentence) == ["Portal Service Level"]


def test_a_share_straight_after_the_state_leaves_the_state_in_the_name():
    assert _names("The portal will be accessible 99.5% of each month.") == ["The portal accessible"]
