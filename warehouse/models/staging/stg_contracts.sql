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
        -- one column per contract field the spec pivots (var contract_fields in dbt_project.yml, defined once)
        {%- for spec in var('contract_fields') if spec.column %}
        max(case when field = '{{ spec.field }}' then value end) as {{ spec.column }},
        {%- endfor %}
        -- where that term was read (the contract PDF, or the corrections file that entered it), for lineage
        max(case when field = 'missing_report_deemed_default' then file_path end) as missing_report_default_file,
        max(case when field = 'missing_report_deemed_default' then page end) as missing_report_default_page,
        max(case when field = 'missing_report_deemed_default' then file_sha256 end) as missing_report_default_sha256,
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
