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
_GRADE_WORD = re.compile(r"(?i)^\W*(?:critical|urgent|emergency|high|major|medium|moderate|normal|minor|low)\b")
# the measures of incident management, by the words that name them; a verb becomes its noun in a row's name
_MEASURE = re.compile(
    r"(?i)\b(?:initial\s+|first\s+|target\s+)?(?:respon\w*|acknowledg\w*|react\w*|answer\w*|call[\s-]?back|"
    r"resol\w*|restor\w*|fix\w*|repair\w*|work[\s-]?around\w*|recover\w*|updat\w*|status\s+report\w*|escalat\w*)"
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
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z(]|\s*$)")


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
        labels = [(k, _grade(r[col], words=True) or _numbered(rows[0][col], r[col])) for k, r in enumerate(rows[1:], 1)]
        labels = [(k, g) for k, g in labels if g]
        if len(labels) >= 2 and len(labels) > len(best[1]):
            best = (col, labels)
    col, labels = best
    if col < 0:
        return []
    header = _column_names(rows[: labels[0][0]], width)
    found = []
    for j in range(width):
        if j == col or not header[j]:
            continue
        cells = [(k, g, _duration(rows[k][j])) for k, g in labels]
        if sum(d is not None for _, _, d in cells) < 2:
            continue
        for k, grade, d in cells:
            if d is not None:
                source = f"{grade} | {header[j]} | {rows[k][j]}"
                found.append(GradedTime(grade, header[j], d[0], d[1], source, "grade matrix"))
    return found


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
        found += _segment_times(m.group(0), segment, lines)
    return found


def _segment_times(grade: str, segment: str, lines: list[str]) -> list[GradedTime]:
    times = list(re.finditer(time_pattern("t"), segment, re.I))
    out, start, unnamed = [], len(grade), []
    for t in times:
        before = segment[start : t.start()]
        named = list(_MEASURE.finditer(before))
        start = t.end()
        if "%" in before or re.search(r"(?i)\bmeans\b|\bdefined\b", before):
            return []  # a share of cases within the time, or a definition: other readers' grammar
        value, unit = float(t.group("t")), clock_unit(segment, t)
        if named:
            out.append(
                GradedTime(grade, _measure_name(before[named[-1].start() :]), value, unit, segment, "grade text")
            )
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
        starts = [m.start() for m in _MEASURE.finditer(line)]
        if len(starts) >= 2:
            return [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line)])]
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
)
# the readers' names, as rows and `eval-sla --json` count them
RULE_NAMES = tuple(r.name for r in RULES)
# how each rule is reached: a table, or a page's text
READERS = {"grade matrix": matrix_times, "grade text": text_times, "grade text under a header": text_times}
