"""A contract's title from its cover (etl/contracts/title.py), in headings of our own wording."""

import pytest

from etl.contracts.title import read_title
from etl.pdf_document import PdfPage


@pytest.mark.parametrize(
    ("cover", "title"),
    [
        ("MASTER SERVICES AGREEMENT\nThis Agreement is made ...", "MASTER SERVICES AGREEMENT"),
        # a draft's label, an exhibit's number or a party's name before the title is not part of it
        ("EXECUTION VERSION\nMASTER SERVICES AGREEMENT", "MASTER SERVICES AGREEMENT"),
        ("EXECUTION COPY SUPPLY AGREEMENT", "SUPPLY AGREEMENT"),
        ("EXHIBIT B\nMUTUAL RELEASE AGREEMENT", "MUTUAL RELEASE AGREEMENT"),
        ("OSPREY FOODS CORPORATION\nDISTRIBUTION AGREEMENT", "DISTRIBUTION AGREEMENT"),
        ("QUILL RESEARCH HOLDINGS PLC STRATEGIC ALLIANCE AGREEMENT", "STRATEGIC ALLIANCE AGREEMENT"),
        ("FORM OF LICENSE AGREEMENT", "LICENSE AGREEMENT"),
        ("This Hosting and Support Agreement is entered into by the parties.", "Hosting and Support Agreement"),
        # a title of its own that only looks like a party's name is kept whole
        ("TRANSITION SERVICES AGREEMENT", "TRANSITION SERVICES AGREEMENT"),
    ],
)
def test_the_title_is_the_agreements_name_alone(cover, title):
    assert read_title(PdfPage(1, cover, [])) == title
