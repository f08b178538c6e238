"""Every paraphrase of one set of support commitments gives the same rows (`tests/contracts/support_matrix.py`).

Times per priority or severity, the commonest service levels of support and maintenance agreements, in 7
layouts x 6 wordings: each case must give exactly one row per grade and measure, with its time and unit, named by
its grade and a word of its measure, and no other row. The last two wordings were written before the reader was
run on them, after it read the first four: it read all 14 of their cases at first sight.
"""

from __future__ import annotations

import pytest

from etl.contracts.graded_levels import READERS, RULES, matrix_times, text_times
from etl.contracts.terms import extract_contract
from tests.contracts import support_matrix
from tests.contracts.support_matrix import COMMITMENTS, LAYOUTS, WORDINGS

# the words any paraphrase of the two measures uses, verb or noun
MEASURE_WORDS = {
    "respond": ("respon", "acknowledg", "reaction", "callback"),
    "resolve": ("resol", "restor", "fix", "repair"),
}


@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_paraphrase_of_the_support_matrix_gives_the_same_rows(tmp_path, layout, wording):
    terms = extract_contract(support_matrix.write(tmp_path / "support.pdf", layout, wording), "e", "sha").sla_terms
    expected = {(c.level, *getattr(c, measure), measure) for c in COMMITMENTS for measure in ("respond", "resolve")}
    read = set()
    for t in terms:
        grade = int(t.severity[-1]) if t.severity else None
        measure = next(
            (m for m, words in MEASURE_WORDS.items() if any(w in t.metric_name.lower() for w in words)), None
        )
        read.add((grade, t.expected, t.unit, measure))
        assert t.direction == "lower" and str(grade) in t.metric_name
    assert read == expected
    assert len(terms) == len(expected)


@pytest.mark.parametrize("wording", support_matrix.WORD_GRADES)
@pytest.mark.parametrize("layout", support_matrix.WORD_LAYOUTS)
def test_grades_named_by_words_under_a_grade_header_give_the_same_rows(tmp_path, layout, wording):
    """A maintenance schedule whose grades are the contract's own words ("Serious (B)", "Degraded") and whose page
    never says service level or response time: the table's shape makes it a schedule, its header names the
    grade column, and each row gives one level per measure."""
    path = support_matrix.write_word_grades(tmp_path / "errors.pdf", layout, wording)
    w = support_matrix.WORD_GRADES[wording]
    expected = {
        (name, *getattr(c, measure), w[measure])
        for name, c in zip(w["names"], COMMITMENTS)
        for measure in ("respond", "resolve")
    }
    terms = extract_contract(path, "e", "sha").sla_terms
    read = {
        (t.severity, t.expected, t.unit, next(m for m in (w["respond"], w["resolve"]) if m in t.metric_name))
        for t in terms
    }
    assert read == expected and len(terms) == len(expected)


def test_word_grades_need_a_header_that_names_the_grade_column():
    lines = "Deliverable Response Resolution\nOutage 15 minutes 4 hours\nDegraded 30 minutes 8 hours"
    assert text_times(lines) == []
    assert [(g.grade, g.measure) for g in text_times(lines.replace("Deliverable", "Category"))][:2] == [
        ("Outage", "Response"),
        ("Outage", "Resolution"),
    ]


def test_there_are_at_least_twenty_layouts_times_wordings():
    assert len(LAYOUTS) * len(WORDINGS) >= 20


def test_a_definition_or_a_share_within_a_time_is_not_a_time_per_grade():
    assert text_times("Severity 1 means a fault that stops production for more than 2 hours.") == []
    assert text_times("Priority 1: 95% of incidents resolved within 4 hours.") == []
    # a time with no measure named, and no header of measures above it, is left to the sentence readers
    assert text_times("Priority 1 incidents: 2 hours.") == []


def test_a_matrix_needs_two_graded_rows_of_durations():
    assert matrix_times([["Priority", "Response"], ["Priority 1", "15 minutes"], ["Notes", "see below"]]) == []
    assert matrix_times([["Item", "Due"], ["Report", "5 days"], ["Plan", "10 days"]]) == []  # no grades
    rows = matrix_times([["Priority", "Response"], ["1", "15 minutes"], ["2", "1 hour"]])
    assert [(g.grade, g.measure, g.value, g.unit) for g in rows] == [
        ("Priority 1", "Response", 15, "minutes"),
        ("Priority 2", "Response", 1, "hours"),
    ]


def test_a_matrix_with_a_header_over_two_columns_names_each_by_both(tmp_path):
    """Severities x (respond, escalate) x (business hours, after hours): a header merged over two columns."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    rows = [
        ["Severity", "Respond", "", "Escalate", ""],
        ["", "Business Hours", "After Hours", "Business Hours", "After Hours"],
        ["Sev 1", "1 hour", "2 hours", "2 hours", "4 hours"],
        ["Sev 2", "4 hours", "8 hours", "1 business day", "2 business days"],
    ]
    table = Table(rows)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (4, 0))])
    )
    pdf = tmp_path / "support.pdf"
    SimpleDocTemplate(str(pdf), pagesize=LETTER).build(
        [Paragraph("Support service levels", getSampleStyleSheet()["Heading2"]), table]
    )
    read = {
        (t.severity, t.metric_name.split(" - ", 1)[1], t.expected, t.unit)
        for t in extract_contract(pdf, "e", "s").sla_terms
    }
    assert read == {
        ("Sev 1", "Respond, Business Hours", 1, "hours"),
        ("Sev 1", "Respond, After Hours", 2, "hours"),
        ("Sev 1", "Escalate, Business Hours", 2, "hours"),
        ("Sev 1", "Escalate, After Hours", 4, "hours"),
        ("Sev 2", "Respond, Business Hours", 4, "hours"),
        ("Sev 2", "Respond, After Hours", 8, "hours"),
        ("Sev 2", "Escalate, Business Hours", 1, "business days"),
        ("Sev 2", "Escalate, After Hours", 2, "business days"),
    }


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_graded_rule_reads_its_examples_and_none_of_its_negatives(rule):
    read = READERS[rule.name]
    for example, (grade, measure, value, unit) in rule.positive:
        first = read(example)[0]
        assert (first.grade, first.measure, first.value, first.unit, first.rule) == (
            grade,
            measure,
            value,
            unit,
            rule.name,
        )
    for example in rule.negative:
        assert not [g for g in read(example) if g.rule == rule.name], example
