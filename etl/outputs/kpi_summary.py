"""The KPI summary printed at the end of a run: per engagement and per ITO/BPO/KPO, from the marts."""

from __future__ import annotations

import textwrap
from pathlib import Path

from etl.load.database import open_warehouse, query_records, relation_exists
from etl.outputs.figures import shown

# a terminal is often 100 columns wide: the per-engagement figures are two tables, each narrower than that
WIDTH = 100
ENGAGEMENT_COLUMNS = [
    ("engagement_id", "Engagement", "{}"),
    ("engagement_type", "Type", "{}"),
    ("sla_attainment_pct", "SLA met %", "{:.1f}"),
    ("breaches", "Breaches", "{:d}"),
    ("credits_owed", "Credits", "{:,.0f}"),
    ("net_credits_owed", "Net of earn-back", "{:,.0f}"),
    ("currency", "Cur", "{}"),
]
COST_COLUMNS = [
    ("engagement_id", "Engagement", "{}"),
    ("currency", "Cur", "{}"),
    ("annual_charges", "Annual cost", "{:,.0f}"),
    ("cost_baseline", "Baseline", "{:,.0f}"),
    ("savings_pct", "Savings %", "{:.1f}"),
    ("committed_savings_pct", "Committed %", "{:.1f}"),
    ("quality_change_pct", "Quality Δ %", "{:+.1f}"),
]
TYPE_COLUMNS = [
    ("engagement_type", "Type", "{}"),
    ("engagements", "Engagements", "{:d}"),
    ("measured_of", "Measured", "{}"),  # how many of them the attainment, breach and credit figures rest on
    ("sla_attainment_pct", "SLA met %", "{:.1f}"),
    ("breaches", "Breaches", "{:d}"),
    ("credits_pct_of_charges", "Credits %", "{:.2f}"),  # of the charges
    ("credits_known_of", "Credits known", "{}"),  # how many engagements the credits % averages
    ("savings_pct", "Savings %", "{:.1f}"),
    ("quality_change_pct", "Quality Δ %", "{:+.1f}"),
]


def _table(rows: list[dict], columns) -> str:
    def cell(row, key, fmt):
        value = row.get(key)
        if value is None:
            return "unknown"  # a month without a report or a missing term: the mart's reason column says which
        return shown(fmt, int(value) if fmt == "{:d}" else value)

    body = [[cell(r, k, f) for k, _, f in columns] for r in rows]
    heads = [h for _, h, _ in columns]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(heads)]
    text_columns = [fmt == "{}" for _, _, fmt in columns]
    line = lambda cells: "  ".join(  # noqa: E731
        c.ljust(w) if text else c.rjust(w) for c, w, text in zip(cells, widths, text_columns)
    )
    return "\n".join([line(heads), "  ".join("-" * w for w in widths), *map(line, body)])


def _tickets_line(turned: list[dict]) -> str:
    named = ", ".join(f"{t['engagement_id']} {t['metric_id']} {str(t['period_month'])[:7]}" for t in turned[:3])
    more = ", ..." if len(turned) > 3 else ""
    return textwrap.fill(
        f"Tickets: {len(turned)} month(s) where the vendor's own tickets turn its reported verdict ({named}{more}; "
        "see mart_reported_vs_measured)",
        width=WIDTH,
        subsequent_indent="  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def kpi_summary(warehouse: str | Path) -> str:
    db = open_warehouse(str(warehouse), read_only=True)
    try:

        def rows(sql):
            return query_records(db, sql)

        engagements = rows("select * from mart_kpi_summary order by engagement_type, engagement_id")
        types = rows(
            "select * from mart_kpi_by_engagement_type "
            "order by case engagement_type when 'ALL' then 1 else 0 end, engagement_type"
        )
        for r in types:
            r["measured_of"] = f"{r.get('engagements_measured', r['engagements'])} of {r['engagements']}"
            r["credits_known_of"] = f"{r.get('engagements_with_credits', r['engagements'])} of {r['engagements']}"
        bench = {r["kpi"]: r["benchmark_pct"] for r in rows("select * from kpi_benchmarks")}
        files = rows("select status, count(*) as n from file_registry group by status order by status")
        # months where the vendor's own tickets turn its reported verdict (a warehouse from before tickets has none)
        turned = (
            rows(
                "select engagement_id, metric_id, period_month from mart_reported_vs_measured where verdict_changes "
                "order by engagement_id, period_month"
            )
            if relation_exists(db, "mart_reported_vs_measured")
            else []
        )
    finally:
        db.close()
    portfolio = next((t for t in types if t["engagement_type"] == "ALL"), {})
    verdict = []
    for label, key, kpi in (
        ("cost savings", "savings_pct", "cost_savings"),
        ("quality improvement", "quality_change_pct", "quality_improvement"),
    ):
        value, target = portfolio.get(key), bench.get(kpi)
        if value is not None and target is not None:
            verdict.append(
                f"Portfolio {label}: {shown('{:.1f}', value)}% vs the ~{target:g}% outsourcing benchmark "
                f"({'above' if value >= target else 'below'})"
            )
    return "\n".join(
        [
            "KPI summary per engagement",
            _table(engagements, ENGAGEMENT_COLUMNS),
            "",
            "Cost and quality per engagement",
            _table(engagements, COST_COLUMNS),
            "",
            "KPI summary per engagement type (Credits %: credits as a share of the charges)",
            _table(types, TYPE_COLUMNS),
            "",
            *verdict,
            *(
                ["(portfolio and per-type figures average the engagements' own percentages, each counting once)"]
                if verdict
                else []
            ),
            *(
                [
                    "unknown: a month in service has no report (see mart_missing_reports),",
                    "  a contract term the figure needs is missing (see mart_contract_review_queue),",
                    "  or nothing was measured for the engagement (mart_kpi_summary.credits_unknown_reason says which)",
                ]
                if "unknown"
                in " ".join(
                    [
                        _table(engagements, ENGAGEMENT_COLUMNS),
                        _table(engagements, COST_COLUMNS),
                        _table(types, TYPE_COLUMNS),
                    ]
                )
                else []
            ),
            *([_tickets_line(turned)] if turned else []),
            "Files: " + ", ".join(f"{f['n']} {f['status']}" for f in files),
        ]
    )


STAGES = {
    "outsourcing_contracts": "contracts",
    "outsourcing_reports": "reports",
    "outsourcing_kpis": "warehouse",
}


def stage_line(warehouse: str | Path, dag_id: str, run_id: str, state: str, seconds: float, built: bool = True) -> str:
    """One line per stage of a run, for the terminal: what its load did (from etl_runs), or that the models were
    built and tested (`built`), or left as the last build left them."""
    stage = f"{STAGES.get(dag_id, dag_id):<10}"
    if state != "success":
        return f"{stage} {state} after {seconds:.0f} s"
    if dag_id == "outsourcing_kpis" and not built:
        return f"{stage} unchanged since the last build: dbt and the report skipped ({seconds:.0f} s)"
    if dag_id == "outsourcing_kpis":
        return f"{stage} dbt models built and tested, KPI report written ({seconds:.0f} s)"
    db = open_warehouse(str(warehouse), read_only=True)
    try:
        found = db.query(
            "select files_seen, files_loaded, files_unchanged, files_quarantined, rows_loaded, rows_quarantined "
            "from etl_runs where run_id = ?",
            [run_id],
        ).to_dict("records")
    finally:
        db.close()
    if not found:
        return f"{stage} nothing new in the inbox ({seconds:.0f} s)"
    r = found[-1]
    return (
        f"{stage} {r['files_seen']} files: {r['files_loaded']} loaded, {r['files_unchanged']} unchanged, "
        f"{r['files_quarantined']} quarantined; {r['rows_loaded']:,} rows loaded, {r['rows_quarantined']:,} "
        f"quarantined ({seconds:.0f} s)"
    )
