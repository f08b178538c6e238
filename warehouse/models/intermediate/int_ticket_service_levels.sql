-- Service levels measured from the vendor's own tickets, per engagement, service level and month.
-- A service level is measurable from tickets when it is about resolving or responding to tickets of one
-- priority: its severity, or else its name, names the level ("Priority 1 Incident Resolution Time", "P2
-- response"). A percentage with a threshold ("95% of P1 resolved within 4 hours") is the share of that
-- priority's tickets within the threshold; a time ("P1 resolution time: 4 hours") is their average, or their
-- maximum where the level says so. Tickets count in the month they were resolved (opened, where the contract
-- measures the tickets opened in the month: stg_contracts.ticket_month_basis); a reopened ticket counts
-- once, with its last resolution; time spent waiting on the customer (an event log's awaiting / on hold /
-- pending states) stops the resolution clock. The clock is calendar time unless the level is in business
-- hours or days (weekdays 08:00-18:00 unless the engagement's mapping file gives business_hours; a business
-- day is that window's hours of one day), in the level's own unit (the seed `units`). A month with fewer
-- tickets than the contract's minimum volume (stg_contracts.minimum_monthly_tickets) is not measured, and
-- says why. Each month also counts the tickets that took longer than the level allows (tickets_past_time),
-- which a credit per incident prices.
with terms as (
    select
        *,
        {{ priority_level('coalesce(severity, metric_name)') }} as priority_level,
        case
            when lower(metric_name) like '%respon%' or lower(metric_name) like '%acknowledg%' then 'response'
            else 'resolution'
        end as clock_event,
        coalesce(threshold_unit, unit) as clock_unit
    from {{ ref('stg_sla_terms') }}
    where lower(metric_name) like '%resol%' or lower(metric_name) like '%respon%'
       or lower(metric_name) like '%restor%' or lower(metric_name) like '%acknowledg%'
),

measurable as (
    -- a time, or a share within a time, in any time unit of the seed `units`
    select terms.*, clock.seconds as clock_seconds
    from terms
    inner join {{ ref('units') }} as clock on clock.unit = terms.clock_unit and clock.kind = 'time'
    where terms.priority_level is not null
      and ((terms.unit in ('percent', '%') and terms.threshold is not null) or terms.unit = terms.clock_unit)
),

ticket_clock as (
    select
        measurable.sla_metric_key,
        measurable.engagement_id,
        measurable.metric_id,
        measurable.unit,
        measurable.threshold,
        lower(measurable.metric_name) like '%max%' as is_maximum,
        -- the longest a ticket may take: the threshold of a share ("95% within 4 hours"), else the time level's
        -- Minimum (the worst it may be)
        coalesce(measurable.threshold, measurable.minimum_level) as time_allowed,
        contracts.minimum_monthly_tickets,
        tickets.ticket_id,
        tickets.file_path,
        tickets.file_sha256,
        case
            when contracts.ticket_month_basis = 'opened' then cast(date_trunc('month', tickets.opened_at) as date)
            else tickets.resolved_month
        end as resolved_month,
        -- the ticket's time in the level's own unit: hours over the unit's length, a business day being the
        -- covered day's hours of the window the clocks used
        case
            when measurable.clock_unit like 'business%' then
                case when measurable.clock_event = 'response' then tickets.response_business_hours
                     else tickets.resolution_business_hours - coalesce(tickets.paused_business_hours, 0) end
            else
                case when measurable.clock_event = 'response' then tickets.response_hours
                     else tickets.resolution_hours - coalesce(tickets.paused_hours, 0) end
        end
        * 3600.0 / coalesce(measurable.clock_seconds, tickets.business_day_hours * 3600.0) as elapsed
    from measurable
    inner join {{ ref('stg_tickets') }} as tickets
        on tickets.engagement_id = measurable.engagement_id
       and tickets.priority_level = measurable.priority_level
    left join {{ ref('stg_contracts') }} as contracts on contracts.engagement_id = measurable.engagement_id
    where tickets.resolved_month is not null
),

windows as (
    select * from {{ ref('int_ticket_windows') }}
),

measured as (
    select
        engagement_id || '/' || metric_id || '/' || substring(cast(resolved_month as varchar), 1, 7)
            as measurement_key,
        sla_metric_key,
        engagement_id,
        metric_id,
        resolved_month as period_month,
        count(*) as tickets,
        max(file_path) as file_path,
        max(file_sha256) as file_sha256,
        count(elapsed) as tickets_timed,
        count(case when elapsed > time_allowed then 1 end) as tickets_past_time,
        max(minimum_monthly_tickets) as minimum_monthly_tickets,
        case
            when max(unit) in ('percent', '%')
                then {{ round_to('100.0 * count(case when elapsed <= threshold then 1 end) / nullif(count(elapsed), 0)', 2) }}
            when bool_or(is_maximum) then {{ round_to('max(elapsed)', 2) }}
            else {{ round_to('avg(elapsed)', 2) }}
        end as value_from_tickets
    from ticket_clock
    group by engagement_id, metric_id, sla_metric_key, resolved_month
)

select
    measured.measurement_key,
    measured.sla_metric_key,
    measured.engagement_id,
    measured.metric_id,
    measured.period_month,
    measured.tickets,
    -- where the figure comes from, for lineage: the export (the last by path where several hold the month's tickets)
    measured.file_path,
    measured.file_sha256,
    cast(measured.tickets as varchar) || ' tickets' as source_location,
    measured.tickets_timed,
    -- tickets that took longer than the level allows, for a credit per incident: known for a month the exports
    -- cover, whatever the month's volume
    case when measured.period_month between windows.first_month and windows.last_month
        then measured.tickets_past_time end as tickets_past_time,
    case when measured.period_month between windows.first_month and windows.last_month
            and measured.tickets >= coalesce(measured.minimum_monthly_tickets, 0)
        then measured.value_from_tickets end as measured_value,
    case
        when measured.period_month not between windows.first_month and windows.last_month
            then 'outside the ticket exports'' months (tickets opened '
                || substring(cast(windows.first_month as varchar), 1, 7)
                || ' to ' || substring(cast(windows.last_month as varchar), 1, 7)
                || '): its tickets are late resolutions of earlier months, not the month''s work'
        when measured.tickets < measured.minimum_monthly_tickets
            then cast(measured.tickets as varchar) || ' ticket(s) in the month, fewer than the '
                || cast(cast(measured.minimum_monthly_tickets as integer) as varchar)
                || ' the contract measures the level over (minimum_monthly_tickets)'
    end as not_measured_reason
from measured
inner join windows on windows.engagement_id = measured.engagement_id
