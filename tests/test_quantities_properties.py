"""Properties of the money reader (etl/quantities.py), over amounts hypothesis draws (#32).

An amount is written as a locale writes it (Babel's own formatting: US and Indian grouping, German dots, French
narrow spaces, Swiss apostrophes), with its currency before or after; the reader must give it back exactly, or
nothing (an amount two conventions read differently goes to review). It is never another number, and no text
makes it fail.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.quantities import parse_amount, parse_money
from tests.conftest import examples

LOCALES = ("en_US", "de_DE", "de_CH", "en_IN", "fr_FR")
# money as contracts state it: whole units, or cents, up to a hundred billion
AMOUNTS = st.one_of(
    st.integers(min_value=0, max_value=10**11).map(Decimal),
    st.integers(min_value=0, max_value=10**13).map(lambda cents: Decimal(cents) / 100),
)


def _written(amount: Decimal, locale: str) -> str:
    pattern = "#,##0.00" if amount != amount.to_integral_value() else "#,##0"
    if locale == "en_IN":
        pattern = "#,##,##0.00" if "." in pattern else "#,##,##0"
    return format_decimal(amount, format=pattern, locale=locale, group_separator=True)


@settings(max_examples=examples(300), deadline=None)
@given(AMOUNTS, st.sampled_from(LOCALES))
def test_an_amount_as_any_locale_writes_it_reads_back_exactly_or_not_at_all(amount, locale):
    read = parse_amount(_written(amount, locale))
    assert read is None or read == amount, (_written(amount, locale), read)


@settings(max_examples=examples(300), deadline=None)
@given(AMOUNTS, st.sampled_from(LOCALES), st.sampled_from(("USD", "EUR", "GBP", "CHF", "INR")), st.booleans())
def test_money_reads_its_currency_on_either_side_and_never_another_amount(amount, locale, currency, before):
    text = f"{currency} {_written(amount, locale)}" if before else f"{_written(amount, locale)} {currency}"
    read = parse_money(f"the charges are {text} per year")
    assert read is None or read == (currency, amount), (text, read)


@settings(max_examples=examples(200), deadline=None)
@given(st.integers(min_value=1000, max_value=10**11), st.sampled_from(LOCALES))
def test_a_grouped_whole_amount_is_never_left_unread(amount, locale):
    """Whole amounts of four digits and more, grouped: every convention writes them unambiguously (money has at
    most two decimals, so a group of three digits is never a fraction)."""
    assert parse_amount(_written(Decimal(amount), locale)) == amount


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=80))
def test_no_text_makes_the_money_reader_fail(text):
    read = parse_money(text)
    assert read is None or (isinstance(read[0], str) and isinstance(read[1], Decimal))
