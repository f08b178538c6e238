-- Per ITO / BPO / KPO and the whole portfolio. Money is not summed across currencies: savings and credits
-- are rolled up as percentages of each engagement's own baseline and charges.
with engagements as (
    select * from {{ ref('mart_kpi_summary') }}
),

by_type as (
    select
        engagement_type,
        count(*) as engagements,
        sum(measurements) as measurements,
        100.0 * sum(sla_attainment_pct * measurements / 100.0) / nullif(sum(measurements), 0) as sla_attainment_pct,
        sum(breaches) as breaches,
        avg(credits_pct_of_charges) as credits_pct_of_charges,
        avg(savings_pct) as savings_pct,
        avg(quality_change_pct) as quality_change_pct
    from engagements
    group by engagement_type
),

portfolio as (
    select
        'ALL' as engagement_type,
        count(*),
        sum(measurements),
        100.0 * sum(sla_attainment_pct * measurements / 100.0) / nullif(sum(measurements), 0),
        sum(breaches),
        avg(credits_pct_of_charges),
        avg(savings_pct),
        avg(quality_change_pct)
    from engagements
)

select * from by_type
union all
select * from portfolio
