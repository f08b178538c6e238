"""Numbers, money, durations, dates and reporting periods as contracts and reports write them."""

from datetime import date

import pytest

from etl.quantities import (
    find_dates,
    find_durations,
    find_partial_date,
    parse_money,
    parse_number,
    parse_period,
    period_grain,
    period_start,
    to_days,
    to_months,
    values_written_plainly,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("USD 1,200,000", ("USD", 1_200_000.0)),
        ("$2.5 million per year", ("USD", 2_500_000.0)),
        ("€ 480k", ("EUR", 480_000.0)),
        ("GBP 75,000.50", ("GBP", 75_000.5)),
        ("EUR 1.234.567,50", ("EUR", 1_234_567.5)),  # continental grouping
        ("US$ 99", ("USD", 99.0)),
        ("no amount here", None),
    ],
)
def test_money(text, expected):
    assert parse_money(text) == expected


# (#32) each once read silently wrong, and more ways contracts write amounts
@pytest.mark.parametrize(
    "text, currency, amount",
    [
        ("EUR 800.000", "EUR", "800000"),
        ("INR 50,00,000", "INR", "5000000"),
        ("CHF 1'200'000", "CHF", "1200000"),
        ("CHF 1’200’000.50", "CHF", "1200000.50"),
        ("USD 1.2 billion", "USD", "1200000000"),
        ("EUR 1 234 567,50", "EUR", "1234567.50"),
        ("1,200,000 USD", "USD", "1200000"),
        ("800.000 EUR per year", "EUR", "800000"),
        ("EUR 1.234.567,50", "EUR", "1234567.50"),
        ("GBP 2.5m", "GBP", "2500000"),
        ("USD 3 million", "USD", "3000000"),
        ("INR 1,23,45,678.90", "INR", "12345678.90"),
        ("INR 5 crore", "INR", "50000000"),
        ("INR 12 lakh", "INR", "1200000"),
        ("USD 450k", "USD", "450000"),
        ("€12,50 per ticket", "EUR", "12.50"),
        ("£ 1,200", "GBP", "1200"),
        ("USD 1,200.5", "USD", "1200.5"),
        ("JPY 150000000", "JPY", "150000000"),
        ("AUD 2,400,000.00", "AUD", "2400000"),
        ("CAD 75 000", "CAD", "75000"),
        ("SGD 1.5 bn", "SGD", "1500000000"),
        ("250 000 € a year", "EUR", "250000"),
        ("US$ 10,000,000", "USD", "10000000"),
        ("USD 99.99", "USD", "99.99"),
    ],
)
def test_amounts_are_read_in_every_grouping_convention(text, currency, amount):
    from decimal import Decimal

    assert parse_money(text) == (currency, Decimal(amount))


@pytest.mark.parametrize("text", ["USD 1,2345", "EUR 1.234,567", "USD 12,34,5"])
def test_an_amount_no_convention_reads_alone_is_left_for_review_not_guessed(text):
    assert parse_money(text) is None


@pytest.mark.parametrize(
    "text, expected", [("99.95%", 99.95), ("1,234.5", 1234.5), ("12 hours", 12.0), ("-3", -3.0), ("n/a", None)]
)
def test_numbers(text, expected):
    assert parse_number(text) == expected


def test_durations_in_words_and_digits():
    found = find_durations("for three (3) years, renewing for successive 12-month periods on ninety days' notice")
    assert [(n, unit) for n, unit, _ in found] == [(3, "year"), (12, "month"), (90, "day")]
    assert to_months(3, "year") == 36 and to_months(10, "day") is None
    assert to_days(2, "week") == 14 and to_days(1, "year") == 365


def test_dates_in_the_forms_contracts_use():
    text = "dated 15th day of November, 2024, effective December 3rd, 2018; amended 2025-03-01 and 3/14/2018"
    assert [d for d, _ in find_dates(text)] == [
        date(2024, 11, 15),
        date(2018, 12, 3),
        date(2025, 3, 1),
        date(2018, 3, 14),
    ]
    assert find_dates("February 30, 2024") == []  # not a date
    # a comma without its space after a two-digit day (dateutil alone reads no whole date there)
    assert [d for d, _ in find_dates("signed March 15,2011, by both")] == [date(2011, 3, 15)]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("commencing on the 2nd of June, 2011", date(2011, 6, 2)),
        ("entered into this (4th) day of August, 2015", date(2015, 8, 4)),
        ("made the 9 DAY OF APRIL , 2012", date(2012, 4, 9)),
        ("dated the 17th day of Tuesday, May 2022", date(2022, 5, 17)),
        ("signed July 7,2004 by both", date(2004, 7, 7)),
        ("Datum: 05.11.2019", date(2019, 11, 5)),  # dotted: day first
        ("signed 25/4/17", date(2017, 4, 25)),  # 25 cannot be a month
        ("signed 4/5/17", date(2017, 4, 5)),  # either way round: month first, as the US forms
    ],
)
def test_looser_written_dates_are_read_whole(text, meant):
    assert [d for d, _ in find_dates(text)] == [meant]


@pytest.mark.parametrize(
    "text",
    [
        "under Section 3.1.12 of the Schedule",  # a section number, not a day-first date
        "for the 3rd of the months listed, 2,000 units",
        "on the 5th of each month",
        "the 31st of February, 2021",
        "within 30/60/90 days",
    ],
)
def test_loose_forms_need_a_whole_real_date(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text, known",
    [
        ("made as of August __, 2019", "2019-08"),
        ("entered into this ___ day of October, 2021", "2021-10"),
        # the month left blank too, or both blanks lost when the form's lines were not text
        ("made as of this ____ day of ____________ 2016 by and between", "2016"),
        ("entered into this ______day of __________, 2011, by", "2011"),
        ("made and entered into this day of , 2004, by and between", "2004"),
        # the whole day and month one blank, or a placeholder in brackets
        ("dated as of ______________, 2018 (the Effective Date)", "2018"),
        ("is effective as of [ \u2022 ], 2022, by and among", "2022"),
    ],
)
def test_a_date_left_blank_keeps_what_is_known(text, known):
    assert find_partial_date(text) == known


@pytest.mark.parametrize("text", ["the amount of [***], 2,000 units", "clause 4.2 of the ____ Agreement, 1998 form"])
def test_a_blank_not_before_a_year_is_no_date(text):
    assert find_partial_date(text) is None


@pytest.mark.parametrize(
    "text, key, grain, start",
    [
        ("Period: March 2025", "2025-03", "month", "2025-03-01"),
        ("2025-W07", "2025-W07", "week", "2025-02-10"),
        ("Q3 2025", "2025-Q3", "quarter", "2025-07-01"),
    ],
)
def test_reporting_periods(text, key, grain, start):
    assert parse_period(text) == key
    assert period_grain(key) == grain
    assert period_start(key) == start


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("available 99,9 % of the time", "available 99.9 % of the time"),
        ("an error rate of 2,75% or less", "an error rate of 2.75% or less"),
        ("Target 99.9%* in each month", "Target 99.9%  in each month"),
        ("4 hours† from logging", "4 hours  from logging"),
        ("95%(1) of calls", "95%    of calls"),
        ("98%¹ and 96%¹", "98%  and 96% "),
        # no share, no mark after a value: left as written
        ("Section 4.2(1) and Article 12(2)", "Section 4.2(1) and Article 12(2)"),
        ("EUR 1.234,56 a month", "EUR 1.234,56 a month"),
        ("1,250 % is no decimal comma", "1,250 % is no decimal comma"),
        ("items 1,5 and 7", "items 1,5 and 7"),
        ("the Supplier* shall", "the Supplier* shall"),
    ],
)
def test_values_written_plainly_keep_their_length_and_their_meaning(text, plain):
    assert values_written_plainly(text) == plain and len(plain) == len(text)
