"""Read a reported value as written ('99.95%', '0.9995', '4h 30m', '270 min', '00:04:30', '1.234,5', 'n/a')
into a number in the contract's unit, saying what conversion was made."""

from __future__ import annotations

import re

from etl.quantities import GROUPED_DIGITS, units

MISSING = {"", "n/a", "na", "-", "--", "tbd", "null", "none", "n.a."}
# the time units of fixed length (etl.quantities.units), and each way a value cell writes them ("4h 30m")
SECONDS_PER = {u.name: u.seconds for u in units().values() if u.seconds is not None}
_TIME_UNITS = {
    form.lower(): u.seconds for u in units().values() if u.seconds is not None for form in (*u.spellings, *u.symbols)
}


def parse_locale_number(text: str) -> float | None:
    """'1,234.5' and '1.234,5' -> 1234.5; '7,2' -> 7.2; '0.973' -> 0.973; None when not one number."""
    t = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    # dots as thousands separators only where that is unambiguous: '1.234,5', '1.234.567'; '0.973' is a decimal
    if re.fullmatch(r"-?[1-9]\d{0,2}(?:\.\d{3})+,\d+|-?[1-9]\d{0,2}(?:\.\d{3}){2,}|-?\d+,\d+", t):
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(rf"-?{GROUPED_DIGITS}(?:\.\d+)?", t):
        t = t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def duration_seconds(text: str) -> float | None:
    """'4h 30m', '270 min', '00:04:30', '2.5 hours' -> seconds; None when the text is not a duration."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d+)\s*h(?:ours?|rs?)?\s*(\d+)\s*m(?:in(?:utes?|s)?)?", t)
    if m:
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60
    m = re.fullmatch(r"(\d+):(\d{2}):(\d{2})", t)
    if m:
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)", t)
    if m and m.group(2) in _TIME_UNITS:
        return float(m.group(1).replace(",", ".")) * _TIME_UNITS[m.group(2)]
    return None


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def spreadsheet_safe(text: str) -> str:
    """Text that a spreadsheet would run as a formula ('=HYPERLINK(...)', '+cmd|...', '@SUM(...)') gets a
    leading apostrophe, so it reaches an analyst's spreadsheet as text. Numbers ('-5%', '+3') stay as written.
    NUL and other control characters go first: PostgreSQL refuses a NUL in text, and no report means one."""
    text = _CONTROL.sub("", text) if text else text
    if not text or not text.startswith(_FORMULA_START):
        return text
    if parse_locale_number(text) is not None or duration_seconds(text) is not None:
        return text
    return "'" + text


def to_contract_unit(
    text: str, unit: str | None, fractions: bool = False, currency: str | None = None
) -> tuple[float | None, str]:
    """(value in `unit`, conversion note). `fractions`: this report writes percentages as 0..1; `currency`: the
    contract's currency, which a `money` amount must be written in (no exchange rates are guessed)."""
    t = (text or "").strip()
    if t.lower() in MISSING:
        return None, "no value reported"
    if unit == "money":
        written = re.search(r"\b[A-Z]{3}\b|[$€£]", t)
        code = {"$": "USD", "€": "EUR", "£": "GBP"}.get(written.group(0), written.group(0)) if written else None
        if code and currency and code != currency:
            return None, f"{t!r} is in {code}, the contract's currency is {currency}"
        t = re.sub(r"\b[A-Z]{3}\b|[$€£]", "", t).strip()
    seconds = duration_seconds(t)
    if seconds is not None and unit in SECONDS_PER:
        value = seconds / SECONDS_PER[unit]
        return round(value, 6), f"{t!r} -> {value:g} {unit}"
    number = parse_locale_number(t)
    if number is None:
        return None, f"{t!r} is not a number"
    if unit == "percent" and "%" not in t and fractions:
        return round(number * 100, 6), f"{t!r} -> {number * 100:g} percent (reported as a fraction)"
    return number, ""
