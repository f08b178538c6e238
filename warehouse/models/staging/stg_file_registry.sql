-- One row per inbox file the pipeline has seen, with what became of it (loaded, quarantined, unchanged).
select
    path,
    sha256,
    kind,
    engagement_id,
    status,
    reason,
    rows_loaded,
    pages,
    loaded_at,
    run_id
from {{ source('raw', 'file_registry') }}
