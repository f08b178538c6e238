"""No SQL text is built from a file's contents (#29).

A header cell once closed its quoted identifier in a ticket reader's statement and ran statements of its own.
Values from files reach SQL as bound parameters; identifiers are ours (`col_1`, canonical column names). This
test finds every statement built by f-string, `%`, `.format` or `+` in the code that runs on inbox files, and
holds each to the allow-list below: places that interpolate only our own identifiers or constants, each with
why. The list only shrinks: a new place fails, and so does an entry whose place is gone.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("etl", "dags")

# "path::function" -> how many statements it builds, and what it interpolates
ALLOWED: dict[str, tuple[int, str]] = {
    "etl/load/database.py::bulk_insert": (2, "a raw table and its canonical columns, checked against [a-z_0-9]+"),
    "etl/load/database.py::lock_for_load": (1, "the project's advisory-lock constant"),
    "etl/load/schema.py::_postgres_schemas": (2, "the schema's own table names; the connected database's name"),
    # the DDL follows from TABLE_SPEC (#31): the project's own table and column names and types, no file content
    "etl/load/schema.py::_create": (1, "a table of TABLE_SPEC and its first-release columns"),
    "etl/load/schema.py::_add": (1, "a table of TABLE_SPEC and one column added after the first release"),
    "etl/load/transaction.py::_delete_raw_rows": (1, "a raw table name from the schema"),
    "etl/tickets/export.py::_profile": (1, "generated column names col_N, checked by _q"),
    "etl/tickets/export.py::_last_states": (2, "generated column names, the reader's own formats and aggregates"),
    "etl/tickets/export.py::_without_id": (1, "a generated column name, checked by _q"),
}

_SQL = re.compile(
    r"(?is)\b(?:select\s|insert\s+into|create\s+(?:or\s+replace\s+)?(?:temp\w*\s+)?(?:table|view|schema|database|"
    r"role|index)|delete\s+from|drop\s+(?:table|view|schema|database)|alter\s+(?:table|database|role)|copy\s+\w|"
    r"update\s+\w+\s+set|attach\s|pragma\s|truncate\s|\bfrom\s+\w+\s+where\s)"
)
_RUNS_SQL = {"execute", "executemany", "query", "sql", "copy_expert", "fetchdf"}


def _literal(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return ""


def _builds_text(node: ast.AST) -> bool:
    """An f-string with a value in it, `%`, `.format` or `+` over text."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def _text_of(node: ast.AST) -> str:
    if isinstance(node, ast.BinOp):
        return _text_of(node.left) + " " + _text_of(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _literal(node.func.value)
    return _literal(node)


def built_statements(source: str) -> Counter:
    """function name -> statements built there from values: text with SQL in it that is built, or any built
    text handed straight to a call that runs SQL."""
    tree = ast.parse(source)
    parent = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def function_of(node: ast.AST) -> str:
        while node in parent:
            node = parent[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node.name
        return "<module>"

    found: Counter = Counter()
    for node in ast.walk(tree):
        if not _builds_text(node) or (isinstance(parent.get(node), ast.BinOp) and _builds_text(parent[node])):
            continue  # the outermost of a chain of + counts once
        call = parent.get(node)
        handed_to_sql = (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in _RUNS_SQL
            and call.args
            and call.args[0] is node
        )
        if handed_to_sql or _SQL.search(_text_of(node)):
            found[function_of(node)] += 1
    return found


def _scan() -> Counter:
    found: Counter = Counter()
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for function, n in built_statements(path.read_text()).items():
                found[f"{path.relative_to(ROOT).as_posix()}::{function}"] += n
    return found


def test_no_statement_is_built_outside_the_allow_list():
    found = _scan()
    over = {place: n for place, n in found.items() if n > ALLOWED.get(place, (0, ""))[0]}
    assert not over, f"SQL built from values outside the allow-list (bind the values as ? parameters): {over}"


def test_the_allow_list_only_shrinks():
    found = _scan()
    stale = {place: (n, found.get(place, 0)) for place, (n, _) in ALLOWED.items() if found.get(place, 0) < n}
    assert not stale, f"places that build fewer statements than allowed: lower or drop their entries {stale}"


def test_the_scan_finds_each_way_of_building_a_statement():
    planted = '''
def by_fstring(con, header):
    con.execute(f'select count("{header}") from events')
def by_percent(con, name):
    return "delete from t where name = '%s'" % name
def by_format(con, name):
    con.execute("select {} from events".format(name))
def by_concatenation(con, header):
    con.execute("select " + header + " from events")
def handed_over(con, where):
    con.execute(f"{where}")
def bound(con, name):
    con.execute("select * from t where name = ?", [name])
'''
    found = built_statements(planted)
    assert set(found) == {"by_fstring", "by_percent", "by_format", "by_concatenation", "handed_over"}
    assert all(n == 1 for n in found.values()), found
