"""Every value format vendors write, into the contract's unit."""

import pytest

from etl.reports.values import parse_locale_number, to_contract_unit


@pytest.mark.parametrize(
    "text,unit,fractions,expected",
    [
        ("99.95%", "percent", False, 99.95),
        ("0.9995", "percent", True, 99.95),
        ("0.9995", "percent", False, 0.9995),  # not a fraction report: taken as written
        ("4h 30m", "hours", False, 4.5),
        ("270 min", "hours", False, 4.5),
        ("00:04:30", "minutes", False, 4.5),
        ("00:04:30", "hours", False, 0.075),
        ("1,234.5", "count", False, 1234.5),
        ("1.234,5", "count", False, 1234.5),
        ("7,25", "hours", False, 7.25),
        ("2.5 hours", "minutes", False, 150.0),
    ],
)
def test_values_convert_to_the_contract_unit(text, unit, fractions, expected):
    value, note = to_contract_unit(text, unit, fractions)
    assert value == pytest.approx(expected)
    assert (note == "") == (text.replace("%", "") == f"{expected:g}" or text in ("1,234.5", "1.234,5", "7,25"))


@pytest.mark.parametrize("text", ["n/a", "", "  ", "-", "N/A"])
def test_missing_values_are_none_with_a_reason(text):
    assert to_contract_unit(text, "percent") == (None, "no value reported")


def test_text_that_is_no_number_says_so():
    value, note = to_contract_unit("see comment", "percent")
    assert value is None and "not a number" in note


def test_ambiguous_dot_is_a_decimal_point():
    assert parse_locale_number("0.973") == 0.973
    assert parse_locale_number("1.234") == 1.234
    assert parse_locale_number("1.234.567") == 1234567
