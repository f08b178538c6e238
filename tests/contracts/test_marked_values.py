"""#30: levels as documents mark them: a footnote's asterisk, dagger or number after the value ("99.9%*",
"4 hours†", "95%(1)", "98%¹"), and the decimal comma and spaced percent sign of European drafting ("99,5 %"),
in a ruled and an unruled table and in sentences. Written in our own wording and annotated before the reader
was run on it."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import sentence_levels, table_rows

# name, target cell, minimum cell, (target, minimum, unit, direction)
MARKED = [
    ("Hosting Availability", "99.9%*", "99.5%*", (99.9, 99.5, "percent", "higher")),
    ("Priority 1 Restoration", "4 hours†", "6 hours†", (4.0, 6.0, "hours", "lower")),
    ("Calls Answered in 20 Seconds", "95%(1)", "90%(1)", (95.0, 90.0, "percent", "higher")),
    ("Batch Completion", "98%¹", "96%¹", (98.0, 96.0, "percent", "higher")),
]
EUROPEAN = [
    ("Hosting Availability", "99,9 %", "99,5 %", (99.9, 99.5, "percent", "higher")),
    ("Priority 1 Restoration", "4 Stunden", "6 hours", None),  # a unit in another language: not asked here
    ("Order Accuracy", "99,75 %", "99,0 %", (99.75, 99.0, "percent", "higher")),
    ("Call Abandonment", "2,5 %", "5 %", (2.5, 5.0, "percent", "lower")),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("levels", [MARKED, [r for r in EUROPEAN if r[3]]], ids=["footnote marks", "decimal comma"])
def test_a_marked_or_european_value_is_the_level(tmp_path, ruled, levels):
    rows = table_rows(
        tmp_path / "schedule.pdf",
        [["Service Level", "Target", "Minimum"], *[[n, t, m] for n, t, m, _ in levels]],
        ruled,
        before="The Supplier shall meet each Target and never fall below the Minimum in any month.",
        after="* measured at the network edge. † from the logging of the incident. (1) and ¹ as the Guide defines.",
    )
    assert rows == sorted((n, *level) for n, _, _, level in levels)


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        (
            "The Supplier shall ensure that the Hosting Platform is available 99,9 % of the time.",
            [(99.9, "higher", "percent", None, None)],
        ),
        (
            "Availability of the portal shall be at least 99.8%* in each month.",
            [(99.8, "higher", "percent", None, None)],
        ),
        (
            "The Supplier shall resolve 95 %(2) of incidents within 8 hours.",
            [(95.0, "higher", "percent", 8.0, "hours")],
        ),
    ],
)
def test_a_sentences_marked_or_european_value_is_the_level(sentence, levels):
    assert sentence_levels(sentence) == levels
