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


def _candidates(phrases: set[str], shared_text: str) -> set[str]:
    """The phrases that may occur in the shared text, found in one pass over it instead of one search per
    phrase. A phrase inside the text holds its inner words (all but the first and last, which may be parts of
    words there) as whole words of the text; a phrase of fewer than six such words is always a candidate."""
    keys: dict[tuple[str, ...], list[str]] = {}
    found = set()
    for phrase in phrases:
        words = phrase.split(" ")
        if len(words) < 6:
            found.add(phrase)
        else:
            keys.setdefault(tuple(words[1:5]), []).append(phrase)
    first = {key[0] for key in keys}
    words = shared_text.split()
    for i, word in enumerate(words):
        if word in first and (key := tuple(words[i : i + 4])) in keys:
            found.update(keys[key])
    return found


def test_no_code_test_or_comment_quotes_a_shared_document(shared_text):
    files = [*ROOT.glob("etl/**/*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("dags/*.py")]
    phrases = [(path, line, text) for path in files for line, text in _phrases(path)]
    candidates = _candidates({text for _, _, text in phrases}, shared_text)
    quoted = [
        f"{path.relative_to(ROOT)}:{line}: {text[:80]}"
        for path, line, text in phrases
        if text in candidates and text in shared_text
    ]
    assert quoted == []


def test_the_check_finds_a_quoted_sentence(shared_text):
    # a sentence taken from the shared text itself, cut mid-word at both ends, must be found, or the check above
    # proves nothing
    start = shared_text.index("governed by") + 3
    sentence = shared_text[start : start + 60]
    assert len(sentence.split()) >= MIN_WORDS and sentence in _candidates(
        {sentence, "not a shared phrase"}, shared_text
    )
