-- Per ITO / BPO / KPO and the whole portfolio. Money is not summed across currencies: savings and credits
-- are rolled up as percentages of each engagement's own baseline and charges, each engagement counting once
-- (mart_cost_savings_rollup weights by baseline within one currency instead). Attainment is met months over
-- measured months, from the counts; the other percentages average the engagements' unrounded ones and are
-- rounded once.
with engagements as (
    select * from {{ ref('mart_kpi_unrounded') }}
),

by_type as (
    select
        engagement_type,
        count(*) as engagements,
        -- "based on n of N": how many engagements each figure rests on
        count(*) filter (where measurements > 0) as engagements_measured,
        count(savings_pct) as engagements_with_savings,
        count(credits_pct_of_charges) as engagements_with_credits,
        sum(measurements) as measurements,
        {{ round_to("100.0 * sum(measurements_met) / nullif(sum(measurements), 0)", 4) }} as sla_attainment_pct,
        sum(breaches) as breaches,
        {{ round_to("avg(credits_pct_of_charges)", 4) }} as credits_pct_of_charges,
        {{ round_to("avg(savings_pct)", 4) }} as savings_pct,
        {{ round_to("avg(quality_change_pct)", 4) }} as quality_change_pct
    from engagements
    group by engagement_type
),

portfolio as (
    select
        'ALL' as engagement_type,
        count(*),
        count(*) filter (where measurements > 0),
        count(savings_pct),
        count(credits_pct_of_charges),
        sum(measurements),
        {{ round_to("100.0 * sum(measurements_met) / nullif(sum(measurements), 0)", 4) }},
        sum(breaches),
        {{ round_to("avg(credits_pct_of_charges)", 4) }},
        {{ round_to("avg(savings_pct)", 4) }},
        {{ round_to("avg(quality_change_pct)", 4) }}
    from engagements
)

select * from by_type
union all
select * from portfolio
