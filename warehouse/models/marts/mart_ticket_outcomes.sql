-- ServiceNow-style tools record their own SLA outcome per ticket (made_sla). Per engagement: the share of
-- closed tickets whose own flag says the SLA was made, overall, per priority and per month resolved, so the
-- tool's verdict can be set beside the vendor's report and beside our own clock (mart_reported_vs_measured).
-- priority 'all' and period_month null mark the totals.
with closed as (
    select * from {{ ref('stg_tickets') }}
    where is_closed and made_sla is not null
)

select
    engagement_id,
    case when grouping(priority) = 1 then 'all' else priority end as priority,
    period_month,
    case
        when grouping(priority) = 0 then 'priority'
        when grouping(period_month) = 0 then 'month'
        else 'overall'
    end as grain,
    count(*) as closed_tickets,
    count(case when made_sla then 1 end) as made_sla_tickets,
    {{ round_to('100.0 * count(case when made_sla then 1 end) / count(*)', 4) }} as made_sla_pct,
    {{ round_to('avg(resolution_hours)', 2) }} as avg_resolution_hours
from (select *, resolved_month as period_month from closed) as tickets
group by grouping sets ((engagement_id), (engagement_id, priority), (engagement_id, period_month))
