-- Months an engagement should have reported and did not: its months in service (dim_engagement_month, from the
-- month its contract takes effect to the last complete month before the as-of date, not past its end) without
-- a performance report. A missing report is itself an SLA risk. An engagement that has never reported (no
-- report and no month measured from tickets) is tracked for its terms only: its months are not listed one by one.
with reporting as (
    select distinct engagement_id from {{ ref('dim_engagement_month') }} where has_report
    union
    select distinct engagement_id from {{ ref('fct_sla_measurement') }}
)

select
    months.engagement_month_key as missing_report_key,
    months.engagement_id,
    engagements.engagement_type,
    engagements.vendor_name,
    months.period_month
from {{ ref('dim_engagement_month') }} as months
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = months.engagement_id
inner join reporting on reporting.engagement_id = months.engagement_id
where not months.has_report
