-- One row per service level an engagement's contract defines.
select
    terms.sla_metric_key,
    terms.engagement_id,
    terms.metric_id,
    terms.metric_name,
    terms.unit,
    terms.direction,
    terms.measurement_window,
    terms.baseline_level,
    terms.expected_level,
    terms.minimum_level,
    terms.allocation_pct,
    terms.is_critical,
    terms.credit_model,
    terms.credit_pct,
    terms.credit_amount,
    terms.credit_tiers,
    terms.credit_trigger_count,
    terms.credit_trigger_months,
    terms.source_page,
    terms.source_text
from {{ ref('stg_sla_terms') }} as terms
