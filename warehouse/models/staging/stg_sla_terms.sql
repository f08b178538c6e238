with source as (
    select * from {{ source('raw', 'raw_sla_terms') }}
)

select
    engagement_id || '/' || metric_id as sla_metric_key,
    engagement_id,
    metric_id,
    metric_name,
    unit,
    direction,
    measurement_window,
    baseline as baseline_level,
    expected as expected_level,
    minimum as minimum_level,
    allocation_pct,
    -- a service level with a share of the at-risk pool is critical; 0% marks a key measurement
    allocation_pct > 0 as is_critical,
    confidence,
    file_sha256,
    page as source_page,
    source_text
from source
