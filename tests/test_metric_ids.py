"""Metric ids users type into mapping files (#33): short and stable, apart for long names that begin alike, and
the ids long names had before still name their metric in a mapping file."""

from etl.records import METRIC_ID_CHARS, legacy_metric_ids, metric_id
from etl.reports.metric_mapping import match_metric

LONG = "Replacement laptops shall be imaged and handed to the requester within 3 business days of the approval"
ALIKE = "Replacement laptops shall be imaged and handed to the requester within 5 business days of the approval"


def test_a_short_name_keeps_its_slug_and_a_long_one_gets_a_short_readable_id():
    assert metric_id("Severity 1 incident response time") == "severity_1_incident_response_time"
    short = metric_id(LONG)
    assert len(short) <= METRIC_ID_CHARS and short.startswith("replacement_laptops_imaged")
    assert metric_id(LONG) == short  # stable: the same name, the same id, run after run


def test_two_long_names_that_begin_alike_keep_apart():
    assert metric_id(LONG) != metric_id(ALIKE)


def test_a_mapping_file_naming_a_long_metric_by_its_old_id_still_matches_it():
    contract = {metric_id(LONG): LONG}
    for old in legacy_metric_ids(LONG):  # the table reader's whole slug, the sentence reader's first 80 characters
        match = match_metric("Laptop handover", contract, {"laptop handover": old})
        assert match.metric_id == metric_id(LONG) and match.method == "mapping_file"
