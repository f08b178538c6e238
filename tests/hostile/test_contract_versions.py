"""An amended contract (a new version at the same path) supersedes the old one; nothing of the old stays."""

import shutil
import sys
from datetime import datetime

import duckdb
import pytest

from etl.orchestration import pipeline
from etl.settings import Settings
from etl.transform.dbt_build import dbt_build
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e

ENGAGEMENT = "kpo-research-insightful"


def _load_contracts(settings: Settings, run_id: str) -> None:
    """What the contracts DAG's tasks call, without the DAG run around them (tests/dags covers that)."""
    staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings, "contract")]
    pipeline.load(settings, staged, run_id, datetime(2026, 1, 1), kind="contract")


def test_amended_contract_replaces_the_terms_of_the_old_version(tmp_path):
    sys.path.insert(0, str(ROOT / "samples"))
    import generate

    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    path = inbox / "contracts" / f"{ENGAGEMENT}.pdf"
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", path)
    settings = Settings(inbox, tmp_path / "warehouse.duckdb")
    # the first version only needs loading; the marts are built once, after the amendment
    _load_contracts(settings, "first")

    original = next(e for e in generate.ENGAGEMENTS if e.id == ENGAGEMENT)
    amended = generate.Engagement(**{**original.__dict__, "annual_charges": 720_000, "at_risk_pct": 10.0})
    generate.write_contract(amended, path, variant=generate.ENGAGEMENTS.index(original))
    _load_contracts(settings, "amended")
    dbt_build(settings.warehouse)

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
