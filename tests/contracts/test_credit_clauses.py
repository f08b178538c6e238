"""Credit clauses read from contract text: each rule's examples, and five wordings of each clause."""

from decimal import Decimal

import pytest

from etl.contracts.credit_clauses import READERS, RULES, read_credit_terms
from etl.contracts.level_text import normalise


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_credit_rule_reads_its_examples_and_none_of_its_negatives(rule):
    read = READERS[rule.name]
    for sentence, value in rule.positive:
        assert read(sentence) == value, sentence
    for sentence in rule.negative:
        assert read(sentence) is None, sentence


# five wordings of each clause (six with numbers in words), none of them the rules' own examples
FLAT = [
    "For each Service Level Failure, the Supplier shall credit the Customer 4% of the Monthly Charges.",
    "The Customer is entitled to a service credit equal to 4% of the monthly charges for every failure to meet a "
    "Service Level.",
    "A Service Credit of four percent (4%) of the Monthly Fees applies to each missed Service Level.",
    "Each month in which a Service Level is not met, the Supplier will reduce its invoice by 4% of the Charges for "
    "that month.",
    "Service Level Default: 4% of the Monthly Charges per default, credited against the next invoice.",
    "For every missed Service Level the Customer earns a credit of four percent of that month's fees.",
]
AMOUNT = [
    "For each Service Level Failure, the Supplier shall pay the Customer a service credit of USD 2,500.",
    "The Customer shall receive a credit of $2,500 for every failure to meet a Service Level.",
    "A Service Credit of USD 2,500 applies to each missed Service Level.",
    "Each incident in which a Service Level is missed entitles the Customer to a credit of $2,500.",
    "Service Level Default: $2,500 per default, credited against the next invoice.",
    "Each missed Service Level entitles the Customer to a credit of USD two thousand five hundred.",
]
MONTHLY_CAP = [
    "Service Credits in any month shall not exceed 12% of the Monthly Charges.",
    "The total of all Service Credits for a calendar month is capped at 12% of that month's Charges.",
    "In no event will credits in a single month exceed twelve percent (12%) of the Monthly Fees.",
    "Monthly service credits are limited to a maximum of 12% of the Monthly Charges.",
    "The aggregate Service Credits payable for any month shall be no more than 12% of the Charges for that month.",
    "Service credits for a month shall be capped at twelve percent of that month's fees.",
]
YEARLY_CAP = [
    "Service Credits in any twelve (12) month period shall not exceed 8% of the Charges for that period.",
    "Total credits over any rolling 12 months are capped at 8% of the charges for those months.",
    "In no event will credits in a contract year exceed eight percent (8%) of the annual Charges.",
    "Annual service credits are limited to a maximum of 8% of the Annual Charges.",
    "The aggregate Service Credits payable in any year shall be no more than 8% of the Charges for that year.",
]
TRIGGER = [
    "A Service Credit is payable only where the Service Level is missed three (3) times in any six (6) consecutive "
    "months.",
    "Credits apply from the third failure of the same Service Level within any rolling six-month period.",
    "No credit is due unless a Service Level is missed in 3 or more of any 6 consecutive months.",
    "The credit is triggered by three misses in a six month period.",
    "Where the same Service Level fails three times within six months, a Service Credit applies.",
]


def _with(sentence: str) -> list[str]:
    # the clause among the sentences any schedule has around it
    return [
        "The Supplier shall meet the Service Levels in the table below.",
        "The At-Risk Amount does not apply to this Agreement.",
        sentence,
        "Invoices are payable within thirty (30) days of receipt.",
    ]


@pytest.mark.parametrize("sentence", FLAT)
def test_a_flat_share_per_failure_in_five_wordings(sentence):
    credit = read_credit_terms(_with(sentence))
    assert (credit.model, credit.pct, credit.amount) == ("flat % per failure", 4.0, None)


@pytest.mark.parametrize("sentence", AMOUNT)
def test_an_amount_per_failure_in_five_wordings(sentence):
    credit = read_credit_terms(_with(sentence))
    assert (credit.model, credit.pct, credit.amount) == ("amount per failure", None, 2500.0)


@pytest.mark.parametrize("sentence", MONTHLY_CAP)
def test_a_monthly_cap_in_five_wordings(sentence):
    credit = read_credit_terms(_with(sentence))
    assert (credit.monthly_cap_pct, credit.yearly_cap_pct, credit.model) == (12.0, None, None)


@pytest.mark.parametrize("sentence", YEARLY_CAP)
def test_a_twelve_month_cap_in_five_wordings(sentence):
    credit = read_credit_terms(_with(sentence))
    assert (credit.yearly_cap_pct, credit.monthly_cap_pct, credit.model) == (8.0, None, None)


@pytest.mark.parametrize("sentence", TRIGGER)
def test_a_trigger_in_five_wordings(sentence):
    assert read_credit_terms(_with(sentence)).trigger == (3, 6)


def test_an_at_risk_pool_contract_gets_no_per_failure_model():
    credit = read_credit_terms(_with("The At-Risk Amount for any month is 12% of the monthly Charges."))
    assert credit.model is None and credit.monthly_cap_pct is None


def test_amounts_are_exact():
    assert read_credit_terms(_with(AMOUNT[1])).amount == float(Decimal("2500"))


def _contract_pdf(path, clauses: list[str]):
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from tests.contracts.paraphrase import _table

    body = getSampleStyleSheet()["BodyText"]
    rows = [["Measure", "Aim", "Floor"], ["Portal availability", "99.9%", "99.5%"], ["Ticket closure", "95%", "90%"]]
    story = [Paragraph("SCHEDULE 2 \u2013 SERVICE LEVELS", body), _table(rows, ruled=True)]
    story += [Paragraph(c, body) for c in clauses]
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path


@pytest.mark.parametrize("clause", FLAT + AMOUNT)
def test_a_credit_clause_in_a_contract_prices_every_row_of_its_schedule(tmp_path, clause):
    from etl.contracts.terms import extract_contract

    result = extract_contract(_contract_pdf(tmp_path / "c.pdf", [clause, MONTHLY_CAP[2], TRIGGER[1]]), "e", "sha")
    rows = result.sla_terms
    assert [r.metric_name for r in rows] == ["Portal availability", "Ticket closure"]
    flat = clause in FLAT
    for r in rows:
        assert r.credit_model == ("flat % per failure" if flat else "amount per failure")
        assert (r.credit_pct, r.credit_amount) == ((4.0, None) if flat else (None, 2500.0))
        assert (r.credit_trigger_count, r.credit_trigger_months) == (3, 6)
    caps = {t.field: t.value for t in result.terms if t.field.startswith("credit_")}
    assert caps == {"credit_monthly_cap_pct": "12"}


def test_several_prices_in_one_contract_price_no_row_contract_wide():
    # one standard's miss costs a share of the invoice, another's an amount: neither is the contract's model
    credit = read_credit_terms(
        _with("15% of the invoice is deducted for failure to meet the mowing standard.")
        + ["A $250 deduction from the invoice applies for failure to meet the edging standard."]
    )
    assert credit.model is None and credit.pct is None and credit.amount is None


# a tiered credit in three typesettings, written after a schedule of two percent levels: the bands price the
# level the words before them name, and leave the other for review
TIERS_TABLE = [
    ["Monthly System Availability", "Service Credit (% of Monthly Charges)"],
    ["99.8% or above", "0%"],
    ["99.0% - 99.79%", "2%"],
    ["98.0% - 98.99%", "4%"],
    ["Less than 98.0%", "7%"],
]
TIERS_SENTENCES = (
    "Service credits for System Availability: where it falls below 99.8%, the Supplier shall credit 2% of the "
    "Monthly Charges; below 99.0%, 4% of the Monthly Charges; and below 98.0%, 7% of the Monthly Charges."
)


# a schedule of two percent levels, without weightings or credits of its own
TWO_LEVELS = [
    ["Service Level", "Expected Service Level", "Minimum Service Level"],
    ["System Availability", "99.8%", "99.5%"],
    ["Call Answer Rate", "95%", "90%"],
]


def _contract_with_tiers(path, layout: str):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    schedule = Table(TWO_LEVELS)
    schedule.setStyle(grid)
    story = [Paragraph("SCHEDULE 2 - SERVICE LEVELS", body), schedule, Spacer(1, 20)]
    if layout == "sentences":
        story.append(Paragraph(TIERS_SENTENCES, body))
    else:
        story.append(Paragraph("Service credits for System Availability are as follows.", body))
        table = Table(TIERS_TABLE)
        if layout == "ruled table":
            table.setStyle(grid)
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=LETTER).build(story)
    return path


@pytest.mark.parametrize("layout", ["ruled table", "unruled table", "sentences"])
def test_a_tiered_credit_prices_the_level_it_names(tmp_path, layout):
    from etl.contracts.terms import extract_contract

    rows = extract_contract(_contract_with_tiers(tmp_path / "c.pdf", layout), "e", "sha").sla_terms
    priced = {r.metric_name: (r.credit_model, r.credit_tiers) for r in rows}
    assert priced == {
        "System Availability": ("tiered by attainment", "99.8:2; 99:4; 98:7"),
        "Call Answer Rate": (None, None),
    }


@pytest.mark.parametrize(
    ("text", "tiers"),
    [
        # the worst band credits the whole month's charges: a share of 100 after its level, not a level
        (
            "Monthly Uptime | Service Credit | Below 99.9% | 10% | Below 99.0% | 25% | Below 95.0% | 100%",
            "99.9:10; 99:25; 95:100",
        ),
        ("Service credit: less than 99.5% 5%; less than 98% 50%", "99.5:5; 98:50"),
        # a range of levels is still a range: its upper end is no share
        ("Availability 99.0% - 99.79%: credit of 5%; 98.0% - 98.99%: credit of 10%", "99.8:5; 99:10"),
    ],
)
def test_a_band_may_credit_half_or_all_of_the_months_charges(text, tiers):
    from etl.contracts.credit_clauses import tiered_bands

    assert tiered_bands(text) == tiers


@pytest.mark.parametrize(
    ("rule", "sentence", "value"),
    [
        # "fee" in the singular, and a reduction "in" the charges
        (
            "credit.flat_share_per_failure",
            "The Provider will issue a credit of 5% of the monthly fee for every Service Level it fails to achieve.",
            5.0,
        ),
        (
            "credit.flat_share_per_failure",
            "For every missed Critical Service Level the Customer shall receive a reduction of 5% in the Monthly Charges.",
            5.0,
        ),
        (
            "credit_monthly_cap_pct.stated",
            "The aggregate amount of credits in any calendar month will not be more than 15% of the monthly fee.",
            15.0,
        ),
        # as many misses as consecutive months
        (
            "credit.trigger",
            "No Service Credit is payable unless the Service Level is missed in two (2) consecutive months.",
            (2, 2),
        ),
    ],
)
def test_credit_terms_in_other_wordings_are_read(rule, sentence, value):
    assert READERS[rule](sentence) == value


# written after the sets above, before the reader was run on them, in another drafting habit: deductions,
# reductions, rebates and refunds of a service period's charges, ceilings, and triggers of two in a row or two of
# three. At first sight the reader read 6 of these 15 (5 of 8 prices, no ceiling, 1 of 2 triggers)
DEDUCTIONS = [
    (
        "Where the Contractor fails to achieve a Service Level in a Service Period, a deduction of 3% of the Service "
        "Charges for that Service Period shall be made.",
        ("flat % per failure", 3.0, None),
    ),
    (
        "The Monthly Service Charge shall be reduced by 3% for each Service Level that is not achieved.",
        ("flat % per failure", 3.0, None),
    ),
    (
        "Failure to meet any Key Performance Indicator in a month will result in a rebate of 3 per cent of that "
        "month's charges.",
        ("flat % per failure", 3.0, None),
    ),
    (
        "The Supplier shall pay a performance deduction equal to three per cent (3%) of the monthly charge for each "
        "KPI failure.",
        ("flat % per failure", 3.0, None),
    ),
    (
        "A fee reduction of 3% of the Monthly Fee will be applied per Service Level breach.",
        ("flat % per failure", 3.0, None),
    ),
    (
        "A fixed deduction of GBP 1,000 shall be made from the next invoice for each Service Failure.",
        ("amount per failure", None, 1000.0),
    ),
    (
        "Each breach of a Service Level entitles the Authority to a rebate of EUR 1,000.",
        ("amount per failure", None, 1000.0),
    ),
    ("The Contractor shall refund USD 1,000 per Service Level not achieved.", ("amount per failure", None, 1000.0)),
]
CEILINGS = [
    (
        "Deductions in any Service Period shall not exceed in aggregate 10% of the Service Charges for that Service "
        "Period.",
        (10.0, None),
    ),
    ("The maximum reduction in any month is 10% of the Monthly Service Charge.", (10.0, None)),
    ("Rebates for a given month are subject to a ceiling of 10 per cent of that month's charges.", (10.0, None)),
    (
        "Total deductions in any Contract Year shall not exceed 6% of the Service Charges payable in that Contract "
        "Year.",
        (None, 6.0),
    ),
    ("The annual maximum of all rebates is six per cent (6%) of the annual fees.", (None, 6.0)),
]
TRIGGERS = [
    ("A deduction applies only on the second consecutive monthly failure of the same KPI.", (2, 2)),
    ("Service Credits become payable where a Service Level is failed in any two of three consecutive months.", (2, 3)),
]


@pytest.mark.parametrize(("sentence", "model"), DEDUCTIONS, ids=[s[:40] for s, _ in DEDUCTIONS])
def test_a_deduction_rebate_or_refund_per_failure_is_a_credit(sentence, model):
    credit = read_credit_terms(_with(sentence))
    assert (credit.model, credit.pct, credit.amount) == model


@pytest.mark.parametrize(("sentence", "caps"), CEILINGS, ids=[s[:40] for s, _ in CEILINGS])
def test_a_ceiling_on_deductions_is_a_cap(sentence, caps):
    credit = read_credit_terms(_with(sentence))
    assert (credit.monthly_cap_pct, credit.yearly_cap_pct) == caps


@pytest.mark.parametrize(("sentence", "expected"), TRIGGERS, ids=[s[:40] for s, _ in TRIGGERS])
def test_a_trigger_of_misses_in_a_row_or_of_some_months_is_read(sentence, expected):
    assert read_credit_terms(_with(sentence)).trigger == expected


# written before the reader was run on them: tiers in other words, ranges "to" a level and bands bounded on both
# sides in a sentence. At first sight the reader read 2 of the 4: a band's share "of the Monthly Charges applies"
# and "of that month's fees, and if it is" ended the run, their small words not being band words
TIERS_IN_OTHER_WORDS = [
    (
        "Where Availability falls below 99.9%, a credit of 5% of the Monthly Charges applies; below 99.5%, 10%; "
        "below 99%, 20%.",
        "99.9:5; 99.5:10; 99:20",
    ),
    (
        "Monthly uptime of 99.0% to 99.89%: 5% credit. 98.0% to 98.99%: 10% credit. Less than 98.0%: 25% credit.",
        "99.9:5; 99:10; 98:25",
    ),
    ("Achieved Service Level | Service Credit | 99.5% - 99.94% | 3% | < 99.5% | 7%", "99.95:3; 99.5:7"),
    (
        "If monthly availability is less than 99.8% but at least 99.0%, the Customer receives a service credit equal "
        "to 2% of that month's fees, and if it is less than 99.0%, 6%.",
        "99.8:2; 99:6",
    ),
]


@pytest.mark.parametrize(("text", "tiers"), TIERS_IN_OTHER_WORDS, ids=[t[:40] for t, _ in TIERS_IN_OTHER_WORDS])
def test_tiers_in_other_words_are_read(text, tiers):
    from etl.contracts.credit_clauses import tiered_bands

    assert tiered_bands(text) == tiers


# a third set, written 2026-12-07 before the reader was run on it: a measurement period, "liquidated damages by
# way of service credit", a deduction "from" an invoice, caps per contract year and over "twelve consecutive
# months", triggers "on three or more occasions" and "upon the second failure". At first sight the reader read
# 12 of the 14; it lacked a share taken "from" the invoice and twelve "consecutive" months
THIRD_SET = [
    (
        'credit.flat_share_per_failure',
        'Should the Service Provider not achieve a Service Level in any Measurement Period, the Customer shall be entitled to a Service Credit amounting to 5% of the Monthly Service Fee.',
        5.0,
    ),
    (
        'credit.flat_share_per_failure',
        'A Service Level Failure entitles the Client to a credit against the next invoice of 2.5% of the charges invoiced for the month in which the failure occurred.',
        2.5,
    ),
    (
        'credit.flat_share_per_failure',
        'The Vendor will pay a service credit equivalent to three per cent (3%) of the monthly fees for every Service Level it fails to meet.',
        3.0,
    ),
    (
        'credit.flat_share_per_failure',
        "Each Service Level not met in a month results in a deduction of 4% from that month's invoice.",
        4.0,
    ),
    (
        'credit.amount_per_failure',
        'For each Service Level Failure the Supplier shall pay the Customer liquidated damages in the sum of GBP 1,000 by way of service credit.',
        Decimal(1000),
    ),
    (
        'credit.amount_per_failure',
        'The Customer shall be credited EUR 500 for each month in which a Service Level is missed.',
        Decimal(500),
    ),
    (
        'credit.amount_per_failure',
        'A fixed Service Credit of $1,500 shall apply to every Service Level Failure.',
        Decimal(1500),
    ),
    (
        'credit_monthly_cap_pct.stated',
        'The total Service Credits payable in respect of any one month shall in no event exceed fifteen percent (15%) of the Monthly Service Fee for that month.',
        15.0,
    ),
    (
        'credit_monthly_cap_pct.stated',
        'Service Credits are subject to a monthly cap equal to 20% of the monthly charges.',
        20.0,
    ),
    (
        'credit_monthly_cap_pct.stated',
        'The maximum aggregate Service Credit in a calendar month is 10% of the Charges for that month.',
        10.0,
    ),
    (
        'credit_yearly_cap_pct.stated',
        'The Service Credits in any Contract Year shall not in aggregate exceed 12% of the Charges paid in that Contract Year.',
        12.0,
    ),
    (
        'credit_yearly_cap_pct.stated',
        'Over any period of twelve consecutive months, total Service Credits shall be capped at 6% of the Charges for that period.',
        6.0,
    ),
    (
        'credit.trigger',
        'Service Credits apply only where the same Service Level has been missed on three or more occasions within a rolling period of six months.',
        (3, 6),
    ),
    (
        'credit.trigger',
        'A credit becomes payable upon the second failure of a Service Level within any period of three consecutive months.',
        (2, 3),
    ),
]
# and tiers in a fourth drafting habit, all read at first sight
TIERS_AT_FIRST_SIGHT = [
    (
        "Monthly Uptime Percentage Service Credit 99.5% to < 99.9% 5% of the Monthly Fee 99.0% to < 99.5% 10% of "
        "the Monthly Fee < 99.0% 20% of the Monthly Fee",
        "99.9:5; 99.5:10; 99:20",
    ),
    (
        "Service Credits for Availability: 99.00% - 99.49%: 3% of Monthly Charges; 98.00% - 98.99%: 6% of Monthly "
        "Charges; below 98.00%: 10% of Monthly Charges.",
        "99.5:3; 99:6; 98:10",
    ),
    (
        "Availability achieved | Credit (% of monthly charges) Less than 99.9% but at least 99.5% | 2% Less than "
        "99.5% but at least 99.0% | 5% Less than 99.0% | 10%",
        "99.9:2; 99.5:5; 99:10",
    ),
]


@pytest.mark.parametrize(("rule", "sentence", "value"), THIRD_SET, ids=[s[:40] for _, s, _ in THIRD_SET])
def test_a_third_set_of_credit_clauses_is_read(rule, sentence, value):
    assert READERS[rule](normalise(sentence)) == value


@pytest.mark.parametrize(("text", "tiers"), TIERS_AT_FIRST_SIGHT, ids=[t[:40] for t, _ in TIERS_AT_FIRST_SIGHT])
def test_tiers_in_a_fourth_habit_are_read(text, tiers):
    from etl.contracts.credit_clauses import tiered_bands

    assert tiered_bands(text) == tiers
