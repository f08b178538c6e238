-- Realised savings rolled up by vendor, by ITO/BPO/KPO and for the whole portfolio. Money adds up only within a
-- currency, so each rollup row is one group in one currency. savings_pct, committed_savings_pct and
-- savings_gap_pct follow the project's one portfolio definition (each engagement's own percentage, each
-- engagement counting once: the same as mart_kpi_by_engagement_type, the CLI and the HTML report);
-- weighted_savings_pct is the group's realised savings over its baseline (weighted by baseline), which only
-- money in one currency allows.
with engagements as (
    -- a contract that names no vendor or no currency still counts: under its own label, never summed with
    -- the money of a known currency, and never a NULL key that would stop the build
    select
        engagement_id,
        engagement_type,
        coalesce(vendor_name, 'unknown vendor') as vendor_name,
        coalesce(currency, 'unknown currency') as currency,
        baseline_in_period,
        charges_in_period,
        -- the engagement's percentages before rounding (mart_cost_savings shows them rounded): the group's
        -- average is taken first and rounded once
        {{ savings_pct("baseline_in_period", "charges_in_period", "cost_baseline", "annual_charges") }} as savings_pct,
        committed_savings_pct,
        {{ savings_pct("baseline_in_period", "charges_in_period", "cost_baseline", "annual_charges") }}
            - committed_savings_pct as savings_gap_pct
    from {{ ref('mart_cost_savings') }}
    where months_in_service > 0
),

grouped as (
    select 'vendor' as rollup_level, vendor_name as rollup_key, engagements.* from engagements
    union all
    select 'engagement_type', engagement_type, engagements.* from engagements
    union all
    select 'portfolio', 'ALL', engagements.* from engagements
)

select
    rollup_level || '/' || rollup_key || '/' || currency as rollup_row_key,
    rollup_level,
    rollup_key,
    currency,
    count(*) as engagements,
    {{ money("sum(baseline_in_period)") }} as baseline_in_period,
    {{ money("sum(charges_in_period)") }} as charges_in_period,
    {{ money("sum(baseline_in_period) - sum(charges_in_period)") }} as realised_savings,
    {{ round_to("avg(savings_pct)", 4) }} as savings_pct,
    {{ round_to("avg(committed_savings_pct)", 4) }} as committed_savings_pct,
    {{ round_to("avg(savings_gap_pct)", 4) }} as savings_gap_pct,
    {{ round_to("100.0 * (sum(baseline_in_period) - sum(charges_in_period)) / nullif(sum(baseline_in_period), 0)", 4) }} as weighted_savings_pct
from grouped
group by rollup_level, rollup_key, currency
