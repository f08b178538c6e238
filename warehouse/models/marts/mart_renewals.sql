-- Per engagement: when the current term ends, whether it renews by itself, and the last day to give notice.
-- An auto-renewing contract past its first expiry rolls forward by whole renewal terms to the term in force.
-- Dates are measured against var('as_of_date') (default: today).
with engagements as (
    select
        *,
        {{ var('as_of_date', 'current_date') }} as as_of_date
    from {{ ref('dim_engagement') }}
),

terms as (
    select
        *,
        case
            when expiry_date is null or expiry_date >= as_of_date or not coalesce(is_auto_renewal, false)
                 or coalesce(renewal_term_months, 0) = 0 then expiry_date
            else cast({{ dbt.dateadd('month',
                "renewal_term_months * cast(ceil(cast(" ~ dbt.datediff('expiry_date', 'as_of_date', 'month')
                ~ " as double precision) / renewal_term_months) as integer)", 'expiry_date') }} as date)
        end as current_term_end
    from engagements
)

select
    engagement_id,
    engagement_type,
    vendor_name,
    client_name,
    effective_date,
    expiry_date as initial_expiry_date,
    current_term_end,
    is_auto_renewal,
    renewal_term_months,
    notice_period_days,
    current_term_end - coalesce(notice_period_days, 0) as notice_deadline,
    current_term_end - coalesce(notice_period_days, 0) - as_of_date as days_to_notice_deadline,
    current_term_end - as_of_date as days_to_term_end,
    current_term_end - coalesce(notice_period_days, 0) - as_of_date between 0 and 30 as notice_due_30_days,
    current_term_end - coalesce(notice_period_days, 0) - as_of_date between 0 and 90 as notice_due_90_days,
    current_term_end - coalesce(notice_period_days, 0) - as_of_date between 0 and 180 as notice_due_180_days,
    as_of_date,
    contract_sha256 as source_sha256
from terms
