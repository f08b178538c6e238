-- One row per loaded contract and required term it lacks (contract_requirements seed): what is missing, what
-- stays unknown without it, the candidates the extractor found below the review threshold (value, page,
-- text), and what to write in the engagement's corrections file. Empty when every contract is complete.
with engagements as (
    select distinct engagement_id
    from {{ ref('stg_file_registry') }}
    where kind = 'contract' and status = 'loaded'
),

requirements as (
    select * from {{ ref('contract_requirements') }}
),

stated as (
    select distinct engagement_id, field
    from {{ ref('stg_contract_terms') }}
    where confidence >= {{ var('review_confidence_threshold') }}
    union
    select distinct engagement_id, 'sla_schedule' as field
    from {{ ref('stg_sla_terms') }}
),

candidates as (
    select
        engagement_id,
        field,
        string_agg(
            value || ' (page ' || cast(page as varchar) || ': ' || substr(source_text, 1, 160) || ')',
            ' | ' order by confidence desc
        ) as candidates
    from {{ ref('stg_contract_terms') }}
    where confidence < {{ var('review_confidence_threshold') }}
    group by engagement_id, field
),

gaps as (
    select engagements.engagement_id, requirements.*
    from engagements
    cross join requirements
    left join stated on stated.engagement_id = engagements.engagement_id and stated.field = requirements.field
    where stated.field is null
)

select
    gaps.engagement_id,
    gaps.field,
    case when candidates.candidates is null then 'missing' else 'low confidence' end as status,
    gaps.needed_for,
    gaps.why_it_matters,
    candidates.candidates,
    'contracts/' || gaps.engagement_id || '.yml' as correction_file,
    'enter ' || gaps.yaml_example || ' in contracts/' || gaps.engagement_id || '.yml in the inbox; '
    || '`outsourcing-etl review --engagement ' || gaps.engagement_id || '` writes a template' as what_to_do
from gaps
left join candidates on candidates.engagement_id = gaps.engagement_id and candidates.field = gaps.field
