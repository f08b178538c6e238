-- Per engagement, service level and month: target, actual, met / breached, how many months in a row the
-- Expected level has been missed, and the trend against the month before (direction-aware).
with facts as (
    select
        facts.*,
        -- gaps and islands over calendar months: a run of consecutive missed months shares one group number, and
        -- a month without a report ends the run as a met month does (the count is of months in a row, not rows)
        extract(year from facts.period_month) * 12 + extract(month from facts.period_month)
        - row_number() over (partition by facts.sla_metric_key, facts.is_met order by facts.period_month) as run_group,
        lag(facts.actual_value) over (partition by facts.sla_metric_key order by facts.period_month) as previous_actual
    from {{ ref('fct_sla_measurement') }} as facts
)

select
    facts.measurement_key,
    facts.engagement_id,
    engagements.engagement_type,
    engagements.vendor_name,
    facts.metric_id,
    metrics.metric_name,
    metrics.unit,
    facts.direction,
    facts.period_month,
    facts.expected_level,
    facts.minimum_level,
    facts.actual_value,
    facts.is_met,
    facts.is_breached,
    facts.is_critical,
    facts.reported_met,
    case when facts.is_met then 0
        else row_number() over (partition by facts.sla_metric_key, facts.is_met, facts.run_group
                                order by facts.period_month)
    end as consecutive_misses,
    case
        when facts.previous_actual is null then 'first'
        when facts.actual_value = facts.previous_actual then 'flat'
        when (facts.actual_value > facts.previous_actual) = (facts.direction = 'higher') then 'improving'
        else 'worsening'
    end as trend,
    facts.file_path as source_file,
    facts.file_sha256 as source_sha256,
    facts.source_location
from facts
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = facts.engagement_id
inner join {{ ref('dim_sla_metric') }} as metrics on metrics.sla_metric_key = facts.sla_metric_key
