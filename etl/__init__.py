"""outsourcing-etl: contract PDFs and vendor reports to a warehouse of SLA, credit, savings and quality KPIs.

Packages follow the data's path; each may import only the packages listed in its docstring
(`tests/test_layout.py` enforces it):

    intake/         the inbox: listing, hashing, one file's extraction staged as JSON
    contracts/      a contract PDF -> terms, clauses and its service-level schedule, each with provenance
    reports/        a vendor report (CSV, XLSX, PDF, JSON) -> measurements; metric names matched to a schedule
    tickets/        a vendor's ticket export -> one row per ticket in its last state, with its clock hours
    load/           staged records -> canonical frames -> Great Expectations -> one warehouse transaction
    transform/      dbt build of warehouse/ (staging, core, marts) and its docs
    outputs/        what people read: the KPI summary and the HTML report
    orchestration/  the steps Airflow's tasks call, and running the DAGs locally
    evaluation/     scoring extraction against gold labels (never imported by production code)

Shared by all: `settings` (locations), `records` (typed records crossing stages), `quantities` (numbers,
dates, durations and money in text), `pdf_document` (PDF text, tables and OCR, with limits), `sandbox`
(DuckDB connections confined to the paths they are given), `hand_yaml` (YAML people write, with its aliases
bounded), `staging` (what one task hands the next, on disk or object storage).
"""

__version__ = "0.1.0"
