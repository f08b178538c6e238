-- Per engagement and month: the service credit owed. Each Service Level Default (a critical level below
-- its Minimum) earns its allocation % of the at-risk amount; where the contract escalates repeated defaults, a
-- default that is the Nth or later consecutive one for the same level earns its allocation x the multiplier. The
-- month's total is capped at the at-risk amount. Where the contract has earn-back, a default's credit is earned
-- back when the level meets its Expected level in each of the following `earn_back_months` months; owed and
-- earned-back credits are kept apart. A month in service with no result at all has an unknown credit (NULL, with
-- the reason), unless the contract deems a missing report a failure: then fct_sla_results holds the month's
-- deemed failures and they are priced like any other.
with facts as (
    select * from {{ ref('fct_sla_results') }}
),

engagements as (
    select * from {{ ref('dim_engagement') }}
),

numbered_defaults as (
    select
        facts.*,
        -- consecutive months share one value of month_index - row_number (gaps and islands)
        extract(year from period_month) * 12 + extract(month from period_month)
            - row_number() over (partition by sla_metric_key order by period_month) as default_run
    from facts
    where is_breached and is_critical
),

service_level_defaults as (
    select
        numbered_defaults.*,
        row_number() over (partition by sla_metric_key, default_run order by period_month) as consecutive_defaults,
        engagements.repeat_default_months,
        engagements.repeat_default_multiplier
    from numbered_defaults
    inner join engagements on engagements.engagement_id = numbered_defaults.engagement_id
),

escalated as (
    select
        service_level_defaults.*,
        consecutive_defaults >= coalesce(repeat_default_months, 0) and repeat_default_months is not null
            as is_repeat_default,
        allocation_pct * case when consecutive_defaults >= repeat_default_months then repeat_default_multiplier
                              else 1 end as effective_allocation_pct
    from service_level_defaults
),

defaults as (
    select
        facts.engagement_id,
        facts.period_month,
        count(*) filter (where not facts.is_deemed_failure) as results,
        count(*) filter (where facts.is_deemed_failure) as deemed_failures,
        count(*) filter (where facts.is_breached) as breaches,
        count(escalated.sla_metric_key) as service_level_defaults,
        count(*) filter (where escalated.is_repeat_default) as repeat_defaults,
        coalesce(sum(escalated.effective_allocation_pct), 0) as allocation_pct_triggered
    from facts
    left join escalated
        on escalated.sla_metric_key = facts.sla_metric_key and escalated.period_month = facts.period_month
    group by facts.engagement_id, facts.period_month
),

earned_back as (
    -- one row per default whose next earn_back_months months were all reported and met
    select
        defaulted.engagement_id,
        defaulted.period_month,
        -- one per default: the join repeats it per later month
        max(defaulted.effective_allocation_pct) as allocation_pct_earned_back
    from escalated as defaulted
    inner join engagements on engagements.engagement_id = defaulted.engagement_id
    inner join facts as later
        on later.sla_metric_key = defaulted.sla_metric_key
        and later.period_month > defaulted.period_month
        and later.period_month <= {{ dbt.dateadd('month', 'engagements.earn_back_months', 'defaulted.period_month') }}
    where engagements.earn_back_months > 0
    group by defaulted.engagement_id, defaulted.period_month, defaulted.sla_metric_key,
             defaulted.effective_allocation_pct, engagements.earn_back_months
    having count(*) filter (where later.is_met) = engagements.earn_back_months
),

earned_back_by_month as (
    select engagement_id, period_month, sum(allocation_pct_earned_back) as allocation_pct_earned_back
    from earned_back
    group by engagement_id, period_month
),

credits as (
    -- every month in service, reported or not: a month with no result has an unknown credit unless the contract
    -- deems it failed
    select
        charges.*,
        coalesce(defaults.results, 0) > 0 as has_report,
        coalesce(defaults.deemed_failures, 0) as deemed_failures,
        coalesce(defaults.results, 0) = 0 and coalesce(defaults.deemed_failures, 0) = 0 as is_unknown_month,
        coalesce(defaults.breaches, 0) as breaches,
        coalesce(defaults.service_level_defaults, 0) as service_level_defaults,
        coalesce(defaults.repeat_defaults, 0) as repeat_defaults,
        coalesce(defaults.allocation_pct_triggered, 0) as allocation_pct_triggered,
        coalesce(earned_back_by_month.allocation_pct_earned_back, 0) as allocation_pct_earned_back,
        charges.at_risk_amount * coalesce(defaults.allocation_pct_triggered, 0) / 100.0 as credit_before_cap,
        least(charges.at_risk_amount * coalesce(defaults.allocation_pct_triggered, 0) / 100.0, charges.at_risk_amount)
            as capped_credit
    from {{ ref('fct_charges') }} as charges
    left join defaults
        on defaults.engagement_id = charges.engagement_id and defaults.period_month = charges.period_month
    left join earned_back_by_month
        on earned_back_by_month.engagement_id = charges.engagement_id
        and earned_back_by_month.period_month = charges.period_month
),

priced as (
    select
        credits.*,
        -- the at-risk pool's credit: a month without a service level default owes nothing whatever the charges;
        -- with one, an unknown at-risk amount makes the credit unknown (NULL, with the reason), never zero
        case when credits.is_unknown_month then null when credits.allocation_pct_triggered = 0 then 0
             else {{ round_to("credits.capped_credit", 2) }} end
            as pool_credit_amount,
        -- the cap scales every default's share alike, so an earned-back default returns its capped share;
        -- earn-back is a term of the at-risk pool only
        case when credits.is_unknown_month then null when credits.allocation_pct_triggered = 0 then 0 else
            {{ round_to("credits.capped_credit * credits.allocation_pct_earned_back / credits.allocation_pct_triggered", 2) }}
        end as credit_earned_back,
        case when credits.is_unknown_month then null when credits.allocation_pct_triggered = 0 then 0 else
            {{ round_to("credits.capped_credit - credits.capped_credit * credits.allocation_pct_earned_back / credits.allocation_pct_triggered", 2) }}
        end as pool_net_credit_amount,
        -- levels with a credit model of their own (flat % per failure, tiered, amount per failure), after the
        -- contract's monthly and 12-month caps (fct_service_credit_months); NULL when their charges are unknown
        case when credits.is_unknown_month then null when level_credits.charge_key is null then 0
             else {{ round_to("level_credits.credit_after_caps", 2) }} end
            as level_credit_amount,
        -- what every model earns before any cap, so a binding cap shows: the pool's allocations of the at-risk
        -- amount, and the levels' own credits before the monthly and 12-month caps
        case when credits.is_unknown_month then null when credits.allocation_pct_triggered = 0 then 0
             else credits.credit_before_cap end
            + case when level_credits.charge_key is null then 0 else level_credits.credit_earned end
            as credit_before_any_cap,
        -- a default is a default under any model: a critical level below its Minimum (the pool) or a level whose
        -- own credit model gives a credit for the month
        credits.service_level_defaults + coalesce(level_credits.credit_events, 0) as defaults_in_any_model,
        level_credits.credit_unknown_reason as level_credit_unknown_reason
    from credits
    left join {{ ref('fct_service_credit_months') }} as level_credits on level_credits.charge_key = credits.charge_key
)

select
    priced.charge_key,
    priced.engagement_id,
    engagements.engagement_type,
    engagements.vendor_name,
    priced.period_month,
    -- 'no report': the vendor sent no performance report for the month and no ticket measured it; its performance
    -- is unknown, not clean (mart_missing_reports lists these), and so is its credit unless the contract deems the
    -- month failed (deemed_failures: the levels so failed)
    case when priced.has_report then 'reported' else 'no report' end as report_status,
    priced.deemed_failures,
    priced.currency,
    {{ money("priced.monthly_charges") }} as monthly_charges,
    priced.charges_source,
    {{ money("priced.at_risk_amount") }} as at_risk_amount,
    priced.breaches,
    priced.defaults_in_any_model as service_level_defaults,
    priced.repeat_defaults,
    engagements.repeat_default_multiplier,
    priced.allocation_pct_triggered,
    {{ money("priced.credit_before_any_cap") }} as credit_before_cap,
    {{ money("priced.pool_credit_amount") }} as pool_credit_amount,
    {{ money("priced.level_credit_amount") }} as level_credit_amount,
    {{ money("priced.pool_credit_amount + priced.level_credit_amount") }} as credit_amount,
    coalesce(
        case when priced.is_unknown_month then
            'no report for ' || left(cast(priced.period_month as varchar), 7) || ': the month''s performance, so its '
            || 'credit, is unknown (the contract does not deem a missing report a failure); load the report, or '
            || 'enter the month''s results by hand (see mart_missing_reports)'
        end,
        case when priced.allocation_pct_triggered > 0 then priced.credit_unknown_reason end,
        priced.level_credit_unknown_reason
    ) as credit_unknown_reason,
    {{ money("priced.credit_earned_back") }} as credit_earned_back,
    {{ money("priced.pool_net_credit_amount + priced.level_credit_amount") }} as net_credit_amount,
    engagements.earn_back_months
from priced
inner join engagements on engagements.engagement_id = priced.engagement_id
