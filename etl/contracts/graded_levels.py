"""Times per priority or severity: the response and resolution commitments of support and maintenance
schedules, however they are typeset.

Incident management grades incidents (ITIL's priorities; "severity" in software support) and commits a time per
grade and measure: how soon the supplier responds (acknowledges, reacts) and how soon it resolves (restores,
fixes, works around), sometimes how often it updates and when it escalates. A grade is read from what a text
says ("Priority 1", "Severity 2", "Sev 1", "P3", "Incident Level 4"; in a table's label column also "Critical",
"High", "Medium", "Low"), a measure from its verb or noun, a time from the duration grammar. Two readers:

- a matrix: a table with a column of grades (or a first row of them) whose other cells hold one duration each;
  each duration is a level named by its grade and its measure's header cell;
- text: from each grade to the next (or to the sentence's end), each duration with the measure named just
  before it ("response time 15 minutes; resolution time 4 hours", "shall respond within 15 minutes and resolve
  within 4 hours", "Response Time: 15 mins"); a line of bare durations under a line of measure names (an
  unruled matrix) takes those names in order.

A duration with no measure named is left to the other readers, which read it with its whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.contracts.level_text import clock_unit, normalise, time_pattern
from etl.quantities import GRADE

# "Priority 1", "Severity Level 2", "Sev-1", "Incident Level 3", "P4", "S1", "SEV1"; a bare "Level 1" (a support
# tier as often as a grade) is not one
# words that rank incidents, trusted only as a table's row labels
_GRADE_WORD = re.compile(
    r"(?i)^\W*(?:(?:non|not)[\s-]*critical|critical|urgent|emergency|high|major|medium|moderate|normal|minor|low)\b"
)
# what a grade column is called, when its cells are letters or words of the contract's own
_GRADE_COLUMN = re.compile(r"(?i)\b(?:priority|priorities|severity|severities|grade|category|class|impact)\b")
# the measures of incident management, by the words that name them; a verb becomes its noun in a row's name
_MEASURE = re.compile(
    r"(?i)\b(?:initial\s+|first\s+|target\s+)?(?:respon\w*|acknowledg\w*|react\w*|answer\w*|call[\s-]?back|"
    r"resol\w*|restor\w*|fix\w*|repair\w*|work[\s-]?around\w*|recover\w*|updat\w*|status\s+report\w*|escalat\w*|"
    r"closure)"
)
_NOUN = {
    "respond": "response",
    "resolve": "resolution",
    "restore": "restoration",
    "acknowledge": "acknowledgement",
    "react": "reaction",
    "escalate": "escalation",
    "recover": "recovery",
}
# what ends a measure's name: the words that introduce its time
_PHRASE_END = re.compile(r"(?i)\s+(?:within|in|of|is|are|shall|must|will|no later than|not later than|by)\b|[:;,(\d]")
# (a sentence ends before a capital, a parenthesis or an item mark: "... 5 business days. i) Provided that")
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z(]|\s+[a-z0-9]{1,3}[.)]\s|\s*$)")
# a measure named after its time: "30 minutes to respond", "4 hours for restoration"
_MEASURE_AFTER = re.compile(
    r"(?i)\s+(?:to|for)\s+(?:the\s+|an?\s+)?(?P<m>" + _MEASURE.pattern.removeprefix("(?i)") + r")"
)
# ... or by the verb its sentence opened with, right before the grade: "shall make an initial response to (a)",
# "will acknowledge" (a modal first, so a header line of measure names is not one)
_LEAD_MEASURE = re.compile(
    r"(?i)\b(?:shall|will|must|agrees\s+to)\b[^.;:]{0,60}?(?P<m>"
    + _MEASURE.pattern.removeprefix("(?i)")
    + r")\w*(?:\s+(?:to|for|on|of|all|any|the|an?|such))*\s*$"
)
# a share of the grade's cases opens the sentence: "95% of", "95% of all"
_SHARE_OF = re.compile(r"\d%\s+of\s+(?:all\s+|the\s+)*$")
# a footnote mark in a header ("RESPONSE (2)"), which is no number of the table's
_FOOTNOTE = re.compile(r"\(\d\)|\[\d\]|\*+")


@dataclass(frozen=True)
class GradedTime:
    grade: str  # as written: "Priority 1", "P2", "Critical"
    measure: str  # as written, a verb as its noun: "Response Time", "resolution"
    value: float
    unit: str
    source: str
    rule: str


def _grade(cell: str, words: bool) -> str | None:
    text = " ".join(cell.split())
    m = GRADE.search(text)
    if m and m.start() <= 3 and len(text.split()) <= 6:
        return text[m.start() : m.end()]
    if words and _GRADE_WORD.match(text) and len(text.split()) <= 3:
        return text.strip(" :-")
    return None


def _duration(cell: str) -> tuple[float, str] | None:
    """The one duration a cell holds, with at most a few words beside it ("within 15 minutes", "4 hrs (24x7)")."""
    text = normalise(cell)
    times = list(re.finditer(time_pattern("t"), text, re.I))
    if len(times) != 1 or "%" in text:
        return None
    rest = (text[: times[0].start()] + " " + text[times[0].end() :]).split()
    if len([w for w in rest if re.search(r"[A-Za-z]{2,}", w)]) > 4:
        return None
    return float(times[0].group("t")), clock_unit(text, times[0])


def _measure_name(text: str) -> str:
    words = " ".join(text.split()).strip(" :-–")
    words = _PHRASE_END.split(words, maxsplit=1)[0].strip(" :-–")
    first = words.split()[0].lower() if words else ""
    return _NOUN.get(first, words)  # "resolve the incident": the measure is the resolution


def matrix_times(table: list[list[str]]) -> list[GradedTime]:
    """A table of grades by measures, either way round: one level per duration cell."""
    rows = [[" ".join(c.split()) for c in row] for row in table]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    if len(rows) < 3 or width < 2:
        return []
    # else transposed: grades across the first row, a measure per row
    return _by_rows(rows, width) or _by_rows([list(col) for col in zip(*rows)], len(rows))


def _by_rows(rows: list[list[str]], width: int) -> list[GradedTime]:
    best: tuple[int, list[tuple[int, str]]] = (-1, [])
    for col in range(width):
        labels = [(k, _label(rows[0][col], r[col])) for k, r in enumerate(rows[1:], 1)]
        labels = [(k, g) for k, g in labels if g]
        if len(labels) >= 2 and len(labels) > len(best[1]):
            best = (col, labels)
    col, labels = best
    # a matrix's rows are its grades: a grade in a few rows of a table of named levels does not make it one
    if col < 0 or 2 * len(labels) <= sum(any(r) for r in rows[1:]):
        return []
    header = _column_names(rows[: labels[0][0]], width)
    rows, header, width = _paired_columns(rows, header, [k for k, _ in labels])
    # names of the contract's own ("Outage", "Serious (B)") are grades only beside columns that name measures
    by_header = any(not _ranked(rows[0][col], rows[k][col]) for k, _ in labels)
    found = []
    for j in range(width):
        if j == col or not header[j] or (by_header and not _MEASURE.search(header[j])):
            continue
        cells = [(k, g, _duration(rows[k][j])) for k, g in labels]
        if sum(d is not None for _, _, d in cells) < 2:
            continue
        for k, grade, d in cells:
            if d is not None:
                source = f"{grade} | {header[j]} | {rows[k][j]}"
                found.append(GradedTime(grade, header[j], d[0], d[1], source, "grade matrix"))
    return found


def _paired_columns(
    rows: list[list[str]], header: list[str], graded: list[int]
) -> tuple[list[list[str]], list[str], int]:
    """A column headed by two measures whose graded cells each hold two times ("Response / Resolution" over "15
    minutes / 4 hours") is two columns, a measure and a time each."""
    out_rows: list[list[str]] = [[] for _ in rows]
    out_header: list[str] = []
    for j, name in enumerate(header):
        measures = _measure_names(name)
        # (a cell's times are read only under a header that names two measures or more, and once)
        times = [_times_in(row[j]) for row in rows] if len(measures) >= 2 else None
        if times and all(len(times[k]) == len(measures) for k in graded):
            out_header += measures
            for r, row, cell in zip(out_rows, rows, times, strict=True):
                r += cell if len(cell) == len(measures) else [row[j]] * len(measures)
        else:
            out_header.append(name)
            for r, row in zip(out_rows, rows, strict=True):
                r.append(row[j])
    return out_rows, out_header, len(out_header)


def _times_in(cell: str) -> list[str]:
    return [m.group(0) for m in re.finditer(time_pattern("t"), normalise(cell), re.I)]


def _column_names(header_rows: list[list[str]], width: int) -> list[str]:
    """Each column's name from the rows above the first grade, a cell merged over several columns heading each
    ("Response" over "Business Hours | After Hours" -> "Response, Business Hours", "Response, After Hours")."""
    names: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(header_rows):
        spans = depth < len(header_rows) - 1
        last = ""
        for j, cell in enumerate(row):
            last = cell or (last if spans and j > 0 else "")
            if last and last not in names[j]:
                names[j].append(last)
    return [", ".join(parts) for parts in names]


def _label(header: str, cell: str) -> str | None:
    """A row's grade: a grade of its own, a number under a grade header, or any short name under a header that
    calls its column the grade ("Error Class": "Blocking", "Serious")."""
    if grade := _ranked(header, cell):
        return grade
    if _GRADE_COLUMN.search(header) and re.match(r"[A-Za-z]", cell) and len(cell.split()) <= 4:
        return cell.strip(" :-")
    return None


def _ranked(header: str, cell: str) -> str | None:
    """A grade the cell states itself ("Sev 1", "Critical"), or its number under a grade header."""
    return _grade(cell, words=True) or _numbered(header, cell)


def _numbered(header: str, cell: str) -> str | None:
    """'Priority' over a cell '1': the header names the grade."""
    if re.search(r"(?i)priority|severity", header) and re.fullmatch(r"[1-5]", cell):
        return f"{header} {cell}"
    return None


def text_times(text: str) -> list[GradedTime]:
    """Commitments per grade in running text, lists, label-value blocks and unruled matrices."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    flat = normalise(" ".join(lines))
    marks = list(GRADE.finditer(flat))
    found: list[GradedTime] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(flat)
        segment = flat[m.start() : end]
        stop = _SENTENCE_END.search(segment)
        segment = segment[: stop.end()] if stop else segment[:400]
        if _SHARE_OF.search(flat[max(0, m.start() - 40) : m.start()]) or re.search(r"\d%", segment):
            continue  # "95% of Priority 1 incidents ... within 4 hours": a share of cases, other readers' grammar
        # the sentence's words before the grade, when no other grade stands between
        lead = re.split(r"[.;:]\s", flat[(marks[k - 1].end() if k else 0) : m.start()])[-1][-120:]
        found += _segment_times(m.group(0), segment, lines, lead)
    known = {(g.value, g.unit, g.measure.lower()) for g in found}
    return found + [g for g in grade_rows(text) if (g.value, g.unit, g.measure.lower()) not in known]


def grade_rows(text: str) -> list[GradedTime]:
    """An unruled matrix read by what its lines hold: a line naming two or more measures, then lines that each
    open with a grade and go on with durations only, the first duration under the first measure and so on (a
    row may end in words where its last cells give no time). Lines without a duration between the rows (a page's
    footer) are passed over; the table ends at the first line of another shape."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    found: list[GradedTime] = []
    for i, line in enumerate(lines):
        measures, grade_column = _measures_of_header(line)
        if len(measures) < 2:
            continue
        rows, gap = [], 0
        for below in lines[i + 1 : i + 16]:
            if len(_measures_of_header(below)[0]) >= 2:
                break  # a nearer header line: the rows below it are its own
            row = _grade_row(below, len(measures), grade_column)
            if row is None and re.search(time_pattern("t"), normalise(below), re.I):
                break
            if row is None:
                gap += 1
                if gap > 4:
                    break
                continue
            rows.append((below, *row))
            gap = 0
        if len(rows) < 2:
            continue
        for source, grade, times in rows:
            found += [
                GradedTime(grade, measure, value, unit, f"{line} | {source}", "grade rows under a header")
                for measure, (value, unit) in zip(measures, times)
            ]
    return found


def _measures_of_header(line: str) -> tuple[list[str], bool]:
    """The measures a header line names, in order, and whether it names a grade column before them."""
    text = _FOOTNOTE.sub(" ", line)
    if re.search(r"\d", text) or len(text.split()) > 12 or GRADE.search(line):
        return [], False
    names = _measure_names(text)
    first = _MEASURE.search(text)
    return names, bool(first and _GRADE_COLUMN.search(text[: first.start()]))


def _measure_names(text: str) -> list[str]:
    """The measures a line of headers names, in order, each up to the next: "Response / Resolution" -> Response,
    Resolution; "Response Time Fix Time" -> Response Time, Fix Time."""
    starts = [m.start() for m in _MEASURE.finditer(text)]
    names = [" ".join(text[a:b].split()) for a, b in zip(starts, [*starts[1:], len(text)])]
    return [re.sub(r"(?i)(?:\s+(?:and|&)|[\s:–|/,-])+$", "", n) for n in names]


def _grade_row(line: str, width: int, grade_column: bool) -> tuple[str, list[tuple[float, str]]] | None:
    """A line that opens with a grade (a word of its own where the header names a grade column) and goes on
    with at most `width` durations, nothing between them."""
    text = normalise(line)
    times = list(re.finditer(time_pattern("t"), text, re.I))
    if not times or len(times) > width:
        return None
    label = text[: times[0].start()].strip(" :-–|")
    between = [text[a.end() : b.start()] for a, b in zip(times, times[1:])]
    if any(re.search(r"[A-Za-z]{2,}", gap) for gap in between) or not label or len(label.split()) > 4:
        return None
    if not (_grade(label, words=True) or (grade_column and re.match(r"[A-Za-z]", label))):
        return None
    return label, [(float(t.group("t")), clock_unit(text, t)) for t in times]


def _segment_times(grade: str, segment: str, lines: list[str], lead: str = "") -> list[GradedTime]:
    """The times of one grade's text, each with the measure named before it, or right after it ("30 minutes to
    respond"); the first may take the verb its sentence opened with before the grade ("will acknowledge
    Severity 1 incidents within 15 minutes")."""
    times = list(re.finditer(time_pattern("t"), segment, re.I))
    out, start, unnamed = [], len(grade), []
    for k, t in enumerate(times):
        before = segment[start : t.start()]
        after = _MEASURE_AFTER.match(segment[t.end() :])
        named = list(_MEASURE.finditer(before))
        start = t.end() + (after.end() if after else 0)
        if "%" in before or re.search(r"(?i)\bmeans\b|\bdefined\b", before):
            return []  # a share of cases within the time, or a definition: other readers' grammar
        value, unit = float(t.group("t")), clock_unit(segment, t)
        opening = _LEAD_MEASURE.search(lead) if k == 0 and not named and not after else None
        if after or named or opening:
            text = after.group("m") if after else (before[named[-1].start() :] if named else opening.group("m"))
            out.append(GradedTime(grade, _measure_name(text), value, unit, segment, "grade text"))
        else:
            unnamed.append((value, unit))
    if out or not unnamed:
        return out
    header = _header_measures(lines, grade)  # only times with no measure named look for one above them
    if len(unnamed) != len(header):
        return []
    return [GradedTime(grade, h, v, u, segment, "grade text under a header") for h, (v, u) in zip(header, unnamed)]


def _header_measures(lines: list[str], grade: str) -> list[str]:
    """The measure names of the line of headers above the first line that opens with `grade`: an unruled
    matrix's header ("Priority Description Response Time Resolution Time" -> Response Time, Resolution Time)."""
    at = next((i for i, line in enumerate(lines) if line.startswith(grade)), None)
    if at is None:
        return []
    for line in reversed(lines[max(0, at - 6) : at]):
        if re.search(r"\d", line) or GRADE.search(line):
            continue
        names = _measure_names(line)
        if len(names) >= 2:
            return names
    return []


@dataclass(frozen=True)
class GradedRule:
    """One way times per grade are written, with examples the tests run: each positive gives its first row as
    (grade, measure, value, unit), each negative no row of the rule."""

    name: str
    convention: str
    positive: tuple[tuple[object, tuple[str, str, float, str]], ...]
    negative: tuple[object, ...]


_MATRIX = (("Severity", "Response"), ("Sev 1", "30 minutes"), ("Sev 2", "2 hours"))
_NO_GRADES = (("Item", "Due"), ("Report", "5 days"), ("Plan", "10 days"))
_UNRULED = "Priority Response Time Fix Time\nP1 Urgent 20 minutes 6 hours\nP2 Normal 1 hour 2 business days"
_UNRULED_WORDS = (
    "Fault class (1) Reaction (2) Restoration (3)\nBlocking 2 hours 1 day\nSerious 8 hours\nPage 4\nOther 5 days"
)
_UNRULED_PROSE = (
    "Response and resolution are reported monthly.\nThe supplier answers 2 hours after a call\nand fixes 5 days later"
)
RULES = (
    GradedRule(
        "grade matrix",
        "a column (or first row) of grades beside cells of one duration each",
        ((_MATRIX, ("Sev 1", "Response", 30, "minutes")),),
        (_NO_GRADES,),
    ),
    GradedRule(
        "grade text",
        "each duration after a grade takes the measure named just before it",
        (
            (
                "Priority 2: acknowledge within 1 hour; restore service within 8 hours.",
                ("Priority 2", "acknowledgement", 1, "hours"),
            ),
        ),
        ("Severity 1 means a fault that stops production for more than 2 hours.",),
    ),
    GradedRule(
        "grade text under a header",
        "an unruled matrix: bare durations under a line of measure names, taken in order",
        ((_UNRULED, ("P1", "Response Time", 20, "minutes")),),
        ("Priority 1 incidents: 2 hours.",),
    ),
    GradedRule(
        "grade rows under a header",
        "lines each opening with a grade, then one duration per measure the line above names, in order",
        ((_UNRULED_WORDS, ("Blocking", "Reaction", 2, "hours")),),
        (_UNRULED_PROSE,),
    ),
)
# the readers' names, as rows and `eval-sla --json` count them
RULE_NAMES = tuple(r.name for r in RULES)
# how each rule is reached: a table, or a page's text
READERS = {
    "grade matrix": matrix_times,
    "grade text": text_times,
    "grade text under a header": text_times,
    "grade rows under a header": grade_rows,
}
