"""#33: a mapping file can name a report's columns outright (report_columns), for a layout whose headers and
cells leave the reader unsure: here a month's result beside the month before's, both numbers, under headers in
Spanish."""

from __future__ import annotations

import pytest

from etl.records import InputFileError
from etl.reports.layouts import extract_report
from etl.reports.metric_mapping import MappingFileError, load_mapping_file, read_mapping_yaml, report_columns

REPORT = (
    "Indicador;Mes;Resultado anterior;Resultado;Meta\n"
    "Disponibilidad;2025-04;99,1;99,7;99,5\n"
    "Tasa de abandono;2025-04;6,0;4,2;5,0\n"
)
COLUMNS = {"metric": "Indicador", "period": "Mes", "actual": "Resultado", "target": "Meta"}


def _report(tmp_path):
    path = tmp_path / "2025-04.csv"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_named_columns_give_the_months_result_not_the_one_before(tmp_path):
    got = extract_report(_report(tmp_path), "e", "sha", columns=COLUMNS)
    # the value as written: the load converts it to the contract's unit, decimal comma and all
    assert [(m.metric_name, m.period, m.actual_text, m.reported_target_text) for m in got] == [
        ("Disponibilidad", "2025-04", "99,7", "99,5"),
        ("Tasa de abandono", "2025-04", "4,2", "5,0"),
    ]


def test_a_header_the_report_lacks_is_refused_with_the_headers_it_has(tmp_path):
    with pytest.raises(InputFileError, match=r"report_columns names.*'Result'.*Indicador \| Mes"):
        extract_report(_report(tmp_path), "e", "sha", columns={**COLUMNS, "actual": "Result"})


def _mapping(tmp_path, text: str):
    path = tmp_path / "e.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_report_columns_are_read_from_the_mapping_file_and_need_no_metrics(tmp_path):
    path = _mapping(tmp_path, 'report_columns: {metric: "Indicador", actual: " Resultado ", period: Mes}\n')
    assert report_columns(read_mapping_yaml(path), path.name) == {
        "metric": "Indicador",
        "actual": "Resultado",
        "period": "Mes",
    }
    assert load_mapping_file(path) == {}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("report_columns: {metric: KPI, actual: Value, owner: Who}\n", "names owner, which no reader uses"),
        ("report_columns: {metric: KPI}\n", "at least the metric and actual columns"),
        ("report_columns: [KPI, Value]\n", "name each column by its header"),
    ],
)
def test_report_columns_a_reader_cannot_use_are_refused_in_words(tmp_path, text, reason):
    with pytest.raises(MappingFileError, match=reason):
        path = _mapping(tmp_path, text)
        report_columns(read_mapping_yaml(path), path.name)


def test_the_intake_takes_the_columns_and_refuses_unusable_ones_for_the_report(tmp_path):
    from etl.intake.file_task import _report_columns

    assert _report_columns(tmp_path / "none.yml") == {}
    assert _report_columns(_mapping(tmp_path, "metrics: [unreadable\n")) == {}  # the load says why it is not used
    assert _report_columns(_mapping(tmp_path, "report_columns: {metric: KPI, actual: Value}\n")) == {
        "metric": "KPI",
        "actual": "Value",
    }
    with pytest.raises(InputFileError, match="mapping file cannot be used: e.yml: report_columns must name"):
        _report_columns(_mapping(tmp_path, "report_columns: {metric: KPI}\n"))


def test_a_report_with_no_table_found_says_its_columns_can_be_named(tmp_path):
    path = tmp_path / "2025-04.csv"
    path.write_text("Indicador;Fuente\nDisponibilidad;portal\n", encoding="utf-8")
    with pytest.raises(
        InputFileError, match=r"name those in mappings/eng-x\.yml, for example report_columns: \{metric"
    ):
        extract_report(path, "eng-x", "sha")
