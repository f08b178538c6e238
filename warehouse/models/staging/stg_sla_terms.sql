with source as (
    select *, coalesce(origin, 'extracted') as row_origin from {{ source('raw', 'raw_sla_terms') }}
),

hand_schedules as (
    -- a schedule entered by hand (contracts/<engagement>.yml) is the engagement's whole schedule
    select distinct engagement_id from source where row_origin = 'entered by hand'
),

effective as (
    select source.*
    from source
    left join hand_schedules on hand_schedules.engagement_id = source.engagement_id
    where source.row_origin = 'entered by hand' or hand_schedules.engagement_id is null
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
    -- "95% of calls within 20 seconds": expected_level 95 (percent), threshold 20 (seconds)
    threshold,
    threshold_unit,
    allowed_deviation_pct,
    severity,
    extraction_rule,
    -- how missing this level costs the vendor; no model stated: the at-risk pool with its allocation
    coalesce(credit_model, 'at-risk pool') as credit_model,
    credit_pct,
    credit_amount,
    credit_tiers,
    credit_trigger_count,
    credit_trigger_months,
    credit_step,
    credit_part_step_counts,
    -- a service level with a share of the at-risk pool is critical; 0% marks a key measurement
    allocation_pct > 0 as is_critical,
    confidence,
    row_origin as origin,
    file_sha256,
    page as source_page,
    source_text
from effective
