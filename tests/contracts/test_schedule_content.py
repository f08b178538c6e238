"""The schedule read by content (`etl/contracts/schedule_content.py`): roles from what the cells hold."""

from etl.contracts.schedule_content import schedule_terms
from etl.contracts.terms import extract_from_pages
from etl.pdf_document import PdfPage


def _read(table: list[list[str]]):
    return schedule_terms([PdfPage(1, "", [table])], "e", "sha", "monthly", "tables")


def test_the_better_of_two_levels_is_expected_whichever_column_it_is_in():
    rows = _read(
        [
            ["Measure", "Floor", "Aim", "Share"],
            ["Portal uptime", "99.0%", "99.7%", "50%"],
            ["Call abandon rate", "8%", "5%", "30%"],  # less is better: 5% is the aim
            ["Mean repair time", "12 hours", "8 hours", "20%"],
        ]
    )
    got = {(t.metric_name, t.expected, t.minimum, t.allocation_pct) for t in rows}
    assert got == {
        ("Portal uptime", 99.7, 99.0, 50),
        ("Call abandon rate", 5, 8, 30),
        ("Mean repair time", 8, 12, 20),
    }


def test_two_tolerance_columns_are_not_a_pair_of_levels():
    # a work statement's quality and timeliness AQLs: neither is the better side of the other in every row
    table = [
        ["Task", "Quality AQL", "Timeliness AQL"],
        ["Process requests", "3%", "10%"],
        ["File records", "10%", "5%"],
        ["Answer queries", "5%", "5%"],
    ]
    assert _read(table) == []


def test_numbers_without_a_unit_are_not_levels():
    table = [
        ["Section", "Item", "Quantity", "Unit price"],
        ["5.1", "Laptops", "40", "1,200"],
        ["5.2", "Monitors", "40", "300"],
    ]
    assert _read(table) == []


def test_a_column_of_shares_that_does_not_add_up_is_not_a_weighting():
    table = [
        ["Metric", "A", "B", "C"],
        ["Uptime", "99.9%", "99.5%", "30%"],
        ["Accuracy", "98%", "95%", "30%"],
    ]
    assert _read(table) == []  # three levels and no label says which is the baseline


def test_a_table_drawn_with_bars_in_the_text_names_its_rows_without_the_bars():
    text = "\n".join(
        [
            "Measure | Aim | Floor",
            "Portal uptime | 99.7% | 99.0%",
            "Mean repair time | 8 hours | 12 hours",
        ]
    )
    rows = schedule_terms([PdfPage(1, text, [])], "e", "sha", "monthly", "lines")
    assert {t.metric_name for t in rows} == {"Portal uptime", "Mean repair time"}


def test_a_share_beside_a_standard_with_one_time_bound_is_the_share_within_it():
    rows = _read(
        [
            ["Standard", "Target", "Floor"],
            ["Parcels are delivered within 16 working hours of arrival", "95%", "90%"],
            ["Requests are answered within two business days", "90%", "85%"],
            ["Orders ship within 8 hours if rushed and within 3 days otherwise", "92%", "80%"],
            ["Invoices are accurate", "98%", "95%"],
        ]
    )
    got = {t.metric_name.split()[0]: (t.expected, t.threshold, t.threshold_unit) for t in rows}
    assert got == {
        "Parcels": (95, 16, "business hours"),
        "Requests": (90, 2, "business days"),
        "Orders": (92, None, None),  # two bounds: no single threshold
        "Invoices": (98, None, None),
    }


def test_on_a_continued_page_the_column_headed_as_a_weighting_breaks_the_tie_of_three_shares():
    # the page's weights add up to 100 only with the pages before it: by content, three columns of shares
    rows = _read(
        [
            ["Standard", "Aim", "Floor", "Weight"],
            ["Help desk survey score", "80%", "60%", "12%"],
            ["Reports delivered on time", "95%", "90%", "8%"],
        ]
    )
    got = {(t.metric_name, t.expected, t.minimum, t.allocation_pct) for t in rows}
    assert got == {("Help desk survey score", 80, 60, 12), ("Reports delivered on time", 95, 90, 8)}


def test_levels_stated_in_sentences_pair_by_content_and_the_name_is_the_standard_cell():
    # header words are deliberately uninformative: the pair, the name and the money column come from the cells
    table = [
        ["Item", "Column 2", "Column 3", "Column 4", "Column 5"],
        [
            "Lobby floors",
            "Floors are mopped and dry 92% of the time.",
            "Floors are mopped and dry 99% of the time.",
            "3% of the invoice withheld if missed",
            "No reduction in payment",
        ],
        [
            "Window glass",
            "97% of panes checked are free of smears",
            "100% of panes checked are free of smears",
            "2% deducted from the invoice",
            "No reduction in payment",
        ],
        [
            "Waste bins",
            "Bins emptied by close of day 90% of the time",
            "Bins emptied by close of day 98% of the time",
            "4% of the monthly fee withheld",
            "No reduction in payment",
        ],
    ]
    table.append(
        [
            "Site safety",
            "No accidents or injuries caused by the crew",
            "No accidents or injuries caused by the crew",
            "5% of the invoice withheld",
            "No reduction in payment",
        ]
    )
    got = {(t.metric_name, t.expected, t.minimum, t.unit) for t in _read(table)}
    assert got == {
        ("Lobby floors", 99, 92, "percent"),
        ("Window glass", 100, 97, "percent"),
        ("Waste bins", 98, 90, "percent"),
        ("Site safety", 0, 0, "count"),  # none of what goes wrong: a count held at zero
    }


def test_a_share_in_a_sentence_is_a_level_only_where_its_column_holds_them_in_most_rows():
    # the last column is a method: one of its cells names a sampling share, which is not a third level
    table = [
        ["Standard", "Aim", "Floor", "How checked"],
        ["Badge requests issued on the day they are asked for", "98%", "95%", "Monthly log audit"],
        ["Visitor passes returned at the front desk on exit", "99%", "96%", "Sample 10% of passes weekly"],
        ["Key cards deactivated on the last day of employment", "99.5%", "97%", "Access report review"],
    ]
    got = {(t.metric_name, t.expected, t.minimum) for t in _read(table)}
    assert got == {
        ("Badge requests issued on the day they are asked for", 98, 95),
        ("Visitor passes returned at the front desk on exit", 99, 96),
        ("Key cards deactivated on the last day of employment", 99.5, 97),
    }


def test_a_column_of_credits_prices_each_row_and_is_no_level():
    """#30, #32: a share under a credit header is what a miss costs (a flat % of the month's charges), not the
    row's floor; before, it was read as the minimum level (99.9% expected, 5% minimum)."""
    rows = _read(
        [
            ["Service Level", "Target", "Measured", "Service Credit"],
            ["Portal uptime", "99.9%", "Monthly", "5%"],
            ["Calls answered in 30 seconds", "85%", "Monthly", "2%"],
            ["Tickets resolved first time", "70%", "Monthly", "1.5%"],
        ]
    )
    got = {(t.metric_name, t.expected, t.minimum, t.credit_model, t.credit_pct) for t in rows}
    assert got == {
        ("Portal uptime", 99.9, 99.9, "flat % per failure", 5.0),
        ("Calls answered in 30 seconds", 85.0, 85.0, "flat % per failure", 2.0),
        ("Tickets resolved first time", 70.0, 70.0, "flat % per failure", 1.5),
    }


def test_an_unruled_table_whose_cells_write_their_bounds_is_read_by_content():
    """Bound words inside a level cell ("at least 99.2%", "under 0.5%") give the row's direction and are no part
    of its name."""
    text = (
        "Annex 4 Quality Commitments\n"
        "Measure                      Commitment            Period\n"
        "Order entry accuracy         at least 99.2%        Monthly\n"
        "Pick-to-ship time            no more than 24 hours  Monthly\n"
        "Damaged shipments            under 0.5%            Quarterly\n"
        "Restore after an outage      4 hours or less       Monthly\n"
    )
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "s").sla_terms
    assert [(t.metric_name, t.expected, t.unit, t.direction) for t in terms] == [
        ("Order entry accuracy", 99.2, "percent", "higher"),
        ("Pick-to-ship time", 24.0, "hours", "lower"),
        ("Damaged shipments", 0.5, "percent", "lower"),
        ("Restore after an outage", 4.0, "hours", "lower"),
    ]


def test_a_basis_column_is_neither_name_nor_window_and_a_time_in_a_name_is_its_threshold():
    text = (
        "Appendix B - Key Performance Indicators\n"
        "Indicator                          Expected      Minimum      Measured\n"
        "Portal availability                99.8%         99.5%        Monthly\n"
        "Priority 1 restoration             4 hours       6 hours      Per incident\n"
        "Invoice accuracy                   99.5%         99.0%        Monthly\n"
        "Calls answered in 30 seconds       85%           80%          Monthly\n"
    )
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "s").sla_terms
    assert [(t.metric_name, t.expected, t.minimum, t.direction) for t in terms] == [
        ("Portal availability", 99.8, 99.5, "higher"),
        ("Priority 1 restoration", 4.0, 6.0, "lower"),
        ("Invoice accuracy", 99.5, 99.0, "higher"),
        ("Calls answered in 30 seconds", 85.0, 80.0, "higher"),
    ]
    # the time in the name is the share's threshold, as a "within" would be
    assert (terms[3].threshold, terms[3].threshold_unit) == (30.0, "seconds")


def test_numbered_blocks_of_labelled_levels_are_read_with_the_name_their_first_line_gives():
    """One block per level, its name on a numbered line ("KPI 2 - ...") and its levels labelled below: the number
    and a grade's number are no levels, and a survey's bare levels are scores."""
    text = (
        "Schedule 2 - Critical Performance Indicators\n"
        "KPI 1 - Booking site uptime\n"
        "Target: 99.9% Floor: 99.6% Measured: monthly Weight: 50%\n"
        "KPI 2 - Severity 2 fix time\n"
        "Target: 6 hours Floor: 10 hours Measured: monthly Weight: 30%\n"
        "KPI 3 - Guest survey score\n"
        "Target: 4.6 Floor: 4.1 Measured: quarterly Weight: 20%\n"
    )
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "s").sla_terms
    assert [(t.metric_name, t.expected, t.minimum, t.unit, t.allocation_pct, t.measurement_window) for t in terms] == [
        ("Booking site uptime", 99.9, 99.6, "percent", 50.0, "monthly"),
        ("Severity 2 fix time", 6.0, 10.0, "hours", 30.0, "monthly"),
        ("Guest survey score", 4.6, 4.1, "score", 20.0, "quarterly"),
    ]


def test_a_column_of_single_levels_each_with_its_bound_is_a_schedule_and_a_score_keeps_its_scale_apart():
    """An unruled table of one standard per row, each cell writing its bound ("at least", "under", "or better",
    "4.2 of 5 or higher"): three or more such rows are a schedule whatever the column is called. Written before the
    reader was run on it, which read none of its four rows (and one false row of the whole table)."""
    text = (
        "Attachment C - Service Level Table\n"
        "Service Level                 Minimum Standard\n"
        "Help desk satisfaction        4.2 of 5 or higher\n"
        "Email availability            at least 99.5%\n"
        "Password reset time           under 30 minutes\n"
        "Invoice accuracy              98% or better\n"
    )
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "s").sla_terms
    assert [(t.metric_name, t.expected, t.unit, t.direction) for t in terms] == [
        ("Help desk satisfaction", 4.2, "score", "higher"),
        ("Email availability", 99.5, "percent", "higher"),
        ("Password reset time", 30.0, "minutes", "lower"),
        ("Invoice accuracy", 98.0, "percent", "higher"),
    ]


def test_lines_of_one_bare_number_are_no_schedule():
    """A contents page or a list of clause numbers: one number per line with no bound is no level."""
    text = "Contents\nService Levels 12\nService Credits 14\nTermination 15\nGoverning Law 17\n"
    assert schedule_terms([PdfPage(1, text, [])], "e", "s", "monthly", "lines") == []
