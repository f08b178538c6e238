"""A contract's commercial and legal terms: governing law, charges and baseline, the at-risk share and its basis,
earn-back, repeat-default escalation, the missing-report default, the service window, the ticket month basis,
the pricing model, and the credit clauses of its service levels.
"""

from __future__ import annotations

import re

from etl.contracts.contract_sentences import FoundTerms, Sentence
from etl.contracts.credit_clauses import priced, read_credit_terms
from etl.contracts.jurisdictions import find_jurisdictions
from etl.contracts.term_rules import RULES
from etl.quantities import (
    find_durations,
    parse_coverage,
    parse_money,
    to_months,
)
from etl.records import SlaTerm

PRICING_MODELS = [
    ("time and materials", r"time[- ]and[- ]materials?|\bT&M\b"),
    ("fixed fee", r"fixed[- ](?:fee|price)"),
    ("per transaction", r"per[- ]transaction|transaction[- ]based|unit[- ]price"),
    ("FTE-based", r"\bFTE\b|full[- ]time equivalent"),
    ("outcome-based", r"outcome[- ]based|gain[- ]?share"),
]


def read_governing_law(sentences: list[Sentence], terms: FoundTerms) -> None:
    """The jurisdiction whose laws govern: a known state, province or country named after 'law(s) of', or
    elsewhere in a governing-law sentence ('laws of that State'). A state wins over its country."""
    cue = RULES["governing_law.laws_of"].pattern
    # a definition ('"Applicable Law" means any United States ... law') names laws but chooses none
    definition = re.compile(r"[“\"][^”\"]{1,60}[”\"]\s+(?:shall )?means?\b")
    for s in sentences:
        m = cue.search(s.text)
        if not m or definition.search(s.text):
            continue
        law = re.search(r"\blaws?\s+(?:and [^.]{0,40}?)?of\s+(?P<rest>.{0,120})", s.text, re.I | re.S)
        places = find_jurisdictions(law.group("rest")) if law else []
        places = places or find_jurisdictions(s.text)
        if not places:
            continue
        national = {"United States", "United Kingdom", "Canada", "Australia"}
        place = next((p for p in places if p not in national), places[0])
        terms.add(RULES["governing_law.laws_of" if law else "governing_law.named_place"], place, s)
        return


def read_money_terms(sentences: list[Sentence], terms: FoundTerms) -> None:
    for rule in (RULES["annual_charges.stated"], RULES["cost_baseline.stated"]):
        for s in sentences:
            m = rule.search(s.text)
            if not m:
                continue
            money = parse_money(s.text[m.start() :]) or parse_money(s.text)
            if money:
                terms.add(RULES["currency.stated_amount"], money[0], s)
                terms.add(rule, float(money[1]), s)
                break
    kind_rule = RULES["cost_baseline_kind.named"]
    s = next((s for s in sentences if kind_rule.search(s.text)), None)
    if s and "cost_baseline" in terms.items:
        kind = re.search(r"(historical cost|market benchmark|market basket|budget|index[- ]adjusted)", s.text, re.I)
        if kind:
            terms.add(kind_rule, kind.group(1).lower(), s)


def read_percent_terms(sentences: list[Sentence], terms: FoundTerms) -> None:
    for rule in (RULES["committed_savings_pct.stated"], RULES["at_risk_pct.stated"]):
        for s in sentences:
            m = rule.search(s.text)
            if m:
                terms.add(rule, float(next(g for g in m.groups() if g)), s)
                break


# "'Monthly Charges' means one twelfth of the Annual Charges": a defined term fixing the month's charges
_TWELFTH = r"(?:an\s+amount\s+equal\s+to\s+)?(?:one[- ]twelfth|1/12(?:th)?|a\s+twelfth)(?:\s*\(1/12(?:th)?\))?\s+of"
_MONTHLY_CHARGES_DEFINED = re.compile(
    r"[\"“]?Monthly (?:Service )?(?:Charges?|Fees?)[\"”]?\s*(?:means|shall\s+mean|shall\s+be|is|are|:)\s+"
    r"(?:" + _TWELFTH + r"\s+the\s+Annual (?:Service )?(?:Charges?|Fees?)"
    r"|the\s+Annual (?:Service )?(?:Charges?|Fees?)\s+divided\s+by\s+(?:twelve|12))",
    re.I,
)


def read_at_risk_basis(sentences: list[Sentence], terms: FoundTerms) -> None:
    """What the at-risk % applies to. Where the contract puts the amount at risk as a share of its defined
    Monthly Charges and defines them as a twelfth of the Annual Charges, the basis is the contract's charges,
    whatever the month's invoice says. Silent contracts get no value: the marts then use the month's invoice
    where one was reported (the amount the credit reduces), else the contract's twelfth."""
    defined = next((s for s in sentences if _MONTHLY_CHARGES_DEFINED.search(s.text)), None)
    rule = RULES["at_risk_basis.monthly_charges_defined"]
    applies = next((s for s in sentences if rule.search(s.text)), None)
    if defined and applies:
        terms.add(rule, "contract", applies)


def read_earn_back(sentences: list[Sentence], terms: FoundTerms) -> None:
    """Earn-back: how many following months at the Expected level return a service credit."""
    rule = RULES["earn_back_months.stated"]
    s = next((s for s in sentences if rule.search(s.text)), None)
    if s:
        months = [to_months(n, u) for n, u, _ in find_durations(s.text) if to_months(n, u)]
        if months:
            terms.add(rule, months[0], s)


_MULTIPLIER_WORDS = {"double": 2.0, "doubled": 2.0, "twice": 2.0, "two times": 2.0, "tripled": 3.0, "three times": 3.0}


def read_repeat_default_multiplier(sentences: list[Sentence], terms: FoundTerms) -> None:
    """Escalation for repeated defaults: 'if a Service Level Default occurs ... in two (2) or more consecutive
    months, the Service Credit ... shall be multiplied by 1.5' -> months 2, multiplier 1.5."""
    rule = RULES["repeat_default.multiplier"]
    for s in sentences:
        if not rule.search(s.text) or not re.search(r"(?i)service (?:level )?credit", s.text):
            continue
        factor = re.search(
            r"multiplied by (?:a factor of )?(\d+(?:\.\d+)?)|\b(doubled?|twice|two times|tripled|three times)\b",
            s.text,
            re.I,
        )
        count = re.search(r"(?:\((\d+)\)|\b(\d+))\s+(?:or more\s+)?consecutive", s.text, re.I)
        if factor and count:
            multiplier = float(factor.group(1)) if factor.group(1) else _MULTIPLIER_WORDS[factor.group(2).lower()]
            terms.add(rule, int(count.group(1) or count.group(2)), s, field="repeat_default_months")
            terms.add(rule, multiplier, s)
            return


def read_missing_report_default(sentences: list[Sentence], terms: FoundTerms) -> None:
    """Whether a month the vendor sends no performance report counts as its service levels failed."""
    rule = RULES["missing_report_deemed_default.stated"]
    s = next((s for s in sentences if rule.search(s.text)), None)
    if s:
        terms.add(rule, True, s)


def read_coverage_hours(sentences: list[Sentence], terms: FoundTerms) -> None:
    """The service window a business-hours clock runs in, normalised ('mon-fri 08:00-18:00')."""
    rule = RULES["coverage_hours.stated"]
    for s in sentences:
        window = parse_coverage(s.text) if rule.search(s.text) else None
        if window:
            terms.add(rule, window, s)
            return


def read_ticket_month_basis(sentences: list[Sentence], terms: FoundTerms) -> None:
    """Whether tickets count in the month they were opened; silence means the month they were resolved."""
    rule = RULES["ticket_month_basis.opened"]
    s = next((s for s in sentences if rule.search(s.text)), None)
    if s:
        terms.add(rule, "opened", s)


def read_minimum_monthly_tickets(sentences: list[Sentence], terms: FoundTerms) -> None:
    """The fewest tickets in a month that a ticket-measured level is measured over: "fewer than 20" gives 20,
    "10 or fewer" 11, "a minimum sample of 30" 30."""
    rule = RULES["minimum_monthly_tickets.stated"]
    for s in sentences:
        m = rule.search(s.text)
        if m:
            n = int(m.group("n") or m.group("m"))
            terms.add(rule, n + 1 if m.group("or_fewer") else n, s)
            return


def read_pricing_model(sentences: list[Sentence], terms: FoundTerms) -> None:
    rule = RULES["pricing_model.named"]
    for s in sentences:
        if not rule.search(s.text):
            continue
        for model, pattern in PRICING_MODELS:
            if re.search(pattern, s.text, re.I):
                terms.add(rule, model, s)
                return


def read_credit_clauses(sentences: list[Sentence], terms: FoundTerms, sla: list[SlaTerm]) -> list[SlaTerm]:
    """Caps on credits as contract terms; a per-failure credit model and its trigger onto the schedule's rows."""
    credit = read_credit_terms([s.text for s in sentences])
    by_text = {s.text: s for s in sentences}
    caps = {
        "credit_monthly_cap_pct.stated": ("credit_monthly_cap_pct", credit.monthly_cap_pct),
        "credit_yearly_cap_pct.stated": ("credit_yearly_cap_pct", credit.yearly_cap_pct),
    }
    for rule, text in credit.sources:
        if rule in caps:
            field, value = caps[rule]
            terms.add(rule, value, by_text[text], field=field, confidence=0.75)
    return priced(sla, credit)
