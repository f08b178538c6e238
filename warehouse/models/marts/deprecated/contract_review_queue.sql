-- Deprecated: renamed mart_contract_review_queue (2026-12-05). A view under the old name keeps users' SQL working until
-- its deprecation date in _deprecated.yml; read mart_contract_review_queue.
select * from {{ ref('mart_contract_review_queue') }}
