"""No sentence of the shared documents is copied into the code, its tests or its comments.

Rules are to come from patterns seen in several documents and examples written for them; a sentence lifted
from a shared document makes a rule test pass on the wording it was fitted to. Every string literal and comment
of six words or more is looked for, whitespace and case aside, in the text of every shared PDF. Headings of a
few words ("Performance Requirements Summary") are common to many documents and are not looked for.
"""

import ast
import io
import re
import tokenize

import pypdfium2 as pdfium
import pytest

from tests.conftest import ROOT, need_shared

SHARED = ROOT.parent / "shared"
MIN_WORDS = 6

pytestmark = pytest.mark.evaluation


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def shared_text() -> str:
    need_shared(SHARED / "sla" / "pdf")
    pdfs = [*SHARED.glob("sla/pdf/*.pdf"), *SHARED.glob("sla/unlabelled/*.pdf"), *SHARED.glob("cuad*/pdf/*")]
    assert len(pdfs) > 250
    texts = []
    for pdf in pdfs:
        doc = pdfium.PdfDocument(str(pdf))
        texts.append(_normal(" ".join(page.get_textpage().get_text_bounded() for page in doc)))
        doc.close()
    return "\n".join(texts)


def _phrases(path) -> list[tuple[int, str]]:
    source = path.read_text()
    found = [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            found.append((tok.start[0], tok.string.lstrip("# ")))
    return [(line, _normal(text)) for line, text in found if len(re.findall(r"\w+", text)) >= MIN_WORDS]


def test_no_code_test_or_comment_quotes_a_shared_document(shared_text):
    files = [*ROOT.glob("etl/**/*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("dags/*.py")]
    quoted = [
        f"{path.relative_to(ROOT)}:{line}: {text[:80]}"
        for path in files
        for line, text in _phrases(path)
        if text in shared_text
    ]
    assert quoted == []


def test_the_check_finds_a_quoted_sentence(shared_text):
    # a sentence taken from the shared text itself must be found, or the check above proves nothing
    start = shared_text.index("governed by")
    sentence = shared_text[start : start + 60]
    assert len(sentence.split()) >= MIN_WORDS and sentence in shared_text
