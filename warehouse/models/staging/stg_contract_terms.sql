-- Every contract term as loaded, one row per value with its provenance, extracted or entered by hand: what the
-- review queue and lineage read instead of the raw table.
select
    engagement_id,
    field,
    value,
    confidence,
    origin,
    extraction_rule,
    file_path,
    file_sha256,
    page,
    source_text
from {{ source('raw', 'raw_contract_terms') }}
