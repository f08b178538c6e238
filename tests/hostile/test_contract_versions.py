"""An amended contract (a new version at the same path) supersedes the old one; nothing of the old stays."""

import shutil
import sys

import duckdb
import pytest

from etl.orchestration.airflow_run import run_dag_once
from etl.settings import Settings
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e

ENGAGEMENT = "kpo-research-insightful"


def test_amended_contract_replaces_the_terms_of_the_old_version(tmp_path):
    sys.path.insert(0, str(ROOT / "samples"))
    import generate

    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    path = inbox / "contracts" / f"{ENGAGEMENT}.pdf"
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", path)
    settings = Settings(inbox, tmp_path / "warehouse.duckdb")
    # the first version only needs loading; the marts are built once, after the amendment
    assert run_dag_once(settings, dag_ids=("outsourcing_contracts",)) == "success"

    original = next(e for e in generate.ENGAGEMENTS if e.id == ENGAGEMENT)
    amended = generate.Engagement(**{**original.__dict__, "annual_charges": 720_000, "at_risk_pct": 10.0})
    generate.write_contract(amended, path, variant=generate.ENGAGEMENTS.index(original))
    assert run_dag_once(settings, dag_ids=("outsourcing_contracts", "outsourcing_kpis")) == "success"

    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        terms = dict(
            con.execute(
                "select field, value from raw_contract_terms where field in ('annual_charges', 'at_risk_pct')"
            ).fetchall()
        )
        registry = con.execute("select status from file_registry").fetchall()
        shas = con.execute("select count(distinct file_sha256) from raw_contract_terms").fetchone()[0]
        charges = con.execute("select annual_charges from mart_cost_savings").fetchall()
    finally:
        con.close()
    assert terms == {"annual_charges": "720000", "at_risk_pct": "10"}
    assert registry == [("loaded",)] and shas == 1
    assert charges == [(720000.0,)]
