-- Deprecated: renamed mart_restatements (2026-12-05). A view under the old name keeps users' SQL working until
-- its deprecation date in _deprecated.yml; read mart_restatements.
select * from {{ ref('mart_restatements') }}
