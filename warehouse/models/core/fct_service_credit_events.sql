-- Grain: one row per engagement, service level and month for the levels whose credit is not the at-risk pool:
-- what the month's result earns under the level's own credit model, before any cap.
--   flat % per failure:    a missed level (below its minimum) earns credit_pct % of the month's charges
--   tiered by attainment:  credit_tiers "99.8:2;98:3": a result worse than 99.8 earns 2 %, worse than 98 earns 3 %;
--                          the worst band the result reaches decides (bands are not added up)
--   amount per failure:    a missed level earns credit_amount in the contract's currency
--   amount per incident:   each ticket that took longer than the level allows earns credit_amount, whether or not
--                          the month's level is missed (int_ticket_service_levels.tickets_past_time); a month
--                          the ticket exports do not cover has no count, so its credit is unknown (NULL)
--   % per step short:      a missed level earns credit_pct % for each credit_step its result falls short of the
--                          minimum (0.25 short in steps of 0.1: 2 whole steps, 3 where a part step counts); a
--                          deemed failure has no result to measure, so its credit is unknown (NULL)
--   % per hour of outage:  each hour the service was out in the month earns credit_pct %, whether or not the
--                          level is missed: a downtime level's result in hours, or an availability level's share
--                          short of 100 % of the month's hours (24 a day); a part hour counts only where
--                          credit_part_step_counts; a deemed failure has no hours to count (NULL)
-- A trigger ("three times in any six consecutive months": credit_trigger_count 3, credit_trigger_months 6) makes
-- a miss a credit event only when it is at least the 3rd miss of the level in the 6 months ending with it.
-- A month the contract deems failed for want of a report (fct_sla_results) is a miss, and reaches the worst band.
with facts as (
    select
        facts.*,
        metrics.credit_model,
        metrics.credit_pct,
        metrics.credit_amount,
        metrics.credit_tiers,
        metrics.credit_trigger_count,
        metrics.credit_trigger_months,
        metrics.credit_step,
        metrics.credit_part_step_counts,
        metrics.minimum_level,
        metrics.unit
    from {{ ref('fct_sla_results') }} as facts
    inner join {{ ref('dim_sla_metric') }} as metrics on metrics.sla_metric_key = facts.sla_metric_key
    where metrics.credit_model in (select credit_model from {{ ref('credit_models') }} where priced_per_level)
),

misses_in_window as (
    select
        facts.sla_metric_key,
        facts.period_month,
        count(earlier.period_month) as misses_in_trigger_window
    from facts
    left join facts as earlier
        on earlier.sla_metric_key = facts.sla_metric_key
        and earlier.is_breached
        and earlier.period_month <= facts.period_month
        and earlier.period_month > {{ dbt.dateadd('month', '-facts.credit_trigger_months', 'facts.period_month') }}
    where facts.credit_trigger_count is not null
    group by facts.sla_metric_key, facts.period_month
),

band_numbers as (
    -- split_part(text, delimiter, n) is the same function on DuckDB and PostgreSQL (dbt's cross-database
    -- macro takes only a literal n)
    -- at most nine bands per level; a contract with more is rare enough to enter by hand as two levels
    select band_number from (values (1), (2), (3), (4), (5), (6), (7), (8), (9)) as bands (band_number)
),

bands as (
    select
        facts.sla_metric_key,
        facts.period_month,
        cast(trim(split_part(split_part(facts.credit_tiers, ';', band_numbers.band_number), ':', 1)) as double precision)
            as band_level,
        cast(trim(split_part(split_part(facts.credit_tiers, ';', band_numbers.band_number), ':', 2)) as double precision)
            as band_credit_pct,
        facts.direction,
        facts.actual_value,
        facts.is_deemed_failure
    from facts
    cross join band_numbers
    where facts.credit_model = 'tiered by attainment'
        and trim(split_part(facts.credit_tiers, ';', band_numbers.band_number)) <> ''
),

reached as (
    select
        sla_metric_key,
        period_month,
        band_level,
        band_credit_pct,
        row_number() over (
            partition by sla_metric_key, period_month
            order by case when direction = 'higher' then band_level else -band_level end
        ) as severity_rank
    from bands
    -- each band is a minimum of its own: the value falls short of it (a deemed failure falls short of all)
    where is_deemed_failure or {{ misses_minimum('actual_value', 'direction', 'band_level') }}
),

events as (
    select
        facts.*,
        -- a miss is a credit event unless the contract's trigger asks for more misses in its window
        facts.is_breached
            and coalesce(misses_in_window.misses_in_trigger_window >= facts.credit_trigger_count, true)
            as is_credit_event,
        misses_in_window.misses_in_trigger_window,
        reached.band_level as tier_reached,
        reached.band_credit_pct,
        -- a month the exports cover with no ticket of the level's priority counts none past its time
        coalesce(
            counted.tickets_past_time,
            case when facts.period_month between covered.first_month and covered.last_month then 0 end
        ) as incidents_past_time,
        -- steps short of the minimum, as a decimal: in binary floating point 99.9 - 99.7 is 0.2000000000000028,
        -- which a ceiling would make 3 steps of 0.1
        cast(
            case when facts.direction = 'higher' then facts.minimum_level - facts.actual_value
                 else facts.actual_value - facts.minimum_level end / facts.credit_step
            as decimal(18, 6)
        ) as steps_short,
        -- hours out, to 6 places for the same reason: 0.1 % of a 30-day month is 0.72 hours, not 0.7199999
        cast(
            case
                when facts.credit_model <> '% per hour of outage' then null
                when facts.unit = 'percent' then
                    (case when facts.direction = 'higher' then 100 - facts.actual_value else facts.actual_value end)
                    / 100 * 24 * {{ dbt.datediff('facts.period_month', dbt.dateadd('month', 1, 'facts.period_month'), 'day') }}
                else facts.actual_value * units.seconds / 3600
            end
            as decimal(18, 6)
        ) as hours_of_outage
    from facts
    left join misses_in_window
        on misses_in_window.sla_metric_key = facts.sla_metric_key
        and misses_in_window.period_month = facts.period_month
    left join reached
        on reached.sla_metric_key = facts.sla_metric_key
        and reached.period_month = facts.period_month
        and reached.severity_rank = 1
    left join {{ ref('int_ticket_service_levels') }} as counted
        on counted.sla_metric_key = facts.sla_metric_key
        and counted.period_month = facts.period_month
        and facts.credit_model = 'amount per incident'
    left join {{ ref('int_ticket_windows') }} as covered
        on covered.engagement_id = facts.engagement_id
        and facts.credit_model = 'amount per incident'
    left join {{ ref('units') }} as units
        on units.unit = facts.unit
        and units.kind = 'time'
)

select
    engagement_id,
    sla_metric_key,
    period_month,
    credit_model,
    actual_value,
    is_breached,
    is_deemed_failure,
    is_credit_event,
    misses_in_trigger_window,
    tier_reached,
    incidents_past_time,
    hours_of_outage,
    case
        when credit_model = 'flat % per failure' then case when is_credit_event then credit_pct else 0 end
        when credit_model = 'tiered by attainment' then coalesce(band_credit_pct, 0)
        when credit_model = '% per step short' then
            case
                when not is_credit_event then 0
                else credit_pct * case when credit_part_step_counts then ceil(steps_short) else floor(steps_short) end
            end
        when credit_model = '% per hour of outage' then
            credit_pct * case when credit_part_step_counts then ceil(hours_of_outage) else floor(hours_of_outage) end
        else 0
    end as credit_pct_earned,
    case
        when credit_model = 'amount per failure' then case when is_credit_event then credit_amount else 0 end
        when credit_model = 'amount per incident' then credit_amount * incidents_past_time
        else 0
    end as credit_amount_earned
from events
