"""The contract fields are defined once (var contract_fields in warehouse/dbt_project.yml, #31); everything that
names a field follows from it or is checked against it here: the Python lists, the corrections reader, the
contract suite's columns, stg_contracts' pivot (a Jinja loop over the spec), and every SQL literal that compares
`field` with a name, in the dbt models and in the pipeline's own SQL. A planted drift fails the check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from etl.records import CONTRACT_FIELD_SPEC, CONTRACT_FIELDS, HAND_ENTRY_FIELDS, NUMERIC_CONTRACT_FIELDS
from etl.settings import DBT_PROJECT_DIR, EXPECTATIONS_DIR, PROJECT_ROOT

# `field = 'x'`, `field <> 'x'`, `field in ('x', 'y')`, in SQL or in Python building SQL
_FIELD_LITERALS = re.compile(r"\bfield\s*(?:=|<>|!=)\s*'(\w+)'|\bfield\s+in\s*\(([^)]*)\)", re.I)
# columns of the contracts frame that are not contract fields (etl/load/batch.py)
FRAME_COLUMNS = {"engagement_id", "file_path", "file_sha256", "row_id", "location", "contract_document"}


def field_names_in(paths: list[Path]) -> dict[str, set[str]]:
    """Each file's field names compared in SQL."""
    found: dict[str, set[str]] = {}
    for path in paths:
        for m in _FIELD_LITERALS.finditer(path.read_text()):
            names = {m.group(1)} if m.group(1) else set(re.findall(r"'(\w+)'", m.group(2)))
            if names:
                found.setdefault(str(path), set()).update(names)
    return found


def _unknown(found: dict[str, set[str]]) -> dict[str, set[str]]:
    return {path: names - set(CONTRACT_FIELDS) for path, names in found.items() if names - set(CONTRACT_FIELDS)}


def _sql_sources() -> list[Path]:
    return [
        *DBT_PROJECT_DIR.glob("models/**/*.sql"),
        *DBT_PROJECT_DIR.glob("macros/**/*.sql"),
        *(PROJECT_ROOT / "etl").glob("**/*.py"),
    ]


def test_the_spec_is_well_formed():
    assert len(CONTRACT_FIELDS) == len(set(CONTRACT_FIELDS))
    for spec in CONTRACT_FIELD_SPEC:
        assert spec["type"] in ("text", "number", "date", "flag"), spec
        assert isinstance(spec["hand_entry"], bool), spec
    assert set(NUMERIC_CONTRACT_FIELDS) <= set(CONTRACT_FIELDS) and set(HAND_ENTRY_FIELDS) <= set(CONTRACT_FIELDS)
    columns = [s["column"] for s in CONTRACT_FIELD_SPEC if s.get("column")]
    assert len(columns) == len(set(columns))


def test_every_field_named_in_sql_is_in_the_spec():
    found = field_names_in(_sql_sources())
    assert found, "the scan found no field literal at all: its pattern no longer matches the code"
    assert not _unknown(found), _unknown(found)


def test_a_planted_drift_fails_the_check(tmp_path):
    model = tmp_path / "int_contract_ends.sql"
    model.write_text("select * from raw_contract_terms where field in ('effective_date', 'expiry')\n")
    code = tmp_path / "registry.py"
    code.write_text("sql = \"select value from raw_contract_terms where field = 'coverage_hour'\"\n")
    assert _unknown(field_names_in([model, code])) == {str(model): {"expiry"}, str(code): {"coverage_hour"}}


def test_the_contract_suite_checks_only_spec_fields():
    suite = json.loads((EXPECTATIONS_DIR / "contract_terms.json").read_text())
    columns = set(re.findall(r'"column": "(\w+)"', json.dumps(suite)))
    assert columns and columns - FRAME_COLUMNS <= set(CONTRACT_FIELDS), columns - FRAME_COLUMNS - set(CONTRACT_FIELDS)


def test_stg_contracts_pivots_each_field_the_spec_names_a_column_for():
    """The pivot renders from the spec: one `max(case when field = ...)` per spec column, no other, and each
    pivoted column is used by the model's final select."""
    source = (DBT_PROJECT_DIR / "models" / "staging" / "stg_contracts.sql").read_text()
    rendered = (
        jinja2.Environment()
        .from_string(source)
        .render(
            var=lambda name: {"contract_fields": CONTRACT_FIELD_SPEC}.get(name, 0.6),
            source=lambda *a: "raw_contract_terms",
        )
    )
    pivoted = dict(re.findall(r"max\(case when field = '(\w+)' then value end\) as (\w+)", rendered))
    assert pivoted == {s["field"]: s["column"] for s in CONTRACT_FIELD_SPEC if s.get("column")}
    final_select = rendered[rendered.rindex("\nselect") :]
    unused = [column for column in pivoted.values() if not re.search(rf"\b{column}\b", final_select)]
    assert not unused, f"pivoted but never selected: {unused}"
