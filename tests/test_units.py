"""Units are defined once, in the dbt seed `units`: every reader of levels and reported values takes its unit
words and lengths from there, so a unit added to the seed is read everywhere. Each test is parametrised by the
seed itself."""

import re

import pytest

from etl.contracts.level_rules import read_level
from etl.contracts.level_tables import _UNIT_WORD
from etl.contracts.level_text import time_pattern, time_unit
from etl.contracts.schedule_content import _unit as schedule_cell_unit
from etl.contracts.service_levels import find_levels
from etl.contracts.sla_schedule import _unit_of
from etl.pdf_document import PdfPage
from etl.quantities import spelling_pattern, unit_spellings, units
from etl.reports.layouts import _VALUE as VALUE_CELL
from etl.reports.values import duration_seconds, to_contract_unit

SPELLINGS = [(name, s) for name, u in units().items() for s in u.spellings]
TIME_WORDS = [(name, s) for name, s in SPELLINGS if units()[name].kind == "time" and " " not in s]
FIXED_TIMES = [
    (name, form)
    for name, u in units().items()
    if u.seconds is not None and " " not in name
    for form in (*u.spellings, *u.symbols)
]


def test_the_seed_gives_every_time_unit_a_length_or_a_reason_it_has_none():
    for u in units().values():
        assert u.min_value <= u.max_value
        if u.kind == "time":
            assert u.seconds is not None or u.name == "business days", u.name  # a covered day's hours
        else:
            assert u.seconds is None, u.name
    forms = [s.lower() for u in units().values() for s in (*u.spellings, *u.symbols)]
    assert len(forms) == len(set(forms)), "one spelling names one unit"


@pytest.mark.parametrize(("unit", "word"), TIME_WORDS)
def test_the_level_grammar_reads_every_spelling_of_a_time(unit, word):
    m = re.search(time_pattern("t"), f"restored within 7 {word} of the call", re.I)
    assert m and float(m.group("t")) == 7 and time_unit(m, "t") == unit


@pytest.mark.parametrize(("unit", "form"), FIXED_TIMES)
def test_a_reported_duration_in_any_spelling_converts_by_the_seeds_length(unit, form):
    assert duration_seconds(f"3 {form}") == pytest.approx(3 * units()[unit].seconds)
    assert VALUE_CELL.match(f"3 {form}"), "a report cell holding the time is a value"


@pytest.mark.parametrize(("unit", "word"), SPELLINGS)
def test_a_schedules_unit_cell_names_its_unit_in_any_spelling(unit, word):
    assert _unit_of(word.upper() if len(word) > 2 else word, [], "a level") == unit
    if units()[unit].kind in ("share", "time", "score"):
        assert schedule_cell_unit(word) == unit
    if units()[unit].kind in ("share", "time"):
        assert _UNIT_WORD.fullmatch(word)


def test_a_unit_word_inside_another_word_names_no_unit():
    # "min" is not in "minimum", "hr" not in "three", "ms" not in "terms": whole words only
    assert _unit_of("Minimum service level", ["terms apply"], "three-way match") == "count"


def test_longer_spellings_win_over_their_prefixes():
    pattern = re.compile(spelling_pattern(unit_spellings("time")))
    assert pattern.match("minutes").group(0) == "minutes"
    assert pattern.match("milliseconds").group(0) == "milliseconds"


def test_a_latency_level_in_milliseconds_is_read_and_a_report_in_seconds_converts_to_it():
    level = read_level("The average API response time shall not exceed 250 milliseconds in any month")
    assert (level.target, level.unit, level.direction) == (250.0, "milliseconds", "lower")
    page = PdfPage(1, "Service levels. Search latency shall be less than or equal to 150 ms at the load balancer.", [])
    assert [(f.level.target, f.level.unit) for f in find_levels([page])] == [(150.0, "milliseconds")]
    assert to_contract_unit("0.2 s", "milliseconds") == (200.0, "'0.2 s' -> 200 milliseconds")
