"""What a missed service level costs, read from the contract's credit clauses (../shared/DOMAIN.md).

Besides the at-risk pool (a share of the charges at risk, spread over the levels by their weightings, read by
`at_risk_pct.stated` and the schedule's weightings), contracts price a miss in three more ways, and cap and
trigger the credits:

- a flat share of the month's charges for each failure ("4% of the Monthly Charges for each Service Level
  Failure");
- an amount for each failure ("a service credit of USD 2,500 for every missed Service Level");
- a cap in any month and over any twelve months ("Service Credits in any month shall not exceed 12% of the
  Monthly Charges");
- a trigger: a miss earns a credit only as the n-th in m months ("missed three (3) times in any six (6)
  consecutive months").

A clause is found by what its sentence does, not by its exact words: it speaks of a credit (or a reduction,
rebate or deduction) and of a failure (missed, not met, default, breach), and a cap clause limits it. Each
rule is data with examples it must and must not read (`tests/contracts/test_credit_clauses.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from etl.quantities import number_from_words, parse_money
from etl.records import SlaTerm

_CREDIT = re.compile(r"(?i)\bcredit|\breduc|\brebate|\bdeduct|\bper default\b")
_FAILURE = re.compile(r"(?i)\bfail|\bmiss|\bnot (?:be )?met\b|\bdefault|\bbreach|\bincident")
_CAP = re.compile(r"(?i)\bexceed|\bcapped\b|\bcap\b|\blimited to\b|\bmaximum\b|\bno more than\b|\bup to\b")
_YEAR = re.compile(r"(?i)\b(?:twelve|12)[\s(–-]*(?:\(12\)\s*)?[–-]?\s*months?\b|\byears?\b|\bannual")
_MONTH = re.compile(r"(?i)\bmonth|\bmonthly")
_SHARE_OF_CHARGES = re.compile(
    r"(?i)(?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|percent)\)?\s+of\s+(?:the\s+|that\s+|its\s+)?(?:month'?s\s+)?"
    r"(?:total\s+|monthly\s+|annual\s+)?(?:charges|fees|invoice)"
)
# a cap with no base named ("shall not exceed: 10%"): credits are shares of the charges, so the share is of the
# period's charges (as the open template in ../shared/credits writes it)
_BARE_CAP = re.compile(
    r"(?i)(?:exceed|capped at|limited to|maximum of|no more than|up to)\W{0,3}(?P<pct>\d{1,2}(?:\.\d+)?)\s*%(?!\s*of\b)"
)
_NUMBER = r"(?P<{0}>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_TRIGGER = re.compile(
    r"(?i)(?:" + _NUMBER.format("n") + r"\s*(?:\(\d+\)\s*)?(?:or more\s+)?(?:times|failures|misses|occasions)?"
    r"|(?P<ord>second|third|fourth|fifth|sixth)\s+(?:failure|miss|time))"
    r"[^.]{0,80}?\b(?:in|within|of)\s+(?:any\s+|a\s+)?(?:rolling\s+)?"
    + _NUMBER.format("m")
    + r"\s*(?:\(\d+\)\s*)?[- ]?(?:consecutive\s+)?-?\s*months?"
)


@dataclass(frozen=True)
class CreditRule:
    name: str
    convention: str
    positive: tuple[tuple[str, object], ...]  # (sentence, what it reads)
    negative: tuple[str, ...]


def _is_credit(sentence: str) -> bool:
    return bool(_CREDIT.search(sentence) and (_FAILURE.search(sentence) or "service credit" in sentence.lower()))


def monthly_cap(sentence: str) -> float | None:
    """The most credits may come to in one month, as a share of that month's charges."""
    if not (_is_credit(sentence) or "credit" in sentence.lower()) or not _CAP.search(sentence):
        return None
    m = _SHARE_OF_CHARGES.search(sentence) or _BARE_CAP.search(sentence)
    if m and _MONTH.search(sentence) and not _YEAR.search(sentence):
        return float(m.group("pct"))
    return None


def yearly_cap(sentence: str) -> float | None:
    """The most credits may come to over twelve months (or a contract year), as a share of their charges."""
    if "credit" not in sentence.lower() or not _CAP.search(sentence):
        return None
    m = _SHARE_OF_CHARGES.search(sentence) or _BARE_CAP.search(sentence)
    return float(m.group("pct")) if m and _YEAR.search(sentence) else None


def flat_share(sentence: str) -> float | None:
    """A share of the month's charges credited for each failure."""
    if not _is_credit(sentence) or _CAP.search(sentence) or re.search(r"(?i)at[- ]risk", sentence):
        return None
    m = _SHARE_OF_CHARGES.search(sentence)
    return float(m.group("pct")) if m else None


def amount_per_failure(sentence: str) -> Decimal | None:
    """An amount of money credited for each failure."""
    if not _is_credit(sentence) or _CAP.search(sentence) or _SHARE_OF_CHARGES.search(sentence):
        return None
    money = parse_money(sentence)
    return money[1] if money else None


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else number_from_words(word)


def trigger(sentence: str) -> tuple[int, int] | None:
    """(n, m): a credit only for the n-th miss in m months, or later."""
    if not re.search(r"(?i)credit|fail|miss", sentence):
        return None
    m = _TRIGGER.search(sentence)
    if not m:
        return None
    n = _ORDINALS[m.group("ord").lower()] if m.group("ord") else _count(m.group("n"))
    months = _count(m.group("m"))
    return (n, months) if n and months and 1 < n <= months <= 24 else None


RULES = (
    CreditRule(
        "credit.flat_share_per_failure",
        "a share of the month's charges for each failure",
        (
            ("For each Service Level Failure, the Supplier shall credit the Customer 4% of the Monthly Charges.", 4.0),
            (
                "Each failure to meet a Service Level earns the Customer a credit of 3.5 percent of the monthly fees.",
                3.5,
            ),
        ),
        (
            "The At-Risk Amount is 12% of the Monthly Charges.",
            "Service Credits in any month shall not exceed 10% of the Monthly Charges.",
            "The Customer shall pay 2% of the fees as a late payment charge.",
        ),
    ),
    CreditRule(
        "credit.amount_per_failure",
        "an amount of money for each failure",
        (("The Customer shall receive a credit of $2,500 for every missed Service Level.", Decimal(2500)),),
        (
            "The Customer shall pay the Supplier $2,500 per month for the help desk.",
            "Total Service Credits shall not exceed $50,000 in any year.",
        ),
    ),
    CreditRule(
        "credit_monthly_cap_pct.stated",
        "credits in a month limited to a share of that month's charges",
        (
            ("Service Credits in any month shall not exceed 12% of the Monthly Charges.", 12.0),
            ("Credits for all failures in a single month shall not exceed: 15%.", 15.0),
        ),
        (
            "Service Credits in any twelve (12) month period shall not exceed 8% of the Charges for that period.",
            "The Supplier shall credit 4% of the Monthly Charges for each Service Level Failure.",
        ),
    ),
    CreditRule(
        "credit_yearly_cap_pct.stated",
        "credits over twelve months limited to a share of their charges",
        (
            (
                "Service Credits in any twelve (12) month period shall not exceed 8% of the Charges for that period.",
                8.0,
            ),
            ("Credits for all failures in any 12\u2013month period shall not exceed: 7%.", 7.0),
        ),
        ("Service Credits in any month shall not exceed 12% of the Monthly Charges.",),
    ),
    CreditRule(
        "credit.trigger",
        "a credit only for the n-th miss of a level in m months",
        (
            (
                "A Service Credit is payable only where a Service Level is missed three (3) times in any six (6) "
                "consecutive months.",
                (3, 6),
            ),
        ),
        ("The Supplier shall report every month within six (6) business days.", "Credits are due within 3 months."),
    ),
)
READERS = {
    "credit.flat_share_per_failure": flat_share,
    "credit.amount_per_failure": amount_per_failure,
    "credit_monthly_cap_pct.stated": monthly_cap,
    "credit_yearly_cap_pct.stated": yearly_cap,
    "credit.trigger": trigger,
}


# a word every reader needs one of
_ANY_CLAUSE = re.compile(r"(?i)credit|rebate|deduct|reduc|default|fail|miss")


@dataclass(frozen=True)
class CreditTerms:
    model: str | None = None  # "flat % per failure" | "amount per failure"; None: as the schedule says
    pct: float | None = None
    amount: float | None = None
    monthly_cap_pct: float | None = None
    yearly_cap_pct: float | None = None
    trigger: tuple[int, int] | None = None
    sources: tuple[tuple[str, str], ...] = ()  # (rule, sentence) behind each value


def read_credit_terms(sentences: list[str]) -> CreditTerms:
    """The first sentence each rule reads, over the contract's sentences in order."""
    found: dict[str, object] = {}
    prices: set[tuple[str, object]] = set()  # every per-failure price the contract states
    sources = []
    for sentence in sentences:
        if not _ANY_CLAUSE.search(sentence):
            continue  # most of a contract: one search instead of every reader's
        for name, read in READERS.items():
            value = read(sentence)
            if value is None:
                continue
            if name in ("credit.flat_share_per_failure", "credit.amount_per_failure"):
                prices.add((name, value))
            if name not in found:
                found[name] = value
                sources.append((name, sentence))
    flat, amount = found.get("credit.flat_share_per_failure"), found.get("credit.amount_per_failure")
    if len(prices) > 1:
        # several prices ("20% of the invoice" for one standard, "$100" for another): each belongs to its own
        # level, which a contract-wide model would get wrong; left to review
        flat = amount = None
        sources = [
            (n, t) for n, t in sources if n not in ("credit.flat_share_per_failure", "credit.amount_per_failure")
        ]
    model = "flat % per failure" if flat is not None else "amount per failure" if amount is not None else None
    return CreditTerms(
        model=model,
        pct=flat,
        amount=float(amount) if amount is not None and flat is None else None,
        monthly_cap_pct=found.get("credit_monthly_cap_pct.stated"),
        yearly_cap_pct=found.get("credit_yearly_cap_pct.stated"),
        trigger=found.get("credit.trigger"),
        sources=tuple(sources),
    )


def priced(rows: list[SlaTerm], credit: CreditTerms) -> list[SlaTerm]:
    """Schedule rows with the contract's credit model, where the schedule does not price them itself (no
    weightings of an at-risk pool, no credit model of their own)."""
    if credit.model is None and credit.trigger is None:
        return rows
    if any(r.allocation_pct for r in rows):
        return rows  # the pool's weightings price the levels
    out = []
    for r in rows:
        if r.credit_model is not None:
            out.append(r)
            continue
        changes: dict = {}
        if credit.model is not None:
            changes.update(credit_model=credit.model, credit_pct=credit.pct, credit_amount=credit.amount)
        if credit.trigger is not None:
            changes.update(credit_trigger_count=credit.trigger[0], credit_trigger_months=credit.trigger[1])
        out.append(replace(r, **changes))
    return out
