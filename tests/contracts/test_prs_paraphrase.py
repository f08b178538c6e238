"""Every paraphrase of one performance requirements summary gives the same rows (`tests/contracts/prs_paraphrase.py`).

Each layout x wording is one case: 6 layouts x 6 wordings. The rows read must be exactly the summary's: one per
requirement, named by its task and standard, at its AQL as a share, with the standard's time bound where it
has one, and no other row. A case the reader does not read yet is an expected failure, strict, so the day it
reads it the mark has to go; the count of those marks is the figure the service-level issue reports.
"""

from __future__ import annotations

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts import prs_paraphrase
from tests.contracts.paraphrase import cases
from tests.contracts.prs_paraphrase import LAYOUTS, REQUIREMENTS, WORDINGS

# (layout, wording) pairs the reader does not read yet: none since unruled summaries are read by where their
# words stand (etl/pdf_document.py, _unruled_tables)
NOT_YET: set[tuple[str, str]] = set()


def _matches(term, requirement) -> bool:
    name = " ".join(term.metric_name.lower().split())
    threshold = requirement.threshold or (None, None)
    return (
        requirement.task.lower() in name
        and requirement.standard.lower().rstrip(".") in name
        and (term.expected, term.unit, term.direction) == (requirement.aql, "percent", "higher")
        and (term.threshold, term.threshold_unit) == threshold
    )


CASES = cases(LAYOUTS, WORDINGS, NOT_YET)


@pytest.mark.parametrize(("layout", "wording"), CASES)
def test_every_paraphrase_of_a_performance_summary_gives_the_same_rows(tmp_path, layout, wording):
    pdf = prs_paraphrase.write(tmp_path / "prs.pdf", layout, wording)
    terms = extract_contract(pdf, "e", "sha").sla_terms
    assert len(terms) == len(REQUIREMENTS), [t.metric_name for t in terms]
    for requirement in REQUIREMENTS:
        assert sum(_matches(t, requirement) for t in terms) == 1, (requirement.task, [t.metric_name for t in terms])


def test_there_are_at_least_twenty_wordings_times_layouts():
    assert len(CASES) >= 20 and len(LAYOUTS) >= 5 and len(WORDINGS) >= 5
