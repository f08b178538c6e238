"""How a figure is written for a person: rounded half away from zero, as the marts round (round_to.sql).

Python's own float formatting rounds the binary value half to even, so 1.625 printed to two places is 1.62 and
a mart's 72.45 could print either way; a figure shown beside the mart it came from must not differ from it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

# a format that rounds to a fixed number of places: "{:.2f}", "{:+,.1f}", "{:.1%}"
_FIXED_POINT = re.compile(r"\.\d+[f%]\}")


def shown(fmt: str, value) -> str:
    """`fmt.format(value)`, with a float formatted as the decimal it prints as (its shortest repr), and a decimal
    (the marts' money) as itself, rounded half away from zero."""
    if not isinstance(value, (float, Decimal)) or not _FIXED_POINT.search(fmt):
        return fmt.format(value)  # an integer, text, or a general format ("{:g}") that shows no rounding
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        text = fmt.format(number)
        if number < 0 and not any(c in "123456789" for c in text):
            text = fmt.format(-number)  # -0.03 shown to one place is 0.0, not "-0.0"
    return text
