-- One row per ticket of an engagement, in its last state. A ticket in two exports (monthly exports that
-- overlap, or a re-export) counts once: the export loaded last holds its latest state.
with source as (
    select * from {{ source('raw', 'raw_tickets') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by engagement_id, ticket_id order by loaded_at desc, file_path desc
        ) as recency
    from source
)

select
    engagement_id || '/' || ticket_id as ticket_key,
    engagement_id,
    ticket_id,
    priority,
    priority_level,
    state,
    is_closed,
    opened_at,
    responded_at,
    resolved_at,
    closed_at,
    -- a ticket counts in the month it was resolved (closed, where the export records no resolution)
    cast(date_trunc('month', coalesce(resolved_at, closed_at)) as date) as resolved_month,
    made_sla,
    reopen_count,
    events,
    resolution_hours,
    resolution_business_hours,
    response_hours,
    response_business_hours,
    paused_hours,
    paused_business_hours,
    business_day_hours,
    file_sha256,
    file_path,
    loaded_at
from ranked
where recency = 1
