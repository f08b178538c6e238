"""#30, #32: a schedule whose column of credits per level is headed in other words than "Service Credit" prices
each level with its own share of the month's charges. Written in our own wording, annotated before the reader
was run on it: at first sight no wording priced a level, nor did the same table headed "Service Credit", ruled or
unruled. One level per row beside its credit was no schedule to the table reader, so the text's lines were read
instead, and each level got its credit as its minimum (a floor of 4% under a target of 99.7%), which a report
would never miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_table_page

LEVELS = [("Portal availability", "99.7%", 4.0), ("Payroll accuracy", "99.5%", 3.0), ("Query answer rate", "92%", 2.0)]
HEADERS = {
    "service credit": ("Service", "Target", "Service Credit"),
    "fee reduction": ("Service", "Target", "Fee Reduction"),
    "deduction with its base": ("Measure", "Level", "Deduction (% of Monthly Charge)"),
    "refund": ("KPI", "Target", "Refund per Failure"),
}


def _pdf(path: Path, header: tuple[str, str, str], ruled: bool = True) -> Path:
    return write_table_page(
        path,
        "SCHEDULE 2 - SERVICE LEVELS AND CREDITS",
        "Each level is measured monthly. A missed level is credited as the table shows.",
        [list(header), *[[name, level, f"{credit:g}%"] for name, level, credit in LEVELS]],
        ruled,
    )


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("wording", HEADERS)
def test_a_column_of_credits_headed_in_other_words_prices_each_level(tmp_path, wording, ruled):
    rows = extract_contract(_pdf(tmp_path / "schedule.pdf", HEADERS[wording], ruled), "e", "sha").sla_terms
    # the credit is no floor: each level is its own minimum
    assert sorted((t.metric_name, t.expected, t.minimum, t.credit_model, t.credit_pct) for t in rows) == sorted(
        (name, float(level.rstrip("%")), float(level.rstrip("%")), "flat % per failure", credit)
        for name, level, credit in LEVELS
    )


def test_a_share_beside_one_too_small_to_be_its_floor_is_no_pair_of_levels(tmp_path):
    """Unruled, with headings that name neither a credit nor a weighting: no row takes the small share as its
    minimum (a floor of 4% under 99.7% would never be missed)."""
    rows = extract_contract(_pdf(tmp_path / "s.pdf", ("Service", "Target", "Column C"), ruled=False), "e", "sha")
    assert all(t.minimum >= 50 for t in rows.sla_terms)
