-- What the vendor reported beside what its own tickets show, per engagement, service level and month:
-- the difference, each value's verdict against the contract's Expected level, and whether the verdict
-- changes. Months only one side covers are listed too, so a gap on either side shows.
with reported as (
    select * from {{ ref('stg_measurements') }}
),

measured as (
    select * from {{ ref('int_ticket_service_levels') }}
),

metrics as (
    select * from {{ ref('dim_sla_metric') }}
),

paired as (
    select
        coalesce(reported.measurement_key, measured.measurement_key) as measurement_key,
        coalesce(reported.sla_metric_key, measured.sla_metric_key) as sla_metric_key,
        coalesce(reported.engagement_id, measured.engagement_id) as engagement_id,
        coalesce(reported.metric_id, measured.metric_id) as metric_id,
        coalesce(reported.period_month, measured.period_month) as period_month,
        reported.actual_value as reported_value,
        measured.measured_value,
        measured.tickets,
        reported.file_path as report_file
    from reported
    full outer join measured on measured.measurement_key = reported.measurement_key
    where measured.measurement_key is not null
       or reported.sla_metric_key in (select ticket_measured.sla_metric_key from measured as ticket_measured)
)

select
    paired.measurement_key,
    paired.engagement_id,
    paired.metric_id,
    metrics.metric_name,
    paired.period_month,
    metrics.unit,
    metrics.expected_level,
    paired.reported_value,
    paired.measured_value,
    {{ round_to('paired.measured_value - paired.reported_value', 2) }} as difference,
    paired.tickets,
    {{ meets_expected('paired.reported_value', 'metrics.direction', 'metrics.expected_level') }} as reported_met,
    {{ meets_expected('paired.measured_value', 'metrics.direction', 'metrics.expected_level') }} as measured_met,
    coalesce(
        {{ meets_expected('paired.reported_value', 'metrics.direction', 'metrics.expected_level') }}
        <> {{ meets_expected('paired.measured_value', 'metrics.direction', 'metrics.expected_level') }},
        false
    ) as verdict_changes,
    paired.report_file
from paired
inner join metrics on metrics.sla_metric_key = paired.sla_metric_key
