"""#30: one sentence that states a level's target and, beside it, its floor (the minimum no month may pass):
labelled ("the Minimum Service Level is 85%", "97% (Minimum)") or as a bound ("and in no event less than 99.5%",
"it must never exceed 8%"). Written in our own wording and annotated before the reader was run on them: at first
sight every target, unit and direction was read and no floor (0 of 8 rows whole). The names were judged after:
at first sight three were the party's whole duty or clause."""

from __future__ import annotations

import pytest

from etl.contracts.level_prose import with_floor
from etl.contracts.level_rules import Level
from tests.contracts.paraphrase import sentence_rows

# sentence, (name, expected, minimum, unit, direction, threshold, threshold unit)
SENTENCES = [
    (
        "The Supplier shall ensure that the Hosted Platform is Available for not less than 99.8% of each Measurement "
        "Period, and in no event less than 99.5%.",
        ("Hosted Platform Available", 99.8, 99.5, "percent", "higher", None, None),
    ),
    (
        "Invoice processing accuracy shall be at least 99.0% (Expected) and never below 97.5% (Minimum), measured "
        "monthly.",
        ("Invoice processing accuracy", 99.0, 97.5, "percent", "higher", None, None),
    ),
    (
        "The Average Speed of Answer for inbound calls shall not exceed 30 seconds, with a Minimum Service Level of "
        "45 seconds.",
        ("The Average Speed of Answer for inbound calls", 30.0, 45.0, "seconds", "lower", None, None),
    ),
    (
        "Not less than 90% of Severity 2 Incidents shall be Resolved within 8 hours; the Minimum Service Level is 85%.",
        ("Severity 2 Incidents Resolved within 8 hours", 90.0, 85.0, "percent", "higher", 8.0, "hours"),
    ),
    (
        "Backups: the Supplier will complete 99% of scheduled backups successfully each month (Minimum Service "
        "Level: 97%).",
        ("complete 99% of scheduled backups successfully each month", 99.0, 97.0, "percent", "higher", None, None),
    ),
    (
        "The Service Provider must keep the call abandonment rate at or below 5% in each month, and it must never "
        "exceed 8%.",
        ("call abandonment rate", 5.0, 8.0, "percent", "lower", None, None),
    ),
    (
        "Customer satisfaction, measured by quarterly survey, shall average 4.2 out of 5 or higher, and not fall "
        "below 3.8.",
        ("Customer satisfaction, measured by quarterly survey", 4.2, 3.8, "score", "higher", None, None),
    ),
    (
        "Mean time to restore a failed server shall be no more than 4 hours, and shall in no month exceed 6 hours.",
        ("Mean time to restore a failed server", 4.0, 6.0, "hours", "lower", None, None),
    ),
]


@pytest.mark.parametrize(("sentence", "row"), SENTENCES, ids=[r[0][:30] for _, r in SENTENCES])
def test_a_floor_stated_beside_the_target_is_the_minimum(sentence, row):
    got = [
        (t.metric_name, t.expected, t.minimum, t.unit, t.direction, t.threshold, t.threshold_unit)
        for t in sentence_rows(sentence)
    ]
    assert got == [row]


AVAILABILITY = Level(95.0, "percent", "higher")
RESTORE = Level(4.0, "hours", "lower")


@pytest.mark.parametrize(
    ("level", "sentence"),
    [
        # a bound on another measure, whose words run the other way: no floor of the first
        (AVAILABILITY, "At least 95% of calls shall be answered within 20 seconds, and not more than 5% abandoned."),
        # a bound in another unit
        (AVAILABILITY, "Availability shall be at least 95%, measured over not less than 30 days."),
        # a "minimum" on the better side is no floor
        (RESTORE, "Restoration within 4 hours, and a minimum of 2 hours' notice of planned work."),
    ],
)
def test_no_floor_is_taken_from_another_measure_unit_or_side(level, sentence):
    assert with_floor(level, sentence).minimum is None
