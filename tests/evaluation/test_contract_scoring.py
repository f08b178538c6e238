"""The scoring module on hand-written cases."""

import pytest

from etl.evaluation.scoring import (
    FIELDS,
    gold_parties,
    normalize_date,
    normalize_duration,
    normalize_jurisdiction,
    same_entity,
    score,
)


def test_dates_with_blank_parts_score_on_the_parts_they_have():
    assert normalize_date("[]/[]/2012") == (2012, None, None)
    assert normalize_date("31/01/2025") == (2025, 1, 31)
    gold = [
        {"file": "a", "labels": {"Agreement Date": {"answer": "[]/[]/2012"}}},
        {"file": "b", "labels": {"Agreement Date": {"answer": "3/20/2020"}}},
        {"file": "c", "labels": {"Agreement Date": {"answer": ""}}},
    ]
    s = score(
        gold,
        {
            "a": {"agreement_date": "2012-06-01"},
            "b": {"agreement_date": "2020-03-21"},
            "c": {"agreement_date": "2020-01-01"},
        },
    )["Agreement Date"]
    assert (s.n, s.correct) == (3, 1)
    d = s.as_dict()
    assert d["precision"] == pytest.approx(1 / 3, abs=1e-4) and d["recall"] == pytest.approx(1 / 2)


def test_empty_gold_means_absent_and_extracting_one_is_a_false_positive():
    gold = [{"file": "a", "labels": {"Notice Period to Terminate Renewal": {"answer": ""}}}]
    assert score(gold, {"a": {}})["Notice Period to Terminate Renewal"].correct == 1
    assert score(gold, {"a": {"notice_period": "30 days"}})["Notice Period to Terminate Renewal"].correct == 0


def test_durations_compare_across_units():
    assert normalize_duration("successive 1 year") == pytest.approx(365.25)
    assert abs(normalize_duration("12 months") - normalize_duration("1 year")) < 1
    gold = [
        {"file": "a", "labels": {"Renewal Term": {"answer": "successive 1 year"}}},
        {"file": "b", "labels": {"Renewal Term": {"answer": "perpetual"}}},
    ]
    s = score(gold, {"a": {"renewal_term": "12 months"}, "b": {"renewal_term": "12 months"}})["Renewal Term"]
    assert s.correct == 1


def test_expiration_accepts_perpetual_or_a_date():
    gold = [
        {"file": "a", "labels": {"Expiration Date": {"answer": "Perpetual"}}},
        {"file": "b", "labels": {"Expiration Date": {"answer": "09/05/2019; perpetual"}}},
    ]
    s = score(gold, {"a": {"expiry_date": "perpetual"}, "b": {"expiry_date": "2019-09-05"}})["Expiration Date"]
    assert s.correct == 2


def test_jurisdiction_names_normalise():
    assert normalize_jurisdiction("the State of New York") == normalize_jurisdiction("New York")
    assert normalize_jurisdiction("British Columbia, Canada") == normalize_jurisdiction("British Columbia")
    assert normalize_jurisdiction("[]") is None


def test_parties_are_entity_names_not_role_aliases():
    names = gold_parties(
        'Xencor, Inc. ("Xencor"); Aimmune Therapeutics, Inc. ("Aimmune")("Party" and collectively as the "Parties")'
    )
    assert names == {"xencor", "aimmune therapeutics"}
    assert gold_parties(
        'Howmedica Corp. ("Stryker"); Conformis, Inc. ("Conformis"); Stryker and Conformis ("Parties")'
    ) == {"howmedica", "conformis"}
    assert same_entity("howmedica ostenonics", "howmedica osteonics")
    assert not same_entity("acme", "zenith")


def test_party_precision_recall_f1():
    gold = [{"file": "a", "labels": {"Parties": {"answer": 'Acme Ltd. ("Customer"); Widget Inc. ("Supplier")'}}}]
    s = score(gold, {"a": {"parties": ["ACME LTD.", "Widget, Inc.", "Exhibit B"]}})["Parties"].as_dict()
    assert s["recall"] == 1.0 and s["precision"] == pytest.approx(2 / 3, abs=1e-4) and s["accuracy"] == 0.0


def test_clause_flags_are_yes_no():
    gold = [
        {"file": "a", "labels": {"Audit Rights": {"answer": "Yes"}}},
        {"file": "b", "labels": {"Audit Rights": {"answer": "No"}}},
    ]
    s = score(gold, {"a": {"clause:audit_rights": True}, "b": {"clause:audit_rights": True}})["Audit Rights"]
    assert (s.correct, s.as_dict()["precision"], s.as_dict()["recall"]) == (1, 0.5, 1.0)
    assert FIELDS["Audit Rights"] == ("clause:audit_rights", "flag")


def test_and_inside_a_party_name_or_between_two_entities():
    # one entity whose name contains "and"; two entities joined by "and"; two aliases joined by "and"
    assert gold_parties('New York Life Insurance and Annuity Corporation ("Company")') == {
        "new york life insurance annuity"
    }
    assert gold_parties('WYZZ, Inc. and WYZZ Licensee, Inc. (collectively "WYZZ"); Peoria, L.L.C. ("NEXSTAR")') == {
        "wyzz",
        "wyzz licensee",
        "peoria",
    }
    assert gold_parties('Acme Corp. ("Acme"); Acme and Widget ("Parties")') == {"acme"}
