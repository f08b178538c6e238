"""Contract text is neutralised at the same boundary as report text: nothing reaches a mart as a formula."""

from etl.intake.file_task import _neutralised
from etl.records import ContractTerm, Provenance, SlaTerm


def test_contract_values_and_service_level_names_reach_the_marts_as_text():
    where = Provenance("sha", 1, "=HYPERLINK(\"http://x\",\"click\") agrees to provide", 0)
    party = ContractTerm("e", "party", '=HYPERLINK("http://x","click")', 0.9, where)
    charges = ContractTerm("e", "annual_charges", "-5", 0.9, Provenance("sha", 1, "-5", 0))
    level = SlaTerm(
        "e", "m", "@SUM(A1:A9) availability", "percent", "higher", None, 99.0, 98.0, 10.0, "monthly", 0.9, where
    )
    (party_out, charges_out), (level_out,) = _neutralised([party, charges], [level])
    assert party_out.value == "'" + party.value and party_out.provenance.source_text.startswith("'=")
    assert charges_out.value == "-5"  # a number stays a number
    assert level_out.metric_name == "'@SUM(A1:A9) availability"
