-- Per engagement and service level: the average reported level against the pre-outsourcing baseline
-- from the contract, as a direction-aware % change (positive = better than before).
with averages as (
    select sla_metric_key, avg(actual_value) as average_actual, count(*) as months_reported
    from {{ ref('fct_sla_measurement') }}
    group by sla_metric_key
)

select
    metrics.sla_metric_key,
    metrics.engagement_id,
    engagements.engagement_type,
    engagements.vendor_name,
    metrics.metric_id,
    metrics.metric_name,
    metrics.direction,
    metrics.baseline_level,
    {{ round_to("averages.average_actual", 6) }} as average_actual,
    averages.months_reported,
    {{ round_to(quality_change_pct("metrics.direction", "averages.average_actual", "metrics.baseline_level"), 4) }}
        as quality_change_pct
from {{ ref('dim_sla_metric') }} as metrics
inner join averages on averages.sla_metric_key = metrics.sla_metric_key
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = metrics.engagement_id
where metrics.baseline_level is not null
