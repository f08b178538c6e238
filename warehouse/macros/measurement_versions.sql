{#- Every reported value ever loaded, numbered by version per engagement, metric and month: the one definition of
    which value supersedes which, for stg_measurement_versions (every version) and stg_measurements (the one in
    force). A later report for a month already reported (a restatement) supersedes the earlier value; within one
    load, a file named as a restatement ("restated", "corrected", "revised") comes after the original. -#}
{% macro measurement_versions() %}
with source as (
    select * from {{ source('raw', 'raw_measurements') }}
),

ordered as (
    select
        *,
        case when lower(file_path) like '%restat%' or lower(file_path) like '%correct%'
                  or lower(file_path) like '%revis%' then 1 else 0 end as is_restatement_file
    from source
)

select
    engagement_id || '/' || metric_id || '/' || period || '/' || file_sha256 as measurement_version_key,
    engagement_id || '/' || metric_id || '/' || period as measurement_key,
    engagement_id || '/' || metric_id as sla_metric_key,
    engagement_id,
    metric_id,
    metric_name as reported_metric_name,
    match_method,
    match_score,
    -- a month's first day for monthly values; for weekly or quarterly values, the first day of that period
    cast(period_start as date) as period_month,
    coalesce(grain, 'month') as grain,
    actual as actual_value,
    actual_text,
    conversion,
    reported_met,
    reported_target,
    file_sha256,
    file_path,
    location as source_location,
    loaded_at,
    row_number() over (partition by engagement_id, metric_id, period
                       order by loaded_at, is_restatement_file, file_path) as version,
    count(*) over (partition by engagement_id, metric_id, period) as versions,
    lead(loaded_at) over (partition by engagement_id, metric_id, period
                          order by loaded_at, is_restatement_file, file_path) as superseded_at,
    lead(file_path) over (partition by engagement_id, metric_id, period
                          order by loaded_at, is_restatement_file, file_path) as superseded_by_file
from ordered
{% endmacro %}
