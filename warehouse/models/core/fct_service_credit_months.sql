-- A table, rebuilt by every dbt build: marts and tests read it many times, and a view would redo its month
-- spine (and, for credits, the month-by-month walk) at every read.
{{ config(materialized='table') }}

-- Grain: one row per engagement and month, from its first month in service (or its first credit event, if
-- earlier) to its last month with a flat, tiered or per-failure credit: what the month's levels earn, and the
-- credit after the contract's monthly and 12-month caps.
-- The 12-month cap depends on the credits actually given in the previous 11 months, which depend on their own
-- caps, so the months are walked in order (a recursive CTE carrying the last 11 credits). A month with results
-- of other levels only earns nothing here. A month with no result at all has an unknown credit and still counts
-- its charges towards the 12-month cap; a later month's credit is known only if it comes out the same whether
-- the unknown months earned nothing or the most their caps allow, so the walk runs under both assumptions.
with recursive

earned as (
    select
        engagement_id,
        period_month,
        sum(credit_pct_earned) as credit_pct_earned,
        sum(credit_amount_earned) as credit_amount_earned,
        count(*) filter (where credit_pct_earned > 0 or credit_amount_earned > 0) as credit_events,
        -- a deemed failure priced per step of shortfall or hour out earns an unknown share, a level priced per incident in a
        -- month no ticket export covers an unknown amount (sum() would skip either)
        count(*) filter (where credit_pct_earned is null) as levels_of_unknown_credit,
        count(*) filter (where credit_amount_earned is null) as levels_of_uncounted_incidents
    from {{ ref('fct_service_credit_events') }}
    group by engagement_id, period_month
),

reported as (
    -- a month with any result, measured or deemed failed by the contract
    select distinct engagement_id, period_month from {{ ref('fct_sla_results') }}
),

in_service as (
    select engagement_id, min(period_month) as first_month
    from {{ ref('fct_charges') }}
    group by engagement_id
),

spans as (
    -- least() skips a NULL on both engines: an engagement without charges starts at its first event
    select
        earned.engagement_id,
        least(min(earned.period_month), min(in_service.first_month)) as first_month,
        max(earned.period_month) as last_month
    from earned
    left join in_service on in_service.engagement_id = earned.engagement_id
    group by earned.engagement_id
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
        reported.engagement_id is null as is_unreported,
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
        coalesce(earned.levels_of_unknown_credit, 0) as levels_of_unknown_credit,
        coalesce(earned.levels_of_uncounted_incidents, 0) as levels_of_uncounted_incidents,
        engagements.credit_monthly_cap_pct,
        engagements.credit_yearly_cap_pct
    from calendar
    inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = calendar.engagement_id
    left join earned
        on earned.engagement_id = calendar.engagement_id and earned.period_month = calendar.period_month
    left join reported
        on reported.engagement_id = calendar.engagement_id and reported.period_month = calendar.period_month
    left join {{ ref('fct_charges') }} as charges
        on charges.engagement_id = calendar.engagement_id and charges.period_month = calendar.period_month
),

priced as (
    select
        months.*,
        case when months.levels_of_unknown_credit > 0 or months.levels_of_uncounted_incidents > 0 then null
             when months.credit_pct_earned = 0 then months.credit_amount_earned
             else months.monthly_charges * months.credit_pct_earned / 100.0 + months.credit_amount_earned
        end as credit_earned,
        months.monthly_charges * months.credit_monthly_cap_pct / 100.0 as monthly_cap,
        sum(months.monthly_charges) over (
            partition by months.engagement_id order by months.month_number rows between 11 preceding and current row
        ) as charges_12_months
    from months
),

unknown_months as (
    select priced.*, priced.is_unreported or priced.credit_earned is null as is_unknown
    from priced
),

assumptions as (
    -- 'nothing': a month of unknown credit gave none; 'most': it gave all its caps allow (infinity before them)
    select unknown_months.*, 'nothing' as assumption,
        case when unknown_months.is_unknown then 0 else unknown_months.credit_earned end as walk_earned
    from unknown_months
    union all
    select unknown_months.*, 'most' as assumption,
        case when unknown_months.is_unknown then cast('infinity' as double precision)
             else unknown_months.credit_earned end as walk_earned
    from unknown_months
),

walked (
    engagement_id, assumption, month_number, credit, previous_1, previous_2, previous_3, previous_4, previous_5,
    previous_6, previous_7, previous_8, previous_9, previous_10, credits_previous_11_months
) as (
    select
        engagement_id,
        assumption,
        month_number,
        {{ service_credit_after_caps('walk_earned', 'monthly_cap', 'credit_yearly_cap_pct', 'charges_12_months', '0') }},
        cast(0 as double precision), cast(0 as double precision), cast(0 as double precision),
        cast(0 as double precision), cast(0 as double precision), cast(0 as double precision),
        cast(0 as double precision), cast(0 as double precision), cast(0 as double precision),
        cast(0 as double precision),
        cast(0 as double precision)
    from assumptions
    where month_number = 1
    union all
    select
        assumptions.engagement_id,
        assumptions.assumption,
        assumptions.month_number,
        {{ service_credit_after_caps(
            'assumptions.walk_earned', 'assumptions.monthly_cap', 'assumptions.credit_yearly_cap_pct',
            'assumptions.charges_12_months',
            'walked.credit + walked.previous_1 + walked.previous_2 + walked.previous_3 + walked.previous_4'
            ~ ' + walked.previous_5 + walked.previous_6 + walked.previous_7 + walked.previous_8 + walked.previous_9'
            ~ ' + walked.previous_10') }},
        walked.credit, walked.previous_1, walked.previous_2, walked.previous_3, walked.previous_4,
        walked.previous_5, walked.previous_6, walked.previous_7, walked.previous_8, walked.previous_9,
        walked.credit + walked.previous_1 + walked.previous_2 + walked.previous_3 + walked.previous_4
            + walked.previous_5 + walked.previous_6 + walked.previous_7 + walked.previous_8 + walked.previous_9
            + walked.previous_10
    from walked
    inner join assumptions
        on assumptions.engagement_id = walked.engagement_id
        and assumptions.assumption = walked.assumption
        and assumptions.month_number = walked.month_number + 1
),

compared as (
    select
        unknown_months.*,
        given.credit as credit_if_unknown_gave_nothing,
        given.credits_previous_11_months,
        -- a cent apart or more: the caps leave this month's credit to what the unknown months gave
        not unknown_months.is_unknown and abs(given.credit - most.credit) >= 0.005 as depends_on_unknown,
        -- the latest month of unknown credit in the 12-month window, to name in a reason
        max(case when unknown_months.is_unknown then unknown_months.period_month end) over (
            partition by unknown_months.engagement_id order by unknown_months.month_number
            rows between 11 preceding and 1 preceding
        ) as latest_unknown_month
    from unknown_months
    inner join walked as given
        on given.engagement_id = unknown_months.engagement_id and given.month_number = unknown_months.month_number
        and given.assumption = 'nothing'
    inner join walked as most
        on most.engagement_id = unknown_months.engagement_id and most.month_number = unknown_months.month_number
        and most.assumption = 'most'
)

select
    engagement_id || '/' || cast(period_month as varchar) as charge_key,
    engagement_id,
    period_month,
    monthly_charges,
    credit_pct_earned,
    credit_events,
    credit_earned,
    monthly_cap,
    credit_yearly_cap_pct,
    charges_12_months,
    credits_previous_11_months,
    case when is_unknown or depends_on_unknown then null else credit_if_unknown_gave_nothing end as credit_after_caps,
    case
        when is_unreported
            then 'no report for ' || left(cast(period_month as varchar), 7) || ': no result, so no credit, is known'
        when levels_of_unknown_credit > 0
            then 'a level credited per step short or per hour of outage has no result for '
                || left(cast(period_month as varchar), 7)
                || ', which the contract deems a failure, so its steps or hours cannot be counted; load its report, or'
                || ' enter the month''s result by hand'
        when levels_of_uncounted_incidents > 0
            then 'a level credited per incident has no ticket count for ' || left(cast(period_month as varchar), 7)
                || ': its incidents are counted from the engagement''s ticket exports, and none covers the month;'
                || ' load the export that holds its tickets'
        when credit_earned is null and credit_pct_earned > 0
            then 'no charges: the contract states no annual charges and the vendor reported no invoice for the month'
        when depends_on_unknown
            then 'the 12-month cap makes this month''s credit depend on the unknown credit of '
                || coalesce(left(cast(latest_unknown_month as varchar), 7), 'an earlier month')
                || '; load that month''s report, or enter its results by hand'
    end as credit_unknown_reason
from compared
