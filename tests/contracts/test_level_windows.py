"""#30, #32: the period a level is measured over, as sentences state it ("in each calendar quarter", "measured
weekly", "in any rolling twelve-month period", "on a daily basis"). A level measured quarterly and priced monthly
is priced three times over, so the window is part of the row. Sentences in our own wording, annotated before the
reader was run on them, on a page that says nothing of the window elsewhere (the default is monthly). At first sight
(9c2cacc) 1 of 8: a window stated in a sentence was not read at all, and "Invoice accuracy" was taken for money."""

import pytest

from tests.contracts.paraphrase import sentence_rows


def _read(sentence: str) -> list[tuple]:
    rows = sentence_rows(sentence)
    return [(t.expected, t.unit, t.measurement_window) for t in rows]


@pytest.mark.parametrize(
    ("sentence", "row"),
    [
        ("Portal availability shall be at least 99.5% in each calendar quarter.", (99.5, "percent", "quarterly")),
        (
            "At least 95% of calls shall be answered within 20 seconds, measured weekly.",
            (95.0, "percent", "weekly"),
        ),
        (
            "Customer satisfaction shall average at least 4.2 out of 5 in each annual survey.",
            (4.2, "score", "yearly"),
        ),
        (
            "No more than two (2) Severity 1 incidents shall occur in any rolling twelve-month period.",
            (2.0, "count", "yearly"),
        ),
        ("Backups shall complete successfully on 99% of nights in each month.", (99.0, "percent", "monthly")),
        ("Invoice accuracy of at least 99% shall be achieved every quarter.", (99.0, "percent", "quarterly")),
        (
            "The average speed of answer shall not exceed 30 seconds on a daily basis.",
            (30.0, "seconds", "daily"),
        ),
        ("The order portal shall be available 99.9% of the time in every calendar year.", (99.9, "percent", "yearly")),
    ],
)
def test_a_level_is_measured_over_the_period_its_sentence_states(sentence, row):
    assert _read(sentence) == [row]


# found while writing the set above: a share stated bare after "shall be" was no level, and "or better" after an
# error rate read as at least
@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("Portal availability shall be 99.9%.", (99.9, "higher")),
        ("System uptime must be 99.95% in every month.", (99.95, "higher")),
        ("The keying error rate will be 0.3% in each month.", (0.3, "lower")),
        ("The keying error rate shall be 0.3% or better.", (0.3, "lower")),
        ("Invoice accuracy of at least 99% shall be achieved every quarter.", (99.0, "higher")),
    ],
)
def test_a_share_stated_bare_or_or_better_takes_its_measures_direction(sentence, level):
    rows = sentence_rows(sentence)
    assert [(t.expected, t.direction) for t in rows] == [level]


@pytest.mark.parametrize(
    "text",
    ["24x7 including public holidays", "within two business days of each business day's close", "a monthly report"],
)
def test_coverage_hours_a_deadline_or_a_reports_frequency_is_no_window(text):
    from etl.contracts.level_rules import stated_window

    assert stated_window(text) is None
