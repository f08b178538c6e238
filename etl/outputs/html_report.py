"""`outsourcing-etl report`: one self-contained HTML page from the warehouse marts, with plotly charts.

Portfolio KPIs against the outsourcing benchmarks, savings and quality by ITO/BPO/KPO, an SLA heatmap
(engagement x month), credits owed, renewals coming due, and data-quality status. plotly.js is inlined,
so the page opens anywhere without a network. The page is the Jinja2 template templates/report.html.j2,
autoescaped; this module reads the marts and formats their values for it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from etl.load.database import open_warehouse
from etl.outputs.figures import shown

CSS = """
body { font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif; margin: 2rem auto; max-width: 1200px;
       color: #1f2933; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d9e2ec; padding-bottom: .3rem; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.card { background: #f0f4f8; border-radius: 8px; padding: .8rem 1.1rem; min-width: 180px; }
.card .v { font-size: 1.8rem; font-weight: 600; } .card .l { color: #52606d; font-size: .9rem; }
.good { color: #0b7a3e; } .bad { color: #b42318; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .6rem 0; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e4e7eb; }
th { background: #f5f7fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #7b8794; font-size: .85rem; } .scroll { overflow-x: auto; }
tr.bad td { color: #b42318; font-weight: 600; }
.meta { background: #f5f7fa; border-left: 4px solid #9fb3c8; padding: .5rem .8rem; margin: .8rem 0; }
@media print { body { max-width: none; margin: 0; padding: 0; } .scroll { overflow: visible; }
               /* the widest table fits the paper: small type, headers and names wrap, numbers stay whole */
               table { font-size: .52rem; width: 100%; }
               th, td { padding: .2rem .2rem; overflow-wrap: anywhere; } td.n { white-space: nowrap; }
               h2 { break-after: avoid; } tr { break-inside: avoid; } .modebar { display: none !important; } }
"""
# column names as a reader says them; the rest are shown with their underscores as spaces
HEADINGS = {
    "engagement_id": "Engagement",
    "engagement_type": "Type",
    "sla_attainment_pct": "SLA met %",
    "credits_owed": "Credits (gross)",
    "credits_earned_back": "Earned back",
    "net_credits_owed": "Credits (net)",
    "credits_pct_of_charges": "Credits % of charges",
    "savings_pct": "Savings %",
    "weighted_savings_pct": "Savings % (baseline-weighted)",
    "committed_savings_pct": "Committed savings %",
    "savings_gap_pct": "Gap to commitment, pts",
    "quality_change_pct": "Quality change %",
    "is_auto_renewal": "Auto-renews",
    "is_notice_deadline_passed": "Notice deadline passed",
    "days_to_notice_deadline": "Days to notice deadline",
    "metric_name": "Service level",
    "verdict_changes": "Verdict turns",
}
# one format for every number a table does not format itself, so a column never mixes styles
DEFAULT_FORMATS = {int: "{:,}", float: "{:,.2f}"}


def _frame(db, sql: str) -> pd.DataFrame:
    return db.query(sql)


def _heading(column: str) -> str:
    if column in HEADINGS:
        return HEADINGS[column]
    text = column.replace("_pct", " %").replace("_", " ")
    return text[:1].upper() + text[1:]


def _table(df: pd.DataFrame, formats: dict[str, str] | None = None, flag: str | None = None) -> dict:
    """A frame as the template's table shows it: headings, and per row its cells as (text, is a number) and
    whether it is highlighted. `flag`: a boolean column whose true rows are (a notice deadline already passed,
    say)."""
    formats = formats or {}
    rows = []
    for record in df.to_dict("records"):
        cells = []
        for column, value in record.items():
            # money is a Decimal where the driver gives one (PostgreSQL's numeric), a float where DuckDB's frame does
            numeric = isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
            if value is None or (isinstance(value, float) and pd.isna(value)):
                # a term the figure needs is missing (mart_contract_review_queue); a reason column is empty when the
                # figure is known
                text = "" if str(column).endswith("_reason") else "unknown"
            elif column in formats and numeric:
                text = shown(formats[column], value)
            elif numeric:
                kind = int if float(value).is_integer() and isinstance(value, int) else float
                text = shown(DEFAULT_FORMATS[kind], value)
            elif isinstance(value, bool):
                text = "yes" if value else "no"
            else:
                text = str(value)[:10] if hasattr(value, "isoformat") else str(value)
            cells.append((text, numeric))
        rows.append({"cells": cells, "highlighted": flag is not None and record.get(flag) is True})
    return {"headings": [_heading(str(c)) for c in df.columns], "rows": rows}


def _template():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["j2", "html"]),
        undefined=StrictUndefined,
    )
    return env.get_template("report.html.j2")


def build_report(warehouse: str) -> str:
    import plotly.graph_objects as go
    from markupsafe import Markup
    from plotly.offline import get_plotlyjs

    db = open_warehouse(str(warehouse), read_only=True)
    try:
        types = _frame(db, "select * from mart_kpi_by_engagement_type")
        bench = dict(_frame(db, "select kpi, benchmark_pct from kpi_benchmarks").values.tolist())
        engagements = _frame(db, "select * from mart_kpi_summary order by engagement_type, engagement_id")
        heat = _frame(
            db,
            "select engagement_id, period_month, avg(case when is_met then 100.0 else 0.0 end) as met_pct "
            "from mart_sla_attainment group by engagement_id, period_month order by period_month",
        )
        # the mart's totals, never re-summed here: a SQL sum skips an unknown month and would print a partial
        # total as the answer; mart_kpi_summary gives unknown with its reason
        credits = _frame(
            db,
            "select summary.engagement_id, summary.currency, summary.credits_owed, summary.credits_earned_back, "
            "summary.net_credits_owed, summary.service_level_defaults as defaults, repeats.repeated_defaults, "
            "summary.credits_unknown_reason "
            "from mart_kpi_summary as summary left join (select engagement_id, sum(repeat_defaults) as "
            "repeated_defaults from mart_service_credits group by engagement_id) as repeats "
            "on repeats.engagement_id = summary.engagement_id order by summary.engagement_id",
        )
        savings = _frame(
            db,
            "select rollup_level, rollup_key, currency, engagements, baseline_in_period, "
            "charges_in_period, realised_savings, savings_pct, weighted_savings_pct, committed_savings_pct, "
            "savings_gap_pct from mart_cost_savings_rollup where rollup_level in ('vendor', 'portfolio') "
            "order by rollup_level desc, rollup_key, currency",
        )
        renewals = _frame(
            db,
            "select engagement_id, engagement_type, current_term_end, is_auto_renewal, notice_deadline, "
            "days_to_notice_deadline, is_notice_deadline_passed from mart_renewals order by notice_deadline",
        )
        coverage = _frame(
            db,
            "select (select min(period_month) from mart_sla_attainment) as first_month, "
            "(select max(period_month) from mart_sla_attainment) as last_month, "
            "(select max(loaded_at) from file_registry) as last_loaded, "
            "(select max(as_of_date) from mart_renewals) as as_of_date",
        ).iloc[0]
        files = _frame(db, "select status, count(*) as files from file_registry group by status order by status")
        quarantine = _frame(
            db,
            "select failed_check, count(*) as rows_quarantined from quarantine "
            "group by failed_check order by rows_quarantined desc",
        )
        missing = _frame(
            db, "select engagement_id, period_month from mart_missing_reports order by engagement_id, period_month"
        )
        # the vendor's report against its own tickets: every month where the verdict turns, or the values part
        evidence = _frame(
            db,
            "select engagement_id, metric_name, period_month, unit, expected_level, reported_value, "
            "measured_value, difference, tickets, reported_met, measured_met, verdict_changes "
            "from mart_reported_vs_measured where verdict_changes or abs(difference) >= 0.01 "
            "order by engagement_id, metric_name, period_month",
        )
        measured_levels = _frame(db, "select count(*) as n from mart_reported_vs_measured").iloc[0].n
    finally:
        db.close()

    # a reason column says why a figure is unknown, and entered_by_hand what rests on hand entries; where no row
    # has one it only takes room on paper
    engagements = engagements.drop(
        columns=[
            c for c in engagements if (c.endswith("_reason") or c == "entered_by_hand") and engagements[c].isna().all()
        ]
    )
    portfolio = types[types.engagement_type == "ALL"].iloc[0] if (types.engagement_type == "ALL").any() else None
    by_type = types[types.engagement_type != "ALL"]

    def card(label, value, fmt, target=None) -> dict:
        if value is None or pd.isna(value):
            return {"label": label, "value": "-", "klass": "", "target": None}
        klass = "" if target is None else ("good" if value >= target else "bad")
        return {"label": label, "value": shown(fmt, value), "klass": klass, "target": f"{target:g}" if target else None}

    cards = []
    if portfolio is not None:
        cards = [
            card("SLA attainment", portfolio.sla_attainment_pct, "{:.1f}%"),
            card("breaches", portfolio.breaches, "{:.0f}"),
            card("cost savings", portfolio.savings_pct, "{:.1f}%", bench.get("cost_savings")),
            card("quality improvement", portfolio.quality_change_pct, "{:+.1f}%", bench.get("quality_improvement")),
        ]

    bars = go.Figure()
    bars.add_bar(name="savings %", x=by_type.engagement_type, y=by_type.savings_pct)
    bars.add_bar(name="quality change %", x=by_type.engagement_type, y=by_type.quality_change_pct)
    for kpi, label in (("cost_savings", "9% savings benchmark"), ("quality_improvement", "15% quality benchmark")):
        if kpi in bench:
            bars.add_hline(y=bench[kpi], line_dash="dot", annotation_text=label)
    bars.update_layout(barmode="group", height=360, margin=dict(t=30, b=30), yaxis_title="%")

    pivot = heat.pivot(index="engagement_id", columns="period_month", values="met_pct") if len(heat) else pd.DataFrame()
    heatmap = go.Figure(
        go.Heatmap(
            z=pivot.values,
            x=[str(c)[:7] for c in pivot.columns],
            y=list(pivot.index),
            colorscale="RdYlGn",
            zmin=0,
            zmax=100,
            colorbar=dict(title="% met"),
        )
    )
    heatmap.update_layout(height=80 + 40 * max(1, len(pivot.index)), margin=dict(t=20, b=30))

    def fig(f) -> Markup:
        return Markup(f.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False}))

    def month(value) -> str:
        return "-" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%B %Y")

    def day(value) -> str:
        return "-" if value is None or pd.isna(value) else str(value)[:16]

    money = {"credits_owed": "{:,.2f}", "credits_earned_back": "{:,.2f}", "net_credits_owed": "{:,.2f}"}
    return _template().render(
        css=Markup(CSS),
        plotly_js=Markup(get_plotlyjs()),
        as_of=day(coverage.as_of_date)[:10],
        first_month=month(coverage.first_month),
        last_month=month(coverage.last_month),
        last_loaded=day(coverage.last_loaded),
        cards=cards,
        bars=fig(bars),
        heatmap=fig(heatmap),
        engagements=_table(
            engagements,
            {
                **money,
                "sla_attainment_pct": "{:.1f}",
                "credits_pct_of_charges": "{:.2f}",
                "annual_charges": "{:,.0f}",
                "cost_baseline": "{:,.0f}",
                "savings_pct": "{:.1f}",
                "committed_savings_pct": "{:.1f}",
                "quality_change_pct": "{:+.1f}",
                "breaches": "{:.0f}",
                "measurements": "{:.0f}",
            },
        ),
        savings=_table(
            savings,
            {
                "baseline_in_period": "{:,.0f}",
                "charges_in_period": "{:,.0f}",
                "realised_savings": "{:,.0f}",
                "savings_pct": "{:.1f}",
                "weighted_savings_pct": "{:.1f}",
                "committed_savings_pct": "{:.1f}",
                "savings_gap_pct": "{:+.1f}",
                "engagements": "{:.0f}",
            },
        ),
        credits=_table(credits, {**money, "defaults": "{:.0f}", "repeated_defaults": "{:.0f}"}),
        renewals=_table(renewals, {"days_to_notice_deadline": "{:.0f}"}, flag="is_notice_deadline_passed"),
        # the three sections below say in words that they have no rows
        evidence=_table(
            evidence, {"expected_level": "{:g}", "tickets": "{:.0f}", "difference": "{:+,.2f}"}, flag="verdict_changes"
        )
        if len(evidence)
        else None,
        measured_levels=bool(measured_levels),
        files=_table(files),
        quarantine=_table(quarantine) if len(quarantine) else None,
        missing=_table(missing) if len(missing) else None,
    )


def write_report(warehouse: str, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build_report(warehouse), encoding="utf-8")
    return out
