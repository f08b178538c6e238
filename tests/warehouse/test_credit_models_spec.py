"""The credit models are defined once, in the credit_models seed (#31): Python reads the list from it, dbt's
tests check columns against it, and each model priced per level has its pricing branch in the credit events
model. No list of the models is written out anywhere else."""

from __future__ import annotations

import csv
import re

from etl.records import CREDIT_MODELS
from tests.conftest import ROOT

WAREHOUSE = ROOT / "warehouse"
SEED = WAREHOUSE / "seeds" / "credit_models.csv"


def _seed() -> list[dict]:
    with SEED.open() as f:
        return list(csv.DictReader(f))


def _listed_elsewhere(texts: dict[str, str]) -> list[str]:
    """Files that write two or more of the models beside each other: a copy of the list."""
    quoted = "|".join(re.escape(m) for m in CREDIT_MODELS)
    pair = re.compile(rf"['\"](?:{quoted})['\"]\s*,\s*['\"](?:{quoted})['\"]")
    return sorted(name for name, text in texts.items() if pair.search(text))


def test_python_reads_the_models_from_the_seed():
    assert CREDIT_MODELS == tuple(r["credit_model"] for r in _seed()) and len(CREDIT_MODELS) >= 4


def test_each_model_priced_per_level_has_its_branch_in_the_credit_events_model():
    sql = (WAREHOUSE / "models" / "core" / "fct_service_credit_events.sql").read_text()
    for row in _seed():
        branch = f"credit_model = '{row['credit_model']}'" in sql
        assert branch == (row["priced_per_level"] == "true"), row["credit_model"]


def test_no_file_copies_the_list_and_a_planted_copy_is_found():
    files = [*WAREHOUSE.glob("models/**/*.sql"), *WAREHOUSE.glob("models/**/*.yml"), *(ROOT / "etl").rglob("*.py")]
    texts = {str(p.relative_to(ROOT)): p.read_text() for p in files}
    assert _listed_elsewhere(texts) == []
    planted = {"x.yml": "values: ['at-risk pool', 'flat % per failure']"}
    assert _listed_elsewhere(planted) == ["x.yml"]


def test_the_reader_prices_per_incident_the_levels_the_ticket_model_measures():
    """A credit per incident goes only to levels whose incidents the tickets count: the names the reader's
    TICKET_CLOCK accepts are the names int_ticket_service_levels measures (its `like` words), no more, no fewer."""
    from etl.contracts.credit_clauses import TICKET_CLOCK

    sql = (WAREHOUSE / "models" / "intermediate" / "int_ticket_service_levels.sql").read_text()
    terms = sql[sql.index("with terms as") : sql.index("measurable as")]
    words = set(re.findall(r"like '%(\w+)%'", terms))
    assert words and words == set(TICKET_CLOCK.pattern.removeprefix("(?i)").split("|"))
