-- Deprecated: renamed mart_missing_reports (2026-12-05). A view under the old name keeps users' SQL working until
-- its deprecation date in _deprecated.yml; read mart_missing_reports.
select * from {{ ref('mart_missing_reports') }}
