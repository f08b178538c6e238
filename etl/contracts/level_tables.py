"""Service levels in tables: each column's role from what its cells hold (names, levels, AQLs, windows), header
words breaking ties, then each row's commitments through the grammar in `level_rules`."""

from __future__ import annotations

import re

from etl.contracts.graded_levels import matrix_times
from etl.contracts.level_rules import (
    AQL_ITEM,
    AQL_WORDS,
    COMPARISON,
    MEASURE_NOUN,
    MONEY,
    PLACEHOLDER,
    PROSE_RULES,
    SHARES,
    FoundLevel,
    Level,
    administrative,
    graded_level,
    measurement_window,
    read_level,
)
from etl.contracts.level_text import (
    AT_LEAST,
    AT_LEAST_SIGN,
    AT_MOST,
    AT_MOST_SIGN,
    default_direction,
    header_unit,
    normalise,
    time_pattern,
    time_unit,
)
from etl.pdf_document import PdfPage
from etl.quantities import GRADE, spelling_pattern, unit_spellings


def _split_items(cell: str) -> list[str]:
    """Sentences of a cell; several standards stacked in one cell come out one each."""
    parts = re.split(r"(?<=[.;])\s+(?=[A-Z0-9●•Ø·-])|\s+(?=[●•Ø·]\s)", " ".join(cell.split()))
    # two standards joined by a semicolon, each with its own figure ("85% of milestones met; slippage no more than
    # 3%"); a clause after it without one qualifies the standard before ("...; weekends excluded")
    parts = [q for p in parts for q in _joined_standards(p)]
    return [p.strip(" ●•Ø·") for p in parts if p.strip(" ●•Ø·")]


def _joined_standards(part: str) -> list[str]:
    pieces = re.split(r";\s+", part)
    return pieces if len(pieces) > 1 and all(re.search(r"\d", q) for q in pieces) else [part]


def _header_roles(header: list[str]) -> dict[str, list[int]]:
    roles: dict[str, list[int]] = {"aql": [], "standard": [], "name": [], "window": [], "credit": []}
    for i, cell in enumerate(header):
        low = " ".join(cell.lower().split())
        if re.search(r"deduction|incentive|credit|remed|penalt|monitoring|surveillance", low):
            roles["credit"].append(i)  # what follows a miss, or how it is checked: not the level
        elif re.search(r"\baql\b|acceptable quality|acceptable level|allowable|compliance level", low) and (
            "standard" not in low
        ):
            roles["aql"].append(i)
        elif re.search(r"standard|response|resolution|target|level|liability|aql|objective and|threshold", low):
            roles["standard"].append(i)
        elif re.search(r"requirement|service|objective|outcome|metric|measure|task|severity|priority|item", low):
            roles["name"].append(i)
        elif re.search(r"\blot\b|period|window|frequency", low):
            roles["window"].append(i)
    # beside a column of standards, a "performance threshold" column is what a work statement calls the AQL: the
    # share of cases (or the count) the standard must hold to
    thresholds = [i for i in roles["standard"] if "threshold" in " ".join(header[i].lower().split())]
    if thresholds and len(roles["standard"]) > len(thresholds) and not roles["aql"]:
        roles["aql"] = thresholds
        roles["standard"] = [i for i in roles["standard"] if i not in thresholds]
    return roles


def _by_grade(text: str) -> dict[str, str]:
    """'Priority 1 on time Priority 2 1 hour Priority 3 8 hours' -> {'1': 'on time', '2': '1 hour', ...}; a
    cell holding one severity matrix, as performance tables write them."""
    marks = list(GRADE.finditer(text))
    if len(marks) < 2:
        return {}
    return {
        m.group("n"): text[m.end() : (marks[k + 1].start() if k + 1 < len(marks) else len(text))].strip(" :;,.")
        for k, m in enumerate(marks)
    }


def grade_levels(item: str, aql: str) -> list[tuple[str, Level]]:
    """One level per severity where the standard and its AQL are both matrices: 'Priority 2 1 hour' with
    'Priority 2 95%' is 95% within 1 hour."""
    times, shares = _by_grade(normalise(item)), _by_grade(normalise(aql))
    out = []
    for grade, spec in times.items():
        t = re.search(r"^" + time_pattern("t"), spec, re.I)
        if not t:
            continue  # "on time" is not a number
        pct = re.search(r"(\d{1,3}(?:\.\d+)?)%", shares.get(grade, ""))
        if pct:
            level = Level(float(pct.group(1)), "percent", "higher", float(t.group("t")), time_unit(t, "t"))
        else:
            level = Level(float(t.group("t")), time_unit(t, "t"), "lower")
        out.append((grade, Level(**{**level.__dict__, "rule": "severity matrix"})))
    return out


def _row_levels(cells: list[str], roles: dict[str, list[int]]) -> list[tuple[str, Level, str, str | None]]:
    """(name, level, source, severity) for each commitment of one table row."""
    name_cells = [cells[i] for i in roles["name"] if i < len(cells) and cells[i]]
    context = " ".join(name_cells)
    skip = set(roles["aql"]) | set(roles["credit"]) | set(roles["window"])
    standards = roles["standard"] or [i for i in range(len(cells)) if i not in skip and i not in roles["name"]]
    out = []
    for s_index in standards:
        if s_index >= len(cells) or not cells[s_index] or PLACEHOLDER.search(cells[s_index]):
            continue
        aql_index = next((a for a in roles["aql"] if a > s_index), None)
        aql_cell = cells[aql_index] if aql_index is not None and aql_index < len(cells) else ""
        grades = grade_levels(cells[s_index], aql_cell)
        if grades:
            out += [
                (f"{context} priority {g}".strip(), lvl, f"{cells[s_index]} {aql_cell}", f"priority {g}")
                for g, lvl in grades
            ]
            continue
        items = _split_items(cells[s_index])
        aql_items = _aql_items(aql_cell, items)
        if aql_items is None:
            continue
        items = _standards_of_one_aql(cells[s_index], items, aql_cell, aql_items)
        found_here = 0
        for k, item in enumerate(items):
            if PLACEHOLDER.search(item):
                continue
            # stacked standards pair with stacked AQLs in order; counts that differ pair only measurable items
            aql = aql_items[k] if len(aql_items) == len(items) else (aql_items[0] if len(aql_items) == 1 else "")
            level = _item_level(item, aql, context if len(items) == 1 else "", bool(roles["standard"] and not aql_cell))
            if level is None:
                continue
            found_here += 1
            name = f"{context}: {item}" if context and context not in item else item
            out.append((name, level, " ".join([*name_cells, item, aql]).strip(), None))
        if not found_here and aql_cell and not PLACEHOLDER.search(aql_cell):
            # a two-column "objective and standard | AQL" table: the AQL cell states the level itself, often of
            # what the standard names ("Valid complaints" | "No more than 3 per month"; "Lost-time accidents" |
            # "Zero")
            level = next(
                (
                    lvl
                    for text in (f"{aql_cell} {cells[s_index]}", f"{cells[s_index]} {aql_cell}", aql_cell)
                    if (lvl := read_level(text, "", PROSE_RULES)) is not None
                ),
                None,
            )
            if level is not None:
                name = f"{context}: {cells[s_index]}" if context else cells[s_index]
                out.append((name, level, f"{cells[s_index]} {aql_cell}", None))
    return out


def _aql_items(aql_cell: str, items: list[str]) -> list[str] | None:
    """The AQLs of a cell beside its standards' items, or None where their shares cannot pair with them."""
    aql_items = [a for a in _split_items(aql_cell) if AQL_ITEM.search(a)] if aql_cell else []
    if aql_cell and len(items) == 1:
        aql_items = [aql_cell]
    shares = re.findall(r"\d{1,3}(?:\.\d+)?\s*%", aql_cell) if SHARES.fullmatch(aql_cell or "") else []
    if len({"".join(s.split()) for s in shares}) == 1:
        # the same share printed on each line of a long standard (or of one column's every standard) is one
        return shares[:1] or aql_items
    if len(shares) > 1:  # "100% 90% 95%": one share a standard, or none where the standards do not split so
        return shares if len(shares) == len(items) else None
    return aql_items


# a standard every case must meet, in a standards column with no AQL beside it: "All relocations are completed in
# compliance with the order", "No equipment is damaged during the move" (100% by the convention of performance
# requirements summaries, ../shared/sla/ANNOTATION_NOTES.md); one with a time is read as the time
_EVERY_CASE = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s+)?(?:all|every|each|no)\s+(?:[\w/'’-]+\s+){1,6}?(?:is|are|shall\s+be|will\s+be|must\s+be)?\s*"
    r"(?:\w+ed|\w+en|met|kept|done|made|held|sent|provided|complete|comply|complies|conforms?|performs?|adheres?|"
    r"meets?|follows?|provides?)\b",
    re.I,
)


def _standards_of_one_aql(cell: str, items: list[str], aql_cell: str, aql_items: list[str]) -> list[str]:
    """The standards of a cell beside a single AQL (or one share printed again on its lines). A sentence that
    states its own share, or that every case must meet ("All entries are complete"), is a standard of its own;
    the other sentences (steps, deadlines, descriptions) are together one standard the AQL measures, however many
    there are. Standards stacked as bullets are each their own."""
    if len(items) < 2 or not aql_cell or len(set(aql_items)) != 1 or re.search(r"[●•Ø·]", cell):
        return items
    alone = [bool(re.search(r"\d\s*%", item)) or _every_case(item) is not None for item in items]
    rest = " ".join(item for item, own in zip(items, alone) if not own)
    out = []
    for item, own in zip(items, alone):
        if own:
            out.append(item)
        elif rest:
            out.append(rest)
            rest = ""
    return out


EVERY_CASE_RULE = "every case meets the standard"


def _item_level(item: str, aql: str, context: str, standards_alone: bool) -> Level | None:
    """One standard's level: from the item and its AQL, else with the row's name before it (a lone item), else,
    in a standards column with no AQL at all, a standard every case must meet."""
    level = read_level(item, aql)
    if level is None and context:
        level = read_level(context + " " + item)
    if level is None and standards_alone:
        level = _every_case(item)
    return level


def _every_case(item: str) -> Level | None:
    text = normalise(item)
    if (
        not _EVERY_CASE.search(text)
        or re.search(time_pattern("t"), text, re.I)
        or re.search(r"\d+(?:\.\d+)?\s*%", text)
    ):
        return None
    if PLACEHOLDER.search(text) or administrative(text):
        return None
    return Level(100.0, "percent", "higher", allowed_deviation_pct=0.0, rule=EVERY_CASE_RULE)


def _quality_level_cell(cell: str) -> bool:
    """A cell that holds only a quality level: shares ("95%", "100% 90%", "95% compliance") or a comparison
    ("X ≥ 3", "≤ 3%")."""
    text = normalise(cell)
    return bool(SHARES.fullmatch(AQL_WORDS.sub("", text)) or COMPARISON.match(text))


def _shares_by_content(roles: dict[str, list[int]], body: list[list[str]]) -> None:
    """A column whose every filled cell holds only a quality level ("95%", "100% 90%", "X ≥ 3") is the AQL column,
    whatever its header says (a header split over rows, or none)."""
    width = max((len(row) for row in body), default=0)
    for i in range(width):
        cells = [row[i] for row in body if i < len(row) and row[i].strip()]
        if len(cells) >= 2 and all(_quality_level_cell(c) for c in cells) and i not in roles["aql"]:
            _give_role(roles, i, "aql")
    roles["aql"].sort()


def _roles_to_filled_columns(roles: dict[str, list[int]], body: list[list[str]]) -> None:
    """A header cell over merged columns often lands one or two columns off the cells it heads: a role on a
    column no body row fills moves to the nearest filled column that has no role."""
    width = max((len(row) for row in body), default=0)
    filled = {i for i in range(width) if any(i < len(row) and row[i].strip() for row in body)}
    for indexes in roles.values():
        for k, i in enumerate(indexes):
            if i in filled:
                continue
            taken = {j for v in roles.values() for j in v}
            near = sorted((abs(j - i), j) for j in filled - taken if abs(j - i) <= 2)
            if near:
                indexes[k] = near[0][1]


def _give_role(roles: dict[str, list[int]], column: int, role: str) -> None:
    """The column's role is `role` alone: what its cells hold outranks what its header said."""
    for indexes in roles.values():
        if column in indexes:
            indexes.remove(column)
    roles[role].append(column)


_BARE_NUMBER = re.compile(r"\s*\d+(?:\.\d+)?\s*")


def _matrix_levels(table: list[list[str]], page: int) -> list[FoundLevel]:
    """A matrix whose columns name a measure and its unit in the header ("Initial Response (in Hours)") and
    whose cells are bare numbers: one level per cell, named by its row's label and its column ("S1 - Technical
    Support Initial Response"). A cell of words ("Next Business Day") is not a number and gives none."""
    header = [" ".join(c.split()) for c in table[0]]
    units = {j: unit for j, cell in enumerate(header[1:], start=1) if (unit := header_unit(cell))}
    rows = [[" ".join(c.split()) for c in row] for row in table[1:]]
    numeric = [(k, j) for k, row in enumerate(rows) for j in units if j < len(row) and _BARE_NUMBER.fullmatch(row[j])]
    if not units or len({k for k, _ in numeric}) < 2:
        return []
    found = []
    for k, j in numeric:
        (unit_name, measure), label = units[j], rows[k][0]
        measure = measure.strip(" -:")
        # the cell's number in the header's unit, read by the grammar every level cell goes through
        read = _cell_level(f"{rows[k][j]}%" if unit_name == "percent" else f"{rows[k][j]} {unit_name}")
        if read is None:
            continue
        value, unit = read
        name = f"{label} - {measure}" if label else measure
        level = Level(value, unit, default_direction(name, unit), rule="matrix with its unit in the header")
        source = f"{header[0]} {label} | {header[j]} | {rows[k][j]}"
        found.append(FoundLevel(name[:300], level, page, source, severity=label or None, in_table=True))
    return found


def _cell_level(cell: str) -> tuple[float, str] | None:
    """The one level a cell holds: a share or a duration, with nothing else numeric beside it (an item letter
    before it may stay: "b. 80 percent of goal")."""
    text = normalise(cell)
    shares = re.findall(r"(\d{1,3}(?:\.\d+)?)%", text)
    times = list(re.finditer(time_pattern("t"), text, re.I))
    if len(shares) == 1 and not times:
        return float(shares[0]), "percent"
    if len(times) == 1 and not shares:
        return float(times[0].group("t")), time_unit(times[0], "t")
    return None


_LOWER_SIDE = re.compile(r"(?i)\bmin(?:imum|\.)?\b|\bfloor\b|\bthreshold\b")


def _is_weighting(cells: list[tuple[float, str]], header: str) -> bool:
    """A column of shares that add up to a whole (or is headed as a weighting) weighs the levels; it is none."""
    shares = [v for v, unit in cells if unit == "percent"]
    return len(shares) == len(cells) and (bool(_WEIGHT_HEADER.search(header)) or abs(sum(shares) - 100) <= 1)


def _paired_levels(table: list[list[str]], page: int) -> list[FoundLevel]:
    """Two columns of levels side by side, one consistently the better of the two in every row that fills
    both (expected and minimum, target and floor): each row one level with its minimum, named by the row's
    longest text cell. Higher shares and shorter times are better; a header word (minimum, floor) settles
    which column is the floor only where the values do not."""
    width = max(len(row) for row in table)
    rows = [[" ".join(c.split()) for c in row] + [""] * (width - len(row)) for row in table]
    levels = {i: [_cell_level(row[i]) for row in rows] for i in range(width)}
    columns = [
        i
        for i, cells in levels.items()
        if sum(c is not None for c in cells) >= 2 and not _is_weighting([c for c in cells if c], rows[0][i])
    ]
    if len(columns) != 2:
        return []
    a, b = columns
    pairs = [(k, levels[a][k], levels[b][k]) for k in range(len(rows)) if levels[a][k] and levels[b][k]]
    if len(pairs) < 2 or any(x[1] != y[1] for _, x, y in pairs):
        return []
    if any(x[1] == "percent" and min(x[0], y[0]) < 50 for _, x, y in pairs):
        return []  # small shares beside each other are allowed deviations (AQLs per lot), not a level and floor
    header = " ".join(row[a] for row in rows[:3]), " ".join(row[b] for row in rows[:3])
    if any(re.search(r"(?i)\bmax", h) for h in header):
        return []  # a maximum beside a level is the outer limit of the cases that miss it, not a floor
    better_b = {(y[0] > x[0]) if x[1] == "percent" else (y[0] < x[0]) for _, x, y in pairs if x[0] != y[0]}
    if len(better_b) != 1:  # the columns cross: a header word must say which is the floor
        if not (_LOWER_SIDE.search(header[0]) or _LOWER_SIDE.search(header[1])):
            return []
        better_b = {bool(_LOWER_SIDE.search(header[0]))}
    target_col, floor_col = (b, a) if better_b.pop() else (a, b)
    found = []
    for k, *_ in pairs:
        texts = [c for i, c in enumerate(rows[k]) if i not in (a, b) and c]
        if not texts:
            continue
        name = max(texts, key=len)
        (target, unit), (floor, _) = levels[target_col][k], levels[floor_col][k]
        direction = "higher" if unit == "percent" else "lower"
        level = Level(target, unit, direction, minimum=floor, rule="level and minimum columns")
        source = f"{name} {rows[k][floor_col]} {rows[k][target_col]}"
        found.append(FoundLevel(name[:300], level, page, source, in_table=True))
    return found


# a bound written before a level cell's value: "≥ 99.9%", "<= 2%", "at least 98%", "within 15 minutes"
_AT_MOST_CELL = AT_MOST_SIGN + "|" + AT_MOST + r"|max\b|less\s+than|under|within|up\s+to"
_BOUND = re.compile(r"(?i)^\s*(?P<op>" + AT_LEAST_SIGN + "|" + AT_LEAST + r"|min\b|" + _AT_MOST_CELL + r")?\s*")
_LOWER_BOUND = re.compile(r"(?i)^(?:" + _AT_MOST_CELL + ")")
_LEVEL_HEADER = re.compile(r"(?i)target|commit|goal|service\s+level|\bsla\b|\bkpi\b|expected|minimum|required")
_AQL_HEADER = re.compile(r"(?i)\baql\b|acceptable|allowable|threshold|deviation")
_WORK_STATEMENT_HEADER = re.compile(r"(?i)standard|\baql\b|acceptable|threshold|surveillance|deviation")
_WEIGHT_HEADER = re.compile(r"(?i)weight|allocat|\bpool\b|at[- ]risk")
_MONEY_CELL = re.compile(r"(?i)\b" + MONEY + r"\b|\$|€|£|\bcredit")


def _bounded_cell(cell: str) -> tuple[float, str, str | None] | None:
    """A cell holding one level and nothing else: '≥ 99.9%', '15 minutes', '< 4 hours' -> (value, unit,
    direction), the direction None where no sign gives it."""
    text = normalise(cell)
    m = _BOUND.match(text)
    read = _cell_level(text[m.end() :]) if m else None
    if read is None or _MONEY_CELL.search(text) or len(text) > 40:
        return None
    value, unit = read
    direction = ("lower" if _LOWER_BOUND.match(m.group("op")) else "higher") if m.group("op") else None
    return value, unit, direction


def _names_a_level(header: str) -> bool:
    """A header over levels: a target or commitment ("Target", "SLA"), or the measure itself ("Availability",
    "Resolution rate"), never a rate of money ("Royalty rate", "Discount")."""
    if _LEVEL_HEADER.search(header):
        return True
    return bool(MEASURE_NOUN.search(header)) and not _PRICE_HEADER.search(header)


_PRICE_HEADER = re.compile(r"(?i)\b" + MONEY + r"\b|royalt|commission|discount|interest|rebate|margin|mark-?up|tax")


def _level_column(table: list[list[str]], page: int) -> list[FoundLevel]:
    """A table of one level per row in a column of its own (name | definition | target | credit): the column most
    of whose cells hold one level and nothing else, each row named by its first text cell. A column of bare shares
    beside a standard headed as its quality level (AQL, threshold) is a work statement's, read with its standard
    elsewhere; one holding a time, or headed as a target or commitment, is a level column."""
    width = max(len(row) for row in table)
    rows = [[" ".join(c.split()) for c in row] + [""] * (width - len(row)) for row in table]
    # the header is the row right above the first row of levels, where an unruled table's text strategy kept the
    # page's heading and lead-in lines above it as rows of their own (a few short lines; more, or longer, are
    # another table or prose the strategy ran into this one, and the first row stays the header)
    first = next((k for k, r in enumerate(rows) if any(_bounded_cell(c) for c in r if c)), 0)
    if 1 < first <= _LEAD_IN_ROWS + 1 and all(len(c) <= 80 for r in rows[: first - 1] for c in r):
        rows = rows[first - 1 :]
    header, body = rows[0], rows[1:]
    if any(_WORK_STATEMENT_HEADER.search(h) for h in header):
        return []  # standards with their quality levels: read with the standard they belong to
    # a column of unit words ("%", "hours") gives the bare numbers beside it their unit
    units = next(
        (
            u
            for u in range(width)
            if len([r for r in body if r[u]]) >= 2 and all(_UNIT_WORD.fullmatch(r[u]) for r in body if r[u])
        ),
        None,
    )
    # a column headed as the target is the table's one level column; columns headed by what they measure
    # ("Turnaround Time | Accuracy") are each a level of the row's deliverable
    measured: list[FoundLevel] = []
    for j in range(width):
        if _WEIGHT_HEADER.search(header[j]) or j == units:
            continue
        found = _column_levels(rows, j, units, page)
        if found is None:
            continue
        if _LEVEL_HEADER.search(header[j]):
            return measured or found
        measured += found
    return measured


def _column_levels(rows: list[list[str]], j: int, units: int | None, page: int) -> list[FoundLevel] | None:
    """The levels of column j, one per row named by its first text cell; None where the column holds no levels."""
    header, body = rows[0], rows[1:]
    read = [_bounded_cell(f"{r[j]} {r[units]}" if units is not None else r[j]) if r[j] else None for r in body]
    filled = [r[j] for r in body if r[j]]
    if sum(x is not None for x in read) < 2 or sum(x is not None for x in read) < 0.8 * len(filled):
        return None
    times = any(x and x[1] != "percent" for x in read)
    if not times and (_AQL_HEADER.search(header[j]) or not _names_a_level(header[j])):
        return None
    # a header naming the measure itself ("Availability"), not a target, names the rows with it
    measure = "" if _LEVEL_HEADER.search(header[j]) else header[j]
    found = []
    for row, level in zip(body, read):
        # (a cell of money with its figure is a credit, no name; "Supplier invoice posting" names a deliverable)
        name = next(
            (
                c
                for i, c in enumerate(row)
                if i != j and re.search(r"[A-Za-z]{3}", c) and not (_MONEY_CELL.search(c) and re.search(r"\d", c))
            ),
            "",
        )
        if level is None or not name:
            continue
        if measure and measure.lower() not in name.lower():
            name = f"{name} - {measure}"  # "Email - Availability"
        value, unit, direction = level
        direction = direction or default_direction(name, unit)
        source = f"{name} | {header[j]} | {row[j]}"
        # a window column's word
        window = next((w for c in row if (w := measurement_window(c)) and len(c) < 30), None)
        found.append(
            FoundLevel(
                name[:300],
                Level(value, unit, direction, rule=LEVEL_COLUMN_RULE),
                page,
                source,
                window=window,
                in_table=True,
            )
        )
    return found


LEVEL_COLUMN_RULE = "a column of levels"
_LEAD_IN_ROWS = 4  # a heading and a short lead-in paragraph, a line each


# a cell that only names a unit, by the spellings of the seed `units` ("%", "hrs", "working days")
_UNIT_WORD = re.compile(
    r"(?i)\s*(?:business\s+|working\s+)?(?:" + spelling_pattern(unit_spellings("share", "time")) + r")\s*"
)


def _standards_by_content(roles: dict[str, list[int]], body: list[list[str]]) -> None:
    """A column most of whose cells read as levels ("100% compliance required", "Zero violations") holds the
    standards, even under a header that names a measure; the columns beside it name what is measured. Beside a
    column of bare shares (the quality levels) and with no such column, the standard is what the nearest column
    left of the shares states, row by row: its text differs from row to row and it is not the leftmost name."""
    if roles["standard"]:
        return
    width = max((len(row) for row in body), default=0)
    for i in range(width):
        cells = [" ".join(row[i].split()) for row in body if i < len(row) and row[i].strip()]
        if i in roles["aql"] or len(cells) < 2:
            continue
        if sum(read_level(c) is not None for c in cells) >= 0.6 * len(cells):
            _give_role(roles, i, "standard")
            return
    if not roles["aql"]:
        return
    # (a table's first page may hold one row only: there every filled column counts)
    least = 1 if len(body) == 1 else 2
    left = [
        i
        for i in range(roles["aql"][0])
        if len({" ".join(row[i].split()) for row in body if i < len(row) and row[i].strip()}) >= least
    ]
    if len(left) >= 2:
        _give_role(roles, left[-1], "standard")


def _roles_by_content(table: list[list[str]]) -> dict[str, list[int]]:
    """Roles of a table without a header row: the column of bare shares is the quality level; the nearest column
    left of it whose text differs from row to row states the standard; columns further left, the service it
    belongs to; columns right of it, how it is checked and what a miss costs."""
    roles: dict[str, list[int]] = {"aql": [], "standard": [], "name": [], "window": [], "credit": []}
    _shares_by_content(roles, table)
    if not roles["aql"]:
        return roles
    aql = roles["aql"][0]
    texts = [[" ".join((row[i] if i < len(row) else "").split()) for row in table] for i in range(aql)]
    varying = [i for i, cells in enumerate(texts) if len({c for c in cells if c}) > 1 and any(cells)]
    if not varying:
        return roles
    standard = varying[-1]
    roles["standard"] = [standard]
    roles["name"] = [i for i in range(standard) if any(texts[i])]
    width = max(len(row) for row in table)
    roles["credit"] = list(range(aql + 1, width))
    return roles


def _shaped_levels(table: list[list[str]], page: int) -> list[FoundLevel]:
    """The levels of a table whose shape says how to read it: a matrix of grades by measures, times per grade, a
    level beside its floor, or one column of levels; none for a performance table of standards and AQLs."""
    return (
        _matrix_levels(table, page)
        or [graded_level(g, page, in_table=True) for g in matrix_times(table)]
        or _paired_levels(table, page)
        or _level_column(table, page)
    )


def table_levels(page: PdfPage) -> list[FoundLevel]:
    found: list[FoundLevel] = []
    for table in page.tables:
        if not table or len(table[0]) < 2:
            continue
        shaped = _shaped_levels(table, page.number)
        if shaped:
            found += shaped
            continue
        roles = _header_roles(table[0])
        if not (roles["standard"] or roles["aql"]) and any(_quality_level_cell(c or "") for c in table[0]):
            # a table continued from the page before, without its header: every role from what cells hold
            roles, body = _roles_by_content(table), table
        else:
            body = table[1:] if roles["standard"] or roles["aql"] else table
        _roles_to_filled_columns(roles, body)
        _shares_by_content(roles, body)
        _standards_by_content(roles, body)
        for row in body:
            cells = [" ".join(c.split()) for c in row]
            if not any(cells):
                continue
            window = next((w for i in roles["window"] if i < len(cells) and (w := measurement_window(cells[i]))), None)
            for name, level, source, severity in _row_levels(cells, roles):
                found.append(
                    FoundLevel(name[:300], level, page.number, source, severity=severity, window=window, in_table=True)
                )
    return found
