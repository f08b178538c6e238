-- Grain: one row per engagement, service level and month with a result for the credit models to price: every
-- measurement (fct_sla_measurement) and, where the contract deems a month without a performance report a failure
-- of its service levels (dim_engagement.is_missing_report_default), one deemed failure per level measured monthly
-- for each month in service (dim_engagement_month) with no result at all. A deemed failure has no value: by the
-- contract's words it misses the level's Minimum and, under a tiered model, every band. Attainment marts read the
-- measurements alone; a deemed failure is a credit event, not a measurement.
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

unreported as (
    select months.engagement_id, months.period_month
    from {{ ref('dim_engagement_month') }} as months
    inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = months.engagement_id
    left join (select distinct engagement_id, period_month from facts) as results
        on results.engagement_id = months.engagement_id and results.period_month = months.period_month
    where engagements.is_missing_report_default and results.engagement_id is null
)

select * from facts
union all
select
    unreported.engagement_id,
    metrics.sla_metric_key,
    unreported.period_month,
    metrics.direction,
    metrics.is_critical,
    metrics.allocation_pct,
    cast(null as double precision) as actual_value,
    false as is_met,
    true as is_breached,
    true as is_deemed_failure
from unreported
inner join {{ ref('dim_sla_metric') }} as metrics on metrics.engagement_id = unreported.engagement_id
where coalesce(metrics.measurement_window, 'monthly') = 'monthly'
