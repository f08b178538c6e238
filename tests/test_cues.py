"""#36: a cue skips a text holding none of the words its pattern requires. The skip must never lose a match:
the words come from the pattern's parse tree, and these tests draw matches from every contract rule's pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.contracts.clauses import CLAUSE_PATTERNS
from etl.contracts.party_roles import RULES as ROLE_RULES
from etl.contracts.term_rules import RULES
from etl.cues import Cue, folded, required_words
from etl.pdf_document import _LONE_SHARE
from tests.conftest import examples


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("hereby assigns", {"hereby assigns"}),
        # one word per alternative; every alternative must have one
        ("renew|extend", {"renew", "extend"}),
        ("renew|\\d+ days", {"renew", " days"}),
        (r"renew|\d+", None),
        # optional parts, classes and look-arounds require nothing; the longest required word is chosen
        (r"(?<!non-)\bexclusive\s+(?:right|licen[cs]e)s?", {"exclusive"}),
        (r"(?:prior )?written notice", {"written notice"}),
        (r"(?:\w+\s+){0,3}terminat", {"terminat"}),
        (r"(?:ab){2,}x", {"ab"}),
        (r"[0-9]+\s*", None),
        # a case-sensitive part is compared case-folded as well
        (r"(?-i:\bMinimum [A-Z])", {"minimum "}),
    ],
)
def test_the_required_words_of_a_pattern(pattern, words):
    found = required_words(pattern)
    assert (set(found) if found is not None else None) == words


def test_a_text_without_the_words_is_skipped_and_one_with_them_searched():
    cue = Cue(r"(?:shall|will) (?:automatically )?renew")
    assert cue.words == ("renew",)
    assert not cue.may_match("The term is three years.")
    assert cue.search("The term is three years.") is None
    assert cue.search("This Agreement SHALL automatically RENEW each year.").group(0) == "SHALL automatically RENEW"
    assert [m.group(0) for m in cue.finditer("shall renew; shall renew")] == ["shall renew", "shall renew"]
    assert cue.sub("-", "It will renew.") == "It -." and cue.sub("-", "It ends.") == "It ends."
    # no required word: the pattern runs on every text
    assert Cue(r"\d+\s*%").words == ("%",)
    assert Cue(r"\d+\s*").words == ()
    assert Cue(r"\d+\s*").search("within 30 days")


def test_folding_keeps_every_letter_a_case_insensitive_match_equates():
    """Python's case-insensitive matching equates a few characters beyond ASCII with an ASCII letter (the Kelvin
    sign with k, the long s with s, the dotless i with i): the folded text must hold that letter, or a skip would
    lose a match. Plain case folding fails this for the dotless i (checked)."""
    letter = re.compile(r"[a-z]", re.I)
    equated = [chr(c) for c in range(0x80, 0x110000) if letter.fullmatch(chr(c))]
    assert len(equated) >= 3
    for c in equated:
        ascii_letter = next(a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, c, re.I))
        assert ascii_letter in folded(c), hex(ord(c))
    assert Cue("terminate").search("may TERM\u0131NATE at will")


_PATTERNS = (
    {f"clause:{name}": p for name, (p, _) in CLAUSE_PATTERNS.items()}
    | {f"rule:{r.name}": r.cue for r in RULES.values() if r.cue}
    | {f"role:{r.name}": r.compile("(?P<party>Acme|Beta Corp)").pattern for r in ROLE_RULES}
    | {"page:lone share": _LONE_SHARE.pattern}
)


@pytest.mark.parametrize("name", sorted(_PATTERNS))
def test_every_text_a_rule_pattern_matches_holds_one_of_its_words(name):
    """hypothesis draws strings from the pattern itself (each alternative, each optional part). Dropping a
    branch's word from the derivation (returning the other alternatives' words only) fails this (checked)."""
    pattern = _PATTERNS[name]
    cue = Cue(pattern)

    @settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.from_regex(re.compile(pattern, re.I), fullmatch=True))
    def holds_a_word(text):
        assert cue.may_match(text), text

    holds_a_word()


def test_a_number_is_found_where_the_plain_pattern_finds_it():
    """The schedule reader's number pattern carries its look-behind after the first digit (a pattern opening with
    a look-behind is tried at every character); the numbers and units found must be the plain pattern's."""
    from etl.contracts.schedule_content import _UNIT_WORDS, _VALUE

    plain = re.compile(r"(?<![\w.])(?P<n>\d{1,3}(?:\.\d+)?)\s*(?P<u>" + _UNIT_WORDS + r")?(?![\w])", re.I)
    pieces = st.sampled_from(["1", "99", "1234", ".", "5.25", " ", "%", "hours", "x", "a1", "\n", "-", "per cent"])

    @settings(max_examples=examples(500), deadline=None, database=None)
    @given(st.lists(pieces, max_size=12).map("".join))
    def same(text):
        assert [m.groupdict() | {"at": m.span()} for m in _VALUE.finditer(text)] == [
            m.groupdict() | {"at": m.span()} for m in plain.finditer(text)
        ]

    same()
