"""One self-contained HTML page per validation run: what each Great Expectations suite checked, what failed
and sample failing values, with no script and no asset from the network, so it opens offline and forwards as
one file. GX's own Data Docs stay beside it; they load their CSS and JavaScript from CDNs.

Every value on the page is vendor text, escaped as it is written.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #1f2933; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
th { background: #f5f7fa; } td.n { text-align: right; } .fail { color: #b42318; font-weight: 600; }
.ok { color: #0b7a3e; } code { font-size: .85rem; overflow-wrap: anywhere; } .muted { color: #7b8794; }
"""


@dataclass
class CheckResult:
    suite: str
    expectation: str  # type and column(s)
    success: bool
    rows: int | None
    unexpected: int | None
    message: str  # the suite's message template: what a failure means
    samples: list[str] = field(default_factory=list)  # a few failing values


def page_name(run_name: str | None) -> str:
    """A file name for the run's page: the run id with anything but letters, digits, '.', '_', '-' replaced."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", run_name or "manual")[:120]
    return f"validation_{stem}.html"


def write_validation_page(checks: list[CheckResult], run_name: str | None, root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    target = root / page_name(run_name)
    target.write_text(render(checks, run_name))
    return target


def render(checks: list[CheckResult], run_name: str | None) -> str:
    e = html.escape
    failed = [c for c in checks if not c.success]
    rows = []
    for c in checks:
        verdict = '<span class="ok">passed</span>' if c.success else '<span class="fail">failed</span>'
        samples = "<br>".join(f"<code>{e(s)}</code>" for s in c.samples)
        rows.append(
            f"<tr><td>{e(c.suite)}</td><td><code>{e(c.expectation)}</code><br><span class='muted'>{e(c.message)}"
            f"</span></td><td>{verdict}</td><td class='n'>{'' if c.rows is None else f'{c.rows:,}'}</td>"
            f"<td class='n'>{'' if c.unexpected is None else f'{c.unexpected:,}'}</td><td>{samples}</td></tr>"
        )
    written = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Validation {e(run_name or "")}</title><style>{CSS}</style></head>
<body><h1>Validation of run {e(run_name or "(manual)")}</h1>
<p class="muted">Written {written}. {len(checks)} checks, {len(failed)} failed. Failing rows are in the warehouse's
<code>quarantine</code> table with their messages; this page lists what each suite (expectations/*.json) checked.</p>
<table><thead><tr><th>Suite</th><th>Check</th><th>Result</th><th>Rows</th><th>Failing</th>
<th>Failing values (first few)</th></tr></thead><tbody>{"".join(rows)}</tbody></table>
</body></html>
"""
