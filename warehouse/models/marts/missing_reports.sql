-- Months an engagement should have reported and did not: from the month its contract takes effect to the
-- latest month any engagement has reported (and not past its expiry). A missing report is itself an SLA risk.
with engagements as (
    select engagement_id, engagement_type, vendor_name, effective_date, expiry_date
    from {{ ref('dim_engagement') }}
    where effective_date is not null
),

bounds as (
    select
        cast(date_trunc('month', min(engagements.effective_date)) as date) as first_month,
        (select max(period_month) from {{ ref('stg_measurements') }}) as last_month
    from engagements
),

months as (
    select cast(generate_series as date) as period_month
    from bounds, generate_series(cast(bounds.first_month as timestamp), cast(bounds.last_month as timestamp),
                                 interval '1 month')
),

expected as (
    select engagements.*, months.period_month
    from engagements
    inner join months
        on months.period_month >= cast(date_trunc('month', engagements.effective_date) as date)
        and (engagements.expiry_date is null or months.period_month <= engagements.expiry_date)
),

reported as (
    -- an invoice alone is not a performance report
    select distinct engagement_id, period_month from {{ ref('stg_measurements') }}
    where metric_id <> '{{ var("invoiced_charges_metric") }}'
)

select
    expected.engagement_id || '/' || cast(expected.period_month as varchar) as missing_report_key,
    expected.engagement_id,
    expected.engagement_type,
    expected.vendor_name,
    expected.period_month
from expected
left join reported
    on reported.engagement_id = expected.engagement_id and reported.period_month = expected.period_month
where reported.engagement_id is null
