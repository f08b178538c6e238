-- Every extracted contract value whose confidence is below the review threshold, with where it came from.
-- These values are not used as facts (stg_contracts skips them) until a person confirms them.
select
    terms.engagement_id,
    terms.field,
    terms.value,
    terms.confidence,
    terms.file_path,
    terms.page,
    terms.source_text,
    terms.file_sha256
from {{ source('raw', 'raw_contract_terms') }} as terms
where terms.confidence < {{ var('review_confidence_threshold') }}
