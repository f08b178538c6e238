-- Grain: one row per engagement and month in service (dim_engagement_month), and any other month with a report or
-- an invoice. A month's charges are what the vendor reported it invoiced where it did, else the contract's monthly
-- charges; the at-risk amount is a share of them.
with invoices as (
    select engagement_id, period_month, actual_value as invoiced_charges, measurement_key as invoice_measurement_key
    from {{ ref('stg_measurements') }}
    where metric_id = '{{ var("invoiced_charges_metric") }}'
),

months as (
    select engagement_id, period_month from {{ ref('dim_engagement_month') }}
    union
    select engagement_id, period_month from {{ ref('fct_sla_measurement') }}
    union
    select engagement_id, period_month from invoices
),

charges as (
    select
        months.engagement_id,
        months.period_month,
        engagements.currency,
        coalesce(invoices.invoiced_charges, engagements.monthly_charges) as monthly_charges,
        engagements.monthly_charges as contract_monthly_charges,
        engagements.at_risk_pct,
        engagements.at_risk_basis,
        engagements.annual_charges,
        engagements.vendor_sk,
        case when invoices.invoiced_charges is not null then 'invoice' else 'contract' end as charges_source,
        invoices.invoice_measurement_key
    from months
    inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = months.engagement_id
    left join invoices
        on invoices.engagement_id = months.engagement_id and invoices.period_month = months.period_month
)

select
    engagement_id || '/' || cast(period_month as varchar) as charge_key,
    {{ surrogate_key(['engagement_id']) }} as engagement_sk,
    vendor_sk,
    {{ month_key('period_month') }} as month_sk,
    engagement_id,
    period_month,
    currency,
    monthly_charges,
    contract_monthly_charges,
    -- the at-risk % applies to what the contract says it does: its own monthly charges, or the month's invoice
    case when at_risk_basis = 'contract' then contract_monthly_charges else monthly_charges end * at_risk_pct / 100.0
        as at_risk_amount,
    at_risk_basis,
    -- a term the contract does not state makes the figures that need it unknown (NULL), never zero
    case
        when monthly_charges is null
            then 'no charges: the contract states no annual charges and the vendor reported no invoice for the month'
        when at_risk_pct is null then 'no at-risk amount: the contract states no share of the charges at risk'
    end as credit_unknown_reason,
    charges_source,
    invoice_measurement_key
from charges
