-- Grain: one row per engagement and month with a report. Charges are the contract's monthly charges
-- until invoices are loaded (a later source); the at-risk amount is a share of them.
with months as (
    select distinct engagement_id, period_month from {{ ref('fct_sla_measurement') }}
)

select
    months.engagement_id || '/' || cast(months.period_month as varchar) as charge_key,
    months.engagement_id,
    months.period_month,
    engagements.currency,
    engagements.monthly_charges,
    engagements.monthly_charges * engagements.at_risk_pct / 100.0 as at_risk_amount,
    'contract' as charges_source
from months
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = months.engagement_id
