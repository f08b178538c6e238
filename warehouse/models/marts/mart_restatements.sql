-- Every restated value: what a later report (a resend, a file named "corrected" or "restated") replaced, by which
-- file, and whether the replacement turns a met month into a missed one or back, or a Service Level Default
-- (which moves a credit) into none or back. Restatements are recorded, never silent overrides.
with versions as (
    select
        measurement_key,
        sla_metric_key,
        engagement_id,
        metric_id,
        period_month,
        version,
        actual_value,
        file_path,
        lead(actual_value) over (partition by measurement_key order by version) as restated_value,
        lead(file_path) over (partition by measurement_key order by version) as restated_by_file,
        lead(loaded_at) over (partition by measurement_key order by version) as restated_at
    from {{ ref('stg_measurement_versions') }}
    where grain = 'month'
),

judged as (
    select
        versions.*,
        metrics.direction,
        metrics.expected_level,
        metrics.minimum_level,
        metrics.is_critical,
        {{ meets_expected('versions.actual_value', 'metrics.direction', 'metrics.expected_level') }} as was_met,
        {{ meets_expected('versions.restated_value', 'metrics.direction', 'metrics.expected_level') }} as is_met_now,
        {{ misses_minimum('versions.actual_value', 'metrics.direction', 'metrics.minimum_level') }} as was_breached,
        {{ misses_minimum('versions.restated_value', 'metrics.direction', 'metrics.minimum_level') }} as is_breached_now
    from versions
    inner join {{ ref('dim_sla_metric') }} as metrics on metrics.sla_metric_key = versions.sla_metric_key
    where versions.restated_by_file is not null
)

select
    measurement_key || '/v' || cast(version as varchar) as restatement_key,
    engagement_id,
    metric_id,
    period_month,
    version as replaced_version,
    actual_value as replaced_value,
    file_path as replaced_file,
    restated_value,
    restated_by_file,
    restated_at,
    was_met,
    is_met_now,
    was_met <> is_met_now or was_breached <> is_breached_now as changes_verdict,
    coalesce(is_critical, false) and was_breached <> is_breached_now as changes_credit
from judged
