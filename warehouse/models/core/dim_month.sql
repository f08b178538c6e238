-- The warehouse's calendar: one row per month from January 1970 (the earliest ticket time read) to December
-- 2100, whatever the facts hold, so that a fact's month missing from it is an error the relationships tests catch.
with calendar as (
    select cast(date_month as date) as period_month
    from ({{ dbt.date_spine("month", "cast('1970-01-01' as date)", "cast('2101-01-01' as date)") }}) as spine
)

select
    {{ month_key('period_month') }} as month_sk,
    period_month,
    cast(extract(year from period_month) as integer) as year,
    cast(extract(month from period_month) as integer) as month,
    cast(extract(quarter from period_month) as integer) as quarter
from calendar
