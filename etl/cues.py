"""A rule's cue: its regular expression, and the words one of which every match of it holds.

Most sentences of a contract hold none of a cue's words, and a substring test of the case-folded sentence rules
them out at a fraction of the expression's cost: the contract readers spent about 40% of their time in regular
expressions that found nothing (#36). The words are read from the expression's own parse tree, never written by
hand, so they cannot drift from it; where no such words can be found the expression runs on every text.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parse tree's opcodes (Python 3.11+)
import re._parser as sre_parse
import string
from collections.abc import Iterator
from functools import cache, lru_cache

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def required_words(pattern: str, flags: int = re.I) -> frozenset[str] | None:
    """Case-folded words of which every match of `pattern` holds at least one, or None where the pattern has no
    such word (an alternative, or the whole, made only of classes, optional parts or look-arounds)."""
    return _sequence(sre_parse.parse(pattern, flags))


def _sequence(items) -> frozenset[str] | None:
    """A run of items all of which a match holds: the most selective of what they require (longest shortest
    word, then fewest words); consecutive literal characters make one word."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            found.append(frozenset(["".join(run).casefold()]))
            run = []
        if (words := _item(op, arg)) is not None:
            found.append(words)
    if run:
        found.append(frozenset(["".join(run).casefold()]))
    return max(found, key=lambda words: (min(map(len, words)), -len(words)), default=None)


def _item(op, arg) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        return _sequence(arg[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(arg)
    if op is sre.BRANCH:
        # every alternative must require a word, else a match may hold none
        alternatives = [_sequence(branch) for branch in arg[1]]
        return None if None in alternatives else frozenset().union(*alternatives)
    if op in _REPEATS:
        low, _, body = arg
        return _sequence(body) if low >= 1 else None
    return None  # a class, any character, an anchor, a look-around, a back-reference: no word


@cache
def _unfolded() -> dict[str, str]:
    """Characters a case-insensitive match equates with an ASCII letter although case folding keeps them apart
    (the dotless i), each with its letter. Found on first use (a scan of the Basic Multilingual Plane), not when
    every process that imports the readers starts."""
    letter = re.compile("[a-z]", re.I)
    equated = (chr(c) for c in range(0x80, 0x10000) if letter.fullmatch(chr(c)))
    pairs = ((c, next(a for a in string.ascii_lowercase if re.fullmatch(a, c, re.I))) for c in equated)
    return {c: a for c, a in pairs if a not in c.casefold()}


def folded(text: str) -> str:
    """The text case-folded, with every character a case-insensitive match equates with an ASCII letter made that
    letter."""
    out = text.casefold()
    for c, a in _unfolded().items():
        if c in out:
            out = out.replace(c, a)
    return out


# the same sentence is tested against dozens of cues: it is folded once (a page, tested by few, is not kept)
_folded_sentence = lru_cache(maxsize=4096)(folded)
_SENTENCE_CHARS = 4096


class Cue:
    """A compiled expression that skips texts holding none of its required words. The folded text holds the letter
    of every character that a case-insensitive match equates with one (tests/test_cues.py checks all
    of Unicode), so the skip never loses a match."""

    __slots__ = ("regex", "words")

    def __init__(self, pattern: str, flags: int = re.I, words: frozenset[str] | None = None):
        """`words`: where the caller has derived them (required_words of the pattern's fixed parts), so that a
        pattern built anew for each document is not parsed again; else derived from `pattern`."""
        self.regex = re.compile(pattern, flags)
        self.words = tuple(sorted((words if words is not None else required_words(pattern, flags)) or ()))

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def may_match(self, text: str) -> bool:
        if not self.words:
            return True
        text = _folded_sentence(text) if len(text) <= _SENTENCE_CHARS else folded(text)
        for word in self.words:
            if word in text:
                return True
        return False

    def search(self, text: str) -> re.Match | None:
        return self.regex.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.regex.finditer(text) if self.may_match(text) else iter(())

    def sub(self, repl, text: str) -> str:
        return self.regex.sub(repl, text) if self.may_match(text) else text
