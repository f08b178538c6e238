-- Per engagement and month: the service credit owed. Each Service Level Default (a critical level below
-- its Minimum) earns its allocation % of the at-risk amount; the month's total is capped at the at-risk amount.
with defaults as (
    select
        engagement_id,
        period_month,
        count(*) filter (where is_breached) as breaches,
        count(*) filter (where is_breached and is_critical) as service_level_defaults,
        coalesce(sum(case when is_breached and is_critical then allocation_pct end), 0) as allocation_pct_triggered
    from {{ ref('fct_sla_measurement') }}
    group by engagement_id, period_month
)

select
    charges.charge_key,
    charges.engagement_id,
    engagements.engagement_type,
    engagements.vendor_name,
    charges.period_month,
    charges.currency,
    charges.monthly_charges,
    charges.at_risk_amount,
    defaults.breaches,
    defaults.service_level_defaults,
    defaults.allocation_pct_triggered,
    charges.at_risk_amount * defaults.allocation_pct_triggered / 100.0 as credit_before_cap,
    {{ round_to("least(charges.at_risk_amount * defaults.allocation_pct_triggered / 100.0, charges.at_risk_amount)", 2) }} as credit_amount
from {{ ref('fct_charges') }} as charges
inner join defaults
    on defaults.engagement_id = charges.engagement_id and defaults.period_month = charges.period_month
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = charges.engagement_id
