-- Per engagement, the figures mart_kpi_summary shows, before their one rounding: the summary rounds these, and
-- mart_kpi_by_engagement_type averages these, so a type's average is never an average of rounded values.
-- Percentages come from counts and from money at the cent, never from a rounded percentage.
with attainment as (
    select
        engagement_id,
        count(*) as measurements,
        count(*) filter (where is_met) as met,
        count(*) filter (where is_breached) as breaches
    from {{ ref('fct_sla_measurement') }}
    group by engagement_id
),

credits as (
    select
        engagement_id,
        count(credit_unknown_reason) as months_unknown,
        sum(credit_amount) as credits_summed,
        sum(monthly_charges) as charges_in_period
    from {{ ref('mart_service_credits') }}
    group by engagement_id
),

level_averages as (
    select sla_metric_key, avg(actual_value) as average_actual
    from {{ ref('fct_sla_measurement') }}
    group by sla_metric_key
),

quality as (
    select
        metrics.engagement_id,
        avg({{ quality_change_pct("metrics.direction", "level_averages.average_actual", "metrics.baseline_level") }})
            as quality_change_pct
    from {{ ref('dim_sla_metric') }} as metrics
    inner join level_averages on level_averages.sla_metric_key = metrics.sla_metric_key
    where metrics.baseline_level is not null
    group by metrics.engagement_id
)

select
    savings.engagement_id,
    savings.engagement_type,
    coalesce(attainment.measurements, 0) as measurements,
    coalesce(attainment.met, 0) as measurements_met,
    cast(100.0 * attainment.met / nullif(attainment.measurements, 0) as double precision) as sla_attainment_pct,
    -- an engagement nothing was measured for has no breaches or credits to speak of: unknown, never 0 (a 0 would
    -- enter the ITO/BPO/KPO averages as a clean record)
    attainment.breaches,
    -- one month of unknown credit makes the total unknown: a partial sum would read as the answer
    -- a sum of amounts at the cent, so typed as money with nothing to round
    {{ money("case when attainment.measurements is not null and coalesce(credits.months_unknown, 0) = 0 "
        ~ "then coalesce(credits.credits_summed, 0) end") }} as credits_owed,
    case when attainment.measurements is not null and credits.months_unknown = 0
        then cast(100.0 * credits.credits_summed / nullif(credits.charges_in_period, 0) as double precision) end
        as credits_pct_of_charges,
    {{ savings_pct("savings.baseline_in_period", "savings.charges_in_period", "savings.cost_baseline", "savings.annual_charges") }}
        as savings_pct,
    quality.quality_change_pct
from {{ ref('mart_cost_savings') }} as savings
left join attainment on attainment.engagement_id = savings.engagement_id
left join credits on credits.engagement_id = savings.engagement_id
left join quality on quality.engagement_id = savings.engagement_id
