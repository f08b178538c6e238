-- Grain: one row per engagement with ticket exports: the months they cover, from the first to the last month a
-- ticket was opened in. A month after it holds only the late resolutions of earlier tickets, not the month's work.
select
    engagement_id,
    min(cast({{ dbt.date_trunc('month', 'opened_at') }} as date)) as first_month,
    max(cast({{ dbt.date_trunc('month', 'opened_at') }} as date)) as last_month
from {{ ref('stg_tickets') }}
group by engagement_id
