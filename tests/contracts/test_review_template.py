"""`review` writes a corrections template pre-filled with the schedule read from the contract (#33): uncommented
as it stands, it loads as the same schedule, so a person edits rows instead of retyping them."""

import re
import shutil

from etl.contracts.corrections import read_corrections
from etl.contracts.review import review_engagement
from etl.contracts.terms import extract_contract
from tests.conftest import SAMPLES


def test_the_template_holds_the_extracted_schedule_and_uncommented_loads_it_unchanged(tmp_path):
    (tmp_path / "contracts").mkdir()
    pdf = tmp_path / "contracts" / "ito-infra-northwind.pdf"
    shutil.copy(SAMPLES / "contracts" / pdf.name, pdf)
    extracted = extract_contract(pdf, "ito-infra-northwind", "sha").sla_terms
    _, template = review_engagement(tmp_path, "ito-infra-northwind")
    text = template.read_text()
    assert "# service_levels:" in text and "# page 2" in text  # each row with where it was read

    # what a person does to accept the schedule: uncomment the block, leave the rest commented
    block = text[text.index("\n# service_levels:\n") : text.index("# Every field a service level may have")]
    uncommented = "\n".join(re.sub(r"^# ?", "", line) for line in block.splitlines())
    template.write_text(uncommented + "\n")
    hand = read_corrections(template, "ito-infra-northwind", "sha")
    assert hand.problems == []

    def fields(t):
        return (t.metric_id, t.metric_name, t.unit, t.direction, t.expected, t.minimum, t.allocation_pct)

    assert sorted(map(fields, hand.sla_terms)) == sorted(map(fields, extracted))
    assert len(extracted) >= 3
