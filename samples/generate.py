"""Write the bundled sample inbox: six contract PDFs, 12 months of vendor reports each, and ground truth.

Deterministic: the same code writes the same values (PDF bytes differ only where reportlab stamps
creation dates, which we pin with `invariant=1`). Run `python samples/generate.py` to rebuild.
Ground truth goes to `samples/ground_truth.json`; it is for tests, never read by `etl/`.
"""

from __future__ import annotations

import calendar
import csv
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

ROOT = Path(__file__).resolve().parent
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]

NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    12: "twelve",
    24: "twenty-four",
    30: "thirty",
    36: "thirty-six",
    60: "sixty",
    90: "ninety",
    120: "one hundred twenty",
    180: "one hundred eighty",
}


ORDINAL_WORDS = {2: "second", 3: "third", 4: "fourth"}


@dataclass
class Sla:
    metric: str  # name as the contract writes it
    report_name: str  # name as the vendor's report writes it (differs on purpose)
    unit: str  # percent | hours | days | score
    baseline: float  # pre-outsourcing level
    expected: float
    minimum: float
    allocation: float  # % of the at-risk pool; 0 for key measurements

    @property
    def direction(self) -> str:
        return "higher" if self.expected > self.minimum else "lower"


@dataclass
class Engagement:
    id: str
    type: str
    title: str
    client: str
    client_alias: str
    vendor: str
    vendor_alias: str
    agreement_date: date
    effective: date
    term_months: int
    auto_renew: bool
    renewal_months: int
    notice_days: int
    law: str
    currency: str
    annual_charges: float
    pricing_model: str
    baseline: float
    baseline_kind: str
    savings_pct: float
    at_risk_pct: float
    scope: str
    style: dict = field(default_factory=dict)
    slas: list[Sla] = field(default_factory=list)
    earn_back_months: int = 0  # 0: the contract has no earn-back
    repeat_default_months: int = 0  # consecutive defaults after which the credit is multiplied; 0: none
    repeat_default_multiplier: float = 0.0
    invoice_factors: dict = field(default_factory=dict)  # month -> invoiced / contract monthly charges

    @property
    def expiry(self) -> date:
        y, m = divmod(self.effective.month - 1 + self.term_months, 12)
        return date(self.effective.year + y, m + 1, self.effective.day) - timedelta(days=1)


def _engagement(data: dict) -> Engagement:
    style = {**data["style"], "page": {"A4": A4, "LETTER": LETTER}[data["style"]["page"]]}
    slas = [Sla(**s) for s in data["slas"]]
    return Engagement(**{**data, "style": style, "slas": slas})


# what each engagement's documents say is data (samples/engagements.yml); this file only writes them
ENGAGEMENTS = [_engagement(d) for d in yaml.safe_load((ROOT / "engagements.yml").read_text())]


def words(n: int) -> str:
    return f"{NUMBER_WORDS[n]} ({n})" if n in NUMBER_WORDS else str(n)


def money(currency: str, amount: float) -> str:
    return f"{currency} {amount:,.0f}"


def long_date(d: date, variant: int) -> str:
    if variant % 2:
        return f"{d.day} {calendar.month_name[d.month]} {d.year}"
    return f"{calendar.month_name[d.month]} {d.day}, {d.year}"


def fmt_level(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:g}%"
    return f"{value:g} {unit}"


# ---------------------------------------------------------------- contract text


def contract_sections(e: Engagement, variant: int) -> list[tuple[str, list[str]]]:
    """Clauses as (heading, paragraphs). Wording varies by variant so extraction can't key on one template."""
    c, v = e.client_alias, e.vendor_alias
    years = e.term_months // 12
    term_text = [
        f"The initial term of this Agreement shall be {words(years)} years commencing on the Effective Date "
        f"and ending on {long_date(e.expiry, variant)} (the \"Initial Term\"), unless terminated earlier in "
        "accordance with its terms.",
        f"This Agreement commences on the Effective Date and continues for an initial term of {e.term_months} "
        f"months, expiring on {long_date(e.expiry, variant)}, unless terminated earlier as provided herein.",
    ][variant % 2]
    if e.auto_renew:
        renewal = (
            f"Upon expiry of the Initial Term this Agreement shall automatically renew for successive periods of "
            f"{words(e.renewal_months)} months each (each a \"Renewal Term\") unless either party gives the other "
            f"written notice of non-renewal at least {words(e.notice_days)} days before the end of the then-current term."
        )
    else:
        renewal = (
            f"The parties may by mutual written agreement extend this Agreement for one further period of "
            f"{words(e.renewal_months)} months. Either party may give notice that it does not wish to extend no "
            f"later than {words(e.notice_days)} days prior to the expiry of the Initial Term."
        )
    law = [
        f"This Agreement and any dispute arising out of it shall be governed by and construed in accordance with the laws of {e.law}.",
        f"This Agreement shall be governed by the laws of the State of {e.law}, without regard to its conflict of laws principles.",
    ][0 if e.law in ("England and Wales", "Germany", "Singapore", "Ireland") else 1]
    monthly = e.annual_charges / 12
    return [
        (
            "1. Definitions",
            [
                f"\"Services\" means the {e.scope} described in Schedule 1.",
                "\"Service Level\" means a performance standard set out in the Service Level Schedule, each with an "
                "Expected Service Level and a Minimum Service Level.",
                "\"Service Level Default\" means a failure to meet the Minimum Service Level for a Critical Service "
                "Level in a Measurement Window.",
                "\"Measurement Window\" means each calendar month unless the Service Level Schedule states otherwise.",
                "\"Monthly Charges\" means one twelfth of the Annual Charges.",
            ],
        ),
        ("2. Term and Renewal", [term_text, renewal]),
        (
            "3. Services",
            [
                f"{v} shall provide the Services to {c} from the Effective Date in accordance with this Agreement, "
                "the Service Level Schedule and good industry practice.",
                f"{v} shall assign suitably qualified personnel and shall not subcontract any part of the Services "
                f"without the prior written consent of {c}.",
            ],
        ),
        (
            "4. Charges and Pricing",
            [
                f"In consideration of the Services, {c} shall pay {v} Annual Charges of {money(e.currency, e.annual_charges)} "
                f"(Monthly Charges of {money(e.currency, monthly)}), invoiced monthly in arrears. All amounts are "
                f"stated in {e.currency}.",
                f"Pricing Model: the Charges are calculated on a {e.pricing_model} basis as described in Schedule 2.",
                f"Cost Baseline: the parties agree that {c}'s annual cost of the in-scope services before the Effective "
                f"Date was {money(e.currency, e.baseline)}, determined on a {e.baseline_kind} basis.",
                f"Committed Savings: {v} commits that the Annual Charges represent a saving of at least "
                f"{e.savings_pct:g}% against the Cost Baseline.",
            ],
        ),
        (
            "5. Service Levels and Service Credits",
            [
                f"{v} shall meet or exceed the Service Levels set out in the Service Level Schedule below. Performance "
                "is measured in each Measurement Window and reported to "
                f"{c} within ten (10) business days after the end of each month.",
                f"At-Risk Amount: the amount at risk in any month is {e.at_risk_pct:g}% of the Monthly Charges for that month.",
                "For each Service Level Default, the Service Credit equals the Allocation Percentage of that Service "
                "Level multiplied by the At-Risk Amount. Total Service Credits in any month shall not exceed the "
                "At-Risk Amount. Service Levels with an Allocation Percentage of 0% are Key Measurements and carry "
                "no Service Credit.",
            ]
            + (
                [
                    f"Earn-back: where {v} meets the Expected Service Level of a Critical Service Level in each of the "
                    f"{words(e.earn_back_months)} months following a Service Level Default, the Service Credit for that "
                    f"default is earned back by {v}."
                ]
                if e.earn_back_months
                else []
            )
            + (
                [
                    f"Repeated Service Level Defaults: if a Service Level Default occurs for the same Critical Service Level "
                    f"in {words(e.repeat_default_months)} or more consecutive months, the Service Credit for that Service "
                    f"Level in each such month from the {ORDINAL_WORDS[e.repeat_default_months]} onwards shall be multiplied "
                    f"by {e.repeat_default_multiplier:g}."
                ]
                if e.repeat_default_months
                else []
            ),
        ),
    ], [
        (
            "6. Termination",
            [
                f"Either party may terminate this Agreement for material breach by the other party which is not remedied "
                "within thirty (30) days of written notice. "
                f"{c} may terminate for convenience on one hundred eighty (180) days' written notice subject to payment "
                "of the termination charges in Schedule 2.",
                f"On expiry or termination, {v} shall provide reasonable transition assistance for up to six (6) months.",
            ],
        ),
        (
            "7. Limitation of Liability",
            [
                "Each party's total liability arising out of or in connection with this Agreement in any contract year "
                "shall not exceed one hundred and twenty-five percent (125%) of the Charges paid in the preceding twelve "
                "months, save for liability which cannot be limited by law.",
            ],
        ),
        ("8. Governing Law", [law]),
    ]


def sla_table_rows(e: Engagement) -> list[list[str]]:
    header = ["Service Level", "Unit", "Baseline", "Expected Service Level", "Minimum Service Level", "Allocation %"]
    rows = [header]
    for s in e.slas:
        rows.append([s.metric, s.unit, f"{s.baseline:g}", f"{s.expected:g}", f"{s.minimum:g}", f"{s.allocation:g}%"])
    return rows


OPERATING_SENTENCES = [
    "Each party shall appoint a relationship manager who attends the monthly governance meeting.",
    "The Supplier shall keep the operations manual current and share each revision with the Customer.",
    "Meeting minutes record the decisions taken, the owner of each action and the date it is due.",
    "Personnel assigned to the Services shall have the skills and training their roles require.",
    "The Supplier shall follow the Customer's site rules on health, safety and the environment.",
    "Documentation shall be written in English and kept in the shared repository agreed by the parties.",
    "Each party bears its own costs of attending governance meetings unless the parties agree otherwise.",
    "Changes to the Services are requested in writing and assessed under the change control procedure.",
    "The Supplier shall give the Customer reasonable cooperation with its other suppliers.",
    "Reports are delivered in the format set out in the reporting procedure, or as the parties later agree.",
]


def operating_procedures(pages: int, seed: int) -> list[tuple[str, list[str]]]:
    """Filler sections of the kind that make up most of a real master agreement (about one page each), so
    generated contracts have the page mix of real ones: a long body, a short service-level schedule."""
    rng = random.Random(seed)
    return [
        (f"Operating Procedure {n + 1}", [" ".join(rng.sample(OPERATING_SENTENCES, 6)) for _ in range(7)])
        for n in range(pages)
    ]


def _contract_template(e: Engagement, path: Path, font: str, page) -> BaseDocTemplate:
    """The contract's pages: margins, a running header and page number, and a two-column template where the
    contract's style has two columns."""
    width, height = page

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.drawString(2 * cm, height - 1.2 * cm, f"{e.vendor} / {e.client} - CONFIDENTIAL")
        canvas.drawRightString(width - 2 * cm, 1.0 * cm, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        str(path),
        pagesize=page,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        invariant=1,
        title=e.title,
        author=e.vendor,
    )
    full = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="full")
    gap = 0.8 * cm
    col = (doc.width - gap) / 2
    left = Frame(doc.leftMargin, doc.bottomMargin, col, doc.height, id="left")
    right = Frame(doc.leftMargin + col + gap, doc.bottomMargin, col, doc.height, id="right")
    templates = [PageTemplate(id="one", frames=[full], onPage=decorate)]
    if e.style["columns"] == 2:
        templates.append(PageTemplate(id="two", frames=[left, right], onPage=decorate))
    doc.addPageTemplates(templates)
    return doc


def write_contract(e: Engagement, path: Path, variant: int, procedure_pages: int = 0) -> None:
    font = e.style["font"]
    bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}[font]
    page = e.style["page"]
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=font, fontSize=9.5, leading=12.5)
    head = ParagraphStyle("head", parent=base["Heading3"], fontName=bold, fontSize=11, spaceBefore=8)
    title = ParagraphStyle("title", parent=base["Title"], fontName=bold, fontSize=15)
    doc = _contract_template(e, path, font, page)
    height = page[1]

    from reportlab.platypus.doctemplate import NextPageTemplate

    story = [Paragraph(e.title.upper(), title), Spacer(1, 8)]
    story.append(
        Paragraph(
            f"This {e.title} (the \"Agreement\") is made on {long_date(e.agreement_date, variant)} between "
            f"<b>{e.client}</b> (the \"{e.client_alias}\"), and <b>{e.vendor}</b> (the \"{e.vendor_alias}\").",
            body,
        )
    )
    story.append(
        Paragraph(
            f"Effective Date: this Agreement takes effect on {long_date(e.effective, variant + 1)} "
            "(the \"Effective Date\").",
            body,
        )
    )
    story.append(
        Paragraph(
            f"WHEREAS the {e.client_alias} wishes to outsource the {e.scope} and the {e.vendor_alias} has the "
            "expertise to provide them, the parties agree as follows.",
            body,
        )
    )
    if e.style["columns"] == 2:
        story.append(NextPageTemplate("two"))
        story.append(PageBreak())
    before, after = contract_sections(e, variant)
    for heading, paras in before:
        story.append(Paragraph(heading, head))
        story.extend(Paragraph(p, body) for p in paras)
    if e.style["columns"] == 2:
        story.append(NextPageTemplate("one"))
        story.append(PageBreak())
    story.append(Paragraph("Service Level Schedule", head))
    story.append(
        Paragraph(
            "Each Service Level is measured monthly. Direction follows the levels: where the Expected Service Level "
            "is above the Minimum Service Level, higher is better; where it is below, lower is better.",
            body,
        )
    )
    if e.style.get("break_table"):
        # push the table to the foot of the page so it breaks across two pages with its header repeated
        story.append(Spacer(1, height * 0.42))
    table = Table(sla_table_rows(e), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), bold, 8.5),
                ("FONT", (0, 1), (-1, -1), font, 8.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story.append(table)
    for heading, paras in after + operating_procedures(procedure_pages, variant):
        story.append(Paragraph(heading, head))
        story.extend(Paragraph(p, body) for p in paras)
    story.append(Spacer(1, 540))
    story.append(Paragraph("IN WITNESS WHEREOF the parties have signed this Agreement.", body))
    sig = Table(
        [
            [f"For and on behalf of {e.client}", f"For and on behalf of {e.vendor}"],
            ["Signature: ____________________", "Signature: ____________________"],
            ["Name: Director of Procurement", "Name: Managing Director"],
        ],
        hAlign="LEFT",
    )
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 8.5)]))
    story.append(sig)
    doc.build(story)


# ---------------------------------------------------------------- performance


def monthly_actuals(e: Engagement) -> dict[str, dict[str, float]]:
    """Actual value per month and contract metric. Mostly at or above expected, with planned misses and breaches."""
    rng = random.Random(e.id)
    out: dict[str, dict[str, float]] = {}
    for month in MONTHS:
        out[month] = {}
        for s in e.slas:
            roll = rng.random()
            span = abs(s.expected - s.minimum)
            if roll < 0.10:  # breach: worse than minimum
                delta = -span * rng.uniform(1.1, 1.6)
            elif roll < 0.25:  # miss: between expected and minimum
                delta = -span * rng.uniform(0.2, 0.8)
            else:  # met
                delta = span * rng.uniform(0.0, 0.6)
            value = s.expected + (delta if s.direction == "higher" else -delta)
            if s.unit == "percent":
                value = min(value, 100.0)
            decimals = 2 if s.unit == "percent" else 1
            out[month][s.metric] = round(value, decimals)
    return out


def met(s: Sla, value: float) -> bool:
    return value >= s.expected if s.direction == "higher" else value <= s.expected


def report_value(s: Sla, value: float) -> str:
    return f"{value:g}%" if s.unit == "percent" else f"{value:g}"


def hours_text(value: float, style: str) -> str:
    """A duration in hours written the ways vendors write it."""
    minutes = round(value * 60)
    if style == "hm":
        return f"{minutes // 60}h {minutes % 60}m"
    if style == "min":
        return f"{minutes} min"
    return f"{value:g}"


def clock_text(minutes_value: float) -> str:
    seconds = round(minutes_value * 60)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def decimal_comma(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


# Each writer takes one engagement and {month: {contract metric: value}} for the months it covers, and returns
# (file name, rows of its own) so several layouts can cover one engagement as a vendor's format drifts.


def write_csv_long(e: Engagement, months: dict, folder: Path, extra_rows=(), wrong_status=()) -> list[str]:
    names = []
    for month, values in months.items():
        path = folder / f"{month}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["Reporting Month", "Service Level", "Target", "Actual", "Status"])
            for s in e.slas:
                v = values[s.metric]
                ok = met(s, v) != ((month, s.metric) in wrong_status)
                w.writerow(
                    [month, s.report_name, report_value(s, s.expected), report_value(s, v), "Met" if ok else "Missed"]
                )
            for row in extra_rows if month == "2025-03" else ():
                w.writerow(row)
        names.append(path.name)
    return names


def write_csv_wide(e: Engagement, months: dict, folder: Path) -> list[str]:
    """One row per month, one column per metric; hours written as '4h 30m' or '270 min'."""
    names = []
    for month, values in months.items():
        path = folder / f"{month}-kpis.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["Month"] + [s.report_name for s in e.slas])
            cells = []
            for s in e.slas:
                v = values[s.metric]
                cells.append(
                    hours_text(v, "hm" if int(month[-2:]) % 2 else "min") if s.unit == "hours" else report_value(s, v)
                )
            w.writerow([month] + cells)
        names.append(path.name)
    return names


def write_csv_semicolon(e: Engagement, months: dict, folder: Path) -> list[str]:
    """European export: semicolons, decimal commas, a blank and an 'n/a' for a metric not measured."""
    names = []
    for month, values in months.items():
        y, m = month.split("-")
        path = folder / f"SLA_{m}_{y}.csv"
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(["Periode", "KPI", "Ziel", "Ist"])
            for s in e.slas:
                w.writerow([f"{m}/{y}", s.report_name, decimal_comma(s.expected), decimal_comma(values[s.metric])])
            w.writerow([f"{m}/{y}", "Innovation hours", "", "n/a"])
        names.append(path.name)
    return names


def _pin_dates(wb) -> None:
    from datetime import datetime as _dt

    wb.properties.created = wb.properties.modified = _dt(2025, 1, 1)


def write_xlsx_title_block(e: Engagement, months: dict, folder: Path) -> list[str]:
    names = []
    for month, values in months.items():
        wb = Workbook()
        ws = wb.active
        ws.title = "SLA Performance"
        y, m = map(int, month.split("-"))
        ws.append([f"{e.vendor} - Monthly Performance Report"])
        ws.append([f"Client: {e.client}"])
        ws.append([f"Period: {calendar.month_name[m]} {y}"])
        ws.append([])
        ws.append(["KPI", "Unit", "Result", "Target", "Achieved?"])
        for s in e.slas:
            v = values[s.metric]
            shown = clock_text(v) if s.unit == "minutes" else v
            ws.append([s.report_name, s.unit, shown, s.expected, "Yes" if met(s, v) else "No"])
        wb.create_sheet("Notes").append(["Figures are provisional until the monthly service review."])
        _pin_dates(wb)
        wb.save(folder / f"{month}.xlsx")
        names.append(f"{month}.xlsx")
    return names


def write_xlsx_months_as_columns(e: Engagement, months: dict, folder: Path) -> list[str]:
    """One workbook for a half year: metrics down, months across."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append([f"{e.vendor} - Half-year scorecard"])
    ws.append([])
    ws.append(["Metric"] + [calendar.month_abbr[int(mo[-2:])] + "-" + mo[2:4] for mo in months])
    for s in e.slas:
        ws.append([s.report_name] + [months[mo][s.metric] for mo in months])
    _pin_dates(wb)
    first, last = list(months)[0], list(months)[-1]
    name = f"{first}_to_{last}.xlsx"
    wb.save(folder / name)
    return [name]


def write_xlsx_multi_sheet(e: Engagement, months: dict, folder: Path) -> list[str]:
    """A cover sheet, then a data sheet with a merged header over two columns and a totals row."""
    names = []
    for month, values in months.items():
        wb = Workbook()
        cover = wb.active
        cover.title = "Cover"
        cover.append([f"{e.vendor}"])
        cover.append([f"Service report {month}"])
        ws = wb.create_sheet("Service Levels")
        ws.append([f"Reporting period {month}"])
        ws.append(["Measure", "Performance", None, "Comment"])
        ws.merge_cells("B2:C2")
        ws.append([None, "Target", "Actual", None])
        for s in e.slas:
            ws.append([s.report_name, s.expected, values[s.metric], ""])
        ws.append(["Total / average", None, None, ""])
        _pin_dates(wb)
        wb.save(folder / f"{month}.xlsx")
        names.append(f"{month}.xlsx")
    return names


def _pdf_table(rows, font="Helvetica"):
    table = Table(rows, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, 0), font + "-Bold", 9)])
    )
    return table


def write_pdf_table(e: Engagement, months: dict, folder: Path, spill: bool = False) -> list[str]:
    """A table of the month's levels; with `spill`, a long note pushes it across a page break."""
    base = getSampleStyleSheet()
    names = []
    for month, values in months.items():
        y, m = map(int, month.split("-"))
        rows = [["Service Level", "Target", "Actual", "Met?"]]
        for s in e.slas:
            v = values[s.metric]
            rows.append([s.report_name, fmt_level(s.expected, s.unit), report_value(s, v), "Y" if met(s, v) else "N"])
        story = [
            Paragraph(f"{e.vendor}", base["Title"]),
            Paragraph(f"Service Level Performance Report for {e.client}", base["Heading2"]),
            Paragraph(f"Reporting period: {calendar.month_name[m]} {y}", base["BodyText"]),
        ]
        if spill:
            story.append(Spacer(1, 540))
        story += [
            Spacer(1, 12),
            _pdf_table(rows),
            Spacer(1, 12),
            Paragraph("Measured in accordance with the Service Level Schedule of the Agreement.", base["BodyText"]),
        ]
        SimpleDocTemplate(str(folder / f"{month}.pdf"), pagesize=A4, invariant=1).build(story)
        names.append(f"{month}.pdf")
    return names


def write_pdf_per_tower(e: Engagement, months: dict, folder: Path) -> list[str]:
    """One table per service tower: quality metrics and delivery metrics apart."""
    base = getSampleStyleSheet()
    names = []
    for month, values in months.items():
        y, m = map(int, month.split("-"))
        story = [Paragraph(f"{e.vendor} - {calendar.month_name[m]} {y}", base["Title"])]
        towers = {
            "Quality tower": [s for s in e.slas if "accura" in s.metric.lower() or "satisf" in s.metric.lower()],
            "Delivery tower": [s for s in e.slas if not ("accura" in s.metric.lower() or "satisf" in s.metric.lower())],
        }
        for tower, slas in towers.items():
            rows = [["KPI", "Result"]] + [[s.report_name, report_value(s, values[s.metric])] for s in slas]
            story += [Paragraph(tower, base["Heading2"]), _pdf_table(rows), Spacer(1, 12)]
        SimpleDocTemplate(str(folder / f"{month}.pdf"), pagesize=A4, invariant=1).build(story)
        names.append(f"{month}.pdf")
    return names


def write_json_export(e: Engagement, months: dict, folder: Path) -> list[str]:
    """An API export: percentages as fractions (0.9995), one record per metric and month."""
    names = []
    for month, values in months.items():
        records = [
            {
                "kpi": s.report_name,
                "period": month,
                "value": round(values[s.metric] / 100, 6) if s.unit == "percent" else values[s.metric],
                "sla_met": met(s, values[s.metric]),
            }
            for s in e.slas
        ]
        path = folder / f"{month}.json"
        path.write_text(json.dumps({"vendor": e.vendor, "measurements": records}, indent=2) + "\n")
        names.append(path.name)
    return names


def write_invoices(e: Engagement, folder: Path) -> tuple[str, dict[str, float]]:
    """The vendor's invoice summary for the year: one row per month, amounts in the contract currency."""
    amounts = {m: round(e.annual_charges / 12 * f, 2) for m, f in e.invoice_factors.items()}
    path = folder / "2025-invoices.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Period", "Measure", "Value", "Unit"])
        for month, amount in amounts.items():
            w.writerow([month, "Invoiced charges", f"{amount:,.2f}", e.currency])
    return path.name, amounts


def write_scanned_copy(source: Path, target: Path, dpi: int = 200) -> None:
    """A contract as a scanner would deliver it: page images in a PDF, no text layer."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(source))
    images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in doc]
    doc.close()
    images[0].save(
        target, "PDF", resolution=dpi, save_all=True, append_images=images[1:], creationDate=None, modDate=None
    )


# ---------------------------------------------------------------- main

# each vendor's report layout for January-June, then from July; main() writes them, with the problems planted in
# each engagement's reports
LAYOUTS = {
    "ito-infra-northwind": ("csv long (one row per metric)", "csv wide (one column per metric)"),
    "ito-apps-bluepeak": ("csv with semicolons and decimal commas",) * 2,
    "bpo-contact-meridian": ("xlsx with a title block", "xlsx with months as columns"),
    "bpo-finance-ledgerline": ("xlsx with several sheets, a merged header and a totals row",) * 2,
    "kpo-clinical-veritas": ("pdf table", "pdf table across a page break"),
    "kpo-research-insightful": ("pdf with one table per service tower", "json export"),
}


P1_METRIC = "Priority 1 Incident Resolution Time"
# the month whose P1 tickets tell another story than the vendor's report: the report says met, the tickets not
TICKETS_DISAGREE = ("2025-03", 4.6)


def _us_time(t: datetime) -> str:
    return t.strftime("%m/%d/%Y %I:%M %p")


def write_ticket_export(e: Engagement, actuals: dict, folder: Path) -> dict:
    """The vendor's incident records for the year (one row per ticket, US month-first dates, a 12-hour clock):
    each month's P1 tickets average the reported P1 resolution time, except TICKETS_DISAGREE's month. Around
    them: lower priorities, a reopened P1, a P2 resolved the month after it opened, and one ticket whose
    priority places it on no level."""
    folder.mkdir(parents=True, exist_ok=True)
    rows, measured = [], {}
    number = 1000
    for month in MONTHS:
        year, mon = map(int, month.split("-"))
        hours = TICKETS_DISAGREE[1] if month == TICKETS_DISAGREE[0] else actuals[month][P1_METRIC]
        measured[month] = hours
        centre = round(hours * 60)
        for i, (day, offset) in enumerate(zip((3, 10, 17, 24), (-60, 60, -30, 30))):
            opened = datetime(year, mon, day, 9, 15)
            resolved = opened + timedelta(minutes=centre + offset)
            number += 1
            rows.append(
                [
                    f"INC{number:07d}",
                    "P1 - Critical",
                    "Closed",
                    _us_time(opened),
                    _us_time(opened + timedelta(minutes=10)),
                    _us_time(resolved),
                    _us_time(resolved + timedelta(days=2)),
                    "1" if (month, i) == ("2025-06", 0) else "0",
                ]
            )
        for j, (priority, minutes) in enumerate((("P2 - High", 600), ("P3 - Moderate", 1900), ("P4 - Low", 4000))):
            opened = datetime(year, mon, 5 + 6 * j, 14, 40)
            number += 1
            rows.append(
                [
                    f"INC{number:07d}",
                    priority,
                    "Closed",
                    _us_time(opened),
                    _us_time(opened + timedelta(hours=1)),
                    _us_time(opened + timedelta(minutes=minutes)),
                    _us_time(opened + timedelta(minutes=minutes, days=3)),
                    "0",
                ]
            )
    for number, priority, opened, resolve_hours, close_days in (
        # opened in January, resolved in February: a February ticket
        ("INC0009001", "P2 - High", datetime(2025, 1, 31, 22, 0), 3, 2),
        # a priority that places it on no level: quarantined
        ("INC0009002", "Whenever", datetime(2025, 4, 8, 11, 0), 5, 1),
    ):
        rows.append(
            [
                number,
                priority,
                "Closed",
                _us_time(opened),
                "",
                _us_time(opened + timedelta(hours=resolve_hours)),
                _us_time(opened + timedelta(days=close_days)),
                "0",
            ]
        )
    path = folder / "incidents-2025.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Incident ID", "Priority", "Status", "Opened", "First Response", "Resolved", "Closed", "Reopened"])
        w.writerows(rows)
    return {
        "file": f"tickets/{e.id}/{path.name}",
        "loaded_tickets": len(rows) - 1,  # all but the one with an unknown priority
        "quarantined_tickets": ["INC0009002"],
        "metric": P1_METRIC,
        "measured": measured,
        "disagrees": {
            "period": TICKETS_DISAGREE[0],
            "reported": actuals[TICKETS_DISAGREE[0]][P1_METRIC],
            "measured": TICKETS_DISAGREE[1],
        },
    }


def layout_of(name: str, engagement_id: str) -> str:
    first, second = LAYOUTS[engagement_id]
    return second if name[:7] >= "2025-07" else first


# Planted problems, each recorded in the ground truth so tests can check they are caught.
MALFORMED_REPORT = ("ito-apps-bluepeak", "2025-06-export.csv")


def _contract_truth(e) -> dict:
    """What the ground truth records of a contract: its terms and its schedule."""
    return {
        "engagement_id": e.id,
        "engagement_type": e.type,
        "title": e.title,
        "client": e.client,
        "vendor": e.vendor,
        "agreement_date": e.agreement_date.isoformat(),
        "effective_date": e.effective.isoformat(),
        "expiry_date": e.expiry.isoformat(),
        "initial_term_months": e.term_months,
        "auto_renewal": e.auto_renew,
        "renewal_term_months": e.renewal_months,
        "notice_period_days": e.notice_days,
        "governing_law": e.law,
        "currency": e.currency,
        "annual_charges": e.annual_charges,
        "pricing_model": e.pricing_model,
        "cost_baseline": e.baseline,
        "committed_savings_pct": e.savings_pct,
        "at_risk_pct": e.at_risk_pct,
        "earn_back_months": e.earn_back_months,
        "repeat_default_months": e.repeat_default_months,
        "repeat_default_multiplier": e.repeat_default_multiplier,
        "sla": [
            {
                "metric": s.metric,
                "unit": s.unit,
                "direction": s.direction,
                "baseline": s.baseline,
                "expected": s.expected,
                "minimum": s.minimum,
                "allocation_pct": s.allocation,
                "window": "monthly",
            }
            for s in e.slas
        ],
    }


def _reports_northwind(e, actuals: dict, h1: dict, h2: dict, folder: Path, truth: dict) -> tuple[dict, dict, dict]:
    """CSV long reports with planted problems, a wide CSV, the ticket export and a restatement.
    Returns each file with the months it reports, and the halves of the year as written."""
    written: dict[str, list[str]] = {}
    bad = dict(h1)
    # an impossible percentage in place of a real value, and a metric the contract does not define
    bad["2025-03"] = {**bad["2025-03"], "Change Success Rate": 180.0}
    for name in write_csv_long(
        e,
        bad,
        folder,
        extra_rows=[["2025-03", "Backup job success", "99%", "97.1%", "Missed"]],
        wrong_status=[("2025-02", "Priority 1 Incident Resolution Time")],
    ):
        written[name] = [name[:7]]
    h1 = bad
    truth["bad_rows"] += [
        {
            "file": f"reports/{e.id}/2025-03.csv",
            "metric_name": "Backup job success",
            "reason": "metric not in the engagement's SLA schedule",
        },
        {
            "file": f"reports/{e.id}/2025-03.csv",
            "metric_name": "Change success rate",
            "reason": "percentage above 100",
        },
    ]
    truth["flag_disagreements"].append(
        {"engagement_id": e.id, "period": "2025-02", "metric": "Priority 1 Incident Resolution Time"}
    )
    for name in write_csv_wide(e, h2, folder):
        written[name] = [name[:7]]
    truth["tickets"] = write_ticket_export(e, actuals, ROOT / "tickets" / e.id)
    # the vendor corrects May's availability after the fact
    restated = {
        "2025-05": {
            **h1["2025-05"],
            "Server Availability": round(h1["2025-05"]["Server Availability"] - 0.3, 2),
        }
    }
    write_csv_long(e, restated, folder)
    (folder / "2025-05.csv").rename(folder / "2025-05-restated.csv")
    write_csv_long(e, {"2025-05": h1["2025-05"]}, folder)
    truth["reports"][f"reports/{e.id}/2025-05-restated.csv"] = {
        "engagement_id": e.id,
        "layout": "csv long (one row per metric), a restatement",
        "measurements": [
            {"period": "2025-05", "metric": sl.metric, "value": restated["2025-05"][sl.metric]} for sl in e.slas
        ],
    }
    truth["restatements"].append(
        {
            "file": f"reports/{e.id}/2025-05-restated.csv",
            "supersedes": f"reports/{e.id}/2025-05.csv",
            "period": "2025-05",
            "measurements": restated["2025-05"],
        }
    )
    return written, h1, h2


def _reports_bluepeak(e, actuals: dict, h1: dict, h2: dict, folder: Path, truth: dict) -> tuple[dict, dict, dict]:
    """Semicolon CSVs, one a month, with an extra metric; June never arrives.
    Returns each file with the months it reports, and the halves of the year as written."""
    written: dict[str, list[str]] = {}
    # June never arrives as a report: only a broken export does (see MALFORMED_REPORT)
    months = {m: v for m, v in actuals.items() if m != "2025-06"}
    for name, month in zip(write_csv_semicolon(e, months, folder), months):
        written[name] = [month]
        truth["bad_rows"].append(
            {
                "file": f"reports/{e.id}/{name}",
                "metric_name": "Innovation hours",
                "reason": "metric not in the engagement's SLA schedule, value n/a",
            }
        )
    truth["missing_reports"].append({"engagement_id": e.id, "period": "2025-06"})
    h1, h2 = {m: v for m, v in h1.items() if m != "2025-06"}, h2
    return written, h1, h2


def _reports_meridian(e, actuals: dict, h1: dict, h2: dict, folder: Path, truth: dict) -> tuple[dict, dict, dict]:
    """An XLSX with a title block, then one with months as columns.
    Returns each file with the months it reports, and the halves of the year as written."""
    written: dict[str, list[str]] = {}
    for name in write_xlsx_title_block(e, h1, folder):
        written[name] = [name[:7]]
    for name in write_xlsx_months_as_columns(e, h2, folder):
        written[name] = list(h2)
    return written, h1, h2


def _reports_ledgerline(e, actuals: dict, h1: dict, h2: dict, folder: Path, truth: dict) -> tuple[dict, dict, dict]:
    """One XLSX sheet a month; the first two months of the contract unreported.
    Returns each file with the months it reports, and the halves of the year as written."""
    written: dict[str, list[str]] = {}
    for name in write_xlsx_multi_sheet(e, actuals, folder):
        written[name] = [name[:7]]
    # the contract started in November 2024; the first reports are for January 2025
    truth["missing_reports"] += [
        {"engagement_id": e.id, "period": "2024-11"},
        {"engagement_id": e.id, "period": "2024-12"},
    ]
    return written, h1, h2


def _reports_veritas(e, actuals: dict, h1: dict, h2: dict, folder: Path, truth: dict) -> tuple[dict, dict, dict]:
    """PDF tables, the second half spilling across pages.
    Returns each file with the months it reports, and the halves of the year as written."""
    written: dict[str, list[str]] = {}
    for name in write_pdf_table(e, h1, folder):
        written[name] = [name[:7]]
    for name in write_pdf_table(e, h2, folder, spill=True):
        written[name] = [name[:7]]
    return written, h1, h2


def _reports_other(e, actuals: dict, h1: dict, h2: dict, folder: Path, truth: dict) -> tuple[dict, dict, dict]:
    """PDF reports per tower, then JSON exports.
    Returns each file with the months it reports, and the halves of the year as written."""
    written: dict[str, list[str]] = {}
    for name in write_pdf_per_tower(e, h1, folder):
        written[name] = [name[:7]]
    for name in write_json_export(e, h2, folder):
        written[name] = [name[:7]]
    return written, h1, h2


# the report layouts of each engagement; any other gets PDF reports per tower and JSON exports
_REPORT_WRITERS = {
    "ito-infra-northwind": _reports_northwind,
    "ito-apps-bluepeak": _reports_bluepeak,
    "bpo-contact-meridian": _reports_meridian,
    "bpo-finance-ledgerline": _reports_ledgerline,
    "kpo-clinical-veritas": _reports_veritas,
}


def _write_reports(e, truth: dict) -> None:
    """An engagement's reports and invoices, and what the ground truth records of each."""
    folder = ROOT / "reports" / e.id
    folder.mkdir(parents=True, exist_ok=True)
    actuals = monthly_actuals(e)
    h1 = {m: actuals[m] for m in MONTHS[:6]}
    h2 = {m: actuals[m] for m in MONTHS[6:]}
    written, h1, h2 = _REPORT_WRITERS.get(e.id, _reports_other)(e, actuals, h1, h2, folder, truth)
    if e.invoice_factors:
        name, amounts = write_invoices(e, folder)
        truth["invoices"][e.id] = amounts
        truth["reports"][f"reports/{e.id}/{name}"] = {
            "engagement_id": e.id,
            "layout": "csv invoice summary",
            "measurements": [{"period": m, "metric": "Invoiced charges", "value": a} for m, a in amounts.items()],
        }
    all_values = {**h1, **h2}
    for name, months in sorted(written.items()):
        if f"reports/{e.id}/{name}" in truth["reports"]:
            continue
        truth["reports"][f"reports/{e.id}/{name}"] = {
            "engagement_id": e.id,
            "layout": layout_of(name, e.id),
            "measurements": [
                {"period": m, "metric": sl.metric, "value": all_values[m][sl.metric]} for m in months for sl in e.slas
            ],
        }


def main() -> None:
    truth: dict = {
        "contracts": {},
        "reports": {},
        "bad_rows": [],
        "malformed_files": [],
        "restatements": [],
        "missing_reports": [],
        "flag_disagreements": [],
        "invoices": {},
    }
    (ROOT / "contracts").mkdir(exist_ok=True)
    for i, e in enumerate(ENGAGEMENTS):
        pdf = ROOT / "contracts" / f"{e.id}.pdf"
        write_contract(e, pdf, variant=i)
        truth["contracts"][f"contracts/{e.id}.pdf"] = _contract_truth(e)
        _write_reports(e, truth)
    scanned = ROOT / "scanned"
    scanned.mkdir(exist_ok=True)
    write_scanned_copy(ROOT / "contracts" / "ito-infra-northwind.pdf", scanned / "ito-infra-northwind-scanned.pdf")
    truth["scanned"] = {"scanned/ito-infra-northwind-scanned.pdf": "contracts/ito-infra-northwind.pdf"}
    eng, fname = MALFORMED_REPORT
    (ROOT / "reports" / eng / fname).write_text(
        "<html><head><title>502 Bad Gateway</title></head><body>upstream timed out</body></html>\n"
    )
    truth["malformed_files"].append(f"reports/{eng}/{fname}")
    (ROOT / "ground_truth.json").write_text(json.dumps(truth, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
