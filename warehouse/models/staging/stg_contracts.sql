-- One row per engagement: the contract's extracted terms, typed. Pivoted from the long provenance table.
-- Dates left partly blank in a contract ('August __, 2019' -> '2019-08') stay null here; the raw value is kept.
with terms as (
    -- low-confidence values wait in contract_terms_for_review instead of becoming facts
    select *, coalesce(origin, 'extracted') as value_origin from {{ source('raw', 'raw_contract_terms') }}
    where confidence >= {{ var('review_confidence_threshold') }}
),

ranked as (
    -- a value entered by hand (contracts/<engagement>.yml) wins over the extracted one; raw keeps both
    select
        *,
        row_number() over (
            partition by engagement_id, field
            order by case when value_origin = 'entered by hand' then 0 else 1 end, value desc
        ) as rank_in_field
    from terms
),

documents as (
    select engagement_id, max(file_sha256) as file_sha256
    from terms
    where value_origin = 'extracted'
    group by engagement_id
),

pivoted as (
    select
        engagement_id,
        max(case when field = 'title' then value end) as title,
        max(case when field = 'client' then value end) as client_name,
        max(case when field = 'vendor' then value end) as vendor_name,
        max(case when field = 'engagement_type' then value end) as engagement_type,
        max(case when field = 'currency' then value end) as currency,
        max(case when field = 'pricing_model' then value end) as pricing_model,
        max(case when field = 'governing_law' then value end) as governing_law,
        max(case when field = 'cost_baseline_kind' then value end) as cost_baseline_kind,
        max(case when field = 'auto_renewal' then value end) as auto_renewal,
        max(case when field = 'annual_charges' then value end) as annual_charges,
        max(case when field = 'cost_baseline' then value end) as cost_baseline,
        max(case when field = 'committed_savings_pct' then value end) as committed_savings_pct,
        max(case when field = 'at_risk_pct' then value end) as at_risk_pct,
        max(case when field = 'earn_back_months' then value end) as earn_back_months,
        max(case when field = 'repeat_default_months' then value end) as repeat_default_months,
        max(case when field = 'repeat_default_multiplier' then value end) as repeat_default_multiplier,
        max(case when field = 'credit_monthly_cap_pct' then value end) as credit_monthly_cap_pct,
        max(case when field = 'credit_yearly_cap_pct' then value end) as credit_yearly_cap_pct,
        max(case when field = 'at_risk_basis' then value end) as at_risk_basis,
        max(case when field = 'ticket_month_basis' then value end) as ticket_month_basis,
        max(case when field = 'minimum_monthly_tickets' then value end) as minimum_monthly_tickets,
        max(case when field = 'missing_report_deemed_default' then value end) as missing_report_deemed_default,
        -- where that term was read (the contract PDF, or the corrections file that entered it), for lineage
        max(case when field = 'missing_report_deemed_default' then file_path end) as missing_report_default_file,
        max(case when field = 'missing_report_deemed_default' then page end) as missing_report_default_page,
        max(case when field = 'missing_report_deemed_default' then file_sha256 end) as missing_report_default_sha256,
        max(case when field = 'initial_term_months' then value end) as initial_term_months,
        max(case when field = 'renewal_term_months' then value end) as renewal_term_months,
        max(case when field = 'notice_period_days' then value end) as notice_period_days,
        max(case when field = 'agreement_date' then value end) as agreement_date,
        max(case when field = 'effective_date' then value end) as effective_date,
        max(case when field = 'expiry_date' then value end) as expiry_date,
        max(case when field = 'termination_date' then value end) as termination_date,
        string_agg(case when value_origin = 'entered by hand' then field end, ', ' order by field) as fields_entered_by_hand
    from ranked
    where rank_in_field = 1
    group by engagement_id
)

select
    pivoted.engagement_id,
    title,
    client_name,
    vendor_name,
    coalesce(engagement_type, 'other') as engagement_type,
    currency,
    pricing_model,
    governing_law,
    cost_baseline_kind,
    auto_renewal = 'true' as is_auto_renewal,
    cast(annual_charges as double precision) as annual_charges,
    cast(cost_baseline as double precision) as cost_baseline,
    cast(committed_savings_pct as double precision) as committed_savings_pct,
    cast(at_risk_pct as double precision) as at_risk_pct,
    -- no earn-back clause: credits are final
    coalesce(cast(earn_back_months as integer), 0) as earn_back_months,
    -- no escalation clause: a repeated default earns the same credit as the first
    cast(repeat_default_months as integer) as repeat_default_months,
    coalesce(cast(repeat_default_multiplier as double precision), 1.0) as repeat_default_multiplier,
    -- no cap stated: credits of a flat % or tiered model are limited only by what the month's levels earn
    cast(credit_monthly_cap_pct as double precision) as credit_monthly_cap_pct,
    cast(credit_yearly_cap_pct as double precision) as credit_yearly_cap_pct,
    -- a contract silent on what the at-risk % applies to: the month's invoice where reported (the amount the
    -- credit reduces), else its monthly charges
    coalesce(at_risk_basis, 'invoice') as at_risk_basis,
    -- tickets count in the month they were resolved, unless the contract measures those opened in the month
    coalesce(ticket_month_basis, 'resolved') as ticket_month_basis,
    -- a contract silent on volume measures a month over whatever tickets it had
    cast(minimum_monthly_tickets as double precision) as minimum_monthly_tickets,
    -- a contract silent on missing reports: a month without one has unknown performance, so unknown credits
    coalesce(missing_report_deemed_default = 'true', false) as is_missing_report_default,
    missing_report_default_file,
    missing_report_default_page,
    missing_report_default_sha256,
    cast(initial_term_months as integer) as initial_term_months,
    -- a renewal for an unlimited period ('perpetual') has no length in months: renews_indefinitely says so
    case when renewal_term_months <> 'perpetual' then cast(renewal_term_months as integer) end as renewal_term_months,
    coalesce(renewal_term_months = 'perpetual', false) as renews_indefinitely,
    cast(notice_period_days as integer) as notice_period_days,
    case when length(agreement_date) = 10 then cast(agreement_date as date) end as agreement_date,
    case when length(effective_date) = 10 then cast(effective_date as date) end as effective_date,
    case when length(expiry_date) = 10 then cast(expiry_date as date) end as expiry_date,
    case when length(termination_date) = 10 then cast(termination_date as date) end as termination_date,
    fields_entered_by_hand,
    documents.file_sha256
from pivoted
left join documents on documents.engagement_id = pivoted.engagement_id
