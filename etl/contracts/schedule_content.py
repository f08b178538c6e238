"""A service-level schedule read by what its cells and sentences hold, whatever its header and label words.

A schedule states, for each level, a name and two or more values: an expected and a minimum level, often a
weighting, sometimes a baseline. Drafting varies the words ("Expected Service Level", "Target", "Goal",
"Committed Level"; "Minimum", "Floor", "Trigger Level", "Breach Threshold"; "Weighting", "Allocation", "Share
of At-Risk Amount") and the layout (ruled or unruled tables in any column order, a paragraph or a block of
labelled lines per level, bullets, "X shall be at least Y"). What does not vary is the content:

- the name is the text that differs from level to level; labels repeat in every level;
- a weighting column holds percentages that add up to 100 over the schedule;
- of the two level columns, one is the better side of the other in every row: the higher for a percentage,
  the lower for a time; the better one is the expected level, the other the minimum;
- a window is a word such as monthly or quarterly.

Header and label words break ties only (a third level column is a baseline only when its label says so).
Every unit of text (a table row, a line, a paragraph, a block) becomes a `Candidate`; consecutive candidates of
the same shape are one schedule, and roles are given to its value positions across all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl.contracts.credit_clauses import PER_INCIDENT, TICKET_CLOCK
from etl.contracts.level_rules import MODAL
from etl.contracts.level_text import (
    AT_LEAST,
    AT_LEAST_SIGN,
    AT_MOST,
    AT_MOST_SIGN,
    CALL_TIME,
    LESS_IS_BETTER,
    NONE_OF_FAULTS,
    OR_LESS,
    OR_MORE,
    WINDOW_WORDS,
    answered,
    answered_unit,
    default_direction,
    header_unit,
    minutes_and_seconds,
    normalise,
    time_pattern,
    time_unit,
    window_named,
)
from etl.contracts.sla_schedule import labelled_term
from etl.cues import Cue
from etl.pdf_document import PdfPage
from etl.quantities import GRADE, MONEY_RE, parse_money, spelling_pattern, unit_spellings, units
from etl.records import Provenance, SlaTerm

# the units a schedule's level cells are written in, by every spelling the seed `units` gives
_UNIT = unit_spellings("share", "time", "score")
_TIMES = {name for name, u in units().items() if u.kind == "time"}
_UNIT_WORDS = spelling_pattern(_UNIT)
# a number not inside a word or another number; the look-behind follows the first digit, as a pattern that opens
# with a look-behind is tried at every character of a page
_VALUE = re.compile(r"(?P<n>\d(?<![\w.]\d)\d{0,2}(?:\.\d+)?)\s*(?P<u>" + _UNIT_WORDS + r")?(?![\w])", re.I)
_WINDOW = Cue(WINDOW_WORDS)
# labels as data: which words, before a value or heading its column, name its role. Ties only.
LABELS = {
    "baseline": ("baseline", "current level", "pre-transition", "historical"),
    "allocation": ("weight", "allocation", "share of", "pool", "at-risk", "at risk"),
    "minimum": (
        "minimum",
        "floor",
        "trigger",
        "breach",
        "threshold",
        "acceptable",
        "at least",
        "no more than",
        "maximum",
    ),
    "expected": ("expected", "target", "goal", "committed", "objective"),
    # what a miss costs, not a level: a column of shares under it is each row's credit
    "credit": ("credit", "penalt", "deduction", "rebate", "remed", "liquidated", "reduction", "refund"),
}
# a title-case phrase: a level's name in prose ("Batch Job Completion", "Hosting Platform Availability"); a
# spaced dash ends it, as it sets the name apart from its levels ("Change Success Rate - Target 98%")
_TITLE = re.compile(
    r"\b[A-Z][\w&/-]*(?:(?:[ \t]+(?:of|and|to|for|the|in|on|&))+[ \t]+[A-Z][\w&/-]*|[ \t]+[A-Z0-9][\w&/-]*)*"
)


@dataclass
class Value:
    number: float
    unit: str | None  # None: a bare number, its unit given by a unit column if any
    label: str = ""  # the words before it, or its column's header


@dataclass
class Candidate:
    name: str
    values: list[Value]
    page: int
    source: str
    window: str | None = None
    titles: list[str] = field(default_factory=list)  # title-case phrases of a prose unit, the name among them
    seq: int = 0  # position among the units of its kind: a schedule is a run of adjacent units
    credit_pct: float | None = None  # the row's credit column: % of the month's charges per failure
    credit_amount: float | None = None  # ... or an amount of money per failure
    direction: str | None = None  # where a cell writes its bound: "at least 99%", "under 0.5%", "4.2 or higher"
    standard: str = ""  # where a share's time bound is written, when not in the name: a numbered paragraph's text
    header: str = ""  # an unruled table's line of words above its rows: its column headings, run together


def _unit(text: str | None) -> str | None:
    return _UNIT.get(" ".join(text.lower().split())) if text else None


# a time written on a clock face ("00:30", "4:00") or as the next business day: an elapsed time where its row
# measures one (a response, a restoration ...), never a time of day (a report due "by 09:00", hours "08:00-18:00")
_CLOCK_FACE = re.compile(
    r"(?<![\d:.])(?<!-)(?<!- )(?<!by )(?<!at )(?<!to )(?<!until )(?<!from )(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?![\d:])"
    r"(?!\s*(?:[-–]|to\s+\d|a\.?m\b|p\.?m\b|gmt|utc|local))",
    re.I,
)
_NEXT_DAY = re.compile(r"(?i)\bnext\s+(?:business|working)\s+day\b")
_ELAPSED = re.compile(r"(?i)respon|resol|restor|recover|repair|\bfix|reset|turnaround|acknowledg|replace")


def _elapsed_written_plainly(cells: list[str]) -> list[str]:
    """A row's cells (or a line, as one) with their clock-face times as hours and "next business day" as 1
    business day, where the row measures an elapsed time; elsewhere a clock face is a time of day, a deadline the
    conventions give no numeric level, and is left out so that no reader takes its digits for one. A contact
    centre's call times are written in minutes and seconds ("Average Handle Time 6:30")."""
    joined = " ".join(cells)
    if CALL_TIME.search(joined):
        return [minutes_and_seconds(c) for c in cells]
    if not _ELAPSED.search(joined):
        return [_CLOCK_FACE.sub("", c) if ":" in c else c for c in cells]
    return [_CLOCK_FACE.sub(_as_hours, _NEXT_DAY.sub("1 business day", c)) for c in cells]


def _as_hours(clock: re.Match) -> str:
    return f"{int(clock['h']) + int(clock['m']) / 60:g} hours"


def _cell_value(cell: str, bounded: bool = False) -> Value | None:
    """A cell that is one value: '99.5%', '4 hours', '12', '99.9 percent'; `bounded` (under a header naming its
    role), maybe after its bound's sign ('≤ 3%'); a score on its scale ('4.5 out of 5'); a count of events in a
    period ('2 per month'); a contact centre's share answered within a time ('80/20': the time is the row's
    bound, `answered_within`)."""
    text = " ".join(cell.split()).lstrip("•● ")
    text = _CELL_BOUND.sub("", text, count=1) if bounded else text
    answered_share = answered(text, whole=True)
    if answered_share:
        return Value(float(answered_share.group("n")), "percent")
    m = _VALUE.fullmatch(text)
    if m:
        return Value(float(m.group("n")), _unit(m.group("u")))
    m = _SCORE_CELL.fullmatch(text) or _COUNT_PER.fullmatch(text)
    if m:
        return Value(float(m.group("n")), "score" if m.re is _SCORE_CELL else "count")
    return None


# a level's bound written before it in its cell, as a sign or an abbreviation ("≥ 99.8%", "≤ 4 hrs", "Min. 95%",
# "Max. 30 mins"): the row's direction
_CELL_BOUND = re.compile(
    r"(?i)^(?:(?P<least>" + AT_LEAST_SIGN + r"|min\.?)|(?P<most>" + AT_MOST_SIGN + r"|max\.?))\s*(?=\d)"
)


def _cell_direction(cell: str) -> str | None:
    m = _CELL_BOUND.match(" ".join(cell.split()))
    return None if not m else "higher" if m.group("least") else "lower"


def answered_within(cell: str) -> str | None:
    """The bound of a share written in the contact centre's notation, as a standard writes it: "80/20" -> "within
    20 seconds"."""
    m = answered(" ".join(cell.split()), whole=True)
    return f"within {m['t']} {answered_unit(m)}" if m else None


# the scale a score is on, after its number: "4.5 out of 5", "4 of 5"
_OUT_OF = r"\s+(?:out\s+)?of\s+(?:5|7|10)\b"
# a score on its scale, and a count of events in a period, each a cell of its own
_SCORE_CELL = re.compile(r"(?i)(?P<n>\d{1,2}(?:\.\d+)?)" + _OUT_OF)
_COUNT_PER = re.compile(
    r"(?i)(?P<n>\d{1,4})\s+(?:per|each|every|a)\s+(?:calendar\s+)?(?:day|week|month|quarter|year)\b"
)


# the marks a list item opens with
_LIST_MARKS = "•●▪-–"
# a word that names a level's role, written before its value: "Target 99.8%", "(minimum 99.5%)", "Max. 6 hours"
_ROLE_WORD = (
    r"(?:"
    + "|".join(re.escape(w) for role in ("expected", "minimum", "baseline") for w in LABELS[role])
    + r"|min\.?|max\.?)(?:\s+(?:level|service\s+level))?"
)
_ROLE_BEFORE = re.compile(r"(?i)(?:^|\s|\()(?P<label>" + _ROLE_WORD + r")\s*:?\s*$")
# a cell that states both levels of a row, each maybe after its role: "99.8% (minimum 99.5%)", "Target 4 hours;
# Maximum 6 hours", "99.8% / 99.5%"
_PAIR_CELL = re.compile(
    r"(?i)^(?:(?P<l1>" + _ROLE_WORD + r")\s*:?\s*)?(?P<n1>\d{1,3}(?:\.\d+)?)\s*(?P<u1>" + _UNIT_WORDS + r")"
    r"\s*(?:\(|/|;|,)?\s*(?:(?P<l2>"
    + _ROLE_WORD
    + r")\s*:?\s*)?(?P<n2>\d{1,3}(?:\.\d+)?)\s*(?P<u2>"
    + _UNIT_WORDS
    + r")"
    r"\s*\)?$"
)


def _cell_pair(cell: str) -> list[Value] | None:
    """The two levels of a cell that states both, each labelled by its role word if it has one."""
    m = _PAIR_CELL.match(" ".join(cell.split()))
    if not m or _unit(m.group("u1")) != _unit(m.group("u2")):
        return None
    return [Value(float(m.group(f"n{k}")), _unit(m.group(f"u{k}")), m.group(f"l{k}") or "") for k in (1, 2)]


# a cell that prices a failure rather than stating a level: "20% of invoice deducted for failure to meet ..."
_CREDIT_CELL = re.compile(r"(?i)deduct|invoice|payment|credit|penalt|withh[oe]ld|\bfees?\b|\bcharges?\b")


def _credit_cell(cell: str) -> bool:
    return bool(_CREDIT_CELL.search(cell) and _VALUE.search(cell))


# "No accidents or incidents due to ...", "Zero data breaches": a count of what goes wrong, held at none
_NONE_OF = re.compile(r"(?i)^(?:no|zero)\s+(?:[\w-]+\s+){0,2}?" + NONE_OF_FAULTS + r"\b")


def _sentence_share(cell: str) -> Value | None:
    """A cell that states its level in a sentence: one share, of the things that meet the standard ("90% of
    markers inspected meet ...", "cleaned and sanitized 95% of the time"), or none of what goes wrong ("No
    accidents ..."). A time in a sentence is a bound ("within 4 hours"), not a level, and a share beside money
    words prices a failure."""
    text = " ".join(cell.split())
    if len(text.split()) < 4 or _credit_cell(text):
        return None
    values = list(_VALUE.finditer(text))
    if not values and _NONE_OF.match(text):
        return Value(0.0, "count")
    if len(values) != 1 or _unit(values[0].group("u")) != "percent":
        return None
    return Value(float(values[0].group("n")), "percent")


def _repeated_columns(body: list[list[str]]) -> set[int]:
    """Columns whose text repeats in most rows ("Full payment of invoice"): labels, never a level's name."""
    if len(body) < 3:
        return set()
    width = max(len(r) for r in body)
    out = set()
    for j in range(width):
        cells = [" ".join(r[j].split()) for r in body if j < len(r) and r[j].strip()]
        if cells and max(cells.count(c) for c in cells) > len(body) / 2:
            out.add(j)
    return out


def _header_unit(header: str) -> str | None:
    found = header_unit(header)
    return found[0] if found else None


def _window(text: str) -> str | None:
    m = _WINDOW.search(text)
    return window_named(m) if m else None


def _window_cell(cell: str) -> str | None:
    """The window a cell names where the cell is that and little else ("Monthly", "Each calendar month")."""
    return _window(cell) if len(cell.split()) <= 3 else None


# ---- units of text ----------------------------------------------------------------------------------------


def _kind(cell: str) -> str:
    """What a cell holds, coarsely: a value, a window, text, or nothing."""
    if _cell_value(cell):
        return "value"
    if _window_cell(cell):
        return "window"
    return "text" if cell.strip() else ""


def _transposed(table: list[list[str]]) -> bool:
    """A schedule written with its levels across the columns and what is stated of them down the rows ("Target
    | 99.8% | 90% | 4 hours"): past its first column of labels each row holds one kind of cell, while the
    columns mix names, values and windows. A grid of grades (Priority 1 | Priority 2 ...) is a matrix of its own.
    """
    width = len(table[0])
    if len(table) < 3 or width < 3 or any(len(r) != width for r in table):
        return False
    kinds = [[_kind(c) for c in r] for r in table]  # each cell classified once
    rows = [set(k[1:]) for k in kinds]
    if not all(len(k) == 1 and "" not in k for k in rows) or {"value"} not in rows:
        return False
    if any(GRADE.search(c) for c in table[0]):
        return False
    # a first row that names two levels' roles ("Metric | Target | Minimum") heads columns of levels, whatever a
    # cell below writes beside its value ("≤ 3%")
    if sum(any(_labelled(c, role) for role in ("expected", "minimum")) for c in table[0][1:]) >= 2:
        return False
    if all(len({k[j] for k in kinds[1:]}) > 1 for j in range(1, width)):
        return True
    # where every cell past the labels is a value, a row of weightings adding up to 100 tells the orientation
    return any(_weightings(r[1:]) for r in table[1:]) and not any(
        _weightings([r[j] for r in table[1:]]) for j in range(1, width)
    )


def _weightings(cells: list[str]) -> bool:
    """Shares that add up to 100: an at-risk pool's weightings."""
    values = [_cell_value(c) for c in cells]
    return all(v and v.unit == "percent" for v in values) and abs(sum(v.number for v in values) - 100) < 0.5


def _table_candidates(table: list[list[str]], page: int) -> list[Candidate]:
    """Rows of a table: the header (a first row without values) labels the columns; the name is the row's
    widest text cell that is not repeated down its column; a column of unit words gives the unit of bare
    numbers; a level may be a cell's one value or the one share a sentence in the cell states. A table with its
    levels across is read as its transpose."""
    if len(table) < 2:
        return []
    table = [_elapsed_written_plainly(row) for row in table]
    if _transposed(table):
        table = [list(column) for column in zip(*table, strict=True)]
    # the header: of the rows before the first with a value, the one that labels the most columns, the nearest the
    # rows on a tie (an unruled table may keep a heading or a paragraph above it, a ruled one a row of section
    # names below it)
    # (where no cell is one value, the levels are sentences in the cells, under the first row)
    # (the row right above the first values, where it labels two columns or more: a paragraph above an unruled
    # table, split into as many cells, may label more)
    # (a value with a unit: a heading's number, "SCHEDULE 4" split into cells, is none)
    first = next((k for k, r in enumerate(table) if any((v := _cell_value(c)) and v.unit for c in r)), 1)
    above = table[first - 1] if first >= 1 else []
    header = (
        above
        if sum(bool(c.strip()) for c in above) >= 2
        else max(reversed(table[:first]), key=lambda r: sum(bool(c.strip()) for c in r), default=[""] * len(table[0]))
    )
    body = _without_row_numbers(table[first:])
    unit_col = next(
        (j for j in range(len(header)) if sum(bool(_unit(r[j])) for r in body if j < len(r)) >= len(body) * 0.6),
        None,
    )
    repeated = _repeated_columns(body)
    # a column states its levels in sentences when most of its cells do; a share in one cell of a column of
    # methods or remarks ("pull a 2% random sample") is not a level
    stated = {
        j
        for j in range(len(header))
        if sum(bool(j < len(r) and _sentence_share(r[j])) for r in body) >= max(len(body) / 2, 1)
    }
    # a column headed by a level's role ("Target | Minimum"): a bound's sign before its value ("≤ 3%") is the row's
    # direction
    roled = {j for j, h in enumerate(header) if any(_labelled(h, r) for r in ("expected", "minimum", "baseline"))}
    return [c for row in body if (c := _row_candidate(row, header, unit_col, repeated, stated, roled, page))]


_REPORTED = re.compile(r"(?i)\breport|\bdeliver|\bsubmi|\breview")


def _value_and_window(cell: str, label: str) -> tuple[str, list[tuple[str, str]]]:
    """A level cell that writes its own period after the value ("99.8% per month", "4 hours (monthly average)",
    "90% each quarter"): the value's text, and the period as the row's window cell under the same header."""
    text = " ".join(cell.split())
    m = _VALUE.match(text)
    rest = text[m.end() :].strip() if m and m.group("u") else ""
    # the rest is the period and nothing else: "30% random sampling weekly" is a method, not a level
    window = _window(rest) if rest and _WINDOW_QUALIFIED.regex.fullmatch(rest) else None
    return (text[: m.end()], [(label, window)]) if window else (cell, [])


def _measured_window(windows: list[tuple[str, str]]) -> str | None:
    """Of a row's period cells (header, window), the period it is measured over: the first, but never one its
    header says is reported or reviewed ("Reported: Quarterly" beside "Measured: Monthly") where another stands
    beside it."""
    measured = [w for label, w in windows if not _REPORTED.search(label)]
    return (measured or [w for _, w in windows] or [None])[0]


def _row_candidate(
    row: list[str],
    header: list[str],
    unit_col: int | None,
    repeated: set[int],
    stated: set[int],
    roled: set[int],
    page: int,
) -> Candidate | None:
    """One table row's name, levels, window and credit, each cell by what it holds and its column's header
    (`roled`: the columns headed by a level's role, whose cells may write a bound's sign before the value)."""
    values, texts, windows, credit, amount = [], [], [], None, None
    bounds = {b for cell in row if (b := answered_within(cell))}  # "80/20": 80% within 20 seconds
    directions = {d for j, cell in enumerate(row) if j in roled and (d := _cell_direction(cell))}
    for j, cell in enumerate(row):
        label = header[j] if j < len(header) else ""
        cell, own_window = _value_and_window(cell, label)
        windows += own_window
        value = _cell_value(cell, j in roled) or (_sentence_share(cell) if j in stated else None)
        if j == unit_col:
            continue
        compound = None if value else _compound_cell(cell, label)
        if compound:
            values += compound[0]
            amount = compound[1] if compound[1] is not None else amount
            continue
        if value and _labelled(label, "credit") and not _labelled(label, "allocation"):  # "Credit Weighting": a pool's
            credit = value.number if value.unit == "percent" else credit
        elif value:
            unit = value.unit or (_unit(row[unit_col]) if unit_col is not None else None) or _header_unit(label)
            if unit is None and not _labelled(label, "allocation"):
                continue  # a bare number with no unit anywhere: a section or line number, a count of things
            values.append(Value(value.number, unit, label))
        elif _window_cell(cell):
            windows.append((label, _window_cell(cell)))
        elif re.search(r"[A-Za-z]{3}", cell) and j not in repeated and not _credit_cell(cell):
            texts.append((j, cell))
    if not (texts and values):
        return None
    # the widest text names the row; where several texts stand beside the levels, a header that names the level
    # breaks the tie ("Service Level" beside "Definition": the definition describes it)
    headers = [header[j] if j < len(header) else "" for j, _ in texts]
    headed = [t for (_, t), h in zip(texts, headers, strict=True) if _NAME_HEADER.search(h)]
    name = headed[0] if len(headed) == 1 else max((t for _, t in texts), key=len)
    # a definition beside the name states what the level counts: a time bound in it is the bound of the row's share
    # ("answered within 30 seconds of entering the queue")
    defined = " ".join(t for (_, t), h in zip(texts, headers, strict=True) if t is not name and _DEFINES.search(h))
    return Candidate(
        name,
        values,
        page,
        " | ".join(row),
        _measured_window(windows),
        credit_pct=credit,
        credit_amount=amount,
        standard=defined or " ".join(sorted(bounds)),
        direction=directions.pop() if len(directions) == 1 else None,
    )


def _compound_cell(cell: str, label: str) -> tuple[list[Value], float | None] | None:
    """A cell that is not one value: both levels of its row, or the amount its row credits per failure."""
    pair = _cell_pair(cell)
    if pair:
        return [Value(v.number, v.unit, v.label or label) for v in pair], None
    money = _money_credit(cell, label)
    return ([], money) if money is not None else None


# what a money cell may say beside its amount: "per failure", "for each miss"
_PER = r"\b(?:per|for\s+each|each)\s+(?:failure|miss|breach|default|incident|occurrence)\b"
_PER_FAILURE = Cue(_PER)
_PER_FAILURE_AFTER = re.compile(r"\s*" + _PER, re.I)


def _money_credit(cell: str, label: str) -> float | None:
    """The amount of money a cell credits for a missed level: the cell is an amount, under a credit's header or
    saying "per failure"; an amount under any other header (a charge, a price) is no credit."""
    # a cell is its own unit: "per failure" anywhere in it speaks of its amount
    rest, amount = _line_credit(cell, _labelled(label, "credit") or bool(_PER_FAILURE.search(cell)))
    return amount if amount is not None and len(rest.split()) <= 3 else None


_DEFINES = re.compile(r"(?i)\bdefin|\bdescri|\bcalculat|\bformula")
# the nouns that say what a schedule's row is: its header's words ("Service Level", "KPI"), and a label a card or
# block opens its name with ("Service Level Hosting Availability", "KPI: Order accuracy")
_LEVEL_NOUN = r"(?:service\s+levels?|slas?|kpis?|metrics?|measures?|indicators?|standards?|requirements?)"
_NAME_HEADER = re.compile(r"(?i)\b" + _LEVEL_NOUN + r"\b")


def _labelled_values(text: str) -> list[Value]:
    """The values of a unit of text, each labelled by the words before it."""
    values, last = [], 0
    for m in _VALUE.finditer(text):
        before = text[last : m.start()]
        values.append(Value(float(m.group("n")), _unit(m.group("u")), " ".join(before.split()[-6:])))
        last = m.end()
    return values


# words a sentence has and a table's name cell does not
_SENTENCE = re.compile(r"(?i)\b(?:is|are|shall|will|must|its|their|with|measured|against|apply|applies)\b")


# a unit written as a cell of its own before its number ("percent 99.7", a unit column)
_UNIT_BEFORE = re.compile(r"(?i)(?:^|\s)(?P<u>" + _UNIT_WORDS + r")$")
# a time inside a row's name, before the row's shares: "answered in 30 seconds | 85% | 80%"
_NAMED_TIME = re.compile(
    r"(?i)(?<=[a-z])\s+(?:in|within)\s+(?:under\s+|less\s+than\s+)?" + time_pattern("t") + r"(?=\s+\d[\d.]*\s*%)"
)
# a cell's bound, written before its number ("at least 99.2%", "under 0.5%", "≥ 99.8%") or after it ("4 hours or
# less"): the row's direction, and no part of its name
_BOUND_BEFORE = re.compile(
    r"(?i)(?:^|\s)(?:(?P<least>"
    + AT_LEAST
    + r"|(?:more|greater|higher)\s+than|above|over|"
    + AT_LEAST_SIGN
    + r")|(?P<most>"
    + AT_MOST
    + r"|(?:less|lower|fewer)\s+than|under|below|"
    + AT_MOST_SIGN
    + r"))$"
)
_BOUND_AFTER = re.compile(r"(?i)(?P<least>" + OR_MORE + r")|(?P<most>" + OR_LESS + r")")
# the scale a score is written on ("4.2 of 5 or higher"): no value of its own, and it makes the number before it a
# score
_SCALE = re.compile(r"(?i)(?<=\d)" + _OUT_OF)
# what each measurement is taken over, in a column of its own: no name, and no window either
_PER_EVENT = re.compile(r"(?i)^(?:per|each|every)\s+(?:incident|request|ticket|call|event|occurrence|case|order)s?$")


def _line_values(
    found: list[re.Match], texts: list[str], scales: set[int], counts: set[int] = frozenset()
) -> tuple[list[Value], str | None]:
    """A line's values, and the direction a bound beside one writes. Each value's bound, unit word and role word
    are taken out of the texts around it (`texts[k]` before value k), which leaves the name."""
    values, column_unit = [], None  # a unit column's unit holds for the bare numbers after it
    direction = None
    for k, m in enumerate(found):
        bound = _BOUND_BEFORE.search(texts[k])
        if bound:
            direction, texts[k] = "higher" if bound.group("least") else "lower", texts[k][: bound.start()].strip()
        after = " " + texts[k + 1]  # the text after a value, stripped; the bound after it opens with a space
        bound = _BOUND_AFTER.match(after)
        if bound:
            direction, texts[k + 1] = "higher" if bound.group("least") else "lower", after[bound.end() :]
        unit = _unit(m.group("u")) or ("score" if m.end("n") in scales else "count" if m.start() in counts else None)
        before = _UNIT_BEFORE.search(texts[k]) if unit is None else None
        if before:
            column_unit, texts[k] = _unit(before.group("u")), texts[k][: before.start()].strip()
        role = _ROLE_BEFORE.search(texts[k])
        if role:
            texts[k] = texts[k][: role.start()].strip(" ,;:-–|│(")
        values.append(Value(float(m.group("n")), unit or column_unit, role.group("label") if role else ""))
    return values, direction


def _line_candidates(page: PdfPage) -> list[Candidate]:
    """Lines of an unruled table: one run of words (the name) and values, in column order. A grade's number
    ("Priority 1") is part of the name, not a value; a unit standing before the bare numbers is theirs."""
    out, header, credit_header = [], "", False
    lines = [_elapsed_written_plainly([" ".join(line.split())])[0] for line in page.text.splitlines()]
    numbered = _row_numbers(lines)
    for seq, line in enumerate(lines):
        if line[:1] in _LIST_MARKS:
            continue  # a list item, which wraps as prose does: the prose reader's
        window = _window(line)
        rest, amount = _line_credit(_without_windows(line, qualified=True) if window else line, credit_header)
        if seq in numbered and (number := _ROW_NUMBER.match(rest)):
            rest = " " * number.end() + rest[number.end() :]  # the row's number: no value, no part of the name
        grades = [g.span("n") for g in GRADE.finditer(rest)]
        # ... nor is the time a share of cases is done in, written in the name ("Calls answered in 30 seconds"), nor
        # a score's scale
        grades += [w.span() for w in _NAMED_TIME.finditer(rest)]
        scales = {m.start() for m in _SCALE.finditer(rest)}
        rest = _SCALE.sub(lambda m: " " * len(m.group(0)), rest)
        found = [m for m in _VALUE.finditer(rest) if not any(a <= m.start() < b for a, b in grades)]
        if not found:
            header, credit_header = line, _labelled(line, "credit")
            continue
        counts = {m.start() for m in _COUNT_PER.finditer(line)}  # "1 per month": a count, whose window is blanked
        # the text between values ("|": a table drawn in text)
        bounds = [0, *(x for m in found for x in m.span()), len(rest)]
        texts = [rest[bounds[i] : bounds[i + 1]].strip(" ,;:-–|│") for i in range(0, len(bounds), 2)]
        values, direction = _line_values(found, texts, scales, counts)
        words = [t for t in texts if re.search(r"[A-Za-z]{3}", t) and not _PER_EVENT.match(t.strip())]
        if len(words) != 1 or len(words[0].split()) > 12 or _SENTENCE.search(words[0]) or line.endswith("."):
            continue  # a wrapped line of prose, not a table row
        if len(values) < 2 and not (window or direction or amount is not None):
            continue  # one bare value on a line: a section or page number, a date, a count; one with its bound stays
        out.append(
            Candidate(
                words[0],
                values,
                page.number,
                line,
                window,
                seq=page.number * 10_000 + seq,
                direction=direction,
                header=header,
                credit_amount=amount,
            )
        )
    return out


# a line opening with a number before words: a numbered row ("1 ", "2. ", "3.1 ") where the numbers count up
_ROW_NUMBER = re.compile(r"(?i)^(?P<n>\d{1,2}(?:\.\d{1,2})?)\.?\s+(?!(?:" + _UNIT_WORDS + r")\b)(?=[a-z])")


def _row_numbers(lines: list[str]) -> set[int]:
    """The lines that open with their row's number: each line opening with a number that the next such line
    counts up by one ("1", "2"; "3.1", "3.2"), and that next line. A number opening a line alone is a count or a
    level ("2 on-site engineers", "99.5 percent of calls"), which no other line's number follows."""
    opened = [(k, m.group("n")) for k, line in enumerate(lines) if (m := _ROW_NUMBER.match(line))]
    out = set()
    for (k, n), (k_next, n_next) in zip(opened, opened[1:]):
        head, _, last = n.rpartition(".")
        if n_next == (f"{head}." if head else "") + str(int(last) + 1):
            out |= {k, k_next}
    return out


def _without_row_numbers(body: list[list[str]]) -> list[list[str]]:
    """The rows with the numbers their first cells open with taken off, where those count up row by row ("1
    Payroll runs ...", "2 Supplier invoices ...": a number and a name an unruled table's columns ran together)."""
    numbered = _row_numbers([r[0] if r else "" for r in body])
    return [[_ROW_NUMBER.sub("", r[0]), *r[1:]] if k in numbered else r for k, r in enumerate(body)]


def _line_credit(line: str, credit_header: bool) -> tuple[str, float | None]:
    """An unruled row's credit amount, under a credit's header or said "per failure", and the line without it."""
    # (the cheap tests first: most lines of a contract are prose under no credit's header)
    if not (credit_header or _PER_FAILURE.search(line)):
        return line, None
    m = MONEY_RE.search(line)
    if not m or not (credit_header or _PER_FAILURE.search(line[m.end() :])):
        return line, None
    money = parse_money(m.group(0))
    after = _PER_FAILURE_AFTER.match(line, m.end())
    end = after.end() if after else m.end()
    return line[: m.start()] + " " * (end - m.start()) + line[end:], float(money[1]) if money else None


_LABEL_LINE = re.compile(r"[^:.]{1,40}:\s")
# a measure whose bare levels are points on a scale
_SCORED = re.compile(r"(?i)\b(?:score|rating|satisfaction|csat|nps)\b")
# a name line's own number: its enumerator ("KPI 1 - ", "Critical Service Level 2: ", "3. ") and a grade's number
_ENUMERATOR = re.compile(r"^\s*(?:[A-Za-z][\w ]{0,30}?\s)?\d{1,2}\s*[-–—:.)]\s+")
# a clause's own number in legal drafting ("3.1 ", "4.2.1 ", "(a) ", "b) ", "(iv) "), or a bullet, before a capital:
# it opens a new paragraph, and it is no value
_CLAUSE_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|\(?[a-z]\)|\([ivx]{1,4}\)|[•●▪])\s+(?=[A-Z])")
# a level's own number before its run-in name: "Service Level 1: Severity 1 Incident Resolution. Description: ..."
# ("Critical Service Level 2:", "Key Performance Indicator 3 -": a word or two may qualify the noun)
_NUMBERED_LEVEL = re.compile(r"(?i)^\s*(?:[a-z][\w-]*\s+){0,2}?" + _LEVEL_NOUN + r"\s+\d{1,2}\s*[-–—:.)]\s+(?=[A-Z])")
# a run-in heading after a clause number or a bullet: "(a) Application Availability. The Vendor ...", "• Payroll
# accuracy - Target ..."; the heading is the name
_RUN_IN = re.compile(r"^(?P<name>[A-Z][\w&/-]*(?:[ \t]+[\w&/()-]+){0,7}?)(?:[.:]|[ \t]+[–—-])[ \t]+(?=[A-Z0-9])")
# a time a share of cases is done within ("answer 90% of calls within 30 seconds"): the share's bound, not a level
_WITHIN = re.compile(r"\b(?:within|in under|in less than|in|no later than)\s+" + time_pattern("t"), re.I)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


def _name_line(line: str) -> str | None:
    """The name a line gives a block of labelled levels: the line without its enumerator, where what is left holds no
    label and no value but a grade's number."""
    name = _CLAUSE_NUMBER.sub("", _ENUMERATOR.sub("", line, count=1), count=1).strip().removesuffix(".")
    bare = GRADE.sub(" ", name)
    return name if name and ":" not in name and not _VALUE.search(bare) and re.search(r"[A-Za-z]{3}", name) else None


def _prose_units(pages: list[PdfPage]) -> list[tuple[int, str]]:
    """Units of prose, with the page each starts on: a bullet, a paragraph that ends a sentence, or a block of
    labelled lines under a name line. A unit runs on over a page break."""
    units: list[tuple[int, list[str]]] = []
    for page in pages:
        for line in page.text.splitlines():
            line = " ".join(line.split())
            if not line:
                continue
            last = units[-1][1][-1] if units else ""
            starts = (
                not units
                or line[0] in _LIST_MARKS
                or (last.endswith(".") and not _weighting_line(line) and not _block_goes_on(units[-1][1], line))
                or line.isupper()  # a heading
                or bool(_CLAUSE_NUMBER.match(line) or _NUMBERED_LEVEL.match(line))
                or (_title_line(line) and (_title_line(last) or last.isupper() or last.endswith(".")))
                # a name line (no value, no label, an enumerator aside) after a block of labelled lines, with or
                # without their colons ("Weighting 40%"), or one that is numbered ("KPI 1 - Platform uptime")
                # (a name line ends without a period unless numbered: "Charges." is a wrapped sentence's end)
                or (
                    (
                        _ENUMERATOR.match(line)
                        or (((":" in last and _VALUE.search(last)) or _labelled_line(last)) and not line.endswith("."))
                    )
                    and _name_line(line) is not None
                )
            )
            if starts:
                units.append((page.number, [line]))
            else:
                units[-1][1].append(line)
    # lines of one sentence join; a labelled line ("Goal: 99.8%") stays apart, so a name never runs into a label,
    # and so does the text under a numbered heading ("3.1 Network Availability")
    return [
        (
            number,
            "".join(
                ("\n" if _LABEL_LINE.match(line) or (i == 1 and _heading_line(lines[0])) else " ") + line
                for i, line in enumerate(lines)
            ).strip(),
        )
        for number, lines in units
    ]


# a word a wrapped line of a sentence ends on, and a heading does not
_OPEN_END = re.compile(r"(?i)\b(?:of|to|the|a|an|and|or|for|in|on|by|with|from|at|as|than|that|which|shall|will)$")


def _labelled_line(line: str) -> bool:
    """A line that is a label and its one value, without a colon: "Weighting 40%", "Target 4 hours"."""
    m = _VALUE.search(line)
    before = line[: m.start()].strip() if m else ""
    return bool(
        m
        and m.end() == len(line.rstrip(" ."))
        and 0 < len(before.split()) <= 4
        and any(_labelled(before, role) for role in LABELS)
    )


def _heading(text: str) -> bool:
    """A heading rather than the first line of a sentence: a few words, none of a sentence's, none left open."""
    return len(text.split()) <= 8 and not _SENTENCE.search(text) and not _OPEN_END.search(text)


def _title_line(line: str) -> bool:
    """A heading without a number: a few words, each long word capitalised, no value but a grade's number
    ("Severity 1 Incident Resolution")."""
    if len(line) > 80 or not line[0].isupper() or line[-1] in ".,;:":  # the cheap tests first: most lines are prose
        return False
    words = [w for w in line.split() if len(w) > 3 and w.isalpha()]
    return (
        bool(words)
        and all(w[0].isupper() for w in words)
        and _heading(line)
        and not _VALUE.search(GRADE.sub(" ", line))
    )


def _heading_line(line: str) -> bool:
    """A line that names the paragraph under it: numbered ("3.1 Network Availability") or in title case."""
    name = _name_line(line) if _CLAUSE_NUMBER.match(line) else None
    return (name is not None and _heading(name)) or _title_line(line)


def _weighting_line(line: str) -> bool:
    """A labelled weighting or window on a line of its own ("Weighting: 10%.", "Measurement Window: Monthly."):
    it belongs to the level above it."""
    label = _LABEL_LINE.match(line)
    if not label:
        return False
    return bool(_labelled(label.group(0), "allocation") and _VALUE.search(line)) or _labelled_window(line)


def _block_goes_on(lines: list[str], line: str) -> bool:
    """A line labelling what a level's block states of it (a value, a window or its definition), under the
    block's name line and its labelled lines: the block goes on, though each line ends its sentence ("Required
    Performance: 99.8%." under "Key Performance Indicator 1: Hosting Platform Availability.")."""
    label = _LABEL_LINE.match(line)
    if not label or _name_line(lines[0]) is None or not all(_LABEL_LINE.match(x) for x in lines[1:]):
        return False
    return bool(_VALUE.search(line) or _DEFINES.search(label.group(0))) or _labelled_window(line)


def _labelled_window(line: str) -> bool:
    """A window under a label of any words, as the label's whole value: "Reporting Frequency: Monthly."."""
    label = _LABEL_LINE.match(line)
    value = re.split(r"[.;]", line[label.end() :], maxsplit=1)[0] if label else ""
    return bool(label) and (
        bool(_WINDOW_LABEL.search(label.group(0))) or len(value.split()) <= 3 and _window(value) is not None
    )


# a label that names the window a level is measured over
_WINDOW_LABEL = re.compile(r"(?i)\bmeasure(?:ment|d)\s+(?:window|period|interval)\b|\breporting\s+period\b")


def _paragraph_name(unit: str) -> tuple[str | None, str]:
    """The name a paragraph gives itself, and the text it names: a heading on a line of its own ("3.1 Network
    Availability", "Payroll Accuracy" over the text) or run into the text after a clause number ("(a) Application
    Availability. The ..."). (None, "") where it gives none."""
    first, _, rest = unit.partition("\n")
    if rest and _heading_line(first):
        return _name_line(first), rest
    number = _CLAUSE_NUMBER.match(unit) or _NUMBERED_LEVEL.match(unit)
    run_in = _RUN_IN.match(unit[number.end() :]) if number else None
    if run_in and _heading(run_in.group("name")):
        return run_in.group("name"), unit[number.end() + run_in.end() :]
    return None, ""


def _sentence_values(body: str) -> list[Value]:
    """The levels a paragraph of sentences states: values with a unit, and a labelled weighting's bare share. A
    grade's number ("Severity 1"), a time of day and a time a share of cases is done within are no levels."""
    hidden = [m.span() for m in _CLOCK.finditer(body)]
    for start, end in hidden:
        body = body[:start] + " " * (end - start) + body[end:]
    return [v for v in _labelled_values(_no_level_numbers(body)) if v.unit or _labelled(v.label, "allocation")]


def _no_level_numbers(body: str) -> str:
    """The text without its numbers that are no levels: a grade's ("Severity 1"), and the times its shares are of
    where it states two shares or more ("95% resolved within 4 hours ... 90% resolved within 4 hours": each is
    the shares' bound, not a level of its own)."""
    hidden = [m.span("n") for m in GRADE.finditer(body)]
    if sum(v.unit == "percent" for v in _labelled_values(body)) >= 2:
        hidden += [m.span() for m in _WITHIN.finditer(body)]
    for start, end in hidden:
        body = body[:start] + " " * (end - start) + body[end:]
    return body


def _prose_candidates(pages: list[PdfPage]) -> list[Candidate]:
    out = []
    for seq, (number, unit) in enumerate(_prose_units(pages)):
        # a block of labelled lines under a name line: the name is that line's, the values the labels' alone
        first, _, rest = unit.partition("\n")
        labelled_block = bool(rest and _LABEL_LINE.match(rest) and _name_line(first))
        name, standard = (_name_line(first), "") if labelled_block else _paragraph_name(unit)
        if standard:  # a paragraph of sentences under its name: the levels its sentences state
            values = _sentence_values(_without_windows(standard))
        else:  # a block of labelled lines under its name line, or a unit named by its title-case phrase
            values = _labelled_values(_no_level_numbers(_without_windows(rest if name else unit)))
            # (a block's labelled lines are its standard: "95% resolved within 4 hours" is of cases within them)
            standard = rest if labelled_block else ""
        if name and _SCORED.search(name):  # "Survey score ... Target: 4.5": a bare level of a score is a score
            values = [replace(v, unit="score") if v.unit is None and v.number <= 10 else v for v in values]
        if len(values) < 2 or len(unit) > 600:
            continue
        titles = [t.strip() for t in _TITLE.findall(unit) if re.search(r"[a-z]{2}", t) and not t[-1].isdigit()]
        source = " ".join(unit.split())
        out.append(
            Candidate(
                name or "", values, number, source, _window(unit), titles, seq, standard=" ".join(standard.split())
            )
        )
    return out


# a window with its qualifier, as a level cell writes it after the value: "(monthly average)", "(per month)"
_WINDOW_QUALIFIED = Cue(r"(?:\(\s*)?" + WINDOW_WORDS + r"(?:\s+(?:average|mean)\b)?(?:\s*\))?")


def _without_windows(text: str, qualified: bool = False) -> str:
    """`text` with its windows blanked; `qualified`, a line of a table, with their brackets and "average" too."""
    return (_WINDOW_QUALIFIED if qualified else _WINDOW).sub(lambda m: " " * len(m.group(0)), text)


# ---- roles across a schedule --------------------------------------------------------------------------------


def _labelled(label: str, role: str) -> bool:
    low = label.lower()
    return any(word in low for word in LABELS[role])


def _better(a: Value, b: Value, name: str) -> int:
    """1 when a is the better level, -1 when b is, 0 when it cannot be told (equal, or no direction). A share is
    better higher, a time lower; a share of errors, abandons or defects lower."""
    unit = a.unit or b.unit
    if a.number == b.number or unit is None or (unit not in ("percent", "score") and unit not in _TIMES):
        return 0
    # what goes wrong, named in the measure (before a standard's modal), not anywhere in its text: "... 400 items
    # shall be catalogued each month to reduce the backlog" is a share better higher
    higher_is_better = default_direction(re.split(MODAL, name, maxsplit=1)[0], unit) == "higher"
    return 1 if (a.number > b.number) == higher_is_better else -1


def _weighting(columns: list[list[Value]]) -> int | None:
    """The position whose shares add up to 100 over the schedule; a label breaks a tie."""
    sums = [sum(v.number for v in col) for col in columns]
    found = [
        i for i, col in enumerate(columns) if all(v.unit in (None, "percent") for v in col) and abs(sums[i] - 100) < 0.6
    ]
    if len(found) > 1:
        found = [i for i in found if any(_labelled(v.label, "allocation") for v in columns[i])] or found[-1:]
    if not found and len(columns) > 2:
        # a page of a schedule that runs over several: its shares add up only over all of them, and three
        # columns of shares are a tie that the one headed as a weighting breaks
        found = [
            i
            for i, col in enumerate(columns)
            if all(v.unit in (None, "percent") for v in col) and all(_labelled(v.label, "allocation") for v in col)
        ]
        found = found if len(found) == 1 else []
    return found[0] if found and len(columns) > 1 else None


def _pair(a: list[Value], b: list[Value], group: list[Candidate]) -> tuple[str, str] | None:
    """Roles of two level positions: the better side in every row is the expected level."""
    if any(x.unit and y.unit and x.unit != y.unit for x, y in zip(a, b)):
        return None  # a time beside a share: a bound and its level, not two levels of one measure
    votes = [_better(x, y, c.name or c.source) for x, y, c in zip(a, b, group)]
    if any(v > 0 for v in votes) and any(v < 0 for v in votes):
        return None  # neither is the better side in every row: not an expected and a minimum level (two AQLs)
    small = [
        c
        for x, y, c in zip(a, b, group)
        if "percent" in (x.unit, y.unit) and max(x.number, y.number) < 50 and not LESS_IS_BETTER.search(c.name)
    ]
    if len(small) > len(group) / 2:
        return None  # shares this small, where more is better, are tolerances (AQLs), not levels
    vote = sum(votes)
    if vote == 0:  # no direction in the values: the labels decide, else the order (expected first)
        a_min, b_min = (any(_labelled(v.label, "minimum") for v in col) for col in (a, b))
        vote = -1 if a_min and not b_min else 1
    return ("expected", "minimum") if vote > 0 else ("minimum", "expected")


def _apart(x: Value, y: Value, c: Candidate) -> bool:
    """A share where more is better and a share too small to be its floor, in either order."""
    low, high = sorted((x.number, y.number))
    return x.unit == y.unit == "percent" and high >= 50 > low and not LESS_IS_BETTER.search(c.name or c.source)


def _roles(group: list[Candidate]) -> dict[int, str] | None:
    """Role of each value position of a schedule: allocation, expected, minimum, baseline, credit."""
    columns = [[c.values[i] for c in group] for i in range(len(group[0].values))]
    roles: dict[int, str] = {}
    weighting = _weighting(columns)
    if weighting is not None:
        roles[weighting] = "allocation"
    levels = [i for i in range(len(columns)) if i not in roles]
    # a share labelled as the credit in every level ("Service Credit: 5% of the Monthly Charges") prices it
    credit = [i for i in levels if all(v.unit == "percent" and _labelled(v.label, "credit") for v in columns[i])]
    if len(levels) == 3 and len(credit) == 1:
        roles[credit[0]] = "credit"
        levels.remove(credit[0])
    if len(levels) == 3:
        base = [i for i in levels if any(_labelled(v.label, "baseline") for v in columns[i])]
        if len(base) != 1:
            return None
        roles[base[0]] = "baseline"
        levels.remove(base[0])
    if len(levels) == 1:
        roles[levels[0]] = "expected"
        return roles
    if len(levels) != 2:
        return None
    a, b = columns[levels[0]], columns[levels[1]]
    if all(_apart(x, y, c) for x, y, c in zip(a, b, group)):
        # a share of 50 or more beside one under 50 is a level and its credit or weighting, never its floor: a
        # credit where the headings above say so ("Service  Target  Service Credit"), else no pair of levels
        if not _labelled(group[0].header, "credit"):
            return None
        low, high = (levels[0], levels[1]) if a[0].number < b[0].number else (levels[1], levels[0])
        roles[low], roles[high] = "credit", "expected"
        return roles
    pair = _pair(a, b, group)
    if pair is None:
        return None
    roles[levels[0]], roles[levels[1]] = pair
    return roles


def _groups(cands: list[Candidate]) -> list[list[Candidate]]:
    """Runs of candidates with the same number of values and the same units in each position."""
    groups: list[list[Candidate]] = []
    for c in cands:
        shape = len(c.values)
        if (
            groups
            and len(groups[-1][0].values) == shape
            and (c.seq - groups[-1][-1].seq <= 2 or _runs_on(groups[-1][-1], c))
        ):
            groups[-1].append(c)
        else:
            groups.append([c])
    return [g for g in groups if len(g) >= 2]


def _runs_on(last: Candidate, c: Candidate) -> bool:
    """An unruled table's rows going on at the next page, under its header repeated there, or at its top with no
    header of their own: a page break, not the end of the schedule."""
    if c.page != last.page + 1 or not last.header:
        return False
    return c.header == last.header or (not c.header and c.seq % 10_000 <= 2)


def _names_from_titles(group: list[Candidate]) -> bool:
    """A prose unit's name: its title-case phrase found in no other unit (labels repeat in every one)."""
    counts: dict[str, int] = {}
    for c in group:
        for t in set(c.titles):
            counts[t] = counts.get(t, 0) + 1
    for c in group:
        own = [t for t in c.titles if counts[t] == 1]
        if not own:
            return False
        c.name = own[0]
    return True


def _has_levels(group: list[Candidate], roles: dict[int, str]) -> bool:
    level_positions = [i for i, r in roles.items() if r in ("expected", "minimum")]
    units = [c.values[i].unit for c in group for i in level_positions]
    return bool(units) and sum(u is not None for u in units) >= len(units) * 0.8


def _windowed(group: list[Candidate], roles: dict[int, str]) -> bool:
    expected = [i for i, r in roles.items() if r == "expected"]
    return (
        len(group) >= 3
        and all(c.window for c in group)
        and any(c.values[i].unit == "percent" for c in group for i in expected)
    )


def _priced(group: list[Candidate], roles: dict[int, str]) -> bool:
    """Each row with its own credit for a miss (a column of credits beside one level per row, a table's or an
    unruled table's): a schedule of levels, which a list of deliverables never prices."""
    return "credit" in roles.values() or (
        len(group) >= 2 and all(c.credit_pct is not None or c.credit_amount is not None for c in group)
    )


def _bounded(group: list[Candidate]) -> bool:
    """Three or more rows, each writing its one level with its bound ("at least 99.5%", "under 30 minutes", "4.2 of
    5 or higher"): a column of standards, however it is headed."""
    return len(group) >= 3 and all(c.direction for c in group)


def _cards_joined(tables: list[list[list[str]]]) -> list[list[list[str]]]:
    """A page's tables, with each run of two-column cards that label the same things in the same order ("Service
    Level | Availability", "Target | 99.8%" ...: a card per level) joined into one table, a column per card."""
    out: list[list[list[str]]] = []
    for table in tables:
        last = out[-1] if out else None
        card = len(table) >= 3 and all(len(r) == 2 for r in table)
        if card and last and [r[0] for r in last] == [r[0] for r in table] and all(len(r) >= 2 for r in last):
            out[-1] = [[*a, b[1]] for a, b in zip(last, table, strict=True)]
        else:
            out.append(table)
    return out


READERS = {
    "tables": lambda ps: [c for p in ps for t in _cards_joined(p.tables) for c in _table_candidates(t, p.number)],
    "lines": lambda ps: [c for p in ps for c in _line_candidates(p)],
    "prose": _prose_candidates,
}


def schedule_terms(
    pages: list[PdfPage], engagement_id: str, sha256: str, default_window: str, layout: str
) -> list[SlaTerm]:
    """The schedule's rows as one layout holds them: `tables` (a table model's cells), `lines` (an unruled
    table in the text) or `prose` (a paragraph, block or bullet per level)."""
    terms = []
    for group in _groups(READERS[layout](pages)):
        # prose names its levels by title-case phrases: only a run of three or more tells them from labels
        if not group[0].name and (len(group) < 3 or not _names_from_titles(group)):
            continue
        roles = _roles(group)
        # one value per level is what a work statement's standards and AQLs hold, which the sentence rules
        # read with their thresholds; a schedule by content has a pair of levels, a weighting or a credit in
        # every row, or a measurement window in every row of three or more (a column of windows) with a share
        # among its levels:
        # a column of times and windows alone is as often a list of deliverables and when each is due
        if (
            not roles
            or not _has_levels(group, roles)
            or not (
                {"minimum", "allocation"} & set(roles.values())
                or _windowed(group, roles)
                or _bounded(group)
                or _priced(group, roles)
            )
        ):
            continue
        label = _common_label(group)
        for c in group:
            values = {role: c.values[i].number for i, role in roles.items()}
            credit = values.pop("credit", c.credit_pct)
            values.setdefault("minimum", values["expected"])
            unit = next((c.values[i].unit for i, r in roles.items() if r == "expected" and c.values[i].unit), None)
            term = labelled_term(
                engagement_id,
                c.name[len(label) :].strip(" ,;:–-"),
                unit or "count",
                values,
                c.window or default_window,
                0.7,
                Provenance(sha256, c.page, c.source[:300]),
                rule="schedule by content",
            )
            if c.direction and term.expected == term.minimum:
                term = replace(term, direction=c.direction)  # one level, its bound written in its cell
            if credit is not None:
                term = replace(term, credit_model="flat % per failure", credit_pct=credit)
            elif c.credit_amount is not None:
                # "USD 500 per incident" on a level a ticket's clock measures: each late ticket earns it
                incidents = PER_INCIDENT.search(c.source) and TICKET_CLOCK.search(term.metric_name)
                model = "amount per incident" if incidents else "amount per failure"
                term = replace(term, credit_model=model, credit_amount=c.credit_amount)
            terms.append(_with_threshold(term, c.standard) if term.unit == "percent" else term)
    return terms


_NAME_LABEL = re.compile(r"(?i)^" + _LEVEL_NOUN + r"(?:\s+name)?\s*[:\-–]?\s+(?=\S)")


def _common_label(group: list[Candidate]) -> str:
    """A label every name of the schedule opens with, which none of them is named by ("" where there is none)."""
    found = {m.group(0).lower() if (m := _NAME_LABEL.match(c.name)) else None for c in group}
    if len(group) < 2 or len(found) != 1 or None in found:
        return ""
    return _NAME_LABEL.match(group[0].name).group(0)


def _with_threshold(term: SlaTerm, standard: str = "") -> SlaTerm:
    """A share whose standard names one time bound ("95%" beside "delivered within 24 working hours") is the
    share of cases within it: the convention of "95% of cases within 4 hours". Several different bounds in one
    standard name no single threshold. The standard is the name, or the paragraph that states the level."""
    text = normalise(standard or term.metric_name)
    bounds = {(float(m.group("t")), time_unit(m, "t")) for m in _WITHIN.finditer(text)}
    if len(bounds) != 1:
        return term
    ((number, unit),) = bounds
    return replace(term, threshold=number, threshold_unit=unit)
