-- Grain: one row per engagement, service level and month with a result for the credit models to price: every
-- measurement (fct_sla_measurement) and, where the contract deems a failure to report a failure of the service
-- levels not reported on (dim_engagement.is_missing_report_default), one deemed failure for each level measured
-- monthly that has no result in a month in service (dim_engagement_month): a month without a report fails every
-- level, a partly reported month the levels it leaves out. A level measured from tickets whose month the tickets
-- could not measure (int_ticket_service_levels.not_measured_reason) is not one the vendor failed to report. A
-- deemed failure has no value: by the contract's words it misses the level's Minimum and, under a tiered model,
-- every band. Attainment marts read the measurements alone; a deemed failure is a credit event, not a measurement.
with facts as (
    select
        engagement_id,
        sla_metric_key,
        period_month,
        direction,
        is_critical,
        allocation_pct,
        actual_value,
        is_met,
        is_breached,
        false as is_deemed_failure
    from {{ ref('fct_sla_measurement') }}
),

unmeasured as (
    select sla_metric_key, period_month from {{ ref('int_ticket_service_levels') }}
    where measured_value is null
),

unreported as (
    select
        months.engagement_id,
        metrics.sla_metric_key,
        months.period_month,
        metrics.direction,
        metrics.is_critical,
        metrics.allocation_pct
    from {{ ref('dim_engagement_month') }} as months
    inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = months.engagement_id
    inner join {{ ref('dim_sla_metric') }} as metrics on metrics.engagement_id = months.engagement_id
    left join facts
        on facts.sla_metric_key = metrics.sla_metric_key and facts.period_month = months.period_month
    left join unmeasured
        on unmeasured.sla_metric_key = metrics.sla_metric_key and unmeasured.period_month = months.period_month
    where engagements.is_missing_report_default
        and coalesce(metrics.measurement_window, 'monthly') = 'monthly'
        and facts.sla_metric_key is null
        and unmeasured.sla_metric_key is null
)

select * from facts
union all
select
    engagement_id,
    sla_metric_key,
    period_month,
    direction,
    is_critical,
    allocation_pct,
    cast(null as double precision) as actual_value,
    false as is_met,
    true as is_breached,
    true as is_deemed_failure
from unreported
