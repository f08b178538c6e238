-- A table, rebuilt by every dbt build: marts and tests read it many times, and a view would redo its month
-- spine (and, for credits, the month-by-month walk) at every read.
{{ config(materialized='table') }}

-- Grain: one row per engagement and month, from its first to its last month with a flat, tiered or per-failure
-- credit: what the month's levels earn, and the credit after the contract's monthly and 12-month caps.
-- The 12-month cap depends on the credits actually given in the previous 11 months, which depend on their own
-- caps, so the months are walked in order (a recursive CTE carrying the last 11 credits). Months in between
-- without a report earn nothing but still count their charges towards the 12-month cap.
with recursive

earned as (
    select
        engagement_id,
        period_month,
        sum(credit_pct_earned) as credit_pct_earned,
        sum(credit_amount_earned) as credit_amount_earned,
        count(*) filter (where credit_pct_earned > 0 or credit_amount_earned > 0) as credit_events
    from {{ ref('int_service_credit_events') }}
    group by engagement_id, period_month
),

spans as (
    select engagement_id, min(period_month) as first_month, max(period_month) as last_month
    from earned
    group by engagement_id
),

calendar as (
    select spans.engagement_id, cast(spine.date_month as date) as period_month
    from spans
    inner join (
        {{ dbt.date_spine("month", "cast('2000-01-01' as date)", "cast('2101-01-01' as date)") }}
    ) as spine
        on spine.date_month >= spans.first_month and spine.date_month <= spans.last_month
),

months as (
    select
        calendar.engagement_id,
        calendar.period_month,
        row_number() over (partition by calendar.engagement_id order by calendar.period_month) as month_number,
        -- the month's charges, as the contract's credit clauses mean them: its own monthly charges where its
        -- basis is the contract ('Monthly Charges' defined as one twelfth of the annual), else the reported
        -- invoice where there is one, else the contract's monthly charges
        case
            when engagements.at_risk_basis = 'contract'
                then coalesce(engagements.monthly_charges, charges.monthly_charges)
            else coalesce(charges.monthly_charges, engagements.monthly_charges)
        end as monthly_charges,
        coalesce(earned.credit_pct_earned, 0) as credit_pct_earned,
        coalesce(earned.credit_amount_earned, 0) as credit_amount_earned,
        coalesce(earned.credit_events, 0) as credit_events,
        engagements.credit_monthly_cap_pct,
        engagements.credit_yearly_cap_pct
    from calendar
    inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = calendar.engagement_id
    left join earned
        on earned.engagement_id = calendar.engagement_id and earned.period_month = calendar.period_month
    left join {{ ref('fct_charges') }} as charges
        on charges.engagement_id = calendar.engagement_id and charges.period_month = calendar.period_month
),

priced as (
    select
        months.*,
        case when months.credit_pct_earned = 0 then months.credit_amount_earned
             else months.monthly_charges * months.credit_pct_earned / 100.0 + months.credit_amount_earned
        end as credit_earned,
        months.monthly_charges * months.credit_monthly_cap_pct / 100.0 as monthly_cap,
        sum(months.monthly_charges) over (
            partition by months.engagement_id order by months.month_number rows between 11 preceding and current row
        ) as charges_12_months
    from months
),

walked (
    engagement_id, month_number, credit, previous_1, previous_2, previous_3, previous_4, previous_5, previous_6,
    previous_7, previous_8, previous_9, previous_10, credits_previous_11_months
) as (
    select
        engagement_id,
        month_number,
        {{ service_credit_after_caps('credit_earned', 'monthly_cap', 'credit_yearly_cap_pct', 'charges_12_months', '0') }},
        cast(0 as double precision), cast(0 as double precision), cast(0 as double precision),
        cast(0 as double precision), cast(0 as double precision), cast(0 as double precision),
        cast(0 as double precision), cast(0 as double precision), cast(0 as double precision),
        cast(0 as double precision),
        cast(0 as double precision)
    from priced
    where month_number = 1
    union all
    select
        priced.engagement_id,
        priced.month_number,
        {{ service_credit_after_caps(
            'priced.credit_earned', 'priced.monthly_cap', 'priced.credit_yearly_cap_pct', 'priced.charges_12_months',
            'coalesce(walked.credit, 0) + walked.previous_1 + walked.previous_2 + walked.previous_3 + walked.previous_4'
            ~ ' + walked.previous_5 + walked.previous_6 + walked.previous_7 + walked.previous_8 + walked.previous_9'
            ~ ' + walked.previous_10') }},
        coalesce(walked.credit, 0), walked.previous_1, walked.previous_2, walked.previous_3, walked.previous_4,
        walked.previous_5, walked.previous_6, walked.previous_7, walked.previous_8, walked.previous_9,
        coalesce(walked.credit, 0) + walked.previous_1 + walked.previous_2 + walked.previous_3 + walked.previous_4
            + walked.previous_5 + walked.previous_6 + walked.previous_7 + walked.previous_8 + walked.previous_9
            + walked.previous_10
    from walked
    inner join priced
        on priced.engagement_id = walked.engagement_id and priced.month_number = walked.month_number + 1
)

select
    priced.engagement_id || '/' || cast(priced.period_month as varchar) as charge_key,
    priced.engagement_id,
    priced.period_month,
    priced.monthly_charges,
    priced.credit_pct_earned,
    priced.credit_events,
    priced.credit_earned,
    priced.monthly_cap,
    priced.credit_yearly_cap_pct,
    priced.charges_12_months,
    walked.credits_previous_11_months,
    walked.credit as credit_after_caps,
    case when priced.credit_earned is null and priced.credit_pct_earned > 0
        then 'no charges: the contract states no annual charges and the vendor reported no invoice for the month'
    end as credit_unknown_reason
from priced
inner join walked on walked.engagement_id = priced.engagement_id and walked.month_number = priced.month_number
