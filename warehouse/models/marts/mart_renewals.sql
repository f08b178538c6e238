-- Per engagement: when the current term ends, whether it renews by itself, and the last day to give notice.
-- An auto-renewing contract past its first expiry rolls forward by whole renewal terms to the term in force; a
-- contract terminated early (termination_date, entered by hand) ends on that day.
-- Dates are measured against var('as_of_date') (default: today).
with engagements as (
    select
        *,
        {{ var('as_of_date', 'current_date') }} as as_of_date
    from {{ ref('dim_engagement') }}
),

rolls as (
    select
        *,
        expiry_date is not null and expiry_date < as_of_date and coalesce(is_auto_renewal, false)
            and coalesce(renewal_term_months, 0) > 0 as rolls_forward
    from engagements
),

first_try as (
    select
        *,
        case when rolls_forward then cast({{ dbt.dateadd('month',
            "renewal_term_months * cast(ceil(cast(" ~ dbt.datediff('expiry_date', 'as_of_date', 'month')
            ~ " as double precision) / renewal_term_months) as integer)", 'expiry_date') }} as date)
        end as rolled_end
    from rolls
),

in_force as (
    select
        *,
        case
            when not rolls_forward then expiry_date
            -- whole months counted between a mid-month expiry and a later day of the month fall one term short
            when rolled_end < as_of_date then cast({{ dbt.dateadd('month', 'renewal_term_months', 'rolled_end') }} as date)
            else rolled_end
        end as term_end_in_force
    from first_try
),

terms as (
    -- a contract terminated early ends on its termination date, whatever term it was in
    select
        *,
        case
            when termination_date is not null and (term_end_in_force is null or termination_date < term_end_in_force)
                then termination_date
            else term_end_in_force
        end as current_term_end
    from in_force
)

select
    engagement_id,
    engagement_type,
    vendor_name,
    client_name,
    effective_date,
    expiry_date as initial_expiry_date,
    termination_date,
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
    -- the last day to give notice has gone and the term has not ended: it will renew (or end) without a say
    current_term_end - coalesce(notice_period_days, 0) < as_of_date and current_term_end >= as_of_date
        as is_notice_deadline_passed,
    as_of_date,
    contract_sha256 as source_sha256
from terms
