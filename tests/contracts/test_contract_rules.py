"""Contract extraction rules on hand-written contracts: each case is a contract phrasing seen in real filings,
written here from scratch, so the rule is tested where ../shared is absent."""

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from etl.contracts.clauses import find_clauses
from etl.contracts.terms import extract_contract


def _pdf(tmp_path: Path, pages: list[str]) -> Path:
    path = tmp_path / "contract.pdf"
    c = canvas.Canvas(str(path), pagesize=LETTER)
    for page in pages:
        y = 740
        for line in page.split("\n"):
            c.drawString(50, y, line)
            y -= 14
        c.showPage()
    c.save()
    return path


def _values(path: Path, field: str) -> list[str]:
    return [t.value for t in extract_contract(path, "e", "sha").terms if t.field == field]


CONSORTIUM = [
    "CABLE NETWORK CONSTRUCTION AND MAINTENANCE AGREEMENT\n"
    "This Agreement, made and entered into this 2nd day of March 2001, between and among the Parties\n"
    "signatory hereto (hereinafter collectively called \"Parties\"), which Parties are identified in Schedule A.\n"
    "WHEREAS, the Parties wish to build a cable network.\n"
    "1. The Agreement shall continue in operation for an initial period of ten (10) years.",
    "IN WITNESS WHEREOF the Parties have signed this Agreement.\n"
    "For and on behalf of\nNorthwind Telecom plc\nBy:\n"
    "For and on behalf of\nBluewater Networks Ltd.\nBy:\n"
    "For and on behalf of\nKestrel Communications Inc.\nBy:",
]


def test_parties_identified_elsewhere_are_read_from_the_signature_blocks(tmp_path):
    parties = _values(_pdf(tmp_path, CONSORTIUM), "party")
    assert parties == ["Northwind Telecom plc", "Bluewater Networks Ltd.", "Kestrel Communications Inc."]


def test_filing_footer_is_not_a_party_and_unquoted_alias_is(tmp_path):
    text = (
        "Outsourcing Contract\n"
        "The Covenanter: Harbor Hotels Inc. (hereinafter referred to as Party A) and the Covenanter:\n"
        "Lin Wei Design Studio (hereinafter referred to as Party B) agree to the following terms.\n"
        "Source: HARBOR HOLDINGS CORP, 10-K, 3/1/2019"
    )
    parties = _values(_pdf(tmp_path, [text]), "party")
    assert parties == ["Harbor Hotels Inc.", "Lin Wei Design Studio"]


@pytest.mark.parametrize(
    "signature, expected",
    [
        ("Date: 5-21-19 Date: 5-9-19", "2019-05-21"),  # the later signature makes the agreement
        ("Rockaway, April ____, 2003", "2003-04"),  # day left blank for signing
    ],
)
def test_agreement_date_from_the_signatures_when_the_opening_has_none(tmp_path, signature, expected):
    text = (
        "HOSTING AGREEMENT\nThis Hosting Agreement is entered into by and between Acme Corp. (\"Acme\") and\n"
        "Widget Inc. (\"Customer\").\nIN WITNESS WHEREOF the parties have executed this Agreement.\n" + signature
    )
    assert _values(_pdf(tmp_path, [text]), "agreement_date") == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "During the Term of this Agreement and for two (2) years thereafter, Client will not solicit employees.",
        "This Section shall survive termination of this Agreement for a period of three (3) years.",
        "Licensee may use the facility for a period of six (6) months following the date of actual termination.",
    ],
)
def test_covenant_periods_are_not_the_contract_term(tmp_path, sentence):
    text = (
        "SERVICES AGREEMENT\nThis Services Agreement is made as of May 1, 2020 between Acme Corp. (\"Acme\") and\n"
        "Widget Inc. (\"Vendor\").\n" + sentence
    )
    path = _pdf(tmp_path, [text])
    assert _values(path, "initial_term_months") == []
    assert _values(path, "expiry_date") == []


def test_term_counted_from_the_agreement_date_gives_the_end_date(tmp_path):
    text = (
        "SERVICES AGREEMENT\nThis Services Agreement is made as of May 12, 2003 between Acme Corp. (\"Acme\") and\n"
        "Widget Inc. (\"Vendor\").\n1 TERM This agreement shall be for a term of five years from the date of this document."
    )
    assert _values(_pdf(tmp_path, [text]), "expiry_date") == ["2008-05-12"]


def test_an_end_by_event_reads_as_perpetual_but_a_perpetual_licence_does_not(tmp_path):
    licence = (
        "SERVICES AGREEMENT\nThis Agreement is made as of May 1, 2020 between Acme Corp. (\"Acme\") and Widget\n"
        "Inc. (\"Vendor\").\nVendor grants Acme a perpetual, irrevocable license to the deliverables."
    )
    assert _values(_pdf(tmp_path, [licence]), "expiry_date") == []
    by_event = licence + (
        "\nThis Agreement shall commence on the Effective Date and continue through the completion\nof the services."
    )
    assert _values(_pdf(tmp_path, [by_event]), "expiry_date") == ["perpetual"]


@pytest.mark.parametrize(
    "clause, sentence, present",
    [
        # change of control is a restriction, not a definition or a free assignment
        (
            "change_of_control",
            "Neither party may assign this Agreement, including by merger or change of control, without consent.",
            True,
        ),
        (
            "change_of_control",
            "The Company may terminate this Agreement upon a change in control of the Supplier.",
            True,
        ),
        (
            "change_of_control",
            "Either party may assign this Agreement without consent in the event of a merger or change in control.",
            False,
        ),
        # the restriction with the merger written after it
        (
            "change_of_control",
            "Without the Owner's written approval the Licence may not be transferred by the Studio as part of a "
            "merger or a sale of substantially all of its business.",
            True,
        ),
        (
            "change_of_control",
            '"Change of Control" means the acquisition of more than half of the voting shares of a party.',
            False,
        ),
        # a minimum commitment includes defined minimums
        ("minimum_commitment", "Customer shall purchase a minimum annual volume of 10,000 units.", True),
        (
            "minimum_commitment",
            "If BCF for the year is less than the Minimum BCF, Nexus shall pay the shortfall.",
            True,
        ),
        ("minimum_commitment", "Each site visit is subject to a minimum total charge of $1,500.", True),
        ("minimum_commitment", "The supplier shall use reasonable efforts to deliver on time.", False),
        # a promise to spend or supply at least an amount, not a notice period; a contract that sets no minimum
        (
            "minimum_commitment",
            "The Distributor shall spend at least two million dollars ($2,000,000) on advertising each year.",
            True,
        ),
        ("minimum_commitment", "The Maker will supply no fewer than 5,000 units in each quarter.", True),
        (
            "minimum_commitment",
            "The Buyer shall send each order at least sixty (60) days before the delivery date.",
            False,
        ),
        ("minimum_commitment", "The Reseller is not subject to any minimum purchase obligation.", False),
        # exclusivity said of the grant after it, with more words before its noun, or as a promise not to deal with
        # others; not cumulative remedies, an owner, or a promise to keep information from third parties
        (
            "exclusivity",
            "The distribution licence granted in this Agreement is exclusive within the Territory.",
            True,
        ),
        ("exclusivity", "The Company grants the Agent an exclusive, non-transferable licence to the Marks.", True),
        (
            "exclusivity",
            "During the Term the Athlete agrees not to endorse the footwear of any other manufacturer.",
            True,
        ),
        (
            "exclusivity",
            "The rights and remedies in this Agreement are cumulative and not exclusive of any other rights.",
            False,
        ),
        (
            "exclusivity",
            "The Processor shall not provide the personal data to any third party without consent.",
            False,
        ),
        # a promise to assign what it assigns further on; not a promise not to assign
        (
            "ip_ownership_assignment",
            "Should the Contractor acquire any rights in the Designs, it shall assign, and sign whatever documents "
            "are needed to assign, all such rights to the Client.",
            True,
        ),
        (
            "ip_ownership_assignment",
            "The Licensee shall not assign to any person all rights it holds under this Agreement.",
            False,
        ),
        # post-termination services are the move out (exit), not the move in at the start of an outsourcing
        ("post_termination_services", "Supplier shall provide the Exit Assistance described in Schedule 9.", True),
        (
            "post_termination_services",
            "Upon termination, Vendor shall provide termination assistance for six months.",
            True,
        ),
        (
            "post_termination_services",
            "The Supplier shall remain liable for the repairs in Clause 4.12 for thirteen weeks "
            "from the end of the Term.",
            True,
        ),
        (
            "post_termination_services",
            "The CRO agrees to deliver to Client, upon termination or expiration of this "
            "Agreement, all materials provided by Client.",
            True,
        ),
        ("post_termination_services", "Licensee may sell its remaining stock during the Sell-Off Period.", True),
        # a wind-down named by what is done after the end, not by a defined period
        (
            "post_termination_services",
            "After this Agreement expires, the Reseller may dispose of the units it holds for ninety days.",
            True,
        ),
        (
            "post_termination_services",
            "The Reseller may continue to sell its stock of Products for sixty days following termination.",
            True,
        ),
        (
            "post_termination_services",
            "Upon termination of this Agreement the Vendor shall complete every purchase order it accepted before.",
            True,
        ),
        # a right or duty after the end, whatever its verb; a period after the end with what is done in it
        (
            "post_termination_services",
            "Upon expiry of this Agreement, the Agent shall be entitled to collect commission on open orders.",
            True,
        ),
        (
            "post_termination_services",
            "On termination the Client may buy back the spare parts held by the Contractor at book value.",
            True,
        ),
        (
            "post_termination_services",
            "For eighteen (18) months following termination of this Agreement, the Licensee shall label its "
            "packaging as no longer endorsed.",
            True,
        ),
        (
            "post_termination_services",
            "Upon termination, the Reseller shall not be entitled to any further commission.",
            False,
        ),
        (
            "post_termination_services",
            "For a period of three (3) years after expiration of this Agreement, each party shall keep the other's "
            "confidential information secret.",
            False,
        ),
        (
            "post_termination_services",
            "For one year following termination, neither party shall solicit the other party's employees.",
            False,
        ),
        ("post_termination_services", "The Reseller may sell the Products only in the Territory.", False),
        (
            "post_termination_services",
            "During the Transition Period the Supplier shall take over the services from the "
            "Customer's staff according to the Transition Plan.",
            False,
        ),
        # an exclusion of consequential loss limits liability, whichever way round the negation is written
        (
            "cap_on_liability",
            "Neither party shall be liable to the other for any indirect or consequential damages.",
            True,
        ),
        (
            "cap_on_liability",
            "Under no circumstances shall any Party be liable to any other Party for loss of profits.",
            True,
        ),
        (
            "cap_on_liability",
            "Neither party shall be liable for any failure to perform caused by a Force Majeure Event.",
            False,
        ),
        # termination at will in other words: "for its convenience", "terminable", a rolling term ended on notice,
        # the notice written first; not a notice given for a breach
        (
            "termination_for_convenience",
            "Either Party may terminate this Agreement before the end of the Term for its own convenience.",
            True,
        ),
        (
            "termination_for_convenience",
            "This Agreement shall be terminable by either party upon ninety (90) days' written notice.",
            True,
        ),
        (
            "termination_for_convenience",
            "After the first year this Agreement runs from month to month until terminated by either party upon "
            "thirty (30) days' prior written notice.",
            True,
        ),
        (
            "termination_for_convenience",
            "Upon sixty (60) days' written notice, the Client may terminate this Agreement.",
            True,
        ),
        (
            "termination_for_convenience",
            "Upon thirty (30) days' written notice of a material breach, the Client may terminate this Agreement.",
            False,
        ),
        # a notice termination with a condition right after it is for cause, not convenience; another ground
        # after ", or" leaves the first unconditioned
        (
            "termination_for_convenience",
            "The Distributor may terminate this Agreement upon sixty (60) days' written notice if the Supplier "
            "fails to deliver the Products.",
            False,
        ),
        (
            "termination_for_convenience",
            "Either party may terminate this Agreement on thirty (30) days' written notice, or at once if the other "
            "party becomes insolvent.",
            True,
        ),
        (
            "termination_for_convenience",
            "The Client may terminate this Agreement for any reason upon thirty (30) days' notice, including if "
            "its needs change.",
            True,
        ),
        # #34: notice periods in words or hyphenated, a wish to terminate, a right set off by a phrase, a passive
        # termination without cause; a condition that opens the clause makes the right one for cause
        (
            "termination_for_convenience",
            "The Customer may terminate this Agreement by giving forty-five days written notice to the Supplier.",
            True,
        ),
        ("termination_for_convenience", "The Buyer has the right to cancel this Agreement on a 14-day notice.", True),
        (
            "termination_for_convenience",
            "A party wishing to terminate this Agreement shall give the other not less than sixty (60) days' notice.",
            True,
        ),
        (
            "termination_for_convenience",
            "Should either party wish to terminate this Agreement, it may do so on sixty days' notice.",
            True,
        ),
        (
            "termination_for_convenience",
            "Unless earlier terminated by either party without cause upon ninety days' notice, this Agreement runs "
            "for two years.",
            True,
        ),
        (
            "termination_for_convenience",
            "The Licensor may, at any time after the first year of the Term, terminate this Agreement upon 120 days "
            "prior written notice.",
            True,
        ),
        (
            "termination_for_convenience",
            "If the Supplier misses the delivery dates for two months in a row, the Customer may thereafter terminate "
            "this Agreement upon thirty (30) days' written notice.",
            False,
        ),
        (
            "termination_for_convenience",
            "Furthermore, in the event that the Artist becomes unable to perform, the Studio may terminate this "
            "Agreement on fifteen (15) days' notice.",
            False,
        ),
        (
            "termination_for_convenience",
            "This Agreement may, on written notice, be terminated by either party should the Manager's employment "
            "end for any reason.",
            False,
        ),
        # #34: who owns what the work creates is an IP ownership clause; who owns the data or content a party
        # brings is not
        (
            "ip_ownership_assignment",
            "The Supplier shall own all right, title and interest in any enhancement or improvement developed by "
            "either party under this Agreement.",
            True,
        ),
        (
            "ip_ownership_assignment",
            "All inventions conceived by the Consultant in performing the Services shall belong to the Company.",
            True,
        ),
        (
            "ip_ownership_assignment",
            "All rights and title to the intellectual property produced under a Statement of Work shall be owned by "
            "the Customer.",
            True,
        ),
        (
            "ip_ownership_assignment",
            "The Customer shall own all right, title and interest in and to its Customer Data.",
            False,
        ),
        (
            "ip_ownership_assignment",
            "All right, title and interest in and to the usage data shall belong to the Publisher.",
            False,
        ),
        (
            "ip_ownership_assignment",
            "The Licensor shall own all right, title and interest, including all intellectual property rights, in and "
            "to the Content.",
            False,
        ),
        # #34: a change in a party's ownership or control, however many words stand between, or control that
        # passes; not a change recorded in a register, nor one of management alone
        (
            "change_of_control",
            "The Licensor may end this licence on notice after a material change in the ownership or control of the "
            "Licensee.",
            True,
        ),
        ("change_of_control", "Either party may terminate if control of the other party passes to a rival.", True),
        (
            "change_of_control",
            "The Distributor shall report any change in effective control of its business within ten days.",
            True,
        ),
        ("change_of_control", "The Company shall record the change in ownership with the share registry.", False),
        (
            "change_of_control",
            "There has been no material change in management of the Borrower since the audit.",
            False,
        ),
        # #34: a promise to buy at least a quantity, whoever from, or a guaranteed fee, is a minimum commitment
        (
            "minimum_commitment",
            "The Reseller guarantees to purchase from the Manufacturer a minimum of 2,000 units in each contract year.",
            True,
        ),
        ("minimum_commitment", "The Buyer commits to order no fewer than 500 cases per quarter.", True),
        (
            "minimum_commitment",
            "The Sponsor shall pay the Athlete a Guaranteed Fee of $40,000 for each contract year.",
            True,
        ),
        ("minimum_commitment", "The Customer agrees to purchase the Equipment at the price in Schedule 2.", False),
        ("minimum_commitment", "The Supplier guarantees that the Products are free from defects.", False),
        # a merger that lets a party assign, or a successor excepted from the restriction, is no change-of-control
        # restriction; consent required through a merger is one
        (
            "change_of_control",
            "Either party may assign its rights under this Agreement in the event of a sale of all or substantially "
            "all of its assets.",
            False,
        ),
        (
            "change_of_control",
            "The Supplier may not assign this Agreement, except to a successor that acquires substantially all of "
            "its business.",
            False,
        ),
        (
            "change_of_control",
            "Neither party may assign this Agreement, including by merger or change of control, without the other "
            "party's prior written consent.",
            True,
        ),
        # a carve-out from the limit makes liability uncapped, before or after it, citing a section or not
        (
            "uncapped_liability",
            "EXCEPT FOR CLAIMS UNDER SECTION 9.1, NEITHER PARTY SHALL BE LIABLE FOR LOST PROFITS.",
            True,
        ),
        (
            "uncapped_liability",
            "Neither Party shall be liable for any loss of profit, except for such loss arising from "
            "its wilful default.",
            True,
        ),
        ("uncapped_liability", "Neither Party shall be liable for any loss of profit.", False),
        # an exception that carves nothing out of a limit of liability: boilerplate, or a limit of something else
        (
            "uncapped_liability",
            "Except as otherwise set forth in this Agreement, in no event shall either party be liable for any "
            "indirect damages.",
            False,
        ),
        (
            "uncapped_liability",
            "Except as required by law, neither party shall issue any press release naming the other party.",
            False,
        ),
        (
            "uncapped_liability",
            "EXCEPT AS PROVIDED IN SECTION 12, THE SUPPLIER'S LIABILITY UNDER THIS AGREEMENT WILL IN NO EVENT EXCEED "
            "THE FEES PAID.",
            True,
        ),
        (
            "uncapped_liability",
            "Except with respect to a breach of Section 8, no party will be liable for any consequential damages.",
            True,
        ),
        # a fixed sum owed for ending early is liquidated damages; a fee for the services is not
        (
            "liquidated_damages",
            "If the Client terminates without cause, it shall pay a termination fee equal to three months' fees.",
            True,
        ),
        ("liquidated_damages", "The Customer shall pay a cancellation charge of USD 5,000 per order.", True),
        ("liquidated_damages", "The Client shall pay the monthly service fee within thirty days.", False),
        (
            "liquidated_damages",
            "If the Carrier misses more than two pick-ups in a month, it shall pay the Shipper a penalty of USD 800.",
            True,
        ),
        ("liquidated_damages", "Late deliveries incur a penalty equal to two percent of the order's price.", True),
        ("liquidated_damages", "No penalty applies to a payment made before its due date.", False),
        # ending on notice however the notice is worded: the number in quotes, "at any time" with notice, a wish to
        # end with its period after
        (
            "termination_for_convenience",
            'The Buyer may cancel this Agreement on forty-five ("45") days written notice.',
            True,
        ),
        (
            "termination_for_convenience",
            "The Client may terminate this Agreement at any time by written notice given 45 days before.",
            True,
        ),
        (
            "termination_for_convenience",
            "A party that wishes to end this Agreement shall tell the other party so at least sixty (60) days before.",
            True,
        ),
        (
            "termination_for_convenience",
            "The Supplier may at any time change the delivery address by written notice.",
            False,
        ),
        # what a limit of liability leaves out, however the section is cited
        (
            "uncapped_liability",
            "Nothing in this Section 8.3 shall limit what either party owes under its indemnification duties.",
            True,
        ),
        (
            "uncapped_liability",
            "Neither party shall be liable for indirect damages; provided, however, that this Section 12.1 shall not "
            "apply to a breach of the licence terms.",
            True,
        ),
        ("uncapped_liability", "Nothing in this Section 4.2 shall limit the Customer's right to audit.", False),
        # exclusivity with words between "exclusive" and what it qualifies; not an exclusive remedy or liability
        (
            "exclusivity",
            "The Owner grants the Studio an exclusive, perpetual, worldwide and royalty-free licence to the Marks.",
            True,
        ),
        ("exclusivity", "The Bank appoints the Broker as its exclusive placement agent for the offering.", True),
        ("exclusivity", "The Plant shall make the Devices exclusively for the Customer in the Territory.", True),
        ("exclusivity", "The Owner grants the Studio a non-exclusive, worldwide licence to the Marks.", False),
        # uncapped liability after a limit of liability; not an exception to some other duty of "neither party"
        (
            "uncapped_liability",
            "Neither party shall be liable for lost profits, except for a breach of Clause 9.",
            True,
        ),
        (
            "uncapped_liability",
            "Neither party may show the other's price list to anyone, except for its lawyers.",
            False,
        ),
        # audit rights: an audit, or auditors who examine; not auditors who may see information, audited statements
        ("audit_rights", "The Client may audit the Supplier's invoices once a year.", True),
        ("audit_rights", "Each party may have its outside auditor review the ledgers of the venture.", True),
        ("audit_rights", "The Buyer's books of account shall be audited each year by an accountant both accept.", True),
        ("audit_rights", "Secrets may be shared with each party's lawyers, auditors and bankers only.", False),
        ("audit_rights", "The figures agree with the audited accounts of the Company for 2019.", False),
        # a line break's "non- exclusive"; an exclusive right to act on claims, or one of ownership
        ("exclusivity", "The Maker appoints the Dealer as a non- exclusive dealer of the Goods in Spain.", False),
        (
            "exclusivity",
            "The Owner has the exclusive right, but not the duty, to defend any suit over the Marks.",
            False,
        ),
        (
            "exclusivity",
            "The Owner may file and defend, with the exclusive right to settle, any claim on the Marks.",
            False,
        ),
        ("exclusivity", "The Maker keeps all its exclusive right, title and interest in the Designs.", False),
        ("exclusivity", "The Maker grants the Dealer the exclusive right to sell the Goods in Spain.", True),
        (
            "exclusivity",
            "THIS SECTION STATES THE VENDOR'S SOLE AND EXCLUSIVE LIABILITY AND THE RESELLER'S ONLY REMEDY.",
            False,
        ),
        # a cap on how many of something a party may use or receive; not a time limit, a sum or securities offered
        ("volume_restriction", "The Customer may name no more than five (5) people who may call the help desk.", True),
        ("volume_restriction", "The Reseller may install the software on no more than 3 servers.", True),
        ("volume_restriction", "The Supplier shall answer each request within up to 30 days.", False),
        ("volume_restriction", "The Company offers up to 2,000,000 shares of its common stock.", False),
        ("volume_restriction", "Each invoice of up to 5,000 dollars is payable at once.", False),
        # work product that will be the client's property, however the ownership is qualified
        (
            "ip_ownership_assignment",
            "All reports created by the Consultant will be the sole and absolute property of the Company.",
            True,
        ),
        ("ip_ownership_assignment", "Each party shall retain ownership of its pre-existing materials.", False),
        # a warranty's period written before the warranty, or redacted by the filing
        (
            "warranty_duration",
            "For sixty (60) days after delivery of each release, the Supplier warrants that it conforms.",
            True,
        ),
        ("warranty_duration", "The above warranties are valid for a period of [***] from the date of shipment.", True),
        # a period given as a span from one event to another
        (
            "warranty_duration",
            "The Maker warrants the kits free of defects for the period from assembly to the use-by date on each box.",
            True,
        ),
        (
            "warranty_duration",
            "The Maker warrants that the kits meet the Specifications, and the Buyer shall pay for them from "
            "delivery onward.",
            False,
        ),
        (
            "warranty_duration",
            "Either party may terminate if the other fails to pay within ten (10) days following notice; or if it "
            "breaches any representation or warranty.",
            False,
        ),
    ],
)
def test_clause_presence(clause, sentence, present):
    assert any(h.clause == clause for h in find_clauses([sentence])) is present


@pytest.mark.parametrize(
    "opening, term, expected",
    [
        (
            "is made as of March 1, 2009",
            "This Agreement shall commence on the Effective Date and, unless terminated\n"
            "earlier, shall continue until the twentieth (20th) anniversary of the Effective Date.",
            ["2029-03-01"],
        ),
        # an ordinal of two words counts whole, not by its last word
        (
            "is made as of March 1, 2009",
            "This Agreement shall run until the twenty-fifth anniversary of the Effective Date.",
            ["2034-03-01"],
        ),
        (
            "is made as of March 1, 2009",
            "This Agreement will end on its fifteen-year anniversary.",
            ["2024-03-01"],
        ),
        (
            "is made as of [___], 2017",
            "This Agreement shall continue in effect for two years from the date hereof.",
            ["2019"],
        ),  # a date left blank for signing: the end is known to the year
        (
            "is made as of March 1, 2009",
            "The term shall continue for the longer of the first anniversary of the Effective\n"
            "Date or the duration of the Supply Agreement.",
            [],
        ),
        # counted from signing ("the date hereof"), not from the later effective date
        (
            "is made as of November 28, 2001",
            "The services start on the Effective Date, December 1, 2001.\n"
            "Unless earlier terminated, the term of this Agreement shall end on the seventh anniversary of the date\n"
            "hereof.",
            ["2008-11-28"],
        ),
        # a term in years named for what they are ("Contract Years"), or counted from the date of execution
        (
            "is made as of June 13, 2012",
            "This Agreement shall commence on the Effective Date and shall continue for ten (10) Contract Years.",
            ["2022-06-13"],
        ),
        (
            "is made as of October 1, 2008",
            "The initial term of this Agreement shall be five (5) years from the date of execution.",
            ["2013-10-01"],
        ),
    ],
)
def test_end_dates_from_anniversaries_and_partial_dates(tmp_path, opening, term, expected):
    text = (
        f"SERVICES AGREEMENT\nThis Services Agreement {opening} between Acme Corp. (\"Acme\") and Widget\n"
        f"Inc. (\"Vendor\").\n{term}"
    )
    assert _values(_pdf(tmp_path, [text]), "expiry_date") == expected


def test_a_definition_naming_laws_does_not_choose_the_governing_law(tmp_path):
    text = (
        "SERVICES AGREEMENT\nThis Services Agreement is made as of March 1, 2009 between Acme Corp. (\"Acme\") and\n"
        "Widget Inc. (\"Vendor\").\n"
        "1.1 \"Applicable Law\" means any law of the United States that governs the Services, and any laws of\n"
        "any Governmental Authority.\n"
        "12. This Agreement shall be governed by the internal laws of the State of California."
    )
    assert _values(_pdf(tmp_path, [text]), "governing_law") == ["California"]


AT_RISK_DEFINED = (
    "SERVICES AGREEMENT\\n"
    '"Monthly Charges" means one twelfth of the Annual Charges.\\n'
    "The amount at risk in any month is 10% of the Monthly Charges for that month."
)


@pytest.mark.parametrize(
    "text, basis",
    [
        (AT_RISK_DEFINED, "contract"),
        # the at-risk share of "the monthly charges" with no definition: silent, so the marts' default applies
        ("SERVICES AGREEMENT\nThe amount at risk in any month is 10% of the monthly charges invoiced.", None),
        # the definition alone says nothing about the at-risk amount
        ('SERVICES AGREEMENT\n"Monthly Charges" means one twelfth of the Annual Charges.', None),
    ],
)
def test_the_at_risk_basis_is_read_only_where_the_contract_fixes_it(tmp_path, text, basis):
    values = _values(_pdf(tmp_path, [text.replace("\\n", "\n")]), "at_risk_basis")
    assert values == ([basis] if basis else [])


def test_every_text_the_renewal_cue_matches_holds_one_of_its_prefilter_words():
    """#36: the renewal reader skips a sentence without any of RENEWAL_WORDS before the cue runs, so every string
    the cue matches must hold one (hypothesis draws them from the cue itself; dropping "successive" fails this)."""
    import re

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from etl.contracts.term_renewal import RENEWAL_WORDS
    from etl.contracts.term_rules import RENEWAL_CUE
    from tests.conftest import examples

    prefilter = re.compile(RENEWAL_WORDS, re.I)

    @settings(max_examples=examples(500), deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.from_regex(re.compile(RENEWAL_CUE, re.I), fullmatch=True))
    def holds_a_word(text):
        assert prefilter.search(text), text

    holds_a_word()


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "This Supply Agreement is made as of June 3, 2012 between Osprey Foods Corp. and Quill Research LLC.",
            "2012-06-03",
        ),
        # the date of the agreement an amendment amends, or one a recital tells of, is not this one's
        (
            "This First Amendment to the Supply Agreement dated as of May 1, 2010 is made as of June 3, 2012 between "
            "Osprey Foods Corp. and Quill Research LLC.",
            "2012-06-03",
        ),
        (
            "SUPPLY AGREEMENT WHEREAS, Osprey Foods Corp. and Quill Research LLC entered into a Pilot\nAgreement "
            "dated as of May 1, 2010; and this Agreement is made as of June 3, 2012.",
            "2012-06-03",
        ),
        # an amendment whose own date follows the name of what it amends keeps that date
        (
            "This amendment to Section 2 of the Services Agreement is made effective June 3, 2012 by and between "
            "Osprey Foods Corp. and Quill Research LLC.",
            "2012-06-03",
        ),
    ],
)
def test_the_agreement_date_is_this_agreements_not_anothers(tmp_path, opening, expected):
    assert _values(_pdf(tmp_path, [f"AGREEMENT\n{opening}"]), "agreement_date") == [expected]


def test_the_opening_is_found_after_a_table_of_contents_with_dot_leaders(tmp_path):
    # each leader's dots split into sentences of their own: the opening must still count among the first
    contents = "\n".join(f"{n}. Section heading number {n} " + ". " * 12 + str(n) for n in range(1, 16))
    opening = "This Supply Agreement is made as of June 3, 2012 between Osprey Foods Corp. and Quill Research LLC."
    assert _values(_pdf(tmp_path, [f"SUPPLY AGREEMENT\nCONTENTS\n{contents}\n{opening}"]), "agreement_date") == [
        "2012-06-03"
    ]


def test_a_rule_of_dashes_for_an_underline_does_not_part_a_date_from_its_year(tmp_path):
    opening = "This Supply Agreement is made as of 3 June,\n-----------\n2012 between Osprey Foods Corp. and Quill Research LLC."
    assert _values(_pdf(tmp_path, [f"SUPPLY AGREEMENT\n{opening}"]), "agreement_date") == ["2012-06-03"]
