"""The day the marts are measured to: a fixed day from the environment (`run --as-of`) wins over the run's own
date, which wins over today; a value that is not a day is refused in words, never taken as today."""

from __future__ import annotations

from datetime import date

import pytest

from etl.cli import main
from etl.transform.dbt_build import AS_OF_ENV, DbtBuildError, as_of_date, as_of_variables


def test_a_fixed_day_wins_then_the_runs_date_then_today(monkeypatch):
    monkeypatch.setenv(AS_OF_ENV, "2025-12-31")
    assert as_of_date(date(2026, 3, 1)) == date(2025, 12, 31)
    monkeypatch.delenv(AS_OF_ENV)
    assert as_of_date(date(2026, 3, 1)) == date(2026, 3, 1)
    assert as_of_date() == date.today()
    assert as_of_variables(date(2026, 3, 1)) == {"as_of_date": "cast('2026-03-01' as date)"}


def test_a_value_that_is_not_a_day_is_refused(monkeypatch, capsys):
    monkeypatch.setenv(AS_OF_ENV, "last month")
    with pytest.raises(DbtBuildError, match="YYYY-MM-DD"):
        as_of_date()
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--as-of", "31/12/2025", "--inbox", "/nonexistent"])
    assert exit_.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
