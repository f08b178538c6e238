-- Realised savings rolled up by vendor, by ITO/BPO/KPO and for the whole portfolio. Money adds up only within a
-- currency, so each rollup row is one group in one currency; savings_pct is the group's realised savings over
-- its baseline for the same months (weighted by baseline, not an average of percentages).
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
        committed_savings_pct
    from {{ ref('mart_cost_savings') }}
    where months_in_service > 0
),

grouped as (
    select 'vendor' as rollup_level, vendor_name as rollup_key, currency, engagement_id, baseline_in_period,
           charges_in_period, committed_savings_pct
    from engagements
    union all
    select 'engagement_type', engagement_type, currency, engagement_id, baseline_in_period, charges_in_period,
           committed_savings_pct
    from engagements
    union all
    select 'portfolio', 'ALL', currency, engagement_id, baseline_in_period, charges_in_period, committed_savings_pct
    from engagements
)

select
    rollup_level || '/' || rollup_key || '/' || currency as rollup_row_key,
    rollup_level,
    rollup_key,
    currency,
    count(*) as engagements,
    {{ round_to("sum(baseline_in_period)", 2) }} as baseline_in_period,
    {{ round_to("sum(charges_in_period)", 2) }} as charges_in_period,
    {{ round_to("sum(baseline_in_period) - sum(charges_in_period)", 2) }} as realised_savings,
    {{ round_to("100.0 * (sum(baseline_in_period) - sum(charges_in_period)) / nullif(sum(baseline_in_period), 0)", 4) }} as savings_pct,
    {{ round_to("sum(committed_savings_pct * baseline_in_period) / nullif(sum(baseline_in_period), 0)", 4) }} as committed_savings_pct,
    {{ round_to("100.0 * (sum(baseline_in_period) - sum(charges_in_period)) / nullif(sum(baseline_in_period), 0) - sum(committed_savings_pct * baseline_in_period) / nullif(sum(baseline_in_period), 0)", 4) }} as savings_gap_pct
from grouped
group by rollup_level, rollup_key, currency
