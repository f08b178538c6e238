"""Which party is the vendor and which the client, from what the contract says each party does.

Contracts rarely call the parties "Vendor" and "Client": they use short names ("M&I", "IBM") or roles of
their own ("Licensor", "Company"). What does not vary is the verbs: the party that provides or performs the
services is the vendor; the party that receives them or pays for them is the client. Each rule below is a
verb pattern around a party name; every sentence it matches is a vote, and its first sentence is kept as
evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from etl.cues import Cue, required_words

PARTY = "{party}"  # where a rule's pattern expects one of the parties' names

# "shall", "will, at its own cost,": a modal and up to a short aside before the verb
_MODAL = r"(?:shall|will|agrees? to|hereby agrees? to|undertakes? to|must|is to)(?:,[^,]{1,40},)?\s+(?:\w+\s+){0,2}?"
_SERVICES = (
    r"(?:the\s+|all\s+|such\s+|any\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:services|work|deliverables|support|maintenance|hosting|outsourcing)"
)


@dataclass(frozen=True)
class RoleRule:
    name: str
    role: str  # "vendor" or "client": the role of the party named where the pattern says {party}
    pattern: str
    positive: tuple[str, ...] = field(default=())  # sentences with "Acme" as the party meant, tested
    negative: tuple[str, ...] = field(default=())

    def compile(self, party_names: str) -> Cue:
        # the words come from the rule's own text, the party's place left out: they hold whatever the parties'
        # names, so the rule is parsed for them once, not once per contract
        return Cue(self.pattern.replace(PARTY, party_names), words=_rule_words(self.pattern))


@cache
def _rule_words(pattern: str) -> frozenset[str] | None:
    return required_words(pattern.replace(PARTY, r"\w"))


RULES: tuple[RoleRule, ...] = (
    RoleRule(
        "provides the services",
        "vendor",
        r"(?<![\w-])"
        + PARTY
        + r"\s+"
        + _MODAL
        + r"(?:provide|perform|furnish|deliver|render|supply|host)\w*\s+"
        + _SERVICES,
        positive=(
            "Acme shall provide the Services described in Schedule A.",
            "ACME agrees to perform the outsourcing services in accordance with this Agreement.",
            "Acme will, at its own cost, furnish all support services.",
        ),
        negative=("Acme shall pay the fees for the Services.", "Acme shall provide written notice of termination."),
    ),
    RoleRule(
        "services provided by",
        "vendor",
        _SERVICES + r"\s+(?:\w+\s+)?(?:to be\s+)?(?:provided|performed|rendered|furnished|delivered|supplied)\s+by\s+"
        r"(?:the\s+)?" + PARTY + r"(?![\w-])",
        positive=("The fees for the Services performed by Acme are set out below.",),
        negative=("The notice provided by Acme was late.",),
    ),
    RoleRule(
        "services to or for",
        "client",
        r"(?:provide|perform|furnish|deliver|render|supply)\w*\s+"
        + _SERVICES
        + r"\s+(?:to|for)\s+(?:the\s+)?"
        + PARTY
        + r"(?![\w-])",
        positive=("Supplier shall provide the Services to Acme from its premises.",),
        negative=("Acme shall provide the Services to its customers.",),
    ),
    RoleRule(
        "pays the charges",
        "client",
        r"(?<![\w-])" + PARTY + r"\s+" + _MODAL + r"pay\b(?!\s+(?:its own|all of its own|their own))",
        positive=("Acme shall pay the Charges within thirty days of invoice.", "Acme agrees to pay Supplier the fees."),
        negative=("Acme shall pay its own costs of the arbitration.",),
    ),
    RoleRule(
        "invoices the client",
        "vendor",
        r"(?<![\w-])" + PARTY + r"\s+(?:shall|will|may)\s+(?:(?!pay|approve|dispute|receive)\w+\s+){0,2}?invoice\b",
        positive=("Acme shall invoice the Customer monthly in arrears.",),
        negative=("Acme shall pay each invoice within 30 days.",),
    ),
)


@dataclass(frozen=True)
class RoleEvidence:
    role: str
    party: str
    votes: int
    rules: tuple[str, ...]
    sentence_index: int  # the first sentence that voted for this party in this role


def name_forms(name: str, aliases: list[str]) -> list[str]:
    """How the text refers to a party: its name, its defined short names, and its name without the legal
    suffix ('Acme Corporation' -> 'Acme Corporation', 'Acme')."""
    forms = {name.strip(), *(a.strip() for a in aliases)}
    core = re.sub(
        r"(?i)[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|lp|l\.p|s\.a|n\.v|b\.v|"
        r"gmbh|ag|pty|pvt)\.?$",
        "",
        name.strip(),
    )
    forms.add(core)
    return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def assign_roles(sentences: list[str], parties: dict[str, list[str]]) -> list[RoleEvidence]:
    """Vendor and client among `parties` (name -> defined short names) by the votes of the rules over the
    sentences. A party gets a role only when its votes for it outnumber its votes for the other role, and
    two parties never share one role; a tie leaves the role unassigned for a person to decide."""
    if len(parties) < 2:
        return []
    form_owner = {f.lower(): name for name, aliases in parties.items() for f in name_forms(name, aliases)}
    alternation = "(?P<party>" + "|".join(re.escape(f) for f in sorted(form_owner, key=len, reverse=True)) + ")"
    compiled = [(rule, rule.compile(alternation)) for rule in RULES]
    # every rule names a party: a sentence naming none is not searched by each rule in turn
    names_a_party = Cue(alternation).search
    votes: Counter[tuple[str, str]] = Counter()
    rules_hit: dict[tuple[str, str], set[str]] = {}
    first: dict[tuple[str, str], int] = {}
    for i, sentence in enumerate(sentences):
        if not names_a_party(sentence):
            continue
        for rule, rx in compiled:
            for m in rx.finditer(sentence):
                owner = form_owner.get(m.group("party").lower())
                if owner is None:
                    continue
                key = (rule.role, owner)
                votes[key] += 1
                rules_hit.setdefault(key, set()).add(rule.name)
                first.setdefault(key, i)
    out: list[RoleEvidence] = []
    for role, other in (("vendor", "client"), ("client", "vendor")):
        ranked = sorted(parties, key=lambda p: votes[(role, p)] - votes[(other, p)], reverse=True)
        best = ranked[0]
        margin = votes[(role, best)] - votes[(other, best)]
        runner_up = votes[(role, ranked[1])] - votes[(other, ranked[1])]
        if margin > 0 and margin > runner_up:
            out.append(
                RoleEvidence(
                    role, best, votes[(role, best)], tuple(sorted(rules_hit[(role, best)])), first[(role, best)]
                )
            )
    if len(out) == 2 and out[0].party == out[1].party:
        return []
    return out
