-- One row per calendar month the warehouse speaks of: every month an engagement is in service, and any month
-- with a reported or ticket-measured value. Facts and charges are keyed to it (relationships tests in _core.yml).
with months as (
    select period_month from {{ ref('dim_engagement_month') }}
    union
    select period_month from {{ ref('stg_measurements') }}
    union
    select period_month from {{ ref('int_ticket_service_levels') }}
)

select
    period_month,
    extract(year from period_month) as year,
    extract(month from period_month) as month,
    extract(quarter from period_month) as quarter
from months
