-- Every version of every reported value, current or superseded, with when and by which file it was replaced.
select
    measurement_version_key,
    measurement_key,
    engagement_id,
    metric_id,
    period_month,
    grain,
    actual_value,
    actual_text,
    conversion,
    version,
    version = versions as is_current,
    loaded_at,
    superseded_at,
    superseded_by_file,
    file_path,
    file_sha256,
    source_location
from {{ ref('stg_measurement_versions') }}
