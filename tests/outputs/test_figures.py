"""A figure is printed as the marts round it: half away from zero, never half to even on the binary value."""

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from etl.outputs.figures import shown
from etl.outputs.kpi_summary import _table


@pytest.mark.parametrize(
    ("fmt", "value", "text"),
    [
        ("{:.2f}", 1.625, "1.63"),  # exact in binary: Python's own format gives 1.62
        ("{:,.2f}", 1234567.125, "1,234,567.13"),
        ("{:+.1f}", 22.75, "+22.8"),
        ("{:.1f}", -0.25, "-0.3"),
        ("{:.4f}", -2.11365, "-2.1137"),
        ("{:,}", 96900, "96,900"),
        ("{:g}", 4.0, "4"),  # a general format keeps its own form
    ],
)
def test_halves_round_away_from_zero(fmt, value, text):
    assert shown(fmt, value) == text


def test_the_console_tables_print_what_the_marts_round_to():
    assert "1.63" in _table([{"pct": 1.625}], [("pct", "Credits %", "{:.2f}")])


@given(st.integers(min_value=-(10**9), max_value=10**9), st.sampled_from([1, 2, 4]))
@example(-4, 1)  # -0.04 to one place: 0.0, without a sign
def test_a_value_written_with_one_more_digit_rounds_half_away_from_zero(units, places):
    """`units` is the value with places + 1 decimals, written as an integer; the expected text comes from integer
    arithmetic alone."""
    value = float(Decimal(units).scaleb(-(places + 1)))
    whole, last = divmod(abs(units), 10)
    whole += last >= 5
    digits = str(whole).rjust(places + 1, "0")
    sign = "-" if units < 0 and whole else ""
    assert shown(f"{{:.{places}f}}", value) == f"{sign}{digits[:-places]}.{digits[-places:]}"


@pytest.mark.parametrize(
    ("fmt", "value", "text"),
    [
        ("{:,.2f}", Decimal("24000.00"), "24,000.00"),
        ("{:,.0f}", Decimal("96900.50"), "96,901"),  # Decimal's own format rounds half to even: 96,900
        ("{:.1f}", Decimal("-0.25"), "-0.3"),
        ("{:.0f}", Decimal("-0.40"), "0"),
    ],
)
def test_money_from_the_marts_prints_as_the_decimal_it_is(fmt, value, text):
    assert shown(fmt, value) == text


def test_a_report_table_shows_a_decimal_as_a_grouped_figure():
    from etl.outputs.html_report import _table as report_table

    table = report_table(pd.DataFrame({"credit_amount": [Decimal("1234.50")], "monthly_charges": [None]}))
    assert table["rows"][0]["cells"] == [("1,234.50", True), ("unknown", False)]
