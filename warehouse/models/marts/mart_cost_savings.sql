-- Per engagement: annual charges against the pre-outsourcing cost baseline, and the gap to the committed saving.
select
    engagement_id,
    engagement_type,
    vendor_name,
    currency,
    annual_charges,
    cost_baseline,
    cost_baseline_kind,
    cost_baseline - annual_charges as annual_savings,
    100.0 * (cost_baseline - annual_charges) / nullif(cost_baseline, 0) as savings_pct,
    committed_savings_pct,
    100.0 * (cost_baseline - annual_charges) / nullif(cost_baseline, 0) - committed_savings_pct as savings_gap_pct
from {{ ref('dim_engagement') }}
