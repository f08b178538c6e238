-- Deprecated: renamed mart_vendor_flag_disagreements (2026-12-05). A view under the old name keeps users' SQL working until
-- its deprecation date in _deprecated.yml; read mart_vendor_flag_disagreements.
select * from {{ ref('mart_vendor_flag_disagreements') }}
