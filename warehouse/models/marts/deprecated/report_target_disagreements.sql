-- Deprecated: renamed mart_report_target_disagreements (2026-12-05). A view under the old name keeps users' SQL working until
-- its deprecation date in _deprecated.yml; read mart_report_target_disagreements.
select * from {{ ref('mart_report_target_disagreements') }}
