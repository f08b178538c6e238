"""#30: back-office and knowledge-work levels (correspondence, claims, payments, research, payroll, screening) in
sentences of our own wording, shapes the other sentence sets do not hold: a share as "n out of m" or "n in every
m", the level as a target or an expectation, "no worse than", a time and then the share of requests it holds for.
Annotated before the reader was run on them: (expected, direction, unit, threshold, threshold unit). At first
sight (ed2b350) 4 of the 10 were read, and "85 points or better out of 100" gave a score of 8; 8 of 10 now.
"""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import sentence_levels

SENTENCES = [
    (
        "Nine out of ten correspondence items shall receive a reply within five business days.",
        [(90.0, "higher", "percent", 5.0, "business days")],
    ),
    (
        "The vendor is expected to keep the claims backlog to a maximum of 200 open items.",
        [(200.0, "lower", "count", None, None)],
    ),
    ("Translation accuracy is to be no worse than 98%.", [(98.0, "higher", "percent", None, None)]),
    (
        "The target for invoice processing cycle time is 3 business days or less.",
        [(3.0, "lower", "business days", None, None)],
    ),
    (
        "Each month, at least 97 in every 100 vendor payments must be released on their due date.",
        [(97.0, "higher", "percent", None, None)],
    ),
    (
        "The research desk shall turn around standard requests in no more than 48 hours for 90% of requests.",
        [(90.0, "higher", "percent", 48.0, "hours")],
    ),
    (
        "Call quality audits must score an average of 85 points or better out of 100.",
        [(85.0, "higher", "score", None, None)],
    ),
    (
        "The onboarding team shall complete background checks within 7 calendar days of a candidate's acceptance.",
        [(7.0, "lower", "days", None, None)],
    ),
    (
        "Payroll shall be error-free for at least 99.9% of employees each pay period.",
        [(99.9, "higher", "percent", None, None)],
    ),
    (
        "Unplanned downtime of the document management system shall not exceed 4 hours per month.",
        [(4.0, "lower", "hours", None, None)],
    ),
]


# not read yet, each for its reason; strict, so that reading one fails here until its mark goes
NOT_YET = {
    "The vendor is expected to keep the claims backlog": "a cap on a backlog of items that are no faults",
    "The onboarding team shall complete background": "work done within a time, in a sentence with no level cue",
}


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        pytest.param(
            sentence,
            levels,
            marks=[
                pytest.mark.xfail(strict=True, reason=why) for key, why in NOT_YET.items() if sentence.startswith(key)
            ],
        )
        for sentence, levels in SENTENCES
    ],
    ids=[s[:40] for s, _ in SENTENCES],
)
def test_each_back_office_sentence_gives_its_level(sentence, levels):
    assert sentence_levels(sentence) == levels
