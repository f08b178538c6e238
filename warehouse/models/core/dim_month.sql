-- One row per calendar month that has any reported measurement.
select distinct
    period_month,
    extract(year from period_month) as year,
    extract(month from period_month) as month
from {{ ref('stg_measurements') }}
