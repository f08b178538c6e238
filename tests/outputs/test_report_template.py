"""The report page is a Jinja2 template, autoescaped: text from the warehouse (a vendor's metric name, an
engagement folder's name) is shown as text, never run as markup."""

import pandas as pd

from etl.outputs.html_report import _table, _template


def test_warehouse_text_is_escaped_and_unknown_prints_as_unknown():
    hostile = pd.DataFrame(
        {"engagement_id": ["<script>alert(1)</script>", "ok"], "credits_owed": [None, 1234.5], "flag": [True, False]}
    )
    table = _table(hostile, {"credits_owed": "{:,.2f}"}, flag="flag")
    page = _template().render(
        css="",
        plotly_js="",
        as_of="2026-01-01",
        first_month="January 2025",
        last_month="December 2025",
        last_loaded="<img src=x>",
        cards=[{"label": "breaches", "value": "3", "klass": "bad", "target": None}],
        bars="",
        heatmap="",
        engagements=table,
        savings=table,
        credits=table,
        renewals=table,
        evidence=None,
        measured_levels=False,
        files=table,
        quarantine=None,
        missing=None,
    )
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x>" not in page
    assert "<td class=\"n\">unknown</td>" in page and "1,234.50" in page
    assert "<tr class='bad'><td class=\"\">&lt;script&gt;" in page  # the flagged row is highlighted
    assert "No rows quarantined." in page and "No ticket export yet" in page
