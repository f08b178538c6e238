"""Command line: `outsourcing-etl run | kpis | report | review | init-warehouse | eval-contracts | eval-sla` (also `python -m etl`).
Parses arguments and calls the package."""

from __future__ import annotations

import argparse
import sys

from etl.settings import Settings, masked


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "eval-sla":
        return _eval_sla(args)
    if args.command == "eval-contracts":
        return _eval_contracts(args, parser)
    if args.command == "review":
        return _review(args)
    settings = Settings.resolve(getattr(args, "inbox", None), args.warehouse)
    if args.command == "init-warehouse":
        return _init_warehouse(settings)
    if args.command == "report":
        return _report(settings, args)
    if args.command == "run":
        failed = _run(settings, args, parser)
        if failed:
            return failed
    return _print_kpis(settings, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="outsourcing-etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the pipeline DAGs once through Airflow over an inbox")
    run.add_argument("--inbox", help="inbox folder (default: $OUTSOURCING_ETL_INBOX or samples/)")
    run.add_argument("--warehouse", help="DuckDB file (default: $OUTSOURCING_ETL_WAREHOUSE or data/outsourcing.duckdb)")
    run.add_argument(
        "--verbose", action="store_true", help="show Airflow's, Great Expectations' and dbt's logs (else: a log file)"
    )
    run.add_argument(
        "--as-of",
        help="the day the marts are measured to, YYYY-MM-DD: months in service end with the last complete month "
        "before it (default: $OUTSOURCING_ETL_AS_OF or today)",
    )
    kpis = sub.add_parser("kpis", help="print the KPI summary of a warehouse")
    kpis.add_argument("--warehouse")
    rep = sub.add_parser("report", help="write the HTML KPI report of a warehouse")
    rep.add_argument("--warehouse")
    rep.add_argument("--out", required=True, help="HTML file to write")
    init = sub.add_parser("init-warehouse", help="create (or upgrade) the warehouse's raw tables and run log")
    init.add_argument("--warehouse", help="DuckDB file or postgresql:// URL (default: as for run)")
    rv = sub.add_parser("review", help="what was read from each contract, what is missing, and a corrections template")
    rv.add_argument("--inbox", help="inbox folder (default: as for run)")
    rv.add_argument("--engagement", help="one engagement id (default: every contract in the inbox)")
    ev = sub.add_parser("eval-contracts", help="score contract extraction against gold labels (CUAD format)")
    ev.add_argument(
        "--gold",
        required=True,
        action="append",
        help="gold.jsonl; PDF paths in it are relative to this file (repeatable)",
    )
    ev.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ev.add_argument("--workers", type=int, help="parallel extraction processes (default: all cores)")
    ev.add_argument(
        "--errors", action="store_true", help="with --json: each field's mismatches (development part only)"
    )
    ev.add_argument(
        "--sealed",
        metavar="LEDGER",
        help="also score the sealed validation part, as aggregate figures only, and append this look to LEDGER",
    )
    ev.add_argument("--note", default="", help="with --sealed: why this look, kept in the ledger")
    es = sub.add_parser("eval-sla", help="score service-level extraction against gold rows (../shared/sla format)")
    es.add_argument("--gold", required=True, help="gold_sla.jsonl; PDFs are looked for beside it and in */pdf/")
    es.add_argument("--pdf-dir", action="append", default=[], help="another folder holding the gold's PDFs")
    es.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    es.add_argument("--rows", action="store_true", help="with --json: every extracted row and its gold pair")
    es.add_argument("--workers", type=int, help="parallel extraction processes (default: all cores)")
    return parser


def _eval_sla(args) -> int:
    import json
    from pathlib import Path

    from etl.evaluation.sla_eval import evaluate as evaluate_sla
    from etl.evaluation.sla_eval import format_table

    result = evaluate_sla(Path(args.gold), [Path(d) for d in args.pdf_dir], workers=args.workers, rows=args.rows)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


def _eval_contracts(args, parser: argparse.ArgumentParser) -> int:
    import json
    from pathlib import Path

    from etl.evaluation.contract_eval import evaluate, format_report

    if args.sealed and args.errors:
        parser.error("--errors lists single contracts, so it covers the development part only: drop --sealed")
    result = evaluate(
        [Path(g) for g in args.gold],
        workers=args.workers,
        look_ledger=Path(args.sealed) if args.sealed else None,
        look_note=args.note,
    )
    if not args.errors:
        result.pop("errors")
    print(json.dumps(result, indent=2) if args.json or args.errors else format_report(result))
    return 0


def _review(args) -> int:
    from etl.contracts.review import review_engagement
    from etl.intake.isolation import run_bounded

    inbox = Settings.resolve(args.inbox, None).inbox
    ids = [args.engagement] if args.engagement else sorted(p.stem for p in (inbox / "contracts").glob("*.pdf"))
    for engagement_id in ids:
        # each file read in a child with one file's memory and time budget, as in a pipeline run
        text, _ = review_engagement(inbox, engagement_id, read=run_bounded)
        print(text + "\n")
    return 0


def _init_warehouse(settings: Settings) -> int:
    from etl.load.database import open_warehouse
    from etl.load.schema import create_schema

    db = open_warehouse(settings.warehouse)
    try:
        create_schema(db)
    finally:
        db.close()
    print(f"warehouse ready: {masked(settings.warehouse)}")
    return 0


def _report(settings: Settings, args) -> int:
    from pathlib import Path

    from etl.outputs.html_report import write_report

    print(write_report(settings.warehouse, Path(args.out)))
    return 0


def _run(settings: Settings, args, parser: argparse.ArgumentParser) -> int:
    """Run the DAGs once over the inbox; 0 when they succeeded, else the exit code."""
    from etl.intake.inbox import list_inbox
    from etl.orchestration.airflow_run import run_dag_once
    from etl.outputs.console import Console, ExtractionProgress
    from etl.outputs.kpi_summary import stage_line
    from etl.transform.kpi_build import last_build

    if args.as_of:
        import os

        from etl.transform.dbt_build import AS_OF_ENV, parse_as_of

        try:
            os.environ[AS_OF_ENV] = parse_as_of(args.as_of).isoformat()
        except ValueError as e:
            parser.error(f"--as-of {e}")
    if not settings.inbox.is_dir():
        print(f"error: the inbox {settings.inbox} does not exist (--inbox or OUTSOURCING_ETL_INBOX)", file=sys.stderr)
        return 2
    if not list_inbox(settings.inbox):
        print(f"The inbox {settings.inbox} holds no contracts/*.pdf or reports/<engagement>/ files yet.")
    log_path = None if args.verbose else settings.data_dir / f"{settings.name}_run.log"
    print(f"Inbox {settings.inbox} -> warehouse {masked(settings.warehouse)}")
    if log_path is not None:
        print(f"Component logs: {log_path} (--verbose shows them here)")
    # files the run will extract: what discovery finds new or changed, contracts and reports
    from etl.orchestration import pipeline

    to_extract = len(pipeline.discover(settings))
    with (
        Console(log_path) as console,
        ExtractionProgress(settings.staging_url, to_extract, console.terminal) as progress,
    ):

        def done(dag_id, run_id, state, seconds):
            progress.pause()
            # the KPI DAG built the marts unless the last build recorded is an earlier run's
            built = dag_id != "outsourcing_kpis" or last_build(settings.warehouse) in ("", run_id)
            console.say(stage_line(settings.warehouse, dag_id, run_id, state, seconds, built))

        state = run_dag_once(settings, on_dag_done=done)
    if state != "success":
        where = "the task logs above" if log_path is None else log_path
        print(f"pipeline run ended in state {state}; see {where}", file=sys.stderr)
        return 1
    return 0


def _print_kpis(settings: Settings, args) -> int:
    from etl.load.database import warehouse_exists
    from etl.outputs.kpi_summary import kpi_summary

    if not warehouse_exists(settings.warehouse):
        print(
            f"error: there is no warehouse at {settings.warehouse}; `outsourcing-etl run` builds one "
            "(or name another with --warehouse)",
            file=sys.stderr,
        )
        return 2
    print()
    print(kpi_summary(settings.warehouse))
    print(f"\nWarehouse: {masked(settings.warehouse)}")
    if args.command == "run" and settings.report_path.exists():
        print(f"Report:    {settings.report_path}")
    return 0
