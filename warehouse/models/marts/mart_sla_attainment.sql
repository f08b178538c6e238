-- Per engagement, service level and month: target, actual, met / breached, with the engagement's type.
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
    facts.file_path as source_file,
    facts.source_location
from {{ ref('fct_sla_measurement') }} as facts
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = facts.engagement_id
inner join {{ ref('dim_sla_metric') }} as metrics on metrics.sla_metric_key = facts.sla_metric_key
