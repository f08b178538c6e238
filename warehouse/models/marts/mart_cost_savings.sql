-- Per engagement: charges against the pre-outsourcing cost baseline, and the gap to the committed saving.
-- Contracted: the contract's annual charges against its annual baseline. Realised: what was charged in the months
-- in service so far (invoiced amounts where the vendor reported them, else the contract's monthly charges)
-- against the baseline for the same months, so an engagement that started mid-year is compared month for month.
with charges as (
    select
        engagement_id,
        count(*) as months_in_service,
        count(*) filter (where charges_source = 'invoice') as months_invoiced,
        min(period_month) as first_month,
        max(period_month) as last_month,
        sum(monthly_charges) as charges_in_period
    from {{ ref('fct_charges') }}
    group by engagement_id
),

savings as (
    select
        engagements.engagement_id,
        engagements.engagement_type,
        engagements.vendor_name,
        engagements.currency,
        engagements.annual_charges,
        engagements.cost_baseline,
        engagements.cost_baseline_kind,
        engagements.committed_savings_pct,
        engagements.contract_sha256,
        coalesce(charges.months_in_service, 0) as months_in_service,
        coalesce(charges.months_invoiced, 0) as months_invoiced,
        charges.first_month,
        charges.last_month,
        charges.charges_in_period,
        engagements.cost_baseline / 12.0 * charges.months_in_service as baseline_in_period
    from {{ ref('dim_engagement') }} as engagements
    left join charges on charges.engagement_id = engagements.engagement_id
),

-- the period's money at the cent, as it is shown: the percentages below are taken from these, so
-- mart_kpi_unrounded, which reads them, gives the same percentages before rounding
in_cents as (
    select
        savings.*,
        {{ money("baseline_in_period") }} as baseline_in_period_cents,
        {{ money("charges_in_period") }} as charges_in_period_cents
    from savings
)

select
    engagement_id,
    engagement_type,
    vendor_name,
    currency,
    {{ money("annual_charges") }} as annual_charges,
    {{ money("cost_baseline") }} as cost_baseline,
    cost_baseline_kind,
    {{ money("cost_baseline - annual_charges") }} as annual_savings,
    {{ round_to("100.0 * (cost_baseline - annual_charges) / nullif(cost_baseline, 0)", 4) }} as contracted_savings_pct,
    months_in_service,
    months_invoiced,
    first_month,
    last_month,
    baseline_in_period_cents as baseline_in_period,
    charges_in_period_cents as charges_in_period,
    {{ money("baseline_in_period_cents - charges_in_period_cents") }} as realised_savings,
    -- the headline figure: realised where months have been charged, else what the contract promises
    {{ round_to(savings_pct("baseline_in_period_cents", "charges_in_period_cents", "cost_baseline", "annual_charges"), 4) }}
        as savings_pct,
    committed_savings_pct,
    {{ round_to(savings_pct("baseline_in_period_cents", "charges_in_period_cents", "cost_baseline", "annual_charges") ~ " - committed_savings_pct", 4) }}
        as savings_gap_pct,
    contract_sha256
from in_cents
