-- Per engagement: has outsourcing delivered? Money is rounded to the cent and percentages to 4 decimals,
-- so re-running over the same data gives the same results to the byte (float sums depend on order).
-- SLA attainment, breaches, credits, savings and quality in one row.
with credits as (
    select
        engagement_id,
        max(credit_unknown_reason) as credits_unknown_reason,
        -- what the months of known credit owe: a figure to act on while the unknown months are supplied
        sum(credit_amount) as credits_owed_known_months,
        count(*) filter (where report_status = 'no report' and credit_amount is null) as unreported_months,
        min(case when report_status = 'no report' and credit_amount is null then period_month end)
            as first_unreported_month,
        max(credit_unknown_reason) filter (where report_status <> 'no report' or credit_amount is not null)
            as other_unknown_reason,
        sum(credit_earned_back) as credits_earned_back,
        sum(service_level_defaults) as service_level_defaults
    from {{ ref('mart_service_credits') }}
    group by engagement_id
)

select
    savings.engagement_id,
    savings.engagement_type,
    savings.vendor_name,
    savings.currency,
    exact.measurements,
    exact.measurements_met,
    {{ round_to("exact.sla_attainment_pct", 4) }} as sla_attainment_pct,
    -- breaches: months any level missed its Minimum; service_level_defaults: those of critical levels (with an
    -- allocation of the at-risk pool), the misses the contracts call Service Level Defaults
    -- an engagement nothing was measured for (no report, no month from tickets) has no breaches or credits to
    -- speak of: unknown, with the reason, never 0 (a 0 would enter the ITO/BPO/KPO averages as a clean record)
    exact.breaches,
    case when exact.measurements > 0 then cast(coalesce(credits.service_level_defaults, 0) as integer) end
        as service_level_defaults,
    {{ money("exact.credits_owed") }} as credits_owed,
    case
        when exact.measurements = 0
            then 'nothing measured: no performance report or ticket month has been loaded for the engagement'
        when credits.unreported_months > 0
            then 'no report for ' || cast(credits.unreported_months as varchar) || ' month(s) in service from '
                || left(cast(credits.first_unreported_month as varchar), 7) || ', so their credits are unknown (the '
                || 'contract does not deem a missing report a failure): load those reports or enter the months by '
                || 'hand (mart_missing_reports lists them); credits_owed_known_months sums the other months'
        else credits.other_unknown_reason
    end as credits_unknown_reason,
    {{ money("case when exact.measurements > 0 then credits.credits_owed_known_months end") }}
        as credits_owed_known_months,
    {{ money("case when exact.measurements > 0 then coalesce(credits.credits_earned_back, 0) end") }}
        as credits_earned_back,
    -- what the vendor owes after earn-back; credits_owed is before it
    {{ money("exact.credits_owed - coalesce(credits.credits_earned_back, 0)") }}
        as net_credits_owed,
    {{ round_to("exact.credits_pct_of_charges", 4) }} as credits_pct_of_charges,
    savings.annual_charges,
    savings.cost_baseline,
    savings.savings_pct,
    case
        when savings.cost_baseline is null then 'no cost baseline: the contract states no pre-outsourcing cost'
        when savings.annual_charges is null then 'no charges: the contract states no annual charges'
    end as savings_unknown_reason,
    savings.committed_savings_pct,
    {{ round_to("exact.quality_change_pct", 4) }} as quality_change_pct,
    -- the figures that rest on hand entries, so a reader of the summary sees them as such
    nullif(
        concat_ws(
            ', ',
            engagement.fields_entered_by_hand,
            case when engagement.schedule_entered_by_hand then 'service levels' end
        ),
        ''
    ) as entered_by_hand
from {{ ref('mart_cost_savings') }} as savings
inner join {{ ref('mart_kpi_unrounded') }} as exact on exact.engagement_id = savings.engagement_id
left join credits on credits.engagement_id = savings.engagement_id
left join {{ ref('dim_engagement') }} as engagement on engagement.engagement_id = savings.engagement_id
