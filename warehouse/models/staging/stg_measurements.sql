with source as (
    select * from {{ source('raw', 'raw_measurements') }}
)

select
    engagement_id || '/' || metric_id || '/' || period as measurement_key,
    engagement_id || '/' || metric_id as sla_metric_key,
    engagement_id,
    metric_id,
    metric_name as reported_metric_name,
    match_method,
    match_score,
    cast(period || '-01' as date) as period_month,
    actual as actual_value,
    actual_text,
    reported_met,
    file_sha256,
    file_path,
    location as source_location,
    loaded_at
from source
