-- Trust but verify: months where a vendor's report states a target for a service level that is not the
-- contract's Expected level (in the contract's unit). The report's target is evidence of what the vendor
-- measures against; attainment and credits always use the contract's.
select
    facts.measurement_key,
    facts.engagement_id,
    engagements.engagement_type,
    engagements.vendor_name,
    facts.metric_id,
    facts.period_month,
    facts.direction,
    facts.expected_level as contract_expected_level,
    facts.reported_target as report_target,
    facts.actual_value,
    facts.file_path as source_file,
    facts.source_location
from {{ ref('fct_sla_measurement') }} as facts
inner join {{ ref('dim_engagement') }} as engagements on engagements.engagement_id = facts.engagement_id
-- a target written with fewer decimals than the contract's is the same target
where facts.reported_target is not null and abs(facts.reported_target - facts.expected_level) > 0.005
