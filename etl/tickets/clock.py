"""How long a ticket's clock ran: calendar hours, or business hours inside the contract's coverage window.

Vectorised: a timestamp becomes the business seconds elapsed since a fixed Monday, so the business time
between two timestamps is one subtraction, whatever lies between them (nights, weekends, whole weeks).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from etl.quantities import DAY_NAMES

_EPOCH = np.datetime64("2000-01-03T00:00:00", "s")  # a Monday
_DAY = 86_400


@dataclass(frozen=True)
class Coverage:
    """The hours a service level's clock runs: weekdays (0 = Monday) from `start_hour` to `end_hour`."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    start_hour: float = 8.0
    end_hour: float = 18.0

    @classmethod
    def of(cls, setting: dict | str | None) -> Coverage:
        """From a mapping file's `business_hours: {days: [mon, ..., fri], start: "08:00", end: "18:00"}`, or a
        contract's stated window as etl.quantities.parse_coverage writes it ('mon-fri 08:00-18:00')."""
        if not setting:
            return cls()
        if isinstance(setting, str):
            days, _, hours = setting.partition(" ")
            first, _, last = days.partition("-")
            start, _, end = hours.partition("-")
            span = DAY_NAMES[DAY_NAMES.index(first) : DAY_NAMES.index(last) + 1]
            setting = {"days": span, "start": start, "end": end}
        days = tuple(DAY_NAMES.index(str(d).lower()[:3]) for d in setting.get("days", DAY_NAMES[:5]))

        def hours(text, default):
            if text is None:
                return default
            h, _, m = str(text).partition(":")
            return int(h) + int(m or 0) / 60

        return cls(tuple(sorted(days)), hours(setting.get("start"), 8.0), hours(setting.get("end"), 18.0))


# Business hours unless a mapping file says otherwise: weekdays 08:00-18:00, the common support window
DEFAULT_COVERAGE = Coverage()


def _business_seconds_since_epoch(ts: pd.Series, coverage: Coverage) -> np.ndarray:
    seconds = (ts.to_numpy(dtype="datetime64[s]") - _EPOCH).astype("int64")
    days, in_day = np.divmod(seconds, _DAY)
    weeks, weekday = np.divmod(days, 7)
    start, end = coverage.start_hour * 3600, coverage.end_hour * 3600
    window = end - start
    covered = np.zeros(7, dtype=bool)
    covered[list(coverage.days)] = True
    # covered days before this weekday in the same week
    before = np.concatenate([[0], np.cumsum(covered)])[weekday]
    today = np.where(covered[weekday], np.clip(in_day - start, 0, window), 0)
    return weeks * covered.sum() * window + before * window + today


def hours_between(start: pd.Series, end: pd.Series, coverage: Coverage | None = None) -> pd.Series:
    """Hours from start to end, calendar time (coverage None) or only inside the coverage window.
    Missing or reversed pairs give missing."""
    start, end = pd.to_datetime(start), pd.to_datetime(end)
    valid = start.notna() & end.notna() & (end >= start)
    out = pd.Series(np.nan, index=start.index, dtype="float64")
    if not valid.any():
        return out
    s, e = start[valid], end[valid]
    if coverage is None:
        seconds = (e - s).dt.total_seconds().to_numpy()
    else:
        seconds = _business_seconds_since_epoch(e, coverage) - _business_seconds_since_epoch(s, coverage)
    out[valid] = seconds / 3600
    return out
