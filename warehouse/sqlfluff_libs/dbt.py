"""SQL to lint in place of dbt's cross-database macros (sqlfluff's jinja templater does not run dbt): each gives
SQL of the shape dbt-duckdb renders, so the models parse; the warehouse itself is always built by dbt."""


def date_trunc(datepart, date):
    return f"date_trunc('{datepart}', {date})"


def dateadd(datepart, interval, from_date_or_timestamp):
    return f"date_add({from_date_or_timestamp}, interval ({interval}) {datepart})"


def datediff(first_date, second_date, datepart):
    return f"date_diff('{datepart}', {first_date}, {second_date})"


def date_spine(datepart, start_date, end_date):
    return f"select cast(range as date) as date_{datepart} from range({start_date}, {end_date}, interval 1 {datepart})"
