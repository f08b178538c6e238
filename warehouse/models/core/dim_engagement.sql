-- One row per engagement (one contract), with its type, parties and commercial terms.
select
    {{ surrogate_key(['engagement_id']) }} as engagement_sk,
    engagement_id,
    case when vendor_name is not null then {{ surrogate_key(['vendor_name']) }} end as vendor_sk,
    engagement_type,
    title,
    client_name,
    vendor_name,
    currency,
    pricing_model,
    governing_law,
    annual_charges,
    annual_charges / 12.0 as monthly_charges,
    cost_baseline,
    cost_baseline_kind,
    committed_savings_pct,
    at_risk_pct,
    earn_back_months,
    repeat_default_months,
    repeat_default_multiplier,
    credit_monthly_cap_pct,
    credit_yearly_cap_pct,
    at_risk_basis,
    is_missing_report_default,
    missing_report_default_file,
    missing_report_default_page,
    missing_report_default_sha256,
    is_auto_renewal,
    initial_term_months,
    renewal_term_months,
    notice_period_days,
    agreement_date,
    effective_date,
    expiry_date,
    termination_date,
    file_sha256 as contract_sha256,
    -- what rests on hand entries (contracts/<engagement>.yml) rather than the document
    fields_entered_by_hand,
    exists (
        select 1 from {{ ref('stg_sla_terms') }} as levels
        where levels.engagement_id = contracts.engagement_id and levels.origin = 'entered by hand'
    ) as schedule_entered_by_hand
from {{ ref('stg_contracts') }} as contracts
