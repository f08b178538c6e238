-- One row per engagement and month it is in service: from the month its contract takes effect to the last month
-- due, the last complete month before the as-of date (dbt var as_of_date, default today; the KPI DAG passes its
-- run's date), and not past the contract's expiry, unless it renews by itself for a stated term: then each renewal
-- term follows the last, as mart_renewals rolls it; and not past a termination date (entered by hand). Each engagement runs to that day on its own: one whose reports
-- stopped early shows its months since as 'no report'. Charges run whether or not the vendor reported, so savings,
-- credits and mart_missing_reports all count these months.
with engagements as (
    select
        engagement_id, effective_date, expiry_date, termination_date, monthly_charges, is_auto_renewal,
        renewal_term_months
    from {{ ref('dim_engagement') }}
    where effective_date is not null
),

last_due as (
    select cast(
        {{ dbt.dateadd('month', -1, dbt.date_trunc('month', var('as_of_date', 'current_date'))) }} as date
    ) as last_month
),

calendar as (
    -- months in service are counted from 2000 on
    select period_month from {{ ref('dim_month') }} where period_month >= cast('2000-01-01' as date)
),

reports as (
    -- an invoice alone is not a performance report
    select distinct engagement_id, period_month from {{ ref('stg_measurements') }}
    where metric_id <> '{{ var("invoiced_charges_metric") }}'
),

invoices as (
    select distinct engagement_id, period_month from {{ ref('stg_measurements') }}
    where metric_id = '{{ var("invoiced_charges_metric") }}'
)

select
    engagements.engagement_id || '/' || cast(calendar.period_month as varchar) as engagement_month_key,
    engagements.engagement_id,
    calendar.period_month,
    reports.engagement_id is not null as has_report,
    invoices.engagement_id is not null as has_invoice,
    engagements.monthly_charges as contract_monthly_charges
from engagements
cross join last_due
inner join calendar
    on calendar.period_month >= cast({{ dbt.date_trunc('month', 'engagements.effective_date') }} as date)
    and calendar.period_month <= last_due.last_month
    and (
        engagements.expiry_date is null
        or calendar.period_month <= engagements.expiry_date
        or (coalesce(engagements.is_auto_renewal, false) and coalesce(engagements.renewal_term_months, 0) > 0)
    )
    -- a contract terminated early is in service up to the month of its termination, renewing or not
    and (engagements.termination_date is null or calendar.period_month <= engagements.termination_date)
left join reports
    on reports.engagement_id = engagements.engagement_id and reports.period_month = calendar.period_month
left join invoices
    on invoices.engagement_id = engagements.engagement_id and invoices.period_month = calendar.period_month
