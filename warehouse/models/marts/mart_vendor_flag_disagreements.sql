-- Trust but verify: months where the vendor's own met/missed flag disagrees with attainment recomputed
-- from the reported value and the contract's Expected level.
select
    facts.measurement_key,
    facts.engagement_id,
    engagements.engagement_type,
    engagements.vendor_name,
    facts.metric_id,
    facts.period_month,
    facts.direction,
    facts.expected_level,
    facts.actual_value,
    facts.reported_met as vendor_says_met,
    facts.is_met as recomputed_met,
    facts.file_path as source_file,
    facts.source_location
from {{ ref('fct_sla_measurement') }} as facts
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = facts.engagement_id
where facts.reported_met is not null and facts.reported_met <> facts.is_met
