"""Shares written as ratios or as decimals in words (#30) read as the percentages they are. Sentences in our own
wording, written before the reader was run on them; the code before this change read none of the three forms."""

import pytest

from etl.contracts.level_text import normalise
from tests.contracts.paraphrase import sentence_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 99 out of every 100 runs", "At least 99% of runs"),
        ("No more than 1 in 200 shipments", "No more than 0.5% of shipments"),
        ("Fewer than 2 in every 1,000 transactions", "Fewer than 0.2% of transactions"),
        ("resolve 19 out of 20 Priority 2 incidents", "resolve 95% of Priority 2 incidents"),
        ("on at least 49 of every 50 nights", "on at least 98% of nights"),
        ("not more than one (1) in every fifty (50) orders", "not more than 2% of orders"),
        ("no less than ninety-nine point five percent", "no less than 99.5%"),
        ("ninety-nine point zero five percent", "99.05%"),
        # no ratios: a grade and its time, a period, a score out of a small scale, a part larger than the whole
        ("Priority 1 in 4 hours", "Priority 1 in 4 hours"),
        ("Severity 1 in 24 hours", "Severity 1 in 24 hours"),
        ("once in 12 months", "once in 12 months"),
        ("1 in 5 years", "1 in 5 years"),
        ("4.2 out of 5 or higher", "4.2 out of 5 or higher"),
        ("3 of 12 checks", "3 of 12 checks"),
        ("30 in 20 cases", "30 in 20 cases"),
    ],
)
def test_a_ratio_or_a_decimal_in_words_is_written_as_a_share(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("No more than 1 in 200 shipments shall be delivered to the wrong address.", (0.5, "lower", None)),
        # what the class shall or may do is its standard, and "fewer than" bounds it as "no more than" does
        (
            "At least 99 out of every 100 scheduled batch runs shall complete without manual intervention.",
            (99.0, "higher", None),
        ),
        ("Fewer than 2 in every 1,000 transactions may contain a keying error.", (0.2, "lower", None)),
        ("The Supplier shall resolve 19 out of 20 Priority 2 incidents within 8 hours.", (95.0, "higher", 8.0)),
        (
            "Availability of the portal shall be no less than ninety-nine point five percent in each month.",
            (99.5, "higher", None),
        ),
    ],
)
def test_a_level_written_as_a_ratio_is_read_as_its_share(sentence, level):
    rows = sentence_rows(sentence)
    assert [(t.expected, t.direction, t.threshold) for t in rows] == [level]
