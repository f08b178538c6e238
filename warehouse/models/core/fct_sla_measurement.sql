-- Grain: one row per engagement, service level and month.
-- met: the Expected level is reached; breached: the Minimum level is missed (a Service Level Default).
with measurements as (
    select * from {{ ref('stg_measurements') }}
),

metrics as (
    select * from {{ ref('dim_sla_metric') }}
)

select
    measurements.measurement_key,
    measurements.engagement_id,
    measurements.metric_id,
    measurements.sla_metric_key,
    measurements.period_month,
    metrics.direction,
    metrics.is_critical,
    metrics.allocation_pct,
    metrics.expected_level,
    metrics.minimum_level,
    measurements.actual_value,
    {{ meets_expected('measurements.actual_value', 'metrics.direction', 'metrics.expected_level') }} as is_met,
    {{ misses_minimum('measurements.actual_value', 'metrics.direction', 'metrics.minimum_level') }} as is_breached,
    measurements.reported_met,
    measurements.reported_target,
    measurements.file_sha256,
    measurements.file_path,
    measurements.source_location
from measurements
inner join metrics on metrics.sla_metric_key = measurements.sla_metric_key
