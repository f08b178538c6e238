-- The value in force for each engagement, metric and month: the latest version (macros/measurement_versions.sql,
-- which stg_measurement_versions lists whole).
-- SLA windows are monthly, so the marts use monthly values; weekly and quarterly ones stay in measurement_history.
select
    measurement_key,
    sla_metric_key,
    engagement_id,
    metric_id,
    reported_metric_name,
    match_method,
    match_score,
    period_month,
    actual_value,
    actual_text,
    conversion,
    reported_met,
    reported_target,
    file_sha256,
    file_path,
    source_location,
    loaded_at,
    versions
from ({{ measurement_versions() }}) as measurement_versions
where version = versions and grain = 'month'
