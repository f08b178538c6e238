-- Grain: one row per engagement, service level and month.
-- met: the Expected level is reached; breached: the Minimum level is missed (a Service Level Default).
with reported as (
    select * from {{ ref('stg_measurements') }}
),

-- a month the vendor did not report but its tickets show: the value measured from them, marked as such
measured as (
    select measured.*
    from {{ ref('int_ticket_service_levels') }} as measured
    left join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = measured.engagement_id
    where measured.measurement_key not in (select measurement_key from reported)
        and measured.measured_value is not null
        -- tickets from before the contract took effect, or after it ended, measure none of its months
        and (engagements.effective_date is null
             or measured.period_month >= cast({{ dbt.date_trunc('month', 'engagements.effective_date') }} as date))
        and (engagements.expiry_date is null or measured.period_month <= engagements.expiry_date
             or (coalesce(engagements.is_auto_renewal, false) and coalesce(engagements.renewal_term_months, 0) > 0))
),

measurements as (
    select
        measurement_key, engagement_id, metric_id, sla_metric_key, period_month, actual_value, reported_met,
        reported_target, file_sha256, file_path, source_location, 'reported' as value_source
    from reported
    union all
    select
        measurement_key, engagement_id, metric_id, sla_metric_key, period_month, measured_value, null, null,
        file_sha256, file_path, source_location, 'measured from tickets'
    from measured
),

metrics as (
    select * from {{ ref('dim_sla_metric') }}
)

select
    measurements.measurement_key,
    -- the keys to every dimension, hashed from the natural keys as the dimensions hash them
    {{ surrogate_key(['measurements.engagement_id']) }} as engagement_sk,
    {{ surrogate_key(['measurements.engagement_id', 'measurements.metric_id']) }} as sla_metric_sk,
    engagements.vendor_sk,
    {{ month_key('measurements.period_month') }} as month_sk,
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
    measurements.source_location,
    measurements.value_source
from measurements
inner join metrics on metrics.sla_metric_key = measurements.sla_metric_key
left join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = measurements.engagement_id
