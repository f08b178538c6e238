-- Deprecated: renamed mart_reported_vs_measured (2026-12-05). A view under the old name keeps users' SQL working until
-- its deprecation date in _deprecated.yml; read mart_reported_vs_measured.
select * from {{ ref('mart_reported_vs_measured') }}
