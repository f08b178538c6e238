"""Jurisdictions as contracts name them: the usual abbreviation, the typographic apostrophe, the adjective."""

import pytest

from etl.contracts.jurisdictions import find_jurisdictions
from etl.evaluation.scoring import normalize_jurisdiction


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("is to be construed under the laws of the PRC and no other", "People's Republic of China"),
        ("governed by the laws of the People’s Republic of China", "People's Republic of China"),
        ("The Contract and any claim under it follow English law.", "England"),
        ("the laws of the State of West Virginia", "West Virginia"),  # the longest name wins
    ],
)
def test_a_jurisdiction_is_read_in_its_usual_spelling(text, place):
    assert find_jurisdictions(text)[:1] == [place]


def test_an_abbreviation_inside_a_word_is_not_a_place():
    assert find_jurisdictions("the SPRCX index and the PRCs committee") == []


def test_gold_places_joined_by_semicolons_compare_as_one_answer():
    assert normalize_jurisdiction("England, United Kingdom; Wales, United Kingdom") == normalize_jurisdiction(
        "England and Wales"
    )
