"""A level stated in a sentence is read whichever English comparative bounds it: the reader learns the bound
("shall not fall below", "must stay under", "shall be 5% or less") once, for shares, times and scores alike.

Every sentence here is our own: three measures bounded from above and three from below, each in 19-20 ways
of saying "at most" or "at least". And the same bounds on money, terms and permissions give no level."""

import pytest

from etl.contracts.service_levels import find_levels
from etl.pdf_document import PdfPage

AT_MOST = (
    "shall not exceed {v}",
    "must not exceed {v}",
    "is not to exceed {v}",
    "shall be less than {v}",
    "shall be less than or equal to {v}",
    "shall be no more than {v}",
    "shall be no greater than {v}",
    "shall not be more than {v}",
    "shall not be greater than {v}",
    "may not be more than {v}",
    "will be under {v}",
    "shall be at most {v}",
    "shall be kept below {v}",
    "must remain below {v}",
    "must stay under {v}",
    "shall be lower than {v}",
    "will not be longer than {v}",
    "shall be {v} or less",
)
AT_LEAST = (
    "shall be at least {v}",
    "shall be no less than {v}",
    "shall not be less than {v}",
    "shall not fall below {v}",
    "must meet or exceed {v}",
    "shall equal or exceed {v}",
    "shall be greater than or equal to {v}",
    "must be a minimum of {v}",
    "shall meet a minimum of {v}",
    "must reach at least {v}",
    "is required to be at least {v}",
    "shall be maintained at or above {v}",
    "must be at or above {v}",
    "will be no lower than {v}",
    "must be above {v}",
    "shall exceed {v}",
    "will be {v} or higher",
    "shall be {v} or more",
)
# measures better lower, then better higher: (subject, value as written, what must be read)
LOWER = (
    ("The mean time to restore service", "4 hours", (4.0, "hours", "lower")),
    ("Median API latency", "250 milliseconds", (250.0, "milliseconds", "lower")),
    ("The monthly call abandonment rate", "5%", (5.0, "percent", "lower")),
)
HIGHER = (
    ("Portal availability", "99.9%", (99.9, "percent", "higher")),
    ("The first contact resolution rate", "80%", (80.0, "percent", "higher")),
    ("Average customer satisfaction", "4.2 on a 5-point scale", (4.2, "score", "higher")),
)
CASES = [(s, b, v, e) for s, v, e in LOWER for b in AT_MOST] + [(s, b, v, e) for s, v, e in HIGHER for b in AT_LEAST]


def _found(text: str, heading: str = "Service Levels\nThe Supplier shall meet the following service levels."):
    """What the reader finds in a text on a page that speaks of service levels."""
    return find_levels([PdfPage(1, f"{heading} {text}", [])])


def _levels(sentence: str):
    return [(f.level.target, f.level.unit, f.level.direction) for f in _found(sentence)]


@pytest.mark.parametrize(("subject", "bound", "value", "expected"), CASES)
def test_a_bounded_level_is_read_in_any_wording_of_its_bound(subject, bound, value, expected):
    assert _levels(f"{subject} {bound.format(v=value)} in each calendar month.") == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Interest on late payments shall not exceed 1.5% per month.",
        "Any increase in the hourly rates shall be no more than 3% a year.",
        "The cure period must stay under 30 days after notice.",
        "The initial term shall not exceed 3 years.",
        "Availability may exceed 99.9% in some months.",  # a possibility, not a commitment
        "The fees shall be 5% or less of the contract value.",
    ],
)
def test_the_same_bounds_on_money_terms_or_permissions_give_no_level(sentence):
    assert _levels(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("95% of Priority 1 incidents shall be resolved within 4 hours.", (95.0, "percent", 4.0, "hours")),
        ("The Supplier shall resolve 95% of Priority 1 incidents within 4 hours.", (95.0, "percent", 4.0, "hours")),
        ("Priority 1 incidents: 95% resolved within 4 hours.", (95.0, "percent", 4.0, "hours")),
        ("Within 4 hours, 95% of Priority 1 incidents shall be resolved.", (95.0, "percent", 4.0, "hours")),
        ("Priority 2 incidents shall be resolved within 8 hours in 90% of cases.", (90.0, "percent", 8.0, "hours")),
        ("A resolution time of 8 hours or less for at least 90% of P2 incidents.", (90.0, "percent", 8.0, "hours")),
        ("At least 95% of calls shall be answered in 30 seconds or less.", (95.0, "percent", 30.0, "seconds")),
        (
            "Ninety-five percent of Severity 2 tickets are to be resolved within eight business hours.",
            (95.0, "percent", 8.0, "business hours"),
        ),
        (
            "No fewer than 90% of tickets shall be closed within 2 business days.",
            (90.0, "percent", 2.0, "business days"),
        ),
    ],
)
def test_a_share_of_cases_within_a_time_is_read_in_any_order_of_its_parts(sentence, expected):
    """A priority named inside the share ("95% of Priority 1 incidents") does not make it a time per priority."""
    found = _found(sentence)
    assert [(f.level.target, f.level.unit, f.level.threshold, f.level.threshold_unit) for f in found] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Average speed of answer: 30 seconds or less.", (30.0, "seconds", "lower")),
        ("First contact resolution rate: at least 75%.", (75.0, "percent", "higher")),
        ("Mean time to restore - 4 hours.", (4.0, "hours", "lower")),
        ("Order accuracy: 99.5% per month.", (99.5, "percent", "higher")),
        ("Call abandonment rate: 5%.", (5.0, "percent", "lower")),
    ],
)
def test_a_measure_labelled_with_its_level_is_read(sentence, expected):
    assert _levels(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Portal availability shall be at least 99.9% in each calendar month.", "Portal availability"),
        (
            "The Supplier shall resolve 95% of P1 incidents within 4 hours.",
            "resolve 95% of P1 incidents within 4 hours",
        ),
        ("Average speed of answer: 30 seconds or less.", "Average speed of answer"),
        # a measure the party must keep at a level is the name, not the duty's whole text (#30)
        ("The Supplier shall attain a ticket resolution rate of no less than 92%.", "ticket resolution rate"),
        ("The Contractor will maintain an average speed of answer of 25 seconds or less.", "average speed of answer"),
        (
            'The "Order Entry Accuracy Service Level" means that the Supplier shall enter 99% of orders accurately '
            "in 99% of cases.",
            "Order Entry Accuracy Service Level",
        ),
        (
            "All calls are answered within 20 seconds of the first ring.",
            "All calls are answered within 20 seconds of the first ring.",
        ),
    ],
)
def test_a_level_read_from_a_sentence_is_named_by_what_it_measures_and_keeps_the_sentence(sentence, name):
    [found] = _found(sentence)
    assert found.name == name
    assert found.source == sentence


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("6. SUPPORT COMMITMENTS", "Portal availability"),
        ("SCHEDULE D SERVICE LEVELS", "Portal availability"),
        ("III. HOSTING SERVICE LEVELS", "Portal availability"),
        ("SERVICE LEVELS\n12.3", "Portal availability"),  # and a section number
    ],
)
def test_a_heading_run_into_the_sentence_is_no_part_of_its_name(heading, name):
    """#30: a heading line in capitals without a full stop runs into the sentence after it in the text layer;
    the row is named by the measure, not by the heading."""
    [found] = _found("Portal availability shall be at least 99.9% in each calendar month.", heading=heading + "\n")
    assert found.name == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a standard and its quality level as labelled lines of text, not a table
        (
            "Performance Standard: Help desk tickets are closed within 2 business days.\n"
            "Acceptable Quality Level: 5% deviation.",
            (95.0, "percent", 2.0, "business days"),
        ),
        (
            "Performance Standard: All building alarms are answered within 10 minutes.\nAQL: 98%",
            (98.0, "percent", 10.0, "minutes"),
        ),
        ("Standard: Visitor badges are logged accurately.\nAllowable deviation: 0%", (100.0, "percent", None, None)),
        # a bound after "of": a rating, an average time
        (
            "The Contractor shall achieve a customer satisfaction rating of at least 4.0 on a 5-point scale.",
            (4.0, "score", None, None),
        ),
        (
            "The help desk shall maintain an average speed of answer of 30 seconds or less.",
            (30.0, "seconds", None, None),
        ),
        # the share after the time, written in words
        (
            "Critical patches shall be applied within 72 hours of release in 95 percent of cases.",
            (95.0, "percent", 72.0, "hours"),
        ),
        # "Summary" and "different" hold no price ("sum", "rent"): the sentence is still read
        (
            "Network uptime on the different sites shall be no less than 99.9 percent per month.",
            (99.9, "percent", None, None),
        ),
    ],
)
def test_a_work_statements_labelled_standards_and_bounds_after_of_are_read(text, expected):
    found = _found(text, heading="Performance Requirements Summary\n")
    assert [(f.level.target, f.level.unit, f.level.threshold, f.level.threshold_unit) for f in found] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Amount at Risk shall be 10% of the Monthly Charges.",
        "Service Credits in any month shall not exceed 15% of the monthly fees.",
        "The Supplier shall deliver the monthly performance report within 10 business days after the end of each month.",
        "The Customer shall respond to change requests within 5 business days.",
        "The Government will review 10% of the completed work orders each month.",
        "The Service Desk is staffed 24 hours a day, 7 days a week, except on public holidays.",
        "Credits are calculated as 2% of the Monthly Charges for each full hour of downtime.",
    ],
)
def test_money_the_customers_duties_and_the_reports_deadline_are_no_levels_of_the_vendor(sentence):
    assert _levels(sentence) == []


@pytest.mark.parametrize(
    "text",
    [
        # the measure after its time
        "• Severity 1: 30 minutes to respond; 4 hours to restore\n• Severity 2: 2 hours to respond; 1 business day to restore",
        # the first measure's verb before the grade, the second after it
        "The Supplier will acknowledge Severity 1 incidents within 30 minutes and restore service within 4 hours. "
        "Severity 2 incidents will be acknowledged within 2 hours and restored within 1 business day.",
    ],
)
def test_each_time_per_grade_takes_the_measure_its_sentence_gives_it(text):
    found = _found(text, heading="Service Levels\n")
    got = {(f.severity, f.level.target, f.level.unit, f.name.split(" - ")[-1][:4]) for f in found}
    assert got == {
        ("Severity 1", 30.0, "minutes", "ackn" if "acknowledge" in text else "resp"),
        ("Severity 1", 4.0, "hours", "rest"),
        ("Severity 2", 2.0, "hours", "ackn" if "acknowledge" in text else "resp"),
        ("Severity 2", 1.0, "business days", "rest"),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the measure kept within its bound by the party, the measure after the verb
        (
            "The Provider shall maintain portal availability at or above 99.6% in each month.",
            (99.6, "percent", "higher"),
        ),
        ("The Supplier will keep the call abandonment rate below 4% in every month.", (4.0, "percent", "lower")),
        ("The Supplier shall hold the mean handling time under 7 minutes.", (7.0, "minutes", "lower")),
        # held at a share, a share opened by its upper bound, a label with its bound after the level
        ("Web uptime is to be maintained at 99.8% or better.", (99.8, "percent", "higher")),
        ("No more than 3% of parcels shall be returned damaged in any month.", (3.0, "percent", "lower")),
        ("Pick accuracy: 98% minimum.", (98.0, "percent", "higher")),
        ("Time to first reply: 3 hours maximum.", (3.0, "hours", "lower")),
        # a time bound after whatever is done, a delay not exceeding its bound, a share better than or exceeded
        ("Severity 2 tickets must be picked up in no more than 10 minutes.", (10.0, "minutes", "lower")),
        ("The link offers a round-trip latency not exceeding 80 ms.", (80.0, "milliseconds", "lower")),
        (
            "The Supplier shall reach an on-time shipping performance of 96 percent or higher.",
            (96.0, "percent", "higher"),
        ),
        ("Backup compliance of 99% must be achieved in each quarter.", (99.0, "percent", "higher")),
        ("At minimum, 85% of audits are to be closed on the agreed date.", (85.0, "percent", "higher")),
        ("The percentage of orders shipped complete shall exceed 97%.", (97.0, "percent", "higher")),
        ("Account unlocks shall be completed within 20 minutes of the request.", (20.0, "minutes", "lower")),
        # a period word between a share and its measure, a rate below its bound, a share of cases with its bound
        ("99.7% quarterly uptime for the booking engine.", (99.7, "percent", "higher")),
        ("Master data: a defect rate under 0.5% of records changed.", (0.5, "percent", "lower")),
        ("Payroll slips shall be issued correctly in not less than 99% of cases.", (99.0, "percent", "higher")),
        # paperwork as the work a back office processes, not as money
        (
            "Supplier invoices shall be keyed with an accuracy of not less than 99.2 per cent.",
            (99.2, "percent", "higher"),
        ),
    ],
)
def test_kept_bounds_trailing_bounds_and_processed_paperwork_are_levels(sentence, expected):
    assert _levels(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The interest rate on overdue invoices shall not exceed 1.5% per month.",
        "The Customer shall keep its payments below 5% of the annual fees in advance.",
        "Invoice amounts shall not exceed 4% above the quoted price.",
        "The Customer shall pay each invoice in no more than 30 days.",
        "The volume discount shall exceed 5% once the threshold is met.",
        "The interest rate below 3% applies to the first year only.",
    ],
)
def test_money_kept_within_a_bound_is_still_no_level(sentence):
    assert _levels(sentence) == []


def test_a_bulleted_list_of_levels_is_read_whole_with_names_without_their_bullets():
    page = (
        "Schedule 3 - Service Levels\nThe Supplier shall meet the following Service Levels in each month:\n"
        "• Helpdesk call answering: 90% of calls answered within 30 seconds\n"
        "• Incident response (Priority 1): 15 minutes\n"
        "▪ Incident resolution (Priority 2): 8 business hours\n"
        "• Customer satisfaction: average score of 4 out of 5 or better\n"
        "• Application availability: 99.5% during business hours\n"
    )
    found = find_levels([PdfPage(1, page, [])])
    assert [(f.name, f.level.target) for f in found] == [
        ("Helpdesk call answering", 90.0),
        ("Incident response (Priority 1)", 15.0),
        ("Incident resolution (Priority 2)", 8.0),
        ("Customer satisfaction", 4.0),
        ("Application availability", 99.5),
    ]
