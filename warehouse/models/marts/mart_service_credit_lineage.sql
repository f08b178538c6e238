-- Where each month's service credit comes from: one row per value behind a mart_service_credits row - each
-- Service Level Default (with the report file and row it was read from), each level deemed failed for want of a
-- report on it (with the contract clause that deems it), and the invoice that set the charges.
select
    facts.engagement_id || '/' || cast(facts.period_month as varchar) as charge_key,
    facts.measurement_key as source_key,
    'service_level_default' as source_kind,
    facts.sla_metric_key,
    facts.actual_value as value,
    facts.file_path,
    facts.file_sha256,
    facts.source_location
from {{ ref('fct_sla_measurement') }} as facts
where facts.is_breached and facts.is_critical

union all

select
    deemed.engagement_id || '/' || cast(deemed.period_month as varchar),
    deemed.sla_metric_key || '/' || cast(deemed.period_month as varchar),
    'deemed_failure',
    deemed.sla_metric_key,
    cast(null as double precision),
    engagements.missing_report_default_file,
    engagements.missing_report_default_sha256,
    'page ' || cast(engagements.missing_report_default_page as varchar)
        || ': no result reported for the level in the month, which the contract deems a failure of it'
from {{ ref('fct_sla_results') }} as deemed
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = deemed.engagement_id
where deemed.is_deemed_failure

union all

select
    charges.charge_key,
    invoices.measurement_key,
    'invoice',
    invoices.sla_metric_key,
    invoices.actual_value,
    invoices.file_path,
    invoices.file_sha256,
    invoices.source_location
from {{ ref('fct_charges') }} as charges
inner join {{ ref('stg_measurements') }} as invoices on invoices.measurement_key = charges.invoice_measurement_key
