"""How long a ticket's clock ran: calendar hours, or business hours inside the contract's coverage window.

Vectorised: a timestamp becomes the business seconds elapsed since a fixed Monday, so the business time
between two timestamps is one subtraction, whatever lies between them (nights, weekends, whole weeks).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from etl.quantities import DAY_NAMES, valid_zone
from etl.records import InputFileError

_EPOCH = np.datetime64("2000-01-03T00:00:00", "s")  # a Monday
_DAY = 86_400


@dataclass(frozen=True)
class Coverage:
    """The hours a service level's clock runs: weekdays (0 = Monday) from `start_hour` to `end_hour`, except
    the public holidays of `holidays` (a country code, or country-subdivision: "GB", "US-NY"; None: none)."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    start_hour: float = 8.0
    end_hour: float = 18.0
    holidays: str | None = None
    zone: str | None = None  # the IANA zone the window's hours are in; None: the times' own local time

    @classmethod
    def of(cls, setting: dict | str | None) -> Coverage:
        """From a mapping file's `business_hours: {days: [mon, ..., fri], start: "08:00", end: "18:00"}`, or a
        contract's stated window as etl.quantities.parse_coverage writes it ('mon-fri 08:00-18:00', with the
        public holidays it excludes and its time zone: 'mon-fri 08:00-18:00 holidays GB-ENG tz Europe/London')."""
        if not setting:
            return cls()
        if isinstance(setting, str):
            setting, _, zone = setting.partition(" tz ")
            window, _, calendar = setting.partition(" holidays ")  # 'mon-fri 08:00-18:00 holidays GB-ENG'
            days, _, hours = window.partition(" ")
            first, _, last = days.partition("-")
            start, _, end = hours.partition("-")
            span = DAY_NAMES[DAY_NAMES.index(first) : DAY_NAMES.index(last) + 1]
            setting = {"days": span, "start": start, "end": end, "holidays": calendar or None, "time_zone": zone}
        days = tuple(DAY_NAMES.index(str(d).lower()[:3]) for d in setting.get("days", DAY_NAMES[:5]))

        def hours(text, default):
            if text is None:
                return default
            h, _, m = str(text).partition(":")
            return int(h) + int(m or 0) / 60

        return cls(
            tuple(sorted(days)),
            hours(setting.get("start"), 8.0),
            hours(setting.get("end"), 18.0),
            _holiday_calendar(setting.get("holidays")),
            checked_zone(setting.get("time_zone")),
        )


def checked_zone(name) -> str | None:
    """A time zone the zone database knows ('Europe/London'); an unknown one is refused in words."""
    if not name:
        return None
    if not valid_zone(str(name).strip()):
        raise InputFileError(f"time zone {name!r} is not in the time-zone database (write e.g. Europe/London)")
    return str(name).strip()


def _holiday_calendar(code) -> str | None:
    """'GB', 'us-ny' -> a calendar the holidays library knows, upper case; an unknown one is refused in words."""
    if not code:
        return None
    import holidays

    country, _, subdivision = str(code).strip().upper().partition("-")
    try:
        holidays.country_holidays(country, subdiv=subdivision or None, years=2000)
    except NotImplementedError:
        raise InputFileError(
            f"business_hours holidays {code!r} is no country the holidays library knows (use a code such as GB or US-NY)"
        ) from None
    return f"{country}-{subdivision}" if subdivision else country


def _holiday_days(coverage: Coverage, first_year: int, last_year: int) -> np.ndarray:
    """Days since the epoch of the coverage's public holidays that fall on covered weekdays, sorted."""
    if not coverage.holidays:
        return np.array([], dtype="int64")
    import holidays

    country, _, subdivision = coverage.holidays.partition("-")
    dates = holidays.country_holidays(country, subdiv=subdivision or None, years=range(first_year, last_year + 1))
    days = np.array(sorted((np.datetime64(d, "D") - _EPOCH.astype("datetime64[D]")).astype("int64") for d in dates))
    return days[np.isin(days % 7, coverage.days)] if len(days) else np.array([], dtype="int64")


# Business hours unless a mapping file says otherwise: weekdays 08:00-18:00, the common support window
DEFAULT_COVERAGE = Coverage()


def _business_seconds_since_epoch(ts: pd.Series, coverage: Coverage, holiday_days: np.ndarray) -> np.ndarray:
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
    # a public holiday on a covered day is a day the clock stands still: earlier ones count a whole window less,
    # and today's part is none
    earlier = np.searchsorted(holiday_days, days, side="left")
    is_holiday = np.isin(days, holiday_days)
    return weeks * covered.sum() * window + (before - earlier) * window + np.where(is_holiday, 0, today)


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
        holiday_days = _holiday_days(coverage, int(s.dt.year.min()), int(e.dt.year.max()))
        seconds = _business_seconds_since_epoch(e, coverage, holiday_days) - _business_seconds_since_epoch(
            s, coverage, holiday_days
        )
    out[valid] = seconds / 3600
    return out
